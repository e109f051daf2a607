"""The JSON file: read it into dataclasses (naming each bad field by its JSON path) and write results.

Reading checks the *shape* (required and unknown fields, types, enumeration values, numbers and
dates); the *value* rules (non-negative, sums, known gemeenten) are ``model.validate``. Numbers may
be JSON numbers or decimal strings ("38.88"); JSON floats are read as exact Decimals.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from fractions import Fraction
from pathlib import Path
from typing import Any, TypeVar

from . import engine
from .model import (
    Afrekening,
    AfrekeningInvoer,
    Afwijkingsdrempel,
    AllocationInputError,
    Btw,
    Coalitiekosten,
    FieldError,
    GebruikOnderdeel,
    Gebruiksregel,
    Gemeente,
    GezamenlijkProduct,
    Groeiplafond,
    Grondslag,
    Invoer,
    Jaargegevens,
    Methode,
    Onderdeel,
    OnderdeelSoort,
    Regels,
    Resultaat,
    SleutelSoort,
    Startperiode,
    VastOnderdeel,
    Verdeelmodel,
    Verdeelsleutel,
    Verdeling,
    Vergelijking,
    getal,
    validate,
)
from .rounding import decimal_percentage

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")

# ---------------------------------------------------------------------------------------------
# Entry points


def allocate_file(path: str | Path) -> Resultaat:
    """Read, validate and run an allocation file. Raises ``AllocationInputError``."""
    return engine.run(load_file(path))


def load_file(path: str | Path) -> Invoer:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise AllocationInputError([FieldError(str(path), "het bestand bestaat niet")]) from exc
    except IsADirectoryError as exc:
        raise AllocationInputError([FieldError(str(path), "dit is een map, geen bestand")]) from exc
    except PermissionError as exc:
        raise AllocationInputError(
            [FieldError(str(path), "geen toestemming om het bestand te lezen")]
        ) from exc
    except OSError as exc:
        message = f"het bestand kan niet worden gelezen ({exc.strerror})"
        raise AllocationInputError([FieldError(str(path), message)]) from exc
    except UnicodeDecodeError as exc:
        message = f"het bestand is geen UTF-8-tekst (byte {exc.start + 1}); sla het op als UTF-8"
        raise AllocationInputError([FieldError(str(path), message)]) from exc
    return loads(text)


# The messages of Python's JSON parser, in Dutch (the position is added separately).
_JSON_MESSAGES = {
    "Expecting value": "hier wordt een waarde verwacht",
    "Expecting property name enclosed in double quotes": "hier wordt een veldnaam tussen dubbele"
    " aanhalingstekens verwacht",
    "Expecting ',' delimiter": "hier wordt een komma verwacht",
    "Expecting ':' delimiter": "hier wordt een dubbele punt verwacht",
    "Unterminated string starting at": "een tekst zonder afsluitend aanhalingsteken begint hier",
    "Extra data": "na het einde van de JSON staat nog meer",
    "Invalid control character at": "ongeldig stuurteken (zoals een tab of regelovergang in een tekst)",
    "Invalid \\escape": "ongeldige escape met \\",
    "Illegal trailing comma before end of object": "een komma vóór het einde van een object mag niet",
    "Illegal trailing comma before end of array": "een komma vóór het einde van een lijst mag niet",
}


# No allocation document nests deeper than a dozen levels; deeper input is refused before it is read
# further (the parser and the readers below recurse, and would raise RecursionError at ~1000 levels).
NESTING_LIMIT = 50
TOO_DEEP = f"het bestand is te diep genest (meer dan {NESTING_LIMIT} lagen lijsten of objecten in elkaar)"


def nesting_depth(data: Any) -> int:
    """How deep lists and objects nest in ``data``, counted without recursion (stops past the limit)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else None
        if children is None:
            continue
        deepest = max(deepest, depth)
        if depth > NESTING_LIMIT:
            break
        stack.extend((child, depth + 1) for child in children)
    return deepest


def loads(text: str) -> Invoer:
    try:
        data = json.loads(text, parse_float=Decimal, parse_constant=Decimal)
    except json.JSONDecodeError as exc:
        message = _JSON_MESSAGES.get(exc.msg, exc.msg)
        raise AllocationInputError(
            [FieldError("$", f"geen geldige JSON: {message} (regel {exc.lineno}, kolom {exc.colno})")]
        ) from exc
    except RecursionError as exc:
        raise AllocationInputError([FieldError("$", TOO_DEEP)]) from exc
    return parse(data)


def parse(data: Any) -> Invoer:
    """Turn parsed JSON into ``Invoer``; raises ``AllocationInputError`` with every bad field."""
    if nesting_depth(data) > NESTING_LIMIT:
        raise AllocationInputError([FieldError("$", TOO_DEEP)])
    reader = _Reader()
    invoer = reader.invoer(data)
    if reader.errors:
        raise AllocationInputError(reader.errors)
    assert invoer is not None
    validate(invoer)
    return invoer


# ---------------------------------------------------------------------------------------------
# Reading


class _Reader:
    """Reads one JSON document, collecting errors; on an error it returns a placeholder."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def fail(self, path: str, message: str) -> None:
        self.errors.append(FieldError(path or "$", message))

    def fields(self, value: Any, path: str, required: set[str], optional: set[str]) -> dict[str, Any]:
        """An object with these fields: missing and unknown ones are errors."""
        if not isinstance(value, dict):
            self.fail(path, f"moet een object zijn, niet {_kind(value)}")
            return {}
        for name in sorted(required - value.keys()):
            self.fail(_join(path, name), "ontbreekt")
        for name in sorted(value.keys() - required - optional):
            self.fail(_join(path, name), "onbekend veld; laat het weg of verbeter de spelling")
        return value

    def decimal(self, value: Any, path: str, what: str = "een getal") -> Decimal:
        if isinstance(value, bool) or not isinstance(value, int | Decimal | str):
            self.fail(path, f"moet {what} zijn, niet {_kind(value)}")
            return Decimal(0)
        try:
            number = Decimal(value.strip() if isinstance(value, str) else value)
        except InvalidOperation:
            self.fail(path, f"moet {what} zijn, niet {value!r}")
            return Decimal(0)
        if not number.is_finite():
            self.fail(path, f"moet {what} zijn, niet {_value(value)}")
            return Decimal(0)
        return number

    def integer(self, value: Any, path: str) -> int:
        number = self.decimal(value, path, "een geheel getal")
        if number != number.to_integral_value():
            self.fail(path, f"moet een geheel getal zijn, niet {getal(number)}")
            return 0
        return int(number)

    def string(self, value: Any, path: str) -> str:
        if not isinstance(value, str):
            self.fail(path, f"moet een tekst zijn, niet {_kind(value)}")
            return ""
        return value

    def choice(self, value: Any, path: str, enum: type[E], exclude: tuple[E, ...] = ()) -> E | None:
        allowed = [e.value for e in enum if e not in exclude]
        if value not in allowed:
            choices = ", ".join(repr(a) for a in allowed[:-1]) + f" of {allowed[-1]!r}"
            self.fail(path, f"moet {choices} zijn, niet {_value(value)}")
            return None
        return enum(value)

    def date(self, value: Any, path: str) -> date | None:
        if not isinstance(value, str):
            self.fail(path, f"moet een datum zijn als JJJJ-MM-DD, niet {_kind(value)}")
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(path, f"moet een datum zijn als JJJJ-MM-DD, niet {value!r}")
            return None

    def amounts(self, value: Any, path: str) -> dict[str, Decimal]:
        """An object of numbers keyed by gemeente code."""
        obj = self.fields(value, path, set(), set(value) if isinstance(value, dict) else set())
        return {code: self.decimal(v, _join(path, code)) for code, v in obj.items()}

    def items(self, value: Any, path: str, read: Callable[[Any, str], T]) -> list[T]:
        if not isinstance(value, list):
            self.fail(path, f"moet een lijst zijn, niet {_kind(value)}")
            return []
        return [read(item, f"{path}[{i}]") for i, item in enumerate(value)]

    # --- the document -------------------------------------------------------------------------

    def invoer(self, data: Any) -> Invoer | None:
        obj = self.fields(
            data,
            "",
            {"jaar", "gemeenten"},
            {
                "$schema",
                "omschrijving",
                "vorigeBijdragen",
                "verdeelmodel",
                "verdeelmodellen",
                "referentiemodel",
                "afrekening",
            },
        )
        if not obj:
            return None
        jaar = Jaargegevens(
            jaar=self.integer(obj.get("jaar", 0), "jaar"),
            gemeenten=tuple(self.items(obj.get("gemeenten", []), "gemeenten", self.gemeente)),
            vorige_bijdragen=self.amounts(obj["vorigeBijdragen"], "vorigeBijdragen")
            if "vorigeBijdragen" in obj
            else {},
        )
        if "verdeelmodel" in obj and "verdeelmodellen" in obj:
            self.fail("verdeelmodel", "geef óf 'verdeelmodel' óf 'verdeelmodellen' (een lijst), niet allebei")
            return None
        if "verdeelmodel" not in obj and "verdeelmodellen" not in obj:
            self.fail("verdeelmodel", "ontbreekt; geef óf 'verdeelmodel' óf 'verdeelmodellen' (een lijst)")
            return None
        if "verdeelmodel" in obj:
            modellen = [self.verdeelmodel(obj["verdeelmodel"], "verdeelmodel")]
        else:
            modellen = self.items(obj["verdeelmodellen"], "verdeelmodellen", self.verdeelmodel)
            if not modellen and isinstance(obj["verdeelmodellen"], list):
                self.fail("verdeelmodellen", "de lijst is leeg; er is minstens één verdeelmodel nodig")
                return None
        referentie = modellen[0].naam if modellen else ""
        if "referentiemodel" in obj:
            referentie = self.string(obj["referentiemodel"], "referentiemodel")
        afrekening = self.afrekening(obj["afrekening"], "afrekening") if "afrekening" in obj else None
        return Invoer(jaar, tuple(modellen), referentie, afrekening)

    def gemeente(self, value: Any, path: str) -> Gemeente:
        obj = self.fields(value, path, {"code", "naam", "bevolking"}, {"peildatum", "inbreng"})
        return Gemeente(
            code=self.string(obj.get("code", ""), f"{path}.code"),
            naam=self.string(obj.get("naam", ""), f"{path}.naam"),
            bevolking=self.integer(obj.get("bevolking", 0), f"{path}.bevolking"),
            peildatum=self.date(obj["peildatum"], f"{path}.peildatum") if "peildatum" in obj else None,
            inbreng=self.decimal(obj.get("inbreng", 0), f"{path}.inbreng"),
        )

    def verdeelmodel(self, value: Any, path: str) -> Verdeelmodel:
        obj = self.fields(value, path, {"naam", "verdeelsleutel", "onderdelen"}, {"omschrijving", "regels"})
        return Verdeelmodel(
            naam=self.string(obj.get("naam", ""), f"{path}.naam"),
            verdeelsleutel=self.verdeelsleutel(obj["verdeelsleutel"], f"{path}.verdeelsleutel")
            if "verdeelsleutel" in obj
            else Verdeelsleutel(SleutelSoort.GELIJK),
            onderdelen=tuple(self.items(obj.get("onderdelen", []), f"{path}.onderdelen", self.onderdeel)),
            regels=self.regels(obj["regels"], f"{path}.regels") if "regels" in obj else Regels(),
        )

    def verdeelsleutel(self, value: Any, path: str) -> Verdeelsleutel:
        obj = self.fields(value, path, {"soort"}, {"percentages", "gewichten"})
        soort = self.choice(obj["soort"], f"{path}.soort", SleutelSoort) if "soort" in obj else None
        gewichten: dict[SleutelSoort, Decimal] | None = None
        if "gewichten" in obj:
            gewichten = {}
            for name, weight in self.amounts(obj["gewichten"], f"{path}.gewichten").items():
                kind = self.choice(name, f"{path}.gewichten.{name}", SleutelSoort, (SleutelSoort.GEWOGEN,))
                if kind is not None:
                    gewichten[kind] = weight
        return Verdeelsleutel(
            soort=soort or SleutelSoort.GELIJK,
            percentages=self.amounts(obj["percentages"], f"{path}.percentages")
            if "percentages" in obj
            else None,
            gewichten=gewichten,
        )

    def onderdeel(self, value: Any, path: str) -> Onderdeel:
        placeholder = VastOnderdeel(naam="", bedrag=Decimal(0))
        if not isinstance(value, dict):
            self.fail(path, f"moet een object zijn, niet {_kind(value)}")
            return placeholder
        if "soort" not in value:
            self.fail(f"{path}.soort", "ontbreekt")
            return placeholder
        soort = self.choice(value["soort"], f"{path}.soort", OnderdeelSoort, (OnderdeelSoort.GROEIPLAFOND,))
        if soort is None:
            return placeholder
        common = {"soort", "naam"}
        if soort is OnderdeelSoort.GEBRUIK:
            obj = self.fields(
                value, path, common | {"grondslag", "regels"}, {"btw", "tarief", "omschrijving"}
            )
            tarief = self.decimal(obj["tarief"], f"{path}.tarief") if "tarief" in obj else None
            return GebruikOnderdeel(
                naam=self.string(obj.get("naam", ""), f"{path}.naam"),
                grondslag=self.choice(obj.get("grondslag"), f"{path}.grondslag", Grondslag)
                or Grondslag.RAMING,
                regels=tuple(
                    self.items(
                        obj.get("regels", []), f"{path}.regels", lambda v, p: self.gebruiksregel(v, p, tarief)
                    )
                ),
                btw=self.btw(obj, path),
            )
        if soort is OnderdeelSoort.GEZAMENLIJK:
            obj = self.fields(
                value,
                path,
                common | {"bedrag", "deelnemers", "methode"},
                {"btw", "standaloneKosten", "coalitiekosten", "omschrijving"},
            )
            return GezamenlijkProduct(
                naam=self.string(obj.get("naam", ""), f"{path}.naam"),
                bedrag=self.decimal(obj.get("bedrag", 0), f"{path}.bedrag"),
                deelnemers=tuple(self.items(obj.get("deelnemers", []), f"{path}.deelnemers", self.string)),
                methode=self.choice(obj.get("methode"), f"{path}.methode", Methode) or Methode.GELIJK,
                standalone_kosten=self.amounts(obj.get("standaloneKosten", {}), f"{path}.standaloneKosten"),
                coalitiekosten=tuple(
                    self.items(obj.get("coalitiekosten", []), f"{path}.coalitiekosten", self.coalitie)
                ),
                btw=self.btw(obj, path),
            )
        obj = self.fields(value, path, common | {"bedrag"}, {"btw", "verdeelsleutel", "omschrijving"})
        return VastOnderdeel(
            naam=self.string(obj.get("naam", ""), f"{path}.naam"),
            bedrag=self.decimal(obj.get("bedrag", 0), f"{path}.bedrag"),
            btw=self.btw(obj, path),
            verdeelsleutel=self.verdeelsleutel(obj["verdeelsleutel"], f"{path}.verdeelsleutel")
            if "verdeelsleutel" in obj
            else None,
        )

    def btw(self, obj: Mapping[str, Any], path: str) -> Btw:
        if "btw" not in obj:
            return Btw.VRIJGESTELD
        return self.choice(obj["btw"], f"{path}.btw", Btw) or Btw.VRIJGESTELD

    def gebruiksregel(self, value: Any, path: str, default_tarief: Decimal | None) -> Gebruiksregel:
        obj = self.fields(value, path, {"gemeente"}, {"uren", "tarief", "externeKosten", "omschrijving"})
        uren = self.decimal(obj.get("uren", 0), f"{path}.uren")
        if "tarief" in obj:
            tarief = self.decimal(obj["tarief"], f"{path}.tarief")
        elif default_tarief is not None or not uren:
            tarief = default_tarief or Decimal(0)
        else:
            self.fail(f"{path}.tarief", "ontbreekt; geef een tarief op de regel of op het onderdeel")
            tarief = Decimal(0)
        return Gebruiksregel(
            gemeente=self.string(obj.get("gemeente", ""), f"{path}.gemeente"),
            uren=uren,
            tarief=tarief,
            externe_kosten=self.decimal(obj.get("externeKosten", 0), f"{path}.externeKosten"),
            omschrijving=self.string(obj.get("omschrijving", ""), f"{path}.omschrijving"),
        )

    def coalitie(self, value: Any, path: str) -> Coalitiekosten:
        obj = self.fields(value, path, {"deelnemers", "bedrag"}, set())
        return Coalitiekosten(
            deelnemers=frozenset(self.items(obj.get("deelnemers", []), f"{path}.deelnemers", self.string)),
            bedrag=self.decimal(obj.get("bedrag", 0), f"{path}.bedrag"),
        )

    def regels(self, value: Any, path: str) -> Regels:
        obj = self.fields(value, path, set(), {"startperiode", "groeiplafond"})
        startperiode = groeiplafond = None
        if "startperiode" in obj:
            sp = self.fields(obj["startperiode"], f"{path}.startperiode", {"vanJaar", "totEnMetJaar"}, set())
            startperiode = Startperiode(
                van_jaar=self.integer(sp.get("vanJaar", 0), f"{path}.startperiode.vanJaar"),
                tot_en_met_jaar=self.integer(sp.get("totEnMetJaar", 0), f"{path}.startperiode.totEnMetJaar"),
            )
        if "groeiplafond" in obj:
            gp_path = f"{path}.groeiplafond"
            gp = self.fields(obj["groeiplafond"], gp_path, {"percentage"}, {"btw"})
            groeiplafond = Groeiplafond(
                percentage=self.decimal(gp.get("percentage", 0), f"{gp_path}.percentage"),
                btw=self.btw(gp, gp_path) if "btw" in gp else None,
            )
        return Regels(startperiode, groeiplafond)

    def afrekening(self, value: Any, path: str) -> AfrekeningInvoer:
        obj = self.fields(value, path, {"voorschotten"}, {"geleverdeUren", "uurtarief", "drempel"})
        drempel = None
        if "drempel" in obj:
            d = self.fields(obj["drempel"], f"{path}.drempel", set(), {"procentpunten", "bedrag"})
            drempel = Afwijkingsdrempel(
                procentpunten=self.decimal(d["procentpunten"], f"{path}.drempel.procentpunten")
                if "procentpunten" in d
                else None,
                bedrag=self.decimal(d["bedrag"], f"{path}.drempel.bedrag") if "bedrag" in d else None,
            )
        return AfrekeningInvoer(
            voorschotten=self.amounts(obj.get("voorschotten", {}), f"{path}.voorschotten"),
            geleverde_uren=self.amounts(obj["geleverdeUren"], f"{path}.geleverdeUren")
            if "geleverdeUren" in obj
            else None,
            uurtarief=self.decimal(obj["uurtarief"], f"{path}.uurtarief") if "uurtarief" in obj else None,
            drempel=drempel,
        )


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _kind(value: Any) -> str:
    """What kind of JSON value this is, in Dutch (for "moet een getal zijn, niet een tekst")."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float | Decimal):
        return "een getal"
    if isinstance(value, str):
        return "een tekst"
    if isinstance(value, list):
        return "een lijst"
    return "een object" if isinstance(value, dict) else type(value).__name__


def _value(value: Any) -> str:
    """A scalar as the user wrote it (``'inwoners'``, ``19``); a list or object by its kind."""
    if isinstance(value, str | int | Decimal) and not isinstance(value, bool):
        return repr(value) if isinstance(value, str) else getal(value)
    return _kind(value)


# ---------------------------------------------------------------------------------------------
# Writing (docs/schemas/allocate-output.schema.json)


def to_json(result: Resultaat) -> dict[str, Any]:
    """The result as JSON-ready data; amounts are decimal strings with two decimals."""
    return {
        "jaar": result.jaar,
        "referentiemodel": result.referentiemodel,
        "verdelingen": [_verdeling(v) for v in result.verdelingen],
        "vergelijking": _vergelijking(result.vergelijking) if result.vergelijking else None,
        "afrekening": _afrekening(result.afrekening) if result.afrekening else None,
    }


def dumps(result: Resultaat) -> str:
    return json.dumps(to_json(result), indent=2, ensure_ascii=False)


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def _percent(share: Fraction | None) -> str | None:
    return None if share is None else str(decimal_percentage(share))


def _verdeling(v: Verdeling) -> dict[str, Any]:
    return {
        "verdeelmodel": v.verdeelmodel,
        "jaar": v.jaar,
        "startperiode": v.startperiode,
        "onderdelen": [
            {
                "naam": o.naam,
                "soort": str(o.soort),
                "bedrag": _money(o.bedrag),
                "btw": str(o.btw),
                "toelichting": o.toelichting,
            }
            for o in v.onderdelen
        ],
        "bijdragen": [
            {
                "gemeente": b.gemeente,
                "naam": b.naam,
                "sleutelaandeelProcent": _percent(b.sleutelaandeel),
                "regels": [
                    {"onderdeel": r.onderdeel, "bedrag": _money(r.bedrag), "btw": _money(r.btw)}
                    for r in b.regels
                ],
                "totaalExclBtw": _money(b.totaal_excl_btw),
                "btw": _money(b.btw),
                "totaalInclBtw": _money(b.totaal_incl_btw),
            }
            for b in v.bijdragen
        ],
        "totaalExclBtw": _money(v.totaal_excl_btw),
        "btw": _money(v.btw),
        "totaalInclBtw": _money(v.totaal_incl_btw),
        "waarschuwingen": list(v.waarschuwingen),
    }


def _vergelijking(v: Vergelijking) -> dict[str, Any]:
    return {
        "referentie": v.referentie,
        "modellen": list(v.modellen),
        "regels": [
            {
                "gemeente": r.gemeente,
                "naam": r.naam,
                "bedragen": {m: _money(a) for m, a in r.bedragen.items()},
                "verschil": {m: _money(a) for m, a in r.verschil.items()},
                "verschilProcent": {
                    m: None if p is None else f"{p:.2f}" for m, p in r.verschil_procent.items()
                },
            }
            for r in v.regels
        ],
    }


def _afrekening(a: Afrekening) -> dict[str, Any]:
    return {
        "verdeelmodel": a.verdeelmodel,
        "verrekend": a.verrekend,
        "regels": [
            {
                "gemeente": r.gemeente,
                "naam": r.naam,
                "voorschot": _money(r.voorschot),
                "realisatie": _money(r.realisatie),
                "saldo": _money(r.saldo),
                "teBetalen": _money(r.te_betalen),
                "teOntvangen": _money(r.te_ontvangen),
                "nietVerrekend": _money(r.niet_verrekend),
                "sleutelaandeelProcent": _percent(r.sleutelaandeel),
                "urenaandeelProcent": _percent(r.urenaandeel),
                "afwijkingProcentpunten": None
                if r.afwijking_procentpunten is None
                else f"{r.afwijking_procentpunten:.2f}",
                "afwijkingBedrag": None if r.afwijking_bedrag is None else _money(r.afwijking_bedrag),
                "signaal": r.signaal,
            }
            for r in a.regels
        ],
        "signalen": list(a.signalen),
    }
