"""Financiën through the API and the pages: versioned models, scenario exports, settlement and the
deviation alert, the demo comparison, and the permission matrix (role x action x own/other cooperation)."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from openpyxl import load_workbook

from seta.financien.models import Afrekening, Modelstatus, Scenario, Verdeelmodel

pytestmark = pytest.mark.django_db

AB_BESLUIT = {"orgaan": "algemeen_bestuur", "kenmerk": "AB 2026-02", "datum": "2025-02-12"}
DB_BESLUIT = {"orgaan": "dagelijks_bestuur", "kenmerk": "DB 2026-01", "datum": "2025-01-15"}


@pytest.fixture
def scenario(db: Any) -> Scenario:
    return Scenario.objects.get(samenwerkingsverband__slug="bel", naam="Drie verdeelmodellen voor 2025")


@pytest.fixture
def hybride(db: Any) -> Verdeelmodel:
    return Verdeelmodel.objects.get(samenwerkingsverband__slug="bel", naam="BEL hybride", volgnummer=1)


# --- the demo ---------------------------------------------------------------------------------------------------
def test_demo_comparison_of_three_models_exists_and_renders(
    client: Any, user_named: Any, scenario: Scenario
) -> None:
    assert sorted(m.naam for m in scenario.verdeelmodellen.all()) == [
        "BEL hybride",
        "Inwonersaantal",
        "Naar gebruik met Shapley",
    ]
    client.force_login(user_named("raadslid.eemnes"))
    r = client.get(f"/financien/scenarios/{scenario.pk}")
    assert r.status_code == 200
    html = r.content.decode()
    assert html.count("<h1") == 1
    assert "<caption" in html and 'scope="col"' in html and 'scope="row"' in html
    assert "<svg" in html and 'role="img"' in html and "<desc" in html
    for naam in ("Blaricum", "Eemnes", "Laren", "Inwonersaantal", "Naar gebruik met Shapley"):
        assert naam in html
    assert "Shapley-waarde" in html  # the parts explained in words


def test_demo_settlement_has_one_deviation_alert_for_eemnes(scenario: Scenario, api_as: Any) -> None:
    afrekening = Afrekening.objects.get(samenwerkingsverband__slug="bel", jaar=2025)
    assert len(afrekening.signalen) == 1 and "Eemnes" in afrekening.signalen[0]
    regels = {r.gemeente.slug: r for r in afrekening.regels.select_related("gemeente")}
    assert [slug for slug, r in regels.items() if r.signaal] == ["eemnes"]
    assert regels["eemnes"].afwijking_procentpunten < -5
    body = api_as("griffier.laren").get(f"/api/v1/afrekeningen/{afrekening.pk}").json()
    assert body["signalen"] == afrekening.signalen
    saldo = sum(float(r["saldo"]) for r in body["regels"])
    assert round(saldo, 2) == round(
        sum(float(r["realisatie"]) - float(r["voorschot"]) for r in body["regels"]), 2
    )


def test_pages_render_for_controller(
    client: Any, user_named: Any, scenario: Scenario, hybride: Verdeelmodel
) -> None:
    client.force_login(user_named("controller.bel"))
    afrekening = Afrekening.objects.get(samenwerkingsverband__slug="bel", jaar=2025)
    for url in (
        "/financien/",
        f"/financien/verdeelmodellen/{hybride.pk}?jaar=2025",
        f"/financien/afrekeningen/{afrekening.pk}",
        "/financien/verdeelmodellen/nieuw",
    ):
        r = client.get(url)
        assert r.status_code == 200, url
        assert r.content.decode().count("<h1") == 1, url
    assert "Afwijkingssignaal" in client.get(f"/financien/afrekeningen/{afrekening.pk}").content.decode()


# --- exports ----------------------------------------------------------------------------------------------------
def test_scenario_exports_xlsx_csv_json(api_as: Any, scenario: Scenario) -> None:
    client = api_as("wethouder.blaricum")
    json_body = client.get(f"/api/v1/scenarios/{scenario.pk}/vergelijking").json()
    assert json_body["referentiemodel"] == "BEL hybride"
    assert [g["naam"] for g in json_body["gemeenten"]] == ["Blaricum", "Eemnes", "Laren"]
    totaal = json_body["totalen"]["Inwonersaantal"]
    assert all(t == totaal for t in json_body["totalen"].values())  # same year, same total

    r = client.get(f"/api/v1/scenarios/{scenario.pk}", {"formaat": "xlsx"})
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(r.content)).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[3][:2] == ("CBS-code", "Gemeente")
    assert [row[1] for row in rows[4:8]] == ["Blaricum", "Eemnes", "Laren", "Totaal"]

    r = client.get(f"/api/v1/scenarios/{scenario.pk}/vergelijking", {"formaat": "csv"})
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert lines[0][1] == "Gemeente" and len(lines) == 5
    assert "," in lines[1][2]  # Dutch decimal comma

    r = client.get(f"/api/v1/scenarios/{scenario.pk}", {"formaat": "json"})
    assert r.status_code == 200 and r.json()["modellen"] == json_body["modellen"]
    assert client.get(f"/api/v1/scenarios/{scenario.pk}", {"formaat": "pdf"}).status_code == 400


# --- versioned models -------------------------------------------------------------------------------------------
def test_adopted_model_is_never_edited_a_new_version_is(api_as: Any, hybride: Verdeelmodel) -> None:
    controller = api_as("controller.bel")
    assert hybride.status == Modelstatus.VASTGESTELD
    r = controller.patch(
        f"/api/v1/verdeelmodellen/{hybride.pk}",
        {"omschrijving": "anders"},
        format="json",
        HTTP_IF_MATCH=f'W/"{hybride.versie}"',
    )
    assert r.status_code == 409
    r = controller.post(f"/api/v1/verdeelmodellen/{hybride.pk}/nieuwe-versie")
    assert r.status_code == 201
    nieuw = r.json()
    assert nieuw["versienummer"] == 2 and nieuw["status"] == "concept" and nieuw["voorganger"] == hybride.pk
    config = nieuw["configuratie"]
    config["regels"] = {"groeiplafond": {"percentage": "3"}}
    r = controller.patch(
        f"/api/v1/verdeelmodellen/{nieuw['id']}",
        {"configuratie": config},
        format="json",
        HTTP_IF_MATCH='W/"1"',
    )
    assert r.status_code == 200, r.content
    gelezen = r["ETag"]
    bad = dict(
        config,
        verdeelsleutel={
            "soort": "percentages",
            "percentages": {"GM0376": "50", "GM0317": "10", "GM0417": "10"},
        },
    )
    r = controller.patch(
        f"/api/v1/verdeelmodellen/{nieuw['id']}", {"configuratie": bad}, format="json", HTTP_IF_MATCH=gelezen
    )
    assert r.status_code == 400
    assert any(
        p["name"].startswith("configuratie.verdeelsleutel.percentages") for p in r.json()["invalidParams"]
    )
    # the board adopts; then it is locked too
    r = api_as("wethouder.blaricum").post(
        f"/api/v1/verdeelmodellen/{nieuw['id']}/vaststellen",
        {"besluit": {"orgaan": "algemeen_bestuur", "kenmerk": "AB 2026-3", "datum": "2025-03-12"}},
        format="json",
        HTTP_IF_MATCH=gelezen,
    )
    assert r.status_code == 200 and r.json()["status"] == "vastgesteld"
    hybride.refresh_from_db()
    assert hybride.configuratie.get("regels") is None  # version 1 is unchanged


def test_calculate_a_model_get_shows_post_stores(api_as: Any, hybride: Verdeelmodel) -> None:
    r = api_as("raadslid.laren").get(f"/api/v1/verdeelmodellen/{hybride.pk}/berekenen", {"jaar": 2025})
    assert r.status_code == 200
    assert r.json()["resultaat"]["verdelingen"][0]["verdeelmodel"] == "BEL hybride"
    assert (
        api_as("raadslid.laren").post(f"/api/v1/verdeelmodellen/{hybride.pk}/berekenen?jaar=2025").status_code
        == 403
    )
    r = api_as("controller.bel").post(f"/api/v1/verdeelmodellen/{hybride.pk}/berekenen?jaar=2025")
    assert r.status_code == 201 and r.json()["jaar"] == 2025
    assert api_as("controller.bel").get(f"/api/v1/verdeelmodellen/{hybride.pk}/berekenen").status_code == 400


# --- settlement via the API --------------------------------------------------------------------------------------
def test_settlement_via_api_threshold_and_adoption(api_as: Any) -> None:
    controller = api_as("controller.bel")
    bestuur = api_as("burgemeester.laren")
    # the board lowers the threshold: now more partners deviate
    r = bestuur.post(
        "/api/v1/afwijkingsdrempels",
        {"samenwerkingsverband": "bel", "vanafJaar": 2025, "procentpunten": "2", "besluit": DB_BESLUIT},
        format="json",
    )
    assert r.status_code == 201
    assert (
        controller.post(
            "/api/v1/afwijkingsdrempels",
            {"samenwerkingsverband": "bel", "vanafJaar": 2025, "procentpunten": "9", "besluit": DB_BESLUIT},
            format="json",
        ).status_code
        == 403
    )
    r = controller.post("/api/v1/afrekeningen", {"samenwerkingsverband": "bel", "jaar": 2025}, format="json")
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["drempel"]["procentpunten"] == "2.00"
    assert len(body["signalen"]) == 3
    assert {reg["gemeente"] for reg in body["regels"] if reg["signaal"]} == {"GM0376", "GM0317", "GM0417"}
    te_betalen = sum(float(x["teBetalen"]) - float(x["teOntvangen"]) for x in body["regels"])
    assert round(te_betalen, 2) == round(sum(float(x["saldo"]) for x in body["regels"]), 2)
    assert (
        api_as("raadslid.laren")
        .post("/api/v1/afrekeningen", {"samenwerkingsverband": "bel", "jaar": 2025}, format="json")
        .status_code
        == 403
    )
    etag = f'W/"{body["versie"]}"'
    assert (
        controller.post(
            f"/api/v1/afrekeningen/{body['id']}/vaststellen",
            {"besluit": AB_BESLUIT},
            format="json",
            HTTP_IF_MATCH=etag,
        ).status_code
        == 403
    )
    r = bestuur.post(
        f"/api/v1/afrekeningen/{body['id']}/vaststellen",
        {"besluit": AB_BESLUIT},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert r.status_code == 200 and r.json()["status"] == "vastgesteld"
    assert (
        r.json()["besluit"]["kenmerk"] == "AB 2026-02"
        and r.json()["besluit"]["vastgelegdDoor"] == "burgemeester.laren"
    )
    assert (
        controller.post(
            "/api/v1/afrekeningen", {"samenwerkingsverband": "bel", "jaar": 2025}, format="json"
        ).status_code
        == 409
    )


# --- the permission matrix ----------------------------------------------------------------------------------------
BEL_LEZERS = [
    "controller.bel",
    "directeur.bel",
    "burgemeester.laren",
    "wethouder.blaricum",
    "raadslid.laren",
    "griffier.eemnes",
    "regisseur.eemnes",
    "secretaris.blaricum",
]
GEEN_FINANCIEN = ["teamleider.bel", "medewerker.bel"]
ANDERE = ["controller.kempen", "directeur.kempen", "wethouder.ten-boer", "raadslid.bergeijk"]


@pytest.mark.parametrize("user", BEL_LEZERS + GEEN_FINANCIEN + ANDERE)
def test_read_matrix(api_as: Any, user: str, scenario: Scenario, hybride: Verdeelmodel) -> None:
    client = api_as(user)
    afrekening = Afrekening.objects.get(samenwerkingsverband__slug="bel", jaar=2025)
    expected = 200 if user in BEL_LEZERS else 404
    for url in (
        f"/api/v1/verdeelmodellen/{hybride.pk}",
        f"/api/v1/scenarios/{scenario.pk}",
        f"/api/v1/afrekeningen/{afrekening.pk}",
    ):
        assert client.get(url).status_code == expected, (user, url)
    zichtbaar = client.get("/api/v1/begrotingen", {"samenwerkingsverband": "bel"}).json()["count"]
    assert zichtbaar == (2 if user in BEL_LEZERS else 0)  # 2025 and 2026


@pytest.mark.parametrize(
    ("user", "opstellen", "vaststellen"),
    [
        ("controller.bel", 201, 403),
        ("directeur.bel", 403, 403),
        ("burgemeester.laren", 403, 200),
        ("wethouder.blaricum", 403, 200),
        ("raadslid.laren", 403, 403),
        ("regisseur.eemnes", 403, 403),
        ("teamleider.bel", 404, 404),
        ("medewerker.bel", 404, 404),
        ("controller.kempen", 404, 404),
        ("wethouder.ten-boer", 404, 404),
    ],
)
def test_write_matrix(api_as: Any, user: str, opstellen: int, vaststellen: int) -> None:
    client = api_as(user)
    config = {
        "verdeelsleutel": {"soort": "gelijk"},
        "onderdelen": [{"soort": "vast", "naam": "Alles", "bedrag": "begroting"}],
    }
    r = client.post(
        "/api/v1/verdeelmodellen",
        {"samenwerkingsverband": "bel", "naam": f"Proef {user}", "configuratie": config},
        format="json",
    )
    assert r.status_code == opstellen, (user, r.content)
    concept = Verdeelmodel.objects.filter(
        samenwerkingsverband__slug="bel", naam="Naar gebruik met Shapley", volgnummer=1
    ).get()
    r = client.post(
        f"/api/v1/verdeelmodellen/{concept.pk}/vaststellen",
        {"besluit": AB_BESLUIT},
        format="json",
        HTTP_IF_MATCH=f'W/"{concept.versie}"',
    )
    assert r.status_code == vaststellen, (user, r.content)


@pytest.mark.parametrize(
    ("user", "lezen", "goedkeuren"),
    [
        ("medewerker.bel", 200, 403),
        ("teamleider.bel", 200, 409),  # may approve, but this week is already approved
        ("directeur.bel", 200, 409),
        ("controller.bel", 200, 403),
        ("raadslid.laren", 404, 404),
        ("burgemeester.laren", 404, 404),
        ("teamleider.kempen", 404, 404),
        ("directeur.kempen", 404, 404),
    ],
)
def test_uren_matrix(api_as: Any, user_named: Any, user: str, lezen: int, goedkeuren: int) -> None:
    from seta.uren.models import Urenregel, Weekstatus

    mw = user_named("medewerker.bel").medewerker
    regel = Urenregel.objects.filter(medewerker=mw, weekstaat__status=Weekstatus.GOEDGEKEURD).first()
    client = api_as(user)
    assert client.get(f"/api/v1/urenregels/{regel.pk}").status_code == lezen
    assert client.get(f"/api/v1/weekstaten/{regel.weekstaat_id}").status_code == lezen
    etag = f'W/"{regel.weekstaat.versie}"'
    r = client.post(f"/api/v1/weekstaten/{regel.weekstaat_id}/goedkeuren", HTTP_IF_MATCH=etag)
    assert r.status_code == goedkeuren


def test_board_sets_threshold_on_the_overview_page(client: Any, user_named: Any) -> None:
    from seta.financien.models import Afwijkingsdrempel

    client.force_login(user_named("wethouder.blaricum"))
    html = client.get("/financien/?samenwerkingsverband=bel").content.decode()
    assert "Drempel vaststellen" in html
    r = client.post(
        "/financien/bel/drempel",
        {
            "vanaf_jaar": 2027,
            "procentpunten": "4",
            "orgaan": "dagelijks_bestuur",
            "kenmerk": "DB 2026-11",
            "datum": "2025-11-05",
            "bevestigd": "on",
        },
    )
    assert r.status_code == 302
    assert Afwijkingsdrempel.objects.get(samenwerkingsverband__slug="bel", vanaf_jaar=2027).procentpunten == 4
    client.force_login(user_named("controller.bel"))
    assert "Drempel vaststellen" not in client.get("/financien/?samenwerkingsverband=bel").content.decode()
    client.post("/financien/bel/drempel", {"vanaf_jaar": 2028, "procentpunten": "4"})
    assert not Afwijkingsdrempel.objects.filter(samenwerkingsverband__slug="bel", vanaf_jaar=2028).exists()
