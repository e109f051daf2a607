"""Catalogus: services (validation naming fields, who may change), maatwerkruimte, API, pages, demo."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from seta.autorisaties.actor import Actor
from seta.catalogus import services
from seta.catalogus.models import Catalogusitem, Maatwerkruimte, Soort, Taaksoort, Taakveld
from seta.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from seta.core.models import AuditEvent
from seta.organisatie.models import Eenheid
from seta.samenwerkingsverbanden.models import Samenwerkingsverband

pytestmark = pytest.mark.django_db

ActorOf = Callable[[str], Actor]
ApiAs = Callable[[str | None], APIClient]


def unit(sv: str, code: str) -> Eenheid:
    return Eenheid.objects.get(samenwerkingsverband__slug=sv, code=code)


def item(sv: str, code: str) -> Catalogusitem:
    return Catalogusitem.objects.get(samenwerkingsverband__slug=sv, code=code)


def taakveld(code: str) -> Taakveld:
    return Taakveld.objects.get(code=code)


# --- reference data and demo ------------------------------------------------------------------------------------
def test_iv3_taakvelden_are_loaded_in_bbv_order() -> None:
    codes = list(Taakveld.objects.values_list("code", flat=True))
    assert codes[0] == "0.1" and codes[-1] == "8.3"
    assert codes.index("0.9") < codes.index("0.10") < codes.index("0.11") < codes.index("1.1")
    assert taakveld("6.6").hoofdtaakveld == "6 Sociaal domein"
    assert taakveld("8.1").hoofdtaakveld.startswith("8 VHROSV")
    assert len(codes) >= 50


@pytest.mark.parametrize("slug", ["bel", "gtb", "kempen"])
def test_demo_catalogue_covers_every_kind(slug: str) -> None:
    items = Catalogusitem.objects.filter(samenwerkingsverband__slug=slug)
    assert items.count() >= 40
    assert set(items.values_list("soort", flat=True)) == set(Soort.values)
    assert set(items.values_list("taaksoort", flat=True)) == set(Taaksoort.values)
    assert not items.filter(taakgebied__isnull=True).exists()
    assert not items.exclude(eenheid__samenwerkingsverband__slug=slug).exists()
    for i in items.filter(soort=Soort.DIENST).prefetch_related("normen")[:10]:
        assert i.normen.all(), f"{i} is a service and should carry norms"


@pytest.mark.parametrize(
    ("taaksoort", "ruimte"),
    [
        (Taaksoort.MECHANISCH_MEDEBEWIND, Maatwerkruimte.GEEN),
        (Taaksoort.NIET_MECHANISCH_MEDEBEWIND, Maatwerkruimte.BEPERKT),
        (Taaksoort.AUTONOOM, Maatwerkruimte.VOLLEDIG),
    ],
)
def test_maatwerkruimte_follows_taaksoort(taaksoort: str, ruimte: str) -> None:
    i = Catalogusitem(taaksoort=taaksoort)
    assert i.maatwerkruimte == ruimte
    assert i.maatwerkruimte_uitleg


# --- services ---------------------------------------------------------------------------------------------------
def test_create_validates_every_field_at_once(actor_named: ActorOf) -> None:
    with pytest.raises(InvalidInput) as exc:
        services.create_catalogusitem(
            actor=actor_named("directeur.bel"),
            samenwerkingsverband=Samenwerkingsverband.objects.get(slug="bel"),
            code="paspoort",  # taken
            naam="",
            soort="folder",
            taaksoort="autonoom",
            eenheid=unit("kempen", "ict"),  # another cooperation
            taakveld=None,
            normen=[{"omschrijving": "Doorlooptijd", "waarde": "-1", "eenheid": ""}],
        )
    assert set(exc.value.fields) >= {
        "code",
        "naam",
        "soort",
        "eenheid",
        "taakveld",
        "normen[0].waarde",
        "normen[0].eenheid",
    }


def test_teamleider_of_the_owning_unit_may_edit(actor_named: ActorOf) -> None:
    # teamleider.bel leads Sociaal domein; Wmo-maatwerk is owned by Team Maatschappelijke Zaken under it.
    wmo = item("bel", "wmo-maatwerk")
    wmo = services.update_catalogusitem(
        actor=actor_named("teamleider.bel"),
        item=wmo,
        expected_version=wmo.versie,
        omschrijving="Nieuwe werkwijze",
        normen=[{"omschrijving": "Beschikking", "waarde": "14", "eenheid": "dagen"}],
    )
    assert [(n.omschrijving, n.eenheid) for n in wmo.normen.all()] == [("Beschikking", "dagen")]
    assert AuditEvent.objects.filter(actie="catalogusitem.wijzigen", object_id=str(wmo.pk)).exists()
    with pytest.raises(Forbidden):  # an item owned elsewhere
        services.update_catalogusitem(
            actor=actor_named("teamleider.bel"), item=item("bel", "paspoort"), naam="X"
        )
    with pytest.raises(Forbidden):  # handing it to a unit the teamleider does not lead
        services.update_catalogusitem(
            actor=actor_named("teamleider.bel"), item=wmo, eenheid=unit("bel", "financien")
        )
    with pytest.raises(Forbidden):
        services.update_catalogusitem(actor=actor_named("medewerker.bel"), item=wmo, naam="X")
    with pytest.raises(Forbidden):  # a council member reads the catalogue but does not change it
        services.update_catalogusitem(actor=actor_named("raadslid.laren"), item=wmo, naam="X")
    with pytest.raises(NotFound):
        services.update_catalogusitem(actor=actor_named("directeur.kempen"), item=wmo, naam="X")


def test_create_norms_and_deactivate(actor_named: ActorOf) -> None:
    d = actor_named("directeur.gtb")
    nieuw = services.create_catalogusitem(
        actor=d,
        samenwerkingsverband=Samenwerkingsverband.objects.get(slug="gtb"),
        code="dorpsvisie",
        naam="Dorpsvisie Ten Boer",
        soort=Soort.PRODUCT,
        taaksoort=Taaksoort.AUTONOOM,
        eenheid=unit("gtb", "gebiedsteam"),
        taakveld=taakveld("8.1"),
    )
    assert nieuw.maatwerkruimte == Maatwerkruimte.VOLLEDIG
    norm = services.add_norm(actor=d, item=nieuw, omschrijving="Oplevering", waarde="12", eenheid="maanden")
    assert nieuw.normen.count() == 1
    services.remove_norm(actor=d, norm=norm)
    assert nieuw.normen.count() == 0
    nieuw = services.deactivate_catalogusitem(actor=d, item=nieuw)
    assert nieuw.actief is False
    with pytest.raises(Conflict):
        services.deactivate_catalogusitem(actor=d, item=nieuw)


# --- API ---------------------------------------------------------------------------------------------------------
def test_api_filters(api_as: ApiAs) -> None:
    client = api_as("wethouder.laren")
    base = {"samenwerkingsverband": "bel", "paginaGrootte": 200}
    alle = client.get("/api/v1/catalogusitems", base).json()
    assert alle["count"] >= 40
    mm = client.get("/api/v1/catalogusitems", {**base, "taaksoort": "mechanisch_medebewind"}).json()
    assert mm["count"] > 5 and {i["maatwerkruimte"] for i in mm["results"]} == {"geen"}
    diensten = client.get("/api/v1/catalogusitems", {**base, "soort": "dienst"}).json()
    assert {i["soort"] for i in diensten["results"]} == {"dienst"}
    sociaal = client.get("/api/v1/catalogusitems", {**base, "taakveld": "6"}).json()
    assert sociaal["count"] > 3 and all(i["taakveld"].startswith("6.") for i in sociaal["results"])
    burgerzaken = client.get("/api/v1/catalogusitems", {**base, "taakveld": "0.2"}).json()
    assert all(i["taakveld"] == "0.2" for i in burgerzaken["results"])
    eigen = client.get("/api/v1/catalogusitems", {**base, "eenheid": unit("bel", "publiekszaken").pk}).json()
    assert eigen["count"] > 3 and {i["eenheidNaam"] for i in eigen["results"]} == {"Team Publiekszaken"}
    zoek = client.get("/api/v1/catalogusitems", {**base, "zoek": "paspoort"}).json()
    assert [i["code"] for i in zoek["results"]] == ["paspoort"]
    paspoort = zoek["results"][0]
    assert paspoort["normen"][0]["eenheid"] == "werkdagen" and paspoort["maatwerkruimteUitleg"]


def test_api_create_update_and_errors(api_as: ApiAs) -> None:
    client = api_as("directeur.kempen")
    body = {
        "samenwerkingsverband": "kempen",
        "code": "ict-beveiliging",
        "naam": "Informatiebeveiligingsplan",
        "soort": "product",
        "taaksoort": "niet_mechanisch_medebewind",
        "eenheid": unit("kempen", "ict").pk,
        "taakveld": "0.4",
        "taakgebied": "ict",
        "normen": [{"omschrijving": "Herzien", "waarde": "1", "eenheid": "jaar"}],
    }
    r = client.post("/api/v1/catalogusitems", body, format="json")
    assert r.status_code == 201, r.json()
    created = r.json()
    assert created["maatwerkruimte"] == "beperkt" and created["normen"][0]["omschrijving"] == "Herzien"
    r = client.post("/api/v1/catalogusitems", body, format="json")
    assert r.status_code == 400 and [p["name"] for p in r.json()["invalidParams"]] == ["code"]
    r = client.patch(
        f"/api/v1/catalogusitems/{created['id']}", {"normen": []}, format="json", HTTP_IF_MATCH='W/"1"'
    )
    assert r.status_code == 200 and r.json()["normen"] == []
    r = client.post(f"/api/v1/catalogusitems/{created['id']}/deactiveren", HTTP_IF_MATCH='W/"1"')
    assert r.status_code == 412
    r = client.post(f"/api/v1/catalogusitems/{created['id']}/deactiveren")
    assert r.status_code == 428 and r.json()["invalidParams"][0]["name"] == "If-Match"
    r = client.post(f"/api/v1/catalogusitems/{created['id']}/deactiveren", HTTP_IF_MATCH='W/"2"')
    assert r.status_code == 200 and r.json()["actief"] is False
    # Unknown taakveld and another cooperation's unit: each field named.
    r = client.post(
        "/api/v1/catalogusitems",
        {**body, "code": "x", "taakveld": "9.9", "eenheid": unit("bel", "hr").pk},
        format="json",
    )
    assert r.status_code == 400
    assert {p["name"] for p in r.json()["invalidParams"]} == {"taakveld", "eenheid"}


def test_api_scope(api_as: ApiAs) -> None:
    paspoort = item("bel", "paspoort")
    assert api_as("raadslid.laren").get(f"/api/v1/catalogusitems/{paspoort.pk}").status_code == 200
    assert (
        api_as("raadslid.laren")
        .patch(f"/api/v1/catalogusitems/{paspoort.pk}", {"naam": "X"}, format="json")
        .status_code
        == 403
    )
    assert api_as("medewerker.kempen").get(f"/api/v1/catalogusitems/{paspoort.pk}").status_code == 404
    assert api_as(None).get("/api/v1/catalogusitems").status_code in (401, 403)


def test_taakvelden_endpoint(api_as: ApiAs) -> None:
    r = api_as("raadslid.laren").get("/api/v1/taakvelden", {"paginaGrootte": 100})
    assert r.status_code == 200
    codes = [t["code"] for t in r.json()["results"]]
    assert codes[:2] == ["0.1", "0.2"] and "8.3" in codes
    assert (
        api_as("raadslid.laren").get("/api/v1/taakvelden/6.71").json()["naam"]
        == "Maatwerkdienstverlening 18+"
    )


@pytest.mark.parametrize("path", ["/api/v1/catalogusitems", "/api/v1/taakvelden"])
def test_list_endpoints_have_bounded_queries(
    api_as: ApiAs, path: str, django_assert_max_num_queries: Any
) -> None:
    client = api_as("directeur.bel")
    with django_assert_max_num_queries(12):
        r = client.get(path, {"paginaGrootte": 200})
    assert r.status_code == 200 and r.json()["count"] > 0


# --- pages -------------------------------------------------------------------------------------------------------
@pytest.fixture
def client_as(user_named: Callable[[str], Any]) -> Callable[[str], Client]:
    def make(username: str) -> Client:
        client = Client()
        client.force_login(user_named(username))
        return client

    return make


def test_list_page_filters_and_explains(
    client_as: Callable[[str], Client], django_assert_max_num_queries: Any
) -> None:
    client = client_as("raadslid.laren")
    with django_assert_max_num_queries(20):
        r = client.get("/catalogus/", {"taaksoort": "autonoom"})
    html = r.content.decode()
    assert r.status_code == 200 and html.count("<h1") == 1
    assert "Toeristisch-recreatief plan" in html and "Paspoort aanvragen" not in html
    assert "Catalogusitem toevoegen" not in html


def test_detail_page_shows_maatwerkruimte_and_norms(client_as: Callable[[str], Client]) -> None:
    leerplicht = item("bel", "leerplicht")
    html = client_as("raadslid.laren").get(f"/catalogus/{leerplicht.pk}").content.decode()
    assert "Beperkt" in html and "leerplicht" in html.lower() and "Reactie op verzuimmelding" in html
    assert "Wijzigen" not in html
    assert client_as("raadslid.bladel").get(f"/catalogus/{leerplicht.pk}").status_code == 404


def test_teamleider_edits_through_the_form(client_as: Callable[[str], Client]) -> None:
    client = client_as("teamleider.bel")
    wmo = item("bel", "wmo-maatwerk")
    url = f"/catalogus/{wmo.pk}/wijzigen"
    assert client.get(url).status_code == 200
    data = {
        "naam": wmo.naam,
        "code": wmo.code,
        "soort": wmo.soort,
        "taaksoort": wmo.taaksoort,
        "eenheid": wmo.eenheid_id,
        "taakveld": wmo.taakveld_id,
        "taakgebied": wmo.taakgebied_id or "",
        "omschrijving": "Herzien",
        "versie": wmo.versie,
    }
    assert client.post(url, {**data, "code": "paspoort"}).status_code == 400  # code taken: shown on the form
    assert client.post(url, data).status_code == 302
    wmo.refresh_from_db()
    assert wmo.omschrijving == "Herzien"
    r = client.post(
        f"/catalogus/{wmo.pk}/normen", {"omschrijving": "Huisbezoek", "waarde": "10", "eenheid": "werkdagen"}
    )
    assert r.status_code == 302 and wmo.normen.filter(omschrijving="Huisbezoek").exists()
    assert client.get(f"/catalogus/{item('bel', 'paspoort').pk}/wijzigen").status_code == 403
    assert client.get("/catalogus/nieuw/bel").status_code == 200
