"""API of the werkorganisatie: filters, scope (404 vs 403), problem+json, query-count guards."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from seta.organisatie.models import Eenheid, Medewerker

pytestmark = pytest.mark.django_db

ApiAs = Callable[[str | None], APIClient]


def test_eenheden_carry_tree_information(api_as: ApiAs, eenheid: Callable[[str, str], Eenheid]) -> None:
    r = api_as("raadslid.laren").get(
        "/api/v1/eenheden", {"samenwerkingsverband": "bel", "paginaGrootte": 100}
    )
    assert r.status_code == 200
    assert r.json()["count"] == Eenheid.objects.filter(samenwerkingsverband__slug="bel").count()
    team = next(e for e in r.json()["results"] if e["code"] == "werk-inkomen")
    assert team["pad"] == ["Directie BEL Combinatie", "Eenheid Sociaal domein", "Team Werk en Inkomen"]
    assert team["bovenliggend"] == eenheid("bel", "sociaal").pk
    assert (
        team["aantalMedewerkers"]
        == Medewerker.objects.filter(
            eenheid__code="werk-inkomen", eenheid__samenwerkingsverband__slug="bel", uit_dienst__isnull=True
        ).count()
    )
    root = next(e for e in r.json()["results"] if e["code"] == "directie")
    assert root["aantalMedewerkersTotaal"] >= 150 and float(root["fteTotaal"]) > 100


def test_kempen_eenheden_show_their_host(api_as: ApiAs) -> None:
    r = api_as("directeur.kempen").get(
        "/api/v1/eenheden", {"samenwerkingsverband": "kempen", "soort": "eenheid"}
    )
    hosts = {e["code"]: e["gastgemeente"] for e in r.json()["results"]}
    assert hosts["ict"] == "GM0770"  # Eersel
    assert hosts["hr"] == "GM1728"  # Bladel


def test_raadslid_cannot_see_staff_but_can_see_units_and_catalogue(
    api_as: ApiAs, staff_of: Callable[[str], Medewerker]
) -> None:
    client = api_as("raadslid.laren")
    assert client.get("/api/v1/medewerkers", {"samenwerkingsverband": "bel"}).json()["count"] == 0
    assert client.get(f"/api/v1/medewerkers/{staff_of('medewerker.bel').pk}").status_code == 404
    assert client.get("/api/v1/eenheden", {"samenwerkingsverband": "bel"}).json()["count"] > 0
    assert client.get("/api/v1/catalogusitems", {"samenwerkingsverband": "bel"}).json()["count"] >= 40


def test_kempen_user_sees_nothing_of_bel(
    api_as: ApiAs, eenheid: Callable[[str, str], Eenheid], staff_of: Callable[[str], Medewerker]
) -> None:
    client = api_as("teamleider.kempen")
    for path in ("/api/v1/eenheden", "/api/v1/medewerkers", "/api/v1/catalogusitems"):
        assert client.get(path, {"samenwerkingsverband": "bel"}).json()["count"] == 0
    assert client.get(f"/api/v1/eenheden/{eenheid('bel', 'sociaal').pk}").status_code == 404
    assert client.get(f"/api/v1/medewerkers/{staff_of('medewerker.bel').pk}").status_code == 404
    assert client.get("/api/v1/eenmansposten", {"samenwerkingsverband": "bel"}).status_code == 404


def test_medewerker_filters(api_as: ApiAs, eenheid: Callable[[str, str], Eenheid]) -> None:
    client = api_as("directeur.bel")
    teamleiders = client.get(
        "/api/v1/medewerkers", {"samenwerkingsverband": "bel", "positie": "teamleider", "paginaGrootte": 100}
    ).json()
    assert teamleiders["count"] > 10
    assert {m["positie"] for m in teamleiders["results"]} == {"teamleider"}
    team = eenheid("bel", "hr")
    in_team = client.get("/api/v1/medewerkers", {"eenheid": team.pk}).json()
    assert in_team["count"] == Medewerker.objects.filter(eenheid=team).count()
    laren = client.get("/api/v1/medewerkers", {"afkomstigVan": "GM0417", "paginaGrootte": 500}).json()
    assert laren["count"] > 0 and {m["afkomstigVan"] for m in laren["results"]} == {"GM0417"}
    planning = client.get(
        "/api/v1/medewerkers", {"competentie": "Planning & control", "paginaGrootte": 500}
    ).json()
    assert planning["count"] > 1
    assert all("Planning & control" in m["competenties"] for m in planning["results"])


def test_patch_medewerker_policy_and_validation(
    api_as: ApiAs, staff_of: Callable[[str], Medewerker], colleague: Callable[[str, str], Medewerker]
) -> None:
    tl = api_as("teamleider.bel")
    mw = staff_of("medewerker.bel")
    r = tl.patch(
        f"/api/v1/medewerkers/{mw.pk}", {"fte": "2.00"}, format="json", HTTP_IF_MATCH=f'W/"{mw.versie}"'
    )
    assert r.status_code == 400
    assert r["Content-Type"].startswith("application/problem+json")
    assert [p["name"] for p in r.json()["invalidParams"]] == ["fte"]
    r = tl.patch(
        f"/api/v1/medewerkers/{mw.pk}",
        {"fte": "0.90", "competenties": ["Schuldhulpverlening"]},
        format="json",
        HTTP_IF_MATCH=f'W/"{mw.versie}"',
    )
    assert r.status_code == 200, r.json()
    assert r.json()["fte"] == "0.90" and r.json()["competenties"] == ["Schuldhulpverlening"]
    assert r["ETag"] == f'W/"{mw.versie + 1}"'
    stale = tl.patch(
        f"/api/v1/medewerkers/{mw.pk}", {"fte": "0.80"}, format="json", HTTP_IF_MATCH=f'W/"{mw.versie}"'
    )
    assert stale.status_code == 412
    other = colleague("bel", "financien")
    etag = f'W/"{other.versie}"'
    assert (
        tl.patch(
            f"/api/v1/medewerkers/{other.pk}", {"fte": "0.5"}, format="json", HTTP_IF_MATCH=etag
        ).status_code
        == 403
    )
    assert (
        api_as("raadslid.laren")
        .patch(f"/api/v1/medewerkers/{other.pk}", {"fte": "0.5"}, format="json", HTTP_IF_MATCH=etag)
        .status_code
        == 404
    )


def test_hire_and_leave_through_the_api(api_as: ApiAs, eenheid: Callable[[str, str], Eenheid]) -> None:
    client = api_as("directeur.gtb")
    r = client.post(
        "/api/v1/medewerkers",
        {
            "eenheid": eenheid("gtb", "wij-team").pk,
            "naam": "Jelle Tiemersma",
            "fte": "0.89",
            "afkomstigVan": "GM0009",
            "competenties": ["Jeugdhulp"],
            "inDienst": "2026-02-01",
        },
        format="json",
    )
    assert r.status_code == 201, r.json()
    assert r.json()["afkomstigVan"] == "GM0009"
    r = client.post(
        f"/api/v1/medewerkers/{r.json()['id']}/uit-dienst",
        {"uitDienst": "2026-06-30"},
        format="json",
        HTTP_IF_MATCH=r["ETag"],
    )
    assert r.status_code == 200 and r.json()["uitDienst"] == "2026-06-30"


def test_create_eenheid_with_cycle_answers_400(api_as: ApiAs, eenheid: Callable[[str, str], Eenheid]) -> None:
    client = api_as("directeur.bel")
    sociaal = eenheid("bel", "sociaal")
    r = client.patch(
        f"/api/v1/eenheden/{sociaal.pk}",
        {"bovenliggend": eenheid("bel", "mdt-school").pk},
        format="json",
        HTTP_IF_MATCH=f'W/"{sociaal.versie}"',
    )
    assert r.status_code == 400
    assert r.json()["invalidParams"][0]["name"] == "bovenliggend"
    r = client.post(
        "/api/v1/eenheden",
        {
            "samenwerkingsverband": "bel",
            "naam": "Team Omgevingswet",
            "code": "omgevingswet",
            "soort": "team",
            "bovenliggend": eenheid("bel", "fysiek").pk,
        },
        format="json",
    )
    assert r.status_code == 201
    assert r.json()["pad"][-2:] == ["Eenheid Fysiek domein", "Team Omgevingswet"]
    assert (
        api_as("teamleider.bel")
        .patch(f"/api/v1/eenheden/{sociaal.pk}", {"naam": "X"}, format="json")
        .status_code
        == 403
    )


def test_eenmansposten_endpoint(api_as: ApiAs) -> None:
    r = api_as("directeur.kempen").get("/api/v1/eenmansposten", {"samenwerkingsverband": "kempen"})
    assert r.status_code == 200
    body = r.json()
    assert body["pool"] and all(p["houder"] is not None for p in body["pool"])
    assert body["perEenheid"] and body["aantalMedewerkers"] > 40
    # A council member may see the robustness figures, not who the single holder is.
    r = api_as("raadslid.bladel").get("/api/v1/eenmansposten", {"samenwerkingsverband": "kempen"})
    assert r.status_code == 200 and r.json()["pool"] and all(p["houder"] is None for p in r.json()["pool"])
    r = api_as("directeur.kempen").get("/api/v1/eenmansposten")
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "samenwerkingsverband"


def test_competenties_list(api_as: ApiAs) -> None:
    r = api_as("medewerker.bel").get("/api/v1/competenties", {"paginaGrootte": 100})
    assert r.status_code == 200 and 30 <= r.json()["count"] <= 60


@pytest.mark.parametrize("path", ["/api/v1/eenheden", "/api/v1/medewerkers", "/api/v1/competenties"])
def test_list_endpoints_have_bounded_queries(
    api_as: ApiAs, path: str, django_assert_max_num_queries: Any
) -> None:
    client = api_as("directeur.bel")
    with django_assert_max_num_queries(14):
        r = client.get(path, {"paginaGrootte": 200})
    assert r.status_code == 200 and r.json()["count"] > 0


def test_personeelsnummer_field_filter_and_validation(
    api_as: ApiAs, eenheid: Callable[[str, str], Eenheid], staff_of: Callable[[str], Medewerker]
) -> None:
    client = api_as("directeur.bel")
    mw = staff_of("medewerker.bel")
    assert client.get(f"/api/v1/medewerkers/{mw.pk}").json()["personeelsnummer"] == mw.personeelsnummer
    gevonden = client.get("/api/v1/medewerkers", {"personeelsnummer": mw.personeelsnummer.lower()}).json()
    assert gevonden["count"] == 1 and gevonden["results"][0]["id"] == mw.pk
    assert client.get("/api/v1/medewerkers", {"personeelsnummer": "BEL-99999"}).json()["count"] == 0
    # Hire with a number already in use: 400 naming the field, nothing stored.
    r = client.post(
        "/api/v1/medewerkers",
        {
            "eenheid": eenheid("bel", "hr").pk,
            "naam": "Dubbel Nummer",
            "personeelsnummer": mw.personeelsnummer,
        },
        format="json",
    )
    assert r.status_code == 400
    assert r["Content-Type"].startswith("application/problem+json")
    assert [p["name"] for p in r.json()["invalidParams"]] == ["personeelsnummer"]
    assert not Medewerker.objects.filter(naam="Dubbel Nummer").exists()
    r = client.post(
        "/api/v1/medewerkers",
        {"eenheid": eenheid("bel", "hr").pk, "naam": "Nieuw Nummer", "personeelsnummer": "BEL-09100"},
        format="json",
    )
    assert r.status_code == 201 and r.json()["personeelsnummer"] == "BEL-09100"
    r = client.patch(
        f"/api/v1/medewerkers/{r.json()['id']}",
        {"personeelsnummer": "BEL-09101"},
        format="json",
        HTTP_IF_MATCH=r["ETag"],
    )
    assert r.status_code == 200 and r.json()["personeelsnummer"] == "BEL-09101"
    # Other cooperations' staff are not found by number either.
    assert (
        api_as("directeur.kempen")
        .get("/api/v1/medewerkers", {"personeelsnummer": mw.personeelsnummer})
        .json()["count"]
        == 0
    )
