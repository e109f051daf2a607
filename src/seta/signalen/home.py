"""Home-page panel of signalen: the number of open signals and the latest three, for whoever has any."""

from __future__ import annotations

from seta.autorisaties.actor import Actor
from seta.signalen import selectors
from seta.web.home import Panel


def panels(actor: Actor) -> list[Panel]:
    aantal = selectors.open_signalen_for(actor).count()
    if not aantal and not selectors.signalen_for(actor).exists():
        return []
    return [
        Panel(
            titel="Signalen",
            template="signalen/panels/signalen.html",
            context={"aantal": aantal, "laatste": selectors.laatste_open(actor)},
            volgorde=5,
        )
    ]
