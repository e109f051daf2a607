"""Rules for compliance with service agreements (naleving van een DVO): who sees a DVO's figures.

Who may see a DVO's compliance is who may read the DVO:

- the pool's directeur, controller and teamleiders, and the members of its boards (AB/DB), of the DVO's
  cooperation: all partners' figures;
- every municipality-side role (college, secretaris, beleidsregisseur, raadsleden, griffier) of the DVO's
  own gemeente (for a DVO for all partners: of every partner): its own gemeente's figures;
- when the DVO is ``openbaar``: every municipality-side role of every partner of the cooperation, all
  partners' figures;
- the beheerder: everything. Other cooperations, and the pool's medewerkers, see nothing (404).

The DVO's own read scope (``dienstverlening.dienstverleningsovereenkomst``) belongs to the DVO's screens;
the compliance pages ask :func:`naleving_scope` and :func:`zichtbare_gemeenten`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from seta.autorisaties.actor import GEMEENTE_ROLLEN, Actor, Rol
from seta.autorisaties.policy import EVERYTHING, NOTHING, rule

# Pool and board roles that see every partner's figures of their own cooperation.
LEZERS_SV = (Rol.DIRECTEUR, Rol.CONTROLLER, Rol.TEAMLEIDER, Rol.AB_LID, Rol.DB_LID)


def _ziet_alle_deelnemers(actor: Actor, sv_id: int | None) -> bool:
    return actor.is_beheerder or actor.heeft(*LEZERS_SV, samenwerkingsverband_id=sv_id)


@rule("naleving.lezen")
def naleving_lezen(actor: Actor, dvo: Any) -> bool:
    """May ``actor`` see the compliance figures of ``dvo`` (a Dienstverleningsovereenkomst)?"""
    if _ziet_alle_deelnemers(actor, dvo.samenwerkingsverband_id):
        return True
    eigen = actor.gemeenten(*GEMEENTE_ROLLEN)
    if not eigen:
        return False
    if dvo.gemeente_id is not None and dvo.gemeente_id in eigen:
        return True
    partner = dvo.samenwerkingsverband_id in actor.partner_sv_ids
    return partner and (dvo.gemeente_id is None or bool(dvo.openbaar))


def naleving_scope(actor: Actor) -> Q:
    """The DVOs whose compliance ``actor`` may see (the list counterpart of ``naleving.lezen``)."""
    if actor.is_systeem or actor.is_beheerder:
        return EVERYTHING
    if actor.user is None:
        return NOTHING
    q = Q(samenwerkingsverband_id__in=actor.samenwerkingsverbanden(*LEZERS_SV))
    eigen = actor.gemeenten(*GEMEENTE_ROLLEN)
    if eigen:
        q |= Q(gemeente_id__in=eigen)
        q |= Q(samenwerkingsverband_id__in=actor.partner_sv_ids) & (
            Q(gemeente__isnull=True) | Q(openbaar=True)
        )
    return q


def zichtbare_gemeenten(actor: Actor, dvo: Any) -> frozenset[int] | None:
    """Whose figures of ``dvo`` the actor sees: ``None`` for all partners, else its own gemeenten (a
    municipality-side role on a non-public DVO for all partners sees only its own annex's figures).
    Call only for a DVO the actor may read."""
    if actor.is_systeem or _ziet_alle_deelnemers(actor, dvo.samenwerkingsverband_id) or dvo.openbaar:
        return None
    return actor.gemeenten(*GEMEENTE_ROLLEN)


def paneel_gemeenten(actor: Actor) -> tuple[frozenset[int], frozenset[int]]:
    """For the home panel "Normen niet gehaald": the cooperations whose every partner the actor follows
    (pool and boards) and the gemeenten whose own figures it follows (municipality-side roles)."""
    svs = frozenset() if actor.user is None else actor.samenwerkingsverbanden(*LEZERS_SV)
    return svs, actor.gemeenten(*GEMEENTE_ROLLEN)


@rule("naleving.controleren")
def naleving_controleren(actor: Actor, samenwerkingsverband: Any) -> bool:
    """Re-running the check of a cooperation's DVOs (which raises alerts): its directeur or controller."""
    return actor.is_beheerder or actor.heeft(
        Rol.DIRECTEUR, Rol.CONTROLLER, samenwerkingsverband_id=samenwerkingsverband.pk
    )
