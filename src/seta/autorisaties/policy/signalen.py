"""Rules for signalen (alerts): who of a signal's doelgroep reads it and may mark it handled.

- doelgroep ``pool``: the directeur and the controller of the cooperation;
- doelgroep ``college``: the burgemeester, the wethouders and the gemeentesecretaris of the signal's gemeente;
- doelgroep ``beleidsregisseur``: the beleidsregisseurs of the signal's gemeente.

Nobody else learns that a signal exists (404); the beheerder reads all. Signals are raised only inside other
services' write paths (``signalen.services.signaleer``), never by a request, so there is no create rule.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from seta.autorisaties.actor import Actor, Rol
from seta.autorisaties.policy import EVERYTHING, actietabel, read_scope, rule

POOL = (Rol.DIRECTEUR, Rol.CONTROLLER)
COLLEGE = (Rol.BURGEMEESTER, Rol.WETHOUDER, Rol.GEMEENTESECRETARIS)
REGIE = (Rol.BELEIDSREGISSEUR,)


@rule("signaal.lezen", "signaal.afhandelen")
def signaal_lezen(actor: Actor, signaal: Any) -> bool:
    if actor.is_beheerder:
        return True
    if signaal.doelgroep == "pool":
        return actor.heeft(*POOL, samenwerkingsverband_id=signaal.samenwerkingsverband_id)
    rollen = COLLEGE if signaal.doelgroep == "college" else REGIE
    return signaal.gemeente_id is not None and actor.heeft(*rollen, gemeente_id=signaal.gemeente_id)


@read_scope("signalen.signaal")
def signaal_scope(actor: Actor) -> Q:
    if actor.is_beheerder:
        return EVERYTHING
    return (
        Q(doelgroep="pool", samenwerkingsverband_id__in=actor.samenwerkingsverbanden(*POOL))
        | Q(doelgroep="college", gemeente_id__in=actor.gemeenten(*COLLEGE))
        | Q(doelgroep="beleidsregisseur", gemeente_id__in=actor.gemeenten(*REGIE))
    )


@actietabel("signalen.signaal", "signaal")
def signaal_acties(signaal: Any) -> list[str]:
    """An open signal can be handled (once); a handled one offers nothing."""
    return ["afhandelen"] if signaal.afgehandeld_op is None else []


def heeft_signalen(actor: Actor) -> bool:
    """Whether the actor belongs to any doelgroep (the menu entry "Signalen" and the page are for them):
    the beheerder, the pool's directeur or controller, a college member, secretaris or beleidsregisseur."""
    if actor.is_systeem or actor.user is None:
        return False
    if actor.is_beheerder:
        return True
    return bool(actor.samenwerkingsverbanden(*POOL) or actor.gemeenten(*COLLEGE) or actor.gemeenten(*REGIE))
