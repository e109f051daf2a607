"""Joining and leaving partners (toetreding, uittreding) as arithmetic: a pure core, no Django.

A partner that **joins** takes over the existing agreements: the cooperation's model is applied to the
same year with the joiner added (its population; for a key by inbreng an assumed inbreng; for a key by
percentages an assumed percentage, the others scaled down in proportion). It has no usage in the year
and takes part in no joint product, so the total to split is unchanged: what the others pay less,
together, is exactly what the joiner pays (:func:`vergelijk`, the property the tests check).

A partner that **leaves** is taken out of the model: its usage lines go (the work it asked stops), it
leaves the joint products (the others carry them), a key by percentages is scaled up to 100 % again.
The costs of the werkorganisatie are not assumed to fall, so what the leaver paid for the fixed parts
and the joint products is carried by those who stay; the frictional costs it pays on leaving follow
the cooperation's rule (:func:`frictiekosten`: a number of years of its share of the overhead, plus
other items). Staff who would go with it are counted by origin and as FTE-equivalents of the hours
they worked for it (:func:`personeel_per_eenheid`).

Amounts are ``Decimal`` euros at the boundary, exact ``Fraction`` inside, rounded to cents once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from .model import (
    GebruikOnderdeel,
    Gemeente,
    GezamenlijkProduct,
    Jaargegevens,
    Onderdeel,
    SleutelSoort,
    VastOnderdeel,
    Verdeelmodel,
    Verdeelsleutel,
    Verdeling,
)
from .rounding import largest_remainder, round_amount

NUL = Decimal("0")
HONDERD = Decimal("100")
PERCENTAGE_DECIMALEN = 6


class MutatieFout(ValueError):
    """A scenario that cannot be computed; ``veld`` names the input (``inbreng``, ``percentage``, ...)."""

    def __init__(self, veld: str, bericht: str) -> None:
        self.veld = veld
        self.bericht = bericht
        super().__init__(f"{veld}: {bericht}")


# --- keys ------------------------------------------------------------------------------------------------------
def _sleutels(model: Verdeelmodel) -> list[Verdeelsleutel]:
    result = [model.verdeelsleutel]
    result += [
        o.verdeelsleutel for o in model.onderdelen if isinstance(o, VastOnderdeel) and o.verdeelsleutel
    ]
    return result


def _soorten(sleutel: Verdeelsleutel) -> set[SleutelSoort]:
    if sleutel.soort is SleutelSoort.GEWOGEN:
        return {s for s, gewicht in (sleutel.gewichten or {}).items() if gewicht}
    return {sleutel.soort}


def gebruikte_sleutels(model: Verdeelmodel) -> set[SleutelSoort]:
    """The kinds of key a model uses anywhere (its own key and those of its fixed parts)."""
    return set().union(*(_soorten(s) for s in _sleutels(model)))


def herschaal(
    percentages: Mapping[str, Decimal], nieuw: Mapping[str, Decimal] | None = None
) -> dict[str, Decimal]:
    """Percentages scaled in proportion so that, with the fixed ``nieuw`` ones, they sum to exactly 100.

    Rounded to :data:`PERCENTAGE_DECIMALEN` decimals by largest remainder (a key's percentages must sum
    to 100 exactly). Without any weight left (all zero) the rest is split equally.
    """
    nieuw = dict(nieuw or {})
    rest = Fraction(HONDERD - sum(nieuw.values(), NUL))
    if rest < 0:
        raise MutatieFout("percentage", "het percentage van de nieuwe deelnemer is hoger dan 100")
    basis = {c: Fraction(p) for c, p in percentages.items() if c not in nieuw}
    totaal = sum(basis.values(), Fraction(0))
    exact = (
        {c: rest * p / totaal for c, p in basis.items()}
        if totaal > 0
        else {c: rest / len(basis) for c in basis}
        if basis
        else {}
    )
    schaal = 10**PERCENTAGE_DECIMALEN
    # largest_remainder rounds to cents: scale so that its "cents" are our millionths of a percent
    centen = largest_remainder(
        {c: v * schaal / 100 for c, v in exact.items()}, int(rest * schaal) if basis else 0
    )
    result = {
        c: (v * 100 / schaal).quantize(Decimal(1).scaleb(-PERCENTAGE_DECIMALEN)) for c, v in centen.items()
    }
    return {**result, **nieuw}


def _sleutel_met(
    sleutel: Verdeelsleutel, nieuw: Mapping[str, Decimal] | None, weg: str | None
) -> Verdeelsleutel:
    if sleutel.percentages is None:
        return sleutel
    percentages = {c: p for c, p in sleutel.percentages.items() if c != weg}
    return replace(sleutel, percentages=herschaal(percentages, nieuw))


def _model_met_sleutels(
    model: Verdeelmodel, nieuw: Mapping[str, Decimal] | None, weg: str | None
) -> Verdeelmodel:
    onderdelen: list[Onderdeel] = []
    for o in model.onderdelen:
        if isinstance(o, VastOnderdeel) and o.verdeelsleutel is not None:
            o = replace(o, verdeelsleutel=_sleutel_met(o.verdeelsleutel, nieuw, weg))
        onderdelen.append(o)
    return replace(
        model, verdeelsleutel=_sleutel_met(model.verdeelsleutel, nieuw, weg), onderdelen=tuple(onderdelen)
    )


# --- joining and leaving -------------------------------------------------------------------------------------------
def met_toetreder(
    jaar: Jaargegevens, model: Verdeelmodel, toetreder: Gemeente, percentage: Decimal | None = None
) -> tuple[Jaargegevens, Verdeelmodel]:
    """The year and model with ``toetreder`` as a partner under the existing agreements.

    ``toetreder.inbreng`` is the assumed inbreng (needed when the model has a key by inbreng);
    ``percentage`` its share where the model has a key by percentages (the others scaled down).
    """
    if toetreder.code in jaar.codes():
        raise MutatieFout("gemeente", f"{toetreder.naam} is al deelnemer")
    soorten = gebruikte_sleutels(model)
    if SleutelSoort.INBRENG in soorten and toetreder.inbreng <= 0:
        raise MutatieFout(
            "inbreng",
            f"het verdeelmodel verdeelt naar inbreng; geef de veronderstelde inbreng van {toetreder.naam}",
        )
    if SleutelSoort.PERCENTAGES in soorten and (percentage is None or not NUL <= percentage < HONDERD):
        raise MutatieFout(
            "percentage",
            f"het verdeelmodel verdeelt naar vaste percentages; geef het percentage van {toetreder.naam} (0 tot 100)",
        )
    if any(s.percentages is not None for s in _sleutels(model)):
        # every key that lists percentages must list the joiner (with 0 where the weight of them is 0)
        model = _model_met_sleutels(model, {toetreder.code: percentage or NUL}, None)
    return replace(jaar, gemeenten=(*jaar.gemeenten, toetreder)), model


def zonder_deelnemer(jaar: Jaargegevens, model: Verdeelmodel, code: str) -> tuple[Jaargegevens, Verdeelmodel]:
    """The year and model without partner ``code``: its usage lines and joint-product shares go."""
    if code not in jaar.codes():
        raise MutatieFout("gemeente", f"gemeente {code} is geen deelnemer")
    if len(jaar.gemeenten) < 2:
        raise MutatieFout("gemeente", "de laatste deelnemer kan niet uittreden")
    onderdelen: list[Onderdeel] = []
    for o in model.onderdelen:
        if isinstance(o, GebruikOnderdeel):
            o = replace(o, regels=tuple(r for r in o.regels if r.gemeente != code))
        elif isinstance(o, GezamenlijkProduct) and code in o.deelnemers:
            deelnemers = tuple(d for d in o.deelnemers if d != code)
            if not deelnemers:
                continue  # nobody else ordered it: the product goes with the leaver
            coalities = tuple(
                c
                for c in o.coalitiekosten
                if code not in c.deelnemers and 2 <= len(c.deelnemers) < len(deelnemers)
            )
            o = replace(
                o,
                deelnemers=deelnemers,
                standalone_kosten={d: v for d, v in o.standalone_kosten.items() if d != code},
                coalitiekosten=coalities,
            )
        onderdelen.append(o)
    model = _model_met_sleutels(replace(model, onderdelen=tuple(onderdelen)), None, code)
    blijvers = tuple(g for g in jaar.gemeenten if g.code != code)
    soorten = gebruikte_sleutels(model)
    if SleutelSoort.INBRENG in soorten and sum((g.inbreng for g in blijvers), NUL) <= 0:
        raise MutatieFout("inbreng", "zonder deze deelnemer is er geen inbreng meer om naar te verdelen")
    if SleutelSoort.BEVOLKING in soorten and sum(g.bevolking for g in blijvers) <= 0:
        raise MutatieFout("gemeente", "zonder deze deelnemer is er geen bevolking meer om naar te verdelen")
    vorige = {c: v for c, v in jaar.vorige_bijdragen.items() if c != code}
    return replace(jaar, gemeenten=blijvers, vorige_bijdragen=vorige), model


def gebruik_van(model: Verdeelmodel, code: str) -> Decimal:
    """What the usage lines of ``code`` cost under ``model`` (excl. VAT), in cents."""
    totaal = sum(
        (
            r.bedrag
            for o in model.onderdelen
            if isinstance(o, GebruikOnderdeel)
            for r in o.regels
            if r.gemeente == code
        ),
        Fraction(0),
    )
    return round_amount(totaal)


# --- comparison -------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Partnerregel:
    """One partner before and after: key share (0..1, None: not a partner) and contribution excl. VAT."""

    code: str
    naam: str
    aandeel_voor: Fraction | None
    aandeel_na: Fraction | None
    bedrag_voor: Decimal | None
    bedrag_na: Decimal | None

    @property
    def verschil(self) -> Decimal:
        return (self.bedrag_na or NUL) - (self.bedrag_voor or NUL)


@dataclass(frozen=True)
class Vergelijking:
    regels: tuple[Partnerregel, ...]
    totaal_voor: Decimal
    totaal_na: Decimal

    def regel(self, code: str) -> Partnerregel:
        return next(r for r in self.regels if r.code == code)

    @property
    def totaal_verschil(self) -> Decimal:
        return self.totaal_na - self.totaal_voor


def vergelijk(voor: Verdeling, na: Verdeling) -> Vergelijking:
    """Per partner (those before, then any new one) the share and contribution before and after."""
    oud = {b.gemeente: b for b in voor.bijdragen}
    nieuw = {b.gemeente: b for b in na.bijdragen}
    volgorde = [b.gemeente for b in voor.bijdragen] + [
        b.gemeente for b in na.bijdragen if b.gemeente not in oud
    ]
    regels = []
    for code in volgorde:
        a, b = oud.get(code), nieuw.get(code)
        regels.append(
            Partnerregel(
                code=code,
                naam=(a or b).naam,  # type: ignore[union-attr]
                aandeel_voor=a.sleutelaandeel if a else None,
                aandeel_na=b.sleutelaandeel if b else None,
                bedrag_voor=a.totaal_excl_btw if a else None,
                bedrag_na=b.totaal_excl_btw if b else None,
            )
        )
    return Vergelijking(tuple(regels), voor.totaal_excl_btw, na.totaal_excl_btw)


# --- frictional costs ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Uittredingsregel:
    """The cooperation's rule: ``jaren`` years of the leaver's share of the overhead."""

    jaren_overhead: Decimal
    bron: str


@dataclass(frozen=True)
class Post:
    omschrijving: str
    bedrag: Decimal


@dataclass(frozen=True)
class Frictiekosten:
    overhead: Decimal  # the year's overhead in the budget
    aandeel: Fraction  # the leaver's key share
    overhead_aandeel: Decimal  # its share of the overhead per year, in cents
    jaren: Decimal
    uit_overhead: Decimal  # jaren x overhead_aandeel, in cents
    overige: tuple[Post, ...]
    totaal: Decimal


def frictiekosten(
    regel: Uittredingsregel, overhead: Decimal, aandeel: Fraction, overige: Iterable[Post] = ()
) -> Frictiekosten:
    """The rule applied: ``jaren`` x (``aandeel`` x ``overhead``), each rounded to cents once, plus ``overige``."""
    if overhead < 0 or regel.jaren_overhead < 0 or not 0 <= aandeel <= 1:
        raise MutatieFout("frictiekosten", "overhead, jaren en aandeel mogen niet negatief zijn")
    posten = tuple(overige)
    if any(p.bedrag < 0 for p in posten):
        raise MutatieFout("overigeFrictiekosten", "een post mag niet negatief zijn")
    per_jaar = round_amount(Fraction(overhead) * aandeel)
    uit_overhead = round_amount(Fraction(per_jaar) * Fraction(regel.jaren_overhead))
    totaal = uit_overhead + sum((p.bedrag for p in posten), NUL)
    return Frictiekosten(overhead, aandeel, per_jaar, regel.jaren_overhead, uit_overhead, posten, totaal)


# --- staff ----------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Persoon:
    """One member of staff: unit, FTE, origin (a gemeente code or None), hours for the partner and in total."""

    eenheid: str
    fte: Decimal
    afkomstig_van: str | None
    uren_partner: Decimal
    uren_totaal: Decimal


@dataclass(frozen=True)
class Personeelsregel:
    """Per unit: staff who came from the partner (count, FTE) and the hours-based FTE-equivalent."""

    eenheid: str
    aantal_herkomst: int
    fte_herkomst: Decimal
    aantal_met_uren: int
    fte_equivalent: Decimal


def fte_equivalent(persoon: Persoon) -> Fraction:
    """The person's FTE times the share of their hours in the year that were for the partner (exact)."""
    if persoon.uren_totaal <= 0 or persoon.uren_partner <= 0:
        return Fraction(0)
    return Fraction(persoon.fte) * Fraction(persoon.uren_partner) / Fraction(persoon.uren_totaal)


def _fte(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def personeel_per_eenheid(personen: Sequence[Persoon], code: str) -> list[Personeelsregel]:
    """Per unit (by name), the staff of partner ``code``: by origin, and by hours worked for it."""
    per: dict[str, list[Persoon]] = {}
    for p in personen:
        if p.afkomstig_van == code or (p.uren_partner > 0 and p.uren_totaal > 0):
            per.setdefault(p.eenheid, []).append(p)
    result = []
    for eenheid in sorted(per):
        groep = per[eenheid]
        herkomst = [p for p in groep if p.afkomstig_van == code]
        met_uren = [p for p in groep if fte_equivalent(p) > 0]
        result.append(
            Personeelsregel(
                eenheid=eenheid,
                aantal_herkomst=len(herkomst),
                fte_herkomst=sum((p.fte for p in herkomst), NUL).quantize(Decimal("0.01")),
                aantal_met_uren=len(met_uren),
                fte_equivalent=_fte(sum((fte_equivalent(p) for p in met_uren), Fraction(0))),
            )
        )
    return result


def naar_rato(bedrag: Decimal, datum: date, *, toetreding: bool) -> tuple[int, Decimal]:
    """A year's contribution for the part of ``datum``'s year a partner takes part: from ``datum`` to the
    year's end for a joiner, from 1 January to the day before ``datum`` for a leaver. (days, amount in cents)"""
    begin, eind = date(datum.year, 1, 1), date(datum.year, 12, 31)
    jaar_dagen = (eind - begin).days + 1
    dagen = (eind - datum).days + 1 if toetreding else (datum - begin).days
    return dagen, round_amount(Fraction(bedrag) * dagen / jaar_dagen)


def veronderstelde_inbreng(inbreng: Decimal, inwoners: int, inwoners_toetreder: int) -> Decimal:
    """The partners' inbreng per inhabitant times the joiner's inhabitants, rounded to whole thousands."""
    if inwoners <= 0:
        raise MutatieFout("inbreng", "de deelnemers hebben samen geen inwoners")
    exact = Fraction(inbreng) * inwoners_toetreder / inwoners / 1000
    return (Decimal(round(exact)) * 1000).quantize(Decimal("0.01"))


def percentage(share: Fraction | None, places: int = 2) -> Decimal | None:
    """A share (0..1) as a percentage for display, half up."""
    if share is None:
        return None
    return (Decimal(share.numerator) * 100 / Decimal(share.denominator)).quantize(
        Decimal(1).scaleb(-places), ROUND_HALF_UP
    )
