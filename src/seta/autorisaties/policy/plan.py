"""Rules for the plan of a cooperation's commissioned work (``planning.Planrun`` and its rows).

- Computing a plan (``plan.berekenen``, ctx: the cooperation): the pool's directeur and controller; the system
  channel ``demo`` (``SYSTEM_ACTIONS``). Never the municipality side, the board or the beheerder: the plan is the
  pool's work, computed on the rules the board set.
- The whole plan with every title (``plan.lezen``, ctx: the cooperation or a run): the pool's directeur,
  controller and teamleiders; the beheerder.
- The aggregate pages (``plan.belasting_lezen``: load per unit and week, the distribution page): the pool's
  leadership and the cooperation's board members (AB, DB). A board member reads titles only through the
  assignment read scope (``planning.planuitkomst`` below): what their college role lets them see.
- The shares per partner against entitlement (``plan.aandelen_lezen``, ctx: the cooperation): every principal of
  the cooperation — the pool (every pool role), the board, and every partner's college, secretaris,
  beleidsregisseurs and council (issue 11: "visible to every principal"). The shares name municipalities and
  figures, never an assignment.
- Read scopes: a run (``planning.planrun``: that a plan exists, its status and aggregate figures) is read by the
  pool people of its cooperation, its board members and the municipality side of its partners. An outcome
  (``planning.planuitkomst``) and an hour row (``planning.planregel``) are read iff its assignment is in the
  actor's assignment read scope (``opdrachten.bestuursopdracht``, delegated, not copied): a wethouder of Laren
  sees Laren's outcomes, never Blaricum's confidential titles (ADR 0029).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from seta.autorisaties.actor import BESTUUR_ROLLEN, GEMEENTE_ROLLEN, POOL_ROLLEN, Actor, Rol
from seta.autorisaties.policy import EVERYTHING, NOTHING, read_scope, rule
from seta.autorisaties.policy.basis import _sv_id
from seta.autorisaties.policy.opdrachten import bestuursopdracht_scope

BEREKENEN = (Rol.DIRECTEUR, Rol.CONTROLLER)
LEZEN = (Rol.DIRECTEUR, Rol.CONTROLLER, Rol.TEAMLEIDER)
BESTUUR = tuple(BESTUUR_ROLLEN)


def _partner_svs(actor: Actor) -> frozenset[int]:
    """Cooperations in which the actor holds a municipality-side role of a partner."""
    return actor.partner_sv_ids if actor.gemeenten(*GEMEENTE_ROLLEN) else frozenset()


def _ctx_sv(obj: Any) -> int | None:
    """The cooperation of the context: the cooperation itself, a run, an outcome or an hour row."""
    if obj is not None and obj._meta.label_lower in ("planning.planuitkomst", "planning.planregel"):
        return obj.planrun.samenwerkingsverband_id
    return _sv_id(obj)


@rule("plan.berekenen")
def plan_berekenen(actor: Actor, obj: Any) -> bool:
    """``obj``: the cooperation (None: may the actor compute any plan?)."""
    if obj is None:
        return bool(actor.samenwerkingsverbanden(*BEREKENEN))
    return actor.heeft(*BEREKENEN, samenwerkingsverband_id=_ctx_sv(obj))


@rule("plan.lezen")
def plan_lezen(actor: Actor, obj: Any) -> bool:
    """The whole plan with every title; ``obj``: the cooperation or a run (None: any cooperation?)."""
    if actor.is_beheerder:
        return True
    if obj is None:
        return bool(actor.samenwerkingsverbanden(*LEZEN))
    return actor.heeft(*LEZEN, samenwerkingsverband_id=_ctx_sv(obj))


@rule("plan.belasting_lezen")
def plan_belasting_lezen(actor: Actor, obj: Any) -> bool:
    """Aggregate figures (load per unit and week, the distribution page): pool leadership and the board."""
    if actor.is_beheerder:
        return True
    if obj is None:
        return bool(actor.samenwerkingsverbanden(*LEZEN, *BESTUUR))
    return actor.heeft(*LEZEN, *BESTUUR, samenwerkingsverband_id=_ctx_sv(obj))


@rule("plan.aandelen_lezen")
def plan_aandelen_lezen(actor: Actor, obj: Any) -> bool:
    """The shares per partner against entitlement: every principal of the cooperation."""
    if actor.is_beheerder:
        return True
    svs = actor.samenwerkingsverbanden(*POOL_ROLLEN, *BESTUUR) | _partner_svs(actor)
    if obj is None:
        return bool(svs)
    return _ctx_sv(obj) in svs


@read_scope("planning.planrun")
def planrun_scope(actor: Actor) -> Q:
    if actor.is_beheerder:
        return EVERYTHING
    svs = actor.samenwerkingsverbanden(*POOL_ROLLEN, *BESTUUR) | _partner_svs(actor)
    return Q(samenwerkingsverband_id__in=svs) if svs else NOTHING


def _via_opdracht(actor: Actor) -> Q:
    from seta.opdrachten.models import Bestuursopdracht

    if actor.is_beheerder:
        return EVERYTHING
    return Q(bestuursopdracht__in=Bestuursopdracht.objects.filter(bestuursopdracht_scope(actor)).values("pk"))


@read_scope("planning.planuitkomst")
def planuitkomst_scope(actor: Actor) -> Q:
    return _via_opdracht(actor)


@read_scope("planning.planregel")
def planregel_scope(actor: Actor) -> Q:
    return _via_opdracht(actor)
