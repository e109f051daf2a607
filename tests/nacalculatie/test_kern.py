"""The pure core of the nacalculatie: examples and properties (no database)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from seta.nacalculatie.kern import actuals
from seta.nacalculatie.kern.actuals import Invoer, Kostenboeking, Urenpost, Verdeelregel

D = Decimal
TARIEF = {(2026, 1, None): D("100"), (2026, 2, 9): D("85.50")}


def _invoer(**kw: object) -> Invoer:
    base: dict[str, object] = {
        "uren": [
            Urenpost(2026, 14, 1, None, True, D("40")),
            Urenpost(2026, 14, 2, 9, False, D("10")),
            Urenpost(2026, 15, 1, None, True, D("20.5")),
        ],
        "tarieven": TARIEF,
        "kosten": [Kostenboeking(2026, 15, D("1250.00"))],
        "raming_uren": D("100"),
        "raming_externe_kosten": D("2000"),
        "raming_uurtarief": D("100"),
        "max_uren": D("120"),
        "max_euro": D("2500"),
    }
    base.update(kw)
    return Invoer(**base)  # type: ignore[arg-type]


def test_example_weeks_totals_and_percentages() -> None:
    n = actuals.bereken(_invoer())
    assert [w.label for w in n.weken] == ["2026-W14", "2026-W15"]
    w14, w15 = n.weken
    assert (w14.uren_goedgekeurd, w14.uren_niet_goedgekeurd) == (D("40"), D("10"))
    assert w14.kosten_uren == D("4855.00")  # 40 x 100 + 10 x 85,50
    assert w15.kosten_uren == D("2050.00") and w15.externe_kosten == D("1250.00")
    assert w15.cumulatief_uren == D("70.5") and w15.cumulatief_kosten == D("8155.00")
    assert n.uren == D("70.5") and n.kosten_uren == D("6905.00") and n.totaal == D("8155.00")
    assert n.raming_kosten == D("12000.00")
    assert n.percentage_uren == D("70.5")
    assert n.resterend_uren == D("29.5")
    assert n.drempels == frozenset()
    assert not n.kader.overschreden


def test_thresholds_by_hours_and_frame() -> None:
    n = actuals.bereken(_invoer(raming_uren=D("75"), max_uren=D("70")))
    assert n.percentage_uren == D("94.0")
    assert n.drempels == {actuals.RAMING_90, actuals.KADER_OVERSCHREDEN}
    assert n.kader.uren_boven_kader == D("0.5")
    assert n.kader.uren_boven_kader_goedgekeurd is None  # approved alone: 60,5 hours, within 70
    titel, tekst = actuals.signaaltekst("BEL-2026-014", "Toeristisch plan", actuals.RAMING_90, n)
    assert titel == "90 % van de raming bereikt: BEL-2026-014"
    assert tekst.startswith("BEL-2026-014 Toeristisch plan: 94 % van de geraamde 75 uur geboekt (70,5 uur)")
    assert "wijzigingsverzoek of stoppen" in tekst


def test_external_costs_frame_is_for_external_costs_only() -> None:
    n = actuals.bereken(_invoer(max_euro=D("1000")))
    assert n.kader.euro_boven_kader == D("250.00")
    assert actuals.KADER_OVERSCHREDEN in n.drempels
    tekst = actuals.signaaltekst("X-1", "T", actuals.KADER_OVERSCHREDEN, n)[1]
    assert "€ 250 boven het budgetkader van € 1.000" in tekst


def test_threshold_by_cost() -> None:
    # 70,5 hours is 70 % of the hours, but the external costs make the total 8155 of 8200: 99 %.
    n = actuals.bereken(_invoer(raming_externe_kosten=D("-1800")))
    assert n.raming_kosten == D("8200.00")
    assert n.drempels == {actuals.RAMING_90}


def test_missing_tariff_is_reported_never_invented() -> None:
    n = actuals.bereken(_invoer(tarieven={(2026, 1, None): D("100")}, eenheid_namen={2: "Ruimte"}))
    assert n.kosten_uren is None and n.totaal is None
    assert n.kosten_uren_bekend == D("6050.00")
    assert n.ontbrekende_tarieven == ("2026 eenheid Ruimte schaal 9",)
    assert "geen uurtarief" in n.tarief_melding
    assert n.weken[0].kosten_uren is None and n.weken[0].cumulatief_kosten is None
    assert n.weken[1].cumulatief_kosten is None  # unknown from the first unknown week on
    assert n.percentage_kosten is None


def test_joint_shares_and_rule_text() -> None:
    regel = Verdeelregel(
        "verdeeld naar de verdeelsleutel 2026",
        [("Blaricum", Fraction(1)), ("Eemnes", Fraction(1)), ("Laren", Fraction(1))],
    )
    n = actuals.bereken(_invoer(verdeling=regel))
    assert n.verdeling is not None
    assert [a.bedrag for a in n.verdeling.aandelen] == [D("2718.34"), D("2718.33"), D("2718.33")]
    assert sum(a.bedrag for a in n.verdeling.aandelen) == n.totaal
    assert sum(a.percentage for a in n.verdeling.aandelen) == D("100.0")
    assert n.verdeling.regel.startswith(
        "verdeeld naar de verdeelsleutel 2026: Blaricum 33,4 %, Eemnes 33,3 %"
    )


def test_formatting() -> None:
    assert actuals.euro(D("12345.67")) == "€ 12.345,67"
    assert actuals.euro(D("1000")) == "€ 1.000"
    assert actuals.uren(D("1234.5")) == "1.234,5"
    assert actuals.weeklabel(2026, 3) == "2026-W03"


# --- properties -----------------------------------------------------------------------------------------------
uren_st = st.decimals(min_value=0, max_value=60, places=2, allow_nan=False, allow_infinity=False)
post_st = st.builds(
    Urenpost,
    st.sampled_from([2025, 2026]),
    st.integers(1, 52),
    st.sampled_from([1, 2, None]),
    st.sampled_from([None, 9]),
    st.booleans(),
    uren_st,
)
kosten_st = st.builds(
    Kostenboeking,
    st.just(2026),
    st.integers(1, 52),
    st.decimals(min_value="0.01", max_value=50000, places=2, allow_nan=False, allow_infinity=False),
)
TARIEVEN = {
    (jaar, e, s): D("97.35") if e != 2 else D("81.10")
    for jaar in (2025, 2026)
    for e in (1, 2, None)
    for s in (None, 9)
}


@settings(max_examples=150, deadline=None)
@given(st.lists(post_st, max_size=30), st.lists(kosten_st, max_size=8))
def test_totals_equal_the_sum_of_the_weeks(posten: list[Urenpost], kosten: list[Kostenboeking]) -> None:
    n = actuals.bereken(Invoer(posten, TARIEVEN, kosten, raming_uren=D("100")))
    assert n.uren_goedgekeurd == sum((w.uren_goedgekeurd for w in n.weken), D(0))
    assert n.uren_niet_goedgekeurd == sum((w.uren_niet_goedgekeurd for w in n.weken), D(0))
    assert n.kosten_uren == sum((w.kosten_uren or D(0) for w in n.weken), D(0))
    assert n.externe_kosten == sum((w.externe_kosten for w in n.weken), D(0))
    assert n.uren == sum((p.uren for p in posten), D(0))
    if n.weken:
        assert n.weken[-1].cumulatief_uren == n.uren
        assert n.weken[-1].cumulatief_kosten == n.totaal


@settings(max_examples=200, deadline=None)
@given(
    st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False),
    st.lists(st.integers(1, 10**6), min_size=1, max_size=7),
)
def test_shares_sum_exactly_to_the_total(totaal: Decimal, gewichten: list[int]) -> None:
    regel = Verdeelregel("r", [(f"G{i}", Fraction(g)) for i, g in enumerate(gewichten)])
    verdeling = actuals.verdeel(totaal, regel)
    assert sum((a.bedrag for a in verdeling.aandelen), D(0)) == totaal
    assert sum((a.percentage for a in verdeling.aandelen), D(0)) == D("100.0")
    som = sum(gewichten)
    for a, g in zip(verdeling.aandelen, gewichten, strict=True):
        assert abs(Fraction(a.bedrag) - Fraction(totaal) * g / som) < Fraction(1, 100)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(post_st, max_size=15),
    st.lists(post_st, min_size=1, max_size=5),
    st.lists(kosten_st, max_size=3),
    st.decimals(min_value=1, max_value=500, places=1, allow_nan=False, allow_infinity=False),
)
def test_thresholds_are_monotonic(
    posten: list[Urenpost], extra: list[Urenpost], kosten: list[Kostenboeking], raming: Decimal
) -> None:
    """More actuals never un-reach a threshold, and 100 % implies 90 %."""
    kw = {"raming_uren": raming, "raming_uurtarief": D("90"), "max_uren": raming, "max_euro": D("5000")}
    voor = actuals.bereken(Invoer(posten, TARIEVEN, kosten, **kw))  # type: ignore[arg-type]
    na = actuals.bereken(Invoer(posten + extra, TARIEVEN, kosten, **kw))  # type: ignore[arg-type]
    assert voor.drempels <= na.drempels
    for n in (voor, na):
        if actuals.RAMING_100 in n.drempels:
            assert actuals.RAMING_90 in n.drempels
