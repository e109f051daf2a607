"""API of the planning rules: list, create, read with ETag and toegestaneActies, PATCH with If-Match (412/428),
the actions vaststellen and nieuwe-versie, history, problem+json for bad input."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from .regels_hulp import sv, vastgesteld

pytestmark = pytest.mark.django_db
BASIS = "/api/v1/planningsregels"


def test_list_and_read(api_as: Callable[[str], Any], actor_named: Any) -> None:
    r = vastgesteld(actor_named)
    laren = api_as("raadslid.laren")
    lijst = laren.get(BASIS, {"samenwerkingsverband": sv().pk}).json()["results"]
    assert {(x["jaar"], x["status"]) for x in lijst} == {(2026, "vastgesteld"), (2027, "vastgesteld")}
    antwoord = laren.get(f"{BASIS}/{r.pk}")
    assert antwoord.status_code == 200 and antwoord["ETag"] == f'W/"{r.versie}"'
    data = antwoord.json()
    assert data["besluitBestuur"]["orgaan"] == "dagelijks_bestuur" and data["toegestaneActies"] == []
    assert data["prioriteitsgewichten"] == {"hoog": "4", "normaal": "2", "laag": "1"}
    assert api_as("directeur.bel").get(f"{BASIS}/{r.pk}").json()["toegestaneActies"] == ["nieuwe_versie"]
    assert api_as("directeur.kempen").get(f"{BASIS}/{r.pk}").status_code == 404


def test_create_edit_adopt_through_the_api(api_as: Callable[[str], Any]) -> None:
    directeur = api_as("directeur.bel")
    nieuw = directeur.post(
        BASIS,
        {
            "samenwerkingsverband": sv().pk,
            "jaar": 2028,
            "grondslag": "vast",
            "aandelen": [
                {"code": "GM0376", "percentage": "40"},
                {"code": "GM0417", "percentage": "35"},
                {"code": "GM0317", "percentage": "25"},
            ],
            "regulierPerEenheid": [{"code": "werk-inkomen", "percentage": "70"}],
            "meetperiode": "halfjaar",
        },
        format="json",
    )
    assert nieuw.status_code == 201, nieuw.json()
    data = nieuw.json()
    assert {a["code"] for a in data["aandelen"]} == {"GM0376", "GM0417", "GM0317"}
    assert data["regulierPerEenheid"] == [{"code": "werk-inkomen", "percentage": "70"}]
    assert data["toegestaneActies"] == ["wijzigen"]
    url = f"{BASIS}/{data['id']}"
    assert directeur.patch(url, {"drempelProcentpunt": "3"}, format="json").status_code == 428
    assert (
        directeur.patch(url, {"drempelProcentpunt": "3"}, format="json", HTTP_IF_MATCH='W/"9"').status_code
        == 412
    )
    gewijzigd = directeur.patch(
        url,
        {"drempelProcentpunt": "3", "prioriteitsgewichten": {"hoog": "8", "normaal": "2", "laag": "1"}},
        format="json",
        HTTP_IF_MATCH=nieuw["ETag"],
    )
    assert gewijzigd.status_code == 200 and gewijzigd.json()["drempelProcentpunt"] == "3.0"
    besluit = {"besluit": {"orgaan": "dagelijks_bestuur", "kenmerk": "DB 2026-11/5", "datum": "2026-10-20"}}
    assert (
        directeur.post(
            f"{url}/vaststellen", besluit, format="json", HTTP_IF_MATCH=gewijzigd["ETag"]
        ).status_code
        == 403
    )
    db = api_as("burgemeester.laren")
    assert db.post(f"{url}/vaststellen", besluit, format="json").status_code == 428
    vast = db.post(f"{url}/vaststellen", besluit, format="json", HTTP_IF_MATCH=gewijzigd["ETag"])
    assert vast.status_code == 200 and vast.json()["status"] == "vastgesteld"
    assert vast.json()["besluitBestuur"]["kenmerk"] == "DB 2026-11/5"
    v2 = directeur.post(f"{url}/nieuwe-versie", {}, format="json", HTTP_IF_MATCH=vast["ETag"])
    assert v2.status_code == 201 and v2.json()["volgnummer"] == 2 and v2.json()["vervangt"] == data["id"]
    historie = directeur.get(f"{url}/historie").json()
    assert historie[0]["wat"].startswith("Vastgesteld") and historie[-1]["wat"] == "Concept opgesteld"


def test_bad_input_is_problem_json_naming_the_fields(api_as: Callable[[str], Any]) -> None:
    directeur = api_as("directeur.bel")
    slecht = directeur.post(
        BASIS,
        {
            "samenwerkingsverband": sv().pk,
            "jaar": 2028,
            "grondslag": "vast",
            "aandelen": [{"code": "GM9999", "percentage": "100"}],
            "prioriteitsgewichten": {"hoog": "0", "normaal": "1", "laag": "1"},
        },
        format="json",
    )
    assert slecht.status_code == 400 and slecht["Content-Type"].startswith("application/problem+json")
    namen = {p["name"] for p in slecht.json()["invalidParams"]}
    assert {"aandelen.GM9999", "prioriteitsgewichten.hoog"} <= namen, namen
    assert (
        directeur.post(BASIS, {"samenwerkingsverband": 10**6, "jaar": 2028}, format="json").status_code == 400
    )
    assert (
        directeur.post(BASIS, {"samenwerkingsverband": sv().pk, "jaar": "x"}, format="json").status_code
        == 400
    )
    assert directeur.post(f"{BASIS}/{10**6}/vaststellen", {}, format="json").status_code == 404
    dubbel = directeur.post(BASIS, {"samenwerkingsverband": sv().pk, "jaar": 2027}, format="json")
    assert dubbel.status_code == 409 and dubbel["Content-Type"].startswith("application/problem+json")


def test_adopting_needs_the_decision(api_as: Callable[[str], Any], actor_named: Any) -> None:
    from .regels_hulp import concept

    r = concept(actor_named)
    antwoord = api_as("burgemeester.laren").post(
        f"{BASIS}/{r.pk}/vaststellen",
        {"besluit": {"orgaan": "algemeen_bestuur", "kenmerk": "AB 1", "datum": "2026-10-20"}},
        format="json",
        HTTP_IF_MATCH=f'W/"{r.versie}"',
    )
    assert antwoord.status_code == 400
    assert {p["name"] for p in antwoord.json()["invalidParams"]} == {"besluit.orgaan"}
