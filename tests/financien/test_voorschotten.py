"""Advances (voorschotten): the schedule from the budget and the adopted model, its lifecycle, the settlement
against it, the permission matrix (every demo role, own and other cooperation), the API, the pages and files."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook

from seta.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from seta.financien import berekening, services, voorschotten
from seta.financien import jaar as jaarcyclus
from seta.financien.models import (
    Afrekening,
    Begroting,
    Deelnemersbijdrage,
    Voorschotschema,
    Voorschotstatus,
)
from seta.samenwerkingsverbanden.besluiten import BesluitInvoer
from seta.samenwerkingsverbanden.models import Bestuursorgaan, Samenwerkingsverband

pytestmark = pytest.mark.django_db


@pytest.fixture
def bel(db: Any) -> Samenwerkingsverband:
    return Samenwerkingsverband.objects.get(slug="bel")


@pytest.fixture
def demo_2025(bel: Samenwerkingsverband) -> Voorschotschema:
    return Voorschotschema.objects.get(samenwerkingsverband=bel, jaar=2025)


# --- the demo -----------------------------------------------------------------------------------------------------
def test_demo_2025_schedule_is_sent_quarterly_and_the_settlement_uses_it(demo_2025: Voorschotschema) -> None:
    assert demo_2025.status == Voorschotstatus.VERZONDEN and demo_2025.ritme == "kwartaal"
    termijnen = list(demo_2025.termijnen.select_related("gemeente"))
    assert len(termijnen) == 3 * 4
    assert (
        sum(t.bedrag for t in termijnen) == demo_2025.totaal == Decimal(demo_2025.resultaat["totaalInclBtw"])
    )
    eemnes = [t for t in termijnen if t.gemeente.naam == "Eemnes"]
    assert [t.factuurkenmerk for t in eemnes][2] == "BEL-2025-V03-0317"
    assert eemnes[0].vervaldatum == dt.date(2025, 1, 2)
    afrekening = Afrekening.objects.get(samenwerkingsverband=demo_2025.samenwerkingsverband, jaar=2025)
    per_gemeente = {r.gemeente_id: r.voorschot for r in afrekening.regels.all()}
    for gemeente_id, totaal in (
        berekening.advances_by_schedule(demo_2025.samenwerkingsverband, 2025) or {}
    ).items():
        assert per_gemeente[gemeente_id] == totaal
    # the budget's figures agree with the schedule
    for b in Deelnemersbijdrage.objects.filter(begroting=demo_2025.begroting):
        assert b.voorschot == sum(t.bedrag for t in termijnen if t.gemeente_id == b.gemeente_id)


# --- a hand-computed year: 2027 under an equal split ---------------------------------------------------------------
GELIJK = {
    "verdeelsleutel": {"soort": "gelijk"},
    "onderdelen": [{"soort": "vast", "naam": "Werkorganisatie", "bedrag": "begroting", "btw": "vrijgesteld"}],
}


@pytest.fixture
def jaar_2027(actor_named: Any, bel: Samenwerkingsverband) -> Any:
    """BEL 2027: a budget of € 120.000,01 and a newly adopted model that splits it equally."""
    controller = actor_named("controller.bel")
    services.set_tariff(actor=controller, samenwerkingsverband=bel, jaar=2027, uurtarief="90")
    begroting = services.save_budget(
        actor=controller,
        samenwerkingsverband=bel,
        jaar=2027,
        personeel="100000.01",
        materieel="20000",
        overhead="0",
    )
    ab = actor_named("burgemeester.laren")
    jaarcyclus.adopt_budget(
        actor=ab,
        begroting=begroting,
        besluit=BesluitInvoer(Bestuursorgaan.ALGEMEEN_BESTUUR, "AB 2026-13", dt.date(2026, 7, 2)),
    )
    model = services.draft_model(
        actor=controller, samenwerkingsverband=bel, naam="Gelijk delen", configuratie=GELIJK
    )
    return services.adopt_model(
        actor=ab,
        verdeelmodel=model,
        besluit=BesluitInvoer(Bestuursorgaan.ALGEMEEN_BESTUUR, "AB 2026-14", dt.date(2026, 7, 2)),
    )


@pytest.fixture
def concept_2027(actor_named: Any, bel: Samenwerkingsverband, jaar_2027: Any) -> Voorschotschema:
    return voorschotten.calculate_schedule(
        actor=actor_named("controller.bel"), samenwerkingsverband=bel, jaar=2027, ritme="maand"
    )


def _per_naam(schema: Voorschotschema) -> dict[str, list[Decimal]]:
    result: dict[str, list[Decimal]] = {}
    for t in schema.termijnen.select_related("gemeente").order_by("gemeente__naam", "nummer"):
        result.setdefault(t.gemeente.naam, []).append(t.bedrag)
    return result


def test_hand_computed_schedule_and_settlement_against_it(
    actor_named: Any, bel: Samenwerkingsverband, concept_2027: Voorschotschema
) -> None:
    controller = actor_named("controller.bel")
    # € 120.000,01 in three: € 40.000,00 each and the cent to the lowest CBS code (Eemnes, GM0317);
    # in twelve: eleven terms of € 3.333,33 and the last one the rest.
    termijnen = _per_naam(concept_2027)
    assert termijnen["Blaricum"] == [Decimal("3333.33")] * 11 + [Decimal("3333.37")]
    assert termijnen["Eemnes"] == [Decimal("3333.33")] * 11 + [Decimal("3333.38")]
    assert sum(termijnen["Eemnes"]) == Decimal("40000.01")
    assert concept_2027.totaal == Decimal("120000.01")
    januari = concept_2027.termijnen.get(gemeente__naam="Laren", nummer=1)
    assert (januari.periode, januari.vervaldatum) == (
        "januari 2027",
        dt.date(2027, 1, 4),
    )  # 1 Jan, then a weekend
    assert januari.factuurkenmerk == "BEL-2027-V01-0417"

    # before adoption the settlement takes the budget's advances (none were entered: 0)
    afrekening = services.settle_year(actor=controller, samenwerkingsverband=bel, jaar=2027)
    assert {r.voorschot for r in afrekening.regels.all()} == {Decimal("0.00")}

    voorschotten.adopt_schedule(actor=controller, schema=concept_2027)
    bijdragen = {
        b.gemeente.naam: b.voorschot
        for b in Deelnemersbijdrage.objects.filter(
            begroting__samenwerkingsverband=bel, begroting__jaar=2027
        ).select_related("gemeente")
    }
    assert bijdragen == {
        "Blaricum": Decimal("40000.00"),
        "Eemnes": Decimal("40000.01"),
        "Laren": Decimal("40000.00"),
    }

    # during the year the budget rises to € 150.000,00: the realisation is € 50.000,00 each. An adopted
    # budget is frozen and SETA has no budget amendment (begrotingswijziging) yet: written around the services.
    Begroting.objects.filter(samenwerkingsverband=bel, jaar=2027).update(personeel=Decimal("130000"))
    afrekening = services.settle_year(actor=controller, samenwerkingsverband=bel, jaar=2027)
    regels = {r.gemeente.naam: r for r in afrekening.regels.select_related("gemeente")}
    assert regels["Eemnes"].voorschot == Decimal("40000.01")
    assert regels["Eemnes"].realisatie == Decimal("50000.00")
    assert regels["Eemnes"].saldo == Decimal("9999.99")  # 50.000,00 − 12 terms summing to 40.000,01
    assert regels["Laren"].saldo == regels["Blaricum"].saldo == Decimal("10000.00")
    for r in regels.values():
        assert r.saldo == r.realisatie - sum(termijnen[r.gemeente.naam])


def test_lifecycle_conflicts_and_recalculation(
    actor_named: Any, bel: Samenwerkingsverband, concept_2027: Voorschotschema
) -> None:
    controller = actor_named("controller.bel")
    with pytest.raises(Conflict):  # one schedule per year
        voorschotten.calculate_schedule(actor=controller, samenwerkingsverband=bel, jaar=2027)
    schema = voorschotten.recalculate_schedule(
        actor=controller,
        schema=concept_2027,
        expected_version=concept_2027.versie,
        ritme="kwartaal",
        vervaldag=15,
    )
    assert schema.termijnen.count() == 12 and schema.versie == concept_2027.versie + 1
    assert schema.termijnen.get(gemeente__naam="Eemnes", nummer=2).vervaldatum == dt.date(2027, 4, 15)
    from seta.core.errors import StaleVersion

    with pytest.raises(StaleVersion):
        voorschotten.adopt_schedule(actor=controller, schema=schema, expected_version=concept_2027.versie)
    # the budget changed after the calculation (an amendment, written around the services: an adopted
    # budget is frozen and SETA has no begrotingswijziging yet): adopt refuses until it is recomputed
    Begroting.objects.filter(samenwerkingsverband=bel, jaar=2027).update(personeel=Decimal("1"))
    with pytest.raises(Conflict, match="opnieuw"):
        voorschotten.adopt_schedule(actor=controller, schema=schema)
    schema = voorschotten.recalculate_schedule(actor=controller, schema=schema)
    schema = voorschotten.adopt_schedule(actor=controller, schema=schema)
    with pytest.raises(Conflict):
        voorschotten.recalculate_schedule(actor=controller, schema=schema)
    with pytest.raises(Conflict):
        voorschotten.adopt_schedule(actor=controller, schema=schema)
    schema = voorschotten.send_schedule(actor=actor_named("directeur.bel"), schema=schema)
    assert schema.status == Voorschotstatus.VERZONDEN and schema.verzonden_op is not None
    with pytest.raises(Conflict):
        voorschotten.send_schedule(actor=controller, schema=schema)


def test_refusals_name_what_is_missing(actor_named: Any, bel: Samenwerkingsverband) -> None:
    controller = actor_named("controller.bel")
    with pytest.raises(InvalidInput) as exc:
        voorschotten.calculate_schedule(actor=controller, samenwerkingsverband=bel, jaar=2031)
    assert "begroting 2031" in str(exc.value) and "BEL" in str(exc.value)
    with pytest.raises(InvalidInput) as exc:
        voorschotten.calculate_schedule(
            actor=controller, samenwerkingsverband=bel, jaar=2025, ritme="week", vervaldag=31
        )
    assert set(exc.value.fields) == {"ritme", "vervaldag"}
    with pytest.raises(Forbidden):
        voorschotten.calculate_schedule(
            actor=actor_named("directeur.bel"), samenwerkingsverband=bel, jaar=2027
        )
    with pytest.raises(NotFound):
        voorschotten.calculate_schedule(
            actor=actor_named("controller.kempen"), samenwerkingsverband=bel, jaar=2027
        )


# --- permissions: every demo role, own and other cooperation ------------------------------------------------------
BEL_LEZERS = [
    "controller.bel",
    "directeur.bel",
    "burgemeester.laren",
    "wethouder.blaricum",
    "raadslid.laren",
    "griffier.eemnes",
    "regisseur.eemnes",
    "secretaris.blaricum",
    "beheerder",
]
GEEN_FINANCIEN = ["teamleider.bel", "medewerker.bel"]
ANDERE = [
    "controller.kempen",
    "directeur.kempen",
    "wethouder.ten-boer",
    "raadslid.bergeijk",
    "burgemeester.ten-boer",
]


@pytest.mark.parametrize("user", BEL_LEZERS + GEEN_FINANCIEN + ANDERE)
def test_read_matrix(
    api_as: Any, client: Any, user_named: Any, user: str, demo_2025: Voorschotschema
) -> None:
    api = api_as(user)
    expected = 200 if user in BEL_LEZERS else 404
    assert api.get(f"/api/v1/voorschotschemas/{demo_2025.pk}").status_code == expected
    termijn = demo_2025.termijnen.first()
    assert termijn is not None
    assert api.get(f"/api/v1/voorschottermijnen/{termijn.pk}").status_code == expected
    assert api.get(f"/api/v1/voorschotschemas/{demo_2025.pk}", {"formaat": "xlsx"}).status_code == expected
    lijst = api.get("/api/v1/voorschottermijnen", {"samenwerkingsverband": "bel", "jaar": 2025}).json()
    assert lijst["count"] == (12 if user in BEL_LEZERS else 0)
    client.force_login(user_named(user))
    assert client.get(f"/financien/voorschotten/{demo_2025.pk}").status_code == expected
    assert client.get("/financien/bel/voorschotten").status_code == expected


@pytest.mark.parametrize(
    ("user", "berekenen", "opnieuw", "vaststellen"),
    [
        ("controller.bel", 201, 200, 200),
        ("beheerder", 201, 200, 200),
        ("directeur.bel", 403, 403, 200),
        ("burgemeester.laren", 403, 403, 403),  # chair of AB and DB: adopting advances is no board decision
        ("wethouder.blaricum", 403, 403, 403),
        ("raadslid.laren", 403, 403, 403),
        ("griffier.eemnes", 403, 403, 403),
        ("regisseur.eemnes", 403, 403, 403),
        ("secretaris.blaricum", 403, 403, 403),
        ("teamleider.bel", 404, 404, 404),
        ("medewerker.bel", 404, 404, 404),
        ("controller.kempen", 404, 404, 404),
        ("directeur.kempen", 404, 404, 404),
        ("wethouder.ten-boer", 404, 404, 404),
    ],
)
def test_write_matrix(
    careful_api_as: Any,
    actor_named: Any,
    bel: Samenwerkingsverband,
    jaar_2027: Any,
    user: str,
    berekenen: int,
    opnieuw: int,
    vaststellen: int,
) -> None:
    api = careful_api_as(user)
    r = api.post(
        "/api/v1/voorschotschemas",
        {"samenwerkingsverband": "bel", "jaar": 2027, "ritme": "maand"},
        format="json",
    )
    assert r.status_code == berekenen, (user, r.content)
    schema = Voorschotschema.objects.filter(
        samenwerkingsverband=bel, jaar=2027
    ).first() or voorschotten.calculate_schedule(
        actor=actor_named("controller.bel"), samenwerkingsverband=bel, jaar=2027
    )
    r = api.post(f"/api/v1/voorschotschemas/{schema.pk}/opnieuw", {"ritme": "kwartaal"}, format="json")
    assert r.status_code == opnieuw, (user, r.content)
    r = api.post(f"/api/v1/voorschotschemas/{schema.pk}/vaststellen")
    assert r.status_code == vaststellen, (user, r.content)
    r = api.post(f"/api/v1/voorschotschemas/{schema.pk}/verzenden")
    assert r.status_code == (200 if vaststellen == 200 else vaststellen), (user, r.content)


# --- the API ---------------------------------------------------------------------------------------------------------
def test_api_create_transitions_need_if_match_and_offer_toegestane_acties(
    api_as: Any, jaar_2027: Any
) -> None:
    controller = api_as("controller.bel")
    r = controller.post(
        "/api/v1/voorschotschemas",
        {"samenwerkingsverband": "bel", "jaar": 2027, "ritme": "kwartaal"},
        format="json",
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["status"] == "concept" and body["toegestaneActies"] == ["opnieuw", "vaststellen"]
    assert body["totaal"] == "120000.01" and len(body["termijnen"]) == 12
    assert {d["naam"]: d["totaalInclBtw"] for d in body["deelnemers"]}["Eemnes"] == "40000.01"
    assert body["termijnen"][0]["factuurkenmerk"].startswith("BEL-2027-V01-")
    assert r["ETag"] == f'W/"{body["versie"]}"'
    pad = f"/api/v1/voorschotschemas/{body['id']}"
    assert api_as("wethouder.blaricum").get(pad).json()["toegestaneActies"] == []
    assert controller.post(f"{pad}/vaststellen").status_code == 428
    assert controller.post(f"{pad}/vaststellen", HTTP_IF_MATCH='W/"999"').status_code == 412
    r = controller.post(f"{pad}/vaststellen", HTTP_IF_MATCH=r["ETag"])
    assert r.status_code == 200 and r.json()["status"] == "vastgesteld"
    assert r.json()["toegestaneActies"] == ["verzenden"]
    assert controller.post(f"{pad}/opnieuw", {}, format="json", HTTP_IF_MATCH=r["ETag"]).status_code == 409
    r = controller.post(f"{pad}/verzenden", HTTP_IF_MATCH=r["ETag"])
    assert r.status_code == 200 and r.json()["status"] == "verzonden" and r.json()["toegestaneActies"] == []
    # a second schedule for the year is a conflict; bad input is a 400 naming the field
    again = controller.post(
        "/api/v1/voorschotschemas", {"samenwerkingsverband": "bel", "jaar": 2027}, format="json"
    )
    assert again.status_code == 409
    bad = controller.post(
        "/api/v1/voorschotschemas",
        {"samenwerkingsverband": "bel", "jaar": 2028, "vervaldag": 30},
        format="json",
    )
    assert bad.status_code == 400 and bad.json()["invalidParams"][0]["name"] == "vervaldag"
    termijnen = controller.get(
        "/api/v1/voorschottermijnen", {"schema": body["id"], "gemeente": "GM0317"}
    ).json()
    assert termijnen["count"] == 4 and termijnen["results"][-1]["bedrag"] == "10000.01"
    assert controller.get(pad, {"formaat": "pdf"}).status_code == 400


def test_xlsx_and_csv_content(api_as: Any, demo_2025: Voorschotschema) -> None:
    client = api_as("raadslid.laren")
    r = client.get(f"/api/v1/voorschotschemas/{demo_2025.pk}", {"formaat": "xlsx"})
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="voorschotten-bel-2025.xlsx"' in r["Content-Disposition"]
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == ["Voorschotten", "Facturen"]
    rows = list(wb["Voorschotten"].iter_rows(values_only=True))
    assert rows[3] == (
        "CBS-code",
        "Gemeente",
        "1e kwartaal 2025",
        "2e kwartaal 2025",
        "3e kwartaal 2025",
        "4e kwartaal 2025",
        "Totaal",
    )
    assert [row[1] for row in rows[4:8]] == ["Blaricum", "Eemnes", "Laren", "Totaal"]
    termijnen = {(t.gemeente.naam, t.nummer): t for t in demo_2025.termijnen.select_related("gemeente")}
    for row in rows[4:7]:
        assert row[2:6] == tuple(float(termijnen[(row[1], n)].bedrag) for n in range(1, 5))
        assert round(row[6], 2) == round(sum(row[2:6]), 2)
    assert round(rows[7][6], 2) == float(demo_2025.totaal)
    facturen = list(wb["Facturen"].iter_rows(values_only=True))
    assert facturen[0][0] == "Factuurkenmerk" and len(facturen) == 13
    eerste = termijnen[("Blaricum", 1)]
    assert facturen[1][0] == eerste.factuurkenmerk and facturen[1][5].date() == eerste.vervaldatum

    r = client.get(f"/api/v1/voorschotschemas/{demo_2025.pk}", {"formaat": "csv"})
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert lines[0][0] == "Factuurkenmerk" and len(lines) == 13
    assert lines[1][5] == eerste.vervaldatum.strftime("%d-%m-%Y")
    assert lines[1][6] == f"{eerste.bedrag:.2f}".replace(".", ",")


# --- the pages ---------------------------------------------------------------------------------------------------------
def test_schedule_page_table_and_own_rows(client: Any, user_named: Any, demo_2025: Voorschotschema) -> None:
    client.force_login(user_named("raadslid.laren"))
    r = client.get(f"/financien/voorschotten/{demo_2025.pk}")
    assert r.status_code == 200
    html = r.content.decode()
    assert html.count("<h1") == 1 and "<caption" in html and 'scope="col"' in html and "<tfoot>" in html
    assert "1e kwartaal 2025" in html and "BEL-2025-V03-0317" in html
    assert "€ " in html and "," in html  # Dutch euros
    assert 'class="utrecht-table__row seta-eigen"' in html and "(uw gemeente)" in html
    assert html.index("Laren <span") < html.index("Blaricum")  # own row first
    assert 'id="facturen-GM0417" open' in html
    assert 'name="actie"' not in html  # a councillor reads, never acts
    r = client.get(f"/financien/voorschotten/{demo_2025.pk}?formaat=xlsx")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(f"/financien/voorschotten/{demo_2025.pk}?formaat=pdf").status_code == 400
    overzicht = client.get("/financien/?samenwerkingsverband=bel").content.decode()
    assert f"/financien/voorschotten/{demo_2025.pk}" in overzicht
    afrekening = Afrekening.objects.get(samenwerkingsverband__slug="bel", jaar=2025)
    html = client.get(f"/financien/afrekeningen/{afrekening.pk}").content.decode()
    assert "Voorschotten volgens het voorschotschema" in html and "wijkt af" not in html


def test_controller_computes_adopts_and_sends_on_the_pages(
    client: Any, user_named: Any, bel: Any, jaar_2027: Any
) -> None:
    client.force_login(user_named("controller.bel"))
    page = client.get("/financien/bel/voorschotten").content.decode()
    assert "Voorschotten berekenen" in page
    r = client.post("/financien/bel/voorschotten", {"jaar": 2027, "ritme": "maand", "vervaldag": ""})
    assert r.status_code == 302, r.content.decode()[:2000]
    schema = Voorschotschema.objects.get(samenwerkingsverband=bel, jaar=2027)
    html = client.get(r["Location"]).content.decode()
    assert "december 2027" in html and 'value="vaststellen"' in html and 'value="opnieuw"' in html
    assert (
        client.post(
            f"/financien/voorschotten/{schema.pk}/actie",
            {"actie": "vaststellen", "versie": schema.versie + 5},
        ).status_code
        == 412
    )
    r = client.post(
        f"/financien/voorschotten/{schema.pk}/actie",
        {"actie": "opnieuw", "versie": schema.versie, "ritme": "kwartaal"},
    )
    assert r.status_code == 302
    schema.refresh_from_db()
    assert schema.ritme == "kwartaal"
    r = client.post(
        f"/financien/voorschotten/{schema.pk}/actie", {"actie": "vaststellen", "versie": schema.versie}
    )
    assert r.status_code == 302
    schema.refresh_from_db()
    assert schema.status == Voorschotstatus.VASTGESTELD
    # a second calculation of the year is refused on the form, with its status
    r = client.post("/financien/bel/voorschotten", {"jaar": 2027, "ritme": "maand"})
    assert r.status_code == 409 and "Er is al een voorschotschema 2027" in r.content.decode()
    client.force_login(user_named("wethouder.blaricum"))
    assert (
        client.post(
            f"/financien/voorschotten/{schema.pk}/actie", {"actie": "verzenden", "versie": schema.versie}
        ).status_code
        == 403
    )
    assert client.post("/financien/bel/voorschotten", {"jaar": 2028, "ritme": "maand"}).status_code == 403


def test_a_partner_leaving_mid_year_pays_only_its_terms(
    actor_named: Any, bel: Samenwerkingsverband, jaar_2027: Any
) -> None:
    from seta.samenwerkingsverbanden.models import Deelnemer

    Deelnemer.objects.filter(samenwerkingsverband=bel, gemeente__slug="laren").update(
        uittredingsdatum=dt.date(2027, 7, 1)
    )
    schema = voorschotten.calculate_schedule(
        actor=actor_named("controller.bel"), samenwerkingsverband=bel, jaar=2027, ritme="kwartaal"
    )
    laren = list(schema.termijnen.filter(gemeente__slug="laren").order_by("nummer"))
    assert [t.nummer for t in laren] == [1, 2]  # a partner until 1 July: the first two quarters
    assert sum(t.bedrag for t in laren) == Decimal("40000.00")
    page = voorschotten.table(actor_named("raadslid.laren"), schema)
    assert page.rijen[0].gemeente.slug == "laren" and page.rijen[0].bedragen[2:] == [None, None]


def test_home_page_shows_the_next_advance_of_ones_own_municipality(
    client: Any, user_named: Any, actor_named: Any, concept_2027: Voorschotschema
) -> None:
    import datetime as dt

    from seta.financien.models import Voorschottermijn

    client.force_login(user_named("raadslid.laren"))
    assert "BEL-2027-V01-0417" not in client.get("/").content.decode()  # a concept is not yet due
    voorschotten.adopt_schedule(actor=actor_named("controller.bel"), schema=concept_2027)
    html = client.get("/").content.decode()
    volgende = (
        Voorschottermijn.objects.filter(
            gemeente__slug="laren",
            schema__status__in=["vastgesteld", "verzonden"],
            vervaldatum__gte=dt.date.today(),
        )
        .order_by("vervaldatum")
        .first()
    )
    assert volgende is not None  # the demo's adopted 2026 schedule, or else the 2027 one just adopted
    assert "Volgend voorschot Laren" in html and volgende.factuurkenmerk in html
    assert f"{volgende.vervaldatum:%d-%m-%Y}" in html
    assert "Volgend voorschot Eemnes" not in html


def test_budget_keeps_the_adopted_advances(
    actor_named: Any, bel: Samenwerkingsverband, concept_2027: Voorschotschema
) -> None:
    """The adopted schedule's totals are the partners' advances in the (adopted, frozen) budget."""
    controller = actor_named("controller.bel")
    voorschotten.adopt_schedule(actor=controller, schema=concept_2027)
    eemnes = concept_2027.termijnen.get(gemeente__slug="eemnes", nummer=1).gemeente
    with pytest.raises(Conflict):
        services.save_budget(
            actor=controller,
            samenwerkingsverband=bel,
            jaar=2027,
            bijdragen=[services.Bijdrageinvoer(eemnes, inbreng="5")],
            personeel="100000.01",
            materieel="20000",
            overhead="0",
        )
    bijdrage = Deelnemersbijdrage.objects.get(
        begroting__samenwerkingsverband=bel, begroting__jaar=2027, gemeente=eemnes
    )
    assert bijdrage.voorschot == Decimal("40000.01")
