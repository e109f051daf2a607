"""The advance terms core (financien/verdeling/termijnen.py): exact splits, periods, due dates (hypothesis)."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seta.financien.verdeling import termijnen

bedragen = st.integers(min_value=-(10**12), max_value=10**12).map(lambda c: Decimal(c) / 100)


@given(bedragen, st.sampled_from([1, 2, 4, 12]))
def test_split_sums_to_the_cent_and_only_the_last_term_differs(jaarbedrag: Decimal, aantal: int) -> None:
    delen = termijnen.split(jaarbedrag, aantal)
    assert len(delen) == aantal
    assert sum(delen, Decimal(0)) == jaarbedrag
    assert all(d == d.quantize(Decimal("0.01")) for d in delen)
    assert len(set(delen[:-1])) <= 1  # the first terms are equal
    # every term within n cents of the exact share; the last carries the remainder (same sign)
    exact = jaarbedrag / aantal
    for d in delen:
        assert abs(d - exact) < Decimal(aantal) / 100
    rest = delen[-1] - delen[0]
    assert rest == 0 or (rest > 0) == (jaarbedrag > 0)
    assert abs(rest) <= Decimal(aantal - 1) / 100


def test_split_hand_example() -> None:
    assert termijnen.split(Decimal("1000.00"), 12) == [Decimal("83.33")] * 11 + [Decimal("83.37")]
    assert termijnen.split(Decimal("1000.01"), 4) == [Decimal("250.00")] * 3 + [Decimal("250.01")]
    assert termijnen.split(Decimal("0.05"), 12) == [Decimal("0.00")] * 11 + [Decimal("0.05")]
    with pytest.raises(ValueError):
        termijnen.split(Decimal("1.005"), 4)


@given(st.integers(min_value=2000, max_value=2100))
def test_easter_is_a_sunday_in_spring(jaar: int) -> None:
    p = termijnen.pasen(jaar)
    assert p.weekday() == 6 and dt.date(jaar, 3, 22) <= p <= dt.date(jaar, 4, 25)


def test_known_easters_and_holidays() -> None:
    assert termijnen.pasen(2024) == dt.date(2024, 3, 31)
    assert termijnen.pasen(2025) == dt.date(2025, 4, 20)
    assert termijnen.pasen(2026) == dt.date(2026, 4, 5)
    assert dt.date(2024, 4, 1) in termijnen.feestdagen(2024)  # Easter Monday on the 1st
    assert dt.date(2025, 4, 26) in termijnen.feestdagen(2025)  # King's Day on Saturday 26 (27 a Sunday)
    assert dt.date(2025, 5, 5) in termijnen.feestdagen(2025)  # Liberation Day, lustrum year
    assert dt.date(2026, 5, 5) not in termijnen.feestdagen(2026)


@given(
    st.integers(min_value=2000, max_value=2100),
    st.sampled_from(["maand", "kwartaal"]),
    st.one_of(st.none(), st.integers(min_value=1, max_value=28)),
)
def test_periods_cover_the_year_and_fall_due_on_a_working_day(jaar: int, ritme: str, dag: int | None) -> None:
    perioden = termijnen.perioden(jaar, ritme, dag)
    assert [p.nummer for p in perioden] == list(range(1, termijnen.AANTAL[ritme] + 1))
    assert perioden[0].begin == dt.date(jaar, 1, 1) and perioden[-1].eind == dt.date(jaar, 12, 31)
    for vorige, volgende in itertools.pairwise(perioden):
        assert volgende.begin == vorige.eind + dt.timedelta(days=1)
    for p in perioden:
        assert termijnen.is_werkdag(p.vervaldatum)
        assert p.vervaldatum >= p.begin.replace(day=dag or 1)
        # no working day is skipped between the wanted day and the due date
        d = p.begin.replace(day=dag or 1)
        while d < p.vervaldatum:
            assert not termijnen.is_werkdag(d)
            d += dt.timedelta(days=1)


def test_hand_example_due_dates_2026() -> None:
    maanden = termijnen.perioden(2026, "maand")
    assert maanden[0].vervaldatum == dt.date(2026, 1, 2)  # 1 January is New Year's Day
    assert maanden[1].vervaldatum == dt.date(2026, 2, 2)  # 1 February 2026 is a Sunday
    assert maanden[2].label == "maart 2026"
    kwartalen = termijnen.perioden(2026, "kwartaal")
    assert [k.label for k in kwartalen][1] == "2e kwartaal 2026"
    assert kwartalen[1].eind == dt.date(2026, 6, 30)
    assert kwartalen[3].vervaldatum == dt.date(2026, 10, 1)
    assert termijnen.perioden(2026, "maand", 15)[1].vervaldatum == dt.date(2026, 2, 16)  # 15th a Sunday


def test_invoice_reference() -> None:
    assert termijnen.factuurkenmerk("bel", 2026, 3, "GM0317") == "BEL-2026-V03-0317"
