"""Home-page panel: the actor's own cooperation scans (drafts first)."""

from __future__ import annotations

from seta.autorisaties.actor import Actor
from seta.scan import selectors
from seta.web.home import Panel


def panels(actor: Actor) -> list[Panel]:
    scans = list(selectors.scansessies_for(actor).order_by("-status", "-gewijzigd_op")[:5])
    if not scans:
        return []
    return [
        Panel(
            titel="Mijn samenwerkingsscans",
            template="scan/panel_home.html",
            context={"scans": scans},
            volgorde=80,
        )
    ]
