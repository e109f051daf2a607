"""Rule for the repetition advantage (herhalingsvoordeel): who sees the hours of earlier deliveries of a
catalogue item with their learning curve.

It is the pool's estimating aid: every member of the pool that owns the item (directeur, controller,
teamleider, medewerker) and the beheerder. The figures are totals per assignment, of the assignments the
actor may read anyway (a confidential one of a partner stays out for whoever may not read it: the
selector counts only what ``opdrachten.selectors.bestuursopdrachten_for`` gives). The municipality side
sees the actuals of its own assignments in the nacalculatie, not this comparison across partners.
"""

from __future__ import annotations

from typing import Any

from seta.autorisaties.actor import Actor, Rol
from seta.autorisaties.policy import rule

POOL = (Rol.DIRECTEUR, Rol.CONTROLLER, Rol.TEAMLEIDER, Rol.MEDEWERKER)


@rule("herhalingsvoordeel.lezen")
def herhalingsvoordeel_lezen(actor: Actor, catalogusitem: Any) -> bool:
    """``catalogusitem``: the item whose earlier deliveries are compared."""
    if actor.is_beheerder:
        return True
    if catalogusitem is None:
        return bool(actor.samenwerkingsverbanden(*POOL))
    return actor.heeft(*POOL, samenwerkingsverband_id=catalogusitem.samenwerkingsverband_id)
