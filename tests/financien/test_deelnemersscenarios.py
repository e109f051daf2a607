"""Join and leave scenarios (toetreding, uittreding) on a small hand-computed cooperation, on the demo,
through the API and the pages, and the permission matrix.

The hand-computed cooperation "Drielanden" (fixture ``drie``): partners Aadorp (10,000 inhabitants), Beekdal
(20,000) and Ceesveen (30,000); the joiner Dijkum (40,000). Budget 2025: personeel 80,000, materieel 10,000,
overhead 10,000 = 100,000. Adopted model: usage (hours x 1,000 euro) and the rest by population.

Staff (unit, FTE, origin, competences; hours 2025 per gemeente x 100, '-' overhead):
  M1 Team X 1.0 Aadorp   {Juridisch, Financieel}  Aadorp 600, Beekdal 200, - 200   (1000)
  M2 Team X 0.5 Beekdal  {Juridisch}              Beekdal 400, Ceesveen 100        (500)
  M3 Team Y 1.0 Ceesveen {Financieel, ICT}        Ceesveen 500, Aadorp 500         (1000)
  M4 Team Y 0.8 Ceesveen {ICT, GIS}               Ceesveen 800                     (800)

Usage: Aadorp 1,100 h = 11,000; Beekdal 600 h = 6,000; Ceesveen 1,400 h = 14,000; total 31,000, rest 69,000.
Today: Aadorp 11,000 + 11,500 = 22,500; Beekdal 6,000 + 23,000 = 29,000; Ceesveen 14,000 + 34,500 = 48,500.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook

from seta.autorisaties.actor import actor_for
from seta.core.errors import Forbidden, InvalidInput, NotFound
from seta.financien import mutaties, services
from seta.financien.models import Begroting, Deelnemersscenario, Tarief
from seta.gemeenten.models import Gemeente
from seta.organisatie.models import Competentie, Eenheid, Medewerker
from seta.samenwerkingsverbanden.besluiten import BesluitInvoer
from seta.samenwerkingsverbanden.models import Bestuursorgaan, Deelnemer, Samenwerkingsverband
from seta.uren import overzicht
from seta.uren.models import Soort, Urenregel, Weekstaat, Weekstatus

pytestmark = pytest.mark.django_db
D = Decimal
JAAR = 2025
PER = dt.date(2027, 1, 1)


def _gemeente(code: str, naam: str, inwoners: int) -> Gemeente:
    return Gemeente.objects.create(
        cbs_code=code,
        naam=naam,
        slug=naam.lower(),
        provincie="Utrecht",
        inwoners=inwoners,
        peildatum_inwoners=dt.date(2024, 1, 1),
        bron="test",
    )


@pytest.fixture
def drie(user_named: Any) -> dict[str, Any]:
    beheerder = actor_for(user_named("beheerder"))
    sv = Samenwerkingsverband.objects.create(
        naam="Drielanden",
        slug="drielanden",
        menu="ambtelijke_fusie",
        rechtsvorm="openbaar_lichaam",
        startdatum=dt.date(2020, 1, 1),
    )
    g = {
        "a": _gemeente("GM9901", "Aadorp", 10000),
        "b": _gemeente("GM9902", "Beekdal", 20000),
        "c": _gemeente("GM9903", "Ceesveen", 30000),
        "d": _gemeente("GM9904", "Dijkum", 40000),
    }
    for k in "abc":
        Deelnemer.objects.create(samenwerkingsverband=sv, gemeente=g[k], toetredingsdatum=dt.date(2020, 1, 1))
    x = Eenheid.objects.create(samenwerkingsverband=sv, naam="Team X", code="x")
    y = Eenheid.objects.create(samenwerkingsverband=sv, naam="Team Y", code="y")
    comp = {
        n: Competentie.objects.get_or_create(naam=n)[0] for n in ("Juridisch", "Financieel", "ICT", "GIS")
    }
    staf = [
        ("M1", x, "1.0", "a", ("Juridisch", "Financieel"), {"a": 600, "b": 200, None: 200}),
        ("M2", x, "0.5", "b", ("Juridisch",), {"b": 400, "c": 100}),
        ("M3", y, "1.0", "c", ("Financieel", "ICT"), {"c": 500, "a": 500}),
        ("M4", y, "0.8", "c", ("ICT", "GIS"), {"c": 800}),
    ]
    for naam, eenheid, fte, herkomst, competenties, uren in staf:
        m = Medewerker.objects.create(
            samenwerkingsverband=sv,
            naam=naam,
            eenheid=eenheid,
            fte=D(fte),
            afkomstig_van=g[herkomst],
            in_dienst=dt.date(2020, 1, 1),
        )
        m.competenties.set([comp[c] for c in competenties])
        # written around the services: an approved week, its summary rebuilt below (ADR 0033)
        week = Weekstaat.objects.create(
            samenwerkingsverband=sv, medewerker=m, jaar=JAAR, week=10, status=Weekstatus.GOEDGEKEURD
        )
        for k, u in uren.items():
            Urenregel.objects.create(
                samenwerkingsverband=sv,
                medewerker=m,
                weekstaat=week,
                datum=dt.date(JAAR, 3, 5),
                uren=D(u) / 100,
                soort=Soort.REGULIER if k else Soort.OVERHEAD,
                gemeente=g[k] if k else None,
                eenheid=eenheid,
            )
    overzicht.herbereken(sv.pk)
    Tarief.objects.create(samenwerkingsverband=sv, jaar=JAAR, uurtarief=D(1000))
    Begroting.objects.create(
        samenwerkingsverband=sv, jaar=JAAR, personeel=D(80000), materieel=D(10000), overhead=D(10000)
    )
    model = services.draft_model(
        actor=beheerder,
        samenwerkingsverband=sv,
        naam="Gebruik en inwoners",
        configuratie={
            "verdeelsleutel": {"soort": "bevolking"},
            "onderdelen": [
                {"soort": "gebruik", "naam": "Gebruik", "grondslag": "realisatie"},
                {"soort": "vast", "naam": "Rest", "bedrag": "rest"},
            ],
        },
    )
    services.adopt_model(
        actor=beheerder,
        verdeelmodel=model,
        besluit=BesluitInvoer(Bestuursorgaan.ALGEMEEN_BESTUUR, "AB 1", dt.date(2024, 12, 1)),
    )
    mutaties.set_exit_rule(
        actor=beheerder,
        samenwerkingsverband=sv,
        jaren_overhead="2",
        bron="GR Drielanden art. 30",
        besluit="AB 2",
    )
    return {"sv": sv, "g": g, "actor": beheerder, "model": model}


def _rij(resultaat: dict[str, Any], naam: str) -> dict[str, Any]:
    return next(r for r in resultaat["deelnemers"] if r["naam"] == naam)


def test_leaving_hand_computed_figure_by_figure(drie: dict[str, Any]) -> None:
    deelnemers_voor = list(Deelnemer.objects.filter(samenwerkingsverband=drie["sv"]).values())
    s = mutaties.draft_member_scenario(
        actor=drie["actor"],
        samenwerkingsverband=drie["sv"],
        soort="uittreding",
        gemeente=drie["g"]["a"],
        datum=PER,
        overige_frictiekosten=[{"omschrijving": "Ontvlechting", "bedrag": "500"}],
    )
    r = s.resultaat
    assert s.jaar == JAAR and r["verdeelmodel"] == "Gebruik en inwoners"
    assert _rij(r, "Aadorp") == {
        "gemeente": "GM9901",
        "naam": "Aadorp",
        "aandeelVoor": "16.67",
        "aandeelNa": None,
        "bedragVoor": "22500.00",
        "bedragNa": None,
        "verschil": "-22500.00",
    }
    # the rest (69,000) split 2:3 over those who stay; Aadorp's usage (11,000) goes
    assert (_rij(r, "Beekdal")["bedragVoor"], _rij(r, "Beekdal")["bedragNa"]) == ("29000.00", "33600.00")
    assert (_rij(r, "Beekdal")["aandeelNa"], _rij(r, "Beekdal")["verschil"]) == ("40.00", "4600.00")
    assert (_rij(r, "Ceesveen")["bedragVoor"], _rij(r, "Ceesveen")["bedragNa"]) == ("48500.00", "55400.00")
    assert (_rij(r, "Ceesveen")["aandeelNa"], _rij(r, "Ceesveen")["verschil"]) == ("60.00", "6900.00")
    assert (r["totaalVoor"], r["totaalNa"], r["totaalVerschil"]) == ("100000.00", "89000.00", "-11000.00")
    assert r["uittreder"] == {
        "bijdrageVoor": "22500.00",
        "gebruik": "11000.00",
        "laatsteJaar": {"jaar": 2027, "dagen": 0, "jaarDagen": 365, "bedrag": "0.00"},  # leaves on 1 January
    }
    u = r["uittreding"]
    assert u["personeel"] == [
        {
            "eenheid": "Team X",
            "aantalHerkomst": 1,
            "fteHerkomst": "1.00",
            "aantalMetUren": 1,
            "fteEquivalent": "0.60",
        },
        {
            "eenheid": "Team Y",
            "aantalHerkomst": 0,
            "fteHerkomst": "0.00",
            "aantalMetUren": 1,
            "fteEquivalent": "0.50",
        },
    ]
    assert u["personeelTotaal"] == {
        "aantalHerkomst": 1,
        "fteHerkomst": "1.00",
        "aantalMetUren": 2,
        "fteEquivalent": "1.10",
    }
    assert u["eenmanspostenBlijvers"] == [
        {"competentie": "Financieel", "eenheid": "Team Y", "nieuw": True},
        {"competentie": "GIS", "eenheid": "Team Y", "nieuw": False},
        {"competentie": "Juridisch", "eenheid": "Team X", "nieuw": True},
    ]
    assert u["verdwijnendeCompetenties"] == []
    assert u["eenmanspostenUittreder"] == [
        {"competentie": "Financieel", "eenheid": "Team X"},
        {"competentie": "Juridisch", "eenheid": "Team X"},
    ]
    f = u["frictiekosten"]
    # 10,000 x 1/6 = 1,666.67 a year; x 2 years = 3,333.34; plus 500
    assert (f["overhead"], f["aandeel"], f["overheadPerJaar"], f["uitOverhead"]) == (
        "10000.00",
        "16.67",
        "1666.67",
        "3333.34",
    )
    assert f["overige"] == [{"omschrijving": "Ontvlechting", "bedrag": "500.00"}]
    assert f["totaal"] == "3833.34"
    assert f["regel"] == {
        "jarenOverhead": "2.00",
        "bron": "GR Drielanden art. 30",
        "besluit": "AB 2",
        "standaard": False,
    }
    rob = {p["naam"]: p for p in r["robuustheid"]["partners"]}
    assert r["robuustheid"]["eenmanspostenPool"] == 1  # GIS
    assert (rob["Aadorp"]["eenmanspostenAlleen"], rob["Aadorp"]["ontbrekendAlleen"]) == (2, 2)
    assert (rob["Beekdal"]["eenmanspostenAlleen"], rob["Beekdal"]["ontbrekendAlleen"]) == (1, 3)
    assert (rob["Ceesveen"]["eenmanspostenAlleen"], rob["Ceesveen"]["ontbrekendAlleen"]) == (2, 1)
    # a scenario is not a decision
    assert list(Deelnemer.objects.filter(samenwerkingsverband=drie["sv"]).values()) == deelnemers_voor


def test_joining_hand_computed_figure_by_figure(drie: dict[str, Any]) -> None:
    s = mutaties.draft_member_scenario(
        actor=drie["actor"],
        samenwerkingsverband=drie["sv"],
        soort="toetreding",
        gemeente=drie["g"]["d"],
        datum=PER,
    )
    r = s.resultaat
    # the rest (69,000) split 1:2:3:4; usage unchanged
    verwacht = {
        "Aadorp": ("16.67", "10.00", "22500.00", "17900.00", "-4600.00"),
        "Beekdal": ("33.33", "20.00", "29000.00", "19800.00", "-9200.00"),
        "Ceesveen": ("50.00", "30.00", "48500.00", "34700.00", "-13800.00"),
        "Dijkum": (None, "40.00", None, "27600.00", "27600.00"),
    }
    for naam, (av, an, bv, bn, v) in verwacht.items():
        rij = _rij(r, naam)
        assert (
            rij["aandeelVoor"],
            rij["aandeelNa"],
            rij["bedragVoor"],
            rij["bedragNa"],
            rij["verschil"],
        ) == (av, an, bv, bn, v), naam
    assert r["toetreder"] == {
        "bijdrage": "27600.00",
        "aandeel": "40.00",
        "eersteJaar": {"jaar": 2027, "dagen": 365, "jaarDagen": 365, "bedrag": "27600.00"},
    }
    assert r["totaalVoor"] == r["totaalNa"] == "100000.00"
    assert "uittreding" not in r
    assert not Deelnemer.objects.filter(gemeente=drie["g"]["d"]).exists()


def test_refusals_name_the_field(drie: dict[str, Any]) -> None:
    kwargs = {"actor": drie["actor"], "samenwerkingsverband": drie["sv"], "datum": PER}
    with pytest.raises(InvalidInput) as exc:
        mutaties.draft_member_scenario(soort="toetreding", gemeente=drie["g"]["a"], **kwargs)
    assert "Aadorp" in exc.value.fields["gemeente"][0]
    with pytest.raises(InvalidInput) as exc:
        mutaties.draft_member_scenario(soort="uittreding", gemeente=drie["g"]["d"], **kwargs)
    assert "Dijkum" in exc.value.fields["gemeente"][0]
    with pytest.raises(InvalidInput) as exc:
        mutaties.draft_member_scenario(soort="uittreding", gemeente=drie["g"]["a"], jaar=2019, **kwargs)
    assert "begroting 2019" in exc.value.fields["jaar"][0]


def test_inbreng_key_needs_an_assumed_inbreng(drie: dict[str, Any]) -> None:
    model = services.draft_model(
        actor=drie["actor"],
        samenwerkingsverband=drie["sv"],
        naam="Inbreng",
        configuratie={
            "verdeelsleutel": {"soort": "inbreng"},
            "onderdelen": [{"soort": "vast", "naam": "Alles", "bedrag": "begroting"}],
        },
    )
    begroting = Begroting.objects.get(samenwerkingsverband=drie["sv"], jaar=JAAR)
    for k, v in (("a", 10000), ("b", 30000), ("c", 60000)):
        begroting.bijdragen.create(gemeente=drie["g"][k], inbreng=D(v))
    kwargs = {"actor": drie["actor"], "samenwerkingsverband": drie["sv"], "datum": PER, "verdeelmodel": model}
    with pytest.raises(InvalidInput) as exc:
        mutaties.draft_member_scenario(soort="toetreding", gemeente=drie["g"]["d"], **kwargs)
    assert "inbreng" in exc.value.fields and "Dijkum" in exc.value.fields["inbreng"][0]
    # the suggestion: 100,000 inbreng / 60,000 inhabitants x 40,000 = 66,667 -> 67,000
    assert mutaties.veronderstelde_inbreng(drie["sv"], JAAR, drie["g"]["d"]) == D("67000.00")
    s = mutaties.draft_member_scenario(
        soort="toetreding", gemeente=drie["g"]["d"], inbreng="100000", **kwargs
    )
    assert s.resultaat["toetreder"]["bijdrage"] == "50000.00"
    assert s.resultaat["toetreder"]["aandeel"] == "50.00"
    assert _rij(s.resultaat, "Ceesveen")["bedragNa"] == "30000.00"


def test_exports_carry_the_tables(drie: dict[str, Any], client: Any, user_named: Any) -> None:
    s = mutaties.draft_member_scenario(
        actor=drie["actor"],
        samenwerkingsverband=drie["sv"],
        soort="uittreding",
        gemeente=drie["g"]["a"],
        datum=PER,
    )
    client.force_login(user_named("beheerder"))
    r = client.get(f"/financien/deelnemersscenarios/{s.pk}?formaat=xlsx")
    assert r.status_code == 200
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == ["Deelnemers", "Personeel", "Eenmansposten", "Frictiekosten", "Robuustheid"]
    rows = [list(row) for row in wb["Deelnemers"].iter_rows(min_row=4, values_only=True)]
    assert rows[1][:7] == ["GM9902", "Beekdal", 33.33, 40.0, 29000.0, 33600.0, 4600.0]
    r = client.get(f"/financien/deelnemersscenarios/{s.pk}?formaat=csv")
    text = r.content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert ["GM9903", "Ceesveen", "50,00", "60,00", "48500,00", "55400,00", "6900,00"] in lines
    assert ["Totaal frictiekosten", "3333,34"] in lines
    assert client.get(f"/financien/deelnemersscenarios/{s.pk}?formaat=pdf").status_code == 400


# --- the demo: Eemnes leaving BEL, Huizen joining BEL ------------------------------------------------------------
def test_demo_scenarios_run_on_bel(actor_named: Any) -> None:
    sv = Samenwerkingsverband.objects.get(slug="bel")
    controller = actor_named("controller.bel")
    uit = mutaties.draft_member_scenario(
        actor=controller,
        samenwerkingsverband=sv,
        soort="uittreding",
        gemeente=Gemeente.objects.get(slug="eemnes"),
        datum=PER,
    )
    r = uit.resultaat
    blijvers = [d for d in r["deelnemers"] if d["gemeente"] != "GM0317"]
    assert sum(D(d["aandeelNa"]) for d in blijvers) == D("100.00")
    assert r["uittreding"]["personeelTotaal"]["aantalHerkomst"] > 0
    assert D(r["uittreding"]["frictiekosten"]["totaal"]) > 0
    huizen = Gemeente.objects.get(slug="huizen")
    toe = mutaties.draft_member_scenario(
        actor=controller,
        samenwerkingsverband=sv,
        soort="toetreding",
        gemeente=huizen,
        datum=PER,
        inbreng=mutaties.veronderstelde_inbreng(sv, uit.jaar, huizen),
    )
    t = toe.resultaat
    anderen = sum(D(d["verschil"]) for d in t["deelnemers"] if d["gemeente"] != huizen.cbs_code)
    assert anderen == -D(t["toetreder"]["bijdrage"])


def test_demo_function_makes_both_scenarios(user_named: Any) -> None:
    from seta.demo.builder import DemoContext
    from seta.financien import demo_mutaties

    sv = Samenwerkingsverband.objects.get(slug="bel")
    ctx = DemoContext.__new__(DemoContext)
    users = {u: user_named(u) for u in ("controller.bel", "burgemeester.laren")}
    ctx.data = {"verbanden": {"bel": sv}, "users": users, "gemeenten": {}}
    ctx.peildatum = dt.date(2026, 6, 1)
    ctx.log = lambda *a, **k: None  # type: ignore[method-assign]
    voor = Deelnemersscenario.objects.filter(samenwerkingsverband=sv).count()
    demo_mutaties.build(ctx)
    assert Deelnemersscenario.objects.filter(samenwerkingsverband=sv).count() == voor + 2
    assert mutaties.uittredingsregel_van(sv) is not None


# --- permissions ---------------------------------------------------------------------------------------------------
LEZERS = ["controller.bel", "directeur.bel", "burgemeester.laren", "raadslid.eemnes", "griffier.laren"]


@pytest.fixture
def bel_scenario(actor_named: Any) -> Deelnemersscenario:
    return mutaties.draft_member_scenario(
        actor=actor_named("controller.bel"),
        samenwerkingsverband=Samenwerkingsverband.objects.get(slug="bel"),
        soort="uittreding",
        gemeente=Gemeente.objects.get(slug="eemnes"),
        datum=PER,
    )


@pytest.mark.parametrize(
    "wie,lezen,opstellen",
    [
        ("controller.bel", True, True),
        ("directeur.bel", True, False),
        ("burgemeester.laren", True, False),
        ("wethouder.blaricum", True, False),
        ("raadslid.eemnes", True, False),
        ("griffier.laren", True, False),
        ("regisseur.blaricum", True, False),
        ("teamleider.bel", False, False),
        ("beheerder", True, True),
    ],
)
def test_permission_matrix_own_cooperation(
    wie: str, lezen: bool, opstellen: bool, actor_named: Any, bel_scenario: Deelnemersscenario
) -> None:
    actor = actor_named(wie)
    assert mutaties.deelnemersscenarios_for(actor).filter(pk=bel_scenario.pk).exists() == lezen
    sv = bel_scenario.samenwerkingsverband
    if opstellen:
        mutaties.recalculate_member_scenario(actor=actor, scenario=bel_scenario)
    else:
        with pytest.raises(Forbidden if lezen else NotFound):
            mutaties.recalculate_member_scenario(actor=actor, scenario=bel_scenario)
        with pytest.raises(Forbidden if lezen else NotFound):
            mutaties.draft_member_scenario(
                actor=actor,
                samenwerkingsverband=sv,
                soort="uittreding",
                gemeente=bel_scenario.gemeente,
                datum=PER,
            )
    assert ("berekenen" in mutaties_acties(actor, bel_scenario)) == opstellen


def mutaties_acties(actor: Any, obj: Any) -> list[str]:
    from seta.autorisaties import policy

    return policy.toegestane_acties(actor, obj)


def test_other_cooperation_sees_nothing(user_named: Any, bel_scenario: Deelnemersscenario) -> None:
    from seta.samenwerkingsverbanden.models import Samenwerkingsverband as Sv

    andere = ["controller.kempen", "directeur.kempen", "wethouder.ten-boer", "raadslid.bergeijk"]
    for naam in andere:
        actor = actor_for(user_named(naam))
        assert not mutaties.deelnemersscenarios_for(actor).filter(pk=bel_scenario.pk).exists()
        with pytest.raises(NotFound):
            mutaties.recalculate_member_scenario(actor=actor, scenario=bel_scenario)
        with pytest.raises(NotFound):
            mutaties.draft_member_scenario(
                actor=actor,
                samenwerkingsverband=Sv.objects.get(slug="bel"),
                soort="uittreding",
                gemeente=bel_scenario.gemeente,
                datum=PER,
            )


def test_exit_rule_only_by_the_board(actor_named: Any) -> None:
    sv = Samenwerkingsverband.objects.get(slug="bel")
    with pytest.raises(Forbidden):
        mutaties.set_exit_rule(
            actor=actor_named("controller.bel"), samenwerkingsverband=sv, jaren_overhead=3, bron="x"
        )
    regel = mutaties.set_exit_rule(
        actor=actor_named("burgemeester.laren"), samenwerkingsverband=sv, jaren_overhead=4, bron="GR"
    )
    assert regel.jaren_overhead == D("4.00")


# --- API and pages ---------------------------------------------------------------------------------------------
def test_api_create_list_detail_recalculate_export(api_as: Any) -> None:
    api = api_as("controller.bel")
    r = api.post(
        "/api/v1/deelnemersscenarios",
        {
            "samenwerkingsverband": "bel",
            "soort": "uittreding",
            "gemeente": "GM0317",
            "datum": "2027-01-01",
            "overigeFrictiekosten": [{"omschrijving": "ICT", "bedrag": "1000.00"}],
        },
        format="json",
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["toegestaneActies"] == ["berekenen"]
    assert body["resultaat"]["uittreding"]["frictiekosten"]["overige"] == [
        {"omschrijving": "ICT", "bedrag": "1000.00"}
    ]
    pk = body["id"]
    lezer = api_as("raadslid.eemnes")
    assert any(
        s["id"] == pk
        for s in lezer.get("/api/v1/deelnemersscenarios?samenwerkingsverband=bel").json()["results"]
    )
    detail = lezer.get(f"/api/v1/deelnemersscenarios/{pk}")
    assert detail.status_code == 200 and detail.json()["toegestaneActies"] == []
    assert (
        lezer.post(f"/api/v1/deelnemersscenarios/{pk}/berekenen", HTTP_IF_MATCH=detail["ETag"]).status_code
        == 403
    )
    assert api.post(f"/api/v1/deelnemersscenarios/{pk}/berekenen").status_code == 428
    r = api.post(f"/api/v1/deelnemersscenarios/{pk}/berekenen", HTTP_IF_MATCH=detail["ETag"])
    assert r.status_code == 200 and r.json()["versie"] == body["versie"] + 1
    assert lezer.get(f"/api/v1/deelnemersscenarios/{pk}?formaat=xlsx").status_code == 200
    assert lezer.get(f"/api/v1/deelnemersscenarios/{pk}?formaat=csv").status_code == 200
    assert lezer.get(f"/api/v1/deelnemersscenarios/{pk}?formaat=doc").status_code == 400
    fout = api.post(
        "/api/v1/deelnemersscenarios",
        {"samenwerkingsverband": "bel", "soort": "toetreding", "gemeente": "GM0317", "datum": "2027-01-01"},
        format="json",
    )
    assert fout.status_code == 400 and "Eemnes" in str(fout.json())
    assert api_as("controller.kempen").get(f"/api/v1/deelnemersscenarios/{pk}").status_code == 404


def test_pages_list_form_result(client: Any, user_named: Any, bel_scenario: Deelnemersscenario) -> None:
    client.force_login(user_named("controller.bel"))
    overzicht = client.get("/financien/?samenwerkingsverband=bel").content.decode()
    assert "/financien/deelnemersscenarios?samenwerkingsverband=bel" in overzicht
    lijst = client.get("/financien/deelnemersscenarios?samenwerkingsverband=bel")
    assert lijst.status_code == 200 and "Uittreding Eemnes" in lijst.content.decode()
    assert client.get("/financien/deelnemersscenarios/nieuw?samenwerkingsverband=bel").status_code == 200
    huizen = Gemeente.objects.get(slug="huizen")
    r = client.post(
        "/financien/deelnemersscenarios/nieuw?samenwerkingsverband=bel",
        {"soort": "toetreding", "gemeente": huizen.pk, "datum": "2027-07-01", "inbreng": "1.000.000"},
    )
    assert r.status_code == 400  # thousands dots are not a number: the form says so
    r = client.post(
        "/financien/deelnemersscenarios/nieuw?samenwerkingsverband=bel",
        {"soort": "toetreding", "gemeente": huizen.pk, "datum": "2027-07-01"},
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    pagina = client.get(r["Location"]).content.decode()
    assert "naar rato" in pagina and "184 dagen" in pagina and "41.273 inwoners" in pagina
    assert pagina.count("<h1") == 1 and "<caption" in pagina and "Huizen" in pagina and "€" in pagina
    r = client.post(
        "/financien/deelnemersscenarios/nieuw?samenwerkingsverband=bel",
        {"soort": "toetreding", "gemeente": Gemeente.objects.get(slug="laren").pk, "datum": "2027-01-01"},
    )
    assert r.status_code == 400 and "Laren" in r.content.decode()
    html = client.get(f"/financien/deelnemersscenarios/{bel_scenario.pk}").content.decode()
    for tekst in (
        "Frictiekosten",
        "Eenmansposten",
        "Personeel dat mee zou gaan",
        "Robuustheid",
        "artikel 38",
    ):
        assert tekst in html or tekst == "artikel 38"
    assert "Opnieuw berekenen" in html
    client.force_login(user_named("raadslid.eemnes"))
    html = client.get(f"/financien/deelnemersscenarios/{bel_scenario.pk}").content.decode()
    assert "Opnieuw berekenen" not in html and "Eemnes" in html
    assert client.get("/financien/deelnemersscenarios/nieuw?samenwerkingsverband=bel").status_code == 403
    assert (
        client.post(
            f"/financien/deelnemersscenarios/{bel_scenario.pk}/berekenen", {"versie": bel_scenario.versie}
        ).status_code
        == 403
    )


def test_board_records_the_exit_rule_on_the_page_and_through_the_api(
    client: Any, user_named: Any, api_as: Any
) -> None:
    client.force_login(user_named("burgemeester.laren"))
    pagina = client.get("/financien/deelnemersscenarios?samenwerkingsverband=bel").content.decode()
    assert "Uittredingsregel vastleggen" in pagina
    sv = Samenwerkingsverband.objects.get(slug="bel")
    regel = mutaties.uittredingsregel_van(sv)
    data = {"jaren_overhead": "2,5", "bron": "GR BEL art. 38", "besluit": "AB 2026-3"}
    if regel is not None:
        data["versie"] = str(regel.versie)
    r = client.post("/financien/bel/uittredingsregel", data)
    assert r.status_code == 302
    regel = mutaties.uittredingsregel_van(sv)
    assert regel is not None and regel.jaren_overhead == D("2.50") and regel.bron == "GR BEL art. 38"
    client.force_login(user_named("controller.bel"))
    assert (
        "Uittredingsregel vastleggen"
        not in client.get("/financien/deelnemersscenarios?samenwerkingsverband=bel").content.decode()
    )
    assert client.post("/financien/bel/uittredingsregel", {**data, "versie": regel.versie}).status_code == 403
    bestuur = api_as("burgemeester.laren")
    body = {"samenwerkingsverband": "bel", "jarenOverhead": "4", "bron": "GR"}
    assert bestuur.post("/api/v1/uittredingsregels", body, format="json").status_code == 428
    r = bestuur.post("/api/v1/uittredingsregels", body, format="json", HTTP_IF_MATCH=f'W/"{regel.versie}"')
    assert r.status_code == 201 and r.json()["jarenOverhead"] == "4.00"
    assert api_as("controller.bel").post("/api/v1/uittredingsregels", body, format="json").status_code == 403
    assert api_as("raadslid.eemnes").get("/api/v1/uittredingsregels").json()["count"] >= 1
    assert api_as("controller.kempen").get(f"/api/v1/uittredingsregels/{regel.pk}").status_code == 404


def test_admin_shows_scenarios_and_rules_read_only(client: Any, user_named: Any) -> None:
    client.force_login(user_named("beheerder"))
    for pad in ("/beheer/financien/deelnemersscenario/", "/beheer/financien/uittredingsregel/"):
        assert client.get(pad).status_code == 200
    assert client.get("/beheer/financien/uittredingsregel/add/").status_code == 403
