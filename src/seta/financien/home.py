"""Home-page panel of financiën: the latest settlement (with its deviation alerts), the scenarios and, for a
municipality, its next advance due."""

from __future__ import annotations

from django.utils import timezone

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.financien import selectors, voorschotten
from seta.web.home import Panel


def panels(actor: Actor) -> list[Panel]:
    if actor.user is None or not policy.can(actor, "financien.lezen", None):
        return []
    afrekeningen = list(selectors.afrekeningen_for(actor).order_by("-jaar")[:3])
    scenarios = list(selectors.scenarios_for(actor).order_by("-jaar")[:3])
    termijnen = voorschotten.next_terms(actor, timezone.localdate())
    if not afrekeningen and not scenarios and not termijnen:
        return []
    return [
        Panel(
            titel="Financiën",
            template="financien/panels/financien.html",
            context={"afrekeningen": afrekeningen, "scenarios": scenarios, "termijnen": termijnen},
            volgorde=60,
        )
    ]
