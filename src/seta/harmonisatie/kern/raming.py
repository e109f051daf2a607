"""The estimate of a harmonisation proposal's options (pure: no Django, nothing of seta outside the core).

Three options for ``n`` municipalities that each want (nearly) the same plan of ``H`` hours:

- ``apart``: each municipality orders its own plan: ``n · H`` hours.
- ``parallel``: each its own plan, with one shared information base and timing: the first plan costs ``H``, every
  repetition saves the repetition advantage ``v``: ``H + (n − 1) · H · (1 − v)``.
- ``gezamenlijk``: one regional plan for all, plus coordination ``c`` per extra partner: ``H · (1 + c · (n − 1))``.

Hours are rounded to a tenth (half up); the cost is the rounded hours × the tariff, rounded to the cent, and split
over the municipalities with the largest-remainder method, so the shares always add up to the total exactly:
``apart`` and ``parallel`` in equal shares (each pays its own plan; in parallel the saving is shared equally),
``gezamenlijk`` by ``aandelen`` (the verdeelmodel's key for joint products; equal when empty).
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from fractions import Fraction

from seta.harmonisatie.kern.model import Optie, Optieraming, Raming, Ramingsinvoer

UUR = Decimal("0.1")
CENT = Decimal("0.01")


def _uren(waarde: Fraction) -> Decimal:
    return (Decimal(waarde.numerator) / Decimal(waarde.denominator)).quantize(UUR, rounding=ROUND_HALF_UP)


def _procent(waarde: Fraction) -> str:
    p = (Decimal(waarde.numerator) * 100 / Decimal(waarde.denominator)).quantize(
        Decimal("0.1"), ROUND_HALF_UP
    )
    tekst = f"{p:f}".rstrip("0").rstrip(".")
    return tekst.replace(".", ",")


def _uren_tekst(uren: Decimal) -> str:
    tekst = f"{uren:f}"
    if "." in tekst:
        tekst = tekst.rstrip("0").rstrip(".")
    return tekst.replace(".", ",")


def verdeel(totaal: Decimal, gewichten: dict[str, Fraction]) -> dict[str, Decimal]:
    """``totaal`` (whole cents) split over the keys by their weights, largest remainder first (ties: key order).

    The weights need not be normalised; all zero (or none given) means equal shares."""
    namen = list(gewichten)
    if not namen:
        return {}
    som = sum(gewichten.values(), Fraction(0))
    if som <= 0:
        gewichten = dict.fromkeys(namen, Fraction(1))
        som = Fraction(len(namen))
    centen = int((totaal / CENT).to_integral_value(rounding=ROUND_HALF_UP))
    exact = {n: Fraction(centen) * gewichten[n] / som for n in namen}
    vloer = {n: e.numerator // e.denominator for n, e in exact.items()}
    rest = centen - sum(vloer.values())
    volgorde = sorted(namen, key=lambda n: (-(exact[n] - vloer[n]), namen.index(n)))
    for n in volgorde[:rest]:
        vloer[n] += 1
    return {n: (Decimal(vloer[n]) * CENT).quantize(CENT, rounding=ROUND_FLOOR) for n in namen}


def _optie(
    invoer: Ramingsinvoer,
    optie: Optie,
    uren: Decimal,
    apart: Decimal,
    gewichten: dict[str, Fraction],
    toelichting: str,
) -> Optieraming:
    kosten = (uren * invoer.tarief).quantize(CENT, rounding=ROUND_HALF_UP)
    return Optieraming(
        optie=optie,
        uren=uren,
        kosten=kosten,
        kosten_per_gemeente=verdeel(kosten, gewichten),
        besparing_uren=apart - uren,
        toelichting=toelichting,
    )


def raam(invoer: Ramingsinvoer) -> Raming:
    """The three options (apart, parallel, gezamenlijk) for ``invoer``, each with its Dutch explanation."""
    n = len(invoer.gemeenten)
    h = Fraction(invoer.uren_per_plan)
    v = min(max(invoer.herhalingsvoordeel, Fraction(0)), Fraction(1))
    c = max(invoer.coordinatie_per_extra_partner, Fraction(0))
    gelijk = dict.fromkeys(invoer.gemeenten, Fraction(1))
    aandelen = {g: invoer.aandelen.get(g, Fraction(0)) for g in invoer.gemeenten}
    sleutel = aandelen if invoer.aandelen and sum(aandelen.values(), Fraction(0)) > 0 else gelijk

    uren_apart = _uren(n * h)
    uren_parallel = _uren(h + (n - 1) * h * (1 - v)) if n else Decimal(0)
    uren_gezamenlijk = _uren(h * (1 + c * (n - 1))) if n else Decimal(0)
    plan = _uren_tekst(_uren(h))

    apart = _optie(
        invoer,
        "apart",
        uren_apart,
        uren_apart,
        gelijk,
        f"Ieder een eigen plan: {n} × {plan} uur; geen voordeel, elke gemeente betaalt haar eigen plan.",
    )
    parallel = _optie(
        invoer,
        "parallel",
        uren_parallel,
        uren_apart,
        gelijk,
        (
            f"Ieder een eigen plan met één informatiebasis en planning: het eerste plan {plan} uur, elk volgend "
            f"{_procent(v)} % minder (herhalingsvoordeel, {invoer.herhalingsbron}); de kosten in gelijke delen."
        ),
    )
    verdeling = (
        "de kosten volgens de verdeelsleutel voor gezamenlijke producten van het verdeelmodel"
        if sleutel is aandelen
        else "de kosten in gelijke delen (geen verdeelsleutel voor gezamenlijke producten)"
    )
    gezamenlijk = _optie(
        invoer,
        "gezamenlijk",
        uren_gezamenlijk,
        uren_apart,
        sleutel,
        (
            f"Eén regionaal plan van {plan} uur plus {_procent(c)} % coördinatie per extra partner "
            f"(afstemming tussen de colleges); {verdeling}."
        ),
    )
    return Raming(opties=(apart, parallel, gezamenlijk))
