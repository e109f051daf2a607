"""The visibility matrix of harmonisation: every demo role × what it may see of a similar order of Blaricum (public
and commissioned, a public draft, a confidential one), and whether it may search, read the variant map and draft a
proposal, for the own cooperation (BEL) and another (the Kempen).

The expected table is written out (the decision in ``autorisaties/policy/harmonisatie.py``); a single combination
that shows more than the table says fails the test. Columns:

- ``pub`` / ``con`` / ``vtr``: ``policy.harmonisatie.opdracht_zicht`` of Blaricum's public tourism plan (akkoord),
  its public draft "Aanpak thuiszitters" and its confidential "Preventieve jeugdhulp op school";
- ``zoek`` / ``zoek_sk``: ``harmonisatie.zoeken`` on BEL / on the Kempen;
- ``kaart``: ``variantenkaart.lezen`` on BEL; ``hv``: ``harmonisatievoorstel.opstellen`` on BEL.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.autorisaties.policy.harmonisatie import opdracht_zicht
from seta.opdrachten.models import Bestuursopdracht
from seta.samenwerkingsverbanden.models import Samenwerkingsverband

pytestmark = pytest.mark.django_db

TABEL = """
gebruiker               pub       con       vtr           zoek zoek_sk kaart hv
burgemeester.blaricum   volledig  volledig  volledig      ja   nee     ja    nee
wethouder.blaricum      volledig  volledig  volledig      ja   nee     ja    nee
raadslid.blaricum       geen      geen      geen          nee  nee     nee   nee
griffier.blaricum       geen      geen      geen          nee  nee     nee   nee
secretaris.blaricum     volledig  volledig  volledig      ja   nee     nee   nee
regisseur.blaricum      volledig  volledig  volledig      ja   nee     nee   nee
wethouder.laren         volledig  concept   geen          ja   nee     ja    nee
burgemeester.laren      volledig  concept   geen          ja   nee     ja    nee
wethouder.eemnes        volledig  concept   geen          ja   nee     ja    nee
raadslid.laren          geen      geen      geen          nee  nee     nee   nee
griffier.eemnes         geen      geen      geen          nee  nee     nee   nee
secretaris.eemnes       volledig  concept   geen          ja   nee     nee   nee
regisseur.eemnes        volledig  concept   geen          ja   nee     nee   nee
wethouder.bergeijk      geen      geen      geen          nee  ja      nee   nee
regisseur.bladel        geen      geen      geen          nee  ja      nee   nee
raadslid.eersel         geen      geen      geen          nee  nee     nee   nee
directeur.kempen        geen      geen      geen          nee  ja      nee   nee
teamleider.kempen       geen      geen      geen          nee  ja      nee   nee
medewerker.kempen       geen      geen      geen          nee  nee     nee   nee
directeur.bel           volledig  volledig  vertrouwelijk ja   nee     ja    ja
controller.bel          volledig  volledig  vertrouwelijk ja   nee     ja    nee
teamleider.bel          volledig  volledig  vertrouwelijk ja   nee     ja    ja
medewerker.bel          geen      geen      geen          nee  nee     nee   nee
beheerder               volledig  volledig  vertrouwelijk ja   ja      ja    nee
"""

RIJEN = [r.split() for r in TABEL.strip().splitlines()]
KOP = RIJEN[0][1:]
VERWACHT = {rij[0]: dict(zip(KOP, rij[1:], strict=True)) for rij in RIJEN[1:]}


@pytest.fixture
def orders() -> dict[str, Bestuursopdracht]:
    result = {
        "pub": Bestuursopdracht.objects.get(titel="Toeristisch-recreatief plan Blaricum (groen)"),
        "con": Bestuursopdracht.objects.get(titel="Aanpak thuiszitters Blaricum"),
        "vtr": Bestuursopdracht.objects.get(titel="Preventieve jeugdhulp op school Blaricum"),
    }
    assert result["pub"].vertrouwelijkheid == "openbaar" and result["pub"].status != "concept"
    assert result["con"].vertrouwelijkheid == "openbaar" and result["con"].status == "concept"
    assert result["vtr"].vertrouwelijkheid != "openbaar"
    return result


@pytest.mark.parametrize("gebruiker", sorted(VERWACHT))
def test_what_each_role_sees_of_a_similar_order(
    gebruiker: str, actor_named: Callable[[str], Actor], orders: dict[str, Any]
) -> None:
    actor = actor_named(gebruiker)
    bel = Samenwerkingsverband.objects.get(slug="bel")
    kempen = Samenwerkingsverband.objects.get(slug="kempen")
    ja = {True: "ja", False: "nee"}
    gezien = {
        "pub": opdracht_zicht(actor, orders["pub"]),
        "con": opdracht_zicht(actor, orders["con"]),
        "vtr": opdracht_zicht(actor, orders["vtr"]),
        "zoek": ja[policy.can(actor, "harmonisatie.zoeken", bel)],
        "zoek_sk": ja[policy.can(actor, "harmonisatie.zoeken", kempen)],
        "kaart": ja[policy.can(actor, "variantenkaart.lezen", bel)],
        "hv": ja[policy.can(actor, "harmonisatievoorstel.opstellen", bel)],
    }
    assert gezien == VERWACHT[gebruiker]


def test_a_confidential_order_is_never_fully_visible_outside_its_own_municipality(
    actor_named: Callable[[str], Actor], orders: dict[str, Any]
) -> None:
    """The invariant behind the table, over every role: a confidential order of Blaricum is ``volledig`` only for
    Blaricum's own college, secretaris and regisseur; to the pool it is the anonymous line, to others nothing."""
    for gebruiker, rij in VERWACHT.items():
        if rij["vtr"] == "volledig":
            assert gebruiker.endswith(".blaricum"), gebruiker
        assert rij["vtr"] in {"volledig", "vertrouwelijk", "geen"}
    assert {r["vtr"] for g, r in VERWACHT.items() if not g.endswith(".blaricum")} <= {"vertrouwelijk", "geen"}
