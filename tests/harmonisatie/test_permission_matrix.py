"""The permission matrix of harmonisation proposals: every role × every proposal action, own and other
municipality, the pool of the own and of another cooperation — through the services, as the people would.

``ok``: the action succeeds; 403: the person may see the proposal but not do this; 404: the person may not even
know it exists. A single forbidden combination that is let through fails the test. The proposal goes to
Blaricum, Eemnes and Laren (BEL); the answer tried is Laren's (a partij without a portfolio: any wethouder of Laren
may answer for its college)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from seta.core.errors import SetaError
from seta.harmonisatie import services
from seta.opdrachten.models import Overleg

from .conftest import Wereld

pytestmark = pytest.mark.django_db

ROLLEN = [
    "burgemeester.laren",
    "wethouder.laren",
    "secretaris.laren",
    "regisseur.laren",
    "raadslid.laren",
    "griffier.laren",
    "burgemeester.blaricum",
    "wethouder.blaricum",
    "raadslid.blaricum",
    "directeur.bel",
    "teamleider.bel",
    "controller.bel",
    "medewerker.bel",
    "directeur.kempen",
    "wethouder.bergeijk",
    "beheerder",
]
ACTIES = ["opstellen", "verzenden", "agenderen", "intrekken", "aanvaarden", "afwijzen"]

# the college (reads a sent proposal, may not act for the pool), the municipality's officials (read only),
# the council (nothing), the pool's leading staff (all pool actions), the controller (reads), others (nothing)
POOL = {
    "opstellen": "ok",
    "verzenden": "ok",
    "agenderen": "ok",
    "intrekken": "ok",
    "aanvaarden": 403,
    "afwijzen": 403,
}
LEZER = {
    "opstellen": 403,
    "verzenden": 404,
    "agenderen": 403,
    "intrekken": 403,
    "aanvaarden": 403,
    "afwijzen": 403,
}
NIETS = {
    "opstellen": 403,
    "verzenden": 404,
    "agenderen": 404,
    "intrekken": 404,
    "aanvaarden": 404,
    "afwijzen": 404,
}
ANDER_SV = {**NIETS, "opstellen": 404}  # another cooperation's people may not even read BEL
COLLEGE_LAREN = {**LEZER, "aanvaarden": "ok", "afwijzen": "ok"}
VERWACHT: dict[str, dict[str, Any]] = {
    "burgemeester.laren": COLLEGE_LAREN,
    "wethouder.laren": COLLEGE_LAREN,
    "secretaris.laren": LEZER,
    "regisseur.laren": LEZER,
    "raadslid.laren": NIETS,
    "griffier.laren": NIETS,
    "burgemeester.blaricum": LEZER,
    "wethouder.blaricum": LEZER,
    "raadslid.blaricum": NIETS,
    "directeur.bel": POOL,
    "teamleider.bel": POOL,
    "controller.bel": {**LEZER, "verzenden": 403},  # reads concepts too
    "medewerker.bel": NIETS,
    "directeur.kempen": ANDER_SV,
    "wethouder.bergeijk": ANDER_SV,
    "beheerder": {**LEZER, "verzenden": 403},  # reads everything, acts for no one
}


def _uitkomst(fn: Any) -> Any:
    try:
        with transaction.atomic():
            fn()
    except SetaError as exc:
        if exc.status in (403, 404):
            return exc.status
        return "ok"  # allowed; refused only for the state or the input, after the permission check
    return "ok"


@pytest.mark.parametrize("wie", ROLLEN)
def test_every_role_every_action(wereld: Wereld, wie: str) -> None:
    actor = wereld.actor(wie)
    concept = wereld.toerisme(verzenden=False, portefeuille=False)
    verzonden = wereld.toerisme(portefeuille=False)
    overleg = Overleg.objects.get(titel="Wethoudersoverleg economie en toerisme BEL")
    laren = verzonden.partijen.get(gemeente=wereld.gemeente["laren"])
    pogingen = {
        "opstellen": lambda: services.opstellen(
            actor=actor,
            samenwerkingsverband=wereld.bel,
            onderwerp="x",
            toelichting="x",
            vorm="parallel",
            partijen=[],
        ),
        "verzenden": lambda: services.verzenden(
            actor=actor, voorstel=concept, expected_version=concept.versie
        ),
        "agenderen": lambda: services.agenderen(
            actor=actor, voorstel=verzonden, overleg=overleg, expected_version=verzonden.versie
        ),
        "intrekken": lambda: services.intrekken(
            actor=actor, voorstel=verzonden, expected_version=verzonden.versie
        ),
        "aanvaarden": lambda: services.aanvaarden(
            actor=actor, partij=laren, expected_version=verzonden.versie
        ),
        "afwijzen": lambda: services.afwijzen(actor=actor, partij=laren, expected_version=verzonden.versie),
    }
    gekregen = {actie: _uitkomst(pogingen[actie]) for actie in ACTIES}
    assert gekregen == VERWACHT[wie]
