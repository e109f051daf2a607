"""The permission matrix of service agreements (DVO): every demo role × reading, editing, the college's decision
and the board's adoption, on Blaricum's non-public DVO and on Laren's public (``openbaar``) one — through the
API, as the people would.

The expected table is written out by hand. ``ok`` means the action succeeds (HTTP 200); 403 means the person
may read the DVO but not do this; 404 means the person may not even know it exists. Blaricum's DVO is "own" for
the Blaricum rows and "other" for the Laren and Eemnes rows; Laren's DVO the other way round. Every college member
of a BEL partner sits in BEL's AB (the AB reads every DVO of the cooperation); the DB is burgemeester.laren,
wethouder.blaricum and wethouder.eemnes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction
from rest_framework.test import APIClient

from seta.dienstverlening import services

from .dvo_hulp import COLLEGE_BESLUIT, concept

ROLLEN: dict[str, str] = {
    # Blaricum (own municipality of the BLA DVO)
    "burgemeester_blaricum_ab": "burgemeester.blaricum",
    "wethouder_blaricum_db": "wethouder.blaricum",
    "raadslid_blaricum": "raadslid.blaricum",
    "griffier_blaricum": "griffier.blaricum",
    "secretaris_blaricum": "secretaris.blaricum",
    "regisseur_blaricum": "regisseur.blaricum",
    # Laren (own municipality of the LAR DVO, other municipality of the BLA DVO)
    "burgemeester_laren_db": "burgemeester.laren",
    "wethouder_laren_ab": "wethouder.laren",
    "raadslid_laren": "raadslid.laren",
    "griffier_laren": "griffier.laren",
    "secretaris_laren": "secretaris.laren",
    "regisseur_laren": "regisseur.laren",
    # Eemnes (other municipality of both)
    "wethouder_eemnes_db": "wethouder.eemnes",
    "raadslid_eemnes": "raadslid.eemnes",
    "regisseur_eemnes": "regisseur.eemnes",
    # the pool of BEL
    "directeur_bel": "directeur.bel",
    "controller_bel": "controller.bel",
    "teamleider_bel": "teamleider.bel",
    "medewerker_bel": "medewerker.bel",
    # another cooperation (Kempengemeenten)
    "wethouder_bergeijk": "wethouder.bergeijk",
    "raadslid_eersel": "raadslid.eersel",
    "regisseur_bladel": "regisseur.bladel",
    "directeur_kempen": "directeur.kempen",
    "controller_kempen": "controller.kempen",
    "teamleider_kempen": "teamleider.kempen",
    "medewerker_kempen": "medewerker.kempen",
    # functional administrator
    "beheerder": "beheerder",
}

KOLOMMEN = ["lees_bla", "wijz_bla", "coll_bla", "vast_bla", "lees_lar", "wijz_lar", "coll_lar", "vast_lar"]

TABEL = """
rol                        lees_bla wijz_bla coll_bla vast_bla lees_lar wijz_lar coll_lar vast_lar
burgemeester_blaricum_ab   ok       403      ok       403      ok       403      403      403
wethouder_blaricum_db      ok       403      ok       ok       ok       403      403      ok
raadslid_blaricum          ok       403      403      403      ok       403      403      403
griffier_blaricum          ok       403      403      403      ok       403      403      403
secretaris_blaricum        ok       403      403      403      ok       403      403      403
regisseur_blaricum         ok       403      403      403      ok       403      403      403
burgemeester_laren_db      ok       403      403      ok       ok       403      ok       ok
wethouder_laren_ab         ok       403      403      403      ok       403      ok       403
raadslid_laren             404      404      404      404      ok       403      403      403
griffier_laren             404      404      404      404      ok       403      403      403
secretaris_laren           404      404      404      404      ok       403      403      403
regisseur_laren            404      404      404      404      ok       403      403      403
wethouder_eemnes_db        ok       403      403      ok       ok       403      403      ok
raadslid_eemnes            404      404      404      404      ok       403      403      403
regisseur_eemnes           404      404      404      404      ok       403      403      403
directeur_bel              ok       ok       403      403      ok       ok       403      403
controller_bel             ok       ok       403      403      ok       ok       403      403
teamleider_bel             ok       403      403      403      ok       403      403      403
medewerker_bel             404      404      404      404      404      404      404      404
wethouder_bergeijk         404      404      404      404      404      404      404      404
raadslid_eersel            404      404      404      404      404      404      404      404
regisseur_bladel           404      404      404      404      404      404      404      404
directeur_kempen           404      404      404      404      404      404      404      404
controller_kempen          404      404      404      404      404      404      404      404
teamleider_kempen          404      404      404      404      404      404      404      404
medewerker_kempen          404      404      404      404      404      404      404      404
beheerder                  ok       403      403      ok       ok       403      403      ok
"""


def _verwacht() -> dict[str, dict[str, str]]:
    regels = [r.split() for r in TABEL.strip().splitlines()]
    kop, rijen = regels[0], regels[1:]
    assert kop[1:] == KOLOMMEN
    tabel = {rij[0]: dict(zip(KOLOMMEN, rij[1:], strict=True)) for rij in rijen}
    assert set(tabel) == set(ROLLEN), "every role has a row"
    return tabel


VERWACHT = _verwacht()
DVO_VAN = {"bla": ("blaricum", False), "lar": ("laren", True)}


@pytest.mark.django_db
@pytest.mark.parametrize("kolom", KOLOMMEN)
def test_matrix(kolom: str, actor_named: Callable[[str], Any], user_named: Callable[[str], Any]) -> None:
    handeling, welke = kolom.split("_")
    gemeente, openbaar = DVO_VAN[welke]
    dvo = concept(actor_named, gemeente=gemeente, openbaar=openbaar, kenmerk=f"DVO-MATRIX-{welke.upper()}")
    if handeling == "vast":  # the college has decided: only the board's step is left
        dvo = services.record_college(
            actor=actor_named(f"wethouder.{gemeente}"), dvo=dvo, besluit=COLLEGE_BESLUIT
        )
    url = f"/api/v1/dienstverleningsovereenkomsten/{dvo.pk}"
    headers = {"HTTP_IF_MATCH": f'W/"{dvo.versie}"'}
    method, payload = {
        "lees": ("get", None),
        "wijz": ("patch", {"titel": "Matrixtest"}),
        "coll": ("post", {"besluit": {"orgaan": "college", "kenmerk": "B&W matrix", "datum": "2026-10-06"}}),
        "vast": (
            "post",
            {"besluit": {"orgaan": "dagelijks_bestuur", "kenmerk": "DB matrix", "datum": "2026-10-20"}},
        ),
    }[handeling]
    if handeling == "coll":
        url += "/collegebesluit"
    elif handeling == "vast":
        url += "/vaststellen"
    fouten = []
    client = APIClient()
    for rol, username in ROLLEN.items():
        client.force_authenticate(user=user_named(username))
        with transaction.atomic():
            if method == "get":
                response = client.get(url)
            else:
                response = getattr(client, method)(url, payload, format="json", **headers)
            transaction.set_rollback(True)  # every attempt starts from the same state
        gekregen = "ok" if response.status_code == 200 else str(response.status_code)
        if gekregen != VERWACHT[rol][kolom]:
            detail = response.json().get("detail", "") if response.status_code != 200 else ""
            fouten.append(f"{rol} ({username}): verwacht {VERWACHT[rol][kolom]}, kreeg {gekregen} {detail}")
    assert not fouten, f"{kolom}:\n" + "\n".join(fouten)


@pytest.mark.django_db
def test_raadslid_laren_reads_own_and_public_not_blaricums(api_as: Any) -> None:
    """The demo's DVOs: Laren's own (public) is readable, Blaricum's non-public one is a 404, the list shows
    only Laren's; a raadslid of Blaricum reads Blaricum's and Laren's public one, never Eemnes's."""
    from seta.dienstverlening.models import Dienstverleningsovereenkomst as DVO

    def pk(kenmerk: str) -> int:
        return DVO.objects.get(kenmerk=kenmerk, volgnummer=1).pk

    laren = api_as("raadslid.laren")
    assert laren.get(f"/api/v1/dienstverleningsovereenkomsten/{pk('DVO-BEL-LAR')}").status_code == 200
    assert laren.get(f"/api/v1/dienstverleningsovereenkomsten/{pk('DVO-BEL-BLA')}").status_code == 404
    assert {r["kenmerk"] for r in laren.get("/api/v1/dienstverleningsovereenkomsten").json()["results"]} == {
        "DVO-BEL-LAR"
    }
    blaricum = api_as("raadslid.blaricum")
    assert {
        r["kenmerk"] for r in blaricum.get("/api/v1/dienstverleningsovereenkomsten").json()["results"]
    } == {
        "DVO-BEL-BLA",
        "DVO-BEL-LAR",
    }


@pytest.mark.django_db
def test_the_scope_is_the_rule(actor_named: Callable[[str], Any]) -> None:
    """The list (read scope) and the single record (rule, ``naleving_zichtbaar``) agree for every role."""
    from seta.autorisaties import policy
    from seta.dienstverlening import selectors
    from seta.dienstverlening.models import Dienstverleningsovereenkomst as DVO

    alle = list(DVO.objects.all())
    for username in ROLLEN.values():
        actor = actor_named(username)
        zichtbaar = set(selectors.dvos_for(actor).values_list("pk", flat=True))
        for dvo in alle:
            assert (dvo.pk in zichtbaar) == policy.dienstverlening.naleving_zichtbaar(actor, dvo), (
                username,
                dvo,
            )
