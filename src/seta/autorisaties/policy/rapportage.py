"""Rules for the council reports (``rapportage``) and what of an assignment a report may hold.

- **Reading a sent report** (``raadsrapportage.lezen`` on an ``aangeboden`` or ``vervangen`` one): it was sent to a
  council, so it is a public document (Woo, active publication): every signed-in user, and the anonymous public
  through the register (``policy.register``). Its content was built so that it holds nothing confidential
  (:func:`opdracht_in_rapportage`).
- **Reading a concept**: the pool's directeur and controller of the cooperation (they draft it), the college
  (burgemeester, wethouders) and the gemeentesecretaris of the municipality it is for, and for the joint report the
  AB and DB members; the beheerder. Not the council: it gets the report when the college sends it.
- **Drafting** (``raadsrapportage.opstellen``, ``obj`` the cooperation) and **correcting**: the directeur and the
  controller. The pool's explanation (``toelichten_pool``): the directeur. The municipality's explanation
  (``toelichten_gemeente``): its gemeentesecretaris.
- **Sending** (``aanbieden``): for a municipality's report its college decides (burgemeester or a wethouder of
  that municipality; a college decision is recorded); for the joint report a member of the body the governance
  names for ``raadsrapportage`` (the AB by default).
- **The cycle** (``rapportagecyclus.lezen``/``wijzigen``): read by everyone who reads the cooperation; kept by the
  directeur and the controller.
- **Subscriptions** (``abonnement.*``): one's own, for a cooperation one reads.
"""

from __future__ import annotations

from typing import Any, Literal

from django.db.models import Q

from seta.autorisaties.actor import COLLEGE_ROLLEN, Actor, Rol
from seta.autorisaties.policy import EVERYTHING, NOTHING, actietabel, read_scope, rule
from seta.autorisaties.policy.basis import _sv_id
from seta.autorisaties.policy.bestuur import mag_besluit_vastleggen
from seta.rapportage import lifecycle

OPSTELLEN = (Rol.DIRECTEUR, Rol.CONTROLLER)
ONDERWERP = "raadsrapportage"

Vermelding = Literal["naam", "telling"]


def opdracht_in_rapportage(opdracht: Any) -> Vermelding | None:
    """How an assignment appears in a council report: ``naam`` (its number, title and figures: public and
    commissioned, the same rule as the council's own reading, ``policy.opdrachten.raad_mag_lezen``), ``telling``
    (confidential: only counted, with its hours and costs, never named) or None (a draft: not at all)."""
    from seta.autorisaties.policy.opdrachten import raad_mag_lezen

    if opdracht.status == "concept":
        return None
    return "naam" if raad_mag_lezen(opdracht) else "telling"


def _concept_lezer(actor: Actor, rapportage: Any) -> bool:
    sv_id = rapportage.samenwerkingsverband_id
    if actor.heeft(*OPSTELLEN, samenwerkingsverband_id=sv_id):
        return True
    if rapportage.gemeente_id is None:
        return actor.heeft(Rol.AB_LID, Rol.DB_LID, samenwerkingsverband_id=sv_id)
    return rapportage.gemeente_id in actor.gemeenten(*COLLEGE_ROLLEN, Rol.GEMEENTESECRETARIS)


@rule("raadsrapportage.lezen")
def lezen(actor: Actor, obj: Any) -> bool:
    """``obj``: a report (None: may the actor read reports at all? everyone signed in reads the sent ones)."""
    if actor.is_beheerder or obj is None:
        return True
    if obj.status in lifecycle.BEVROREN:
        return True
    return _concept_lezer(actor, obj)


@read_scope("rapportage.raadsrapportage")
def scope(actor: Actor) -> Q:
    if actor.is_beheerder:
        return EVERYTHING
    q = Q(status__in=sorted(lifecycle.BEVROREN))
    opstellers = actor.samenwerkingsverbanden(*OPSTELLEN)
    if opstellers:
        q |= Q(samenwerkingsverband_id__in=opstellers)
    bestuur = actor.samenwerkingsverbanden(Rol.AB_LID, Rol.DB_LID)
    if bestuur:
        q |= Q(samenwerkingsverband_id__in=bestuur, gemeente__isnull=True)
    gemeenten = actor.gemeenten(*COLLEGE_ROLLEN, Rol.GEMEENTESECRETARIS)
    if gemeenten:
        q |= Q(gemeente_id__in=gemeenten)
    return q


@rule("raadsrapportage.opstellen", "raadsrapportage.corrigeren")
def opstellen(actor: Actor, obj: Any) -> bool:
    """``obj``: the cooperation (opstellen) or the report (corrigeren); None: may the actor draft any?"""
    if actor.is_beheerder:
        return True
    if obj is None:
        return bool(actor.samenwerkingsverbanden(*OPSTELLEN))
    return actor.heeft(*OPSTELLEN, samenwerkingsverband_id=_sv_id(obj))


@rule("raadsrapportage.toelichten_pool")
def toelichten_pool(actor: Actor, obj: Any) -> bool:
    if actor.is_beheerder:
        return True
    if obj is None:
        return bool(actor.samenwerkingsverbanden(Rol.DIRECTEUR))
    return actor.heeft(Rol.DIRECTEUR, samenwerkingsverband_id=_sv_id(obj))


@rule("raadsrapportage.toelichten_gemeente")
def toelichten_gemeente(actor: Actor, obj: Any) -> bool:
    if actor.is_beheerder:
        return True
    if obj is None:
        return bool(actor.gemeenten(Rol.GEMEENTESECRETARIS))
    return obj.gemeente_id is not None and obj.gemeente_id in actor.gemeenten(Rol.GEMEENTESECRETARIS)


@rule("raadsrapportage.aanbieden")
def aanbieden(actor: Actor, obj: Any) -> bool:
    """A municipality's college sends its report; the deciding board adopts the joint one."""
    if actor.is_beheerder:
        return True
    if obj is None:
        return bool(actor.gemeenten(*COLLEGE_ROLLEN) or actor.samenwerkingsverbanden(Rol.AB_LID, Rol.DB_LID))
    if obj.gemeente_id is None:
        return mag_besluit_vastleggen(actor, obj.samenwerkingsverband_id, ONDERWERP)
    return obj.gemeente_id in actor.gemeenten(*COLLEGE_ROLLEN)


@actietabel("rapportage.raadsrapportage", "raadsrapportage")
def acties(rapportage: Any) -> list[str]:
    """What the state allows (``lifecycle.OVERGANGEN``); a correction only while none is being drafted."""
    acties = lifecycle.acties_vanuit(rapportage.status, gezamenlijk=rapportage.gemeente_id is None)
    if lifecycle.CORRIGEREN in acties:
        from seta.rapportage.models import Raadsrapportage

        if Raadsrapportage.objects.filter(
            samenwerkingsverband_id=rapportage.samenwerkingsverband_id,
            ontvanger=rapportage.ontvanger,
            jaar=rapportage.jaar,
            periode=rapportage.periode,
            status=lifecycle.CONCEPT,
        ).exists():
            acties.remove(lifecycle.CORRIGEREN)
    return acties


# --- the cycle --------------------------------------------------------------------------------------------------
@rule("rapportagecyclus.lezen")
def cyclus_lezen(actor: Actor, obj: Any) -> bool:
    return actor.is_beheerder or obj is None or _sv_id(obj) in actor.zichtbare_sv_ids


@rule("rapportagecyclus.wijzigen")
def cyclus_wijzigen(actor: Actor, obj: Any) -> bool:
    return opstellen(actor, obj)


@read_scope("rapportage.rapportagecyclus")
def cyclus_scope(actor: Actor) -> Q:
    return EVERYTHING if actor.is_beheerder else Q(samenwerkingsverband_id__in=actor.zichtbare_sv_ids)


# --- subscriptions ----------------------------------------------------------------------------------------------
@rule("abonnement.nemen")
def abonnement_nemen(actor: Actor, obj: Any) -> bool:
    """``obj``: the cooperation (one subscribes to reports of a cooperation one reads)."""
    if actor.user_id is None:
        return False
    return obj is None or actor.is_beheerder or _sv_id(obj) in actor.zichtbare_sv_ids


@rule("abonnement.opzeggen")
def abonnement_opzeggen(actor: Actor, obj: Any) -> bool:
    return actor.user_id is not None and (obj is None or obj.gebruiker_id == actor.user_id)


@read_scope("rapportage.abonnement")
def abonnement_scope(actor: Actor) -> Q:
    return Q(gebruiker_id=actor.user_id) if actor.user_id else NOTHING
