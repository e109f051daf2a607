"""The pure core of joining and leaving (``financien/verdeling/mutatie.py``): hand-computed cases and
properties that must hold for any cooperation and model (hypothesis)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from financien.test_verdeling_properties import exact, money, scenarios
from seta.financien.verdeling import mutatie
from seta.financien.verdeling.engine import allocate
from seta.financien.verdeling.model import (
    GebruikOnderdeel,
    Gebruiksregel,
    Gemeente,
    GezamenlijkProduct,
    Grondslag,
    Jaargegevens,
    SleutelSoort,
    VastOnderdeel,
    Verdeelmodel,
    Verdeelsleutel,
)

D = Decimal
NIEUW = "GM9999"


def _drie() -> tuple[Jaargegevens, Verdeelmodel]:
    jaar = Jaargegevens(
        2025,
        (
            Gemeente("A", "Aadorp", 10_000, None, D(0)),
            Gemeente("B", "Beekdal", 20_000, None, D(0)),
            Gemeente("C", "Ceesveen", 30_000, None, D(0)),
        ),
    )
    model = Verdeelmodel(
        "M",
        Verdeelsleutel(SleutelSoort.BEVOLKING),
        (
            GebruikOnderdeel(
                "Gebruik",
                Grondslag.REALISATIE,
                (
                    Gebruiksregel("A", D(11), D(1000)),
                    Gebruiksregel("B", D(6), D(1000)),
                    Gebruiksregel("C", D(14), D(1000)),
                ),
            ),
            VastOnderdeel("Rest", D(69_000)),
        ),
    )
    return jaar, model


def test_leaving_by_hand() -> None:
    jaar, model = _drie()
    voor = allocate(jaar, model)
    na = allocate(*mutatie.zonder_deelnemer(jaar, model, "A"))
    v = mutatie.vergelijk(voor, na)
    assert [(r.code, r.bedrag_voor, r.bedrag_na) for r in v.regels] == [
        ("A", D("22500.00"), None),
        ("B", D("29000.00"), D("33600.00")),
        ("C", D("48500.00"), D("55400.00")),
    ]
    assert v.regel("B").aandeel_na == Fraction(2, 5) and v.regel("B").verschil == D("4600.00")
    assert mutatie.gebruik_van(model, "A") == D("11000.00")


def test_joining_by_hand() -> None:
    jaar, model = _drie()
    voor = allocate(jaar, model)
    na = allocate(*mutatie.met_toetreder(jaar, model, Gemeente("D", "Dijkum", 40_000, None)))
    v = mutatie.vergelijk(voor, na)
    assert [r.verschil for r in v.regels] == [D("-4600.00"), D("-9200.00"), D("-13800.00"), D("27600.00")]
    assert v.regel("D").aandeel_na == Fraction(2, 5) and v.regel("D").aandeel_voor is None


def test_frictional_costs_by_hand() -> None:
    regel = mutatie.Uittredingsregel(D(2), "GR art. 30")
    f = mutatie.frictiekosten(regel, D(10_000), Fraction(1, 6), [mutatie.Post("Ontvlechting", D(500))])
    assert (f.overhead_aandeel, f.uit_overhead, f.totaal) == (D("1666.67"), D("3333.34"), D("3833.34"))


def test_first_and_last_year_pro_rata_by_hand() -> None:
    # 1 July to 31 December 2027: 184 of 365 days; 27,600 x 184 / 365 = 13,913.42
    assert mutatie.naar_rato(D(27600), date(2027, 7, 1), toetreding=True) == (184, D("13913.42"))
    # a leaver on 1 July pays 1 January to 30 June: 181 days
    assert mutatie.naar_rato(D(27600), date(2027, 7, 1), toetreding=False) == (181, D("13686.58"))
    assert mutatie.naar_rato(D(100), date(2028, 1, 1), toetreding=True) == (366, D("100.00"))


def test_staff_by_hand() -> None:
    personen = [
        mutatie.Persoon("Team X", D("1.0"), "A", D(600), D(1000)),
        mutatie.Persoon("Team X", D("0.5"), "B", D(0), D(500)),
        mutatie.Persoon("Team Y", D("1.0"), "C", D(500), D(1000)),
        mutatie.Persoon("Team Y", D("0.8"), "C", D(0), D(800)),
    ]
    assert mutatie.personeel_per_eenheid(personen, "A") == [
        mutatie.Personeelsregel("Team X", 1, D("1.00"), 1, D("0.60")),
        mutatie.Personeelsregel("Team Y", 0, D("0.00"), 1, D("0.50")),
    ]


def test_refusals_name_their_field() -> None:
    jaar, model = _drie()
    inbreng = Verdeelmodel("I", Verdeelsleutel(SleutelSoort.INBRENG), (VastOnderdeel("Alles", D(1)),))
    with pytest.raises(mutatie.MutatieFout) as exc:
        mutatie.met_toetreder(jaar, inbreng, Gemeente("D", "Dijkum", 1, None))
    assert exc.value.veld == "inbreng" and "Dijkum" in exc.value.bericht
    with pytest.raises(mutatie.MutatieFout) as exc:
        mutatie.met_toetreder(jaar, model, Gemeente("A", "Aadorp", 1, None))
    assert exc.value.veld == "gemeente"
    pct = Verdeelmodel(
        "P", Verdeelsleutel(SleutelSoort.PERCENTAGES, percentages={"A": D(20), "B": D(30), "C": D(50)}), ()
    )
    with pytest.raises(mutatie.MutatieFout) as exc:
        mutatie.met_toetreder(jaar, pct, Gemeente("D", "Dijkum", 1, None))
    assert exc.value.veld == "percentage"
    _j, m = mutatie.met_toetreder(jaar, pct, Gemeente("D", "Dijkum", 1, None), D(10))
    assert m.verdeelsleutel.percentages == {"A": D(18), "B": D(27), "C": D(45), "D": D(10)}
    alleen = Jaargegevens(2025, (Gemeente("A", "Aadorp", 1, None),))
    with pytest.raises(mutatie.MutatieFout):
        mutatie.zonder_deelnemer(alleen, model, "A")


def test_a_joint_product_of_the_leaver_alone_goes_with_it() -> None:
    jaar, model = _drie()
    eigen = GezamenlijkProduct("Eigen", D(900), ("A",), mutatie_methode())
    gedeeld = GezamenlijkProduct("Gedeeld", D(900), ("A", "B"), mutatie_methode())
    _j, m = mutatie.zonder_deelnemer(
        jaar, Verdeelmodel("M", model.verdeelsleutel, (*model.onderdelen, eigen, gedeeld)), "A"
    )
    assert [o.naam for o in m.onderdelen] == ["Gebruik", "Rest", "Gedeeld"]
    assert m.onderdelen[2].deelnemers == ("B",)  # type: ignore[union-attr]


def mutatie_methode():  # type: ignore[no-untyped-def]
    from seta.financien.verdeling.model import Methode

    return Methode.GELIJK


# --- properties -------------------------------------------------------------------------------------------------
@exact
@given(
    scenarios(), st.integers(1, 900_000), money.filter(bool), st.integers(0, 9_999).map(lambda c: D(c) / 100)
)
def test_joining_keeps_the_total_and_the_joiner_pays_what_the_others_save(
    data: tuple[Jaargegevens, Verdeelmodel], inwoners: int, inbreng: Decimal, pct: Decimal
) -> None:
    jaar, model = data
    voor = allocate(jaar, model)
    toetreder = Gemeente(NIEUW, "Nieuw", inwoners, None, inbreng)
    na = allocate(*mutatie.met_toetreder(jaar, model, toetreder, pct))
    v = mutatie.vergelijk(voor, na)
    assert sum((r.aandeel_na for r in v.regels if r.aandeel_na is not None), Fraction(0)) == 1
    assert v.totaal_na == v.totaal_voor
    anderen = sum((r.verschil for r in v.regels if r.code != NIEUW), D(0))
    assert anderen == -v.regel(NIEUW).verschil == -(v.regel(NIEUW).bedrag_na or D(0))


@exact
@given(scenarios(), st.data())
def test_leaving_shares_of_those_who_stay_sum_to_100_and_only_its_own_costs_go(
    data: tuple[Jaargegevens, Verdeelmodel], keuze: st.DataObject
) -> None:
    jaar, model = data
    assume(len(jaar.gemeenten) >= 2)
    code = keuze.draw(st.sampled_from(jaar.codes()))
    voor = allocate(jaar, model)
    jaar_na, model_na = mutatie.zonder_deelnemer(jaar, model, code)
    na = allocate(jaar_na, model_na)
    v = mutatie.vergelijk(voor, na)
    assert sum((r.aandeel_na for r in v.regels if r.aandeel_na is not None), Fraction(0)) == 1
    assert v.regel(code).aandeel_na is None and code not in jaar_na.codes()
    if not model.regels.startperiode or not model.regels.startperiode.covers(jaar.jaar):
        alleen = sum(
            (
                o.bedrag
                for o in model.onderdelen
                if isinstance(o, GezamenlijkProduct) and o.deelnemers == (code,)
            ),
            D(0),
        )
        gebruik = mutatie.gebruik_van(model, code)
        delen = sum(1 for o in model.onderdelen if isinstance(o, GebruikOnderdeel))
        # usage parts are rounded as a whole: a cent per part may move between the leaver's lines and the rest
        assert abs(v.totaal_na - (v.totaal_voor - gebruik - alleen)) <= D("0.01") * delen


@given(
    st.lists(st.integers(0, 10_000).map(lambda c: D(c) / 100), min_size=1, max_size=8), st.integers(0, 9_999)
)
def test_rescaled_percentages_sum_to_exactly_100(waarden: list[Decimal], nieuw: int) -> None:
    codes = [f"G{i}" for i in range(len(waarden))]
    pct = D(nieuw) / 100
    result = mutatie.herschaal(dict(zip(codes, waarden, strict=True)), {NIEUW: pct})
    assert sum(result.values()) == 100 and result[NIEUW] == pct
    assert all(v >= 0 for v in result.values())


@given(
    st.integers(0, 10**9).map(lambda c: D(c) / 100),
    st.fractions(0, 1),
    st.integers(0, 2000).map(lambda c: D(c) / 100),
    st.lists(st.integers(0, 10**8).map(lambda c: D(c) / 100), max_size=4),
)
def test_frictional_costs_are_the_rule_plus_the_items(
    overhead: Decimal, aandeel: Fraction, jaren: Decimal, posten: list[Decimal]
) -> None:
    f = mutatie.frictiekosten(
        mutatie.Uittredingsregel(jaren, "regel"),
        overhead,
        aandeel,
        [mutatie.Post(f"p{i}", b) for i, b in enumerate(posten)],
    )
    assert f.totaal == f.uit_overhead + sum(posten, D(0))
    assert abs(Fraction(f.overhead_aandeel) - Fraction(overhead) * aandeel) <= Fraction(1, 200)
    assert f.uit_overhead >= 0 and f.uit_overhead <= round(overhead * jaren, 2) + 1


@given(
    st.lists(
        st.tuples(st.integers(1, 150), st.lists(st.integers(0, 2000), min_size=3, max_size=3)), max_size=10
    )
)
def test_fte_equivalents_over_all_partners_add_up_to_at_most_the_fte(
    staf: list[tuple[int, list[int]]],
) -> None:
    for fte_honderdsten, uren in staf:
        fte = D(fte_honderdsten) / 100
        totaal = D(sum(uren))
        delen = [mutatie.fte_equivalent(mutatie.Persoon("X", fte, None, D(u), totaal)) for u in uren]
        assert sum(delen, Fraction(0)) == (Fraction(fte) if totaal else 0)


@given(st.dates(date(2000, 1, 1), date(2100, 12, 31)), money)
def test_a_leavers_last_part_and_a_joiners_first_part_make_the_year(datum: date, bedrag: Decimal) -> None:
    dagen_in, deel_in = mutatie.naar_rato(bedrag, datum, toetreding=True)
    dagen_uit, deel_uit = mutatie.naar_rato(bedrag, datum, toetreding=False)
    assert dagen_in + dagen_uit == (date(datum.year, 12, 31) - date(datum.year, 1, 1)).days + 1
    assert abs(deel_in + deel_uit - bedrag) <= D("0.01")
