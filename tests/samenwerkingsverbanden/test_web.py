"""The samenwerkingsverbanden pages render for the roles that may see them; the DB forms follow the policy."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.test import Client

from seta.gemeenten.models import Gemeente
from seta.samenwerkingsverbanden.models import Deelnemer, Inbreng, Taakgebied


def client_for(user_named: Callable[[str], Any], username: str) -> Client:
    client = Client()
    client.force_login(user_named(username))
    return client


def test_list(user_named: Callable[[str], Any]) -> None:
    html = client_for(user_named, "raadslid.laren").get("/samenwerkingsverbanden/").content.decode()
    assert html.count("<h1") == 1 and "BEL Combinatie" in html and "Kempengemeenten" not in html


def test_detail_shows_partners_governance_and_scope(user_named: Callable[[str], Any]) -> None:
    r = client_for(user_named, "raadslid.laren").get("/samenwerkingsverbanden/bel")
    html = r.content.decode()
    assert r.status_code == 200 and html.count("<h1") == 1
    for tekst in (
        "Blaricum",
        "Eemnes",
        "Laren",
        "11.536",
        "RIVM/CBS, bevolkingsaantal per 22 juli 2021",
        "Algemeen bestuur",
        "Dagelijks bestuur",
        "apart aangestelde directeur",
        "Groeimodel",
        "sv-tijdlijn",
        "Sociaal domein",
        "Menu 2: ambtelijke fusie",
    ):
        assert tekst in html, tekst
    assert "Deelnemer toevoegen" not in html
    html_2010 = (
        client_for(user_named, "raadslid.laren")
        .get("/samenwerkingsverbanden/bel?peildatum=2010-06-01")
        .content.decode()
    )
    scope_2010 = html_2010.split("Taakgebieden in de pool op")[1].split("</table>")[0]
    assert "Sociaal domein" not in scope_2010 and "ICT en informatievoorziening" in scope_2010
    fout = client_for(user_named, "raadslid.laren").get("/samenwerkingsverbanden/bel?peildatum=morgen")
    assert fout.status_code == 200 and "geen datum" in fout.content.decode()


def test_other_cooperations_are_not_found(user_named: Callable[[str], Any]) -> None:
    assert client_for(user_named, "raadslid.laren").get("/samenwerkingsverbanden/kempen").status_code == 404


def test_gtb_tells_the_merger(user_named: Callable[[str], Any]) -> None:
    html = client_for(user_named, "regisseur.ten-boer").get("/samenwerkingsverbanden/gtb").content.decode()
    assert "beëindigd per 1 januari 2019" in html and "centrumgemeenteconstructie" in html.lower()
    assert "gastheergemeente" in html


def test_kempen_shows_the_secretaries_as_directie(user_named: Callable[[str], Any]) -> None:
    html = client_for(user_named, "secretaris.eersel").get("/samenwerkingsverbanden/kempen").content.decode()
    assert "gemeentesecretarissen van de deelnemers vormen samen de directie" in html
    assert html.count("lid van de directie") == 5


def test_db_member_adds_a_partner_and_a_taakgebied(user_named: Callable[[str], Any]) -> None:
    client = client_for(user_named, "wethouder.blaricum")
    assert "Deelnemer toevoegen" in client.get("/samenwerkingsverbanden/bel").content.decode()
    huizen = Gemeente.objects.get(slug="huizen")
    r = client.post(
        "/samenwerkingsverbanden/bel/deelnemers/nieuw",
        {"gemeente": huizen.pk, "toetredingsdatum": "2027-01-01"},
    )
    assert r.status_code == 302
    deelnemer = Deelnemer.objects.get(gemeente=huizen, samenwerkingsverband__slug="bel")
    assert deelnemer.inbreng.count() == 11

    laren = Deelnemer.objects.get(gemeente__slug="laren", samenwerkingsverband__slug="bel")
    hr = Taakgebied.objects.get(code="hr")
    r = client.post(
        "/samenwerkingsverbanden/bel/inbreng/nieuw",
        {"deelnemer": laren.pk, "taakgebied": hr.pk, "vanaf": "2027-01-01"},
    )
    assert r.status_code == 400 and "al in de pool" in r.content.decode()
    Inbreng.objects.filter(deelnemer=laren, taakgebied=hr).update(tot="2026-01-01")
    r = client.post(
        "/samenwerkingsverbanden/bel/inbreng/nieuw",
        {"deelnemer": laren.pk, "taakgebied": hr.pk, "vanaf": "2027-01-01"},
    )
    assert r.status_code == 302


def test_forms_refuse_non_db_members(user_named: Callable[[str], Any]) -> None:
    assert (
        client_for(user_named, "burgemeester.blaricum")
        .get("/samenwerkingsverbanden/bel/deelnemers/nieuw")
        .status_code
        == 403
    )
    assert (
        client_for(user_named, "raadslid.laren").get("/samenwerkingsverbanden/bel/inbreng/nieuw").status_code
        == 403
    )
    assert (
        client_for(user_named, "wethouder.bladel")
        .get("/samenwerkingsverbanden/bel/inbreng/nieuw")
        .status_code
        == 404
    )


def test_list_page_query_count(user_named: Callable[[str], Any], django_assert_max_num_queries: Any) -> None:
    client = client_for(user_named, "beheerder")
    client.get("/samenwerkingsverbanden/")
    with django_assert_max_num_queries(10):
        html = client.get("/samenwerkingsverbanden/").content.decode()
    assert "BEL Combinatie" in html and "Kempengemeenten" in html


def test_detail_page_query_count(
    user_named: Callable[[str], Any], django_assert_max_num_queries: Any
) -> None:
    client = client_for(user_named, "wethouder.eersel")
    client.get("/samenwerkingsverbanden/kempen")
    with django_assert_max_num_queries(25):
        assert client.get("/samenwerkingsverbanden/kempen").status_code == 200


def test_the_pools_director_is_public_to_everyone_who_sees_the_cooperation(
    user_named: Callable[[str], Any],
) -> None:
    """A raadslid sees who directs the werkorganisatie (a public office), not the rest of the staff."""
    from seta.organisatie.models import Medewerker, Positie

    directeur = Medewerker.objects.get(gebruiker__username="directeur.bel")
    assert directeur.positie == Positie.DIRECTEUR
    client = Client()
    client.force_login(user_named("raadslid.laren"))
    html = client.get("/samenwerkingsverbanden/bel").content.decode()
    assert directeur.naam in html
    other = Medewerker.objects.filter(
        samenwerkingsverband=directeur.samenwerkingsverband, positie=Positie.MEDEWERKER
    ).first()
    assert other is not None and other.naam not in html
    client.force_login(user_named("raadslid.bergeijk"))
    assert client.get("/samenwerkingsverbanden/bel").status_code == 404
