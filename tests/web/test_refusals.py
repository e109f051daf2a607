"""The pages answer a refusal with its status and say why; tampered input is a 400, never a 500;
redirects go only to this site."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from seta.autorisaties.actor import actor_for
from seta.financien.models import Verdeelmodel
from seta.uren import selectors as uren_selectors
from seta.uren.models import Weekstaat

pytestmark = pytest.mark.django_db

HUGE = str(2**70)


def _concept_model() -> Verdeelmodel:
    model = Verdeelmodel.objects.filter(samenwerkingsverband__slug="bel", status="concept").first()
    assert model is not None
    return model


def _ingediende_week(user: Any) -> Weekstaat:
    staat = uren_selectors.te_beoordelen(actor_for(user)).first()
    assert staat is not None
    return staat


# --- a refused POST is a 403 that explains why, an invalid one a 400 naming the field ----------------------
def test_refused_button_is_403_with_the_reason(client: Any, user_named: Any) -> None:
    model = _concept_model()
    client.force_login(user_named("controller.bel"))  # may draft, not adopt: the board adopts
    r = client.post(
        f"/financien/verdeelmodellen/{model.pk}/vaststellen", {"besluit": "AB 1", "datum": "2025-01-01"}
    )
    assert r.status_code == 403
    html = r.content.decode()
    assert "Geen toestemming" in html and f"/financien/verdeelmodellen/{model.pk}" in html
    model.refresh_from_db()
    assert model.status == "concept"


def test_invalid_button_form_is_400_naming_the_field(client: Any, user_named: Any) -> None:
    model = _concept_model()
    client.force_login(user_named("wethouder.blaricum"))
    r = client.post(
        f"/financien/verdeelmodellen/{model.pk}/vaststellen", {"besluit": "AB 1", "datum": "gisteren"}
    )
    assert r.status_code == 400
    assert "datum" in r.content.decode()


@pytest.fixture
def eigen_ingediende_week(user_named: Any) -> Weekstaat:
    """A week medewerker.bel submitted: they may read it, not approve or reopen it."""
    from seta.organisatie.models import Medewerker
    from seta.uren import services

    actor = actor_for(user_named("medewerker.bel"))
    mw = Medewerker.objects.get(gebruiker=user_named("medewerker.bel"))
    maandag = dt.date.fromisocalendar(2026, 38, 1)
    services.register_hours(
        actor=actor, medewerker=mw, datum=maandag, uren="1", doel=services.Doel("overhead")
    )
    staat = Weekstaat.objects.get(medewerker=mw, jaar=2026, week=38)
    services.submit_week(actor=actor, weekstaat=staat)
    staat.refresh_from_db()
    return staat


def test_refused_form_is_403_with_the_reason_on_the_form(
    client: Any, user_named: Any, eigen_ingediende_week: Weekstaat
) -> None:
    staat = eigen_ingediende_week
    client.force_login(user_named("medewerker.bel"))
    r = client.post(f"/uren/weekstaten/{staat.pk}/heropenen", {"reden": "Vergissing"})
    assert r.status_code == 403
    assert "niet" in r.content.decode()
    staat.refresh_from_db()
    assert staat.status == "ingediend"


def test_invalid_form_is_400_naming_the_field(client: Any, user_named: Any) -> None:
    staat = _ingediende_week(user_named("teamleider.bel"))
    client.force_login(user_named("teamleider.bel"))
    r = client.post(f"/uren/weekstaten/{staat.pk}/heropenen", {"reden": ""})
    assert r.status_code == 400
    assert "reden" in r.content.decode().lower()


def test_refused_week_approval_is_403_not_a_redirect(
    client: Any, user_named: Any, eigen_ingediende_week: Weekstaat
) -> None:
    staat = eigen_ingediende_week
    client.force_login(user_named("medewerker.bel"))
    r = client.post(f"/uren/weekstaten/{staat.pk}/goedkeuren", {"versie": staat.versie})
    assert r.status_code == 403, r.status_code
    assert "Geen toestemming" in r.content.decode()
    staat.refresh_from_db()
    assert staat.status == "ingediend"


def test_stale_version_on_a_button_is_412(client: Any, user_named: Any) -> None:
    staat = _ingediende_week(user_named("teamleider.bel"))
    client.force_login(user_named("teamleider.bel"))
    r = client.post(f"/uren/weekstaten/{staat.pk}/goedkeuren", {"versie": staat.versie + 5})
    assert r.status_code == 412
    assert "intussen door iemand anders gewijzigd" in r.content.decode()


# --- terug: only this site --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "terug",
    ["https://evil.example/", "//evil.example", "///evil.example", "https:evil.example", "\\\\evil.example"],
)
def test_week_approval_never_redirects_off_site(client: Any, user_named: Any, terug: str) -> None:
    staat = _ingediende_week(user_named("teamleider.bel"))
    client.force_login(user_named("teamleider.bel"))
    r = client.post(f"/uren/weekstaten/{staat.pk}/goedkeuren", {"versie": staat.versie, "terug": terug})
    assert r.status_code == 302
    assert r["Location"] == "/uren/goedkeuren"


def test_week_approval_follows_a_path_on_this_site(client: Any, user_named: Any) -> None:
    staat = _ingediende_week(user_named("teamleider.bel"))
    client.force_login(user_named("teamleider.bel"))
    r = client.post(
        f"/uren/weekstaten/{staat.pk}/goedkeuren",
        {"versie": staat.versie, "terug": f"/uren/weekstaten/{staat.pk}"},
    )
    assert r.status_code == 302 and r["Location"] == f"/uren/weekstaten/{staat.pk}"


# --- tampered numbers ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("versie", ["abc", HUGE, "-1", "1.5"])
def test_tampered_versie_is_400(client: Any, user_named: Any, versie: str) -> None:
    staat = _ingediende_week(user_named("teamleider.bel"))
    client.force_login(user_named("teamleider.bel"))
    r = client.post(f"/uren/weekstaten/{staat.pk}/goedkeuren", {"versie": versie})
    assert r.status_code == 400
    assert "versie" in r.content.decode()


@pytest.mark.parametrize("aantal", ["abc", HUGE])
def test_tampered_week_grid_is_400(client: Any, user_named: Any, aantal: str) -> None:
    client.force_login(user_named("medewerker.bel"))
    r = client.post("/uren/?week=2026-W38", {"week": "2026-W38", "aantal_rijen": aantal})
    assert r.status_code == 400


@pytest.mark.parametrize(
    ("path", "param"),
    [("/catalogus/", "eenheid"), ("/organisatie/mensen", "eenheid"), ("/organisatie/mensen", "competentie")],
)
@pytest.mark.parametrize("value", [HUGE, "abc"])
def test_tampered_page_filter_is_400_naming_it(
    client: Any, user_named: Any, path: str, param: str, value: str
) -> None:
    client.force_login(user_named("directeur.bel"))
    r = client.get(path, {param: value})
    assert r.status_code == 400
    assert param in r.content.decode()


def test_tampered_scan_partner_is_400(client: Any, user_named: Any) -> None:
    from seta.scan.models import Scansessie

    scan = Scansessie.objects.filter(eigenaar__username="secretaris.laren").first()
    assert scan is not None
    client.force_login(user_named("secretaris.laren"))
    r = client.post(f"/scan/{scan.pk}/partners", {"actie": "verwijderen", "partner": HUGE})
    assert r.status_code == 400


def _routes(patterns: list[Any], prefix: str = "") -> list[str]:
    out: list[str] = []
    for p in patterns:
        if isinstance(p, URLResolver):
            out += _routes(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            out.append(prefix + str(p.pattern))
    return out


def test_every_page_with_a_huge_id_is_404(client: Any, user_named: Any) -> None:
    routes = [
        r
        for r in _routes(get_resolver().url_patterns)
        if "<int:" in r and not r.startswith(("api/", "beheer/"))
    ]
    assert len(routes) > 20
    client.force_login(user_named("directeur.bel"))
    for route in routes:
        path = "/" + re.sub(r"<int:\w+>", HUGE, route)
        path = re.sub(r"<(?:slug|str):\w+>", "bel", path)
        for method in (client.get, client.post):
            r = method(path)
            assert r.status_code in (404, 405), (path, r.status_code)


# --- bodies over the limit --------------------------------------------------------------------------------------
def test_a_page_post_over_the_limit_is_413(client: Any, user_named: Any, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client.force_login(user_named("directeur.bel"))
    r = client.post("/catalogus/nieuw/bel", {"naam": "x" * 20_000})
    assert r.status_code == 413
    assert "Verzoek te groot" in r.content.decode()


def test_verdeelmodel_json_import_with_too_deep_json_is_400(client: Any, user_named: Any) -> None:
    client.force_login(user_named("controller.bel"))
    diep = '{"a":' * 5_000 + "1" + "}" * 5_000
    r = client.post(
        "/financien/verdeelmodellen/nieuw?samenwerkingsverband=bel", {"actie": "importeren", "json": diep}
    )
    assert r.status_code == 400
    assert "te diep genest" in r.content.decode()


# --- garbage in a page's query string ---------------------------------------------------------------------------
GARBAGE = {
    "samenwerkingsverband": "bel",
    "eenheid": "x",
    "gemeente": HUGE,
    "catalogusitem": "x",
    "dvo": "x",
    "jaar": "abc",
    "pagina": "-1",
    "status": "\u00e9\u00e9n",
    "soort": "x" * 300,
    "periodeVan": "31-31-2026",
    "deadline_voor": "gisteren",
}


@pytest.mark.parametrize("login", ["directeur.bel", "raadslid.laren"])
def test_every_page_without_ids_survives_garbage_in_its_query_string(
    client: Any, user_named: Any, login: str
) -> None:
    """A filter value of the wrong kind (a slug where an id belongs, a word for a year) is a 400 naming it or
    ignored; never a server error."""
    routes = [
        r
        for r in _routes(get_resolver().url_patterns)
        if "<" not in r and not r.startswith(("api/", "beheer/", "static/")) and "uitloggen" not in r
    ]
    assert len(routes) > 20
    client.force_login(user_named(login))
    for route in routes:
        r = client.get("/" + route, GARBAGE)
        assert r.status_code < 500, (route, r.status_code)
