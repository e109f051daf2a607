"""The service builds the core's input from database aggregates: compared with a hand computation.

A clean year (2035, nothing in the demo) of BEL gets a handful of hours through the import service
(their weeks submitted and approved: the allocation counts approved hours only), tariffs per eenheid, per schaal and a default, and a budget; then the usage lines, the joint product
and the whole allocation are checked against figures worked out by hand.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from seta.core.errors import InvalidInput
from seta.financien import berekening, invoer, services
from seta.financien.models import Verdeelmodel
from seta.gemeenten.models import Gemeente
from seta.opdrachten import lifecycle
from seta.opdrachten.models import Bestuursopdracht
from seta.organisatie.models import Medewerker
from seta.samenwerkingsverbanden.models import Samenwerkingsverband
from seta.uren import importeren
from seta.uren.models import Weekstaat

pytestmark = pytest.mark.django_db
JAAR = 2035


def _opdrachten(bel: Samenwerkingsverband) -> tuple[Bestuursopdracht, Bestuursopdracht]:
    enkel = gezamenlijk = None
    for o in (
        Bestuursopdracht.objects.filter(samenwerkingsverband=bel)
        .prefetch_related("opdrachtgevers")
        .order_by("nummer")
    ):
        n = len(o.actieve_opdrachtgevers)
        if n == 1 and enkel is None:
            enkel = o
        if n == 2 and gezamenlijk is None:
            gezamenlijk = o
    assert enkel is not None and gezamenlijk is not None
    return enkel, gezamenlijk


@pytest.fixture
def opzet(actor_named: Any, keur_goed: Any) -> dict[str, Any]:
    bel = Samenwerkingsverband.objects.get(slug="bel")
    controller = actor_named("controller.bel")
    staf = list(
        Medewerker.objects.filter(
            samenwerkingsverband=bel, uit_dienst__isnull=True, schaal__isnull=False
        ).order_by("pk")
    )
    a = staf[0]
    b = next(m for m in staf if m.schaal != a.schaal and m.eenheid_id != a.eenheid_id)
    c = next(
        m
        for m in staf
        if m.eenheid_id not in (a.eenheid_id, b.eenheid_id) and m.schaal not in (a.schaal, b.schaal)
    )
    enkel, gezamenlijk = _opdrachten(bel)
    laren, blaricum, eemnes = (Gemeente.objects.get(slug=s) for s in ("laren", "blaricum", "eemnes"))
    item = bel.catalogusitems.filter(actief=True).order_by("code").first()
    # tariffs: A by schaal (100), C by eenheid (120), B by the default (90)
    services.set_tariff(actor=controller, samenwerkingsverband=bel, jaar=JAAR, uurtarief="90")
    services.set_tariff(
        actor=controller, samenwerkingsverband=bel, jaar=JAAR, schaal=a.schaal, uurtarief="100"
    )
    services.set_tariff(
        actor=controller, samenwerkingsverband=bel, jaar=JAAR, eenheid=c.eenheid, uurtarief="120"
    )
    out = io.StringIO()
    w = csv.writer(out, delimiter=";")
    w.writerow(["medewerker", "datum", "uren", "code", "gemeente", "omschrijving"])
    w.writerow([a.personeelsnummer, "2035-03-05", "6", item.code, laren.cbs_code, ""])
    w.writerow([a.personeelsnummer, "2035-03-06", "4", item.code, laren.cbs_code, ""])
    w.writerow([a.personeelsnummer, "2035-03-07", "5", item.code, blaricum.cbs_code, ""])
    w.writerow([b.personeelsnummer, "2035-03-05", "8", enkel.nummer, "", ""])
    w.writerow([c.personeelsnummer, "2035-03-05", "6", gezamenlijk.nummer, "", ""])
    w.writerow([c.personeelsnummer, "2035-03-06", "4", "overhead", "", ""])
    importeren.import_file(
        actor=controller, samenwerkingsverband=bel, bestandsnaam="hand.csv", inhoud=out.getvalue().encode()
    )
    # only approved hours count in the allocation: the weeks are submitted and approved
    keur_goed(Weekstaat.objects.filter(regels__datum__year=JAAR).distinct().select_related("medewerker"))
    services.save_budget(
        actor=controller,
        samenwerkingsverband=bel,
        jaar=JAAR,
        personeel="800000",
        materieel="150000",
        overhead="50000",
        bijdragen=[
            services.Bijdrageinvoer(laren, inbreng="500", voorschot="400000"),
            services.Bijdrageinvoer(blaricum, inbreng="300", voorschot="350000"),
            services.Bijdrageinvoer(eemnes, inbreng="200", voorschot="250000"),
        ],
    )
    schaal_c_tarief = Decimal(120)
    return {
        "bel": bel,
        "controller": controller,
        "a": a,
        "b": b,
        "c": c,
        "enkel": enkel,
        "gezamenlijk": gezamenlijk,
        "laren": laren,
        "blaricum": blaricum,
        "eemnes": eemnes,
        "tarief_c": schaal_c_tarief,
        "gemeente_enkel": enkel.actieve_opdrachtgevers[0].gemeente,
        "deelnemers_gezamenlijk": sorted(o.gemeente.cbs_code for o in gezamenlijk.actieve_opdrachtgevers),
    }


def test_one_group_by_gives_the_hand_computed_usage(
    opzet: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(1):
        groepen = invoer.aggregate_hours(opzet["bel"].pk, JAAR)
    assert sum(g.uren for g in groepen) == Decimal(33)
    data = invoer.load_year(opzet["bel"], JAAR)
    regulier = data.gebruik["realisatie"]["regulier"]
    assert regulier == {("GM0417", Decimal("100.00")): Decimal(10), ("GM0376", Decimal("100.00")): Decimal(5)}
    opdracht = data.gebruik["realisatie"]["opdracht"]
    assert opdracht == {(opzet["gemeente_enkel"].cbs_code, Decimal("90.00")): Decimal(8)}
    product = data.gezamenlijk["realisatie"][opzet["gezamenlijk"].nummer]
    assert product.uren == Decimal(6) and product.bedrag == Decimal(720)  # 6 h x EUR 120 (eenheid tariff)
    assert product.deelnemers == opzet["deelnemers_gezamenlijk"]
    assert data.geleverde_uren()["GM0417"] == Decimal(10) + (
        Decimal(8) if opzet["gemeente_enkel"].cbs_code == "GM0417" else 0
    )


def test_allocation_from_the_database_matches_a_hand_computation(opzet: dict[str, Any]) -> None:
    model = services.draft_model(
        actor=opzet["controller"],
        samenwerkingsverband=opzet["bel"],
        naam="Handberekening",
        configuratie={
            "verdeelsleutel": {"soort": "inbreng"},
            "onderdelen": [
                {"soort": "gebruik", "naam": "Gebruik", "grondslag": "realisatie"},
                {"soort": "vast", "naam": "Rest", "bedrag": "rest"},
            ],
            "gezamenlijkeOpdrachten": {"methode": "gelijk"},
        },
    )
    uitkomst = berekening.allocate(opzet["bel"], JAAR, [model])
    verdeling = uitkomst.resultaat.verdelingen[0]
    # by hand: usage = 10 h x 100 (Laren) + 5 h x 100 (Blaricum) + 8 h x 90 (the single assignment's gemeente);
    # the joint assignment costs 6 x 120 = 720, split equally over its two deelnemers;
    # the rest = 1,000,000 - 1000 - 500 - 720 - 720 = 997,060, split by inbreng 5:3:2.
    gebruik = {"GM0417": Fraction(1000), "GM0376": Fraction(500), "GM0317": Fraction(0)}
    gebruik[opzet["gemeente_enkel"].cbs_code] += 720
    gezamenlijk = {
        code: Fraction(360) if code in opzet["deelnemers_gezamenlijk"] else Fraction(0) for code in gebruik
    }
    rest = Fraction(1_000_000) - 1500 - 720 - 720
    sleutel = {"GM0417": Fraction(5, 10), "GM0376": Fraction(3, 10), "GM0317": Fraction(2, 10)}
    for code in gebruik:
        verwacht = gebruik[code] + gezamenlijk[code] + rest * sleutel[code]
        assert abs(Fraction(verdeling.bijdrage(code).totaal_incl_btw) - verwacht) <= Fraction(1, 100), code
    assert verdeling.totaal_incl_btw == Decimal("1000000.00")
    assert {o.naam for o in verdeling.onderdelen} >= {"Gebruik", "Rest"}
    # the input document is a valid file for `seta allocate`
    from seta.financien.verdeling import io as core_io

    assert core_io.parse(uitkomst.document).verdeelmodellen[0].naam == "Handberekening"


def test_estimates_beforehand_come_from_the_agreed_assignments(opzet: dict[str, Any]) -> None:
    Bestuursopdracht.objects.filter(pk=opzet["enkel"].pk).update(
        status=lifecycle.AKKOORD,
        raming_uren=Decimal(100),
        raming_externe_kosten=Decimal(5000),
        raming_opleverdatum=dt.date(JAAR, 6, 1),
    )
    data = invoer.load_year(opzet["bel"], JAAR)
    code = opzet["gemeente_enkel"].cbs_code
    tarief = data.tarieven.voor(opzet["enkel"].eenheid_id, None)
    assert data.gebruik["raming"]["opdracht"] == {(code, tarief): Decimal(100)}
    assert data.externe_kosten["raming"] == {code: Decimal(5000)}


def test_missing_tariff_and_usage_above_budget_are_explained(opzet: dict[str, Any]) -> None:
    model = Verdeelmodel(
        samenwerkingsverband=opzet["bel"],
        naam="x",
        configuratie={
            "verdeelsleutel": {"soort": "gelijk"},
            "onderdelen": [
                {"soort": "vast", "naam": "Rest", "bedrag": "rest"},
                {
                    "soort": "gebruik",
                    "naam": "G",
                    "grondslag": "realisatie",
                    "regels": [{"gemeente": "GM0417", "uren": "100000", "tarief": "100"}],
                },
            ],
        },
    )
    with pytest.raises(InvalidInput) as exc:
        berekening.allocate(opzet["bel"], JAAR, [model])
    assert "hoger dan de begroting" in str(exc.value)
    with pytest.raises(InvalidInput) as exc:
        berekening.allocate(opzet["bel"], 2036, [model])  # no budget, no tariffs in 2036
    assert "begroting" in str(exc.value)
