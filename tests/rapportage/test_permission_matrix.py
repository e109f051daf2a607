"""The permission matrix of the council reports: every demo role × every action, on Laren's report (own
municipality for Laren's people, another municipality of the same cooperation for Blaricum's and Eemnes's, another
cooperation for Kempen and Ten Boer) and on BEL's joint report — through the API, as the people would.

``ok`` means the action succeeds (200, or 201 for a create and a correction); 403 means the person may see the
report but not do this; 404 means the person may not even know it exists; 400 that the cooperation is not visible
to the person at all (a create names the field). A single forbidden combination let through fails the test. In
words: a raadslid never reads a concept; a municipality's college sends its own report and no other; the AB
(here: the full colleges) adopts the joint one; the pool drafts and corrects; a sent report is public.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction
from rest_framework.test import APIClient

from seta.autorisaties.actor import Rol, actor_for

from .conftest import Rapportagewereld

pytestmark = pytest.mark.django_db

ROLLEN: dict[str, str] = {
    # own municipality (the report is Laren's); the AB is the full colleges, Laren's burgemeester chairs the DB
    "burgemeester_laren_dbvz": "burgemeester.laren",
    "wethouder_laren_ablid": "wethouder.laren",
    "raadslid_laren": "raadslid.laren",
    "griffier_laren": "griffier.laren",
    "secretaris_laren": "secretaris.laren",
    "regisseur_laren": "regisseur.laren",
    # other municipality, same cooperation (BEL)
    "burgemeester_blaricum": "burgemeester.blaricum",
    "wethouder_blaricum_dblid": "wethouder.blaricum",
    "wethouder2_blaricum_ablid": "wethouder2.blaricum",
    "raadslid_blaricum": "raadslid.blaricum",
    "griffier_blaricum": "griffier.blaricum",
    "secretaris_blaricum": "secretaris.blaricum",
    "regisseur_blaricum": "regisseur.blaricum",
    "burgemeester_eemnes": "burgemeester.eemnes",
    "wethouder_eemnes_dblid": "wethouder.eemnes",
    "raadslid_eemnes": "raadslid.eemnes",
    "griffier_eemnes": "griffier.eemnes",
    "secretaris_eemnes": "secretaris.eemnes",
    "regisseur_eemnes": "regisseur.eemnes",
    # the pool of the cooperation
    "directeur": "directeur.bel",
    "controller": "controller.bel",
    "teamleider": "teamleider.bel",
    "medewerker": "medewerker.bel",
    # other cooperations
    "wethouder_ten_boer": "wethouder.ten-boer",
    "directeur_kempen": "directeur.kempen",
    "beheerder": "beheerder",
}

# lzc: read Laren's concept; lzv: read Laren's sent report; lzg: read the joint concept; opst: draft Laren's;
# tlp / tlg: the pool's / the municipality's explanation (Laren's concept); abg: send Laren's (college decision);
# abz: adopt the joint one (AB decision); corr: correct Laren's sent report; cycl: set BEL's cycle (PUT);
# abon: subscribe to BEL's reports for Laren.
KOLOMMEN = ["lzc", "lzv", "lzg", "opst", "tlp", "tlg", "abg", "abz", "corr", "cycl", "abon"]

TABEL = """
rol                        lzc  lzv  lzg  opst tlp  tlg  abg  abz  corr cycl abon
burgemeester_laren_dbvz    ok   ok   ok   403  403  403  ok   ok   403  403  ok
wethouder_laren_ablid      ok   ok   ok   403  403  403  ok   ok   403  403  ok
raadslid_laren             404  ok   404  403  404  404  404  404  403  403  ok
griffier_laren             404  ok   404  403  404  404  404  404  403  403  ok
secretaris_laren           ok   ok   404  403  403  ok   403  404  403  403  ok
regisseur_laren            404  ok   404  403  404  404  404  404  403  403  ok
burgemeester_blaricum      404  ok   ok   403  404  404  404  ok   403  403  ok
wethouder_blaricum_dblid   404  ok   ok   403  404  404  404  ok   403  403  ok
wethouder2_blaricum_ablid  404  ok   ok   403  404  404  404  ok   403  403  ok
raadslid_blaricum          404  ok   404  403  404  404  404  404  403  403  ok
griffier_blaricum          404  ok   404  403  404  404  404  404  403  403  ok
secretaris_blaricum        404  ok   404  403  404  404  404  404  403  403  ok
regisseur_blaricum         404  ok   404  403  404  404  404  404  403  403  ok
burgemeester_eemnes        404  ok   ok   403  404  404  404  ok   403  403  ok
wethouder_eemnes_dblid     404  ok   ok   403  404  404  404  ok   403  403  ok
raadslid_eemnes            404  ok   404  403  404  404  404  404  403  403  ok
griffier_eemnes            404  ok   404  403  404  404  404  404  403  403  ok
secretaris_eemnes          404  ok   404  403  404  404  404  404  403  403  ok
regisseur_eemnes           404  ok   404  403  404  404  404  404  403  403  ok
directeur                  ok   ok   ok   ok   ok   403  403  403  ok   ok   ok
controller                 ok   ok   ok   ok   403  403  403  403  ok   ok   ok
teamleider                 404  ok   404  403  404  404  404  404  403  403  ok
medewerker                 404  ok   404  403  404  404  404  404  403  403  ok
wethouder_ten_boer         404  ok   404  400  404  404  404  404  403  404  400
directeur_kempen           404  ok   404  400  404  404  404  404  403  404  400
beheerder                  ok   ok   ok   ok   ok   ok   ok   ok   ok   ok   ok
"""


def _verwacht() -> dict[str, dict[str, str]]:
    regels = [r.split() for r in TABEL.strip().splitlines()]
    kop, rijen = regels[0], regels[1:]
    assert kop[1:] == KOLOMMEN
    tabel = {rij[0]: dict(zip(KOLOMMEN, rij[1:], strict=True)) for rij in rijen}
    assert set(tabel) == set(ROLLEN), "every role has a row"
    return tabel


VERWACHT = _verwacht()


def _besluit(rw: Rapportagewereld, *, gezamenlijk: bool = False) -> dict[str, Any]:
    b = rw.besluit(gezamenlijk=gezamenlijk)
    return {**b, "datum": b["datum"].isoformat()}


def test_board_roles_are_really_held(user_named: Callable[[str], Any], wethouder2_blaricum: Any) -> None:
    """The AB/DB rows test what they say."""
    assert actor_for(user_named("burgemeester.laren")).heeft(Rol.DB_LID)
    assert actor_for(user_named("wethouder.blaricum")).heeft(Rol.DB_LID)
    assert actor_for(wethouder2_blaricum).heeft(Rol.AB_LID)
    assert not actor_for(wethouder2_blaricum).heeft(Rol.DB_LID)
    assert actor_for(user_named("wethouder.laren")).heeft(Rol.AB_LID)


def _verzoek(kolom: str, rw: Rapportagewereld) -> tuple[str, str, dict[str, Any], dict[str, str]]:
    """Method, URL, body and headers of the column's attempt (the state made through the services)."""
    if kolom in ("lzc", "tlp", "tlg", "abg"):
        r = rw.concept()
    elif kolom == "lzg" or kolom == "abz":
        r = rw.concept(None)
    elif kolom in ("lzv", "corr"):
        r = rw.verzonden()
    else:
        r = None
    versie = {"HTTP_IF_MATCH": f'W/"{r.versie}"'} if r is not None else {}
    url = f"/api/v1/raadsrapportages/{r.pk}" if r is not None else ""
    if kolom in ("lzc", "lzv", "lzg"):
        return "get", url, {}, {}
    if kolom == "opst":
        body = {
            "samenwerkingsverband": rw.bel.pk,
            "gemeente": rw.laren.pk,
            "jaar": rw.jaar,
            "periode": rw.periode,
        }
        return "post", "/api/v1/raadsrapportages", body, {}
    if kolom in ("tlp", "tlg"):
        pad = "toelichten-pool" if kolom == "tlp" else "toelichten-gemeente"
        return "post", f"{url}/{pad}", {"tekst": "Matrixtest"}, versie
    if kolom in ("abg", "abz"):
        return "post", f"{url}/aanbieden", {"besluit": _besluit(rw, gezamenlijk=kolom == "abz")}, versie
    if kolom == "corr":
        return "post", f"{url}/corrigeren", {"reden": "Matrixtest"}, versie
    if kolom == "cycl":
        from seta.rapportage import selectors

        etag = {"HTTP_IF_MATCH": f'W/"{selectors.cyclus_van(rw.bel).versie}"'}
        body = {"ritme": "kwartaal", "bron": "Matrixtest", "dagenNaPeriode": 30}
        return "put", f"/api/v1/rapportagecycli/{rw.bel.pk}", body, etag
    assert kolom == "abon"
    return "post", "/api/v1/abonnementen", {"samenwerkingsverband": rw.bel.pk, "gemeente": rw.laren.pk}, {}


@pytest.mark.parametrize("kolom", KOLOMMEN)
def test_matrix(
    kolom: str, rw: Rapportagewereld, wethouder2_blaricum: Any, user_named: Callable[[str], Any]
) -> None:
    method, url, body, headers = _verzoek(kolom, rw)
    fouten = []
    client = APIClient()
    for rol, username in ROLLEN.items():
        user = wethouder2_blaricum if username == "wethouder2.blaricum" else user_named(username)
        client.force_authenticate(user=user)
        with transaction.atomic():
            response = getattr(client, method)(url, body, format="json", **headers)
            transaction.set_rollback(True)  # every attempt starts from the same state
        gekregen = "ok" if response.status_code in (200, 201) else str(response.status_code)
        if gekregen != VERWACHT[rol][kolom]:
            detail = response.json().get("detail", "") if response.status_code >= 300 else ""
            fouten.append(
                f"{rol} ({username}): verwacht {VERWACHT[rol][kolom]}, kreeg {response.status_code} {detail}"
            )
    assert not fouten, f"{kolom}:\n" + "\n".join(fouten)


def test_lists_never_hold_a_concept_for_the_council(
    rw: Rapportagewereld, api_as: Callable[[str | None], APIClient]
) -> None:
    """The list is the same decision as the detail: a raadslid or griffier lists sent reports only."""
    concept, joint = rw.concept(), rw.concept(None)
    for wie in ("raadslid.laren", "griffier.laren", "raadslid.blaricum", "teamleider.bel", "regisseur.laren"):
        ids = {
            x["id"]
            for x in api_as(wie)
            .get("/api/v1/raadsrapportages", {"jaar": rw.jaar, "status": "concept"})
            .json()["results"]
        }
        assert not ids & {concept.pk, joint.pk}, wie
    ids = {
        x["id"]
        for x in api_as("secretaris.laren")
        .get("/api/v1/raadsrapportages", {"jaar": rw.jaar})
        .json()["results"]
    }
    assert concept.pk in ids and joint.pk not in ids


def test_read_scope_equals_the_read_rule_for_every_demo_login(rw: Rapportagewereld) -> None:
    """The list (``policy.scope``) and the detail (the rule ``raadsrapportage.lezen``) are one decision."""
    from django.contrib.auth import get_user_model

    from seta.autorisaties import policy
    from seta.rapportage import services
    from seta.rapportage.models import Raadsrapportage

    rapportages = [rw.concept(), rw.concept(None), rw.concept("blaricum")]
    verzonden = rw.verzonden("eemnes")
    rapportages.append(verzonden)
    rapportages.append(
        services.corrigeren(
            actor=rw.actor("directeur.bel"),
            rapportage=verzonden,
            reden="Matrixtest",
            expected_version=verzonden.versie,
        )
    )
    ids = [r.pk for r in rapportages]
    fouten = []
    for user in get_user_model().objects.order_by("username"):
        actor = actor_for(user)
        by_scope = set(
            Raadsrapportage.objects.filter(pk__in=ids)
            .filter(policy.scope(actor, "rapportage.raadsrapportage"))
            .values_list("pk", flat=True)
        )
        by_rule = {r.pk for r in rapportages if policy.can(actor, "raadsrapportage.lezen", r)}
        if by_scope != by_rule:
            fouten.append(f"{user.username}: scope {sorted(by_scope)}, rule {sorted(by_rule)}")
    assert not fouten, "\n".join(fouten)
