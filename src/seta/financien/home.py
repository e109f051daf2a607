"""Home-page panel of financiën: the latest settlement (with its deviation alerts) and the scenarios."""

from __future__ import annotations

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.financien import selectors
from seta.web.home import Panel


def panels(actor: Actor) -> list[Panel]:
    if actor.user is None or not policy.can(actor, "financien.lezen", None):
        return []
    afrekeningen = list(selectors.afrekeningen_for(actor).order_by("-jaar")[:3])
    scenarios = list(selectors.scenarios_for(actor).order_by("-jaar")[:3])
    if not afrekeningen and not scenarios:
        return []
    return [
        Panel(
            titel="Financiën",
            template="financien/panels/financien.html",
            context={"afrekeningen": afrekeningen, "scenarios": scenarios},
            volgorde=60,
        )
    ]
