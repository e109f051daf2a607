"""Helpers for the DVO tests: a fresh concept through the services, brought to a state as the demo people would."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from seta.autorisaties.actor import Actor
from seta.catalogus.models import Catalogusitem
from seta.dienstverlening import services
from seta.dienstverlening.models import Dienstverleningsovereenkomst
from seta.gemeenten.models import Gemeente
from seta.samenwerkingsverbanden.besluiten import BesluitInvoer
from seta.samenwerkingsverbanden.models import Samenwerkingsverband

DOORLOOPTIJD = {
    "soort": "doorlooptijd",
    "omschrijving": "Besluit na aanvraag",
    "termijn": 40,
    "dagsoort": "werkdagen",
    "streefpercentage": Decimal(95),
    "wettelijke_grondslag": "Awb art. 4:13",
}
COLLEGE_BESLUIT = BesluitInvoer(orgaan="college", kenmerk="B&W 2026-11", datum=dt.date(2026, 10, 6))
DB_BESLUIT = BesluitInvoer(orgaan="dagelijks_bestuur", kenmerk="DB 2026-11", datum=dt.date(2026, 10, 20))


def bel() -> Samenwerkingsverband:
    return Samenwerkingsverband.objects.get(slug="bel")


def item(code: str = "jeugdhulp", sv: str = "bel") -> Catalogusitem:
    return Catalogusitem.objects.get(samenwerkingsverband__slug=sv, code=code)


def concept(
    actor: Callable[[str], Actor],
    *,
    gemeente: str | None = "blaricum",
    kenmerk: str = "DVO-TEST",
    ingang: dt.date = dt.date(2030, 1, 1),
    einde: dt.date | None = dt.date(2031, 12, 31),
    openbaar: bool = False,
    met_dienst: bool = True,
) -> Dienstverleningsovereenkomst:
    """A concept DVO of BEL (drafted by directeur.bel) with one service normed, after the demo DVOs' term."""
    directeur = actor("directeur.bel")
    dvo = services.create_dvo(
        actor=directeur,
        samenwerkingsverband=bel(),
        gemeente=Gemeente.objects.get(slug=gemeente) if gemeente else None,
        kenmerk=kenmerk,
        titel="Test-DVO",
        ingangsdatum=ingang,
        einddatum=einde,
        openbaar=openbaar,
        escalatie=[{"niveau": "beleidsregisseur", "termijn_dagen": 10}],
    )
    if met_dienst:
        services.add_afspraak(actor=directeur, dvo=dvo, catalogusitem=item(), normen=[DOORLOOPTIJD])
    dvo.refresh_from_db()
    return dvo


def vastgesteld(actor: Callable[[str], Actor], **kwargs: Any) -> Dienstverleningsovereenkomst:
    dvo = concept(actor, **kwargs)
    gemeente = kwargs.get("gemeente", "blaricum")
    colleges = [gemeente] if gemeente else ["blaricum", "eemnes", "laren"]
    for slug in colleges:
        dvo = services.record_college(actor=actor(f"wethouder.{slug}"), dvo=dvo, besluit=COLLEGE_BESLUIT)
    return services.adopt(actor=actor("burgemeester.laren"), dvo=dvo, besluit=DB_BESLUIT)
