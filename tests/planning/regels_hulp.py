"""Helpers for the rules/absence/capacity tests: fresh rules and absences through the services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from seta.autorisaties.actor import Actor
from seta.organisatie.models import Medewerker
from seta.planning import services
from seta.planning.models import Afwezigheid, Planningsregels
from seta.samenwerkingsverbanden.besluiten import BesluitInvoer
from seta.samenwerkingsverbanden.models import Samenwerkingsverband

DB_BESLUIT = BesluitInvoer(
    orgaan="dagelijks_bestuur", kenmerk="DB 2026-11 punt 3", datum=dt.date(2026, 10, 20)
)


def sv(slug: str = "bel") -> Samenwerkingsverband:
    return Samenwerkingsverband.objects.get(slug=slug)


def concept(
    actor: Callable[[str], Actor], *, jaar: int = 2028, slug: str = "bel", **velden: Any
) -> Planningsregels:
    return services.stel_regels_op(
        actor=actor(f"directeur.{slug}"), samenwerkingsverband=sv(slug), jaar=jaar, **velden
    )


def vastgesteld(actor: Callable[[str], Actor], jaar: int = 2027) -> Planningsregels:
    return Planningsregels.objects.get(samenwerkingsverband__slug="bel", jaar=jaar, status="vastgesteld")


def medewerker_van(username: str) -> Medewerker:
    return Medewerker.objects.get(gebruiker__username=username)


def medewerker_in(slug: str, eenheid: str) -> Medewerker:
    return (
        Medewerker.objects.filter(
            samenwerkingsverband__slug=slug, eenheid__code=eenheid, gebruiker__isnull=True
        )
        .order_by("pk")
        .first()
    )  # type: ignore[return-value]


def afwezigheid(
    actor: Actor,
    medewerker: Medewerker,
    *,
    van: dt.date = dt.date(2027, 2, 1),
    dagen: int = 27,
    pct: int = 100,
) -> Afwezigheid:
    return services.registreer_afwezigheid(
        actor=actor,
        medewerker=medewerker,
        soort="ziekte",
        van=van,
        tot=van + dt.timedelta(days=dagen),
        percentage=Decimal(pct),
        omschrijving="Test",
    )
