"""The variant map of the BEL catalogue: page and API for the pool and the board; others are refused; no confidential
assignment is ever part of it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from seta.harmonisatie import varianten
from seta.opdrachten.models import Bestuursopdracht
from seta.samenwerkingsverbanden.models import Samenwerkingsverband

pytestmark = pytest.mark.django_db
GEHEIM = "Preventieve jeugdhulp op school Blaricum"


def _login(client: Client, username: str) -> Client:
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username=username))
    return client


def test_the_map_of_bel_per_item(actor_named: Any) -> None:
    bel = Samenwerkingsverband.objects.get(slug="bel")
    kaarten = varianten.kaarten(actor_named("directeur.bel"), bel)
    namen = {k.catalogusitem.naam: k for k in kaarten}
    toerisme = namen["Toeristisch-recreatief plan"]
    assert toerisme.kaart.partners >= 2 and toerisme.varianten
    assert toerisme.taaksoort == "autonoom"
    assert [(k.index, k.uren) for k in kaarten] == sorted(
        ((k.index, k.uren) for k in kaarten), key=lambda x: (-x[0], -x[1])
    )
    geheim = Bestuursopdracht.objects.get(titel=GEHEIM)
    assert all(geheim.pk not in v.ids for k in kaarten for v in k.kaart.varianten)


def test_the_page_and_the_item_detail(client: Client) -> None:
    _login(client, "directeur.bel")
    r = client.get("/harmonisatie/variantenkaart/bel")
    assert r.status_code == 200
    html = r.content.decode()
    assert "ijsco-zaak-index" in html and "Autonome taak" in html
    assert GEHEIM not in html
    from seta.catalogus.models import Catalogusitem

    item = Catalogusitem.objects.get(samenwerkingsverband__slug="bel", naam="Toeristisch-recreatief plan")
    d = client.get(f"/harmonisatie/variantenkaart/bel/{item.pk}")
    assert d.status_code == 200 and "Representatief kader" in d.content.decode()
    assert client.get("/harmonisatie/variantenkaart").status_code in (200, 302)


@pytest.mark.parametrize("username", ["regisseur.laren", "medewerker.bel", "raadslid.laren"])
def test_others_may_not_read_the_map(client: Client, api_as: Any, username: str) -> None:
    _login(client, username)
    assert client.get("/harmonisatie/variantenkaart/bel").status_code in (403, 404)
    bel = Samenwerkingsverband.objects.get(slug="bel")
    assert api_as(username).get("/api/v1/variantenkaart", {"samenwerkingsverband": bel.pk}).status_code in (
        400,
        403,
        404,
    )


def test_the_api(api_as: Any) -> None:
    bel = Samenwerkingsverband.objects.get(slug="bel")
    r = api_as("directeur.bel").get("/api/v1/variantenkaart", {"samenwerkingsverband": bel.pk})
    assert r.status_code == 200
    data = r.json()
    assert data and {
        "catalogusitem",
        "catalogusitemNaam",
        "taaksoort",
        "partners",
        "index",
        "varianten",
    } <= set(data[0])
    assert GEHEIM.encode() not in r.content
    bad = api_as("directeur.bel").get("/api/v1/variantenkaart", {"samenwerkingsverband": "x"})
    assert bad.status_code == 400 and bad.json()["invalidParams"][0]["name"] == "samenwerkingsverband"


def test_the_menu_shows_the_map_to_the_pool_and_the_board_only(client: Client) -> None:
    _login(client, "directeur.bel")
    assert "/harmonisatie/variantenkaart" in client.get("/").content.decode()
    _login(client, "regisseur.laren")
    assert "/harmonisatie/variantenkaart" not in client.get("/").content.decode()
