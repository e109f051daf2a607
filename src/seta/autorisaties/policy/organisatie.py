"""Rules for the werkorganisatie beyond the foundation (``basis.py``): who appoints managers."""

from __future__ import annotations

from typing import Any

from seta.autorisaties.actor import BESTUUR_ROLLEN, POOL_ROLLEN, Actor, Rol
from seta.autorisaties.policy import rule
from seta.autorisaties.policy.basis import _sv_id


@rule("medewerker.leidinggevende_aanstellen")
def leidinggevende_aanstellen(actor: Actor, obj: Any) -> bool:
    """Only the directeur makes someone directeur, controller or teamleider; a teamleider cannot."""
    return actor.is_beheerder or actor.heeft(Rol.DIRECTEUR, samenwerkingsverband_id=_sv_id(obj))


@rule("competentie.aanmaken")
def competentie_aanmaken(actor: Actor, obj: Any) -> bool:
    """The shared list of competences is extended by the beheerder or any directeur."""
    return actor.is_beheerder or actor.heeft(Rol.DIRECTEUR)


def personeel_sv_ids(actor: Actor) -> set[int] | None:
    """Cooperations whose staff the actor may list (the ``organisatie.medewerker`` read scope); None: all."""
    if actor.is_beheerder:
        return None
    return set(actor.samenwerkingsverbanden(*(POOL_ROLLEN | BESTUUR_ROLLEN)))
