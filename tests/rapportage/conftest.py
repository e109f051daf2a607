"""Helpers for the council-report tests: a period of the BEL cycle without reports (so the demo's own reports
never collide), and reports brought to a state through the services (the same write path as the pages and the
API)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from seta.autorisaties.actor import Actor
from seta.gemeenten.models import Functie, Functionaris, Gemeente
from seta.rapportage import services
from seta.rapportage.kern import perioden
from seta.rapportage.models import Abonnement, Raadsrapportage
from seta.samenwerkingsverbanden.besluiten import bevoegd_orgaan
from seta.samenwerkingsverbanden.models import Besluitonderwerp, Samenwerkingsverband


@dataclass
class Rapportagewereld:
    bel: Samenwerkingsverband
    laren: Gemeente
    jaar: int
    periode: str
    actor: Callable[[str], Actor]

    def gemeente(self, slug: str) -> Gemeente:
        return Gemeente.objects.get(slug=slug)

    def besluit(self, *, gezamenlijk: bool = False, kenmerk: str = "B&W 2025-101") -> dict[str, Any]:
        orgaan = bevoegd_orgaan(self.bel, Besluitonderwerp.RAADSRAPPORTAGE) if gezamenlijk else "college"
        return {"orgaan": orgaan, "kenmerk": kenmerk, "datum": dt.date(self.jaar + 1, 1, 15)}

    def concept(self, gemeente: str | None = "laren", *, door: str = "directeur.bel") -> Raadsrapportage:
        return services.opstellen(
            actor=self.actor(door),
            samenwerkingsverband=self.bel,
            gemeente=self.gemeente(gemeente) if gemeente else None,
            jaar=self.jaar,
            periode=self.periode,
        )

    def verzonden(self, gemeente: str | None = "laren") -> Raadsrapportage:
        r = self.concept(gemeente)
        wie = (
            "wethouder.laren"
            if gemeente == "laren"
            else f"wethouder.{gemeente}"
            if gemeente
            else "burgemeester.laren"
        )
        return services.aanbieden(
            actor=self.actor(wie),
            rapportage=r,
            besluit=self.besluit(gezamenlijk=gemeente is None),
            expected_version=r.versie,
        )


def _vrije_periode(bel: Samenwerkingsverband) -> tuple[int, str]:
    ritme = services.ritme_van(bel)
    for jaar in range(2024, 2010, -1):
        if not Raadsrapportage.objects.filter(samenwerkingsverband=bel, jaar=jaar).exists():
            return jaar, perioden.perioden(ritme, jaar)[0].code
    raise AssertionError("no year without reports")


@pytest.fixture
def rw(actor_named: Callable[[str], Actor]) -> Rapportagewereld:
    bel = Samenwerkingsverband.objects.get(slug="bel")
    jaar, periode = _vrije_periode(bel)
    # the demo's own subscription (raadslid.laren on Laren): these tests subscribe from scratch
    Abonnement.objects.filter(samenwerkingsverband=bel).delete()
    return Rapportagewereld(
        bel=bel, laren=Gemeente.objects.get(slug="laren"), jaar=jaar, periode=periode, actor=actor_named
    )


@pytest.fixture
def wethouder2_blaricum(db: Any) -> Any:
    """A Blaricum wethouder the demo has no login for: an AB member (the AB is the full colleges), not in the DB."""
    tweede = (
        Functionaris.objects.filter(
            gemeente__slug="blaricum",
            functie=Functie.WETHOUDER,
            gebruiker__isnull=True,
            einddatum__isnull=True,
        ).first()
        or Functionaris.objects.filter(
            gemeente__slug="blaricum", functie=Functie.WETHOUDER, gebruiker__isnull=True
        ).first()
    )
    assert tweede is not None
    user = get_user_model().objects.create(username="wethouder2.blaricum")
    tweede.gebruiker = user
    tweede.save(update_fields=["gebruiker"])
    return user
