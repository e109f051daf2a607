"""The pure core of the report's figures (``rapportage/kern/cijfers.py``): rounding, statistics, deltas."""

from __future__ import annotations

import datetime as dt
import statistics
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seta.rapportage.kern import cijfers as kern

centen = st.integers(min_value=-(10**11), max_value=10**11)
_fractie = st.builds(
    Fraction, st.integers(min_value=0, max_value=10**7), st.integers(min_value=1, max_value=1000)
)
# at least one positive weight, the others anything non-negative
gewichten = st.builds(
    lambda eerste, rest, plek: [*rest[:plek], eerste, *rest[plek:]],
    st.builds(Fraction, st.integers(min_value=1, max_value=10**7), st.integers(min_value=1, max_value=1000)),
    st.lists(_fractie, max_size=29),
    st.integers(min_value=0, max_value=29),
)


@given(centen, gewichten)
def test_largest_remainder_sums_exactly_and_stays_within_a_cent(
    totaal_centen: int, ws: list[Fraction]
) -> None:
    totaal = Decimal(totaal_centen) / 100
    uit = kern.grootste_rest(totaal, ws)
    assert sum(uit, Decimal(0)) == totaal
    som = sum(ws, Fraction(0))
    for w, b in zip(ws, uit, strict=True):
        exact = Fraction(totaal) * w / som
        assert abs(Fraction(b) - exact) < Fraction(1, 100)
        if w == 0:
            assert b == 0


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=2, max_value=12))
def test_equal_weights_differ_by_at_most_a_cent_earliest_first(c: int, n: int) -> None:
    uit = kern.grootste_rest(Decimal(c) / 100, [1] * n)
    assert max(uit) - min(uit) <= Decimal("0.01")
    assert uit == sorted(uit, reverse=True)  # the extra cents go to the earliest lines


def test_largest_remainder_refuses_what_it_cannot_split() -> None:
    with pytest.raises(ValueError):
        kern.grootste_rest(Decimal("1.00"), [0, 0])
    with pytest.raises(ValueError):
        kern.grootste_rest(Decimal("1.001"), [1])
    assert kern.grootste_rest(Decimal("0.00"), [0, 0]) == [Decimal("0.00")] * 2


@given(centen, st.lists(st.decimals(min_value=0, max_value=10**6, places=2), max_size=10))
def test_breakdown_adds_up_to_the_part(totaal_centen: int, bedragen: list[Decimal]) -> None:
    totaal = Decimal(totaal_centen) / 100
    posten = [kern.Post(str(i), f"regel {i}", Decimal(1), b) for i, b in enumerate(bedragen)]
    regels = kern.uitsplitsen(totaal, posten, rest_naam="Rest", onderdeel="Deel")
    assert kern.som_geld(regels) == totaal
    assert all(r["onderdeel"] == "Deel" for r in regels)
    if not any(bedragen) and totaal:
        assert regels[-1]["naam"] == "Rest"


def test_breakdown_example() -> None:
    posten = [kern.Post("a", "A", Decimal(1), Decimal(1)), kern.Post("b", "B", Decimal(1), Decimal(2))]
    regels = kern.uitsplitsen(Decimal("100.00"), posten, rest_naam="Rest")
    assert [r["bedrag"] for r in regels] == ["33.33", "66.67"]


@given(st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=50))
def test_median_and_mean_match_the_statistics_module(dagen: list[int]) -> None:
    assert kern.mediaan(dagen) == Decimal(str(statistics.median(dagen)))
    assert kern.gemiddelde(dagen) == Decimal(sum(dagen)) / len(dagen)


def test_median_of_nothing_is_none() -> None:
    assert kern.mediaan([]) is None
    assert kern.gemiddelde([]) is None


def test_question_statistics() -> None:
    d = dt.date
    vragen = [
        kern.Vraag("a", d(2026, 1, 1), d(2026, 1, 20), d(2026, 1, 11)),  # 10 days, on time
        kern.Vraag("b", d(2026, 2, 1), d(2026, 2, 10), d(2026, 2, 21)),  # 20 days, late
        kern.Vraag("c", d(2026, 3, 1), d(2026, 3, 10), None),  # open, past its date: late
        kern.Vraag("d", d(2026, 4, 1), d(2026, 5, 10), None),  # open, not yet due
        kern.Vraag("e", d(2026, 4, 2), d(2026, 4, 10), d(2026, 6, 1)),  # answered after the peildatum: open
    ]
    s = kern.vraagstatistiek(vragen, peildatum=d(2026, 4, 30))
    assert (s["gesteld"], s["beantwoord"], s["open"], s["op_tijd"]) == (5, 2, 3, 1)
    assert s["mediaan_dagen"] == "15.0" and s["gemiddeld_dagen"] == "15.0"
    assert [r["op_tijd"] for r in s["regels"]] == [True, False, False, None, False]
    assert s["regels"][4]["beantwoord_op"] is None


def test_late() -> None:
    d = dt.date
    assert kern.te_laat(
        deadline=d(2026, 5, 1),
        opgeleverd_op=d(2026, 5, 2),
        verwachte_oplevering=None,
        peildatum=d(2026, 8, 31),
    ) == (True, "deadline")
    assert kern.te_laat(
        deadline=d(2026, 5, 1), opgeleverd_op=None, verwachte_oplevering=None, peildatum=d(2026, 8, 31)
    ) == (True, "deadline")
    assert kern.te_laat(
        deadline=d(2026, 12, 1),
        opgeleverd_op=None,
        verwachte_oplevering=d(2027, 1, 5),
        peildatum=d(2026, 8, 31),
    ) == (True, "plan")
    assert kern.te_laat(
        deadline=d(2026, 12, 1),
        opgeleverd_op=None,
        verwachte_oplevering=d(2026, 11, 1),
        peildatum=d(2026, 8, 31),
    ) == (False, "")


def _kc(**over: object) -> dict[str, object]:
    basis: dict[str, object] = {
        "opgedragen": 3,
        "opgeleverd": 1,
        "te_laat": 0,
        "lopend": 2,
        "vragen_open": 1,
        "vragen_mediaan_dagen": "12.5",
        "uren": "100.00",
        "kosten": "2000.00",
        "voorschot": None,
        "normen_gehaald": None,
        "normen_gemist": 1,
        "eenpitters": 4,
    }
    basis.update(over)
    return basis


def test_deltas_in_words() -> None:
    nu = _kc(opgedragen=5, uren="90.50", kosten="2000.00", voorschot="10.00", vragen_mediaan_dagen="10.0")
    v = kern.verschillen(_kc(), nu)  # type: ignore[arg-type]
    assert v["opgedragen"] == {"vorig": 3, "nu": 5, "verschil": "2", "richting": "hoger"}
    assert v["uren"]["verschil"] == "-9.50" and v["uren"]["richting"] == "lager"
    assert v["kosten"]["richting"] == "gelijk" and v["kosten"]["verschil"] == "0.00"
    assert v["voorschot"]["richting"] == "nieuw" and v["voorschot"]["verschil"] is None
    assert v["vragen_mediaan_dagen"]["verschil"] == "-2.5"
    assert v["normen_gehaald"]["richting"] == "nieuw"
    eerste = kern.verschillen(None, nu)  # type: ignore[arg-type]
    assert {x["richting"] for x in eerste.values()} == {"nieuw"}


@given(st.integers(min_value=-1000, max_value=1000), st.integers(min_value=-1000, max_value=1000))
def test_delta_direction_matches_the_sign(a: int, b: int) -> None:
    v = kern.verschil(a, b)
    assert int(v["verschil"] or 0) == b - a
    assert v["richting"] == ("hoger" if b > a else "lager" if b < a else "gelijk")


def test_sum_of_partners() -> None:
    s = kern.som([_kc(), _kc(uren="0.50", voorschot="1.00", normen_gehaald=2)])  # type: ignore[list-item]
    assert s["opgedragen"] == 6 and s["uren"] == "100.50" and s["kosten"] == "4000.00"
    assert s["voorschot"] == "1.00" and s["normen_gehaald"] == 2 and s["normen_gemist"] == 2
    assert s["vragen_mediaan_dagen"] is None
