"""The real cases of issue 4, computed by the pure allocation core (no Django needed)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction as F
from pathlib import Path

import pytest

from seta.financien.verdeling.engine import allocate, compare, growth_cap_corrections, settle
from seta.financien.verdeling.io import allocate_file
from seta.financien.verdeling.model import (
    AfrekeningInvoer,
    Afwijkingsdrempel,
    Btw,
    GebruikOnderdeel,
    Gebruiksregel,
    Gemeente,
    GezamenlijkProduct,
    Groeiplafond,
    Grondslag,
    Jaargegevens,
    Methode,
    Regels,
    SleutelSoort,
    Startperiode,
    VastOnderdeel,
    Verdeelmodel,
    Verdeelsleutel,
    Verdeling,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "allocate"
D = Decimal
BEVOLKING = Verdeelsleutel(SleutelSoort.BEVOLKING)


def charges(verdeling: Verdeling) -> dict[str, Decimal]:
    return {b.gemeente: b.totaal_excl_btw for b in verdeling.bijdragen}


# --- the worked example ------------------------------------------------------------------------

FTE_YEAR = D(1500)
TARIEF = D(95)
ABC = Jaargegevens(
    jaar=2024,
    gemeenten=(
        Gemeente("A", "Gemeente A", 15_000, None),
        Gemeente("B", "Gemeente B", 30_000, None),
        Gemeente("C", "Gemeente C", 20_000, None),
    ),
)
# A: 2 FTE for half a year plus a EUR 40,000 consultancy; B: 4 FTE for nine months; C: nothing.
USAGE = GebruikOnderdeel(
    "Toeristisch plan",
    Grondslag.REALISATIE,
    (
        Gebruiksregel("A", uren=2 * FTE_YEAR / 2, tarief=TARIEF, externe_kosten=D(40_000)),
        Gebruiksregel("B", uren=4 * FTE_YEAR * 3 / 4, tarief=TARIEF),
    ),
)


def test_worked_example_by_usage() -> None:
    result = allocate(ABC, Verdeelmodel("Naar gebruik", BEVOLKING, (USAGE,)))
    assert charges(result) == {"A": D("182500.00"), "B": D("427500.00"), "C": D("0.00")}
    assert result.totaal_excl_btw == D("610000.00")


def test_worked_example_by_population() -> None:
    model = Verdeelmodel("Naar bevolking", BEVOLKING, (VastOnderdeel("Toeristische plannen", D(610_000)),))
    result = allocate(ABC, model)
    assert charges(result) == {"A": D("140769.23"), "B": D("281538.46"), "C": D("187692.31")}
    assert sum(charges(result).values()) == D("610000.00")


def test_worked_example_joint_plan_by_shapley() -> None:
    joint = GezamenlijkProduct(
        "Regionaal toeristisch plan",
        D(500_000),
        ("A", "B"),
        Methode.SHAPLEY,
        standalone_kosten={"A": D(182_500), "B": D(427_500)},
    )
    result = allocate(ABC, Verdeelmodel("Gezamenlijk", BEVOLKING, (joint,)))
    assert charges(result) == {"A": D("127500.00"), "B": D("372500.00"), "C": D("0.00")}


def test_worked_example_file_compares_three_models() -> None:
    result = allocate_file(EXAMPLES / "worked-example.json")
    assert [v.verdeelmodel for v in result.verdelingen] == [
        "Naar gebruik",
        "Naar bevolking",
        "Gezamenlijk plan (Shapley)",
    ]
    assert [charges(v) for v in result.verdelingen] == [
        {"A": D("182500.00"), "B": D("427500.00"), "C": D("0.00")},
        {"A": D("140769.23"), "B": D("281538.46"), "C": D("187692.31")},
        {"A": D("127500.00"), "B": D("372500.00"), "C": D("0.00")},
    ]
    assert result.vergelijking is not None
    row_c = next(r for r in result.vergelijking.regels if r.gemeente == "C")
    assert row_c.verschil["Naar bevolking"] == D("187692.31")
    assert row_c.verschil_procent["Naar bevolking"] is None  # the reference amount is 0
    row_a = next(r for r in result.vergelijking.regels if r.gemeente == "A")
    assert row_a.verschil["Gezamenlijk plan (Shapley)"] == D("-55000.00")
    assert row_a.verschil_procent["Gezamenlijk plan (Shapley)"] == D("-30.14")


# --- BAR: base package by historical budget, custom work by usage --------------------------------

BAR = Jaargegevens(
    jaar=2024,
    gemeenten=(
        Gemeente("GM0489", "Barendrecht", 48_713, None),
        Gemeente("GM0613", "Albrandswaard", 25_589, None),
        Gemeente("GM0597", "Ridderkerk", 46_204, None),
    ),
)
BAR_KEY = Verdeelsleutel(
    SleutelSoort.PERCENTAGES, percentages={"GM0489": D("38.88"), "GM0613": D("20.53"), "GM0597": D("40.59")}
)


def bar_model(btw: Btw = Btw.VRIJGESTELD) -> Verdeelmodel:
    return Verdeelmodel(
        "BAR hybride",
        BAR_KEY,
        (
            VastOnderdeel("Basispakket", D(48_500_000), btw=btw),
            GebruikOnderdeel(
                "Maatwerk",
                Grondslag.REALISATIE,
                (
                    Gebruiksregel("GM0489", uren=D(1200), tarief=D(92)),
                    Gebruiksregel("GM0597", uren=D(800), tarief=D(92), externe_kosten=D(25_000)),
                ),
                btw=btw,
            ),
        ),
    )


def test_bar_hybrid() -> None:
    result = allocate(BAR, bar_model())
    lines = {b.gemeente: {r.onderdeel: r.bedrag for r in b.regels} for b in result.bijdragen}
    assert lines == {
        "GM0489": {"Basispakket": D("18856800.00"), "Maatwerk": D("110400.00")},
        "GM0613": {"Basispakket": D("9957050.00"), "Maatwerk": D("0.00")},
        "GM0597": {"Basispakket": D("19686150.00"), "Maatwerk": D("98600.00")},
    }
    assert charges(result) == {
        "GM0489": D("18967200.00"),
        "GM0613": D("9957050.00"),
        "GM0597": D("19784750.00"),
    }
    assert result.btw == D("0.00")


def test_bar_example_file_settles_advances() -> None:
    result = allocate_file(EXAMPLES / "bar-hybrid.json")
    assert result.afrekening is not None and result.afrekening.verrekend
    rows = {r.gemeente: r for r in result.afrekening.regels}
    assert rows["GM0489"].te_betalen == D("17200.00")  # 18,967,200 - 18,950,000
    assert rows["GM0613"].te_ontvangen == D("2950.00")  # 9,960,000 - 9,957,050
    assert rows["GM0597"].te_ontvangen == D("15250.00")
    assert rows["GM0597"].te_betalen == D("0.00")


# --- VAT: 21 % against the koepelvrijstelling ---------------------------------------------------


def test_vat_21_percent_against_exempt() -> None:
    exempt = allocate(BAR, bar_model(Btw.VRIJGESTELD))
    taxed = allocate(BAR, bar_model(Btw.HOOG))
    assert charges(taxed) == charges(exempt)  # the contributions themselves are the same
    barendrecht = taxed.bijdrage("GM0489")
    assert [r.btw for r in barendrecht.regels] == [D("3959928.00"), D("23184.00")]
    assert barendrecht.btw == D("3983112.00")
    assert barendrecht.totaal_incl_btw == D("22950312.00")
    assert exempt.bijdrage("GM0489").btw == D("0.00")
    assert taxed.btw == sum((b.btw for b in taxed.bijdragen), D(0))
    assert taxed.totaal_incl_btw == taxed.totaal_excl_btw + taxed.btw


def test_vat_per_part_can_differ() -> None:
    model = Verdeelmodel(
        "Gemengd",
        BAR_KEY,
        (VastOnderdeel("Basis", D(1000), btw=Btw.VRIJGESTELD), VastOnderdeel("Plus", D(1000), btw=Btw.HOOG)),
    )
    result = allocate(BAR, model)
    assert result.bijdrage("GM0489").regels[0].btw == D("0.00")
    assert result.bijdrage("GM0489").regels[1].btw == D("81.65")  # 21 % of 388.80 = 81.648


# --- Groningen - Ten Boer: no settlement in the start period -------------------------------------

GRONINGEN = Jaargegevens(
    jaar=2017,
    gemeenten=(Gemeente("GM0014", "Groningen", 202_810, None), Gemeente("GM0009", "Ten Boer", 7_292, None)),
)
GRONINGEN_KEY = Verdeelsleutel(SleutelSoort.PERCENTAGES, percentages={"GM0014": D(90), "GM0009": D(10)})


def groningen_model(startperiode: Startperiode | None) -> Verdeelmodel:
    return Verdeelmodel(
        "Groningen-Ten Boer",
        GRONINGEN_KEY,
        (
            VastOnderdeel("Basispakket", D(3_000_000)),
            GebruikOnderdeel(
                "Maatwerk",
                Grondslag.REALISATIE,
                (Gebruiksregel("GM0009", D(2500), D(88)), Gebruiksregel("GM0014", D(500), D(88))),
            ),
        ),
        Regels(startperiode=startperiode),
    )


def test_start_period_splits_everything_by_key_and_settles_nothing() -> None:
    model = groningen_model(Startperiode(2016, 2017))
    result = allocate(GRONINGEN, model)
    assert result.startperiode
    # Usage (Ten Boer 2,500 h, Groningen 500 h at EUR 88) is not charged as usage but by the key.
    assert charges(result) == {"GM0014": D("2937600.00"), "GM0009": D("326400.00")}
    assert [r.bedrag for r in result.bijdrage("GM0009").regels] == [D("300000.00"), D("26400.00")]
    afrekening = settle(
        result, GRONINGEN, model, AfrekeningInvoer({"GM0014": D(2_900_000), "GM0009": D(340_000)})
    )
    assert not afrekening.verrekend
    rows = {r.gemeente: r for r in afrekening.regels}
    assert rows["GM0009"].saldo == D("-13600.00")
    assert rows["GM0009"].te_ontvangen == D("0.00")
    assert rows["GM0009"].niet_verrekend == D("-13600.00")
    assert rows["GM0014"].te_betalen == D("0.00")


def test_after_the_start_period_usage_is_charged() -> None:
    after = Jaargegevens(2018, GRONINGEN.gemeenten)
    result = allocate(after, groningen_model(Startperiode(2016, 2017)))
    assert not result.startperiode
    assert charges(result) == {"GM0014": D("2744000.00"), "GM0009": D("520000.00")}


def test_start_period_example_file() -> None:
    result = allocate_file(EXAMPLES / "groningen-ten-boer-startperiode.json")
    assert result.verdelingen[0].startperiode
    assert result.afrekening is not None and not result.afrekening.verrekend


# --- BUCH: a growth cap ----------------------------------------------------------------------------


def test_growth_cap_example_file() -> None:
    result = allocate_file(EXAMPLES / "buch-groeiplafond.json")
    capped, uncapped = result.verdelingen
    assert charges(uncapped)["GM0383"] == D("11966078.14")  # Castricum would grow 8.8 %
    # Castricum is held at 11,000,000 x 1.03; that pushes Uitgeest over 4,250,000 x 1.03 in a
    # second round; Bergen and Heiloo take the rest by the key.
    assert charges(capped)["GM0383"] == D("11330000.00")
    assert charges(capped)["GM0450"] == D("4377500.00")
    assert sum(charges(capped).values()) == sum(charges(uncapped).values()) == D("33140000.00")
    previous = {
        "GM0373": D(9_800_000),
        "GM0450": D(4_250_000),
        "GM0383": D(11_000_000),
        "GM0399": D(7_400_000),
    }
    for code, amount in charges(capped).items():
        assert amount <= previous[code] * D("1.03")
    correction = next(o for o in capped.onderdelen if o.soort == "groeiplafond")
    assert correction.bedrag == D("0.00")
    assert not capped.waarschuwingen


def test_growth_cap_redistributes_by_key_until_stable() -> None:
    jaar = Jaargegevens(
        2024,
        (
            Gemeente("X", "X", 100, None),
            Gemeente("Y", "Y", 100, None),
            Gemeente("Z", "Z", 200, None),
        ),
        vorige_bijdragen={"X": D(100), "Y": D(300), "Z": D(500)},
    )
    model = Verdeelmodel(
        "Plafond",
        BEVOLKING,
        (
            VastOnderdeel("Basis", D(800)),  # X 200, Y 200, Z 400
            GebruikOnderdeel("Maatwerk", Grondslag.RAMING, (Gebruiksregel("X", D(1), D(100)),)),
        ),
        Regels(groeiplafond=Groeiplafond(D(10))),
    )
    result = allocate(jaar, model)
    # X would pay 300 against a cap of 110; the excess 190 goes to Y and Z by the key (1:2):
    # Y 263.33 (cap 330) and Z 526.67 (cap 550) stay below their caps.
    assert charges(result) == {"X": D("110.00"), "Y": D("263.33"), "Z": D("526.67")}


def test_growth_cap_all_capped_warns() -> None:
    totals = {"X": F(200), "Y": F(200)}
    corrections, warnings = growth_cap_corrections(
        totals, {"X": F(100), "Y": F(100)}, F(5), {"X": F(1, 2), "Y": F(1, 2)}
    )
    assert sum(corrections.values()) == 0
    assert len(warnings) == 1 and "niet haalbaar" in warnings[0]


def test_growth_cap_all_capped_in_allocation_warns_not_fails() -> None:
    jaar = Jaargegevens(
        2024,
        (Gemeente("X", "X", 1, None), Gemeente("Y", "Y", 1, None)),
        vorige_bijdragen={"X": D(100), "Y": D(100)},
    )
    model = Verdeelmodel(
        "Te krap",
        Verdeelsleutel(SleutelSoort.GELIJK),
        (VastOnderdeel("Basis", D(400)),),
        Regels(None, Groeiplafond(D(5))),
    )
    result = allocate(jaar, model)
    assert sum(charges(result).values()) == D("400.00")
    assert any("Groeiplafond" in w for w in result.waarschuwingen)


# --- ABG: the deviation alert ------------------------------------------------------------------------


def test_deviation_alert_abg() -> None:
    jaar = Jaargegevens(
        2024,
        (
            Gemeente("GM1723", "Alphen-Chaam", 10_213, None),
            Gemeente("GM0744", "Baarle-Nassau", 6_860, None),
            Gemeente("GM0784", "Gilze en Rijen", 26_438, None),
        ),
    )
    key = Verdeelsleutel(
        SleutelSoort.PERCENTAGES, percentages={"GM1723": D(25), "GM0744": D(15), "GM0784": D(60)}
    )
    model = Verdeelmodel("ABG", key, (VastOnderdeel("Werkorganisatie", D(30_000_000)),))
    verdeling = allocate(jaar, model)
    invoer = AfrekeningInvoer(
        voorschotten={"GM1723": D(7_500_000), "GM0744": D(4_500_000), "GM0784": D(18_000_000)},
        geleverde_uren={"GM1723": D(84_000), "GM0744": D(48_000), "GM0784": D(168_000)},
        uurtarief=D(100),
        drempel=Afwijkingsdrempel(bedrag=D(1_000_000)),
    )
    afrekening = settle(verdeling, jaar, model, invoer)
    rows = {r.gemeente: r for r in afrekening.regels}
    assert rows["GM0784"].afwijking_bedrag == D("-1200000.00")
    assert rows["GM0784"].afwijking_procentpunten == D("-4.00")
    assert [code for code, r in rows.items() if r.signaal] == ["GM0784"]
    assert len(afrekening.signalen) == 1
    assert "Gilze en Rijen" in afrekening.signalen[0] and "1.200.000,00 minder" in afrekening.signalen[0]

    by_points = settle(verdeling, jaar, model, replace(invoer, drempel=Afwijkingsdrempel(procentpunten=D(2))))
    assert sorted(r.gemeente for r in by_points.regels if r.signaal) == ["GM0784", "GM1723"]


def test_deviation_example_file() -> None:
    result = allocate_file(EXAMPLES / "abg-afwijkingssignaal.json")
    assert result.afrekening is not None
    assert len(result.afrekening.signalen) == 2


# --- joint products, other methods; scenarios ---------------------------------------------------------


@pytest.mark.parametrize(
    ("methode", "expected"),
    [
        (Methode.GELIJK, {"A": D("300.00"), "B": D("300.00"), "C": D("0.00")}),
        (Methode.BEVOLKING, {"A": D("200.00"), "B": D("400.00"), "C": D("0.00")}),
        (Methode.VERDEELSLEUTEL, {"A": D("200.00"), "B": D("400.00"), "C": D("0.00")}),
    ],
)
def test_joint_product_methods(methode: Methode, expected: dict[str, Decimal]) -> None:
    product = GezamenlijkProduct("Plan", D(600), ("B", "A"), methode)
    assert charges(allocate(ABC, Verdeelmodel("M", BEVOLKING, (product,)))) == expected


def test_weighted_key() -> None:
    key = Verdeelsleutel(
        SleutelSoort.GEWOGEN, gewichten={SleutelSoort.BEVOLKING: D(50), SleutelSoort.GELIJK: D(50)}
    )
    result = allocate(ABC, Verdeelmodel("Gewogen", key, (VastOnderdeel("Basis", D(1300)),)))
    # Exactly 1100/3, 1550/3 and 1250/3: equal remainders, so the two spare cents go to A and B.
    assert charges(result) == {"A": D("366.67"), "B": D("516.67"), "C": D("416.66")}


def test_compare_scenarios_against_reference() -> None:
    by_population = Verdeelmodel("Bevolking", BEVOLKING, (VastOnderdeel("Plannen", D(610_000)),))
    by_usage = Verdeelmodel("Gebruik", BEVOLKING, (USAGE,))
    verdelingen, vergelijking = compare(ABC, [by_usage, by_population], referentie="Bevolking")
    assert vergelijking.referentie == "Bevolking"
    row_b = next(r for r in vergelijking.regels if r.gemeente == "B")
    assert row_b.verschil == {"Gebruik": D("145961.54"), "Bevolking": D("0.00")}
    assert row_b.verschil_procent["Gebruik"] == D("51.84")
    assert len(verdelingen) == 2
