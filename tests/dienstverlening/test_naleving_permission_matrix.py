"""The permission matrix of compliance: who sees which DVO's figures, and whose partners' rows.

The expected table is written out by hand below. Columns are five DVOs of the test world:

- LAR: BEL's DVO with Laren (not public)          - BLA: BEL's DVO with Blaricum (not public)
- BEL: BEL's DVO for all partners, public          - GEZ: BEL's DVO for all partners, not public
- KEM: Kempen's DVO with Bergeijk (not public)

Cells: ``ok`` the page and the API answer with the figures (a DVO for one partner); ``alle`` the figures of
every partner; ``eigen`` only the own gemeente's rows; ``404`` the DVO does not exist for this person (page
404, nothing in the API). The BEL colleges sit in BEL's AB (wethouders, burgemeesters), the Kempen wethouders
and burgemeesters in Kempen's AB: they read their cooperation's DVOs as board members.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from seta.autorisaties import policy
from seta.autorisaties.actor import actor_for
from seta.autorisaties.policy.naleving import naleving_scope
from seta.dienstverlening.models import Dienstverleningsovereenkomst

from . import naleving_fixtures as f

pytestmark = pytest.mark.django_db

TABEL = """
gebruiker              LAR   BLA   BEL   GEZ   KEM
raadslid.laren         ok    404   alle  eigen 404
wethouder.laren        ok    ok    alle  alle  404
regisseur.laren        ok    404   alle  eigen 404
burgemeester.laren     ok    ok    alle  alle  404
raadslid.blaricum      404   ok    alle  eigen 404
wethouder.blaricum     ok    ok    alle  alle  404
regisseur.blaricum     404   ok    alle  eigen 404
griffier.blaricum      404   ok    alle  eigen 404
raadslid.eemnes        404   404   alle  eigen 404
wethouder.eemnes       ok    ok    alle  alle  404
regisseur.eemnes       404   404   alle  eigen 404
raadslid.bergeijk      404   404   404   404   ok
regisseur.bergeijk     404   404   404   404   ok
raadslid.eersel        404   404   404   404   404
regisseur.bladel       404   404   404   404   404
wethouder.bergeijk     404   404   404   404   ok
directeur.bel          ok    ok    alle  alle  404
controller.bel         ok    ok    alle  alle  404
teamleider.bel         ok    ok    alle  alle  404
medewerker.bel         404   404   404   404   404
directeur.kempen       404   404   404   404   ok
controller.kempen      404   404   404   404   ok
teamleider.kempen      404   404   404   404   ok
medewerker.kempen      404   404   404   404   404
beheerder              ok    ok    alle  alle  ok
"""


def _tabel() -> tuple[list[str], dict[str, dict[str, str]]]:
    regels = [r.split() for r in TABEL.strip().splitlines()]
    kolommen = regels[0][1:]
    return kolommen, {r[0]: dict(zip(kolommen, r[1:], strict=True)) for r in regels[1:]}


KOLOMMEN, VERWACHT = _tabel()
EIGEN = {
    "laren": "Laren",
    "blaricum": "Blaricum",
    "eemnes": "Eemnes",
}


@pytest.fixture
def dvos(nw: f.NalevingWereld) -> dict[str, Dienstverleningsovereenkomst]:
    gez = f.maak_dvo(nw.bel, None, kenmerk="DVO-BEL-GEZ", openbaar=False)
    f.doorlooptijdnorm(gez, nw.omgevingsvergunning)
    return {"LAR": nw.dvo_laren, "BLA": nw.dvo_blaricum, "BEL": nw.dvo_bel, "GEZ": gez, "KEM": nw.dvo_kempen}


def _waargenomen(client: Client, api: Any, dvo: Dienstverleningsovereenkomst) -> str:
    page = client.get(f"/dienstverlening/naleving/{dvo.pk}")
    response = api.get("/api/v1/naleving", {"dvo": dvo.pk})
    assert response.status_code == 200
    gemeenten = {r["gemeenteNaam"] for r in response.json()["results"]}
    if page.status_code == 404:
        assert gemeenten == set(), "the API shows what the page hides"
        return "404"
    assert page.status_code == 200
    if dvo.gemeente_id is not None:
        assert gemeenten == {dvo.gemeente.naam}  # type: ignore[union-attr]
        return "ok"
    return "alle" if gemeenten == {"Blaricum", "Eemnes", "Laren"} else "eigen:" + ",".join(sorted(gemeenten))


@pytest.mark.parametrize("gebruiker", sorted(VERWACHT))
def test_permission_matrix(
    gebruiker: str, dvos: dict[str, Dienstverleningsovereenkomst], user_named, api_as
) -> None:
    user = user_named(gebruiker)
    client = Client()
    client.force_login(user)
    api = api_as(gebruiker)
    eigen = EIGEN.get(gebruiker.partition(".")[2], "")
    fouten = []
    for kolom in KOLOMMEN:
        verwacht = VERWACHT[gebruiker][kolom]
        if verwacht == "eigen":
            verwacht = f"eigen:{eigen}"
        waargenomen = _waargenomen(client, api, dvos[kolom])
        if waargenomen != verwacht:
            fouten.append(f"{kolom}: expected {verwacht}, got {waargenomen}")
    assert fouten == []


def test_the_rule_and_the_scope_agree(dvos: dict[str, Dienstverleningsovereenkomst], user_named) -> None:
    ids = [d.pk for d in dvos.values()]
    for gebruiker in VERWACHT:
        actor = actor_for(user_named(gebruiker))
        by_scope = set(
            Dienstverleningsovereenkomst.objects.filter(pk__in=ids)
            .filter(naleving_scope(actor))
            .values_list("pk", flat=True)
        )
        by_rule = {d.pk for d in dvos.values() if policy.can(actor, "naleving.lezen", d)}
        assert by_scope == by_rule, gebruiker
