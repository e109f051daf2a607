"""Rules for service agreements (DVO, ``dienstverlening``): who reads a DVO, who drafts it, who decides on it.

- Reading a DVO (and its services, norms, escalation route and compliance figures): the pool's directeur,
  controller and teamleiders, the AB and DB members of the cooperation, the beheerder, and every
  municipality-side role (college, secretaris, beleidsregisseur, raadslid, griffier) of the DVO's own gemeente;
  for a joint DVO (no gemeente) of every partner. A DVO with ``openbaar`` is read by every municipality-side
  role of every partner of the cooperation. Nobody else learns it exists (404); medewerkers of the pool do not
  read agreements.
- Drafting and editing a concept, and starting a new version: the pool's directeur and controller.
- Deciding: the college of the DVO's gemeente (every partner's for a joint DVO) records its own decision
  (``dvo.collegebesluit``: a burgemeester or wethouder of that gemeente); the body the governance names for the
  subject ``dvo`` (the DB by default, the colleges in a centrumgemeenteconstructie) adopts and ends it
  (``dvo.vaststellen`` in ``policy/bestuur.py``, ``dvo.beeindigen`` the same rule).

:func:`naleving_zichtbaar` and :func:`dvo_lees_q` are the same reading rule for the compliance figures of a
DVO (one record, or a query through any relation path).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from seta.autorisaties.actor import GEMEENTE_ROLLEN, Actor, Rol
from seta.autorisaties.policy import EVERYTHING, NOTHING, actietabel, read_scope, rule
from seta.autorisaties.policy.basis import _sv_id
from seta.autorisaties.policy.bestuur import _vaststellen_regel
from seta.dienstverlening import lifecycle

POOL_LEZEN = (Rol.DIRECTEUR, Rol.CONTROLLER, Rol.TEAMLEIDER, Rol.AB_LID, Rol.DB_LID)
POOL_OPSTELLEN = (Rol.DIRECTEUR, Rol.CONTROLLER)
COLLEGE = (Rol.BURGEMEESTER, Rol.WETHOUDER)


def _dvo_van(obj: Any) -> Any:
    """The DVO a record belongs to (the DVO itself, an afspraak, a norm, an escalation step)."""
    label = obj._meta.label_lower
    if label == "dienstverlening.dienstverleningsovereenkomst":
        return obj
    if label == "dienstverlening.dienstnorm":
        return obj.afspraak.dvo
    return obj.dvo


def _partner_gemeente_sv_ids(actor: Actor) -> frozenset[int]:
    """Cooperations in which the actor holds a municipality-side role of a partner."""
    return actor.partner_sv_ids if actor.gemeenten(*GEMEENTE_ROLLEN) else frozenset()


def partner_gemeente_ids(sv_id: int | None) -> frozenset[int]:
    """The municipalities that are (or were) partners of the cooperation: the colleges of a joint DVO."""
    from seta.samenwerkingsverbanden.models import Deelnemer

    if sv_id is None:
        return frozenset()
    return frozenset(
        Deelnemer.objects.filter(samenwerkingsverband_id=sv_id).values_list("gemeente_id", flat=True)
    )


def vereiste_colleges(dvo: Any) -> frozenset[int]:
    """The municipalities whose college must decide on this DVO: its gemeente, or every partner's (joint)."""
    if dvo.gemeente_id is not None:
        return frozenset({dvo.gemeente_id})
    return partner_gemeente_ids(dvo.samenwerkingsverband_id)


def open_colleges(dvo: Any) -> frozenset[int]:
    """The required colleges that have not recorded their decision on this DVO yet."""
    besloten = {b.gemeente_id for b in dvo.collegebesluiten.all()}
    return vereiste_colleges(dvo) - besloten


def eigen_colleges(actor: Actor, dvo: Any) -> frozenset[int]:
    """The required colleges of this DVO of which the actor is a member (burgemeester or wethouder)."""
    return actor.gemeenten(*COLLEGE) & vereiste_colleges(dvo)


def naleving_zichtbaar(actor: Actor, dvo: Any) -> bool:
    """Who may read this DVO, and so its compliance figures (one rule for both)."""
    if actor.is_systeem:
        return True
    if actor.user is None:
        return False
    if actor.is_beheerder:
        return True
    sv_id = dvo.samenwerkingsverband_id
    if actor.heeft(*POOL_LEZEN, samenwerkingsverband_id=sv_id):
        return True
    if dvo.gemeente_id is not None and dvo.gemeente_id in actor.gemeenten(*GEMEENTE_ROLLEN):
        return True
    if dvo.gemeente_id is None or dvo.openbaar:
        return sv_id in _partner_gemeente_sv_ids(actor)
    return False


def dvo_lees_q(actor: Actor, prefix: str = "") -> Q:
    """:func:`naleving_zichtbaar` as a query; ``prefix`` is the path to the DVO (``"norm__afspraak__dvo__"``)."""
    if actor.is_systeem or actor.is_beheerder:
        return EVERYTHING
    if actor.user is None:
        return NOTHING
    partner_svs = _partner_gemeente_sv_ids(actor)
    return (
        Q(**{f"{prefix}samenwerkingsverband_id__in": actor.samenwerkingsverbanden(*POOL_LEZEN)})
        | Q(**{f"{prefix}gemeente_id__in": actor.gemeenten(*GEMEENTE_ROLLEN)})
        | Q(**{f"{prefix}gemeente__isnull": True, f"{prefix}samenwerkingsverband_id__in": partner_svs})
        | Q(**{f"{prefix}openbaar": True, f"{prefix}samenwerkingsverband_id__in": partner_svs})
    )


def ziet_dienstverlening(actor: Actor) -> bool:
    """Whether service agreements are part of the actor's work at all (the menu entry)."""
    return (
        actor.is_beheerder
        or bool(actor.samenwerkingsverbanden(*POOL_LEZEN))
        or bool(_partner_gemeente_sv_ids(actor))
    )


@rule("dvo.lezen")
def dvo_lezen(actor: Actor, obj: Any) -> bool:
    """``obj``: a DVO or one of its parts (None: does the actor read any DVO?)."""
    if obj is None:
        return ziet_dienstverlening(actor)
    return naleving_zichtbaar(actor, _dvo_van(obj))


@rule("dvo.aanmaken", "dvo.wijzigen", "dvo.nieuwe_versie")
def dvo_opstellen(actor: Actor, obj: Any) -> bool:
    """The pool's directeur and controller draft and edit; ``obj``: the DVO or its cooperation."""
    if obj is None:
        return bool(actor.samenwerkingsverbanden(*POOL_OPSTELLEN))
    return actor.heeft(*POOL_OPSTELLEN, samenwerkingsverband_id=_sv_id(obj))


@rule("dvo.collegebesluit")
def dvo_collegebesluit(actor: Actor, dvo: Any) -> bool:
    """A burgemeester or wethouder of a municipality whose college must decide on this DVO and has not yet."""
    eigen = actor.gemeenten(*COLLEGE)
    if dvo is None or not eigen:
        return bool(eigen)
    return bool(eigen & open_colleges(dvo))


# Ending an agreement is a decision of the same body that adopted it.
rule("dvo.beeindigen")(_vaststellen_regel("dvo"))


@read_scope("dienstverlening.dienstverleningsovereenkomst")
def dvo_scope(actor: Actor) -> Q:
    return dvo_lees_q(actor)


@read_scope("dienstverlening.dienstafspraak")
@read_scope("dienstverlening.escalatiestap")
def dvo_deel_scope(actor: Actor) -> Q:
    return dvo_lees_q(actor, "dvo__")


@read_scope("dienstverlening.dienstnorm")
def dienstnorm_scope(actor: Actor) -> Q:
    return dvo_lees_q(actor, "afspraak__dvo__")


@actietabel("dienstverlening.dienstverleningsovereenkomst", "dvo")
def dvo_acties(dvo: Any) -> list[str]:
    """What the DVO's state allows (``lifecycle.OVERGANGEN``); a college decision only while one is missing,
    a new version only when no concept version is open."""
    acties = lifecycle.acties_vanuit(dvo.status)
    if lifecycle.COLLEGEBESLUIT in acties and not open_colleges(dvo):
        acties.remove(lifecycle.COLLEGEBESLUIT)
    if lifecycle.NIEUWE_VERSIE in acties and dvo.opvolgers.filter(status=lifecycle.CONCEPT).exists():
        acties.remove(lifecycle.NIEUWE_VERSIE)
    return acties
