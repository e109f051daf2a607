"""The samenwerkingsverbanden API: scope per actor, 404/403, If-Match, problem+json, scope on a date."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from seta.gemeenten.models import Functionaris

ApiAs = Callable[[str | None], APIClient]


def test_list_is_restricted_by_the_actor(api_as: ApiAs) -> None:
    r = api_as("raadslid.laren").get("/api/v1/samenwerkingsverbanden")
    assert r.status_code == 200 and r.headers["API-Version"]
    assert [s["slug"] for s in r.json()["results"]] == ["bel"]
    alle = api_as("beheerder").get("/api/v1/samenwerkingsverbanden").json()
    assert {s["slug"] for s in alle["results"]} == {"bel", "gtb", "kempen"}
    menu3 = api_as("beheerder").get("/api/v1/samenwerkingsverbanden?menu=gastheergemeente").json()
    assert [s["slug"] for s in menu3["results"]] == ["gtb"] and menu3["results"][0][
        "gastheergemeente"
    ] == "GM0014"
    assert [
        s["slug"]
        for s in api_as("burgemeester.ten-boer").get("/api/v1/samenwerkingsverbanden").json()["results"]
    ] == ["gtb"]


def test_lookup_by_slug_404_for_strangers(api_as: ApiAs) -> None:
    r = api_as("raadslid.laren").get("/api/v1/samenwerkingsverbanden/kempen")
    assert r.status_code == 404 and r.headers["Content-Type"].startswith("application/problem+json")
    r = api_as("wethouder.eersel").get("/api/v1/samenwerkingsverbanden/kempen")
    assert r.status_code == 200 and r.headers["ETag"].startswith('W/"')
    assert r.json()["menu"] == "functionele_integratie" and len(r.json()["deelnemers"]) == 5


def test_patch_403_412_and_400(api_as: ApiAs) -> None:
    r = api_as("burgemeester.blaricum").patch(
        "/api/v1/samenwerkingsverbanden/bel", {"omschrijving": "x"}, format="json"
    )
    assert r.status_code == 403
    db_lid = api_as("wethouder.blaricum")
    etag = db_lid.get("/api/v1/samenwerkingsverbanden/bel").headers["ETag"]
    r = db_lid.patch(
        "/api/v1/samenwerkingsverbanden/bel", {"omschrijving": "x"}, format="json", HTTP_IF_MATCH='W/"999"'
    )
    assert r.status_code == 412 and r.json()["status"] == 412
    r = db_lid.patch(
        "/api/v1/samenwerkingsverbanden/bel",
        {"rechtsvorm": "centrumgemeenteconstructie", "menu": "x"},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert r.status_code == 400 and [p["name"] for p in r.json()["invalidParams"]] == ["menu"]
    r = db_lid.patch(
        "/api/v1/samenwerkingsverbanden/bel",
        {"rechtsvorm": "centrumgemeenteconstructie"},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert r.status_code == 400 and [p["name"] for p in r.json()["invalidParams"]] == ["rechtsvorm"]
    r = db_lid.patch(
        "/api/v1/samenwerkingsverbanden/bel", {"werkorganisatie": "BEL"}, format="json", HTTP_IF_MATCH=etag
    )
    assert r.status_code == 200 and r.json()["werkorganisatie"] == "BEL" and r.headers["ETag"] != etag


def test_create_only_by_beheerder(api_as: ApiAs) -> None:
    body = {
        "naam": "Gooi",
        "slug": "gooi",
        "menu": "ambtelijke_fusie",
        "rechtsvorm": "openbaar_lichaam",
        "startdatum": "2027-01-01",
        "deelnemers": ["GM0406", "GM1942"],
    }
    assert (
        api_as("wethouder.blaricum").post("/api/v1/samenwerkingsverbanden", body, format="json").status_code
        == 403
    )
    r = api_as("beheerder").post(
        "/api/v1/samenwerkingsverbanden", {**body, "deelnemers": ["GM0406", "GM9999"]}, format="json"
    )
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"].startswith("deelnemers")
    r = api_as("beheerder").post("/api/v1/samenwerkingsverbanden", body, format="json")
    assert r.status_code == 201 and r.json()["deelnemers"] == ["GM0406", "GM1942"]


def test_deelnemers_and_joining(api_as: ApiAs) -> None:
    client = api_as("wethouder.blaricum")
    r = client.get("/api/v1/deelnemers?samenwerkingsverband=bel")
    assert r.status_code == 200
    rows = r.json()["results"]
    assert {d["gemeente"] for d in rows} == {"GM0376", "GM0317", "GM0417"}
    assert all(d["bronInwoners"] and d["peildatumInwoners"] for d in rows)
    r = client.post(
        "/api/v1/deelnemers",
        {"samenwerkingsverband": "bel", "gemeente": "GM0406", "toetredingsdatum": "2000-01-01"},
        format="json",
    )
    assert r.status_code == 400 and [p["name"] for p in r.json()["invalidParams"]] == ["toetredingsdatum"]
    r = client.post(
        "/api/v1/deelnemers",
        {"samenwerkingsverband": "bel", "gemeente": "GM0406", "toetredingsdatum": "2027-01-01"},
        format="json",
    )
    assert r.status_code == 201 and r.json()["neemtBestaandeAfsprakenOver"] is True
    r = client.get("/api/v1/inbreng?samenwerkingsverband=bel&gemeente=GM0406")
    assert r.json()["count"] == 11
    r = client.post(
        "/api/v1/deelnemers",
        {"samenwerkingsverband": "kempen", "gemeente": "GM0406", "toetredingsdatum": "2027-01-01"},
        format="json",
    )
    assert r.status_code == 400  # a cooperation this actor may not know is not named


def test_inbreng_on_a_date(api_as: ApiAs) -> None:
    client = api_as("raadslid.laren")
    in_2014 = client.get(
        "/api/v1/inbreng?samenwerkingsverband=bel&gemeente=GM0417&peildatum=2014-06-01"
    ).json()
    in_2016 = client.get(
        "/api/v1/inbreng?samenwerkingsverband=bel&gemeente=GM0417&peildatum=2016-06-01"
    ).json()
    assert in_2016["count"] == in_2014["count"] + 1
    assert "sociaal-domein" in {i["taakgebied"] for i in in_2016["results"]}
    r = client.get("/api/v1/inbreng?peildatum=2016-13-01")
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "peildatum"
    assert client.get("/api/v1/inbreng?samenwerkingsverband=kempen").json()["count"] == 0


def test_inbreng_write_and_overlap(api_as: ApiAs) -> None:
    client = api_as("wethouder.eemnes")
    deelnemer = client.get("/api/v1/deelnemers?samenwerkingsverband=bel&gemeente=GM0376").json()["results"][
        0
    ]["id"]
    r = client.post(
        "/api/v1/inbreng", {"deelnemer": deelnemer, "taakgebied": "hr", "vanaf": "2020-01-01"}, format="json"
    )
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "taakgebied"
    hr = client.get("/api/v1/inbreng?samenwerkingsverband=bel&gemeente=GM0376&taakgebied=hr").json()[
        "results"
    ][0]
    r = client.post(f"/api/v1/inbreng/{hr['id']}/beeindigen", {"tot": "2027-01-01"}, format="json")
    assert r.status_code == 200 and r.json()["tot"] == "2027-01-01"
    assert (
        api_as("raadslid.laren")
        .post(f"/api/v1/inbreng/{hr['id']}/beeindigen", {"tot": "2026-01-01"}, format="json")
        .status_code
        == 403
    )
    assert (
        api_as("wethouder.bladel")
        .post(f"/api/v1/inbreng/{hr['id']}/beeindigen", {"tot": "2026-01-01"}, format="json")
        .status_code
        == 404
    )


def test_bestuursleden_and_taakgebieden(api_as: ApiAs) -> None:
    client = api_as("raadslid.laren")
    db = client.get(
        "/api/v1/bestuursleden?samenwerkingsverband=bel&orgaan=dagelijks_bestuur&peildatum=2026-11-02"
    ).json()
    assert sorted(b["functie"] for b in db["results"]) == ["burgemeester", "wethouder", "wethouder"]
    taakgebieden = client.get("/api/v1/taakgebieden?paginaGrootte=100").json()
    assert taakgebieden["count"] == 11
    assert client.get("/api/v1/taakgebieden/ict").json()["naam"].startswith("ICT")
    raadslid = Functionaris.objects.get(gebruiker__username="raadslid.laren")
    r = api_as("beheerder").post(
        "/api/v1/bestuursleden",
        {
            "samenwerkingsverband": "bel",
            "orgaan": "algemeen_bestuur",
            "functionaris": raadslid.pk,
            "begindatum": "2026-01-01",
        },
        format="json",
    )
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "functionaris"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/samenwerkingsverbanden",
        "/api/v1/deelnemers",
        "/api/v1/bestuursleden",
        "/api/v1/taakgebieden",
        "/api/v1/inbreng",
    ],
)
def test_list_endpoints_do_not_query_per_row(api_as: ApiAs, path: str) -> None:
    client = api_as("beheerder")
    client.get(path, {"paginaGrootte": 1})  # warm up (actor, caches)
    with CaptureQueriesContext(connection) as klein:
        assert client.get(path, {"paginaGrootte": 2}).status_code == 200
    with CaptureQueriesContext(connection) as groot:
        r = client.get(path, {"paginaGrootte": 100})
    assert r.status_code == 200 and len(r.json()["results"]) > 2
    assert len(groot.captured_queries) <= len(klein.captured_queries) <= 6
