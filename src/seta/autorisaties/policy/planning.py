"""Rules for capacity planning (``planning``): the board's planning rules, absences and the capacity figures.

- **Planning rules** (``planningsregels.*``) are the board's public decision on how the pool's capacity is
  shared. Reading: the pool's people of that cooperation (directeur, controller, teamleider, medewerker), its
  AB and DB members, every municipality-side role of every partner (burgemeester, wethouder,
  gemeentesecretaris, beleidsregisseur, raadslid, griffier), and the beheerder. Drafting, editing and starting
  a new version: the pool's directeur and controller. Adopting: a member of the body the governance names for
  ``planningsregels`` (the DB by default; ``policy/bestuur.py``), as the DVO's adoption.
- **Absences** (``afwezigheid.*``) are personal data of staff (AVG), never shown to the municipality side.
  Reading: the pool's directeur and controller, the teamleider of the person's unit or of a unit above it (the
  same "leidinggevende" as for approving hours, ``policy/financien.py``), the person him/herself, and the
  beheerder. Registering, changing and removing: that teamleider and the directeur (never for oneself).
- **Capacity** (``capaciteit.lezen``, ``obj`` = the cooperation): aggregates per unit, no names: the pool's
  directeur, controller and teamleiders and the AB/DB members of that cooperation, and the beheerder.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from seta.autorisaties.actor import BESTUUR_ROLLEN, GEMEENTE_ROLLEN, POOL_ROLLEN, Actor, Rol
from seta.autorisaties.policy import EVERYTHING, NOTHING, actietabel, read_scope, rule
from seta.autorisaties.policy.basis import _sv_id
from seta.autorisaties.policy.bestuur import _vaststellen_regel
from seta.autorisaties.policy.financien import _eigen_medewerker_ids, _leidinggevende
from seta.planning import lifecycle

REGELS_POOL = tuple(POOL_ROLLEN | BESTUUR_ROLLEN)
OPSTELLEN = (Rol.DIRECTEUR, Rol.CONTROLLER)
OVERZICHT = (Rol.DIRECTEUR, Rol.CONTROLLER)
CAPACITEIT = (Rol.DIRECTEUR, Rol.CONTROLLER, Rol.TEAMLEIDER, Rol.AB_LID, Rol.DB_LID)


def _gemeentekant_sv_ids(actor: Actor) -> frozenset[int]:
    """Cooperations of which one of the actor's municipalities (any municipality-side role) is a partner."""
    return actor.partner_sv_ids if actor.gemeenten(*GEMEENTE_ROLLEN) else frozenset()


def regels_sv_ids(actor: Actor) -> frozenset[int]:
    """The cooperations whose planning rules the actor reads (the beheerder: see :func:`regels_lezen`)."""
    return actor.samenwerkingsverbanden(*REGELS_POOL) | _gemeentekant_sv_ids(actor)


def ziet_planning(actor: Actor) -> bool:
    """Whether planning is part of the actor's work at all (the menu entry "Planning")."""
    return actor.is_beheerder or bool(regels_sv_ids(actor))


# --- planning rules -------------------------------------------------------------------------------------------
@rule("planningsregels.lezen")
def regels_lezen(actor: Actor, obj: Any) -> bool:
    """``obj``: the rules or their cooperation (None: does the actor read any rules?)."""
    if actor.is_beheerder:
        return True
    if obj is None:
        return bool(regels_sv_ids(actor))
    return _sv_id(obj) in regels_sv_ids(actor)


@rule("planningsregels.aanmaken", "planningsregels.wijzigen", "planningsregels.nieuwe_versie")
def regels_opstellen(actor: Actor, obj: Any) -> bool:
    """The pool's directeur and controller draft; ``obj``: the rules or their cooperation."""
    if obj is None:
        return bool(actor.samenwerkingsverbanden(*OPSTELLEN))
    return actor.heeft(*OPSTELLEN, samenwerkingsverband_id=_sv_id(obj))


rule("planningsregels.vaststellen")(_vaststellen_regel("planningsregels"))


@read_scope("planning.planningsregels")
def regels_scope(actor: Actor) -> Q:
    if actor.is_beheerder:
        return EVERYTHING
    return Q(samenwerkingsverband_id__in=regels_sv_ids(actor))


@actietabel("planning.planningsregels", "planningsregels")
def regels_acties(regels: Any) -> list[str]:
    """What the state allows (``lifecycle.OVERGANGEN``); a new version only while no concept of that year is
    open (edit that one instead)."""
    acties = lifecycle.acties_vanuit(regels.status)
    if lifecycle.NIEUWE_VERSIE in acties:
        from seta.planning.models import Planningsregels

        if Planningsregels.objects.filter(
            samenwerkingsverband_id=regels.samenwerkingsverband_id,
            jaar=regels.jaar,
            status=lifecycle.CONCEPT,
        ).exists():
            acties.remove(lifecycle.NIEUWE_VERSIE)
    return acties


# --- absences -------------------------------------------------------------------------------------------------
def _medewerker(obj: Any) -> Any:
    """The medewerker an absence belongs to (the record itself if it is a medewerker)."""
    if obj._meta.label_lower == "organisatie.medewerker":
        return obj
    return obj.medewerker


@rule("afwezigheid.lezen")
def afwezigheid_lezen(actor: Actor, obj: Any) -> bool:
    """``obj``: an absence or the medewerker (None: does the actor read anyone's absences?)."""
    if actor.is_beheerder:
        return True
    if obj is None:
        return bool(actor.samenwerkingsverbanden(*OVERZICHT, Rol.TEAMLEIDER) or _eigen_medewerker_ids(actor))
    medewerker = _medewerker(obj)
    return (
        medewerker.pk in _eigen_medewerker_ids(actor)
        or actor.heeft(*OVERZICHT, samenwerkingsverband_id=medewerker.samenwerkingsverband_id)
        or _leidinggevende(actor, medewerker)
    )


@rule("afwezigheid.registreren", "afwezigheid.wijzigen", "afwezigheid.verwijderen")
def afwezigheid_schrijven(actor: Actor, obj: Any) -> bool:
    """The teamleider of the person's unit (or above) and the directeur; never for oneself.

    ``obj``: the absence, the medewerker, or the cooperation (may the actor register absences there at all?)."""
    if obj is None:
        return bool(actor.samenwerkingsverbanden(Rol.DIRECTEUR, Rol.TEAMLEIDER))
    if obj._meta.label_lower == "samenwerkingsverbanden.samenwerkingsverband":
        return actor.heeft(Rol.DIRECTEUR, Rol.TEAMLEIDER, samenwerkingsverband_id=obj.pk)
    return bool(_leidinggevende(actor, _medewerker(obj)))


@read_scope("planning.afwezigheid")
def afwezigheid_scope(actor: Actor) -> Q:
    if actor.is_beheerder:
        return EVERYTHING
    q = Q(medewerker_id__in=_eigen_medewerker_ids(actor))
    overzicht = actor.samenwerkingsverbanden(*OVERZICHT)
    if overzicht:
        q |= Q(samenwerkingsverband_id__in=overzicht)
    teamleider = actor.samenwerkingsverbanden(Rol.TEAMLEIDER)
    if teamleider and actor.beheerde_eenheid_ids:
        q |= Q(
            samenwerkingsverband_id__in=teamleider,
            medewerker__eenheid_id__in=actor.beheerde_eenheid_ids,
        )
    return q if (overzicht or teamleider or _eigen_medewerker_ids(actor)) else NOTHING


@actietabel("planning.afwezigheid", "afwezigheid")
def afwezigheid_acties(afwezigheid: Any) -> list[str]:
    return ["wijzigen", "verwijderen"]


# --- capacity -------------------------------------------------------------------------------------------------
@rule("capaciteit.lezen")
def capaciteit_lezen(actor: Actor, obj: Any) -> bool:
    """Aggregates per unit and week (no names); ``obj``: the cooperation (None: any?)."""
    if actor.is_beheerder:
        return True
    if obj is None:
        return bool(actor.samenwerkingsverbanden(*CAPACITEIT))
    return actor.heeft(*CAPACITEIT, samenwerkingsverband_id=_sv_id(obj))


def capaciteit_sv_ids(actor: Actor) -> frozenset[int] | None:
    """The cooperations whose capacity the actor reads (None: all, the beheerder)."""
    if actor.is_beheerder:
        return None
    return actor.samenwerkingsverbanden(*CAPACITEIT)
