"""The API contract findings of issue 8, each checked against the real WSGI application.

Responses are validated by schemathesis against the committed ``openapi/openapi.json``, so "the
document says X, the API answers Y" fails here:

- fields answered as ``null`` are declared nullable;
- ``/scanvragen`` answers the paginated shape the document describes;
- the scenario as a JSON download (``?formaat=json``) and ``/vergelijking`` match their schema;
- errors of the PDF endpoints are problem+json with a body (content negotiation picked the PDF renderer);
- HEAD answers the headers of GET without a body.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from werkzeug.test import Client, TestResponse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wsgi_in_test_transaction")]

COMMITTED = Path(__file__).resolve().parents[1] / "openapi" / "openapi.json"
DOCUMENT = json.loads(COMMITTED.read_text(encoding="utf-8"))
SCHEMA = schemathesis.openapi.from_path(COMMITTED)
PROBLEM = "application/problem+json"

#: (component, property, list path) of every field the API answered as null without declaring it.
NULLABLE = [
    ("Afrekening", "vastgesteldDoor", "/afrekeningen"),
    ("Bestuursvraag", "wethouderNaam", "/bestuursvragen"),
    ("Eenheid", "gastgemeente", "/eenheden"),
    ("Gemeente", "opgegaanIn", "/gemeenten"),
    ("Samenwerkingsverband", "gastheergemeente", "/samenwerkingsverbanden"),
    ("Tarief", "eenheid", "/tarieven"),
    ("Urenregel", "opdracht", "/urenregels"),
    ("Urenregel", "gemeente", "/urenregels"),
    ("Urenregel", "catalogusitem", "/urenregels"),
    ("Verdeelmodel", "voorganger", "/verdeelmodellen"),
    ("Verdeelmodel", "vastgesteldDoor", "/verdeelmodellen"),
    ("Weekstaat", "goedgekeurdDoor", "/weekstaten"),
]
USERS = ("directeur.bel", "controller.bel", "wethouder.blaricum", "medewerker.bel")


class Api:
    """A WSGI client (werkzeug's, as schemathesis uses) that sends the user's token on every request."""

    def __init__(self, authorization: str | None) -> None:
        self.client = Client(get_wsgi_application())
        self.authorization = authorization

    def open(self, method: str, url: str, headers: dict[str, str] | None = None, **kw: Any) -> TestResponse:
        headers = dict(headers or {})
        if self.authorization:
            headers["Authorization"] = self.authorization
        return self.client.open(url, method=method, headers=headers, **kw)

    def get(self, url: str, **kw: Any) -> TestResponse:
        return self.open("GET", url, **kw)

    def head(self, url: str, **kw: Any) -> TestResponse:
        return self.open("HEAD", url, **kw)


@pytest.fixture
def client(token_for: Callable[[str], str]) -> Callable[[str | None], Api]:
    def make(username: str | None) -> Api:
        return Api(token_for(username) if username else None)

    return make


def validate(response: TestResponse, path: str, method: str = "GET") -> None:
    SCHEMA[path][method].validate_response(response)


@pytest.mark.parametrize(("component", "prop", "path"), NULLABLE)
def test_fields_answered_as_null_are_declared_nullable(
    component: str, prop: str, path: str, client: Callable[[str | None], Api]
) -> None:
    assert DOCUMENT["components"]["schemas"][component]["properties"][prop].get("nullable") is True
    nulls = 0
    for user in USERS:
        response = client(user).get(f"/api/v1{path}", query_string={"paginaGrootte": 500})
        assert response.status_code == 200, response.text[:300]
        validate(response, path)
        nulls += sum(1 for row in response.json["results"] if row.get(prop, "") is None)
    assert nulls, f"no demo record answers {component}.{prop} = null: pick another example"


def test_weekstaat_history_door_is_nullable(client: Callable[[str | None], Api]) -> None:
    door = DOCUMENT["components"]["schemas"]["Weekovergang"]["properties"]["door"]
    assert door.get("nullable") is True
    response = client("directeur.bel").get("/api/v1/weekstaten", query_string={"paginaGrootte": 500})
    validate(response, "/weekstaten")


def test_scanvragen_answers_the_documented_paginated_shape(client: Callable[[str | None], Api]) -> None:
    response = client("wethouder.blaricum").get("/api/v1/scanvragen")
    assert response.status_code == 200
    validate(response, "/scanvragen")
    body = response.json
    assert body["count"] == len(body["results"]) > 0  # the whole questionnaire on one page
    assert client("wethouder.blaricum").get("/api/v1/scanvragen?paginaGrootte=5").json["next"]


def test_scenario_json_download_and_comparison_match_the_document(
    client: Callable[[str | None], Api],
) -> None:
    c = client("controller.bel")
    scenario = c.get("/api/v1/scenarios").json["results"][0]["id"]
    record = c.get(f"/api/v1/scenarios/{scenario}")
    validate(record, "/scenarios/{id}")
    download = c.get(f"/api/v1/scenarios/{scenario}", query_string={"formaat": "json"})
    assert download.status_code == 200
    assert download.headers["Content-Type"].startswith("application/json")
    validate(download, "/scenarios/{id}")
    assert {"jaar", "modellen", "gemeenten", "totalen"} <= set(download.json)
    comparison = c.get(f"/api/v1/scenarios/{scenario}/vergelijking")
    validate(comparison, "/scenarios/{id}/vergelijking")
    for formaat, media_type in (("xlsx", "application/vnd.openxml"), ("csv", "text/csv")):
        response = c.get(f"/api/v1/scenarios/{scenario}", query_string={"formaat": formaat})
        assert response.headers["Content-Type"].startswith(media_type)
        validate(response, "/scenarios/{id}")


@pytest.mark.parametrize(
    ("url", "headers"),
    [
        ("/api/v1/scans/999999/rapport.pdf", {}),
        ("/api/v1/scans/999999/rapport.pdf", {"Accept": "application/pdf"}),
        ("/api/v1/scans/999999?format=pdf", {}),
        ("/api/v1/scans/999999?formaat=pdf", {"Accept": "application/pdf"}),
    ],
)
@pytest.mark.parametrize("username", ["wethouder.blaricum", None])
def test_errors_of_pdf_endpoints_are_problem_json(
    url: str, headers: dict[str, str], username: str | None, client: Callable[[str | None], Api]
) -> None:
    response = client(username).get(url, headers=headers)
    status = 404 if username else 401
    assert response.status_code == status
    assert response.headers.get("Content-Type") == PROBLEM, response.headers
    assert response.json["status"] == status
    assert response.json["title"]


def test_head_answers_the_headers_of_get_without_a_body(client: Callable[[str | None], Api]) -> None:
    c = client("directeur.bel")
    for url in ("/api/v1/gemeenten", "/api/v1/samenwerkingsverbanden/bel", "/api/v1/openapi.json"):
        get = c.get(url)
        head = c.head(url)
        assert head.status_code == get.status_code == 200, url
        assert head.get_data() == b"", url
        assert head.headers["Content-Length"] == str(len(get.get_data())), url
        assert head.headers["Content-Type"] == get.headers["Content-Type"], url
        assert head.headers["API-Version"], url
    page = client(None).head("/inloggen")
    assert page.get_data() == b""


@pytest.mark.parametrize(
    ("method", "url", "body", "name"),
    [
        ("GET", "/api/v1/gemeenten?provincie=Noord%00Holland", None, "provincie"),
        ("GET", "/api/v1/bestuursopdrachten?gemeente=%00", None, "gemeente"),
        (
            "POST",
            "/api/v1/catalogusitems",
            {"samenwerkingsverband": "bel", "taakgebied": "\x00"},
            "taakgebied",
        ),
        ("PATCH", "/api/v1/samenwerkingsverbanden/bel", {"omschrijving": "a\x00b"}, "omschrijving"),
        ("POST", "/api/v1/scans", {"naam": "x", "antwoorden": {"a\x00": 1}}, "antwoorden.a\\x00"),
    ],
)
def test_a_nul_character_in_any_input_is_a_400_not_a_database_error(
    method: str, url: str, body: Any, name: str, client: Callable[[str | None], Api]
) -> None:
    """PostgreSQL refuses NUL in text (500 before, from the lookup); SQLite took it silently."""
    response = client("wethouder.blaricum").open(
        method, url, data=json.dumps(body) if body is not None else None, content_type="application/json"
    )
    assert response.status_code == 400, response.text[:300]
    assert response.headers["Content-Type"] == PROBLEM
    params = response.json["invalidParams"]
    assert params == [{"name": name, "code": "invalid", "reason": "Mag geen NUL-teken bevatten."}], params
