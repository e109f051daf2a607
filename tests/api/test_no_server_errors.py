"""No input makes the API answer 500: huge ids and integers, bad years, oversized and deeply nested bodies.

The routes come from the OpenAPI document (every list filter and every path id), not from a hand-made list,
so a new endpoint is covered the day it is added.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from drf_spectacular.generators import SchemaGenerator

from seta.core.bounds import JAAR_MAX, JAAR_MIN
from seta.financien.models import Verdeelmodel

pytestmark = pytest.mark.django_db

HUGE = str(2**70)  # beyond 64 bits: SQLite raised OverflowError
PAGINATION = {"pagina", "paginaGrootte"}


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return SchemaGenerator().get_schema(request=None, public=True)


def _operations(document: dict[str, Any], method: str) -> list[tuple[str, dict[str, Any]]]:
    # The document's paths are relative to its server URL (/api/v1).
    server = document["servers"][0]["url"].rstrip("/")
    return [(server + path, ops[method]) for path, ops in document["paths"].items() if method in ops]


def _fill(path: str, op: dict[str, Any], value: str) -> str:
    for param in op.get("parameters", []):
        if param["in"] == "path":
            integer = param.get("schema", {}).get("type") == "integer"
            path = path.replace("{" + param["name"] + "}", value if integer else "onbekend")
    return path


def _integer_query_params(op: dict[str, Any]) -> list[str]:
    return [
        p["name"]
        for p in op.get("parameters", [])
        if p["in"] == "query"
        and p.get("schema", {}).get("type") in ("integer", "number")
        and p["name"] not in PAGINATION
    ]


@pytest.mark.parametrize("user", ["directeur.bel", "wethouder.blaricum"])
def test_every_integer_filter_refuses_a_huge_value_naming_it(
    api_as: Any, document: dict[str, Any], user: str
) -> None:
    client = api_as(user)
    checked = []
    for path, op in _operations(document, "get"):
        target = _fill(path, op, "1")
        for name in _integer_query_params(op):
            for value in (HUGE, f"-{HUGE}"):
                r = client.get(target, {name: value})
                assert r.status_code in (400, 404), (target, name, r.status_code, r.content[:300])
                if r.status_code == 400:
                    assert name in {p["name"] for p in r.json().get("invalidParams", [])}, (target, name)
                checked.append((target, name))
    # the findings of the probe are among them
    names = {(t, n) for t, n in checked}
    for finding in [
        ("/api/v1/bestuursopdrachten", "catalogusitem"),
        ("/api/v1/bestuursopdrachten", "eenheid"),
        ("/api/v1/bestuursopdrachten", "portefeuille"),
        ("/api/v1/urenregels", "medewerker"),
        ("/api/v1/bestuursvragen", "bestuursopdracht"),
        ("/api/v1/wijzigingsverzoeken", "bestuursopdracht"),
    ]:
        assert finding in names


def test_list_filters_answer_400_not_500(api_as: Any) -> None:
    r = api_as("directeur.bel").get("/api/v1/bestuursopdrachten", {"catalogusitem": "99999999999999999999"})
    assert r.status_code == 400
    assert r["Content-Type"] == "application/problem+json"
    assert r.json()["invalidParams"][0]["name"] == "catalogusitem"


@pytest.mark.parametrize("user", ["directeur.bel", "wethouder.blaricum"])
def test_every_path_id_beyond_64_bits_is_404(api_as: Any, document: dict[str, Any], user: str) -> None:
    client = api_as(user)
    count = 0
    for method in ("get", "post", "patch", "delete"):
        for path, op in _operations(document, method):
            if "{" not in path:
                continue
            target = _fill(path, op, HUGE)
            r = getattr(client, method)(target, {}, format="json") if method != "get" else client.get(target)
            allowed = (404,) if method == "get" or "{id}" in path else (400, 404)
            assert r.status_code in allowed, (method, target, r.status_code, r.content[:300])
            count += 1
    assert count > 50


@pytest.mark.parametrize("jaar", ["0", "-1", "1999", "2101", "abc", "17765635851375394816", ""])
def test_berekenen_with_a_bad_jaar_is_400_naming_jaar(api_as: Any, jaar: str) -> None:
    model = Verdeelmodel.objects.filter(samenwerkingsverband__slug="bel").first()
    assert model is not None
    r = api_as("controller.bel").get(f"/api/v1/verdeelmodellen/{model.pk}/berekenen", {"jaar": jaar})
    assert r.status_code == 400, r.content
    assert [p["name"] for p in r.json()["invalidParams"]] == ["jaar"]


def test_berekenen_with_a_year_in_range_still_works(api_as: Any) -> None:
    model = Verdeelmodel.objects.filter(samenwerkingsverband__slug="bel").first()
    assert model is not None
    r = api_as("controller.bel").get(f"/api/v1/verdeelmodellen/{model.pk}/berekenen", {"jaar": "2025"})
    assert r.status_code == 200, r.content


@pytest.mark.parametrize("jaar", [17765635851375394816, 0, JAAR_MIN - 1, JAAR_MAX + 1])
def test_begroting_with_an_absurd_jaar_is_400_naming_jaar(api_as: Any, jaar: int) -> None:
    body = {
        "samenwerkingsverband": "bel",
        "jaar": jaar,
        "personeel": "1.00",
        "materieel": "1.00",
        "overhead": "1.00",
    }
    r = api_as("controller.bel").post("/api/v1/begrotingen", body, format="json")
    assert r.status_code == 400, r.content
    assert "jaar" in [p["name"] for p in r.json()["invalidParams"]]


@pytest.mark.parametrize(
    ("path", "body"),
    [
        (
            "/api/v1/scenarios",
            {"samenwerkingsverband": "bel", "naam": "x", "jaar": 2025, "verdeelmodellen": [2**70]},
        ),
        ("/api/v1/afrekeningen", {"samenwerkingsverband": "bel", "jaar": 2025, "verdeelmodel": 2**70}),
        ("/api/v1/urenregels", {"medewerker": 2**70, "datum": "2025-03-03", "uren": "1.00"}),
    ],
)
def test_huge_ids_in_a_body_are_400(api_as: Any, path: str, body: dict[str, Any]) -> None:
    r = api_as("controller.bel").post(path, body, format="json")
    assert r.status_code == 400, r.content


def test_a_body_over_the_limit_is_413_problem(api_as: Any, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client = api_as("directeur.bel")
    for kwargs in (
        {"data": json.dumps({"naam": "x" * 20_000}), "content_type": "application/json"},
        {"data": {"naam": "x" * 20_000}},
    ):
        r = client.post("/api/v1/catalogusitems", **kwargs)
        assert r.status_code == 413, r.content
        assert r["Content-Type"] == "application/problem+json"
        assert r.json()["title"] == "Verzoek te groot"


@pytest.mark.parametrize("depth", [100_000, 1_000, 65])
@pytest.mark.parametrize("path", ["/api/v1/catalogusitems", "/api/v1/verdeelmodellen", "/api/v1/scans"])
def test_json_nested_too_deep_is_400(api_as: Any, depth: int, path: str) -> None:
    client = api_as("directeur.bel")
    for body in ("[" * depth + "]" * depth, '{"a":' * depth + "1" + "}" * depth):
        r = client.post(path, body, content_type="application/json")
        assert r.status_code == 400, r.content[:300]
        assert "te diep genest" in r.json()["detail"]


def test_json_within_the_depth_limit_is_parsed(api_as: Any) -> None:
    client = api_as("directeur.bel")
    body = '{"naam": ' + "[" * 30 + "]" * 30 + "}"
    r = client.post("/api/v1/catalogusitems", body, content_type="application/json")
    assert r.status_code == 400
    assert "te diep genest" not in r.json()["detail"]


@pytest.mark.parametrize(
    ("path", "veld"),
    [
        ("/api/v1/catalogusitems", "soort"),
        ("/api/v1/urenregels", "soort"),
        ("/api/v1/bestuursopdrachten", "prioriteit"),
    ],
)
def test_a_lone_surrogate_in_json_is_400(api_as: Any, path: str, veld: str) -> None:
    # valid JSON, not valid text: echoing it in the error message raised UnicodeEncodeError (500)
    body = '{"' + veld + '": "\\ud800"}'
    r = api_as("controller.bel").post(path, body, content_type="application/json")
    assert r.status_code == 400, r.content[:300]
    assert "ongeldig teken" in r.json()["detail"]


@pytest.mark.parametrize("configuratie", ["bel", 1, [1, 2], None, True])
def test_verdeelmodel_configuratie_must_be_an_object(api_as: Any, configuratie: Any) -> None:
    body = {"samenwerkingsverband": "bel", "naam": "Fuzz", "configuratie": configuratie}
    r = api_as("controller.bel").post("/api/v1/verdeelmodellen", body, format="json")
    assert r.status_code == 400, r.content[:300]
    assert [p["name"] for p in r.json()["invalidParams"]] == ["configuratie"]


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/catalogusitems", '{"samenwerkingsverband": "x\\u0000y"}'),
        ("/api/v1/bestuursvragen", '{"gemeente": "x\\u0000y"}'),
        (
            "/api/v1/verdeelmodellen",
            '{"samenwerkingsverband": "bel", "naam": "x", "configuratie": {"a": "\\u0000"}}',
        ),
    ],
)
def test_a_nul_character_in_json_is_400(api_as: Any, path: str, body: str) -> None:
    # PostgreSQL can neither compare nor store NUL: these were 500s there
    r = api_as("controller.bel").post(path, body, content_type="application/json")
    assert r.status_code == 400, r.content[:300]
    assert "NUL" in r.json()["detail"]


def test_a_nul_character_in_a_form_body_is_400(api_as: Any) -> None:
    r = api_as("controller.bel").post("/api/v1/catalogusitems", {"samenwerkingsverband": "x\x00y"})
    assert r.status_code == 400
    assert "NUL" in r.json()["detail"]


@pytest.mark.parametrize(
    "path", ["/api/v1/eenmansposten", "/api/v1/catalogusitems", "/catalogus/", "/gemeenten/"]
)
def test_a_nul_character_in_the_query_is_400(client: Any, user_named: Any, path: str) -> None:
    client.force_login(user_named("directeur.bel"))
    r = client.get(path + "?samenwerkingsverband=x%00y&zoek=%00")
    assert r.status_code == 400
    if path.startswith("/api/"):
        assert r["Content-Type"] == "application/problem+json"
        assert r["API-Version"]


def test_a_nul_character_in_a_multipart_field_is_400_naming_it(api_as: Any) -> None:
    # The hours upload uses the house multipart parser, which refuses NUL like the JSON and form parsers.
    from django.core.files.uploadedfile import SimpleUploadedFile

    r = api_as("directeur.bel").post(
        "/api/v1/urenimports",
        {"samenwerkingsverband": "b\x00el", "bestand": SimpleUploadedFile("uren.csv", b"a;b\n")},
        format="multipart",
    )
    assert r.status_code == 400 and "NUL" in r.json()["detail"]
    assert [p["name"] for p in r.json()["invalidParams"]] == ["samenwerkingsverband"]
