"""The JSON a planner writes and reads (``seta plan FILE.json``): read into an :class:`Instantie`, write a plan.

The input follows ``plan-invoer.schema.json`` (next to this module; documented in docs/planning.md). ``lees``
checks it against the schema and then semantically (an unknown unit or partner, shares that do not add up to
1, a duplicate id, a deadline before the earliest start …) and raises :class:`PlanInvoerFout` naming *every*
problem by its JSON path (``$.opdrachten[3].uren``), in Dutch. ``schrijf`` turns a plan into the camelCase JSON
of the output; ``tabel`` into the rows of the command's tables. Pure: no Django import.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from .model import STANDAARD_PRIORITEITSGEWICHTEN, Instantie, Plan, PlanInvoerFout, Regels, Vraag

SCHEMA_BESTAND = "plan-invoer.schema.json"
TOLERANTIE = 1e-6  # shares and weights must add up to 1 within this


@cache
def schema() -> dict[str, Any]:
    """The input's JSON Schema (draft 2020-12)."""
    tekst = resources.files(__name__.rpartition(".")[0]).joinpath(SCHEMA_BESTAND).read_text(encoding="utf-8")
    return dict(json.loads(tekst))


@cache
def _validator() -> Draft202012Validator:
    # The same schema with its local references replaced by what they point to: the reference resolution
    # is about half of jsonschema's time on a file of 20,000 assignments.
    s = schema()
    plat = _inline({k: v for k, v in s.items() if k != "$defs"}, s.get("$defs", {}))
    return Draft202012Validator(plat, format_checker=FormatChecker())


def _inline(x: Any, defs: Mapping[str, Any]) -> Any:
    if isinstance(x, dict):
        ref = x.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            doel = _inline(defs[ref.removeprefix("#/$defs/")], defs)
            return {**doel, **{k: _inline(v, defs) for k, v in x.items() if k != "$ref"}}
        return {k: _inline(v, defs) for k, v in x.items()}
    if isinstance(x, list):
        return [_inline(v, defs) for v in x]
    return x


# --------------------------------------------------------------------------- reading


class _Fouten:
    def __init__(self) -> None:
        self.fouten: dict[str, list[str]] = {}

    def add(self, pad: str, bericht: str) -> None:
        lijst = self.fouten.setdefault(pad, [])
        if bericht not in lijst:
            lijst.append(bericht)

    def __bool__(self) -> bool:
        return bool(self.fouten)


def pad(delen: Sequence[str | int]) -> str:
    """A JSON path (``$.opdrachten[3].uren``) of the parts of a location."""
    uit = "$"
    for d in delen:
        if isinstance(d, int):
            uit += f"[{d}]"
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", d):
            uit += f".{d}"
        else:
            uit += f"[{json.dumps(d, ensure_ascii=False)}]"
    return uit


# The messages of Python's JSON parser, in Dutch.
_JSON_BERICHTEN = {
    "Expecting value": "hier wordt een waarde verwacht",
    "Expecting property name enclosed in double quotes": "hier wordt een veldnaam tussen dubbele"
    " aanhalingstekens verwacht",
    "Expecting ',' delimiter": "hier wordt een komma verwacht",
    "Expecting ':' delimiter": "hier wordt een dubbele punt verwacht",
    "Unterminated string starting at": "een tekst zonder afsluitend aanhalingsteken begint hier",
    "Extra data": "na het einde van de JSON staat nog meer",
    "Invalid control character at": "ongeldig stuurteken (zoals een tab of regelovergang in een tekst)",
    "Invalid \\escape": "ongeldige escape met \\",
}


def lees_tekst(tekst: str | bytes) -> Instantie:
    """Parse and read a JSON document (see :func:`ontleed` and :func:`lees`)."""
    return lees(ontleed(tekst))


def ontleed(tekst: str | bytes) -> Any:
    """The parsed JSON document; not JSON at all is a :class:`PlanInvoerFout` at ``$``."""
    try:
        return json.loads(tekst)
    except UnicodeDecodeError as exc:
        raise PlanInvoerFout({"$": [f"het bestand is geen UTF-8-tekst (byte {exc.start + 1})."]}) from exc
    except json.JSONDecodeError as exc:
        uitleg = next((nl for en, nl in _JSON_BERICHTEN.items() if exc.msg.startswith(en)), exc.msg)
        raise PlanInvoerFout(
            {"$": [f"geen geldige JSON: {uitleg} (regel {exc.lineno}, kolom {exc.colno})."]}
        ) from exc
    except RecursionError as exc:
        raise PlanInvoerFout({"$": ["het bestand is te diep genest."]}) from exc


def startweek(data: Any) -> dt.date | None:
    """The Monday of week 0 named in a (valid) document, if any."""
    return _datum(data.get("startweek")) if isinstance(data, dict) else None


def lees(data: Any) -> Instantie:
    """The instance of a parsed JSON document, or :class:`PlanInvoerFout` with every problem."""
    fouten = _Fouten()
    for fout in sorted(_validator().iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        for waar, bericht in _schemafout(fout):
            fouten.add(waar, bericht)
    if not isinstance(data, dict):
        raise PlanInvoerFout(fouten.fouten)
    inst = _semantisch(data, fouten)
    if fouten or inst is None:
        raise PlanInvoerFout(dict(sorted(fouten.fouten.items(), key=lambda kv: _padsleutel(kv[0]))))
    return inst


def _padsleutel(waar: str) -> list[tuple[int, int | str]]:
    """Sort paths in document order within a list: ``[10]`` after ``[9]``."""
    return [(0, int(d)) if d.isdigit() else (1, d) for d in re.findall(r"\d+|[^\[\].\d]+", waar)]


def _schemafout(fout: ValidationError) -> list[tuple[str, str]]:
    """(path, Dutch message) for one schema error; a missing or unknown field is named in the path."""
    delen: list[str | int] = list(fout.absolute_path)
    v: Any = fout.validator
    waarde: Any = fout.validator_value
    inst: Any = fout.instance
    sch: Any = fout.schema
    if v == "required":
        return [(pad([*delen, n]), "ontbreekt.") for n in waarde if isinstance(inst, dict) and n not in inst]
    if v == "additionalProperties" and isinstance(inst, dict):
        bekend = set(sch.get("properties", {}))
        return [(pad([*delen, n]), "onbekend veld.") for n in inst if n not in bekend]
    if v == "oneOf" and all(isinstance(s, dict) and list(s) == ["required"] for s in waarde):
        namen = [s["required"][0] for s in waarde]
        if isinstance(inst, dict) and sum(n in inst for n in namen) > 1:
            return [(pad(delen), f"geef {' of '.join(namen)}, niet beide.")]
        return [(pad([*delen, namen[0]]), f"ontbreekt (of geef {' '.join(namen[1:])}).")]
    if v == "not":
        namen = waarde.get("required", []) if isinstance(waarde, dict) else []
        return [(pad(delen), f"geef {' of '.join(namen)}, niet beide.")]
    return [(pad(delen), _bericht(fout))]


_TYPEN = {
    "integer": "een geheel getal",
    "number": "een getal",
    "string": "tekst",
    "boolean": "true of false",
    "object": "een object",
    "array": "een lijst",
}


def _bericht(fout: ValidationError) -> str:
    v: Any = fout.validator
    w: Any = fout.validator_value
    if v == "type":
        typen: list[str] = w if isinstance(w, list) else [w]
        return f"moet {' of '.join(_TYPEN.get(t, t) for t in typen)} zijn, niet {_soort(fout.instance)}."
    if v == "minimum":
        return f"moet minstens {w} zijn (is {fout.instance})."
    if v == "exclusiveMinimum":
        return f"moet groter dan {w} zijn (is {fout.instance})."
    if v == "maximum":
        return f"mag hoogstens {w} zijn (is {fout.instance})."
    if v == "enum":
        return f"moet een van {', '.join(json.dumps(x) for x in w)} zijn, niet {json.dumps(fout.instance)}."
    if v in ("minItems", "minProperties"):
        return "mag niet leeg zijn."
    if v == "minLength":
        return "mag niet leeg zijn."
    if v == "maxLength":
        return f"mag hoogstens {w} tekens hebben."
    if v in ("format", "pattern"):
        return f"moet een datum JJJJ-MM-DD zijn, niet {json.dumps(fout.instance, ensure_ascii=False)}."
    return fout.message


def _soort(x: Any) -> str:
    if x is None:
        return "null"
    if isinstance(x, bool):
        return "true/false"
    if isinstance(x, int | float):
        return "een getal"
    if isinstance(x, str):
        return "tekst"
    if isinstance(x, list):
        return "een lijst"
    return "een object"


def _getal(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x)


def _geheel(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _datum(x: Any) -> dt.date | None:
    if not isinstance(x, str):
        return None
    try:
        return dt.date.fromisoformat(x)
    except ValueError:
        return None


def _semantisch(data: dict[str, Any], fouten: _Fouten) -> Instantie | None:
    """The checks a schema cannot express; builds the instance when the parts it needs are sound."""
    goed = True
    w: Any = data.get("weken")
    weken: int | None = w if _geheel(w) and 1 <= w <= 520 else None
    if weken is None:
        goed = False
    start = _datum(data.get("startweek"))
    if start is not None and start.weekday() != 0:
        fouten.add(
            "$.startweek", f"moet een maandag zijn ({start.isoformat()} is een {_DAGEN[start.weekday()]})."
        )

    capaciteit: dict[str, list[float]] = {}
    eenheden = data.get("eenheden")
    for i, e in enumerate(eenheden if isinstance(eenheden, list) else []):
        if not isinstance(e, dict) or not isinstance(e.get("code"), str):
            goed = False
            continue
        code = e["code"]
        if code in capaciteit:
            fouten.add(pad(["eenheden", i, "code"]), f"eenheid {code!r} staat er al eerder in.")
            continue
        cap: Any = e.get("capaciteit")
        per_week: Any = e.get("urenPerWeek")
        if isinstance(cap, list) and "urenPerWeek" not in e:
            if not all(_getal(c) and c >= 0 for c in cap):
                goed = False
            elif weken is not None and len(cap) != weken:
                fouten.add(
                    pad(["eenheden", i, "capaciteit"]),
                    f"moet {weken} getallen hebben (een per week), niet {len(cap)}.",
                )
            else:
                capaciteit[code] = [float(c) for c in cap]
        elif _getal(per_week) and per_week >= 0 and "capaciteit" not in e and weken is not None:
            capaciteit[code] = [float(per_week)] * weken
        else:
            goed = False
        capaciteit.setdefault(code, [])

    regels = _regels(data.get("regels"), weken, fouten)
    partners = set(regels.gewichten) if regels is not None else None

    vragen: list[Vraag] = []
    ids: dict[str, int] = {}
    opdrachten = data.get("opdrachten")
    for i, o in enumerate(opdrachten if isinstance(opdrachten, list) else []):
        id_ = o.get("id") if isinstance(o, dict) else None
        if isinstance(id_, str) and id_ in ids:
            fouten.add(
                pad(["opdrachten", i, "id"]), f"id {id_!r} staat er al eerder in (opdrachten[{ids[id_]}])."
            )
        elif isinstance(id_, str):
            ids[id_] = i
        v = _vraag(o, i, start, capaciteit, partners, fouten)
        if v is None:
            goed = False
            continue
        vragen.append(v)
    if not goed or weken is None or regels is None or fouten:
        return None
    weeknamen: tuple[str, ...] = ()
    if start is not None and start.weekday() == 0:
        weeknamen = tuple(_isoweek(start + dt.timedelta(weeks=w)) for w in range(weken))
    inst = Instantie(
        weken=weken, capaciteit=capaciteit, vragen=tuple(vragen), regels=regels, weeknamen=weeknamen
    )
    codes = {e["code"]: i for i, e in enumerate(eenheden or []) if isinstance(e, dict)}
    _kern_valideer(inst, fouten, codes)
    return None if fouten else inst


def _isoweek(d: dt.date) -> str:
    jaar, week, _ = d.isocalendar()
    return f"{jaar}-W{week:02d}"


_DAGEN = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def _regels(r: Any, weken: int | None, fouten: _Fouten) -> Regels | None:
    if not isinstance(r, dict):
        return None
    gewichten = r.get("gewichten")
    if not isinstance(gewichten, dict) or not gewichten or not all(_getal(g) for g in gewichten.values()):
        return None
    som = sum(gewichten.values())
    if abs(som - 1) > TOLERANTIE:
        fouten.add("$.regels.gewichten", f"de gewichten moeten samen 1 zijn (nu {som:g}).")
    minima = r.get("minima", {})
    if not isinstance(minima, dict) or not all(_getal(m) for m in minima.values()):
        return None
    for p in minima:
        if p not in gewichten:
            fouten.add(pad(["regels", "minima", p]), f"partner {p!r} heeft geen gewicht in regels.gewichten.")
    if sum(minima.values()) > 1 + TOLERANTIE:
        fouten.add("$.regels.minima", f"de minima zijn samen meer dan 1 ({sum(minima.values()):g}).")
    prio = r.get("prioriteitsgewichten", STANDAARD_PRIORITEITSGEWICHTEN)
    if not isinstance(prio, dict) or not all(_getal(g) for g in prio.values()):
        return None
    periode = r.get("periodeWeken", 13)
    if not _geheel(periode):
        return None
    if weken is not None and periode > weken:
        fouten.add("$.regels.periodeWeken", f"mag niet langer zijn dan de planperiode ({weken} weken).")
    tol = r.get("laatheidTolerantie", 0.02)
    if not _getal(tol):
        return None
    return Regels(
        gewichten={p: float(g) for p, g in gewichten.items()},
        prioriteitsgewichten={**STANDAARD_PRIORITEITSGEWICHTEN, **{k: float(g) for k, g in prio.items()}},
        periode_weken=periode,
        minima={p: float(m) for p, m in minima.items()},
        laatheid_tolerantie=float(tol),
    )


def _week(
    o: dict[str, Any], i: int, veld_week: str, veld_datum: str, start: dt.date | None, fouten: _Fouten
) -> tuple[bool, int | None]:
    """(sound, week index) of an assignment's week field or its date alternative (None: absent)."""
    if veld_week in o:
        return (True, o[veld_week]) if _geheel(o[veld_week]) else (False, None)
    if veld_datum in o:
        d = _datum(o[veld_datum])
        if d is None:
            return False, None
        if start is None:
            fouten.add(
                pad(["opdrachten", i, veld_datum]), "een datum vraagt om een startweek bovenaan het bestand."
            )
            return False, None
        return True, (d - start).days // 7
    return True, None


def _vraag(
    o: Any,
    i: int,
    start: dt.date | None,
    capaciteit: Mapping[str, Sequence[float]],
    partners: set[str] | None,
    fouten: _Fouten,
) -> Vraag | None:
    if not isinstance(o, dict):
        return None
    goed = isinstance(o.get("id"), str) and bool(o.get("id")) and _getal(o.get("uren")) and o["uren"] >= 0
    eenheid = o.get("eenheid")
    if not isinstance(eenheid, str):
        goed = False
    elif eenheid not in capaciteit:
        fouten.add(pad(["opdrachten", i, "eenheid"]), f"onbekende eenheid {eenheid!r} (niet in eenheden).")
        goed = False
    ok_v, vroegste = _week(o, i, "vroegsteWeek", "vroegsteStart", start, fouten)
    ok_d, deadline = _week(o, i, "deadlineWeek", "deadline", start, fouten)
    if not ok_v or not ok_d or deadline is None:
        goed = False
    if vroegste is None:
        vroegste = 0
    if deadline is not None and deadline < vroegste:
        veld = "deadlineWeek" if "deadlineWeek" in o else "deadline"
        fouten.add(
            pad(["opdrachten", i, veld]), f"ligt vóór de vroegste start (week {deadline} < week {vroegste})."
        )
        goed = False
    aandelen: dict[str, float] = {}
    if "aandelen" in o:
        a = o["aandelen"]
        if not isinstance(a, dict) or not a or not all(_getal(x) and 0 <= x <= 1 for x in a.values()):
            goed = False
        else:
            aandelen = {p: float(x) for p, x in a.items()}
            som = sum(aandelen.values())
            if abs(som - 1) > TOLERANTIE:
                fouten.add(
                    pad(["opdrachten", i, "aandelen"]), f"de aandelen moeten samen 1 zijn (nu {som:g})."
                )
                goed = False
    elif isinstance(o.get("partner"), str) and o["partner"]:
        aandelen = {o["partner"]: 1.0}
    else:
        goed = False
    if partners is not None:
        veld = "aandelen" if "aandelen" in o else "partner"
        for p in aandelen:
            if p not in partners:
                waar: list[str | int] = ["opdrachten", i, veld, *([p] if veld == "aandelen" else [])]
                fouten.add(pad(waar), f"partner {p!r} heeft geen gewicht in regels.gewichten.")
                goed = False
    prioriteit = o.get("prioriteit", "normaal")
    wettelijk = o.get("wettelijk", False)
    if prioriteit not in STANDAARD_PRIORITEITSGEWICHTEN or not isinstance(wettelijk, bool):
        goed = False
    if not goed or deadline is None:
        return None
    return Vraag(
        id=o["id"],
        eenheid=str(eenheid),
        uren=float(o["uren"]),
        vroegste_week=vroegste,
        deadline_week=deadline,
        aandelen=aandelen,
        prioriteit=prioriteit,
        wettelijk=wettelijk,
    )


def _kern_valideer(inst: Instantie, fouten: _Fouten, eenheden: Mapping[str, int]) -> None:
    """The core's own check of an instance (``evaluatie.valideer``), its paths mapped to the file's."""
    try:
        from . import evaluatie
    except ImportError:  # pragma: no cover - until the core's evaluation exists
        return
    valideer = getattr(evaluatie, "valideer", None)
    if valideer is None:  # pragma: no cover
        return
    try:
        valideer(inst)
    except PlanInvoerFout as exc:
        for waar, berichten in exc.fouten.items():
            for b in berichten:
                fouten.add(kernpad(waar, eenheden), b)


def kernpad(waar: str, eenheden: Mapping[str, int] | None = None) -> str:
    """A path of the core's contract (``vragen[3].deadline_week``, ``capaciteit.VTH[4]``) as a path in the
    file (``$.opdrachten[3].deadlineWeek``, ``$.eenheden[0].capaciteit[4]``)."""
    if waar.startswith("$"):
        return waar
    m = re.match(r"^capaciteit\.([^\[]+)(.*)$", waar)
    if m and eenheden and m.group(1) in eenheden:
        return f"$.eenheden[{eenheden[m.group(1)]}].capaciteit{m.group(2)}"
    waar = re.sub(r"^vragen", "opdrachten", waar)
    waar = re.sub(r"_([a-z])", lambda m: m.group(1).upper(), waar)
    return "$" + ("" if waar.startswith("[") else ".") + waar


# --------------------------------------------------------------------------- writing


def invoer(inst: Instantie, startweek: dt.date | None = None) -> dict[str, Any]:
    """An instance as an input document (the inverse of :func:`lees`; e.g. a generated instance to a file)."""
    r = inst.regels
    data: dict[str, Any] = {"weken": inst.weken}
    if startweek is not None:
        data["startweek"] = startweek.isoformat()
    data["eenheden"] = [
        {"urenPerWeek": c[0]} | {"code": e} if len(set(c)) == 1 and c else {"code": e, "capaciteit": list(c)}
        for e, c in inst.capaciteit.items()
    ]
    data["opdrachten"] = [
        {
            "id": v.id,
            "eenheid": v.eenheid,
            "uren": v.uren,
            "vroegsteWeek": v.vroegste_week,
            "deadlineWeek": v.deadline_week,
            "aandelen": dict(v.aandelen),
            "prioriteit": v.prioriteit,
            "wettelijk": v.wettelijk,
        }
        for v in inst.vragen
    ]
    data["regels"] = {
        "gewichten": dict(r.gewichten),
        "prioriteitsgewichten": dict(r.prioriteitsgewichten),
        "periodeWeken": r.periode_weken,
        "minima": dict(r.minima),
        "laatheidTolerantie": r.laatheid_tolerantie,
    }
    return data


def _r(x: float, n: int = 1) -> float:
    return round(x + 0.0, n) + 0.0


def weekdatum(startweek: dt.date | None, week: int | None) -> str | None:
    """The Friday of a week index (the end of that working week) as an ISO date, if there is a start week."""
    if startweek is None or week is None:
        return None
    return (startweek + dt.timedelta(weeks=week, days=4)).isoformat()


def schrijf(plan: Plan, inst: Instantie, startweek: dt.date | str | None = None) -> dict[str, Any]:
    """The plan as the camelCase JSON of ``seta plan --format json`` (docs/planning.md)."""
    if isinstance(startweek, str):
        startweek = dt.date.fromisoformat(startweek)
    opdrachten = []
    for v in inst.vragen:
        u = plan.uitkomsten.get(v.id)
        rij: dict[str, Any] = {
            "id": v.id,
            "eenheid": v.eenheid,
            "uren": _r(v.uren),
            "prioriteit": v.prioriteit,
            "wettelijk": v.wettelijk,
            "aandelen": {p: _r(a, 4) for p, a in v.aandelen.items()},
            "vroegsteWeek": v.vroegste_week,
            "deadlineWeek": v.deadline_week,
        }
        if u is None:
            rij |= {"eersteWeek": None, "opleveringWeek": None, "wekenTeLaat": None, "urenPerWeek": []}
        else:
            rij |= {
                "eersteWeek": u.eerste_week,
                "opleveringWeek": u.oplevering_week,
                "naPlanperiode": u.oplevering_week is not None and u.oplevering_week >= inst.weken,
                "wekenTeLaat": u.weken_te_laat,
                "urenNaPlanperiode": _r(u.uren_na_horizon),
                "wachtOp": u.wacht_op,
                "reden": u.reden,
                "urenPerWeek": [
                    {"week": w, "uren": _r(h)} for w, h in sorted(u.uren_per_week.items()) if h > 1e-9
                ],
            }
        if startweek is not None:
            rij["deadline"] = weekdatum(startweek, v.deadline_week)
            rij["oplevering"] = (
                weekdatum(startweek, u.oplevering_week)
                if u is not None and u.oplevering_week is not None and u.oplevering_week < inst.weken
                else None
            )
        opdrachten.append(rij)
    pw = inst.regels.periode_weken
    uit: dict[str, Any] = {
        "methode": plan.methode,
        "status": plan.status,
        "rekentijdSeconden": _r(plan.rekentijd_s, 3),
        "weken": inst.weken,
        "samenvatting": samenvatting(plan),
        "opdrachten": opdrachten,
        "aandelen": [
            {
                "partner": a.partner,
                "periode": a.periode,
                "vanWeek": a.periode * pw,
                "totWeek": min((a.periode + 1) * pw, inst.weken) - 1,
                "ontvangen": _r(a.ontvangen),
                "recht": _r(a.recht),
                "tekort": _r(a.tekort),
                "ontvangenPct": _r(a.ontvangen_pct),
                "rechtPct": _r(a.recht_pct),
            }
            for a in plan.aandelen
        ],
        "belasting": {
            e: {"capaciteit": [_r(c) for c in inst.capaciteit[e]], "gepland": [_r(b) for b in bel]}
            for e, bel in plan.belasting.items()
        },
        "wettelijk": [
            {"id": w.id, "deadlineWeek": w.deadline_week, "urenTeLaat": _r(w.uren_te_laat), "tekst": w.tekst}
            for w in plan.wettelijk
        ],
        "stappen": {k: _r(x, 3) for k, x in plan.stappen.items()},
    }
    if startweek is not None:
        uit["startweek"] = startweek.isoformat()
    return uit


def samenvatting(plan: Plan) -> dict[str, Any]:
    """The plan's figures: lateness (weighted and not), the fairness shortfall, statutory problems, time."""
    return {
        "laatheid": _r(plan.laatheid),
        "laatheidOngewogen": _r(plan.laatheid_ongewogen),
        "eerlijkheidstekort": _r(plan.tekort),
        "opdrachtenTeLaat": sum(1 for u in plan.uitkomsten.values() if u.weken_te_laat > 0),
        "urenNaPlanperiode": _r(sum(u.uren_na_horizon for u in plan.uitkomsten.values())),
        "wettelijkeProblemen": len(plan.wettelijk),
        "rekentijdSeconden": _r(plan.rekentijd_s, 3),
    }


def _weektekst(week: int | None, weken: int, startweek: dt.date | None) -> str:
    """``week 10``, or with a start week the Friday of that week (``2027-03-19``)."""
    if week is None:
        return "–"
    if week >= weken:
        return "na de planperiode"
    return weekdatum(startweek, week) or f"week {week}"


def tabel(plan: Plan, inst: Instantie, startweek: dt.date | str | None = None) -> dict[str, Any]:
    """The rows of the command's tables (strings): assignments, shares per partner and period, summary."""
    if isinstance(startweek, str):
        startweek = dt.date.fromisoformat(startweek)
    opdrachten = []
    for v in sorted(inst.vragen, key=lambda v: (v.deadline_week, v.id)):
        u = plan.uitkomsten.get(v.id)
        opdrachten.append(
            [
                v.id,
                v.eenheid,
                "/".join(sorted(v.aandelen)),
                v.prioriteit + (" (wettelijk)" if v.wettelijk else ""),
                _weektekst(v.deadline_week, inst.weken + 10**6, startweek),
                _weektekst(u.oplevering_week if u else None, inst.weken, startweek),
                str(u.weken_te_laat) if u else "–",
                (u.reden if u else "niet gepland"),
            ]
        )
    pw = inst.regels.periode_weken
    aandelen = [
        [
            a.partner,
            f"{a.periode} (week {a.periode * pw}–{min((a.periode + 1) * pw, inst.weken) - 1})",
            f"{a.ontvangen:.1f}",
            f"{a.recht:.1f}",
            f"{a.tekort:.1f}",
            f"{a.ontvangen_pct:.1f} %",
            f"{a.recht_pct:.1f} %",
        ]
        for a in sorted(plan.aandelen, key=lambda a: (a.periode, a.partner))
    ]
    return {"opdrachten": opdrachten, "aandelen": aandelen, "samenvatting": samenvatting(plan)}
