"""Rules for the what-if of the plan and for a principal's own queue (issue 11).

What-if (``plan.wat_als``, context :class:`Watalscontext`: the cooperation and, per change, what it touches):

- the pool's directeur, controller and teamleiders of the cooperation may try any change: a new assignment, a
  changed priority or deadline of any assignment in the plan, extra capacity (hiring, hired help);
- a partner's burgemeester, wethouder, gemeentesecretaris or beleidsregisseur ("before the college commissions")
  may try only changes to its OWN municipality's assignments: a new assignment commissioned by its municipality
  alone or jointly with it, a changed priority or deadline of an assignment it is a principal of. Extra capacity
  is a pool-only change. The council (raadslid, griffier) does not prepare commissions: no what-if;
- the pool's medewerkers, board seats as such (a board member acts in its college role), other cooperations and
  the beheerder: no (a what-if is a working tool of the pool and the principals, not an administrator's).

A what-if is a read: it writes nothing. What its result shows of other partners' work is decided by the read
scope of the assignments (``opdrachten.bestuursopdracht``): a title only of an assignment the actor may read,
any other one only as "een opdracht van <gemeente>" or as counts and hours per partner.

The principal's queue (``plan.wachtrij_lezen``, context: the gemeente) is the municipality side of that
gemeente: college, secretaris, beleidsregisseurs, and the council (raadsleden, griffier). Which of its
assignments each one sees with a title is again the assignments' read scope (the council: public and
commissioned ones); other partners' work appears only in aggregate. Nobody reads another gemeente's queue
through this page (the pool has the plan itself).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from seta.autorisaties.actor import GEMEENTE_ROLLEN, Actor, Rol
from seta.autorisaties.policy import rule

POOL_WAT_ALS = (Rol.DIRECTEUR, Rol.CONTROLLER, Rol.TEAMLEIDER)
GEMEENTE_WAT_ALS = (Rol.BURGEMEESTER, Rol.WETHOUDER, Rol.GEMEENTESECRETARIS, Rol.BELEIDSREGISSEUR)

NIEUWE_OPDRACHT = "nieuwe_opdracht"
PRIORITEIT = "prioriteit"
DEADLINE = "deadline"
CAPACITEIT = "capaciteit"
SOORTEN = (NIEUWE_OPDRACHT, PRIORITEIT, DEADLINE, CAPACITEIT)


@dataclass(frozen=True)
class Wijzigingsdoel:
    """What one change touches: its kind and the municipalities whose assignment it is (empty for capacity)."""

    soort: str
    gemeente_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Watalscontext:
    samenwerkingsverband_id: int | None
    wijzigingen: tuple[Wijzigingsdoel, ...] = ()

    @classmethod
    def van(cls, samenwerkingsverband_id: int | None, doelen: Iterable[Wijzigingsdoel]) -> Watalscontext:
        return cls(samenwerkingsverband_id, tuple(doelen))


def is_pool_watals(actor: Actor, sv_id: int | None) -> bool:
    """Whether the actor tries changes as the pool (any change, every title) in this cooperation."""
    return sv_id is not None and actor.heeft(*POOL_WAT_ALS, samenwerkingsverband_id=sv_id)


def watals_gemeenten(actor: Actor, sv_id: int | None) -> frozenset[int]:
    """The municipalities on whose behalf the actor may try changes in this cooperation (empty for the pool)."""
    if sv_id is None or sv_id not in actor.partner_sv_ids:
        return frozenset()
    return actor.gemeenten(*GEMEENTE_WAT_ALS)


def _doel_toegestaan(doel: Wijzigingsdoel, eigen: frozenset[int]) -> bool:
    if doel.soort not in SOORTEN:
        return False
    if doel.soort == CAPACITEIT:
        return False  # hiring and hired help are the pool's
    return bool(doel.gemeente_ids & eigen)


@rule("plan.wat_als")
def plan_wat_als(actor: Actor, ctx: Watalscontext | None) -> bool:
    """Without context: whether the actor may use the what-if at all (the link and the form)."""
    if ctx is None:
        return bool(actor.samenwerkingsverbanden(*POOL_WAT_ALS)) or bool(
            actor.partner_sv_ids and actor.gemeenten(*GEMEENTE_WAT_ALS)
        )
    sv_id = ctx.samenwerkingsverband_id
    if is_pool_watals(actor, sv_id):
        return all(d.soort in SOORTEN for d in ctx.wijzigingen)
    eigen = watals_gemeenten(actor, sv_id)
    if not eigen:
        return False
    return all(_doel_toegestaan(d, eigen) for d in ctx.wijzigingen)


@rule("plan.wachtrij_lezen")
def plan_wachtrij_lezen(actor: Actor, gemeente: Any) -> bool:
    """``gemeente``: the municipality whose queue is read; without one, whether the actor has any queue."""
    if gemeente is None:
        return bool(actor.gemeenten(*GEMEENTE_ROLLEN))
    return gemeente.pk in actor.gemeenten(*GEMEENTE_ROLLEN)


def wachtrij_gemeenten(actor: Actor) -> frozenset[int]:
    """The municipalities whose queue the actor may read (for the select on the queue page)."""
    if actor.user is None:
        return frozenset()
    return actor.gemeenten(*GEMEENTE_ROLLEN)


def watals_verbanden(actor: Actor) -> frozenset[int]:
    """The cooperations in which the actor may try something (the select on the what-if page)."""
    if actor.user is None:
        return frozenset()
    pool = actor.samenwerkingsverbanden(*POOL_WAT_ALS)
    gemeente = actor.partner_sv_ids if actor.gemeenten(*GEMEENTE_WAT_ALS) else frozenset()
    return pool | gemeente
