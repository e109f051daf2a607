"""The gemeenten API: lookup by CBS code, filters, pagination, problem+json, policy answers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

ApiAs = Callable[[str | None], APIClient]


def test_list_filters_and_paginates(api_as: ApiAs) -> None:
    client = api_as("raadslid.laren")
    r = client.get("/api/v1/gemeenten")
    assert r.status_code == 200
    assert r.headers["API-Version"]
    body = r.json()
    assert body["count"] == 353  # 352 of the 2021 list and Ten Boer
    assert len(body["results"]) == 50 and body["aantalPaginas"] == 8
    assert set(body["results"][0]) >= {
        "cbsCode",
        "naam",
        "provincie",
        "inwoners",
        "peildatumInwoners",
        "bron",
        "bestaat",
    }

    assert client.get("/api/v1/gemeenten?bestaat=true").json()["count"] == 352
    opgeheven = client.get("/api/v1/gemeenten?bestaat=false").json()
    assert [g["cbsCode"] for g in opgeheven["results"]] == ["GM0009"]
    assert opgeheven["results"][0]["opgegaanIn"] == "GM0014"

    utrecht = client.get("/api/v1/gemeenten?provincie=utrecht&paginaGrootte=100").json()
    assert utrecht["count"] == 26 and all(g["provincie"] == "Utrecht" for g in utrecht["results"])

    namen = [
        g["naam"] for g in client.get("/api/v1/gemeenten?naam=BERGEN&paginaGrootte=100").json()["results"]
    ]
    assert namen[:3] == ["Bergen (L.)", "Bergen (NH.)", "Bergen op Zoom"] and "Tubbergen" in namen

    pagina8 = client.get("/api/v1/gemeenten?pagina=8").json()
    assert len(pagina8["results"]) == 3 and pagina8["next"] is None


def test_lookup_by_cbs_code_with_etag(api_as: ApiAs) -> None:
    r = api_as("raadslid.laren").get("/api/v1/gemeenten/gm0376")
    assert r.status_code == 200
    assert r.json()["naam"] == "Blaricum" and r.json()["inwoners"] == 11536
    assert r.headers["ETag"] == 'W/"1"'


def test_unknown_code_is_problem_json_404(api_as: ApiAs) -> None:
    r = api_as("raadslid.laren").get("/api/v1/gemeenten/GM9999")
    assert r.status_code == 404
    assert r.headers["Content-Type"].startswith("application/problem+json")
    assert r.json()["status"] == 404
    assert r.headers["API-Version"]


def test_anonymous_is_refused(api_as: ApiAs) -> None:
    r = api_as(None).get("/api/v1/gemeenten")
    assert r.status_code in {401, 403}
    assert r.headers["Content-Type"].startswith("application/problem+json")


def test_functionarissen_of_a_gemeente(api_as: ApiAs) -> None:
    client = api_as("raadslid.laren")
    r = client.get("/api/v1/gemeenten/GM0376/functionarissen?functie=wethouder")
    assert r.status_code == 200
    wethouders = r.json()["results"]
    assert len(wethouders) == 2 and all(
        w["functie"] == "wethouder" and w["gemeente"] == "GM0376" for w in wethouders
    )
    assert all(len(w["portefeuilles"]) >= 2 for w in wethouders)
    assert "gebruiker" not in wethouders[0]

    flat = client.get("/api/v1/functionarissen?gemeente=GM0376&functie=griffier").json()
    assert flat["count"] == 1 and flat["results"][0]["orgaan"] == "gemeenteraad"
    assert client.get("/api/v1/functionarissen?peildatum=gisteren").status_code == 400


def test_create_functionaris_policy_and_validation(api_as: ApiAs) -> None:
    nieuw = {
        "gemeente": "GM0417",
        "functie": "raadslid",
        "naam": "Api Raadslid",
        "fractie": "VVD",
        "begindatum": "2026-09-01",
    }
    r = api_as("raadslid.laren").post("/api/v1/functionarissen", nieuw, format="json")
    assert r.status_code == 403 and r.json()["status"] == 403

    griffier = api_as("griffier.laren")
    r = griffier.post(
        "/api/v1/functionarissen",
        {"gemeente": "GM0417", "functie": "koning", "begindatum": "nooit"},
        format="json",
    )
    assert r.status_code == 400
    assert r.headers["Content-Type"].startswith("application/problem+json")
    names = {p["name"] for p in r.json()["invalidParams"]}
    assert names == {"functie", "naam", "begindatum"}

    r = griffier.post("/api/v1/functionarissen", {**nieuw, "fractie": ""}, format="json")
    assert r.status_code == 400 and [p["name"] for p in r.json()["invalidParams"]] == ["fractie"]

    r = griffier.post("/api/v1/functionarissen", nieuw, format="json")
    assert r.status_code == 201, r.content
    created: dict[str, Any] = r.json()
    assert created["gemeente"] == "GM0417" and created["orgaan"] == "gemeenteraad"

    r = griffier.post(
        f"/api/v1/functionarissen/{created['id']}/beeindigen",
        {"einddatum": "2026-12-31"},
        format="json",
        HTTP_IF_MATCH='W/"7"',
    )
    assert r.status_code == 412
    r = griffier.post(
        f"/api/v1/functionarissen/{created['id']}/beeindigen",
        {"einddatum": "2026-12-31"},
        format="json",
        HTTP_IF_MATCH='W/"1"',
    )
    assert r.status_code == 200 and r.json()["einddatum"] == "2026-12-31" and r.headers["ETag"] == 'W/"2"'


def test_portefeuilles_api(api_as: ApiAs) -> None:
    r = api_as("raadslid.laren").get("/api/v1/portefeuilles?gemeente=GM0417&paginaGrootte=100")
    assert r.status_code == 200
    assert "Financiën" in {p["naam"] for p in r.json()["results"]}
    r = api_as("secretaris.laren").post(
        "/api/v1/portefeuilles", {"gemeente": "GM0417", "naam": "Erfgoed"}, format="json"
    )
    assert r.status_code == 201 and r.json()["naam"] == "Erfgoed"
    r = api_as("secretaris.laren").post(
        "/api/v1/portefeuilles", {"gemeente": "GM0376", "naam": "Erfgoed"}, format="json"
    )
    assert r.status_code == 403


def test_openapi_document_describes_the_resources(api_as: ApiAs) -> None:
    r = api_as(None).get("/api/v1/openapi.json")
    assert r.status_code == 200
    paths = r.json()["paths"]  # relative to the server URL /api/v1
    for path in (
        "/gemeenten/{cbsCode}",
        "/gemeenten/{cbsCode}/functionarissen",
        "/functionarissen",
        "/portefeuilles",
        "/samenwerkingsverbanden/{slug}",
        "/deelnemers",
        "/bestuursleden",
        "/taakgebieden",
        "/inbreng",
    ):
        assert path in paths, path


@pytest.mark.parametrize("path", ["/api/v1/gemeenten", "/api/v1/functionarissen", "/api/v1/portefeuilles"])
def test_list_endpoints_do_not_query_per_row(api_as: ApiAs, path: str) -> None:
    client = api_as("raadslid.laren")
    client.get(path, {"paginaGrootte": 1})  # warm up (actor, caches)
    with CaptureQueriesContext(connection) as klein:
        assert client.get(path, {"paginaGrootte": 2}).status_code == 200
    with CaptureQueriesContext(connection) as groot:
        r = client.get(path, {"paginaGrootte": 100})
    assert r.status_code == 200 and len(r.json()["results"]) == 100
    assert len(groot.captured_queries) <= len(klein.captured_queries) <= 6
