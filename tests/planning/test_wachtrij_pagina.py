"""The principal's queue ("Mijn wachtrij"): its own assignments in the current plan with deadline, expected
delivery and why; its share against entitlement; other partners only in aggregate. Page and API."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from seta.autorisaties.actor import Actor
from seta.gemeenten.models import Gemeente
from seta.opdrachten.models import Bestuursopdracht
from seta.planning import selectors_watals
from seta.planning.models import Planuitkomst

from .watals_hulp import GEHEIM, bereken_plan, opdracht_in_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(actor_named: Callable[[str], Actor]) -> dict[str, Bestuursopdracht]:
    geheim = opdracht_in_plan(actor_named, titel=GEHEIM, vertrouwelijk=True, uren=600, deadline_dagen=90)
    laren = opdracht_in_plan(
        actor_named, titel="Armoedeaanpak Laren (test)", gemeente="laren", uren=2500, deadline_dagen=50
    )
    laren_geheim = opdracht_in_plan(
        actor_named, titel="Vertrouwelijk Laren (test)", gemeente="laren", vertrouwelijk=True, uren=80
    )
    bereken_plan(actor_named)
    return {"geheim": geheim, "laren": laren, "laren_geheim": laren_geheim}


def _client(user_named: Callable[[str], Any], username: str) -> Client:
    c = Client()
    c.force_login(user_named(username))
    return c


def test_wethouder_laren_ziet_eigen_wachtrij(
    user_named: Callable[[str], Any], plan: dict[str, Bestuursopdracht]
) -> None:
    r = _client(user_named, "wethouder.laren").get("/planning/wachtrij/")
    assert r.status_code == 200
    html = r.content.decode()
    assert html.count("<h1") == 1
    assert "Mijn wachtrij: Laren" in html
    assert "Armoedeaanpak Laren (test)" in html
    assert "Vertrouwelijk Laren (test)" in html  # the college sees its own confidential work
    assert "Uw aandeel" in html and "tegen een recht van" in html
    assert "Andere partners:" in html
    assert GEHEIM not in html and plan["geheim"].nummer not in html


def test_uitleg_en_volgorde(actor_named: Callable[[str], Actor], plan: dict[str, Bestuursopdracht]) -> None:
    laren = Gemeente.objects.get(slug="laren")
    rij = selectors_watals.wachtrij(actor_named("regisseur.laren"), laren)
    [deel] = [d for d in rij.delen if d.samenwerkingsverband.slug == "bel"]
    assert deel.planrun is not None
    titels = [r.titel for r in deel.regels]
    assert "Armoedeaanpak Laren (test)" in titels
    opleveringen = [r.verwachte_oplevering for r in deel.regels if r.verwachte_oplevering]
    assert opleveringen == sorted(opleveringen)
    for r in deel.regels:
        assert r.waarom and r.waarom.endswith(".")
    assert deel.aandeel is not None and deel.aandeel.zin.startswith("Uw aandeel")
    assert deel.andere_aantal >= 1 and deel.andere_uren > 0
    assert GEHEIM not in repr(rij)


def test_raad_ziet_alleen_openbaar(
    user_named: Callable[[str], Any], plan: dict[str, Bestuursopdracht]
) -> None:
    html = _client(user_named, "raadslid.laren").get("/planning/wachtrij/").content.decode()
    assert "Armoedeaanpak Laren (test)" in html
    assert "Vertrouwelijk Laren (test)" not in html
    assert "die u niet kunt inzien" in html
    assert GEHEIM not in html


def test_andere_gemeente_en_pool(user_named: Callable[[str], Any], plan: dict[str, Bestuursopdracht]) -> None:
    blaricum = Gemeente.objects.get(slug="blaricum")
    assert (
        _client(user_named, "wethouder.laren").get(f"/planning/wachtrij/?gemeente={blaricum.pk}").status_code
        == 404
    )
    assert _client(user_named, "wethouder.laren").get("/planning/wachtrij/?gemeente=%00abc").status_code in (
        400,
        404,
    )
    assert _client(user_named, "directeur.bel").get("/planning/wachtrij/").status_code == 403
    assert Client().get("/planning/wachtrij/").status_code == 302


def test_api_wachtrij(api_as: Callable[[str | None], Any], plan: dict[str, Bestuursopdracht]) -> None:
    laren = Gemeente.objects.get(slug="laren")
    blaricum = Gemeente.objects.get(slug="blaricum")
    r = api_as("wethouder.laren").get(f"/api/v1/planning/wachtrij?gemeente={laren.pk}")
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["gemeenteNaam"] == "Laren"
    [deel] = [d for d in body["delen"] if d["planrun"]]
    assert any(o["titel"] == "Armoedeaanpak Laren (test)" for o in deel["opdrachten"])
    assert {"deadline", "verwachteOplevering", "teLaat", "waarom"} <= set(deel["opdrachten"][0])
    assert deel["aandeel"]["zin"].startswith("Uw aandeel")
    assert GEHEIM not in r.content.decode()
    assert (
        api_as("wethouder.laren").get(f"/api/v1/planning/wachtrij?gemeente={blaricum.pk}").status_code == 404
    )
    fout = api_as("wethouder.laren").get("/api/v1/planning/wachtrij?gemeente=abc")
    assert fout.status_code == 400 and fout["Content-Type"].startswith("application/problem+json")
    assert api_as(None).get(f"/api/v1/planning/wachtrij?gemeente={laren.pk}").status_code in (401, 403)


def test_niet_planbaar_met_reden(
    actor_named: Callable[[str], Actor], plan: dict[str, Bestuursopdracht]
) -> None:
    laren = Gemeente.objects.get(slug="laren")
    rij = selectors_watals.wachtrij(actor_named("secretaris.laren"), laren)
    uitkomsten = Planuitkomst.objects.filter(
        planrun=rij.delen[0].planrun, planbaar=False, bestuursopdracht__opdrachtgevers__gemeente=laren
    )
    for deel in rij.delen:
        for titel, reden in deel.niet_planbaar:
            assert titel and reden
    assert sum(len(d.niet_planbaar) for d in rij.delen) <= uitkomsten.count()
