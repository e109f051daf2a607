"""Helpers for the commissioning tests: the demo people by role, and assignments brought to a state
through the services (the same write path the pages and the API use)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from seta.autorisaties.actor import Actor, Rol, actor_for
from seta.catalogus.models import Catalogusitem
from seta.gemeenten.models import Functie, Functionaris, Portefeuille
from seta.opdrachten import lifecycle, services
from seta.opdrachten.models import Bestuursopdracht
from seta.organisatie.models import Eenheid, Medewerker, Positie
from seta.samenwerkingsverbanden.models import Samenwerkingsverband

VANDAAG = timezone.localdate

# Actions (and their actor) that bring a fresh draft to each state, following the lifecycle table.
PAD: dict[str, list[str]] = {
    lifecycle.CONCEPT: [],
    lifecycle.OPGEDRAGEN: ["opdragen"],
    lifecycle.INTAKE: ["opdragen", "intake", "ramen"],
    lifecycle.AKKOORD: ["opdragen", "intake", "ramen", "akkoord"],
    lifecycle.IN_UITVOERING: ["opdragen", "intake", "ramen", "akkoord", "starten"],
    lifecycle.OPGELEVERD: ["opdragen", "intake", "ramen", "akkoord", "starten", "voortgang", "opleveren"],
    lifecycle.TERUG: [
        "opdragen",
        "intake",
        "ramen",
        "akkoord",
        "starten",
        "voortgang",
        "opleveren",
        "terugsturen",
    ],
    lifecycle.AANGEHOUDEN: ["opdragen", "intake", "ramen", "akkoord", "starten", "aanhouden"],
    lifecycle.VASTGESTELD: ["opdragen", "intake", "ramen", "akkoord", "starten", "opleveren", "vaststellen"],
}


@dataclass
class Wereld:
    """The fixed objects of the BEL scenario: Blaricum commissions, the Sociaal domein unit carries it out."""

    bel: Samenwerkingsverband
    item: Catalogusitem
    werk_inkomen: Eenheid
    actor: Callable[[str], Actor]

    def portefeuille(self, slug: str, naam: str) -> Portefeuille:
        return Portefeuille.objects.get(gemeente__slug=slug, naam=naam)

    def draft(
        self,
        *,
        gemeenten: tuple[tuple[str, str], ...] = (("blaricum", "Sociaal domein"),),
        door: str = "regisseur.blaricum",
        vertrouwelijk: bool = False,
    ) -> Bestuursopdracht:
        from seta.gemeenten.models import Gemeente

        return services.draft(
            actor=self.actor(door),
            samenwerkingsverband=self.bel,
            opdrachtgevers=[
                services.OpdrachtgeverInvoer(Gemeente.objects.get(slug=slug), self.portefeuille(slug, pf))
                for slug, pf in gemeenten
            ],
            catalogusitem=self.item,
            titel="Minimabeleid (test)",
            deadline=VANDAAG() + dt.timedelta(days=200),
            doelen="Armoede terugdringen.",
            vertrouwelijkheid="vertrouwelijk" if vertrouwelijk else "openbaar",
            max_uren=100,
        )

    def step(
        self, opdracht: Bestuursopdracht, actie: str, *, college: tuple[str, ...] = ("wethouder.blaricum",)
    ) -> Bestuursopdracht:
        kant = lifecycle.ACTIE_KANT[actie]
        gegevens: dict[str, Any] = {"reden": f"Test: {actie}"}
        if actie == "ramen":
            gegevens.update(
                uren=120,
                externe_kosten=5000,
                eenheid=self.werk_inkomen,
                opleverdatum=VANDAAG() + dt.timedelta(days=150),
            )
        if actie == "voortgang":
            gegevens.update(status="groen", percentage_gereed=50)
        if actie in lifecycle.OVERSCHRIJDING_BEVESTIGEN:
            gegevens.update(
                overschrijding_gezien=True
            )  # the estimate (120 h) exceeds the draft's frame (100 h)
        if kant == "pool":
            return services.perform(
                actor=self.actor("teamleider.bel"), opdracht=opdracht, actie=actie, gegevens=gegevens
            )
        for wie in college if actie in lifecycle.GEZAMENLIJK else college[:1]:
            opdracht = services.perform(
                actor=self.actor(wie), opdracht=opdracht, actie=actie, gegevens=gegevens
            )
        return opdracht

    def in_status(self, status: str, **kwargs: Any) -> Bestuursopdracht:
        college = kwargs.pop("college", ("wethouder.blaricum",))
        opdracht = self.draft(**kwargs)
        for actie in PAD[status]:
            opdracht = self.step(opdracht, actie, college=college)
        opdracht.refresh_from_db()
        assert opdracht.status == status
        return opdracht


@pytest.fixture
def wereld(actor_named: Callable[[str], Actor]) -> Wereld:
    bel = Samenwerkingsverband.objects.get(slug="bel")
    item = Catalogusitem.objects.get(samenwerkingsverband=bel, code="bijzondere-bijstand")
    werk_inkomen = Eenheid.objects.get(samenwerkingsverband=bel, code="werk-inkomen")
    # The scenario relies on these facts of the foundation demo; fail loudly if they change.
    assert item.eenheid_id == werk_inkomen.pk
    assert werk_inkomen.pk in actor_named("teamleider.bel").beheerde_eenheid_ids
    assert any(r.eenheid_id == werk_inkomen.pk for r in actor_named("medewerker.bel").rollen)
    return Wereld(bel=bel, item=item, werk_inkomen=werk_inkomen, actor=actor_named)


@pytest.fixture
def extra_gebruikers(db: Any) -> dict[str, Any]:
    """Logins the demo does not have: a Blaricum wethouder without the Sociaal domein portfolio (an AB member),
    and a BEL teamleider of another unit."""
    User = get_user_model()
    tweede = (
        Functionaris.objects.filter(
            gemeente__slug="blaricum", functie=Functie.WETHOUDER, gebruiker__isnull=True
        )
        .exclude(portefeuilles__naam="Sociaal domein")
        .first()
    )
    assert tweede is not None
    wethouder = User.objects.create(username="wethouder2.blaricum")
    tweede.gebruiker = wethouder
    tweede.save(update_fields=["gebruiker"])
    tl = Medewerker.objects.filter(
        samenwerkingsverband__slug="bel",
        positie=Positie.TEAMLEIDER,
        gebruiker__isnull=True,
        eenheid__code="fysiek",
    ).first()
    assert tl is not None
    teamleider = User.objects.create(username="teamleider2.bel")
    tl.gebruiker = teamleider
    tl.save(update_fields=["gebruiker"])
    return {"wethouder2.blaricum": wethouder, "teamleider2.bel": teamleider}


def actor_of(user: Any) -> Actor:
    return actor_for(user)


__all__ = ["PAD", "Rol", "Wereld"]
