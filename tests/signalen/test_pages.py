"""The signal pages: the actor's signals with open ones first, filters, the Dutch date, the link to the record,
the form "Afhandelen"; the home panel and the menu entry with the open count; the API list and its filters."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from seta.signalen import services
from seta.signalen.models import Signaal

pytestmark = pytest.mark.django_db


def _web(user_named: Callable[[str], Any], login: str) -> Client:
    web = Client()
    web.force_login(user_named(login))
    return web


def test_list_shows_open_first_with_date_link_and_form(
    signalen: Any, user_named: Callable[[str], Any], actor_named: Callable[[str], Any]
) -> None:
    Signaal.objects.filter(pk=signalen.pool.pk).update(
        aangemaakt_op=timezone.make_aware(dt.datetime(2026, 11, 3, 9))
    )
    web = _web(user_named, "directeur.bel")
    html = web.get("/signalen/").content.decode()
    assert html.count("<h1") == 1
    assert "Test: test:pool" in html and "Test: test:college" not in html
    assert "3 november 2026" in html
    assert 'href="/opdrachten/"' in html
    assert f'action="/signalen/{signalen.pool.pk}/afhandelen"' in html
    services.handel_af(actor=actor_named("directeur.bel"), signaal=signalen.pool, afhandeling="Klaar")
    html = web.get("/signalen/?status=afgehandeld").content.decode()
    assert "Test: test:pool" in html and "Afgehandeld op" in html and "Klaar" in html
    assert f'action="/signalen/{signalen.pool.pk}/afhandelen"' not in html
    assert "Test: test:pool" not in web.get("/signalen/?status=open").content.decode()
    assert "Test: test:pool" not in web.get("/signalen/?soort=norm_gemist").content.decode()
    assert web.get("/signalen/?soort=onzin&status=onzin").status_code == 200


def test_handling_from_the_list_returns_to_it(signalen: Any, user_named: Callable[[str], Any]) -> None:
    web = _web(user_named, "wethouder.laren")
    pk = signalen.college_laren.pk
    antwoord = web.post(
        f"/signalen/{pk}/afhandelen",
        {f"s{pk}-afhandeling": "In het college besproken", f"s{pk}-terug": "/signalen/?status=open"},
    )
    assert antwoord.status_code == 302 and antwoord["Location"] == "/signalen/?status=open"
    # An address elsewhere is not followed.
    signalen.regie_eemnes.refresh_from_db()
    web = _web(user_named, "regisseur.eemnes")
    pk = signalen.regie_eemnes.pk
    antwoord = web.post(f"/signalen/{pk}/afhandelen", {f"s{pk}-terug": "https://example.org/"})
    assert antwoord.status_code == 302 and antwoord["Location"] == f"/signalen/{pk}"
    # A note that is too long is a 400 on the page.
    web = _web(user_named, "directeur.bel")
    pk = signalen.pool.pk
    assert web.post(f"/signalen/{pk}/afhandelen", {f"s{pk}-afhandeling": "x" * 2001}).status_code == 400


def _menu_label(html: str) -> str | None:
    m = re.search(r'href="/signalen/"[^>]*>([^<]+)<', html)
    return m.group(1).strip() if m else None


def test_menu_entry_with_open_count_for_whoever_has_a_signal_scope(
    signalen: Any, user_named: Callable[[str], Any], actor_named: Callable[[str], Any]
) -> None:
    from seta.signalen import selectors

    web = _web(user_named, "regisseur.eemnes")
    aantal = selectors.open_signalen_for(actor_named("regisseur.eemnes")).count()
    assert aantal >= 1
    assert _menu_label(web.get("/").content.decode()) == f"Signalen ({aantal})"
    for login in ("raadslid.laren", "medewerker.bel", "teamleider.bel"):
        assert _menu_label(_web(user_named, login).get("/").content.decode()) is None, login
    assert _menu_label(_web(user_named, "beheerder").get("/").content.decode()) is not None


def test_home_panel_with_count_and_latest_three(signalen: Any, user_named: Callable[[str], Any]) -> None:
    html = _web(user_named, "controller.bel").get("/").content.decode()
    assert ">Signalen</h2>" in html
    assert "Test: test:pool" in html
    assert ">Signalen</h2>" not in _web(user_named, "raadslid.laren").get("/").content.decode()


def test_api_list_filters(signalen: Any, api_as: Callable[[str], Any]) -> None:
    api = api_as("beheerder")
    ids = {s.pk for s in signalen.alle()}

    def lijst(query: str) -> set[int]:
        antwoord = api.get(f"/api/v1/signalen?paginaGrootte=100&{query}")
        assert antwoord.status_code == 200, antwoord.content
        return {r["id"] for r in antwoord.json()["results"]} & ids

    assert lijst("") == ids
    assert lijst("soort=norm_gemist") == {signalen.regie_eemnes.pk}
    assert lijst("gemeente=laren") == {signalen.college_laren.pk}
    assert lijst("samenwerkingsverband=kempen") == {signalen.pool_kempen.pk}
    api.post(f"/api/v1/signalen/{signalen.pool.pk}/afhandelen", {"afhandeling": "ok"}, format="json")
    assert lijst("afgehandeld=true") == {signalen.pool.pk}
    assert lijst("afgehandeld=false") == ids - {signalen.pool.pk}
    rij = api.get(f"/api/v1/signalen/{signalen.college_laren.pk}").json()
    assert {
        "doelgroep",
        "soort",
        "titel",
        "tekst",
        "aangemaaktOp",
        "afgehandeldOp",
        "toegestaneActies",
    } <= set(rij)
    assert rij["gemeente"] == "laren" and rij["samenwerkingsverband"] == "bel"
