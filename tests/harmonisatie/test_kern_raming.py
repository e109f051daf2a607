"""The pure core of a proposal's estimate (``harmonisatie/kern/raming.py``): three options, exact cost splits."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from seta.harmonisatie.kern.model import Ramingsinvoer
from seta.harmonisatie.kern.raming import raam, verdeel

NAMEN = ("Blaricum", "Eemnes", "Laren", "Asten", "Deurne", "Someren", "Heeze")

uren = st.decimals(min_value=Decimal("1"), max_value=Decimal("5000"), places=1)
tarief = st.decimals(min_value=Decimal("0"), max_value=Decimal("250"), places=2)
fractie = st.fractions(min_value=0, max_value=1, max_denominator=1000)
aandelen = st.lists(st.fractions(min_value=0, max_value=10, max_denominator=100), min_size=0, max_size=7)


def _invoer(h: Decimal, n: int, t: Decimal, v: Fraction, c: Fraction, a: list[Fraction]) -> Ramingsinvoer:
    gemeenten = NAMEN[:n]
    return Ramingsinvoer(
        uren_per_plan=h,
        gemeenten=gemeenten,
        tarief=t,
        herhalingsvoordeel=v,
        herhalingsbron="standaardwaarde 20 %",
        coordinatie_per_extra_partner=c,
        aandelen=dict(zip(gemeenten, a, strict=False)),
    )


@given(uren, st.integers(min_value=1, max_value=7), tarief, fractie, fractie, aandelen)
def test_costs_per_municipality_sum_exactly_to_the_total(
    h: Decimal, n: int, t: Decimal, v: Fraction, c: Fraction, a: list[Fraction]
) -> None:
    raming = raam(_invoer(h, n, t, v, c, a))
    assert [o.optie for o in raming.opties] == ["apart", "parallel", "gezamenlijk"]
    for optie in raming.opties:
        assert sum(optie.kosten_per_gemeente.values(), Decimal(0)) == optie.kosten
        assert list(optie.kosten_per_gemeente) == list(NAMEN[:n])
        assert optie.kosten == (optie.uren * t).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        assert all(k >= 0 for k in optie.kosten_per_gemeente.values())
        assert optie.toelichting


@given(uren, st.integers(min_value=1, max_value=7), tarief, fractie, fractie)
def test_parallel_never_costs_more_than_apart(
    h: Decimal, n: int, t: Decimal, v: Fraction, c: Fraction
) -> None:
    raming = raam(_invoer(h, n, t, v, c, []))
    assert raming.optie("parallel").uren <= raming.optie("apart").uren
    assert raming.optie("parallel").besparing_uren >= 0
    assert raming.optie("apart").besparing_uren == 0


@given(uren, st.integers(min_value=1, max_value=6), tarief, fractie, fractie)
def test_every_option_grows_with_the_number_of_municipalities(
    h: Decimal, n: int, t: Decimal, v: Fraction, c: Fraction
) -> None:
    klein, groot = raam(_invoer(h, n, t, v, c, [])), raam(_invoer(h, n + 1, t, v, c, []))
    for a, b in zip(klein.opties, groot.opties, strict=True):
        assert a.uren <= b.uren
        assert a.kosten <= b.kosten


@given(uren, tarief, fractie, fractie)
def test_one_municipality_is_the_degenerate_case(h: Decimal, t: Decimal, v: Fraction, c: Fraction) -> None:
    raming = raam(_invoer(h, 1, t, v, c, []))
    assert {o.uren for o in raming.opties} == {h}
    assert {o.besparing_uren for o in raming.opties} == {Decimal(0)}


def test_the_bel_example_in_numbers() -> None:
    raming = raam(
        _invoer(
            Decimal("120"), 3, Decimal("95.50"), Fraction(1, 5), Fraction(1, 10), [Fraction(1), Fraction(1)]
        )
    )
    assert raming.optie("apart").uren == Decimal("360.0")
    assert raming.optie("parallel").uren == Decimal("312.0")  # 120 + 2 · 120 · 0,8
    assert raming.optie("gezamenlijk").uren == Decimal("144.0")  # 120 · 1,2
    assert raming.optie("gezamenlijk").kosten == Decimal("13752.00")
    # two shares given, the third municipality has none: it pays nothing of the joint plan under the key
    assert raming.optie("gezamenlijk").kosten_per_gemeente == {
        "Blaricum": Decimal("6876.00"),
        "Eemnes": Decimal("6876.00"),
        "Laren": Decimal("0.00"),
    }
    assert "herhalingsvoordeel" in raming.optie("parallel").toelichting


@given(
    st.integers(min_value=0, max_value=10**9), st.lists(st.fractions(min_value=0, max_value=5), max_size=9)
)
def test_split_is_exact(centen: int, gewichten: list[Fraction]) -> None:
    totaal = Decimal(centen) / 100
    namen = [f"g{i}" for i in range(len(gewichten))]
    delen = verdeel(totaal, dict(zip(namen, gewichten, strict=True)))
    if namen:
        assert sum(delen.values(), Decimal(0)) == totaal
