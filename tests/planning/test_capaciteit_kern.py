"""The capacity core (``planning/kern/capaciteit.py``): gross to net, absences per ISO week, and its properties."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seta.planning.kern.capaciteit import (
    Medewerkerinzet,
    afwezig_per_week,
    bereken,
    netto_factor,
    totalen,
)

MAANDAG = dt.date(2026, 11, 2)


def test_the_default_gross_to_net_factor() -> None:
    # 36 h × 52 = 1,872 gross hours; 1,600 productive
    assert netto_factor(36, 1600) == pytest.approx(1600 / 1872)
    assert netto_factor(36, 3000) == 1.0  # capped
    assert netto_factor(0, 1600) == 0.0


def test_one_full_timer_without_absence() -> None:
    c = bereken(
        [Medewerkerinzet(fte=1.0, van_week=0, tot_week=2)],
        weken=3,
        uren_per_fte_week=36,
        productieve_uren_per_jaar=1600,
        regulier_pct=60,
    )
    assert c.bruto == (36.0, 36.0, 0.0)
    assert c.netto[0] == pytest.approx(36 * 1600 / 1872)
    assert c.regulier[0] == pytest.approx(c.netto[0] * 0.6)
    assert c.opdrachten[0] == pytest.approx(c.netto[0] * 0.4)
    assert c.opdrachten[2] == 0.0


def test_absence_takes_its_fraction_of_the_week() -> None:
    c = bereken(
        [Medewerkerinzet(fte=0.5, van_week=0, tot_week=1, afwezig={0: 0.4})],
        weken=1,
        uren_per_fte_week=36,
        productieve_uren_per_jaar=1872,
        regulier_pct=0,
    )
    assert c.bruto == (18.0,)
    assert c.afwezig[0] == pytest.approx(7.2)
    assert c.opdrachten[0] == pytest.approx(10.8)


def test_absence_per_iso_week_counts_working_days() -> None:
    # Wednesday 4 to Tuesday 10 November 2026: 3 working days in week 0, 2 in week 1, at 50 %
    assert afwezig_per_week(dt.date(2026, 11, 4), dt.date(2026, 11, 10), 50, MAANDAG, 4) == {
        0: pytest.approx(0.3),
        1: pytest.approx(0.2),
    }
    # a weekend only: nothing
    assert afwezig_per_week(dt.date(2026, 11, 7), dt.date(2026, 11, 8), 100, MAANDAG, 4) == {}
    # before and after the horizon are cut off; a whole week is 1
    per_week = afwezig_per_week(dt.date(2026, 10, 1), dt.date(2027, 3, 1), 100, MAANDAG, 3)
    assert per_week == {0: 1.0, 1: 1.0, 2: 1.0}
    # the start week's Monday is taken from any day in it
    assert afwezig_per_week(dt.date(2026, 11, 2), dt.date(2026, 11, 2), 100, dt.date(2026, 11, 5), 1) == {
        0: pytest.approx(0.2)
    }
    assert afwezig_per_week(dt.date(2026, 11, 9), dt.date(2026, 11, 2), 100, MAANDAG, 4) == {}


inzet = st.builds(
    Medewerkerinzet,
    fte=st.floats(min_value=0, max_value=1.5),
    van_week=st.integers(min_value=0, max_value=12),
    tot_week=st.integers(min_value=0, max_value=14),
    afwezig=st.dictionaries(st.integers(0, 12), st.floats(min_value=0, max_value=1), max_size=6),
)
regels = st.fixed_dictionaries(
    {
        "uren_per_fte_week": st.floats(min_value=1, max_value=40),
        "productieve_uren_per_jaar": st.floats(min_value=100, max_value=2080),
        "regulier_pct": st.floats(min_value=0, max_value=100),
    }
)


@settings(max_examples=200, deadline=None)
@given(st.lists(inzet, max_size=8), regels)
def test_assignment_plus_regular_is_net_and_nothing_is_negative(
    medewerkers: list[Medewerkerinzet], r: dict[str, float]
) -> None:
    c = bereken(medewerkers, weken=13, **r)
    for rij in (c.bruto, c.afwezig, c.netto, c.regulier, c.opdrachten):
        assert len(rij) == 13
        assert all(x >= 0 for x in rij)
    for w in range(13):
        assert c.opdrachten[w] + c.regulier[w] == pytest.approx(c.netto[w], abs=1e-9)
        assert c.afwezig[w] <= c.bruto[w] + 1e-9
        assert c.netto[w] <= c.bruto[w] + 1e-9
    t = totalen(c)
    assert t["opdrachten"] + t["regulier"] == pytest.approx(t["netto"], abs=1e-6)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(inzet, min_size=1, max_size=6),
    regels,
    st.integers(0, 5),
    st.integers(0, 12),
    st.floats(min_value=0, max_value=1),
)
def test_more_absence_never_gives_more_capacity(
    medewerkers: list[Medewerkerinzet], r: dict[str, float], wie: int, week: int, extra: float
) -> None:
    voor = bereken(medewerkers, weken=13, **r)
    i = wie % len(medewerkers)
    m = medewerkers[i]
    meer = dict(m.afwezig)
    meer[week] = min(1.0, meer.get(week, 0.0) + extra)
    ander = [*medewerkers[:i], Medewerkerinzet(m.fte, m.van_week, m.tot_week, meer), *medewerkers[i + 1 :]]
    na = bereken(ander, weken=13, **r)
    for w in range(13):
        assert na.netto[w] <= voor.netto[w] + 1e-9
        assert na.opdrachten[w] <= voor.opdrachten[w] + 1e-9
        assert na.afwezig[w] >= voor.afwezig[w] - 1e-9


@settings(max_examples=100, deadline=None)
@given(
    st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2028, 1, 1)),
    st.integers(0, 120),
    st.floats(min_value=0, max_value=100),
    st.integers(1, 30),
)
def test_absence_fractions_lie_between_0_and_1(van: dt.date, dagen: int, pct: float, weken: int) -> None:
    per_week = afwezig_per_week(van, van + dt.timedelta(days=dagen), pct, MAANDAG, weken)
    assert all(0 <= w < weken for w in per_week)
    assert all(0 <= f <= 1 for f in per_week.values())
