"""The pure core of compliance (dienstverlening.meting): working days per the Atw, periods, figures."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seta.dienstverlening.meting import cijfers, kalender, perioden
from seta.dienstverlening.meting.cijfers import Norm, Zaakgegevens

DATA = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31))
RITMES = st.sampled_from(sorted(perioden.MAANDEN))


# --- working days and holidays -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("jaar", "pasen"),
    [
        (2024, dt.date(2024, 3, 31)),
        (2025, dt.date(2025, 4, 20)),
        (2026, dt.date(2026, 4, 5)),
        (2027, dt.date(2027, 3, 28)),
        (2038, dt.date(2038, 4, 25)),
        (2285, dt.date(2285, 3, 22)),
    ],
)
def test_easter_by_the_computus(jaar: int, pasen: dt.date) -> None:
    assert kalender.pasen(jaar) == pasen


def test_the_holidays_of_2026() -> None:
    dagen = kalender.feestdagen(2026)
    assert dagen[dt.date(2026, 4, 6)] == "Tweede paasdag"
    assert dagen[dt.date(2026, 4, 27)] == "Koningsdag"
    assert dagen[dt.date(2026, 5, 14)] == "Hemelvaartsdag"
    assert dagen[dt.date(2026, 5, 25)] == "Tweede pinksterdag"
    assert dagen[dt.date(2026, 4, 3)] == "Goede Vrijdag"  # art. 3 lid 2 Atw
    assert dagen[dt.date(2026, 5, 5)].startswith("Bevrijdingsdag")
    assert len(dagen) == 9
    assert not kalender.is_werkdag(dt.date(2026, 4, 6))
    assert kalender.is_werkdag(dt.date(2026, 4, 7))
    assert not kalender.is_werkdag(dt.date(2026, 5, 15), frozenset({dt.date(2026, 5, 15)}))  # lid 3


def test_koningsdag_moves_from_a_sunday_to_the_saturday_before() -> None:
    assert kalender.koningsdag(2025) == dt.date(2025, 4, 26)  # 27 April 2025 is a Sunday
    assert kalender.koningsdag(2026) == dt.date(2026, 4, 27)
    assert kalender.koningsdag(2013) == dt.date(2013, 4, 30)  # still Koninginnedag


def test_working_days_of_known_stretches() -> None:
    # The week after Easter 2026: Monday 6 April is Tweede paasdag, so 4 working days from Sun 5 to Fri 10.
    assert kalender.werkdagen(dt.date(2026, 4, 5), dt.date(2026, 4, 10)) == 4
    # 2026 has 261 weekdays, 8 holidays on a weekday (26 December is a Saturday): 253 working days.
    assert kalender.werkdagen(dt.date(2025, 12, 31), dt.date(2026, 12, 31)) == 253
    assert kalender.werkdagen(dt.date(2026, 6, 1), dt.date(2026, 6, 1)) == 0


@given(DATA, DATA, DATA)
def test_working_days_are_additive_and_monotonic(a: dt.date, b: dt.date, c: dt.date) -> None:
    a, b, c = sorted((a, b, c))
    ab, bc, ac = kalender.werkdagen(a, b), kalender.werkdagen(b, c), kalender.werkdagen(a, c)
    assert ab + bc == ac
    assert 0 <= ab <= ac
    assert ac <= kalender.kalenderdagen(a, c)


@given(DATA, st.integers(min_value=0, max_value=60))
def test_working_days_count_day_by_day(start: dt.date, lengte: int) -> None:
    eind = start + dt.timedelta(days=lengte)
    dag_voor_dag = sum(1 for i in range(1, lengte + 1) if kalender.is_werkdag(start + dt.timedelta(days=i)))
    assert kalender.werkdagen(start, eind) == dag_voor_dag


# --- periods -----------------------------------------------------------------------------------------------
def test_dutch_period_labels() -> None:
    assert perioden.periode_van(dt.date(2026, 5, 1), "kwartaal").label == "2026 K2"
    assert perioden.periode_van(dt.date(2026, 4, 30), "tertiaal").label == "2026 T1"
    assert perioden.periode_van(dt.date(2026, 6, 30), "halfjaar").label == "2026 H1"
    assert perioden.periode_van(dt.date(2026, 3, 3), "maand").label == "maart 2026"
    assert perioden.periode_van(dt.date(2026, 3, 3), "jaar").label == "2026"
    assert perioden.periode(2026, 3, "tertiaal").start == dt.date(2026, 9, 1)
    assert perioden.periode(2026, 3, "tertiaal").eind == dt.date(2026, 12, 31)
    with pytest.raises(ValueError):
        perioden.periode(2026, 5, "kwartaal")
    with pytest.raises(ValueError):
        perioden.periode_van(dt.date(2026, 1, 1), "week")


@given(DATA, st.integers(min_value=0, max_value=800), RITMES)
def test_periods_cover_every_day_exactly_once(van: dt.date, lengte: int, ritme: str) -> None:
    tot = van + dt.timedelta(days=lengte)
    reeks = perioden.perioden(van, tot, ritme)
    assert reeks[0].bevat(van) and reeks[-1].bevat(tot)
    for vorige, volgende in itertools.pairwise(reeks):
        assert volgende.start == vorige.eind + dt.timedelta(days=1)
        assert perioden.vorige(volgende) == vorige
    for i in range(0, lengte + 1, 7):
        dag = van + dt.timedelta(days=i)
        assert sum(1 for p in reeks if p.bevat(dag)) == 1
        assert perioden.periode_van(dag, ritme).bevat(dag)


# --- statistics --------------------------------------------------------------------------------------------
def test_nearest_rank_percentile_and_median_examples() -> None:
    tijden = [15, 20, 35, 40, 50]
    assert cijfers.percentiel(tijden, 90) == 50  # rank ceil(4.5) = 5
    assert cijfers.percentiel(tijden, 40) == 20  # rank 2
    assert cijfers.percentiel(list(range(1, 11)), 90) == 9  # rank 9 of 10
    assert cijfers.mediaan(tijden) == Decimal("35.0")
    assert cijfers.mediaan([1, 2, 3, 4]) == Decimal("2.5")
    assert cijfers.mediaan([]) is None and cijfers.percentiel([], 90) is None
    with pytest.raises(ValueError):
        cijfers.percentiel(tijden, 0)


@given(st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=200), st.integers(1, 100))
def test_percentile_is_a_value_of_the_list_and_monotonic_in_p(waarden: list[int], p: int) -> None:
    waarde = cijfers.percentiel(waarden, p)
    assert waarde in waarden
    assert min(waarden) <= waarde <= max(waarden)
    if p < 100:
        hoger = cijfers.percentiel(waarden, p + 1)
        assert hoger is not None and hoger >= waarde
    # at least p % of the values are <= the percentile
    assert sum(1 for w in waarden if w <= waarde) * 100 >= p * len(waarden)
    med = cijfers.mediaan(waarden)
    assert med is not None and min(waarden) <= med <= max(waarden)


@given(st.integers(0, 10_000), st.integers(0, 10_000))
def test_share_lies_between_0_and_100(deel: int, extra: int) -> None:
    aandeel = cijfers.percentage(deel, deel + extra)
    if deel + extra == 0:
        assert aandeel is None
    else:
        assert aandeel is not None and Decimal(0) <= aandeel <= Decimal(100)
        assert aandeel == aandeel.quantize(Decimal("0.1"))


# --- figures and verdicts ----------------------------------------------------------------------------------
K2 = perioden.periode(2026, 2, "kwartaal")
NORM_8_WEKEN = Norm(
    soort="doorlooptijd", termijn=56, dagsoort="kalenderdagen", streefpercentage=Decimal("95")
)


def test_lead_time_subtracts_suspended_days_and_counts_working_days() -> None:
    # Received Friday 3 April 2026 (Goede Vrijdag), decided Friday 10 April: Mon 6 April is a holiday.
    assert cijfers.doorlooptijd(dt.date(2026, 4, 3), dt.date(2026, 4, 10), 0, "werkdagen") == 4
    assert cijfers.doorlooptijd(dt.date(2026, 4, 3), dt.date(2026, 4, 10), 0, "kalenderdagen") == 7
    assert cijfers.doorlooptijd(dt.date(2026, 4, 3), dt.date(2026, 4, 10), 3, "kalenderdagen") == 4
    assert cijfers.doorlooptijd(dt.date(2026, 4, 3), dt.date(2026, 4, 10), 30, "werkdagen") == 0


def test_lead_time_figures_of_a_quarter() -> None:
    zaken = [
        Zaakgegevens(dt.date(2026, 3, 1), dt.date(2026, 4, 10)),  # 40 days, within
        Zaakgegevens(dt.date(2026, 4, 1), dt.date(2026, 5, 1)),  # 30, within
        Zaakgegevens(dt.date(2026, 4, 1), dt.date(2026, 6, 30), opgeschort=10),  # 90 - 10 = 80, over
        Zaakgegevens(dt.date(2026, 4, 2), dt.date(2026, 7, 2)),  # decided in K3: not in K2's base
        Zaakgegevens(dt.date(2026, 4, 15), None),  # open at 30 June: 76 days, over the term
        Zaakgegevens(dt.date(2026, 6, 1), None),  # open, 29 days: not over
    ]
    c = cijfers.bereken(NORM_8_WEKEN, zaken, K2, vandaag=dt.date(2026, 11, 2))
    assert (c.ontvangen, c.besloten, c.binnen_norm) == (5, 3, 2)
    assert c.percentage_binnen_norm == Decimal("66.7")
    assert c.mediaan == Decimal("40.0") and c.p90 == 80
    assert c.open_over_termijn == 2  # the K3 case was open at 30 June too (89 days)
    assert c.oordeel == cijfers.NIET_GEHAALD and c.afgesloten


def test_no_decided_cases_is_no_data() -> None:
    c = cijfers.bereken(NORM_8_WEKEN, [], K2, vandaag=dt.date(2026, 11, 2))
    assert c.oordeel == cijfers.GEEN_GEGEVENS and c.percentage_binnen_norm is None


def test_volume_quality_and_availability() -> None:
    zaken = [
        Zaakgegevens(dt.date(2026, 4, d), dt.date(2026, 5, d), tevredenheid=Decimal(s))
        for d, s in [(1, "6.0"), (2, "7.5"), (3, "8.0")]
    ]
    volume = Norm(soort="volume", volume_min=5, volume_max=50)
    assert cijfers.bereken(volume, zaken, K2, vandaag=dt.date(2026, 11, 2)).oordeel == cijfers.NIET_GEHAALD
    kwaliteit = Norm(soort="kwaliteit", minimumscore=Decimal("7.0"))
    c = cijfers.bereken(kwaliteit, zaken, K2, vandaag=dt.date(2026, 11, 2))
    assert c.waarde == Decimal("7.2") and c.oordeel == cijfers.GEHAALD
    c = cijfers.bereken(kwaliteit, zaken, K2, vandaag=dt.date(2026, 11, 2), meting=Decimal("6.5"))
    assert c.waarde == Decimal("6.5") and c.oordeel == cijfers.NIET_GEHAALD
    beschikbaar = Norm(soort="beschikbaarheid", streefpercentage=Decimal("99"))
    assert (
        cijfers.bereken(beschikbaar, zaken, K2, vandaag=dt.date(2026, 11, 2)).oordeel == cijfers.GEEN_GEGEVENS
    )
    c = cijfers.bereken(beschikbaar, zaken, K2, vandaag=dt.date(2026, 11, 2), meting=Decimal("99.45"))
    assert c.waarde == Decimal("99.5") and c.oordeel == cijfers.GEHAALD


def _reeks(aandelen: list[int | None]) -> list[cijfers.Periodecijfers]:
    """Cases per quarter of 2025 with the given share (of 10 decided) within an 8-week norm."""
    zaken = []
    for i, aandeel in enumerate(aandelen):
        p = perioden.periode(2025, i + 1, "kwartaal")
        if aandeel is None:
            continue
        for n in range(10):
            dagen = 20 if n < aandeel // 10 else 70
            besloten = p.start + dt.timedelta(days=80)
            zaken.append(Zaakgegevens(besloten - dt.timedelta(days=dagen), besloten))
    return cijfers.reeks(
        NORM_8_WEKEN,
        zaken,
        perioden.perioden(dt.date(2025, 1, 1), dt.date(2025, 12, 31), "kwartaal"),
        vandaag=dt.date(2026, 1, 15),
    )


def test_trend_and_two_missed_periods_running() -> None:
    reeks = _reeks([100, 70, 60, 100])
    assert [c.oordeel for c in reeks] == ["gehaald", "niet_gehaald", "niet_gehaald", "gehaald"]
    assert [c.trend for c in reeks] == [None, "slechter", "slechter", "beter"]
    paren = cijfers.twee_op_rij_gemist(reeks)
    assert [(a.periode.label, b.periode.label) for a, b in paren] == [("2025 K2", "2025 K3")]


def test_missed_non_consecutively_or_once_is_no_run() -> None:
    assert cijfers.twee_op_rij_gemist(_reeks([70, 100, 60, 100])) == []
    assert cijfers.twee_op_rij_gemist(_reeks([100, 100, 100, 60])) == []
    assert cijfers.twee_op_rij_gemist(_reeks([70, None, 60, 100])) == []  # no data breaks a run


def test_an_open_period_never_counts_for_the_run() -> None:
    reeks = _reeks([100, 100, 70, 60])
    assert len(cijfers.twee_op_rij_gemist(reeks)) == 1
    open_einde = [c if i < 3 else cijfers.replace(c, afgesloten=False) for i, c in enumerate(reeks)]
    assert cijfers.twee_op_rij_gemist(open_einde) == []


def test_dutch_notation() -> None:
    from seta.dienstverlening.meting import tekst

    assert tekst.procent(Decimal("95")) == "95,0 %"
    assert tekst.getal(Decimal("1234.56")) == "1.234,6"
    assert tekst.dagen(8, "werkdagen") == "8 werkdagen"
    assert tekst.dagen(1, "kalenderdagen") == "1 kalenderdag"
    assert tekst.dagen(Decimal("12.5"), "werkdagen") == "12,5 werkdagen"
    assert tekst.normtekst(NORM_8_WEKEN) == "95 % binnen 8 weken"
    assert tekst.streef(Decimal("99.50")) == "99,5 %"
    assert (
        tekst.normtekst(
            Norm(soort="doorlooptijd", termijn=5, dagsoort="werkdagen", streefpercentage=Decimal("90.00"))
        )
        == "90 % binnen 5 werkdagen"
    )
    assert tekst.waarde(NORM_8_WEKEN, Decimal("71"), None) == "71,0 % binnen 8 weken"


def test_a_period_takes_the_mean_of_its_measurements() -> None:
    metingen = {
        dt.date(2026, 4, 1): Decimal("99.0"),
        dt.date(2026, 5, 1): Decimal("98.0"),
        dt.date(2026, 6, 1): Decimal("98.5"),
        dt.date(2026, 7, 1): Decimal("90"),
    }
    assert cijfers.meting_van(metingen, K2) == Decimal("98.5")
    assert cijfers.meting_van({}, K2) is None
    norm = Norm(soort="beschikbaarheid", streefpercentage=Decimal("98.5"))
    assert [
        c.oordeel
        for c in cijfers.reeks(
            norm, [], [K2, perioden.volgende(K2)], vandaag=dt.date(2026, 11, 2), metingen=metingen
        )
    ] == ["gehaald", "niet_gehaald"]


ZAAK = st.builds(
    lambda ontvangen, duur, opgeschort, open_: Zaakgegevens(
        ontvangen, None if open_ else ontvangen + dt.timedelta(days=duur), opgeschort
    ),
    st.dates(min_value=dt.date(2025, 10, 1), max_value=dt.date(2026, 6, 30)),
    st.integers(0, 200),
    st.integers(0, 30),
    st.booleans(),
)


@given(st.lists(ZAAK, max_size=60), st.sampled_from(["werkdagen", "kalenderdagen"]), st.integers(0, 120))
def test_figures_are_consistent(zaken: list[Zaakgegevens], dagsoort: str, termijn: int) -> None:
    norm = Norm(soort="doorlooptijd", termijn=termijn, dagsoort=dagsoort, streefpercentage=Decimal("90"))
    c = cijfers.bereken(norm, zaken, K2, vandaag=dt.date(2026, 11, 2))
    assert 0 <= c.binnen_norm <= c.besloten == len(c.doorlooptijden)
    assert c.besloten == sum(1 for z in zaken if z.besloten and K2.bevat(z.besloten))
    if c.besloten:
        assert c.percentage_binnen_norm is not None and Decimal(0) <= c.percentage_binnen_norm <= Decimal(100)
        assert c.mediaan is not None and c.p90 is not None and c.p90 >= c.mediaan
        assert c.oordeel in (cijfers.GEHAALD, cijfers.NIET_GEHAALD)
    else:
        assert c.oordeel == cijfers.GEEN_GEGEVENS and c.percentage_binnen_norm is None
    assert 0 <= c.open_over_termijn <= len(zaken)
    # a longer term never makes fewer cases within it, nor more open ones over it
    ruimer = cijfers.bereken(
        Norm(soort="doorlooptijd", termijn=termijn + 10, dagsoort=dagsoort),
        zaken,
        K2,
        vandaag=dt.date(2026, 11, 2),
    )
    assert ruimer.binnen_norm >= c.binnen_norm and ruimer.open_over_termijn <= c.open_over_termijn


# --- periods without imported case data ------------------------------------------------------------------
def test_a_period_is_covered_only_when_imports_cover_every_day_up_to_today() -> None:
    k1 = perioden.periode(2026, 1, "kwartaal")
    jan, feb_mrt = (dt.date(2026, 1, 1), dt.date(2026, 1, 31)), (dt.date(2026, 2, 1), dt.date(2026, 3, 31))
    assert perioden.gedekt(k1, [jan, feb_mrt], vandaag=dt.date(2026, 11, 2))
    assert perioden.gedekt(k1, [feb_mrt, jan], vandaag=dt.date(2026, 11, 2))  # order does not matter
    assert not perioden.gedekt(k1, [jan], vandaag=dt.date(2026, 11, 2))
    assert not perioden.gedekt(k1, [], vandaag=dt.date(2026, 11, 2))
    # a gap of one day is a period without data
    assert not perioden.gedekt(
        k1, [jan, (dt.date(2026, 2, 2), dt.date(2026, 3, 31))], vandaag=dt.date(2026, 5, 1)
    )
    # the running period is covered up to today
    k4 = perioden.periode(2026, 4, "kwartaal")
    assert perioden.gedekt(k4, [(dt.date(2026, 10, 1), dt.date(2026, 11, 2))], vandaag=dt.date(2026, 11, 2))


@given(DATA, st.integers(0, 400), st.lists(st.tuples(st.integers(0, 400), st.integers(0, 60)), max_size=6))
def test_coverage_agrees_with_a_day_by_day_check(
    start: dt.date, lengte: int, stukken: list[tuple[int, int]]
) -> None:
    periode = perioden.periode_van(start, "kwartaal")
    vandaag = periode.start + dt.timedelta(days=lengte)
    bereiken = [
        (periode.start + dt.timedelta(days=a), periode.start + dt.timedelta(days=a + b)) for a, b in stukken
    ]
    eind = min(periode.eind, vandaag)
    dagen = [periode.start + dt.timedelta(days=i) for i in range((eind - periode.start).days + 1)]
    verwacht = all(any(van <= dag <= tot for van, tot in bereiken) for dag in dagen)
    assert perioden.gedekt(periode, bereiken, vandaag=vandaag) == verwacht


def test_a_period_not_imported_has_no_figures_not_zero_cases() -> None:
    """Before the second quarter is imported, its volume is unknown: never "0 cases, below the band"."""
    volume = Norm(soort="volume", volume_min=5, volume_max=50)
    k1 = perioden.periode(2026, 1, "kwartaal")
    zaken = [Zaakgegevens(dt.date(2026, 1, d), dt.date(2026, 2, d)) for d in range(1, 11)]
    reeks = cijfers.reeks(
        volume,
        zaken,
        perioden.perioden(dt.date(2026, 1, 1), dt.date(2026, 6, 30), "kwartaal"),
        vandaag=dt.date(2026, 11, 2),
        bereiken=[(k1.start, k1.eind)],
    )
    assert [c.oordeel for c in reeks] == [cijfers.GEHAALD, cijfers.GEEN_GEGEVENS]
    assert reeks[1].waarde is None
    assert cijfers.twee_op_rij_gemist(reeks) == []


def test_a_running_period_is_not_below_its_volume_band_yet() -> None:
    volume = Norm(soort="volume", volume_min=5, volume_max=8)
    k4 = perioden.periode(2026, 4, "kwartaal")
    twee = [Zaakgegevens(dt.date(2026, 10, d), None) for d in (1, 2)]
    assert cijfers.bereken(volume, twee, k4, vandaag=dt.date(2026, 11, 2)).oordeel == cijfers.GEHAALD
    negen = [Zaakgegevens(dt.date(2026, 10, d), None) for d in range(1, 10)]
    assert cijfers.bereken(volume, negen, k4, vandaag=dt.date(2026, 11, 2)).oordeel == cijfers.NIET_GEHAALD
    assert cijfers.bereken(volume, twee, k4, vandaag=dt.date(2027, 1, 5)).oordeel == cijfers.NIET_GEHAALD


@given(
    st.lists(ZAAK, max_size=60),
    st.sampled_from(["doorlooptijd", "volume", "kwaliteit"]),
    st.sampled_from(sorted(perioden.MAANDEN)),
    st.dates(min_value=dt.date(2025, 9, 1), max_value=dt.date(2027, 3, 1)),
)
def test_a_series_counts_each_period_exactly_as_from_all_cases(
    zaken: list[Zaakgegevens], soort: str, ritme: str, vandaag: dt.date
) -> None:
    """The series hands each period only the cases that can count in it (for speed); the figures are the
    same as when every period is computed from all cases."""
    norm = Norm(
        soort=soort, termijn=40, dagsoort="werkdagen", volume_min=2, volume_max=20, minimumscore=Decimal("7")
    )
    reeks_perioden = perioden.perioden(dt.date(2025, 10, 1), dt.date(2026, 12, 31), ritme)
    snel = cijfers.reeks(norm, zaken, reeks_perioden, vandaag=vandaag)
    traag = [cijfers.bereken(norm, zaken, p, vandaag=vandaag) for p in reeks_perioden]
    assert [dataclasses.replace(c, trend=None) for c in snel] == traag
