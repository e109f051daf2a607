"""Read a questionnaire answer file (YAML or JSON), validate it, and resolve the partners.

Errors are collected and reported together, in Dutch, each naming the question or partner it is
about, e.g. ``vraag 'urgentie_raad': waarde 7 ligt buiten het bereik 1–5``.

Municipality data comes from a lookup: a mapping from CBS code to :class:`Partner`, or a callable
taking a code. The Django side passes its database-backed list; the command line default reads the
project's bundled CSV.
"""

from __future__ import annotations

import csv
import difflib
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from .model import PAAR_SCHEIDING, WEET_NIET, Antwoorden, Antwoordwaarde, Partner, paar_sleutel
from .questions import DATA_DIR, Vraag, Vragenlijst, load_questions

#: The project's copy of the reference list (columns cbs_code,name,province,province_code,population).
GEMEENTEN_CSV = Path(__file__).resolve().parents[2] / "gemeenten" / "data" / "gemeenten-2021.csv"
#: Source of that copy; used only while the project copy does not exist yet.
_GEMEENTEN_CSV_BRON = Path("/work/shared/data/municipalities-2021.csv")
GEMEENTEN_EXTRA = DATA_DIR / "gemeenten-extra.yaml"
SCHEMA_ID = "https://seta.example/schemas/scan-input.schema.json"

GemeenteLookup = Mapping[str, Partner] | Callable[[str], Partner | None]


class ScanInputError(ValueError):
    """The answer file is invalid; ``fouten`` lists every problem found, in Dutch."""

    def __init__(self, fouten: Sequence[str]) -> None:
        self.fouten = tuple(fouten)
        super().__init__("\n".join(self.fouten))


@dataclass(frozen=True)
class ScanInvoer:
    """A validated answer file: the partners and the answers."""

    partners: tuple[Partner, ...]
    antwoorden: Antwoorden
    naam: str | None = None


# --------------------------------------------------------------------------- municipality lists


def gemeenten_csv_path() -> Path:
    """The reference CSV: the project copy, or its source until the copy exists."""
    return GEMEENTEN_CSV if GEMEENTEN_CSV.exists() else _GEMEENTEN_CSV_BRON


def load_gemeenten(path: Path | None = None) -> dict[str, Partner]:
    """Read the municipality reference CSV into a mapping CBS code -> Partner."""
    out: dict[str, Partner] = {}
    with Path(path or gemeenten_csv_path()).open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code = row["cbs_code"].strip()
            out[code] = Partner(
                code=code,
                naam=row["name"].strip(),
                provincie=row["province"].strip() or None,
                bevolking=int(row["population"]) if row.get("population") else None,
                bestaat=True,
            )
    return out


@cache
def _default_gemeenten() -> dict[str, Partner]:
    return load_gemeenten()


@cache
def load_extra_gemeenten(path: Path | None = None) -> dict[str, Partner]:
    """Municipalities that no longer exist, keyed by lower-case name and aliases."""
    with Path(path or GEMEENTEN_EXTRA).open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    out: dict[str, Partner] = {}
    for item in data["gemeenten"]:
        herkomst = str(item.get("bevolking_herkomst") or "onbekend")
        partner = Partner(
            code=None,
            naam=str(item["naam"]),
            provincie=item.get("provincie"),
            bevolking=item.get("bevolking"),
            bestaat=False,
            bevolking_herkomst=herkomst,
        )
        for key in [item["naam"], *(item.get("alias") or [])]:
            out[str(key).casefold()] = partner
    return out


@dataclass(frozen=True)
class VergroteGemeente:
    """A name in the reference list that today stands for a later, larger municipality (Schagen since 2013)."""

    naam: str
    code: str
    jaar: int
    samen_met: tuple[str, ...]
    herkomst: str


@cache
def load_vergrote_gemeenten(path: Path | None = None) -> dict[str, VergroteGemeente]:
    """The ``vergroot`` list of ``gemeenten-extra.yaml``, keyed by lower-case name."""
    with Path(path or GEMEENTEN_EXTRA).open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    out: dict[str, VergroteGemeente] = {}
    for item in data.get("vergroot") or ():
        v = VergroteGemeente(
            naam=str(item["naam"]),
            code=str(item["code"]),
            jaar=int(item["jaar"]),
            samen_met=tuple(str(x) for x in item.get("samen_met") or ()),
            herkomst=str(item.get("herkomst") or ""),
        )
        out[v.naam.casefold()] = v
    return out


def opsomming(namen: Sequence[str]) -> str:
    return namen[0] if len(namen) == 1 else ", ".join(namen[:-1]) + " en " + namen[-1]


def vergroot_fout(label: str, v: VergroteGemeente) -> str:
    """The Dutch refusal of ``{naam: Schagen}``: which municipality the name means today, and what to give."""
    return (
        f"{label}: de naam {v.naam!r} is dubbelzinnig: sinds {v.jaar} is {v.naam} samen met "
        f"{opsomming(v.samen_met)} één grotere gemeente (in de referentielijst {v.code}, met het inwonertal van "
        f"die grotere gemeente). Bedoelt u {v.naam} van vóór {v.jaar}, geef dan 'bestaat: false' en het "
        f"inwonertal van toen ('bevolking'); bedoelt u de huidige gemeente, geef dan 'code: {v.code}'"
    )


def _lookup(gemeenten: GemeenteLookup, code: str) -> Partner | None:
    if isinstance(gemeenten, Mapping):
        return gemeenten.get(code)
    return gemeenten(code)


def _zoek_op_naam(gemeenten: GemeenteLookup, naam: str) -> Partner | None:
    if not isinstance(gemeenten, Mapping):
        return None
    wanted = naam.casefold()
    return next((p for p in gemeenten.values() if p.naam.casefold() == wanted), None)


def resolve_partner(
    spec: Mapping[str, Any], gemeenten: GemeenteLookup, label: str
) -> tuple[Partner | None, str | None]:
    """Turn one partner entry of an answer file or the case base into a Partner, or an error."""
    code = spec.get("code")
    naam = spec.get("naam")
    if code:
        partner = _lookup(gemeenten, str(code))
        if partner is None:
            return None, f"{label}: onbekende gemeentecode {str(code)!r}"
        return partner, None
    if not naam:
        return None, f"{label}: geef een gemeentecode ('code') of een naam ('naam')"
    bestaat = spec.get("bestaat", True)
    if bestaat:
        # --- issue 15 (h-scan-val): a name that today stands for a later, larger municipality
        vergroot = load_vergrote_gemeenten().get(str(naam).strip().casefold())
        if vergroot is not None:
            return None, vergroot_fout(label, vergroot)
        # --- end issue 15
        partner = _zoek_op_naam(gemeenten, str(naam))
        if partner is None:
            return None, (
                f"{label}: gemeente {str(naam)!r} staat niet in de referentielijst; geef de CBS-code, "
                "of zet 'bestaat: false' voor een gemeente die niet meer bestaat"
            )
        return partner, None
    bekend = load_extra_gemeenten().get(str(naam).casefold())
    bevolking = spec.get("bevolking", bekend.bevolking if bekend else None)
    herkomst = (
        "opgegeven in het invoerbestand"
        if "bevolking" in spec
        else bekend.bevolking_herkomst
        if bekend
        else "onbekend"
    )
    return (
        Partner(
            code=None,
            naam=bekend.naam if bekend else str(naam),
            provincie=spec.get("provincie", bekend.provincie if bekend else None),
            bevolking=bevolking if isinstance(bevolking, int) and not isinstance(bevolking, bool) else None,
            bestaat=False,
            bevolking_herkomst=herkomst,
        ),
        None,
    )


# --------------------------------------------------------------------------- field checks (issue 15)

#: The fields a partner entry may have: with a CBS code, or by name for one that no longer exists.
PARTNER_VELDEN_CODE = ("code", "naam")
PARTNER_VELDEN_NAAM = ("naam", "bestaat", "provincie", "bevolking")
PARTNER_VELDEN = ("code", "naam", "bestaat", "provincie", "bevolking")
GM_CODE = re.compile(r"^GM[0-9]{4}$")


def suggestie(woord: str, mogelijk: Sequence[str]) -> str:
    """'; bedoelt u 'x'?' for the nearest known name (difflib), or '' when nothing is near."""
    gevonden = difflib.get_close_matches(woord, list(mogelijk), n=1, cutoff=0.75)
    return f"; bedoelt u {gevonden[0]!r}?" if gevonden else ""


def partner_label(i: int, spec: Mapping[str, Any]) -> str:
    """'partner 2 (Atlantis)': the position, and the name or code when the entry gives one."""
    for key in ("naam", "code"):
        value = spec.get(key)
        if isinstance(value, str) and value.strip():
            return f"partner {i} ({value.strip()})"
    return f"partner {i}"


def _getal_uit_tekst(value: str) -> int | None:
    digits = re.sub(r"[\s.\u00a0_']", "", value)
    return int(digits) if digits.isdigit() else None


def partner_veld_fouten(i: int, spec: Mapping[str, Any]) -> list[str]:
    """Every problem with the fields of one partner entry, in Dutch, naming the partner and the field."""
    label = partner_label(i, spec)
    fouten: list[str] = []
    met_code = "code" in spec
    toegestaan = PARTNER_VELDEN_CODE if met_code else PARTNER_VELDEN_NAAM
    for key in spec:
        sleutel = str(key)
        if sleutel in toegestaan:
            continue
        if sleutel in PARTNER_VELDEN:
            fouten.append(
                f"{label}, veld {sleutel!r}: hoort niet bij een partner met een gemeentecode (naam, provincie en "
                "inwonertal komen dan uit de referentielijst); laat 'code' weg voor een gemeente die niet meer bestaat"
            )
        else:
            fouten.append(f"{label}, veld {sleutel!r}: onbekend veld{suggestie(sleutel, toegestaan)}")
    if met_code:
        code = spec.get("code")
        if not isinstance(code, str) or not GM_CODE.match(code.strip()):
            fouten.append(
                f"{label}, veld 'code': {code!r} is geen CBS-gemeentecode (GM gevolgd door vier cijfers, "
                "bijvoorbeeld GM0441)"
            )
    elif "naam" not in spec:
        fouten.append(f"{label}: verplicht veld 'naam' ontbreekt (of geef een gemeentecode in 'code')")
    naam = spec.get("naam")
    if "naam" in spec and (not isinstance(naam, str) or not naam.strip()):
        fouten.append(f"{label}, veld 'naam': geef de naam van de gemeente als tekst")
    if "bestaat" in spec and not isinstance(spec["bestaat"], bool):
        fouten.append(
            f"{label}, veld 'bestaat': {spec['bestaat']!r} is geen true of false (schrijf het zonder "
            "aanhalingstekens: bestaat: false)"
        )
    if "provincie" in spec and not isinstance(spec["provincie"], str):
        fouten.append(f"{label}, veld 'provincie': geef de provincie als tekst, bijvoorbeeld Noord-Holland")
    if "bevolking" in spec and not met_code:
        bevolking = spec["bevolking"]
        if isinstance(bevolking, str):
            getal = _getal_uit_tekst(bevolking)
            voorbeeld = f"bevolking: {getal}" if getal else "bevolking: 12000"
            fouten.append(
                f"{label}, veld 'bevolking': {bevolking!r} is tekst; geef het inwonertal als geheel getal, zonder "
                f"punt en zonder aanhalingstekens ({voorbeeld})"
            )
        elif isinstance(bevolking, bool) or not isinstance(bevolking, int):
            fouten.append(
                f"{label}, veld 'bevolking': {bevolking!r} is geen geheel getal (het aantal inwoners)"
            )
        elif bevolking < 1:
            fouten.append(
                f"{label}, veld 'bevolking': het inwonertal moet groter dan nul zijn, niet {bevolking}"
            )
    return fouten


_TYPE_NL = {
    "integer": "een geheel getal",
    "number": "een getal",
    "string": "tekst",
    "boolean": "true of false",
    "object": "een object (veld: waarde)",
    "array": "een lijst",
}


def _pad_label(pad: Sequence[Any], data: Any) -> str:
    if not pad:
        return "het invoerbestand"
    if pad[0] == "partners" and len(pad) >= 2 and isinstance(pad[1], int):
        spec = data["partners"][pad[1]] if isinstance(data, Mapping) else {}
        label = partner_label(pad[1] + 1, spec if isinstance(spec, Mapping) else {})
        return label + (f", veld {str(pad[2])!r}" if len(pad) > 2 else "")
    if pad[0] == "antwoorden" and len(pad) >= 2:
        return f"vraag {str(pad[1])!r}"
    return f"{str(pad[0])!r}" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in pad[1:])


def schema_fout(err: Any, data: Any) -> tuple[tuple[Any, ...], str]:
    """A jsonschema ValidationError as (path, Dutch message), translated by validator kind; never the raw dump."""
    import jsonschema.exceptions

    if err.validator in ("oneOf", "anyOf") and err.context:
        return schema_fout(jsonschema.exceptions.best_match(err.context), data)
    pad: tuple[Any, ...] = tuple(err.absolute_path)
    soort, waarde, inst = err.validator, err.validator_value, err.instance
    if soort == "required":
        missend = next((r for r in waarde if isinstance(inst, Mapping) and r not in inst), "?")
        return (*pad, missend), f"{_pad_label(pad, data)}: verplicht veld {missend!r} ontbreekt"
    if soort == "additionalProperties":
        bekend = tuple((err.schema.get("properties") or {}).keys())
        extra = [k for k in (inst if isinstance(inst, Mapping) else {}) if k not in bekend]
        sleutel = str(extra[0]) if extra else "?"
        return (*pad, sleutel), (
            f"{_pad_label(pad, data)}: onbekend veld {sleutel!r}{suggestie(sleutel, bekend)}"
        )
    label = _pad_label(pad, data)
    if soort == "type":
        verwacht = " of ".join(_TYPE_NL.get(t, t) for t in ([waarde] if isinstance(waarde, str) else waarde))
        return pad, f"{label}: verwacht {verwacht}, niet {inst!r}"
    if soort == "enum":
        return pad, f"{label}: {inst!r} is geen geldige waarde; kies uit {', '.join(map(str, waarde))}"
    if soort == "const":
        return pad, f"{label}: moet {waarde!r} zijn, niet {inst!r}"
    if soort in ("minimum", "exclusiveMinimum"):
        return pad, f"{label}: {inst!r} is te klein; minstens {waarde}"
    if soort in ("maximum", "exclusiveMaximum"):
        return pad, f"{label}: {inst!r} is te groot; hoogstens {waarde}"
    if soort == "minItems":
        return pad, f"{label}: geef er minstens {waarde}"
    if soort == "minLength":
        return pad, f"{label}: mag niet leeg zijn"
    if soort == "pattern":
        return pad, f"{label}: {inst!r} heeft niet de juiste vorm"
    return pad, f"{label}: ongeldige waarde {inst!r}"


def _gedekt(pad: tuple[Any, ...], gedekt: set[tuple[Any, ...]]) -> bool:
    return any(pad[: len(g)] == g for g in gedekt)


# --------------------------------------------------------------------------- answers


def _normalise(vraag: Vraag, waarde: Any) -> tuple[Antwoordwaarde | None, str | None]:
    """Validate one answer; return the normalised value or a Dutch error naming the question."""
    label = f"vraag {vraag.id!r}"
    if isinstance(waarde, str) and waarde.strip().casefold() == WEET_NIET:
        return WEET_NIET, None
    if vraag.soort == "schaal":
        lo, hi = vraag.schaal_min, vraag.schaal_max
        if isinstance(waarde, bool) or not isinstance(waarde, int):
            return None, f"{label}: waarde {waarde!r} is geen geheel getal van {lo}–{hi} (of 'weet niet')"
        assert lo is not None and hi is not None
        if not lo <= waarde <= hi:
            return None, f"{label}: waarde {waarde} ligt buiten het bereik {lo}–{hi}"
        return waarde, None
    if vraag.soort == "janee":
        if isinstance(waarde, bool):
            return ("ja" if waarde else "nee"), None
        if isinstance(waarde, str) and waarde.strip().casefold() in ("ja", "nee"):
            return waarde.strip().casefold(), None
        return None, f"{label}: waarde {waarde!r} is geen 'ja', 'nee' of 'weet niet'"
    opties = tuple(vraag.opties or ())
    if isinstance(waarde, str) and waarde.strip() in opties:
        return waarde.strip(), None
    return (
        None,
        f"{label}: waarde {waarde!r} is geen geldige keuze; kies uit {', '.join(opties)} of 'weet niet'",
    )


# ------------------------------------------------- per-partner answers (issue 15; one function only)
def parse_per_partner(
    vraag: Vraag, waarde: Mapping[Any, Any], partner_namen: Sequence[str] | None
) -> tuple[dict[str, Antwoordwaarde] | None, list[str]]:
    """Validate a per-partner (``per: partner``) or per-pair (``per: paar``) answer.

    The shape is ``{partnernaam: antwoord}`` or ``{"A + B": antwoord}``; each value is checked like a
    plain answer. With ``partner_namen`` the names must be among the scan's partners. Pair keys are
    returned in canonical order (:func:`paar_sleutel`).
    """
    label = f"vraag {vraag.id!r}"
    if vraag.per == "scan":
        return None, [f"{label}: deze vraag wordt voor de hele scan beantwoord, niet per partner"]
    fouten: list[str] = []
    out: dict[str, Antwoordwaarde] = {}
    bekend = {n.casefold(): n for n in partner_namen or ()}
    for sleutel, sub in waarde.items():
        namen = [str(sleutel).strip()]
        if vraag.per == "paar":
            namen = [n.strip() for n in str(sleutel).split(PAAR_SCHEIDING.strip())]
            if len(namen) != 2 or not all(namen):
                fouten.append(f"{label}: '{sleutel}' is geen paar; schrijf 'Gemeente A + Gemeente B'")
                continue
        if partner_namen is not None:
            onbekend = [n for n in namen if n.casefold() not in bekend]
            if onbekend:
                fouten.append(f"{label}: '{', '.join(onbekend)}' is geen partner van deze scan")
                continue
            namen = [bekend[n.casefold()] for n in namen]
        norm, fout = _normalise(vraag, sub)
        if fout:
            fouten.append(f"{fout} (bij {' + '.join(namen)})")
            continue
        assert norm is not None
        out[paar_sleutel(*namen) if vraag.per == "paar" else namen[0]] = norm
    return out, fouten


def validate_answers(
    waarden: Mapping[str, Any],
    vragen: Vragenlijst,
    *,
    verplicht: bool = True,
    partner_namen: Sequence[str] | None = None,
) -> tuple[dict[str, Any], list[str]]:
    """Check answer values against the questionnaire; with ``verplicht`` also require required ones.

    A mapping value is a per-partner answer (see :func:`parse_per_partner`).
    """
    fouten: list[str] = []
    out: dict[str, Any] = {}
    for key, waarde in waarden.items():
        vraag = vragen.get(str(key))
        if vraag is None:
            fouten.append(f"onbekende vraag {str(key)!r}{suggestie(str(key), [v.id for v in vragen])}")
            continue
        if isinstance(waarde, Mapping):
            per, per_fouten = parse_per_partner(vraag, waarde, partner_namen)
            fouten.extend(per_fouten)
            if per is not None and not per_fouten:
                out[vraag.id] = per
            continue
        norm, fout = _normalise(vraag, waarde)
        if fout:
            fouten.append(fout)
        elif norm is not None:
            out[vraag.id] = norm
    if verplicht:
        for vraag in vragen:
            if vraag.verplicht and vraag.id not in waarden:
                fouten.append(
                    f"vraag {vraag.id!r}: verplicht antwoord ontbreekt (antwoord 'weet niet' als het onbekend is)"
                )
    return out, fouten


def parse_answers(
    data: Any,
    gemeenten: GemeenteLookup | None = None,
    vragen: Vragenlijst | None = None,
) -> ScanInvoer:
    """Validate a parsed answer document and resolve its partners.

    Raises :class:`ScanInputError` listing every problem.
    """
    _check_shape(data, "het invoerbestand")
    vragen = vragen or load_questions()
    gemeenten = gemeenten if gemeenten is not None else _default_gemeenten()
    if not isinstance(data, Mapping):
        raise ScanInputError(["het invoerbestand moet een object met 'partners' en 'antwoorden' zijn"])
    fouten: list[str] = []
    # Paths already reported by the hand-written checks; the schema adds only what they did not see.
    gedekt: set[tuple[Any, ...]] = set()
    partners: list[Partner] = []
    schema = build_schema(vragen)
    for key in data:
        if str(key) not in schema["properties"]:
            fouten.append(
                f"het invoerbestand: onbekend veld {str(key)!r}{suggestie(str(key), list(schema['properties']))}"
            )
            gedekt.add((key,))
    raw_partners = data.get("partners")
    if not isinstance(raw_partners, list) or len(raw_partners) < 2:
        fouten.append("'partners': geef minstens twee partnergemeenten op")
        gedekt.add(("partners",))
        raw_partners = raw_partners if isinstance(raw_partners, list) else []
    for i, spec in enumerate(raw_partners, start=1):
        if isinstance(spec, str):
            spec = {"code": spec}
        if not isinstance(spec, Mapping):
            fouten.append(f"partner {i}: verwacht een code of een object met 'code' of 'naam'")
            gedekt.add(("partners", i - 1))
            continue
        veld_fouten = partner_veld_fouten(i, spec)
        if veld_fouten:
            fouten.extend(veld_fouten)
            gedekt.add(("partners", i - 1))
            continue
        partner, fout = resolve_partner(spec, gemeenten, f"partner {i}")
        if fout:
            fouten.append(fout)
            gedekt.add(("partners", i - 1))
        elif partner is not None:
            if any((p.code and p.code == partner.code) or p.naam == partner.naam for p in partners):
                fouten.append(f"partner {i}: {partner.naam!r} komt dubbel voor")
            partners.append(partner)
    aantal = data.get("aantal_partners")
    if aantal is not None and (
        isinstance(aantal, bool) or not isinstance(aantal, int) or aantal < len(raw_partners)
    ):
        fouten.append("'aantal_partners': moet een geheel getal zijn, minstens het aantal opgegeven partners")
        gedekt.add(("aantal_partners",))
        aantal = None
    raw_antwoorden = data.get("antwoorden")
    if not isinstance(raw_antwoorden, Mapping):
        fouten.append("'antwoorden': ontbreekt of is geen lijst van vraag: antwoord")
        gedekt.add(("antwoorden",))
        raw_antwoorden = {}
    waarden, antwoord_fouten = validate_answers(
        raw_antwoorden, vragen, partner_namen=[p.naam for p in partners]
    )
    fouten.extend(antwoord_fouten)
    for melding in antwoord_fouten:
        if m := re.search(r"vraag '([^']+)'", melding):
            gedekt.add(("antwoorden", m.group(1)))
    # The structural check in the same round, translated to Dutch by validator kind; only for what the
    # hand-written checks above (which give the clearer messages) did not already report.
    validator = jsonschema.Draft202012Validator(schema)
    for err in sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        pad, melding = schema_fout(err, data)
        if not _gedekt(pad, gedekt) and melding not in fouten:
            fouten.append(melding)
    if fouten:
        raise ScanInputError(fouten)
    return ScanInvoer(
        partners=tuple(partners),
        antwoorden=Antwoorden(waarden=waarden, aantal_partners=aantal),
        naam=str(data["naam"]) if data.get("naam") else None,
    )


def load_answer_file(
    path: str | Path,
    gemeenten: GemeenteLookup | None = None,
    vragen: Vragenlijst | None = None,
    *,
    max_bytes: int | None = None,
) -> ScanInvoer:
    """Read and validate an answer file; ``.json`` is read as JSON, anything else as YAML."""
    return parse_answers(read_document(path, max_bytes=max_bytes), gemeenten, vragen)


# A scan document (answer file, case base) nests a handful of levels and has a few thousand values;
# beyond these limits it is refused before anything walks it (a RecursionError, or the exponential
# expansion of YAML aliases, "billion laughs").
NESTING_LIMIT = 50
MAX_NODES = 200_000
SAVE_AS_UTF8 = "sla het bestand op als UTF-8"


def _check_shape(data: Any, naam: str) -> None:
    nodes = 0
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        nodes += 1
        if nodes > MAX_NODES:
            raise ScanInputError(
                [
                    f"{naam}: het bestand bevat meer dan {MAX_NODES} waarden (of verwijzingen); dit is geen "
                    "invoerbestand van de scan"
                ]
            )
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else None
        if children is None:
            continue
        if depth > NESTING_LIMIT:
            raise ScanInputError([f"{naam}: {TOO_DEEP}"])
        stack.extend((child, depth + 1) for child in children)


TOO_DEEP = f"het bestand is te diep genest (meer dan {NESTING_LIMIT} lagen lijsten of objecten in elkaar)"


def read_document(path: str | Path, *, max_bytes: int | None = None) -> Any:
    """A YAML (or, for ``.json``, JSON) file as data: UTF-8 (with or without BOM), at most ``max_bytes``,
    at most :data:`NESTING_LIMIT` levels deep. Every other file raises :class:`ScanInputError` in Dutch."""
    path = Path(path)
    soort = "JSON" if path.suffix.lower() == ".json" else "YAML"
    try:
        if max_bytes is not None and path.stat().st_size > max_bytes:
            raise ScanInputError(
                [f"{path}: het bestand is {path.stat().st_size} bytes; de grens is {max_bytes} bytes"]
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise ScanInputError([f"{path}: kan het bestand niet lezen ({exc.strerror})"]) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        rij = raw.count(b"\n", 0, exc.start) + 1
        raise ScanInputError(
            [
                f"{path}: het bestand is geen UTF-8-tekst: byte {exc.start + 1} (0x{raw[exc.start]:02X}, regel {rij}) "
                f"past daar niet in; {SAVE_AS_UTF8}"
            ]
        ) from exc
    if "\x00" in text:
        rij = text.count("\n", 0, text.index("\x00")) + 1
        raise ScanInputError(
            [f"{path}: regel {rij} bevat een NUL-teken: dit is geen tekstbestand (of UTF-16); {SAVE_AS_UTF8}"]
        )
    try:
        data = json.loads(text) if soort == "JSON" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise ScanInputError([f"{path}: geen geldige {soort} ({exc})"]) from exc
    except RecursionError as exc:
        raise ScanInputError([f"{path}: {TOO_DEEP}"]) from exc
    _check_shape(data, str(path))
    return data


# --------------------------------------------------------------------------- JSON Schema


def _answer_schema(vraag: Vraag) -> dict[str, Any]:
    plain = _plain_answer_schema(vraag)
    if vraag.per == "scan":
        return plain
    sleutel = "partner name" if vraag.per == "partner" else "pair of partners, 'A + B'"
    waarde = {k: v for k, v in plain.items() if k not in ("title", "description")}
    return {
        "title": plain["title"],
        "description": f"{plain['description']} May be answered per {sleutel}: an object {{{sleutel}: answer}}.",
        "oneOf": [
            waarde,
            {"type": "object", "minProperties": 1, "additionalProperties": waarde},
        ],
    }


def _plain_answer_schema(vraag: Vraag) -> dict[str, Any]:
    titel = f"{vraag.titel} (bron: {vraag.bron})"
    weet_niet = {"const": WEET_NIET}
    if vraag.soort == "schaal":
        return {
            "title": titel,
            "description": vraag.vraag,
            "oneOf": [
                {"type": "integer", "minimum": vraag.schaal_min, "maximum": vraag.schaal_max},
                weet_niet,
            ],
        }
    if vraag.soort == "janee":
        return {
            "title": titel,
            "description": vraag.vraag,
            "oneOf": [{"enum": ["ja", "nee"]}, {"type": "boolean"}, weet_niet],
        }
    return {
        "title": titel,
        "description": vraag.vraag,
        "enum": [*(vraag.opties or {}), WEET_NIET],
    }


def build_schema(vragen: Vragenlijst | None = None) -> dict[str, Any]:
    """The JSON Schema (2020-12) of an answer file, generated from the questionnaire."""
    vragen = vragen or load_questions()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Samenwerkingsscan: invoerbestand",
        "description": (
            "Answer file for the SETA cooperation scan (samenwerkingsscan). Generated from "
            "src/seta/scan/data/vragen.yaml by seta.scan.scoring.io.build_schema(); do not edit by hand."
        ),
        "type": "object",
        "required": ["partners", "antwoorden"],
        "additionalProperties": False,
        "properties": {
            "versie": {"type": "integer", "const": 1},
            "naam": {"type": "string", "description": "Free name of this configuration."},
            "toelichting": {"type": "string"},
            "partners": {
                "type": "array",
                "minItems": 2,
                "items": {
                    "oneOf": [
                        {"type": "string", "pattern": "^GM[0-9]{4}$"},
                        {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["code"],
                            "properties": {
                                "code": {"type": "string", "pattern": "^GM[0-9]{4}$"},
                                "naam": {"type": "string"},
                            },
                        },
                        {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["naam"],
                            "properties": {
                                "naam": {"type": "string", "minLength": 1},
                                "bestaat": {"type": "boolean"},
                                "provincie": {"type": "string"},
                                "bevolking": {"type": "integer", "minimum": 1},
                            },
                        },
                    ]
                },
            },
            "aantal_partners": {
                "type": "integer",
                "minimum": 2,
                "description": "Total number of partners when not all are named.",
            },
            "antwoorden": {
                "type": "object",
                "additionalProperties": False,
                "required": [v.id for v in vragen if v.verplicht],
                "properties": {v.id: _answer_schema(v) for v in vragen},
            },
        },
    }
