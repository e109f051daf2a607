"""Every API update names the version it is based on: without If-Match 428 (problem+json naming the
header), after the permission check (403/404 first, as HTTP evaluates preconditions last); the OpenAPI
document says so for every such operation, read from the code.

Before: a PATCH without If-Match was accepted (20 parallel ones: 20 × 200, 19 silent overwrites).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from seta.core.errors import PreconditionRequired, StaleVersion
from seta.core.services import VERSION_REQUIRED, update_fields
from seta.samenwerkingsverbanden.models import Samenwerkingsverband

pytestmark = pytest.mark.django_db

OPENAPI = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"


def test_patch_without_if_match_is_428_naming_the_header(api_as: Any) -> None:
    sv = Samenwerkingsverband.objects.get(slug="bel")
    r = api_as("wethouder.blaricum").patch(
        "/api/v1/samenwerkingsverbanden/bel", {"omschrijving": "Zonder versie"}, format="json"
    )
    assert r.status_code == 428
    assert r["Content-Type"].startswith("application/problem+json")
    body = r.json()
    assert body["title"] == "Versie vereist" and body["status"] == 428 and "If-Match" in body["detail"]
    assert [p["name"] for p in body["invalidParams"]] == ["If-Match"]
    sv.refresh_from_db()
    assert sv.omschrijving != "Zonder versie"


def test_the_body_field_versie_is_an_alternative(api_as: Any) -> None:
    sv = Samenwerkingsverband.objects.get(slug="bel")
    r = api_as("wethouder.blaricum").patch(
        "/api/v1/samenwerkingsverbanden/bel",
        {"omschrijving": "Met versie", "versie": sv.versie},
        format="json",
    )
    assert r.status_code == 200 and r["ETag"] == f'W/"{sv.versie + 1}"'


def test_forbidden_and_unknown_come_before_428(api_as: Any) -> None:
    # a pool director may read the cooperation but not change its form
    r = api_as("directeur.bel").patch(
        "/api/v1/samenwerkingsverbanden/bel", {"omschrijving": "x"}, format="json"
    )
    assert r.status_code == 403
    r = api_as("directeur.kempen").patch(
        "/api/v1/samenwerkingsverbanden/bel", {"omschrijving": "x"}, format="json"
    )
    assert r.status_code == 404


def test_state_changing_action_without_if_match_is_428(api_as: Any, user_named: Any) -> None:
    from seta.uren.models import Weekstaat, Weekstatus

    mw = user_named("medewerker.bel").medewerker
    staat = Weekstaat.objects.filter(medewerker=mw, status=Weekstatus.GOEDGEKEURD).first()
    assert staat is not None
    client = api_as("teamleider.bel")
    r = client.post(f"/api/v1/weekstaten/{staat.pk}/heropenen", {"reden": "Controle"}, format="json")
    assert r.status_code == 428
    r = client.post(
        f"/api/v1/weekstaten/{staat.pk}/heropenen",
        {"reden": "Controle"},
        format="json",
        HTTP_IF_MATCH=f'W/"{staat.versie}"',
    )
    assert r.status_code == 200


def test_budget_post_creates_without_but_updates_only_with_if_match(api_as: Any) -> None:
    from seta.financien.models import Begroting

    client = api_as("controller.bel")
    body = {
        "samenwerkingsverband": "bel",
        "jaar": 2030,
        "personeel": "1000",
        "materieel": "100",
        "overhead": "10",
    }
    assert client.post("/api/v1/begrotingen", body, format="json").status_code == 201  # a concept
    begroting = Begroting.objects.get(samenwerkingsverband__slug="bel", jaar=2030)
    assert client.post("/api/v1/begrotingen", body, format="json").status_code == 428
    r = client.post("/api/v1/begrotingen", body, format="json", HTTP_IF_MATCH=f'W/"{begroting.versie}"')
    assert r.status_code in {200, 201}, r.content
    r = client.post("/api/v1/begrotingen", {**body, "jaar": 2031}, format="json")
    assert r.status_code == 201, r.content  # a new year's budget is a create: no version needed


def test_update_fields_compares_and_swaps(actor_named: Any) -> None:
    """The one helper refuses an update based on an older version, also when the caller forgot to lock."""
    from django.db import transaction

    actor = actor_named("beheerder")
    stale = Samenwerkingsverband.objects.get(slug="bel")
    Samenwerkingsverband.objects.filter(pk=stale.pk).update(versie=stale.versie + 1)  # someone else won
    with pytest.raises(StaleVersion), transaction.atomic():
        update_fields(
            stale, actor=actor, action="samenwerkingsverband.wijzigen", changes={"omschrijving": "x"}
        )
    with pytest.raises(PreconditionRequired), transaction.atomic():
        update_fields(
            stale,
            actor=actor,
            action="samenwerkingsverband.wijzigen",
            changes={"omschrijving": "x"},
            expected_version=VERSION_REQUIRED,
        )
    fresh = Samenwerkingsverband.objects.get(pk=stale.pk)
    with transaction.atomic():
        update_fields(
            fresh,
            actor=actor,
            action="samenwerkingsverband.wijzigen",
            changes={"omschrijving": "y"},
            expected_version=fresh.versie,
        )
    assert Samenwerkingsverband.objects.get(pk=stale.pk).versie == stale.versie + 2


def test_openapi_documents_if_match_and_428_on_every_update() -> None:
    document = json.loads(OPENAPI.read_text(encoding="utf-8"))
    server = document["servers"][0]["url"].rstrip("/")  # paths are relative to the server URL
    operations = {
        (method, server + path): operation
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in {"post", "patch", "put", "delete"}
    }
    for key in [
        ("patch", "/api/v1/samenwerkingsverbanden/{slug}"),
        ("patch", "/api/v1/medewerkers/{id}"),
        ("patch", "/api/v1/functionarissen/{id}"),
        ("post", "/api/v1/functionarissen/{id}/beeindigen"),
        ("post", "/api/v1/bestuursopdrachten/{id}/opdragen"),
        ("post", "/api/v1/weekstaten/{id}/goedkeuren"),
        ("delete", "/api/v1/urenregels/{id}"),
    ]:
        operation = operations[key]
        headers = {p["name"]: p for p in operation.get("parameters", []) if p["in"] == "header"}
        assert headers["If-Match"]["required"] is True, key
        assert {"412", "428"} <= set(operation["responses"]), key
        assert "application/problem+json" in operation["responses"]["428"]["content"], key
    creates = [
        k for k, op in operations.items() if k[0] == "post" and "{" not in k[1] and "428" in op["responses"]
    ]
    # a create never needs If-Match; the budget and the exit rule upsert (If-Match only to change one)
    assert sorted(creates) == [("post", "/api/v1/begrotingen"), ("post", "/api/v1/uittredingsregels")]
    for _, pad in creates:
        upsert = {p["name"]: p for p in operations[("post", pad)]["parameters"]}
        assert upsert["If-Match"]["required"] is False, pad


def _open_vraag() -> Any:
    from seta.opdrachten.models import Bestuursvraag

    return Bestuursvraag.objects.filter(samenwerkingsverband__slug="bel", status="open").first()


def _scenario() -> Any:
    from seta.financien.models import Scenario

    return Scenario.objects.filter(samenwerkingsverband__slug="bel").first()


def _tarief() -> Any:
    from seta.financien.models import Tarief

    return Tarief.objects.filter(samenwerkingsverband__slug="bel").first()


def _scan() -> Any:
    from seta.scan.models import Scansessie

    return Scansessie.objects.filter(eigenaar__username="secretaris.laren").first()


def _casus() -> Any:
    from seta.scan.models import Casus

    return Casus.objects.first()


# The updates that did not take a version before (issue 8, "Require If-Match on every update"):
# withdrawing a question, recalculating a scenario, and the DELETEs of versioned records.
ZONDER_VERSIE_VOORHEEN = [
    ("directeur.bel", "post", _open_vraag, "/api/v1/bestuursvragen/{pk}/intrekken", {"reden": "Vervallen"}),
    ("controller.bel", "post", _scenario, "/api/v1/scenarios/{pk}/berekenen", None),
    ("controller.bel", "delete", _tarief, "/api/v1/tarieven/{pk}", None),
    ("secretaris.laren", "delete", _scan, "/api/v1/scans/{pk}", None),
    ("beheerder", "delete", _casus, "/api/v1/casussen/{pk}", None),
]


@pytest.mark.parametrize(
    ("username", "method", "record", "url", "body"),
    ZONDER_VERSIE_VOORHEEN,
    ids=["intrekken", "scenario-berekenen", "tarief-verwijderen", "scan-verwijderen", "casus-verwijderen"],
)
def test_updates_that_took_no_version_now_require_if_match(
    api_as: Any, username: str, method: str, record: Any, url: str, body: Any
) -> None:
    obj = record()
    assert obj is not None, "the demo holds such a record"
    client = api_as(username)
    path = url.format(pk=obj.pk)
    send = getattr(client, method)
    kwargs: dict[str, Any] = {"format": "json"} if body is not None else {}
    args = (path, body) if body is not None else (path,)
    r = send(*args, **kwargs)
    assert r.status_code == 428, r.content[:300]
    assert type(obj).objects.filter(pk=obj.pk, versie=obj.versie).exists()  # nothing changed
    r = send(*args, **kwargs, HTTP_IF_MATCH=f'W/"{obj.versie + 5}"')
    assert r.status_code == 412
    r = send(*args, **kwargs, HTTP_IF_MATCH=f'W/"{obj.versie}"')
    assert r.status_code in (200, 204), r.content[:300]
