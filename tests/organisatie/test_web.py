"""Pages of the werkorganisatie render for each role, hide personal data, and keep their query count."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from seta.organisatie.models import Eenheid, Medewerker

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_as(user_named: Callable[[str], Any]) -> Callable[[str], Client]:
    def make(username: str) -> Client:
        client = Client()
        client.force_login(user_named(username))
        return client

    return make


def test_tree_lists_units_with_headcount_and_host(client_as: Callable[[str], Client]) -> None:
    r = client_as("wethouder.eersel").get("/organisatie/", follow=True)
    html = r.content.decode()
    assert r.status_code == 200
    assert html.count("<h1") == 1
    assert "Eenheid ICT" in html and "ondergebracht bij Eersel" in html and "ondergebracht bij Bladel" in html
    assert "fte" in html and "Eenmansposten in de hele werkorganisatie" in html


def test_beheerder_gets_an_index_of_cooperations(client_as: Callable[[str], Client]) -> None:
    r = client_as("beheerder").get("/organisatie/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "BEL Combinatie" in html and "Kempengemeenten" in html and "<caption" in html


def test_unit_page_shows_staff_only_to_the_pool(
    client_as: Callable[[str], Client], eenheid: Callable[[str, str], Eenheid]
) -> None:
    werk = eenheid("bel", "werk-inkomen")
    iemand = Medewerker.objects.filter(eenheid=werk, uit_dienst__isnull=True).first()
    assert iemand is not None
    naam, nummer = iemand.naam, iemand.personeelsnummer
    pool = client_as("medewerker.bel").get(f"/organisatie/eenheden/{werk.pk}").content.decode()
    assert naam in pool
    assert "Personeelsnummer" in pool and nummer in pool
    raad = client_as("raadslid.laren").get(f"/organisatie/eenheden/{werk.pk}")
    assert raad.status_code == 200
    assert naam not in raad.content.decode() and nummer not in raad.content.decode()
    assert "Personeelsgegevens zijn alleen zichtbaar" in raad.content.decode()
    assert client_as("raadslid.bladel").get(f"/organisatie/eenheden/{werk.pk}").status_code == 404


def test_unit_page_lists_owned_catalogue_items(
    client_as: Callable[[str], Client], eenheid: Callable[[str, str], Eenheid]
) -> None:
    html = (
        client_as("directeur.bel")
        .get(f"/organisatie/eenheden/{eenheid('bel', 'publiekszaken').pk}")
        .content.decode()
    )
    assert "Paspoort aanvragen" in html


def test_mensen_page(client_as: Callable[[str], Client]) -> None:
    r = client_as("controller.bel").get("/organisatie/mensen", {"positie": "teamleider"})
    assert r.status_code == 200
    html = r.content.decode()
    assert "Teamleider" in html and "Bestuur van BEL Combinatie" in html
    # The people page shows and finds the personeelsnummer.
    m, ander = Medewerker.objects.filter(samenwerkingsverband__slug="bel", uit_dienst__isnull=True).order_by(
        "pk"
    )[5:7]
    r = client_as("controller.bel").get("/organisatie/mensen", {"zoek": m.personeelsnummer.lower()})
    html = r.content.decode()
    assert m.naam in html and m.personeelsnummer in html
    assert ander.naam not in html
    assert client_as("raadslid.laren").get("/organisatie/mensen").status_code == 403


def test_directeur_adds_a_unit_through_the_form(
    client_as: Callable[[str], Client], eenheid: Callable[[str, str], Eenheid]
) -> None:
    client = client_as("directeur.kempen")
    assert client.get("/organisatie/verband/kempen/eenheid-nieuw").status_code == 200
    r = client.post(
        "/organisatie/verband/kempen/eenheid-nieuw",
        {
            "naam": "Team Inkoop",
            "code": "inkoop",
            "soort": "team",
            "bovenliggend": eenheid("kempen", "financien").pk,
            "gastgemeente": "",
            "omschrijving": "",
        },
    )
    assert r.status_code == 302
    assert Eenheid.objects.get(samenwerkingsverband__slug="kempen", code="inkoop").bovenliggend == eenheid(
        "kempen", "financien"
    )
    # A service error comes back next to the field.
    r = client.post(
        "/organisatie/verband/kempen/eenheid-nieuw", {"naam": "Dubbel", "code": "inkoop", "soort": "team"}
    )
    assert r.status_code == 400 and "al in gebruik" in r.content.decode()
    assert client_as("teamleider.kempen").get("/organisatie/verband/kempen/eenheid-nieuw").status_code == 403


def test_teamleider_edits_fte_through_the_form(
    client_as: Callable[[str], Client], staff_of: Callable[[str], Medewerker]
) -> None:
    m = staff_of("medewerker.kempen")
    client = client_as("teamleider.kempen")
    url = f"/organisatie/medewerkers/{m.pk}/wijzigen"
    assert client.get(url).status_code == 200
    data = {
        "naam": m.naam,
        "personeelsnummer": m.personeelsnummer,
        "functietitel": m.functietitel,
        "eenheid": m.eenheid_id,
        "positie": m.positie,
        "fte": "1.60",
        "schaal": m.schaal or "",
        "afkomstig_van": m.afkomstig_van_id or "",
        "versie": m.versie,
    }
    r = client.post(url, data)
    assert r.status_code == 400 and "0,01 en 1,50" in r.content.decode()
    r = client.post(url, {**data, "fte": "0.60"})
    assert r.status_code == 302
    m.refresh_from_db()
    assert str(m.fte) == "0.60"
    boss = staff_of("directeur.kempen")
    assert client.get(f"/organisatie/medewerkers/{boss.pk}/wijzigen").status_code == 403


@pytest.mark.parametrize(
    "url", ["/organisatie/verband/bel", "/organisatie/mensen", "/organisatie/mensen?status=alle"]
)
def test_list_pages_have_bounded_queries(
    client_as: Callable[[str], Client], url: str, django_assert_max_num_queries: Any
) -> None:
    client = client_as("directeur.bel")
    with django_assert_max_num_queries(20):
        r = client.get(url)
    assert r.status_code == 200


def test_unit_page_has_bounded_queries(
    client_as: Callable[[str], Client],
    eenheid: Callable[[str, str], Eenheid],
    django_assert_max_num_queries: Any,
) -> None:
    client = client_as("directeur.bel")
    with django_assert_max_num_queries(20):
        r = client.get(f"/organisatie/eenheden/{eenheid('bel', 'publiekszaken').pk}")
    assert r.status_code == 200


def test_admin_shows_the_organisation_read_only(
    client_as: Callable[[str], Client], eenheid: Callable[[str, str], Eenheid]
) -> None:
    client = client_as("beheerder")
    assert client.get("/beheer/organisatie/eenheid/").status_code == 200
    assert (
        client.get(f"/beheer/organisatie/eenheid/{eenheid('bel', 'hr').pk}/change/").status_code == 200
    )  # view only
    assert client.get("/beheer/organisatie/medewerker/add/").status_code == 403
    assert client.get("/beheer/catalogus/catalogusitem/").status_code == 200
    r = client.post("/beheer/organisatie/competentie/add/", {"naam": "Windenergie"})
    assert r.status_code == 302
