"""Where an actor works: the role decisions behind the home page's panels and the menu.

The panels (``<app>/home.py``, ``seta/web/home_basis.py``) show work lists per role: the college sees
what waits for its decision, the beleidsregisseur the pipeline, the teamleider the intake queue. Which
lists an actor gets, and over which municipalities, units and cooperations, is a role decision, so it is
made here; the panels only fill the lists through the selectors (every record they show is read-scoped)
and offer actions through :func:`seta.autorisaties.policy.can`.
"""

from __future__ import annotations

from dataclasses import dataclass

from seta.autorisaties.actor import COLLEGE_ROLLEN, GEMEENTE_ROLLEN, Actor, Rol, Rolinstantie


@dataclass(frozen=True)
class Werkterrein:
    """The municipalities, units and cooperations an actor works on, per kind of work."""

    gemeenten: frozenset[int]  # any municipality-side role
    gemeenterollen: tuple[Rolinstantie, ...]  # those roles, to show the user who they are
    college: frozenset[int]  # burgemeester or wethouder: decides
    portefeuilles: frozenset[int]  # the wethouder's portfolios
    regie: frozenset[int]  # beleidsregisseur or gemeentesecretaris: prepares and follows
    raad: frozenset[int]  # raadslid or griffier: reads the public overview
    griffier: bool  # records the council's answers
    pool: bool  # works in a pool (any position)
    eenheden: frozenset[int]  # the units the actor works in (pool side)
    teamleider_eenheden: frozenset[int] | None  # the units under a teamleider (None: not a teamleider)
    medewerker_eenheden: frozenset[int] | None  # a medewerker's own units (None: not a medewerker)
    leiding: frozenset[int]  # cooperations where the actor is directeur or controller


def werkterrein(actor: Actor) -> Werkterrein:
    rollen = actor.rollen
    return Werkterrein(
        gemeenten=actor.gemeenten(*GEMEENTE_ROLLEN),
        gemeenterollen=tuple(r for r in rollen if r.rol in GEMEENTE_ROLLEN),
        college=actor.gemeenten(*COLLEGE_ROLLEN),
        portefeuilles=actor.portefeuilles(),
        regie=actor.gemeenten(Rol.BELEIDSREGISSEUR, Rol.GEMEENTESECRETARIS),
        raad=actor.gemeenten(Rol.RAADSLID, Rol.GRIFFIER),
        griffier=actor.heeft(Rol.GRIFFIER),
        pool=actor.is_pool,
        eenheden=frozenset(r.eenheid_id for r in rollen if r.eenheid_id is not None),
        teamleider_eenheden=actor.beheerde_eenheid_ids if actor.heeft(Rol.TEAMLEIDER) else None,
        medewerker_eenheden=(
            frozenset(r.eenheid_id for r in rollen if r.rol is Rol.MEDEWERKER and r.eenheid_id is not None)
            if actor.heeft(Rol.MEDEWERKER)
            else None
        ),
        leiding=actor.samenwerkingsverbanden(Rol.DIRECTEUR, Rol.CONTROLLER),
    )
