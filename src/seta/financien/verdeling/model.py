"""Plain data of the verdeelmodel: frozen dataclasses for input and output, and the value rules.

The shapes mirror the JSON file (``docs/schemas/allocate-input.schema.json``): a Python attribute
``externe_kosten`` is the JSON field ``externeKosten``. ``validate`` holds every rule about what
*valid* input is (non-negative numbers, percentages summing to 100, known gemeenten, ...) and names
each bad field by its JSON path, so the file reader and Python callers get the same messages.

Amounts are ``Decimal`` at the boundaries; the engine computes with exact ``Fraction``s inside and
rounds to cents only at the end.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

# ---------------------------------------------------------------------------------------------
# Enumerations (their values are the words used in the JSON file)


class SleutelSoort(StrEnum):
    """Kinds of fixed key (verdeelsleutel)."""

    BEVOLKING = "bevolking"  # population
    INBRENG = "inbreng"  # historical contribution
    GELIJK = "gelijk"  # equal shares
    PERCENTAGES = "percentages"  # custom percentages summing to 100
    GEWOGEN = "gewogen"  # weighted mix of the kinds above


class OnderdeelSoort(StrEnum):
    """Kinds of part of a verdeelmodel."""

    VAST = "vast"  # a fixed amount (base package) split by a key
    GEBRUIK = "gebruik"  # usage: hours x tariff plus external costs, per gemeente
    GEZAMENLIJK = "gezamenlijk"  # a joint product of some deelnemers
    GROEIPLAFOND = "groeiplafond"  # output only: the growth-cap correction line


class Grondslag(StrEnum):
    """Basis of usage figures."""

    REALISATIE = "realisatie"  # registered hours (afterwards)
    RAMING = "raming"  # agreed estimates (beforehand)


class Methode(StrEnum):
    """How a joint product is split over its deelnemers."""

    GELIJK = "gelijk"
    BEVOLKING = "bevolking"
    VERDEELSLEUTEL = "verdeelsleutel"  # the model's key, restricted to the deelnemers
    SHAPLEY = "shapley"  # Shapley value of the stand-alone costs


class Btw(StrEnum):
    """VAT treatment of a part."""

    VRIJGESTELD = "vrijgesteld"  # exempt under the koepelvrijstelling
    HOOG = "21"  # 21 %

    @property
    def tarief(self) -> Fraction:
        return Fraction(21, 100) if self is Btw.HOOG else Fraction(0)


MAX_SHAPLEY_DEELNEMERS = 12

# ---------------------------------------------------------------------------------------------
# Errors


@dataclass(frozen=True)
class FieldError:
    """One bad field: its JSON path (``verdeelmodel.onderdelen[1].bedrag``) and what is wrong."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class AllocationInputError(ValueError):
    """Bad allocation input; ``errors`` names every bad field by its JSON path."""

    def __init__(self, errors: Iterable[FieldError]) -> None:
        self.errors: tuple[FieldError, ...] = tuple(errors)
        super().__init__("ongeldige invoer voor de verdeling:\n" + "\n".join(f"  {e}" for e in self.errors))


def getal(value: Decimal | int) -> str:
    """A number in Dutch notation for messages: a decimal comma, no thousands separator (``99,50``)."""
    return str(value).replace(".", ",")


def onbekende_gemeente(code: str) -> str:
    return f"onbekende gemeente {code!r}; die staat niet in 'gemeenten'"


# ---------------------------------------------------------------------------------------------
# Input


@dataclass(frozen=True)
class Gemeente:
    """A partner municipality with the figures the keys need."""

    code: str  # CBS code, e.g. "GM0376"
    naam: str
    bevolking: int  # population
    peildatum: date | None  # reference date of the population figure
    inbreng: Decimal = Decimal(0)  # historical contribution in euros


@dataclass(frozen=True)
class Verdeelsleutel:
    """A fixed key. ``percentages`` for soort percentages (or a gewogen mix that uses them);
    ``gewichten`` (weights in percent, summing to 100) for soort gewogen."""

    soort: SleutelSoort
    percentages: Mapping[str, Decimal] | None = None
    gewichten: Mapping[SleutelSoort, Decimal] | None = None


@dataclass(frozen=True)
class VastOnderdeel:
    """A fixed amount (e.g. the base package) split by a key: its own, or else the model's."""

    naam: str
    bedrag: Decimal
    btw: Btw = Btw.VRIJGESTELD
    verdeelsleutel: Verdeelsleutel | None = None
    soort: OnderdeelSoort = field(default=OnderdeelSoort.VAST, init=False)


@dataclass(frozen=True)
class Gebruiksregel:
    """Usage of one gemeente: ``uren`` x ``tarief`` plus ``externe_kosten``."""

    gemeente: str
    uren: Decimal
    tarief: Decimal
    externe_kosten: Decimal = Decimal(0)
    omschrijving: str = ""

    @property
    def bedrag(self) -> Fraction:
        return Fraction(self.uren) * Fraction(self.tarief) + Fraction(self.externe_kosten)


@dataclass(frozen=True)
class GebruikOnderdeel:
    """Usage-based charges; each gemeente pays its own lines (none: nothing)."""

    naam: str
    grondslag: Grondslag
    regels: tuple[Gebruiksregel, ...]
    btw: Btw = Btw.VRIJGESTELD
    soort: OnderdeelSoort = field(default=OnderdeelSoort.GEBRUIK, init=False)


@dataclass(frozen=True)
class Coalitiekosten:
    """The cost of the joint product for a sub-coalition of its deelnemers."""

    deelnemers: frozenset[str]
    bedrag: Decimal


@dataclass(frozen=True)
class GezamenlijkProduct:
    """A joint product of some deelnemers, costing ``bedrag``, split by ``methode``.

    For Shapley: ``standalone_kosten`` is what each deelnemer would pay for its own product;
    ``coalitiekosten`` optionally gives sub-coalition costs (see ``shapley.coalition_cost``).
    """

    naam: str
    bedrag: Decimal
    deelnemers: tuple[str, ...]
    methode: Methode
    standalone_kosten: Mapping[str, Decimal] = field(default_factory=dict)
    coalitiekosten: tuple[Coalitiekosten, ...] = ()
    btw: Btw = Btw.VRIJGESTELD
    soort: OnderdeelSoort = field(default=OnderdeelSoort.GEZAMENLIJK, init=False)


Onderdeel = VastOnderdeel | GebruikOnderdeel | GezamenlijkProduct


@dataclass(frozen=True)
class Startperiode:
    """Years (inclusive) in which nothing is settled: every part is split by the model's key."""

    van_jaar: int
    tot_en_met_jaar: int

    def covers(self, jaar: int) -> bool:
        return self.van_jaar <= jaar <= self.tot_en_met_jaar


@dataclass(frozen=True)
class Groeiplafond:
    """Maximum growth of a gemeente's contribution (excl. VAT) in percent of the previous year.

    ``btw`` is the VAT treatment of the correction line; needed only when the parts differ.
    """

    percentage: Decimal
    btw: Btw | None = None


@dataclass(frozen=True)
class Regels:
    startperiode: Startperiode | None = None
    groeiplafond: Groeiplafond | None = None


@dataclass(frozen=True)
class Verdeelmodel:
    """A named cost allocation model: the model's key, its parts and its rules over time."""

    naam: str
    verdeelsleutel: Verdeelsleutel
    onderdelen: tuple[Onderdeel, ...]
    regels: Regels = Regels()


@dataclass(frozen=True)
class Jaargegevens:
    """The year data shared by all models: the gemeenten and last year's contributions."""

    jaar: int
    gemeenten: tuple[Gemeente, ...]
    vorige_bijdragen: Mapping[str, Decimal] = field(default_factory=dict)  # excl. VAT

    def codes(self) -> list[str]:
        return [g.code for g in self.gemeenten]


@dataclass(frozen=True)
class Afwijkingsdrempel:
    """Threshold of the deviation alert, set by the board: percentage points and/or euros."""

    procentpunten: Decimal | None = None
    bedrag: Decimal | None = None


@dataclass(frozen=True)
class AfrekeningInvoer:
    """Year-end settlement input: advances paid (incl. VAT) and, optionally, the hours each
    gemeente actually received, to compare with its key share."""

    voorschotten: Mapping[str, Decimal]
    geleverde_uren: Mapping[str, Decimal] | None = None
    uurtarief: Decimal | None = None
    drempel: Afwijkingsdrempel | None = None


@dataclass(frozen=True)
class Invoer:
    """A whole allocation file: year data, one or more models, optional settlement."""

    jaargegevens: Jaargegevens
    verdeelmodellen: tuple[Verdeelmodel, ...]
    referentiemodel: str
    afrekening: AfrekeningInvoer | None = None


# ---------------------------------------------------------------------------------------------
# Output


@dataclass(frozen=True)
class OnderdeelResultaat:
    """A part as it was applied: its amount and how it was split."""

    naam: str
    soort: OnderdeelSoort
    bedrag: Decimal  # the part's total, in cents
    btw: Btw
    toelichting: str  # how it was split, in words


@dataclass(frozen=True)
class Regel:
    """One gemeente's charge for one part."""

    onderdeel: str
    bedrag: Decimal  # excl. VAT
    btw: Decimal  # the VAT amount


@dataclass(frozen=True)
class Bijdrage:
    """What one gemeente pays under one model."""

    gemeente: str
    naam: str
    sleutelaandeel: Fraction  # the gemeente's share under the model's key
    regels: tuple[Regel, ...]
    totaal_excl_btw: Decimal
    btw: Decimal
    totaal_incl_btw: Decimal


@dataclass(frozen=True)
class Verdeling:
    """The allocation of one year under one model."""

    verdeelmodel: str
    jaar: int
    startperiode: bool
    onderdelen: tuple[OnderdeelResultaat, ...]
    bijdragen: tuple[Bijdrage, ...]
    totaal_excl_btw: Decimal
    btw: Decimal
    totaal_incl_btw: Decimal
    waarschuwingen: tuple[str, ...] = ()

    def bijdrage(self, code: str) -> Bijdrage:
        return next(b for b in self.bijdragen if b.gemeente == code)


@dataclass(frozen=True)
class Vergelijkingsregel:
    """One gemeente across models: totals incl. VAT and the difference against the reference."""

    gemeente: str
    naam: str
    bedragen: Mapping[str, Decimal]  # model name -> total incl. VAT
    verschil: Mapping[str, Decimal]  # model name -> amount minus reference amount
    verschil_procent: Mapping[str, Decimal | None]  # None where the reference amount is 0


@dataclass(frozen=True)
class Vergelijking:
    referentie: str
    modellen: tuple[str, ...]
    regels: tuple[Vergelijkingsregel, ...]


@dataclass(frozen=True)
class Afrekeningsregel:
    """Year-end settlement of one gemeente. ``saldo`` > 0: the gemeente pays; < 0: it receives."""

    gemeente: str
    naam: str
    voorschot: Decimal
    realisatie: Decimal
    saldo: Decimal
    te_betalen: Decimal
    te_ontvangen: Decimal
    niet_verrekend: Decimal  # the saldo left unsettled during a start period
    sleutelaandeel: Fraction
    urenaandeel: Fraction | None
    afwijking_procentpunten: Decimal | None
    afwijking_bedrag: Decimal | None
    signaal: bool


@dataclass(frozen=True)
class Afrekening:
    verdeelmodel: str
    verrekend: bool  # False during a start period
    regels: tuple[Afrekeningsregel, ...]
    signalen: tuple[str, ...]


@dataclass(frozen=True)
class Resultaat:
    jaar: int
    referentiemodel: str
    verdelingen: tuple[Verdeling, ...]
    vergelijking: Vergelijking | None
    afrekening: Afrekening | None


# ---------------------------------------------------------------------------------------------
# Value rules: the one place that says what valid input is


def validate(invoer: Invoer) -> None:
    """Raise ``AllocationInputError`` naming every bad field by its JSON path."""
    errors = [
        *validate_jaargegevens(invoer.jaargegevens),
    ]
    codes = set(invoer.jaargegevens.codes())
    if len(invoer.verdeelmodellen) == 1:
        errors += validate_model(invoer.verdeelmodellen[0], invoer.jaargegevens, "verdeelmodel")
    else:
        for i, model in enumerate(invoer.verdeelmodellen):
            errors += validate_model(model, invoer.jaargegevens, f"verdeelmodellen[{i}]")
        names = [m.naam for m in invoer.verdeelmodellen]
        for i, naam in enumerate(names):
            if naam in names[:i]:
                errors.append(
                    FieldError(
                        f"verdeelmodellen[{i}].naam",
                        f"de naam {naam!r} is al gebruikt door een ander verdeelmodel",
                    )
                )
        if invoer.referentiemodel not in names:
            errors.append(
                FieldError(
                    "referentiemodel", f"er is geen verdeelmodel met de naam {invoer.referentiemodel!r}"
                )
            )
    if invoer.afrekening is not None:
        errors += _validate_afrekening(invoer.afrekening, codes)
    if errors:
        raise AllocationInputError(errors)


def validate_jaargegevens(jaar: Jaargegevens) -> list[FieldError]:
    errors: list[FieldError] = []
    if not jaar.gemeenten:
        errors.append(FieldError("gemeenten", "er is minstens één gemeente nodig"))
    seen: set[str] = set()
    for i, g in enumerate(jaar.gemeenten):
        path = f"gemeenten[{i}]"
        if not g.code:
            errors.append(FieldError(f"{path}.code", "mag niet leeg zijn"))
        elif g.code in seen:
            errors.append(FieldError(f"{path}.code", f"gemeente {g.code} staat al eerder in de lijst"))
        seen.add(g.code)
        if g.bevolking < 0:
            errors.append(
                FieldError(f"{path}.bevolking", f"mag niet negatief zijn (nu {getal(g.bevolking)})")
            )
        if g.inbreng < 0:
            errors.append(FieldError(f"{path}.inbreng", f"mag niet negatief zijn (nu {getal(g.inbreng)})"))
    errors += _validate_amounts(jaar.vorige_bijdragen, seen, "vorigeBijdragen", complete=False)
    return errors


def validate_model(model: Verdeelmodel, jaar: Jaargegevens, path: str) -> list[FieldError]:
    """Value rules of one model, against the year's gemeenten; ``path`` is the model's JSON path."""
    codes = set(jaar.codes())
    errors = _validate_sleutel(model.verdeelsleutel, jaar, f"{path}.verdeelsleutel")
    if not model.naam:
        errors.append(FieldError(f"{path}.naam", "mag niet leeg zijn"))
    names: set[str] = set()
    for i, onderdeel in enumerate(model.onderdelen):
        p = f"{path}.onderdelen[{i}]"
        if onderdeel.naam in names:
            errors.append(
                FieldError(f"{p}.naam", f"de naam {onderdeel.naam!r} is al gebruikt door een ander onderdeel")
            )
        names.add(onderdeel.naam)
        if isinstance(onderdeel, VastOnderdeel):
            errors += _non_negative(onderdeel.bedrag, f"{p}.bedrag")
            if onderdeel.verdeelsleutel is not None:
                errors += _validate_sleutel(onderdeel.verdeelsleutel, jaar, f"{p}.verdeelsleutel")
        elif isinstance(onderdeel, GebruikOnderdeel):
            for j, r in enumerate(onderdeel.regels):
                rp = f"{p}.regels[{j}]"
                if r.gemeente not in codes:
                    errors.append(FieldError(f"{rp}.gemeente", onbekende_gemeente(r.gemeente)))
                errors += _non_negative(r.uren, f"{rp}.uren")
                errors += _non_negative(r.tarief, f"{rp}.tarief")
                errors += _non_negative(r.externe_kosten, f"{rp}.externeKosten")
        else:
            errors += _validate_gezamenlijk(onderdeel, model, jaar, p)
    regels = model.regels
    startperiode = regels.startperiode
    if startperiode and startperiode.tot_en_met_jaar < startperiode.van_jaar:
        errors.append(
            FieldError(
                f"{path}.regels.startperiode.totEnMetJaar",
                f"{startperiode.tot_en_met_jaar} ligt vóór vanJaar ({startperiode.van_jaar}); dat mag niet",
            )
        )
    if regels.groeiplafond is not None:
        gp = f"{path}.regels.groeiplafond"
        errors += _non_negative(regels.groeiplafond.percentage, f"{gp}.percentage")
        treatments = {o.btw for o in model.onderdelen}
        if regels.groeiplafond.btw is None and len(treatments) > 1:
            errors.append(
                FieldError(
                    f"{gp}.btw",
                    "ontbreekt; de onderdelen hebben verschillende btw-behandelingen, dus geef aan welke"
                    " de correctie krijgt ('vrijgesteld' of '21')",
                )
            )
    return errors


def _validate_sleutel(sleutel: Verdeelsleutel, jaar: Jaargegevens, path: str) -> list[FieldError]:
    errors: list[FieldError] = []
    kinds = {sleutel.soort}
    if sleutel.soort is SleutelSoort.GEWOGEN:
        gewichten = sleutel.gewichten or {}
        if not gewichten:
            errors.append(
                FieldError(
                    f"{path}.gewichten",
                    "ontbreekt; een verdeelsleutel van soort 'gewogen' heeft gewichten nodig",
                )
            )
        for kind, weight in gewichten.items():
            if kind is SleutelSoort.GEWOGEN:
                errors.append(
                    FieldError(
                        f"{path}.gewichten.{kind}",
                        "een gewogen verdeelsleutel kan niet zelf 'gewogen' bevatten",
                    )
                )
            errors += _non_negative(weight, f"{path}.gewichten.{kind}")
        if gewichten and sum(gewichten.values()) != 100:
            errors.append(
                FieldError(
                    f"{path}.gewichten",
                    f"de gewichten tellen op tot {getal(sum(gewichten.values()))}; dat moet 100 zijn",
                )
            )
        kinds = set(gewichten)
    elif sleutel.gewichten:
        errors.append(
            FieldError(f"{path}.gewichten", "alleen een verdeelsleutel van soort 'gewogen' heeft gewichten")
        )
    if SleutelSoort.PERCENTAGES in kinds:
        errors += _validate_percentages(sleutel.percentages, jaar, f"{path}.percentages")
    elif sleutel.percentages is not None:
        errors.append(
            FieldError(
                f"{path}.percentages",
                "alleen een verdeelsleutel van soort 'percentages' (of een gewogen sleutel die die"
                " gebruikt) heeft percentages",
            )
        )
    if SleutelSoort.BEVOLKING in kinds and sum(g.bevolking for g in jaar.gemeenten) <= 0:
        errors.append(
            FieldError(
                path, "een verdeelsleutel naar bevolking heeft een totale bevolking groter dan 0 nodig"
            )
        )
    if SleutelSoort.INBRENG in kinds and sum(g.inbreng for g in jaar.gemeenten) <= 0:
        errors.append(
            FieldError(path, "een verdeelsleutel naar inbreng heeft een totale inbreng groter dan 0 nodig")
        )
    return errors


def _validate_percentages(
    percentages: Mapping[str, Decimal] | None, jaar: Jaargegevens, path: str
) -> list[FieldError]:
    if percentages is None:
        return [
            FieldError(
                path,
                "ontbreekt; een verdeelsleutel van soort 'percentages' heeft een percentage per"
                " gemeente nodig",
            )
        ]
    errors = _validate_amounts(percentages, set(jaar.codes()), path, complete=True)
    total = sum(percentages.values(), Decimal(0))
    if total != 100:
        errors.append(FieldError(path, f"de percentages tellen op tot {getal(total)}; dat moet 100 zijn"))
    return errors


def _validate_gezamenlijk(
    product: GezamenlijkProduct, model: Verdeelmodel, jaar: Jaargegevens, path: str
) -> list[FieldError]:
    codes = set(jaar.codes())
    errors = _non_negative(product.bedrag, f"{path}.bedrag")
    if not product.deelnemers:
        errors.append(FieldError(f"{path}.deelnemers", "er is minstens één deelnemer nodig"))
    for j, code in enumerate(product.deelnemers):
        if code not in codes:
            errors.append(FieldError(f"{path}.deelnemers[{j}]", onbekende_gemeente(code)))
        elif code in product.deelnemers[:j]:
            errors.append(
                FieldError(f"{path}.deelnemers[{j}]", f"deelnemer {code!r} staat al eerder in de lijst")
            )
    deelnemers = set(product.deelnemers)
    gemeenten = [g for g in jaar.gemeenten if g.code in deelnemers]
    if product.methode is Methode.BEVOLKING and gemeenten and sum(g.bevolking for g in gemeenten) <= 0:
        errors.append(
            FieldError(f"{path}.methode", "de deelnemers hebben samen geen bevolking om naar te verdelen")
        )
    if product.methode is Methode.SHAPLEY:
        if len(deelnemers) > MAX_SHAPLEY_DEELNEMERS:
            errors.append(
                FieldError(
                    f"{path}.deelnemers",
                    f"de Shapley-waarde kan met ten hoogste {MAX_SHAPLEY_DEELNEMERS} deelnemers"
                    f" (nu {len(deelnemers)})",
                )
            )
        errors += _validate_amounts(product.standalone_kosten, deelnemers, f"{path}.standaloneKosten", True)
        for k, c in enumerate(product.coalitiekosten):
            cp = f"{path}.coalitiekosten[{k}]"
            if not c.deelnemers <= deelnemers:
                unknown = ", ".join(sorted(c.deelnemers - deelnemers))
                errors.append(FieldError(f"{cp}.deelnemers", f"geen deelnemers van dit product: {unknown}"))
            elif not 2 <= len(c.deelnemers) < len(deelnemers):
                errors.append(
                    FieldError(
                        f"{cp}.deelnemers", "een deelcoalitie heeft minstens 2 deelnemers, maar niet allemaal"
                    )
                )
            if c.deelnemers in [d.deelnemers for d in product.coalitiekosten[:k]]:
                errors.append(FieldError(f"{cp}.deelnemers", "deze coalitie staat er al eerder in"))
            errors += _non_negative(c.bedrag, f"{cp}.bedrag")
    elif product.standalone_kosten or product.coalitiekosten:
        errors.append(
            FieldError(
                f"{path}.methode", "standaloneKosten en coalitiekosten horen alleen bij methode 'shapley'"
            )
        )
    return errors


def _validate_afrekening(afrekening: AfrekeningInvoer, codes: set[str]) -> list[FieldError]:
    errors = _validate_amounts(afrekening.voorschotten, codes, "afrekening.voorschotten", complete=True)
    if afrekening.geleverde_uren is not None:
        errors += _validate_amounts(afrekening.geleverde_uren, codes, "afrekening.geleverdeUren", True)
    if afrekening.uurtarief is not None:
        errors += _non_negative(afrekening.uurtarief, "afrekening.uurtarief")
    drempel = afrekening.drempel
    if drempel is not None:
        if drempel.procentpunten is None and drempel.bedrag is None:
            errors.append(FieldError("afrekening.drempel", "geef procentpunten, bedrag of allebei"))
        if drempel.procentpunten is not None:
            errors += _non_negative(drempel.procentpunten, "afrekening.drempel.procentpunten")
        if drempel.bedrag is not None:
            errors += _non_negative(drempel.bedrag, "afrekening.drempel.bedrag")
            if afrekening.uurtarief is None:
                errors.append(
                    FieldError(
                        "afrekening.uurtarief",
                        "ontbreekt; een drempel in euro's (drempel.bedrag) heeft een uurtarief nodig",
                    )
                )
    return errors


def _validate_amounts(
    amounts: Mapping[str, Decimal], codes: set[str], path: str, complete: bool
) -> list[FieldError]:
    """Amounts keyed by gemeente code: known codes, non-negative; ``complete``: every code."""
    errors: list[FieldError] = []
    for code, value in amounts.items():
        if code not in codes:
            errors.append(FieldError(f"{path}.{code}", onbekende_gemeente(code)))
        errors += _non_negative(value, f"{path}.{code}")
    missing = sorted(codes - set(amounts))
    if complete and missing:
        errors.append(
            FieldError(path, f"mist gemeente(n) {', '.join(missing)}; elke gemeente moet erin staan")
        )
    return errors


def _non_negative(value: Decimal, path: str) -> list[FieldError]:
    return [FieldError(path, f"mag niet negatief zijn (nu {getal(value)})")] if value < 0 else []
