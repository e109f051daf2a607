"""The indexation core (financien/verdeling/indexatie.py): a hand-computed example and its properties."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from seta.financien.verdeling import indexatie

CENT = Decimal("0.01")
bedragen = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
procenten = st.decimals(min_value=-10, max_value=25, places=2, allow_nan=False, allow_infinity=False)


def test_hand_computed_example() -> None:
    # personeel 1,000,000 at 3.5 %, materieel 200,000 at 2 %; overhead by the mix:
    # (1,000,000 x 3.5 + 200,000 x 2) / 1,200,000 = 3,900,000 / 1,200,000 = 3.25 %
    b = indexatie.indexeer_begroting("1000000.00", "200000.00", "100000.00", "3.5", "2")
    assert b.personeel == Decimal("1035000.00")
    assert b.materieel == Decimal("204000.00")
    assert b.overhead_procent == Decimal("3.25")
    assert b.overhead == Decimal("103250.00")
    assert b.totaal == Decimal("1342250.00")
    # tariffs follow the wage index, rounded half up to the cent: 88 x 1.035 = 91.08, 68 x 1.035 = 70.38
    assert indexatie.indexeer_tarief("88.00", "3.5") == Decimal("91.08")
    assert indexatie.indexeer_tarief("68.00", "3.5") == Decimal("70.38")
    assert indexatie.indexeer_tarief("86.50", "3.5") == Decimal("89.53")  # 89.5275 -> 89.53
    # an advance follows the budget: 500,000 x 1,342,250 / 1,300,000 = 516,250
    assert indexatie.schaal_mee("500000.00", "1300000.00", "1342250.00") == Decimal("516250.00")


def test_no_costs_means_the_price_index_for_overhead() -> None:
    assert indexatie.overhead_procent(0, 0, "4", "2") == 2
    assert indexatie.schaal_mee("10.00", 0, "5.00") == Decimal("10.00")


@given(bedragen, procenten)
def test_indexing_rounds_to_the_cent_and_is_exact_at_zero(bedrag: Decimal, procent: Decimal) -> None:
    uit = indexatie.indexeer(bedrag, procent)
    assert uit == uit.quantize(CENT)
    assert abs(uit - bedrag * (1 + procent / 100)) <= Decimal("0.005")
    assert indexatie.indexeer(bedrag, 0) == bedrag


@given(bedragen, procenten, procenten)
def test_indexing_is_monotonic_in_the_percentage(bedrag: Decimal, a: Decimal, b: Decimal) -> None:
    laag, hoog = sorted((a, b))
    assert indexatie.indexeer(bedrag, laag) <= indexatie.indexeer(bedrag, hoog)


@given(bedragen, bedragen, bedragen, procenten, procenten)
def test_overhead_lies_between_the_price_and_the_wage_indexation(
    personeel: Decimal, materieel: Decimal, overhead: Decimal, loon: Decimal, prijs: Decimal
) -> None:
    b = indexatie.indexeer_begroting(personeel, materieel, overhead, loon, prijs)
    laag, hoog = sorted((loon, prijs))
    assert indexatie.indexeer(overhead, laag) <= b.overhead <= indexatie.indexeer(overhead, hoog)
    assert min(loon, prijs) <= b.overhead_procent <= max(loon, prijs)
    assert b.totaal == b.personeel + b.materieel + b.overhead


@given(bedragen, bedragen.filter(lambda x: x > 0), bedragen)
def test_an_advance_scales_with_the_total_within_half_a_cent(
    voorschot: Decimal, oud: Decimal, nieuw: Decimal
) -> None:
    uit = indexatie.schaal_mee(voorschot, oud, nieuw)
    assert uit == uit.quantize(CENT)
    assert abs(uit - voorschot * nieuw / oud) <= Decimal("0.005") + Decimal("1e-20")
