"""The API of the case data: uploads (problem+json on a bad file), filters, the mapping's versions."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from seta.catalogus.models import Catalogusitem
from seta.dienstverlening.models import Zaak, Zaaktypekoppeling

from .zaken_helpers import bel, csv_bytes

pytestmark = pytest.mark.django_db


def _upload(client, rijen, **extra):
    data = {
        "samenwerkingsverband": "bel",
        "periodeVan": "2024-01-01",
        "periodeTot": "2024-03-31",
        "bestand": SimpleUploadedFile("zaken-2024-q1.csv", csv_bytes(rijen), content_type="text/csv"),
        **extra,
    }
    return client.post("/api/v1/zaakimports", data, format="multipart")


def test_upload_imports_and_answers_the_import(api_as) -> None:
    r = _upload(
        api_as("controller.bel"), [["A-1", "BEL-WMO", "GM0417", "2024-02-01", "2024-02-20", "", "", "", ""]]
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert (body["aantalZaken"], body["aantalVervangen"], body["bron"], body["gemeente"]) == (
        1,
        0,
        "bestand",
        None,
    )
    assert body["ingelezenDoor"] == "controller.bel"


def test_a_bad_upload_is_problem_json_naming_rows_and_columns(api_as) -> None:
    voor = Zaak.objects.count()
    r = _upload(
        api_as("controller.bel"),
        [["A-1", "ONBEKEND", "GM0417", "2024-02-01", "2024-01-20", "", "", "", ""]],
    )
    assert r.status_code == 400
    assert r["Content-Type"].startswith("application/problem+json")
    namen = {p["name"] for p in r.json()["invalidParams"]}
    assert namen == {"zaken-2024-q1.csv, rij 2, kolom zaaktype", "zaken-2024-q1.csv, rij 2, kolom besloten"}
    assert Zaak.objects.count() == voor
    r = _upload(api_as("controller.bel"), [], periodeVan="2024-13-01")
    assert r.status_code == 400 and {p["name"] for p in r.json()["invalidParams"]} == {"periodeVan"}
    r = _upload(api_as("controller.bel"), [["A-1"]], gemeente="nergens")
    assert r.status_code == 400 and {p["name"] for p in r.json()["invalidParams"]} == {"gemeente"}


def test_cases_filter_by_item_gemeente_and_dates(api_as) -> None:
    client = api_as("teamleider.bel")
    sv = bel()
    item = sv.catalogusitems.get(code="omgevingsvergunning")
    r = client.get(
        f"/api/v1/zaken?catalogusitem={item.pk}&gemeente=laren&ontvangenNa=2026-04-01&ontvangenVoor=2026-06-30"
    )
    assert r.status_code == 200
    verwacht = Zaak.objects.filter(
        catalogusitem=item, gemeente__slug="laren", ontvangen_op__range=("2026-04-01", "2026-06-30")
    ).count()
    assert r.json()["count"] == verwacht > 10
    eerste = r.json()["results"][0]
    assert eerste["catalogusitemCode"] == "omgevingsvergunning" and eerste["gemeente"] == "laren"
    assert client.get("/api/v1/zaken?ontvangenNa=geen-datum").status_code == 400


def test_mapping_create_update_delete_with_versions(careful_api_as, api_as) -> None:
    sv = bel()
    client = api_as("controller.bel")
    r = client.post(
        "/api/v1/zaaktypekoppelingen",
        {
            "samenwerkingsverband": "bel",
            "zaaktype": "BEL-KLACHT",
            "catalogusitem": sv.catalogusitems.get(code="klachten").pk,
        },
        format="json",
    )
    assert r.status_code == 201, r.content
    pk = r.json()["id"]
    dubbel = client.post(
        "/api/v1/zaaktypekoppelingen",
        {
            "samenwerkingsverband": "bel",
            "zaaktype": "bel-klacht/",
            "catalogusitem": sv.catalogusitems.get(code="paspoort").pk,
        },
        format="json",
    )
    assert dubbel.status_code == 400 and dubbel.json()["invalidParams"][0]["name"] == "zaaktype"
    assert (
        client.patch(f"/api/v1/zaaktypekoppelingen/{pk}", {"omschrijving": "x"}, format="json").status_code
        == 428
    )
    careful = careful_api_as("controller.bel")
    r = careful.patch(f"/api/v1/zaaktypekoppelingen/{pk}", {"omschrijving": "Klachten"}, format="json")
    assert r.status_code == 200 and r.json()["versie"] == 2 and r["ETag"] == 'W/"2"'
    stale = client.delete(f"/api/v1/zaaktypekoppelingen/{pk}", HTTP_IF_MATCH='W/"1"')
    assert stale.status_code == 412
    assert careful.delete(f"/api/v1/zaaktypekoppelingen/{pk}").status_code == 204
    assert not Zaaktypekoppeling.objects.filter(pk=pk).exists()
    # An item of another cooperation is refused naming the field.
    kempen_item = Catalogusitem.objects.filter(samenwerkingsverband__slug="kempen").first()
    r = api_as("beheerder").post(
        "/api/v1/zaaktypekoppelingen",
        {"samenwerkingsverband": "bel", "zaaktype": "BEL-X", "catalogusitem": kempen_item.pk},
        format="json",
    )
    assert r.status_code == 400 and {p["name"] for p in r.json()["invalidParams"]} == {"catalogusitem"}


def test_a_zaaksysteem_stores_only_the_name_of_the_secret(api_as) -> None:
    client = api_as("controller.bel")
    r = client.post(
        "/api/v1/zaaksystemen",
        {
            "samenwerkingsverband": "bel",
            "gemeente": "eemnes",
            "apiRoot": "https://zaken.eemnes.example/zaken/api/v1/",
            "clientId": "seta",
            "geheimVariabele": "geheim met spaties",
        },
        format="json",
    )
    assert r.status_code == 400 and {p["name"] for p in r.json()["invalidParams"]} == {"geheimVariabele"}
    r = client.post(
        "/api/v1/zaaksystemen",
        {
            "samenwerkingsverband": "bel",
            "gemeente": "eemnes",
            "apiRoot": "https://zaken.eemnes.example/zaken/api/v1/",
            "clientId": "seta",
            "geheimVariabele": "SETA_ZGW_EEMNES",
        },
        format="json",
    )
    assert r.status_code == 201, r.content
    assert r.json()["apiRoot"] == "https://zaken.eemnes.example/zaken/api/v1"
    assert "geheim" not in {k.lower() for k in r.json()}
    dubbel = client.post(
        "/api/v1/zaaksystemen",
        {
            "samenwerkingsverband": "bel",
            "gemeente": "eemnes",
            "apiRoot": "https://x.example",
            "clientId": "s",
            "geheimVariabele": "X",
        },
        format="json",
    )
    assert dubbel.status_code == 400 and {p["name"] for p in dubbel.json()["invalidParams"]} == {"gemeente"}
