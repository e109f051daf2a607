"""The gemeenten pages render for the roles that may see them; the forms follow the policy."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.test import Client

from seta.gemeenten.models import Functionaris


def client_for(user_named: Callable[[str], Any], username: str) -> Client:
    client = Client()
    client.force_login(user_named(username))
    return client


def test_list_shows_source_filter_and_pagination(user_named: Callable[[str], Any]) -> None:
    client = client_for(user_named, "raadslid.laren")
    r = client.get("/gemeenten/")
    html = r.content.decode()
    assert r.status_code == 200 and html.count("<h1") == 1
    assert "352 gemeenten gevonden" in html
    assert "RIVM/CBS, bevolkingsaantal per 22 juli 2021" in html and "22 juli 2021" in html
    assert len(re.findall(r'<th scope="row"', html)) == 50
    assert "Pagina 1 van 8" in html and "Volgende pagina" in html

    html = client.get("/gemeenten/?provincie=Utrecht&zoek=ee").content.decode()
    assert "Eemnes" in html and "Blaricum" not in html

    html = client.get("/gemeenten/?status=opgeheven").content.decode()
    assert "Ten Boer" in html and "opgegaan in Groningen" in html


def test_anonymous_is_sent_to_login(db: Any) -> None:
    r = Client().get("/gemeenten/")
    assert r.status_code == 302 and "/inloggen" in r["Location"]


def test_detail_shows_bestuur(user_named: Callable[[str], Any]) -> None:
    html = client_for(user_named, "raadslid.laren").get("/gemeenten/blaricum").content.decode()
    assert html.count("<h1") == 1
    for kop in (
        "College van B&amp;W",
        "Gemeenteraad",
        "Gemeentesecretaris en beleidsregisseurs",
        "Samenwerkingsverbanden",
    ):
        assert kop in html
    wethouder = Functionaris.objects.get(gebruiker__username="wethouder.blaricum")
    griffier = Functionaris.objects.get(gebruiker__username="griffier.blaricum")
    assert wethouder.naam in html and griffier.naam in html
    for p in wethouder.portefeuilles.all():
        assert p.naam in html
    assert "BEL Combinatie" in html
    assert "Functionaris toevoegen" not in html  # a raadslid of Laren does not keep Blaricum's records


def test_ten_boer_page_tells_its_history(user_named: Callable[[str], Any]) -> None:
    html = client_for(user_named, "burgemeester.ten-boer").get("/gemeenten/ten-boer").content.decode()
    assert "opgeheven op 1 januari 2019" in html and "Groningen" in html
    assert "Groningen – Ten Boer" in html


def test_griffier_adds_and_ends_a_functionaris(user_named: Callable[[str], Any]) -> None:
    client = client_for(user_named, "griffier.laren")
    assert "Functionaris toevoegen" in client.get("/gemeenten/laren").content.decode()
    r = client.post(
        "/gemeenten/laren/functionarissen/nieuw",
        {"functie": "raadslid", "naam": "Web Raadslid", "fractie": "", "begindatum": "2026-09-01"},
    )
    assert r.status_code == 400 and "vul de fractie in" in r.content.decode()
    r = client.post(
        "/gemeenten/laren/functionarissen/nieuw",
        {"functie": "raadslid", "naam": "Web Raadslid", "fractie": "CDA", "begindatum": "2026-09-01"},
    )
    assert r.status_code == 302
    nieuw = Functionaris.objects.get(naam="Web Raadslid")
    r = client.post(
        f"/gemeenten/laren/functionarissen/{nieuw.pk}/beeindigen", {"einddatum": "2026-10-01", "versie": "1"}
    )
    assert r.status_code == 302
    nieuw.refresh_from_db()
    assert str(nieuw.einddatum) == "2026-10-01"


def test_forms_refuse_others(user_named: Callable[[str], Any]) -> None:
    assert (
        client_for(user_named, "raadslid.laren").get("/gemeenten/laren/functionarissen/nieuw").status_code
        == 403
    )
    assert (
        client_for(user_named, "griffier.blaricum").get("/gemeenten/laren/functionarissen/nieuw").status_code
        == 403
    )


def test_list_page_query_count_does_not_grow_with_rows(
    user_named: Callable[[str], Any], django_assert_max_num_queries: Any
) -> None:
    client = client_for(user_named, "raadslid.laren")
    client.get("/gemeenten/")  # warm the session and the actor
    with django_assert_max_num_queries(15):
        assert client.get("/gemeenten/?status=alle").status_code == 200


def test_detail_page_query_count(
    user_named: Callable[[str], Any], django_assert_max_num_queries: Any
) -> None:
    client = client_for(user_named, "raadslid.laren")
    client.get("/gemeenten/laren")
    with django_assert_max_num_queries(20):
        assert client.get("/gemeenten/groningen").status_code == 200
