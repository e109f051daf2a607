"""The planning pages: the index, the rules (list, detail with its decision and buttons, forms, adopt, new version),
the absences (list, register, change, delete with confirmation)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from seta.autorisaties import policy
from seta.autorisaties.actor import actor_for
from seta.planning.models import Afwezigheid, Planningsregels

from .regels_hulp import medewerker_van, vastgesteld

pytestmark = pytest.mark.django_db

FORMULIER = {
    "uren_per_fte_week": "36",
    "productieve_uren_per_fte_jaar": "1600",
    "regulier_pct": "60",
    "regulier_per_eenheid": "vergunningen: 75",
    "grondslag": "kostensleutel",
    "aandelen": "",
    "minima": "GM0376: 20",
    "gewicht_hoog": "4",
    "gewicht_normaal": "2",
    "gewicht_laag": "1",
    "meetperiode": "kwartaal",
    "drempel_procentpunt": "5",
    "toelichting": "Via de pagina",
}


def _een_h1(html: str) -> None:
    assert html.count("<h1") == 1


def test_index_and_rules_pages(client: Any, user_named: Callable[[str], Any], actor_named: Any) -> None:
    client.force_login(user_named("raadslid.laren"))
    index = client.get("/planning/")
    assert index.status_code == 200 and 'href="/planning/regels/"' in index.content.decode()
    lijst = client.get("/planning/regels/").content.decode()
    _een_h1(lijst)
    assert "2027 versie 1" in lijst and "DB BEL 2026-10" in lijst
    r = vastgesteld(actor_named)
    detail = client.get(f"/planning/regels/{r.pk}").content.decode()
    _een_h1(detail)
    assert "Dagelijks bestuur" in detail and "kenmerk DB BEL 2026-10" in detail and "data-actie" not in detail
    assert "Recht op opdrachtcapaciteit per deelnemer" in detail and "Laren" in detail


def test_buttons_are_the_allowed_actions(
    client: Any, user_named: Callable[[str], Any], actor_named: Any
) -> None:
    r = vastgesteld(actor_named)
    for username in ("directeur.bel", "burgemeester.laren", "teamleider.bel", "beheerder"):
        client.force_login(user_named(username))
        html = client.get(f"/planning/regels/{r.pk}").content.decode()
        knoppen = re.findall(r'data-actie="([a-z_]+)"', html)
        assert knoppen == policy.toegestane_acties(actor_for(user_named(username)), r), username


def test_draft_edit_adopt_and_new_version_through_the_pages(
    client: Any, user_named: Callable[[str], Any]
) -> None:
    client.force_login(user_named("directeur.bel"))
    assert client.get("/planning/regels/nieuw/bel").status_code == 200
    fout = client.post("/planning/regels/nieuw/bel", FORMULIER | {"jaar": "2028", "minima": "GM0376: 120"})
    assert fout.status_code == 400 and "GM0376" in fout.content.decode()
    fout = client.post("/planning/regels/nieuw/bel", FORMULIER | {"jaar": "2028", "minima": "onzin"})
    assert fout.status_code == 400 and "code: percentage" in fout.content.decode()
    nieuw = client.post("/planning/regels/nieuw/bel", FORMULIER | {"jaar": "2028"})
    assert nieuw.status_code == 302
    r = Planningsregels.objects.get(samenwerkingsverband__slug="bel", jaar=2028)
    assert r.regulier_per_eenheid == {"vergunningen": 75} and r.minima == {"GM0376": 20}
    assert client.get(f"/planning/regels/{r.pk}/wijzigen").status_code == 200
    oud = client.post(
        f"/planning/regels/{r.pk}/wijzigen", FORMULIER | {"versie": "9", "drempel_procentpunt": "3"}
    )
    assert oud.status_code == 412
    assert (
        client.post(
            f"/planning/regels/{r.pk}/wijzigen",
            FORMULIER | {"versie": str(r.versie), "drempel_procentpunt": "3"},
        ).status_code
        == 302
    )
    r.refresh_from_db()
    geweigerd = client.post(f"/planning/regels/{r.pk}/vaststellen", {"vaststellen-versie": r.versie})
    assert geweigerd.status_code == 403
    client.force_login(user_named("burgemeester.laren"))
    assert client.get(f"/planning/regels/{r.pk}/vaststellen").status_code == 200
    besluit = {
        "vaststellen-versie": r.versie,
        "vaststellen-orgaan": "dagelijks_bestuur",
        "vaststellen-kenmerk": "DB 2026-11/8",
        "vaststellen-datum": "2026-10-20",
    }
    fout = client.post(f"/planning/regels/{r.pk}/vaststellen", besluit | {"vaststellen-datum": "morgen"})
    assert fout.status_code == 400
    assert client.post(f"/planning/regels/{r.pk}/vaststellen", besluit).status_code == 302
    r.refresh_from_db()
    assert r.status == "vastgesteld" and r.besluit_bestuur.kenmerk == "DB 2026-11/8"
    client.force_login(user_named("controller.bel"))
    assert client.get(f"/planning/regels/{r.pk}/wijzigen").status_code == 409
    v2 = client.post(f"/planning/regels/{r.pk}/nieuwe-versie", {"nieuwe_versie-versie": r.versie})
    assert v2.status_code == 302
    assert Planningsregels.objects.filter(vervangt=r, status="concept").exists()


def test_absence_pages(client: Any, user_named: Callable[[str], Any]) -> None:
    client.force_login(user_named("teamleider.bel"))
    lijst = client.get("/planning/afwezigheden/").content.decode()
    _een_h1(lijst)
    assert "Eline Rijn" in lijst and "Afwezigheid registreren" in lijst
    m = medewerker_van("medewerker.bel")
    formulier = client.get("/planning/afwezigheden/nieuw").content.decode()
    assert f'value="{m.pk}"' in formulier
    assert (
        'value="{}"'.format(medewerker_van("controller.bel").pk) not in formulier
    )  # not under this teamleider
    data = {
        "medewerker": m.pk,
        "soort": "verlof",
        "van": "2027-03-01",
        "tot": "2027-02-01",
        "percentage": "40",
    }
    assert client.post("/planning/afwezigheden/nieuw", data).status_code == 400
    assert client.post("/planning/afwezigheden/nieuw", data | {"tot": "2027-03-31"}).status_code == 302
    a = Afwezigheid.objects.get(medewerker=m, van="2027-03-01")
    assert client.get(f"/planning/afwezigheden/{a.pk}/wijzigen").status_code == 200
    wijzig = {
        "versie": a.versie,
        "soort": "verlof",
        "van": "2027-03-01",
        "tot": "2027-04-30",
        "percentage": "40",
    }
    assert client.post(f"/planning/afwezigheden/{a.pk}/wijzigen", wijzig).status_code == 302
    bevestig = client.get(f"/planning/afwezigheden/{a.pk}/verwijderen")
    assert bevestig.status_code == 200 and "Weet u zeker" in bevestig.content.decode()
    assert client.post(f"/planning/afwezigheden/{a.pk}/verwijderen", {"versie": "1"}).status_code == 412
    assert client.post(f"/planning/afwezigheden/{a.pk}/verwijderen", {"versie": "2"}).status_code == 302
    assert not Afwezigheid.objects.filter(pk=a.pk).exists()
    client.force_login(user_named("wethouder.blaricum"))
    assert client.get("/planning/afwezigheden/").status_code == 404
    client.force_login(user_named("medewerker.bel"))
    eigen = client.get("/planning/afwezigheden/").content.decode()
    assert "Eline Rijn" in eigen and "Afwezigheid registreren" not in eigen and "Wijzigen" not in eigen
