"""Home-page panels of urenregistratie: my week, and weeks waiting for my approval."""

from __future__ import annotations

from django.db.models import Sum
from django.utils import timezone

from seta.autorisaties.actor import Actor
from seta.uren import selectors
from seta.uren.models import Weekstaat
from seta.uren.services import iso_week
from seta.web.home import Panel


def panels(actor: Actor) -> list[Panel]:
    result: list[Panel] = []
    medewerker = selectors.eigen_medewerker(actor)
    if medewerker is not None:
        jaar, week = iso_week(timezone.localdate())
        staat = Weekstaat.objects.filter(medewerker=medewerker, jaar=jaar, week=week).first()
        totaal = staat.regels.aggregate(s=Sum("uren"))["s"] if staat else None
        open_weken = (
            selectors.weekstaten_for(actor)
            .filter(medewerker=medewerker, status="open", regels__isnull=False)
            .distinct()
            .count()
        )
        result.append(
            Panel(
                titel="Mijn uren",
                template="uren/panels/mijn_uren.html",
                context={
                    "staat": staat,
                    "week": week,
                    "jaar": jaar,
                    "totaal": totaal or 0,
                    "open_weken": open_weken,
                },
                volgorde=40,
            )
        )
    wachtend = selectors.te_beoordelen(actor).count()
    if wachtend:
        result.append(
            Panel(
                titel="Uren goedkeuren",
                template="uren/panels/goedkeuren.html",
                context={"aantal": wachtend},
                volgorde=41,
            )
        )
    return result
