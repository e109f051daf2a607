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
        super().__init__("invalid allocation input:\n" + "\n".join(f"  {e}" for e in self.errors))


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
                errors.append(FieldError(f"verdeelmodellen[{i}].naam", f"duplicate model name {naam!r}"))
        if invoer.referentiemodel not in names:
            errors.append(FieldError("referentiemodel", f"no model named {invoer.referentiemodel!r}"))
    if invoer.afrekening is not None:
        errors += _validate_afrekening(invoer.afrekening, codes)
    if errors:
        raise AllocationInputError(errors)


def validate_jaargegevens(jaar: Jaargegevens) -> list[FieldError]:
    errors: list[FieldError] = []
    if not jaar.gemeenten:
        errors.append(FieldError("gemeenten", "at least one gemeente is needed"))
    seen: set[str] = set()
    for i, g in enumerate(jaar.gemeenten):
        path = f"gemeenten[{i}]"
        if not g.code:
            errors.append(FieldError(f"{path}.code", "must not be empty"))
        elif g.code in seen:
            errors.append(FieldError(f"{path}.code", f"duplicate gemeente {g.code}"))
        seen.add(g.code)
        if g.bevolking < 0:
            errors.append(FieldError(f"{path}.bevolking", f"must not be negative (got {g.bevolking})"))
        if g.inbreng < 0:
            errors.append(FieldError(f"{path}.inbreng", f"must not be negative (got {g.inbreng})"))
    errors += _validate_amounts(jaar.vorige_bijdragen, seen, "vorigeBijdragen", complete=False)
    return errors


def validate_model(model: Verdeelmodel, jaar: Jaargegevens, path: str) -> list[FieldError]:
    """Value rules of one model, against the year's gemeenten; ``path`` is the model's JSON path."""
    codes = set(jaar.codes())
    errors = _validate_sleutel(model.verdeelsleutel, jaar, f"{path}.verdeelsleutel")
    if not model.naam:
        errors.append(FieldError(f"{path}.naam", "must not be empty"))
    names: set[str] = set()
    for i, onderdeel in enumerate(model.onderdelen):
        p = f"{path}.onderdelen[{i}]"
        if onderdeel.naam in names:
            errors.append(FieldError(f"{p}.naam", f"duplicate part name {onderdeel.naam!r}"))
        names.add(onderdeel.naam)
        if isinstance(onderdeel, VastOnderdeel):
            errors += _non_negative(onderdeel.bedrag, f"{p}.bedrag")
            if onderdeel.verdeelsleutel is not None:
                errors += _validate_sleutel(onderdeel.verdeelsleutel, jaar, f"{p}.verdeelsleutel")
        elif isinstance(onderdeel, GebruikOnderdeel):
            for j, r in enumerate(onderdeel.regels):
                rp = f"{p}.regels[{j}]"
                if r.gemeente not in codes:
                    errors.append(FieldError(f"{rp}.gemeente", f"unknown gemeente {r.gemeente!r}"))
                errors += _non_negative(r.uren, f"{rp}.uren")
                errors += _non_negative(r.tarief, f"{rp}.tarief")
                errors += _non_negative(r.externe_kosten, f"{rp}.externeKosten")
        else:
            errors += _validate_gezamenlijk(onderdeel, model, jaar, p)
    regels = model.regels
    if regels.startperiode and regels.startperiode.tot_en_met_jaar < regels.startperiode.van_jaar:
        errors.append(FieldError(f"{path}.regels.startperiode.totEnMetJaar", "must not be before vanJaar"))
    if regels.groeiplafond is not None:
        gp = f"{path}.regels.groeiplafond"
        errors += _non_negative(regels.groeiplafond.percentage, f"{gp}.percentage")
        treatments = {o.btw for o in model.onderdelen}
        if regels.groeiplafond.btw is None and len(treatments) > 1:
            errors.append(
                FieldError(
                    f"{gp}.btw", "the parts differ in VAT treatment: say which one the correction gets"
                )
            )
    return errors


def _validate_sleutel(sleutel: Verdeelsleutel, jaar: Jaargegevens, path: str) -> list[FieldError]:
    errors: list[FieldError] = []
    kinds = {sleutel.soort}
    if sleutel.soort is SleutelSoort.GEWOGEN:
        gewichten = sleutel.gewichten or {}
        if not gewichten:
            errors.append(FieldError(f"{path}.gewichten", "a gewogen key needs gewichten"))
        for kind, weight in gewichten.items():
            if kind is SleutelSoort.GEWOGEN:
                errors.append(FieldError(f"{path}.gewichten.{kind}", "a gewogen key cannot nest"))
            errors += _non_negative(weight, f"{path}.gewichten.{kind}")
        if gewichten and sum(gewichten.values()) != 100:
            errors.append(
                FieldError(f"{path}.gewichten", f"weights must sum to 100 (got {sum(gewichten.values())})")
            )
        kinds = set(gewichten)
    elif sleutel.gewichten:
        errors.append(FieldError(f"{path}.gewichten", "only a gewogen key has gewichten"))
    if SleutelSoort.PERCENTAGES in kinds:
        errors += _validate_percentages(sleutel.percentages, jaar, f"{path}.percentages")
    elif sleutel.percentages is not None:
        errors.append(FieldError(f"{path}.percentages", "only a percentages key has percentages"))
    if SleutelSoort.BEVOLKING in kinds and sum(g.bevolking for g in jaar.gemeenten) <= 0:
        errors.append(FieldError(path, "a bevolking key needs a positive total bevolking"))
    if SleutelSoort.INBRENG in kinds and sum(g.inbreng for g in jaar.gemeenten) <= 0:
        errors.append(FieldError(path, "an inbreng key needs a positive total inbreng"))
    return errors


def _validate_percentages(
    percentages: Mapping[str, Decimal] | None, jaar: Jaargegevens, path: str
) -> list[FieldError]:
    if percentages is None:
        return [FieldError(path, "a percentages key needs percentages")]
    errors = _validate_amounts(percentages, set(jaar.codes()), path, complete=True)
    total = sum(percentages.values(), Decimal(0))
    if total != 100:
        errors.append(FieldError(path, f"percentages must sum to 100 (got {total})"))
    return errors


def _validate_gezamenlijk(
    product: GezamenlijkProduct, model: Verdeelmodel, jaar: Jaargegevens, path: str
) -> list[FieldError]:
    codes = set(jaar.codes())
    errors = _non_negative(product.bedrag, f"{path}.bedrag")
    if not product.deelnemers:
        errors.append(FieldError(f"{path}.deelnemers", "at least one deelnemer is needed"))
    for j, code in enumerate(product.deelnemers):
        if code not in codes:
            errors.append(FieldError(f"{path}.deelnemers[{j}]", f"unknown gemeente {code!r}"))
        elif code in product.deelnemers[:j]:
            errors.append(FieldError(f"{path}.deelnemers[{j}]", f"duplicate deelnemer {code!r}"))
    deelnemers = set(product.deelnemers)
    gemeenten = [g for g in jaar.gemeenten if g.code in deelnemers]
    if product.methode is Methode.BEVOLKING and gemeenten and sum(g.bevolking for g in gemeenten) <= 0:
        errors.append(FieldError(f"{path}.methode", "the deelnemers have no bevolking to split by"))
    if product.methode is Methode.SHAPLEY:
        if len(deelnemers) > MAX_SHAPLEY_DEELNEMERS:
            errors.append(
                FieldError(f"{path}.deelnemers", f"Shapley is limited to {MAX_SHAPLEY_DEELNEMERS} deelnemers")
            )
        errors += _validate_amounts(product.standalone_kosten, deelnemers, f"{path}.standaloneKosten", True)
        for k, c in enumerate(product.coalitiekosten):
            cp = f"{path}.coalitiekosten[{k}]"
            if not c.deelnemers <= deelnemers:
                unknown = ", ".join(sorted(c.deelnemers - deelnemers))
                errors.append(FieldError(f"{cp}.deelnemers", f"not deelnemers of the product: {unknown}"))
            elif not 2 <= len(c.deelnemers) < len(deelnemers):
                errors.append(
                    FieldError(f"{cp}.deelnemers", "a sub-coalition has at least 2 and not all deelnemers")
                )
            if c.deelnemers in [d.deelnemers for d in product.coalitiekosten[:k]]:
                errors.append(FieldError(f"{cp}.deelnemers", "this coalition is given twice"))
            errors += _non_negative(c.bedrag, f"{cp}.bedrag")
    elif product.standalone_kosten or product.coalitiekosten:
        errors.append(FieldError(f"{path}.methode", "standaloneKosten/coalitiekosten are only for shapley"))
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
            errors.append(FieldError("afrekening.drempel", "give procentpunten, bedrag or both"))
        if drempel.procentpunten is not None:
            errors += _non_negative(drempel.procentpunten, "afrekening.drempel.procentpunten")
        if drempel.bedrag is not None:
            errors += _non_negative(drempel.bedrag, "afrekening.drempel.bedrag")
            if afrekening.uurtarief is None:
                errors.append(FieldError("afrekening.uurtarief", "a drempel in euros needs an uurtarief"))
    return errors


def _validate_amounts(
    amounts: Mapping[str, Decimal], codes: set[str], path: str, complete: bool
) -> list[FieldError]:
    """Amounts keyed by gemeente code: known codes, non-negative; ``complete``: every code."""
    errors: list[FieldError] = []
    for code, value in amounts.items():
        if code not in codes:
            errors.append(FieldError(f"{path}.{code}", f"unknown gemeente {code!r}"))
        errors += _non_negative(value, f"{path}.{code}")
    missing = sorted(codes - set(amounts))
    if complete and missing:
        errors.append(FieldError(path, f"missing gemeente(n): {', '.join(missing)}"))
    return errors


def _non_negative(value: Decimal, path: str) -> list[FieldError]:
    return [FieldError(path, f"must not be negative (got {value})")] if value < 0 else []
