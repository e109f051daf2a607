"""Home-page panels of harmonisation (see seta.web.home).

# --- voorstellen (helper h-voorstel) ---
- a college member (burgemeester, wethouder): the sent proposals waiting for the decision of the actor's college;
- the pool (directeur, controller, teamleider): the open proposals (concept or sent).
"""

from __future__ import annotations

from seta.autorisaties.actor import Actor
from seta.web.home import Panel

MAX = 6


# --- voorstellen ------------------------------------------------------------------------------------------------------
def _voorstel_panels(actor: Actor) -> list[Panel]:
    from seta.autorisaties.policy.harmonisatie import leest_voorstellen_als_pool
    from seta.harmonisatie import selectors_voorstel

    result: list[Panel] = []
    wachtend = selectors_voorstel.wachtend_op_mij(actor)
    if wachtend:
        result.append(
            Panel(
                titel="Harmonisatievoorstellen: uw besluit gevraagd",
                template="harmonisatie/voorstel_panel_college.html",
                context={"partijen": wachtend[:MAX], "meer": len(wachtend) > MAX},
                volgorde=25,
            )
        )
    if leest_voorstellen_als_pool(actor):
        open_ = list(selectors_voorstel.open_voorstellen(actor).order_by("-aangemaakt_op", "-id")[: MAX + 1])
        if open_:
            result.append(
                Panel(
                    titel="Open harmonisatievoorstellen",
                    template="harmonisatie/voorstel_panel_pool.html",
                    context={"voorstellen": open_[:MAX], "meer": len(open_) > MAX},
                    volgorde=26,
                )
            )
    return result


# --- end voorstellen --------------------------------------------------------------------------------------------------


def panels(actor: Actor) -> list[Panel]:
    if actor.user is None or actor.is_systeem:
        return []
    return [*_voorstel_panels(actor)]
