"""The API contract: the NL API Design Rules as the issue lists them, checked against the running app.

- the committed ``openapi/openapi.json`` is what ``/api/v1/openapi.json`` serves (run ``make openapi``);
- the document is served without login;
- ``API-Version`` on every response, errors included;
- no trailing slashes; camelCase keys; paginated lists with count/next/previous/results;
- ``application/problem+json`` for 400 (``invalidParams`` naming every invalid field), 401, 403, 404,
  405 and 412;
- ``Authorization: Token <token>`` works, with a token printed by ``seta token USERNAME``.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from seta.samenwerkingsverbanden.models import Samenwerkingsverband

pytestmark = pytest.mark.django_db

COMMITTED = Path(__file__).resolve().parents[1] / "openapi" / "openapi.json"
PROBLEM = "application/problem+json"
CAMEL = re.compile(r"^[a-z][a-zA-Z0-9]*$")
ApiAs = Callable[[str | None], APIClient]


def served_document() -> dict[str, Any]:
    response = APIClient().get("/api/v1/openapi.json")
    assert response.status_code == 200, response.content[:500]
    return json.loads(response.content)


def _differences(a: Any, b: Any, path: str = "") -> Iterator[str]:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a:
                yield f"{path}/{key}: only in the served document"
            elif key not in b:
                yield f"{path}/{key}: only in the committed file"
            else:
                yield from _differences(a[key], b[key], f"{path}/{key}")
    elif a != b:
        yield f"{path}: differs"


def test_committed_openapi_document_matches_the_served_one() -> None:
    assert COMMITTED.exists(), "openapi/openapi.json is missing: run `make openapi` and commit the file"
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    served = served_document()
    if committed != served:
        diffs = list(_differences(served, committed))
        shown = "\n".join(diffs[:25]) + (f"\n… and {len(diffs) - 25} more" if len(diffs) > 25 else "")
        pytest.fail(
            "openapi/openapi.json differs from what /api/v1/openapi.json serves. "
            f"Run `make openapi` and commit the result.\n{shown}"
        )


def test_document_is_served_without_login_and_is_openapi_3() -> None:
    response = APIClient().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["API-Version"]
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.")
    assert document["info"]["version"] == response["API-Version"]
    assert [s["url"] for s in document["servers"]] == ["/api/v1"]  # paths are relative to it
    for resource in ("/gemeenten", "/samenwerkingsverbanden", "/eenheden", "/catalogusitems"):
        assert resource in document["paths"], f"{resource} missing from the OpenAPI document"


def test_document_paths_have_no_trailing_slash_and_camelcase_properties() -> None:
    document = served_document()
    for path in document["paths"]:
        assert not path.endswith("/"), f"trailing slash in {path}"
        assert path.startswith("/") and not path.startswith("/api/"), path  # under the server URL
    bad: list[str] = []
    for name, schema in document.get("components", {}).get("schemas", {}).items():
        for prop in schema.get("properties", {}):
            if not CAMEL.match(prop):
                bad.append(f"{name}.{prop}")
    assert bad == [], f"properties not in camelCase: {bad}"


# --- headers and errors ------------------------------------------------------------------------------------


def assert_problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, (response.status_code, response.content[:500])
    assert response["Content-Type"] == PROBLEM, response["Content-Type"]
    assert response["API-Version"], "API-Version header missing on an error"
    body = json.loads(response.content)
    assert body["status"] == status
    assert body["title"]
    assert "traceback" not in response.content.decode().lower()
    return body


def test_api_version_header_on_every_kind_of_response(api_as: ApiAs) -> None:
    anonymous = api_as(None)
    raadslid = api_as("raadslid.laren")
    kempen = Samenwerkingsverband.objects.get(slug="kempen")
    responses = {
        "200 list": raadslid.get("/api/v1/gemeenten"),
        "200 detail": raadslid.get("/api/v1/gemeenten/GM0417"),
        "200 schema": anonymous.get("/api/v1/openapi.json"),
        "401": anonymous.get("/api/v1/gemeenten"),
        "403": raadslid.patch("/api/v1/samenwerkingsverbanden/bel", {"omschrijving": "x"}, format="json"),
        "404": raadslid.get(f"/api/v1/samenwerkingsverbanden/{kempen.slug}"),
        "404 route": raadslid.get("/api/v1/bestaat-niet"),
        "405": raadslid.delete("/api/v1/gemeenten/GM0417"),
    }
    for label, response in responses.items():
        assert response.get("API-Version") == "1.0.0", f"API-Version missing on {label}"


def test_no_trailing_slashes(api_as: ApiAs) -> None:
    client = api_as("raadslid.laren")
    assert client.get("/api/v1/gemeenten").status_code == 200
    for path in ("/api/v1/gemeenten/", "/api/v1/gemeenten/GM0417/", "/api/v1/samenwerkingsverbanden/"):
        assert_problem(client.get(path), 404)


def test_401_without_credentials() -> None:
    body = assert_problem(APIClient().get("/api/v1/samenwerkingsverbanden"), 401)
    assert body["detail"]


def test_403_when_the_record_may_be_read_but_not_changed(api_as: ApiAs) -> None:
    client = api_as("raadslid.laren")
    assert client.get("/api/v1/samenwerkingsverbanden/bel").status_code == 200
    assert_problem(
        client.patch("/api/v1/samenwerkingsverbanden/bel", {"omschrijving": "x"}, format="json"), 403
    )


def test_404_when_the_record_may_not_be_known(api_as: ApiAs) -> None:
    client = api_as("raadslid.laren")
    assert_problem(client.get("/api/v1/samenwerkingsverbanden/kempen"), 404)
    assert_problem(
        client.patch("/api/v1/samenwerkingsverbanden/kempen", {"omschrijving": "x"}, format="json"), 404
    )
    assert_problem(client.get("/api/v1/gemeenten/GM9999"), 404)


def test_405_for_a_method_the_resource_does_not_have(api_as: ApiAs) -> None:
    client = api_as("beheerder")
    assert_problem(client.delete("/api/v1/gemeenten/GM0417"), 405)
    assert_problem(client.put("/api/v1/mijn-token", {}, format="json"), 405)


def test_400_lists_every_invalid_field(api_as: ApiAs) -> None:
    client = api_as("beheerder")
    response = client.post(
        "/api/v1/samenwerkingsverbanden",
        {"naam": "", "menu": "menu_9", "rechtsvorm": "vereniging", "startdatum": "gisteren"},
        format="json",
    )
    body = assert_problem(response, 400)
    names = {p["name"] for p in body["invalidParams"]}
    assert {"naam", "menu", "rechtsvorm", "startdatum"} <= names, names
    for param in body["invalidParams"]:
        assert param["reason"], param


def test_400_names_fields_in_camelcase(api_as: ApiAs) -> None:
    client = api_as("directeur.bel")
    eenheid_id = client.get("/api/v1/eenheden").json()["results"][0]["id"]
    medewerker_id = client.get("/api/v1/medewerkers").json()["results"][0]["id"]
    response = client.patch(
        f"/api/v1/medewerkers/{medewerker_id}",
        {"fte": "veel", "schaal": "hoog", "afkomstigVan": "GM0000", "eenheid": eenheid_id},
        format="json",
    )
    body = assert_problem(response, 400)
    names = {p["name"] for p in body["invalidParams"]}
    assert {"fte", "schaal", "afkomstigVan"} <= names, names


def test_412_on_a_stale_version(api_as: ApiAs) -> None:
    client = api_as("wethouder.blaricum")  # a DB member of BEL
    current = client.get("/api/v1/samenwerkingsverbanden/bel")
    etag = current["ETag"]
    assert re.match(r'^W/"\d+"$', etag), etag
    ok = client.patch(
        "/api/v1/samenwerkingsverbanden/bel", {"omschrijving": "eerste"}, format="json", HTTP_IF_MATCH=etag
    )
    assert ok.status_code == 200, ok.content[:300]
    assert ok["ETag"] != etag
    stale = client.patch(
        "/api/v1/samenwerkingsverbanden/bel", {"omschrijving": "tweede"}, format="json", HTTP_IF_MATCH=etag
    )
    assert_problem(stale, 412)
    assert client.get("/api/v1/samenwerkingsverbanden/bel").json()["omschrijving"] == "eerste"


# --- bodies ----------------------------------------------------------------------------------------------------


def _keys(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from _keys(item)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/gemeenten",
        "/api/v1/functionarissen",
        "/api/v1/samenwerkingsverbanden",
        "/api/v1/samenwerkingsverbanden/bel",
        "/api/v1/deelnemers",
        "/api/v1/inbreng",
        "/api/v1/bestuursleden",
        "/api/v1/eenheden",
        "/api/v1/medewerkers",
        "/api/v1/catalogusitems",
    ],
)
def test_camelcase_keys(path: str, api_as: ApiAs) -> None:
    response = api_as("directeur.bel").get(path)
    assert response.status_code == 200, response.content[:300]
    keys = set(_keys(json.loads(response.content)))
    bad = sorted(k for k in keys if not CAMEL.match(k))
    assert bad == [], f"{path}: keys not in camelCase: {bad}"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/gemeenten",
        "/api/v1/samenwerkingsverbanden",
        "/api/v1/eenheden",
        "/api/v1/medewerkers",
        "/api/v1/catalogusitems",
    ],
)
def test_lists_are_paginated(path: str, api_as: ApiAs) -> None:
    client = api_as("directeur.bel")
    first = client.get(path, {"paginaGrootte": 2}).json()
    assert {"count", "next", "previous", "results"} <= set(first), set(first)
    assert first["previous"] is None
    assert len(first["results"]) == min(2, first["count"])
    if first["count"] > 2:
        assert first["next"] and "pagina=2" in first["next"]
        second = client.get(first["next"]).json()
        assert second["previous"]
        assert {r.get("id") or r.get("cbsCode") or r.get("slug") for r in first["results"]}.isdisjoint(
            {r.get("id") or r.get("cbsCode") or r.get("slug") for r in second["results"]}
        )


def test_filters_narrow_a_list(api_as: ApiAs) -> None:
    client = api_as("raadslid.laren")
    alle = client.get("/api/v1/gemeenten").json()["count"]
    noord_holland = client.get("/api/v1/gemeenten", {"provincie": "Noord-Holland"}).json()
    assert 0 < noord_holland["count"] < alle
    assert {g["provincie"] for g in noord_holland["results"]} == {"Noord-Holland"}


# --- authentication ---------------------------------------------------------------------------------------------


def test_token_authentication_with_a_key_from_seta_token() -> None:
    out = io.StringIO()
    call_command("token", "wethouder.blaricum", stdout=out)
    key = out.getvalue().strip()
    assert re.match(r"^seta_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$", key), key
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = client.get("/api/v1/samenwerkingsverbanden")
    assert response.status_code == 200
    assert [sv["slug"] for sv in response.json()["results"]] == ["bel"]  # the token acts as that user


def test_wrong_token_is_401_problem() -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    body = assert_problem(client.get("/api/v1/gemeenten"), 401)
    assert body["detail"]


def test_filters_use_camelcase_query_keys(api_as: ApiAs) -> None:
    """``deadlineNa``, ``gerichtAan``, ``teLaat`` (NL API Design Rules); the old snake_case keys filter nothing."""
    client = api_as("wethouder.blaricum")
    alle = client.get("/api/v1/bestuursopdrachten").json()["count"]
    later = client.get("/api/v1/bestuursopdrachten", {"deadlineNa": "2100-01-01"}).json()["count"]
    assert alle > 0 and later == 0
    assert client.get("/api/v1/bestuursopdrachten", {"deadlineVoor": "1900-01-01"}).json()["count"] == 0
    vragen = client.get("/api/v1/bestuursvragen").json()["results"]
    assert vragen
    gericht = vragen[0]["gerichtAan"]
    gefilterd = client.get("/api/v1/bestuursvragen", {"gerichtAan": gericht}).json()["results"]
    assert gefilterd and {v["gerichtAan"] for v in gefilterd} == {gericht}
    laat = client.get("/api/v1/bestuursvragen", {"teLaat": "true"}).json()["results"]
    assert all(v["teLaat"] for v in laat)
    op_tijd = client.get("/api/v1/bestuursvragen", {"teLaat": "false"}).json()["results"]
    assert not any(v["teLaat"] for v in op_tijd)
