"""Permission matrices of board questions (answering, withdrawing) and meetings (decision list, agenda): every
role of tests/opdrachten/test_permission_matrix.py on every action, for the own municipality (Blaricum) and
another one — through the API, as the people would.

``ok`` means the action succeeds (200/201); 403: the person may see the record but not do this; 404: the person
may not even know it exists. A single forbidden combination that is let through fails the test.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone
from rest_framework.test import APIClient

from seta.gemeenten.models import Functionaris, Gemeente
from seta.opdrachten import services
from seta.opdrachten.models import Overlegsoort

from .test_permission_matrix import ROLLEN

Wereld = Any

# Columns. Board questions of Blaricum, asked by teamleider.bel, standalone:
#   bvc  answer a question to Blaricum's college      bvw  answer one to wethouder.blaricum
#   bvr  answer one to Blaricum's council (griffier)   intr withdraw the college question
#   bvl  answer a question to Laren's college (another municipality)
# Meetings of BEL, planned by directeur.bel:
#   besl record a decision in Blaricum's portefeuillehoudersoverleg   agnd add an agenda item to it
#   besg record a decision in the joint meeting of Laren and Eemnes (another municipality)
KOLOMMEN = ["bvc", "bvw", "bvr", "intr", "bvl", "besl", "agnd", "besg"]

TABEL = """
rol                           bvc  bvw  bvr  intr bvl  besl agnd besg
burgemeester                  ok   ok   403  403  404  ok   ok   404
wethouder_portefeuille_dblid  ok   ok   403  403  404  ok   ok   404
wethouder_andere_pf_ablid     ok   403  403  403  404  ok   ok   404
raadslid                      404  404  403  404  404  404  404  404
griffier                      404  404  ok   404  404  404  404  404
secretaris                    403  403  403  403  404  ok   ok   404
regisseur                     403  403  403  403  404  ok   ok   404
wethouder_laren               404  404  404  404  ok   404  404  ok
burgemeester_laren_dbvz       404  404  404  404  ok   404  404  ok
dblid_eemnes                  404  404  404  404  404  404  404  ok
raadslid_laren                404  404  404  404  404  404  404  404
griffier_eemnes               404  404  404  404  404  404  404  404
secretaris_eemnes             404  404  404  404  404  404  404  ok
regisseur_eemnes              404  404  404  404  404  404  404  ok
wethouder_bergeijk            404  404  404  404  404  404  404  404
regisseur_bladel              404  404  404  404  404  404  404  404
raadslid_eersel               404  404  404  404  404  404  404  404
directeur_kempen              404  404  404  404  404  404  404  404
teamleider_kempen             404  404  404  404  404  404  404  404
medewerker_kempen             404  404  404  404  404  404  404  404
directeur                     403  403  403  ok   403  403  ok   403
controller                    403  403  403  403  403  403  403  403
teamleider_uitvoerend         403  403  403  ok   403  403  ok   403
teamleider_andere_eenheid     403  403  403  403  403  403  ok   403
medewerker_uitvoerend         403  403  403  403  403  404  404  404
beheerder                     403  403  403  403  403  403  403  403
"""


def _verwacht() -> dict[str, dict[str, str]]:
    regels = [r.split() for r in TABEL.strip().splitlines()]
    kop, rijen = regels[0], regels[1:]
    assert kop[1:] == KOLOMMEN, "header matches the columns"
    tabel = {rij[0]: dict(zip(KOLOMMEN, rij[1:], strict=True)) for rij in rijen}
    assert set(tabel) == set(ROLLEN), "every role has a row"
    return tabel


VERWACHT = _verwacht()


def _vraag(wereld: Wereld, gemeente: str, gericht_aan: str, wethouder: Functionaris | None = None) -> Any:
    return services.ask(
        actor=wereld.actor("teamleider.bel"),
        samenwerkingsverband=wereld.bel,
        gemeente=Gemeente.objects.get(slug=gemeente),
        gericht_aan=gericht_aan,
        wethouder=wethouder,
        onderwerp=f"Matrixvraag {gericht_aan}",
        vraag="Welke richting kiest u?",
        uiterlijk=timezone.localdate() + dt.timedelta(days=14),
    )


def _overleg(wereld: Wereld, soort: str, gemeenten: list[str]) -> Any:
    return services.plan_meeting(
        actor=wereld.actor("directeur.bel"),
        soort=soort,
        samenwerkingsverband=wereld.bel,
        gemeenten=list(Gemeente.objects.filter(slug__in=gemeenten)),
        thema="Sociaal domein",
        titel="Matrixoverleg",
        datum=timezone.localdate() + dt.timedelta(days=7),
    )


def _verzoek(
    kolom: str, wereld: Wereld, user_named: Callable[[str], Any]
) -> tuple[str, dict[str, Any], dict[str, str]]:
    if kolom in {"bvc", "bvw", "bvr", "intr", "bvl"}:
        if kolom == "bvw":
            wethouder = Functionaris.objects.get(gebruiker=user_named("wethouder.blaricum"))
            vraag = _vraag(wereld, "blaricum", "wethouder", wethouder)
        elif kolom == "bvr":
            vraag = _vraag(wereld, "blaricum", "raad")
        elif kolom == "bvl":
            vraag = _vraag(wereld, "laren", "college")
        else:
            vraag = _vraag(wereld, "blaricum", "college")
        # Answering and withdrawing update the question: they carry the version read (If-Match).
        if_match = {"HTTP_IF_MATCH": f'W/"{vraag.versie}"'}
        if kolom == "intr":
            return f"/api/v1/bestuursvragen/{vraag.pk}/intrekken", {"reden": "Matrixtest"}, if_match
        return (
            f"/api/v1/bestuursvragen/{vraag.pk}/beantwoorden",
            {"antwoord": "Het college kiest A."},
            if_match,
        )
    if kolom == "besg":
        overleg = _overleg(wereld, Overlegsoort.GEZAMENLIJK, ["laren", "eemnes"])
    else:
        overleg = _overleg(wereld, Overlegsoort.PORTEFEUILLEHOUDERSOVERLEG, ["blaricum"])
    if kolom == "agnd":
        return f"/api/v1/overleggen/{overleg.pk}/agendapunten", {"onderwerp": "Matrixpunt"}, {}
    return f"/api/v1/overleggen/{overleg.pk}/besluiten", {"tekst": "Het overleg besluit A."}, {}


def test_table_roles_match_the_main_matrix() -> None:
    assert set(VERWACHT) == set(ROLLEN)


@pytest.mark.parametrize("kolom", KOLOMMEN)
def test_matrix(
    kolom: str, wereld: Wereld, extra_gebruikers: dict[str, Any], user_named: Callable[[str], Any]
) -> None:
    url, payload, headers = _verzoek(kolom, wereld, user_named)
    fouten = []
    client = APIClient()
    for rol, username in ROLLEN.items():
        client.force_authenticate(user=extra_gebruikers.get(username) or user_named(username))
        with transaction.atomic():
            response = client.post(url, payload, format="json", **headers)
            transaction.set_rollback(True)  # every attempt starts from the same state
        gekregen = "ok" if response.status_code in (200, 201) else str(response.status_code)
        if gekregen != VERWACHT[rol][kolom]:
            detail = response.json().get("detail", "") if gekregen != "ok" else ""
            fouten.append(f"{rol} ({username}): verwacht {VERWACHT[rol][kolom]}, kreeg {gekregen} {detail}")
    assert not fouten, f"{kolom}:\n" + "\n".join(fouten)
