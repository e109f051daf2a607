"""Helpers for the nacalculatie tests: a BEL assignment for Blaricum brought to a state through the services,
and hours written on it by medewerker.bel (werk-inkomen, schaal 7) through the uren services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from seta.autorisaties.actor import Actor
from seta.catalogus.models import Catalogusitem
from seta.gemeenten.models import Functie, Functionaris, Gemeente, Portefeuille
from seta.opdrachten import lifecycle, services
from seta.opdrachten.models import Bestuursopdracht
from seta.organisatie.models import Eenheid, Medewerker, Positie
from seta.samenwerkingsverbanden.models import Samenwerkingsverband
from seta.uren import services as uren_services
from seta.uren.models import Soort, Urenregel, Weekstaat

PAD = {
    lifecycle.CONCEPT: [],
    lifecycle.INTAKE: ["opdragen", "intake", "ramen"],
    lifecycle.AKKOORD: ["opdragen", "intake", "ramen", "akkoord"],
    lifecycle.IN_UITVOERING: ["opdragen", "intake", "ramen", "akkoord", "starten"],
    lifecycle.VASTGESTELD: ["opdragen", "intake", "ramen", "akkoord", "starten", "opleveren", "vaststellen"],
}
# Weeks after the demo's hours (peildatum 2026-11-02), so the day totals of medewerker.bel are free.
EERSTE_MAANDAG = dt.date(2026, 11, 16)


@dataclass
class Bouwer:
    bel: Samenwerkingsverband
    item: Catalogusitem
    eenheid: Eenheid
    actor: Callable[[str], Actor]

    def opdracht(
        self,
        status: str = lifecycle.IN_UITVOERING,
        *,
        vertrouwelijk: bool = False,
        gemeenten: tuple[tuple[str, str], ...] = (("blaricum", "Sociaal domein"),),
        college: tuple[str, ...] = ("wethouder.blaricum",),
        max_uren: int | None = 1000,
        max_euro: Decimal | None = None,
    ) -> Bestuursopdracht:
        opdracht = services.draft(
            actor=self.actor("regisseur.blaricum"),
            samenwerkingsverband=self.bel,
            opdrachtgevers=[
                services.OpdrachtgeverInvoer(
                    Gemeente.objects.get(slug=slug), Portefeuille.objects.get(gemeente__slug=slug, naam=pf)
                )
                for slug, pf in gemeenten
            ],
            catalogusitem=self.item,
            titel="Minimabeleid (nacalculatie)",
            deadline=dt.date.today() + dt.timedelta(days=200),
            doelen="Armoede terugdringen.",
            vertrouwelijkheid="vertrouwelijk" if vertrouwelijk else "openbaar",
            max_uren=max_uren,
            max_euro=max_euro,
        )
        for actie in PAD[status]:
            gegevens: dict[str, Any] = {"reden": f"Test: {actie}"}
            if actie == "ramen":
                gegevens.update(
                    uren=120,
                    externe_kosten=5000,
                    eenheid=self.eenheid,
                    opleverdatum=dt.date.today() + dt.timedelta(days=150),
                    overschrijding_gezien=True,
                )
            if actie in lifecycle.OVERSCHRIJDING_BEVESTIGEN:
                gegevens["overschrijding_gezien"] = True
            if lifecycle.ACTIE_KANT[actie] == "pool":
                opdracht = services.perform(
                    actor=self.actor("teamleider.bel"), opdracht=opdracht, actie=actie, gegevens=gegevens
                )
            else:
                wie = college if actie in lifecycle.GEZAMENLIJK else college[:1]
                for naam in wie:
                    opdracht = services.perform(
                        actor=self.actor(naam), opdracht=opdracht, actie=actie, gegevens=gegevens
                    )
        opdracht.refresh_from_db()
        assert opdracht.status == status
        return opdracht

    def medewerker(self) -> Medewerker:
        return Medewerker.objects.get(gebruiker__username="medewerker.bel")

    def schrijf(self, opdracht: Bestuursopdracht, uren: int, *, week: int = 0) -> list[Weekstaat]:
        """``uren`` hours on ``opdracht`` by medewerker.bel, at most 20 a day from the Monday of week ``week``
        after :data:`EERSTE_MAANDAG` (through the service, as the medewerker's weekly grid would)."""
        mw = self.medewerker()
        actor = self.actor("medewerker.bel")
        dag = EERSTE_MAANDAG + dt.timedelta(weeks=week)
        staten = set()
        rest = uren
        while rest > 0:
            deel = min(rest, 20)
            regel = uren_services.register_hours(
                actor=actor,
                medewerker=mw,
                datum=dag,
                uren=deel,
                doel=uren_services.Doel(Soort.OPDRACHT, opdracht=opdracht),
            )
            staten.add(regel.weekstaat_id)
            rest -= deel
            dag += dt.timedelta(days=1)
        return list(Weekstaat.objects.filter(pk__in=staten).order_by("jaar", "week"))

    def schrijf_zonder_service(self, opdracht: Bestuursopdracht, uren: int, *, week: int = 0) -> Weekstaat:
        """Lines put straight into an open week (as a bulk load would): no alert check ran for them."""
        mw = self.medewerker()
        dag = EERSTE_MAANDAG + dt.timedelta(weeks=week)
        jaar, wk, _ = dag.isocalendar()
        staat, _ = Weekstaat.objects.get_or_create(
            medewerker=mw, jaar=jaar, week=wk, defaults={"samenwerkingsverband": self.bel}
        )
        rest = uren
        while rest > 0:
            deel = min(rest, 20)
            Urenregel.objects.create(
                samenwerkingsverband=self.bel,
                medewerker=mw,
                weekstaat=staat,
                datum=dag,
                uren=Decimal(deel),
                soort=Soort.OPDRACHT,
                opdracht=opdracht,
                eenheid_id=mw.eenheid_id,
                schaal=mw.schaal,
            )
            rest -= deel
            dag += dt.timedelta(days=1)
        return staat


@pytest.fixture
def bouwer(actor_named: Callable[[str], Actor]) -> Bouwer:
    bel = Samenwerkingsverband.objects.get(slug="bel")
    item = Catalogusitem.objects.get(samenwerkingsverband=bel, code="bijzondere-bijstand")
    eenheid = Eenheid.objects.get(samenwerkingsverband=bel, code="werk-inkomen")
    return Bouwer(bel, item, eenheid, actor_named)


@pytest.fixture
def teamleider2(db: Any) -> Any:
    """A BEL teamleider of another unit (the demo has none with a login)."""
    tl = Medewerker.objects.filter(
        samenwerkingsverband__slug="bel",
        positie=Positie.TEAMLEIDER,
        gebruiker__isnull=True,
        eenheid__code="fysiek",
    ).first()
    assert tl is not None
    tl.gebruiker = get_user_model().objects.create(username="teamleider2.bel")
    tl.save(update_fields=["gebruiker"])
    return tl.gebruiker


__all__ = ["Bouwer", "Functie", "Functionaris"]
