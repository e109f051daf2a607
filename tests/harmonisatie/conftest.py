"""Helpers for the proposal tests: the BEL tourism and playground orders, and proposals made through the services
as the demo's people (the same write path as the pages, the API and the demo)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from seta.autorisaties.actor import Actor
from seta.gemeenten.models import Gemeente
from seta.harmonisatie import services
from seta.harmonisatie.models import Harmonisatievoorstel
from seta.opdrachten.models import Bestuursopdracht
from seta.samenwerkingsverbanden.models import Samenwerkingsverband


@dataclass
class Wereld:
    bel: Samenwerkingsverband
    gemeente: dict[str, Gemeente]
    opdracht: Callable[[str], Bestuursopdracht]
    actor: Callable[[str], Actor]

    def partij(self, titel: str, *, portefeuille: bool = True) -> services.PartijInvoer:
        o = self.opdracht(titel)
        og = o.opdrachtgevers.select_related("gemeente", "portefeuille").get()
        return services.PartijInvoer(
            gemeente=og.gemeente, portefeuille=og.portefeuille if portefeuille else None, bron_opdracht=o
        )

    def toerisme(
        self, *, vorm: str = "gezamenlijk", verzenden: bool = True, **kw: Any
    ) -> Harmonisatievoorstel:
        titels = (
            "Toeristisch-recreatief plan Blaricum (groen)",
            "Toeristische visie Eemnes",
            "Toeristisch-recreatief plan Laren (rode rand)",
        )
        directeur = self.actor("directeur.bel")
        voorstel = services.opstellen(
            actor=directeur,
            samenwerkingsverband=self.bel,
            onderwerp="Eén toeristisch plan (test)",
            toelichting="Wilt u niet ook?",
            vorm=vorm,
            opdrachten=[self.opdracht(t) for t in titels],
            partijen=[self.partij(t, **kw) for t in titels],
            leidende_opdracht=self.opdracht(titels[2]),
        )
        if verzenden:
            voorstel = services.verzenden(
                actor=directeur, voorstel=voorstel, expected_version=voorstel.versie
            )
        return voorstel

    def besluit(self, voorstel: Harmonisatievoorstel, slug: str, actie: str, wie: str = "") -> Any:
        voorstel.refresh_from_db()
        partij = voorstel.partijen.get(gemeente=self.gemeente[slug])
        functie = services.aanvaarden if actie == "aanvaarden" else services.afwijzen
        return functie(
            actor=self.actor(wie or f"burgemeester.{slug}"), partij=partij, expected_version=voorstel.versie
        )


@pytest.fixture
def wereld(db: Any, actor_named: Callable[[str], Actor]) -> Wereld:
    bel = Samenwerkingsverband.objects.get(afkorting__iexact="BEL")
    gemeente = {g.slug: g for g in Gemeente.objects.filter(slug__in=["blaricum", "eemnes", "laren"])}
    return Wereld(
        bel=bel,
        gemeente=gemeente,
        opdracht=lambda titel: Bestuursopdracht.objects.filter(
            titel=titel, samenwerkingsverband=bel
        ).order_by("pk")[0],
        actor=actor_named,
    )
