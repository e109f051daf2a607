"""The permission matrix of planning rules, absences and capacity: every role × every action, on the own
cooperation (BEL) and another (Kempengemeenten) — through the API, as the people would.

The expected table is written out by hand from the issue and the brief: the rules are the board's public decision
(every BEL person and every municipality-side role of a BEL partner reads them; the pool's directeur and
controller draft; the DB adopts); absences are personal data (the pool's directeur and controller read all, the
teamleider those of the units under them, a person their own; the teamleider and directeur write; never the
municipality side); capacity is an aggregate for the pool's management, its teamleiders and the boards.
``ok`` is success (200/201/204), 403 "may read but not do this", 404 "may not know it exists", 400 a body field
naming a record the person cannot see. Columns:

- ``lees``/``wijz``/``vast``/``nwv``/``aanm``: read BEL's 2027 rules, PATCH a BEL concept, adopt it, a new version
  of the adopted 2027 rules, create BEL's 2029 rules; ``lees_k``: read Kempen's rules.
- ``a_lees``/``a_reg``/``a_wijz``/``a_verw``: an absence of medewerker.bel (in the unit of teamleider.bel);
  ``b_lees``/``b_wijz``: an absence of a BEL person outside those units; ``k_lees``: of a Kempen person.
- ``cap``/``cap_k``: ``GET /capaciteit`` of BEL and of Kempen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction
from rest_framework.test import APIClient

from .regels_hulp import afwezigheid, concept, medewerker_in, medewerker_van, sv, vastgesteld

ROLLEN: dict[str, str] = {
    "burgemeester_laren_db": "burgemeester.laren",
    "wethouder_blaricum_db": "wethouder.blaricum",
    "wethouder_laren_ab": "wethouder.laren",
    "raadslid_laren": "raadslid.laren",
    "griffier_laren": "griffier.laren",
    "secretaris_laren": "secretaris.laren",
    "regisseur_laren": "regisseur.laren",
    "directeur_bel": "directeur.bel",
    "controller_bel": "controller.bel",
    "teamleider_bel": "teamleider.bel",
    "medewerker_bel": "medewerker.bel",
    "wethouder_bergeijk_db_k": "wethouder.bergeijk",
    "regisseur_bladel": "regisseur.bladel",
    "directeur_kempen": "directeur.kempen",
    "controller_kempen": "controller.kempen",
    "teamleider_kempen": "teamleider.kempen",
    "medewerker_kempen": "medewerker.kempen",
    "beheerder": "beheerder",
}

KOLOMMEN = [
    "lees", "wijz", "vast", "nwv", "aanm", "lees_k",
    "a_lees", "a_reg", "a_wijz", "a_verw", "b_lees", "b_wijz", "k_lees",
    "cap", "cap_k",
]  # fmt: skip

TABEL = """
rol                      lees wijz vast nwv  aanm lees_k a_lees a_reg a_wijz a_verw b_lees b_wijz k_lees cap  cap_k
burgemeester_laren_db    ok   403  ok   403  403  404    404    403   404    404    404    404    404    ok   404
wethouder_blaricum_db    ok   403  ok   403  403  404    404    403   404    404    404    404    404    ok   404
wethouder_laren_ab       ok   403  403  403  403  404    404    403   404    404    404    404    404    ok   404
raadslid_laren           ok   403  403  403  403  404    404    400   404    404    404    404    404    403  404
griffier_laren           ok   403  403  403  403  404    404    400   404    404    404    404    404    403  404
secretaris_laren         ok   403  403  403  403  404    404    400   404    404    404    404    404    403  404
regisseur_laren          ok   403  403  403  403  404    404    400   404    404    404    404    404    403  404
directeur_bel            ok   ok   403  ok   ok   404    ok     ok    ok     ok     ok     ok     404    ok   404
controller_bel           ok   ok   403  ok   ok   404    ok     403   403    403    ok     403    404    ok   404
teamleider_bel           ok   403  403  403  403  404    ok     ok    ok     ok     404    404    404    ok   404
medewerker_bel           ok   403  403  403  403  404    ok     403   403    403    404    404    404    403  404
wethouder_bergeijk_db_k  404  404  404  404  400  ok     404    400   404    404    404    404    404    404  ok
regisseur_bladel         404  404  404  404  400  ok     404    400   404    404    404    404    404    404  403
directeur_kempen         404  404  404  404  400  ok     404    400   404    404    404    404    ok     404  ok
controller_kempen        404  404  404  404  400  ok     404    400   404    404    404    404    ok     404  ok
teamleider_kempen        404  404  404  404  400  ok     404    400   404    404    404    404    404    404  ok
medewerker_kempen        404  404  404  404  400  ok     404    400   404    404    404    404    404    404  403
beheerder                ok   403  ok   403  403  ok     ok     403   403    403    ok     403    ok     ok   ok
"""


def _verwacht() -> dict[str, dict[str, str]]:
    regels = [r.split() for r in TABEL.strip().splitlines()]
    kop, rijen = regels[0], regels[1:]
    assert kop[1:] == KOLOMMEN
    tabel = {rij[0]: dict(zip(KOLOMMEN, rij[1:], strict=True)) for rij in rijen}
    assert set(tabel) == set(ROLLEN), "every role has a row"
    return tabel


VERWACHT = _verwacht()
BESLUIT = {"besluit": {"orgaan": "dagelijks_bestuur", "kenmerk": "DB matrix", "datum": "2026-10-20"}}
BESLUIT_K = {"orgaan": "dagelijks_bestuur", "kenmerk": "DB Kempen matrix", "datum": dt.date(2026, 10, 20)}


def _verzoek(kolom: str, actor: Callable[[str], Any]) -> tuple[str, str, Any, dict[str, str]]:
    """(method, url, body, headers) of the column, with the records it needs made through the services."""
    from seta.planning import services

    if kolom in ("lees", "nwv"):
        r = vastgesteld(actor, 2027)
        if kolom == "lees":
            return "get", f"/api/v1/planningsregels/{r.pk}", None, {}
        return (
            "post",
            f"/api/v1/planningsregels/{r.pk}/nieuwe-versie",
            {},
            {"HTTP_IF_MATCH": f'W/"{r.versie}"'},
        )
    if kolom in ("wijz", "vast"):
        r = concept(actor, jaar=2028)
        kop = {"HTTP_IF_MATCH": f'W/"{r.versie}"'}
        if kolom == "wijz":
            return "patch", f"/api/v1/planningsregels/{r.pk}", {"drempelProcentpunt": "4"}, kop
        return "post", f"/api/v1/planningsregels/{r.pk}/vaststellen", BESLUIT, kop
    if kolom == "aanm":
        return "post", "/api/v1/planningsregels", {"samenwerkingsverband": sv().pk, "jaar": 2029}, {}
    if kolom == "lees_k":
        r = concept(actor, jaar=2027, slug="kempen")
        r = services.stel_regels_vast(
            actor=actor("wethouder.bergeijk"), regels=r, expected_version=r.versie, besluit=BESLUIT_K
        )
        return "get", f"/api/v1/planningsregels/{r.pk}", None, {}
    if kolom.startswith(("a_", "b_", "k_")):
        if kolom == "a_reg":
            body = {
                "medewerker": medewerker_van("medewerker.bel").pk,
                "soort": "ziekte",
                "van": "2027-02-01",
                "tot": "2027-02-26",
            }
            return "post", "/api/v1/afwezigheden", body, {}
        if kolom.startswith("a_"):
            a = afwezigheid(actor("teamleider.bel"), medewerker_van("medewerker.bel"))
        elif kolom.startswith("b_"):
            a = afwezigheid(actor("directeur.bel"), medewerker_in("bel", "vergunningen"))
        else:
            a = afwezigheid(actor("directeur.kempen"), medewerker_van("controller.kempen"))
        url, kop = f"/api/v1/afwezigheden/{a.pk}", {"HTTP_IF_MATCH": f'W/"{a.versie}"'}
        if kolom.endswith("lees"):
            return "get", url, None, {}
        if kolom.endswith("wijz"):
            return "patch", url, {"percentage": "50"}, kop
        return "delete", url, None, kop
    slug = "kempen" if kolom == "cap_k" else "bel"
    return "get", f"/api/v1/capaciteit?samenwerkingsverband={sv(slug).pk}&weken=2", None, {}


@pytest.mark.django_db
@pytest.mark.parametrize("kolom", KOLOMMEN)
def test_matrix(kolom: str, actor_named: Callable[[str], Any], user_named: Callable[[str], Any]) -> None:
    method, url, body, headers = _verzoek(kolom, actor_named)
    fouten = []
    client = APIClient()
    for rol, username in ROLLEN.items():
        client.force_authenticate(user=user_named(username))
        with transaction.atomic():
            if method in ("get", "delete"):
                response = getattr(client, method)(url, **headers)
            else:
                response = getattr(client, method)(url, body, format="json", **headers)
            transaction.set_rollback(True)  # every attempt starts from the same state
        gekregen = "ok" if response.status_code in (200, 201, 204) else str(response.status_code)
        if gekregen != VERWACHT[rol][kolom]:
            detail = response.json().get("detail", "") if response.status_code >= 400 else ""
            fouten.append(f"{rol} ({username}): verwacht {VERWACHT[rol][kolom]}, kreeg {gekregen} {detail}")
    assert not fouten, f"{kolom}:\n" + "\n".join(fouten)


@pytest.mark.django_db
def test_the_scopes_are_the_rules(actor_named: Callable[[str], Any]) -> None:
    """The lists (read scopes) and the single record (rule) agree for every role."""
    from seta.autorisaties import policy
    from seta.planning import selectors
    from seta.planning.models import Afwezigheid, Planningsregels

    afwezigheid(actor_named("directeur.bel"), medewerker_in("bel", "vergunningen"))
    afwezigheid(actor_named("directeur.kempen"), medewerker_van("controller.kempen"))
    regels, afwezig = list(Planningsregels.objects.all()), list(Afwezigheid.objects.all())
    for username in ROLLEN.values():
        actor = actor_named(username)
        zichtbaar = set(selectors.planningsregels_for(actor).values_list("pk", flat=True))
        assert {r.pk for r in regels if policy.can(actor, "planningsregels.lezen", r)} == zichtbaar, username
        zichtbaar = set(selectors.afwezigheden_for(actor).values_list("pk", flat=True))
        assert {a.pk for a in afwezig if policy.can(actor, "afwezigheid.lezen", a)} == zichtbaar, username


@pytest.mark.django_db
def test_the_menu_and_the_pages_follow_the_policy(client: Any, user_named: Callable[[str], Any]) -> None:
    for username, planning, afwezig in [
        ("raadslid.laren", True, False),
        ("directeur.bel", True, True),
        ("medewerker.bel", True, True),
        ("regisseur.bladel", True, False),
    ]:
        client.force_login(user_named(username))
        start = client.get("/").content.decode()
        assert ('href="/planning/"' in start) == planning, username
        index = client.get("/planning/").content.decode()
        assert ('href="/planning/afwezigheden/"' in index) == afwezig, username
