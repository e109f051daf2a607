"""The allocation: who pays what under a verdeelmodel. Pure Python, no Django.

The steps of ``allocate``, each in one function below:

1. ``key_shares``: the model's key (verdeelsleutel) as exact shares per gemeente.
2. ``split_part``: each part (onderdeel) as exact amounts per gemeente: a fixed amount by a key,
   usage by each gemeente's own lines, a joint product equally / by population / by key / by
   Shapley. In a start period (``startperiode``) every part is split by the model's key instead.
3. ``growth_cap_corrections``: the groeiplafond, as a correction line that sums to zero.
4. Rounding per part with the largest-remainder method (``rounding.largest_remainder``), so every
   part sums exactly to its amount; VAT per line on the rounded line.

``compare`` runs several models on the same year; ``settle`` makes the year-end settlement and the
deviation alert; ``run`` does all that a file asks for.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from .model import (
    Afrekening,
    AfrekeningInvoer,
    Afrekeningsregel,
    AllocationInputError,
    Bijdrage,
    Btw,
    GebruikOnderdeel,
    Gebruiksregel,
    Gemeente,
    GezamenlijkProduct,
    Grondslag,
    Invoer,
    Jaargegevens,
    Methode,
    Onderdeel,
    OnderdeelResultaat,
    OnderdeelSoort,
    Regel,
    Resultaat,
    SleutelSoort,
    VastOnderdeel,
    Verdeelmodel,
    Verdeelsleutel,
    Verdeling,
    Vergelijking,
    Vergelijkingsregel,
    validate,
    validate_jaargegevens,
    validate_model,
)
from .rounding import (
    CENT,
    decimal_percentage,
    format_euro,
    format_percentage,
    largest_remainder,
    round_amount,
)
from .shapley import coalition_cost, shapley_values

Amounts = dict[str, Fraction]  # exact euros per gemeente code

GROEIPLAFOND = "Correctie groeiplafond"

# ---------------------------------------------------------------------------------------------
# 1. Keys


def key_shares(sleutel: Verdeelsleutel, gemeenten: Sequence[Gemeente]) -> Amounts:
    """Exact shares (summing to 1) of each gemeente under a key."""
    codes = [g.code for g in gemeenten]
    match sleutel.soort:
        case SleutelSoort.BEVOLKING:
            return proportional({g.code: Fraction(g.bevolking) for g in gemeenten})
        case SleutelSoort.INBRENG:
            return proportional({g.code: Fraction(g.inbreng) for g in gemeenten})
        case SleutelSoort.GELIJK:
            return {code: Fraction(1, len(codes)) for code in codes}
        case SleutelSoort.PERCENTAGES:
            percentages = sleutel.percentages or {}
            return {code: Fraction(percentages[code]) / 100 for code in codes}
        case SleutelSoort.GEWOGEN:
            shares = dict.fromkeys(codes, Fraction(0))
            for soort, gewicht in (sleutel.gewichten or {}).items():
                part = key_shares(Verdeelsleutel(soort, percentages=sleutel.percentages), gemeenten)
                for code in codes:
                    shares[code] += Fraction(gewicht) / 100 * part[code]
            return shares
    raise AssertionError(sleutel.soort)  # pragma: no cover


def proportional(weights: Mapping[str, Fraction]) -> Amounts:
    """Weights scaled to shares summing to 1 (all weights zero: no shares can be made)."""
    total = sum(weights.values(), Fraction(0))
    if total <= 0:
        raise ValueError("weights must have a positive total")
    return {code: w / total for code, w in weights.items()}


def split(amount: Fraction, shares: Mapping[str, Fraction], codes: Sequence[str]) -> Amounts:
    """``amount`` split by ``shares``; gemeenten not in ``shares`` get nothing."""
    return {code: amount * shares.get(code, Fraction(0)) for code in codes}


# ---------------------------------------------------------------------------------------------
# 2. Parts


@dataclass(frozen=True)
class ExactPart:
    """A part split exactly, before rounding."""

    naam: str
    soort: OnderdeelSoort
    btw: Btw
    amounts: Amounts
    toelichting: str


def part_total(onderdeel: Onderdeel) -> Fraction:
    if isinstance(onderdeel, GebruikOnderdeel):
        return sum((r.bedrag for r in onderdeel.regels), Fraction(0))
    return Fraction(onderdeel.bedrag)


def split_part(
    onderdeel: Onderdeel, jaar: Jaargegevens, model_key: Amounts, startperiode: bool
) -> tuple[ExactPart, list[str]]:
    """One part as exact amounts per gemeente, with an explanation and any warnings."""
    codes = jaar.codes()
    warnings: list[str] = []
    if startperiode:
        amounts = split(part_total(onderdeel), model_key, codes)
        toelichting = "startperiode: verdeeld naar de verdeelsleutel van het model, geen verrekening"
    elif isinstance(onderdeel, VastOnderdeel):
        if onderdeel.verdeelsleutel is None:
            amounts = split(part_total(onderdeel), model_key, codes)
            toelichting = "verdeelsleutel van het model"
        else:
            shares = key_shares(onderdeel.verdeelsleutel, jaar.gemeenten)
            amounts = split(part_total(onderdeel), shares, codes)
            toelichting = f"eigen verdeelsleutel ({onderdeel.verdeelsleutel.soort})"
    elif isinstance(onderdeel, GebruikOnderdeel):
        amounts = usage_amounts(onderdeel.regels, codes)
        basis = "realisatie" if onderdeel.grondslag is Grondslag.REALISATIE else "raming"
        toelichting = f"naar gebruik: uren x tarief + externe kosten ({basis})"
    else:
        amounts, toelichting = split_joint_product(onderdeel, jaar, model_key, warnings)
    return ExactPart(onderdeel.naam, onderdeel.soort, onderdeel.btw, amounts, toelichting), warnings


def usage_amounts(regels: Sequence[Gebruiksregel], codes: Sequence[str]) -> Amounts:
    amounts = dict.fromkeys(codes, Fraction(0))
    for regel in regels:
        amounts[regel.gemeente] += regel.bedrag
    return amounts


def split_joint_product(
    product: GezamenlijkProduct, jaar: Jaargegevens, model_key: Amounts, warnings: list[str]
) -> tuple[Amounts, str]:
    codes = jaar.codes()
    total = Fraction(product.bedrag)
    deelnemers = sorted(set(product.deelnemers))
    match product.methode:
        case Methode.GELIJK:
            shares = {d: Fraction(1, len(deelnemers)) for d in deelnemers}
            return split(total, shares, codes), "gelijke delen over de deelnemers"
        case Methode.BEVOLKING:
            bevolking = {g.code: Fraction(g.bevolking) for g in jaar.gemeenten if g.code in deelnemers}
            return split(total, proportional(bevolking), codes), "naar bevolking van de deelnemers"
        case Methode.VERDEELSLEUTEL:
            key = {d: model_key[d] for d in deelnemers}
            if sum(key.values()) == 0:
                warnings.append(
                    f"{product.naam}: de deelnemers hebben geen aandeel in de verdeelsleutel; gelijk verdeeld"
                )
                key = dict.fromkeys(deelnemers, Fraction(1))
            return split(total, proportional(key), codes), "verdeelsleutel van het model, over de deelnemers"
        case Methode.SHAPLEY:
            standalone = {d: Fraction(product.standalone_kosten[d]) for d in deelnemers}
            given = {c.deelnemers: Fraction(c.bedrag) for c in product.coalitiekosten}
            values = shapley_values(deelnemers, coalition_cost(total, standalone, given))
            if len(deelnemers) > 2 and len(given) < 2 ** len(deelnemers) - len(deelnemers) - 2:
                warnings.append(
                    f"{product.naam}: Shapley met standaardkosten voor niet-opgegeven coalities "
                    "(min(som stand-alone kosten, gezamenlijke kosten))"
                )
            amounts = dict.fromkeys(codes, Fraction(0)) | values
            return amounts, "Shapley-waarde van de stand-alone kosten"
    raise AssertionError(product.methode)  # pragma: no cover


# ---------------------------------------------------------------------------------------------
# 3. Growth cap


def growth_cap_corrections(
    totals: Mapping[str, Fraction],
    previous: Mapping[str, Fraction],
    percentage: Fraction,
    key: Mapping[str, Fraction],
) -> tuple[Amounts, list[str]]:
    """Corrections (summing to zero) that keep each contribution within the groeiplafond.

    A gemeente with a previous contribution may pay at most ``previous * (1 + percentage/100)``.
    What capped gemeenten would pay above their cap is redistributed over the gemeenten below the
    cap in proportion to the key; that may push others over their cap, so it repeats until stable.
    Gemeenten without a previous contribution (joiners) are not capped. If every gemeente that can
    receive reaches its cap, the rest cannot be placed within the caps: it is split over all
    gemeenten by the key, and a warning says so.
    """
    caps = {
        code: previous[code] * (1 + percentage / 100)
        for code in totals
        if previous.get(code, Fraction(0)) > 0
    }
    amounts = dict(totals)
    capped: set[str] = set()
    warnings: list[str] = []
    while over := sorted(code for code in caps if code not in capped and amounts[code] > caps[code]):
        excess = sum((amounts[code] - caps[code] for code in over), Fraction(0))
        for code in over:
            amounts[code] = caps[code]
        capped.update(over)
        receivers = [code for code in amounts if code not in capped]
        weight = sum((key[code] for code in receivers), Fraction(0))
        if weight == 0:
            for code in amounts:
                amounts[code] += excess * key[code]
            cap = format_percentage(fraction_to_decimal(percentage))
            warnings.append(
                f"Groeiplafond van {cap}"
                f" niet haalbaar: alle gemeenten zitten aan hun plafond; {format_euro(round_amount(excess))}"
                " boven de plafonds is naar de verdeelsleutel over alle gemeenten verdeeld"
            )
            break
        for code in receivers:
            amounts[code] += excess * key[code] / weight
    return {code: amounts[code] - totals[code] for code in totals}, warnings


# ---------------------------------------------------------------------------------------------
# 4. The allocation


def allocate(jaar: Jaargegevens, model: Verdeelmodel) -> Verdeling:
    """Allocate one year under one model; raises ``AllocationInputError`` on invalid input."""
    errors = validate_jaargegevens(jaar) + validate_model(model, jaar, "verdeelmodel")
    if errors:
        raise AllocationInputError(errors)
    return _allocate(jaar, model)


def _allocate(jaar: Jaargegevens, model: Verdeelmodel) -> Verdeling:
    codes = jaar.codes()
    model_key = key_shares(model.verdeelsleutel, jaar.gemeenten)
    startperiode = model.regels.startperiode is not None and model.regels.startperiode.covers(jaar.jaar)
    warnings = reference_date_warnings(jaar)

    parts: list[ExactPart] = []
    for onderdeel in model.onderdelen:
        part, part_warnings = split_part(onderdeel, jaar, model_key, startperiode)
        parts.append(part)
        warnings += part_warnings

    plafond = model.regels.groeiplafond
    if plafond is not None:
        totals = {code: sum((p.amounts[code] for p in parts), Fraction(0)) for code in codes}
        previous = {code: Fraction(v) for code, v in jaar.vorige_bijdragen.items()}
        corrections, cap_warnings = growth_cap_corrections(
            totals, previous, Fraction(plafond.percentage), model_key
        )
        warnings += cap_warnings
        if any(corrections.values()):
            treatment = plafond.btw or (model.onderdelen[0].btw if model.onderdelen else Btw.VRIJGESTELD)
            toelichting = (
                f"groeiplafond {plafond.percentage}% t.o.v. vorig jaar, herverdeeld naar de verdeelsleutel"
            )
            parts.append(
                ExactPart(GROEIPLAFOND, OnderdeelSoort.GROEIPLAFOND, treatment, corrections, toelichting)
            )

    rounded = [largest_remainder(p.amounts) for p in parts]
    bijdragen = []
    for gemeente in jaar.gemeenten:
        regels = tuple(
            Regel(p.naam, cents[gemeente.code], vat(cents[gemeente.code], p.btw))
            for p, cents in zip(parts, rounded, strict=True)
        )
        excl = sum((r.bedrag for r in regels), Decimal("0.00"))
        btw = sum((r.btw for r in regels), Decimal("0.00"))
        bijdragen.append(
            Bijdrage(gemeente.code, gemeente.naam, model_key[gemeente.code], regels, excl, btw, excl + btw)
        )
    onderdelen = tuple(
        OnderdeelResultaat(p.naam, p.soort, sum(cents.values(), Decimal("0.00")), p.btw, p.toelichting)
        for p, cents in zip(parts, rounded, strict=True)
    )
    excl = sum((b.totaal_excl_btw for b in bijdragen), Decimal("0.00"))
    btw = sum((b.btw for b in bijdragen), Decimal("0.00"))
    if startperiode:
        warnings.insert(0, "Startperiode: alle onderdelen naar de verdeelsleutel; niets wordt verrekend")
    return Verdeling(
        verdeelmodel=model.naam,
        jaar=jaar.jaar,
        startperiode=startperiode,
        onderdelen=onderdelen,
        bijdragen=tuple(bijdragen),
        totaal_excl_btw=excl,
        btw=btw,
        totaal_incl_btw=excl + btw,
        waarschuwingen=tuple(warnings),
    )


def vat(amount: Decimal, btw: Btw) -> Decimal:
    """The VAT on one rounded line, rounded to the cent (as on the gemeente's invoice)."""
    return (amount * Decimal(btw.tarief.numerator) / btw.tarief.denominator).quantize(CENT, ROUND_HALF_UP)


def reference_date_warnings(jaar: Jaargegevens) -> list[str]:
    dates = {g.peildatum for g in jaar.gemeenten if g.peildatum is not None}
    if len(dates) > 1:
        listed = ", ".join(sorted(d.isoformat() for d in dates))
        return [f"De peildata van de bevolking verschillen ({listed})"]
    return []


# ---------------------------------------------------------------------------------------------
# Scenarios


def compare(
    jaar: Jaargegevens, modellen: Sequence[Verdeelmodel], referentie: str | None = None
) -> tuple[tuple[Verdeling, ...], Vergelijking]:
    """Run several models on the same year; compare each gemeente's total (incl. VAT) with the
    reference model (default: the first)."""
    invoer = Invoer(jaar, tuple(modellen), referentie or modellen[0].naam)
    validate(invoer)
    verdelingen = tuple(_allocate(jaar, m) for m in modellen)
    return verdelingen, comparison(verdelingen, invoer.referentiemodel)


def comparison(verdelingen: Sequence[Verdeling], referentie: str) -> Vergelijking:
    reference = next(v for v in verdelingen if v.verdeelmodel == referentie)
    regels = []
    for ref in reference.bijdragen:
        bedragen = {v.verdeelmodel: v.bijdrage(ref.gemeente).totaal_incl_btw for v in verdelingen}
        verschil = {naam: bedrag - ref.totaal_incl_btw for naam, bedrag in bedragen.items()}
        procent = {
            naam: (d * 100 / ref.totaal_incl_btw).quantize(CENT, ROUND_HALF_UP)
            if ref.totaal_incl_btw
            else None
            for naam, d in verschil.items()
        }
        regels.append(Vergelijkingsregel(ref.gemeente, ref.naam, bedragen, verschil, procent))
    return Vergelijking(referentie, tuple(v.verdeelmodel for v in verdelingen), tuple(regels))


# ---------------------------------------------------------------------------------------------
# Year-end settlement


def settle(
    verdeling: Verdeling, jaar: Jaargegevens, model: Verdeelmodel, invoer: AfrekeningInvoer
) -> Afrekening:
    """Advances against realisation per gemeente, and the deviation alert (afwijkingssignaal).

    ``saldo`` = realisation (incl. VAT) - advance: positive, the gemeente pays; negative, it gets
    money back. In a start period nothing is settled: the saldo is shown as ``niet_verrekend``.

    The alert compares each gemeente's share of the hours it actually received (``geleverde_uren``,
    all work from the time registration) with its key share. It fires when
    the difference exceeds the board's threshold in percentage points or in euros
    (hours difference x ``uurtarief``).
    """
    verrekend = not verdeling.startperiode
    key = key_shares(model.verdeelsleutel, jaar.gemeenten)
    uren = received_hours(jaar, invoer)
    total_hours = sum(uren.values(), Fraction(0)) if uren else Fraction(0)
    drempel = invoer.drempel
    regels = []
    signalen = []
    for gemeente in jaar.gemeenten:
        code = gemeente.code
        voorschot = Decimal(invoer.voorschotten[code]).quantize(CENT, ROUND_HALF_UP)
        realisatie = verdeling.bijdrage(code).totaal_incl_btw
        saldo = realisatie - voorschot
        urenaandeel = uren[code] / total_hours if uren and total_hours else None
        pp = euros = None
        signaal = False
        if uren and urenaandeel is not None:
            pp = (urenaandeel - key[code]) * 100
            if invoer.uurtarief is not None:
                euros = (uren[code] - key[code] * total_hours) * Fraction(invoer.uurtarief)
            if drempel is not None:
                signaal = (
                    drempel.procentpunten is not None and abs(pp) > Fraction(drempel.procentpunten)
                ) or (
                    drempel.bedrag is not None and euros is not None and abs(euros) > Fraction(drempel.bedrag)
                )
        if signaal:
            assert pp is not None
            signalen.append(deviation_message(gemeente, key[code], pp, euros))
        regels.append(
            Afrekeningsregel(
                gemeente=code,
                naam=gemeente.naam,
                voorschot=voorschot,
                realisatie=realisatie,
                saldo=saldo,
                te_betalen=max(saldo, Decimal("0.00")) if verrekend else Decimal("0.00"),
                te_ontvangen=max(-saldo, Decimal("0.00")) if verrekend else Decimal("0.00"),
                niet_verrekend=Decimal("0.00") if verrekend else saldo,
                sleutelaandeel=key[code],
                urenaandeel=urenaandeel,
                afwijking_procentpunten=None if pp is None else fraction_to_decimal(pp),
                afwijking_bedrag=None if euros is None else round_amount(euros),
                signaal=signaal,
            )
        )
    return Afrekening(model.naam, verrekend, tuple(regels), tuple(signalen))


def received_hours(jaar: Jaargegevens, invoer: AfrekeningInvoer) -> Amounts | None:
    """Hours each gemeente actually received (all work, from the time registration), if given."""
    if invoer.geleverde_uren is None:
        return None
    return {code: Fraction(invoer.geleverde_uren[code]) for code in jaar.codes()}


def deviation_message(gemeente: Gemeente, key: Fraction, pp: Fraction, euros: Fraction | None) -> str:
    richting = "minder" if pp < 0 else "meer"
    text = (
        f"Afwijkingssignaal: {gemeente.naam} ({gemeente.code}) kreeg "
        f"{format_percentage(abs(fraction_to_decimal(pp)))}-punt {richting} werk dan haar sleutelaandeel "
        f"({format_percentage(decimal_percentage(key, 2))})"
    )
    if euros is not None:
        text += f", {format_euro(abs(round_amount(euros)))} {richting}"
    return text


def fraction_to_decimal(value: Fraction, places: int = 2) -> Decimal:
    exponent = Decimal(1).scaleb(-places)
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(exponent, ROUND_HALF_UP)


# ---------------------------------------------------------------------------------------------
# A whole file


def run(invoer: Invoer) -> Resultaat:
    """Everything a file asks for: each model's allocation, the comparison when there are several,
    and the settlement of the reference model when advances are given."""
    validate(invoer)
    jaar = invoer.jaargegevens
    verdelingen = tuple(_allocate(jaar, m) for m in invoer.verdeelmodellen)
    vergelijking = comparison(verdelingen, invoer.referentiemodel) if len(verdelingen) > 1 else None
    afrekening = None
    if invoer.afrekening is not None:
        index = [m.naam for m in invoer.verdeelmodellen].index(invoer.referentiemodel)
        afrekening = settle(verdelingen[index], jaar, invoer.verdeelmodellen[index], invoer.afrekening)
    return Resultaat(jaar.jaar, invoer.referentiemodel, verdelingen, vergelijking, afrekening)
