"""Rules for harmonisation (``harmonisatie``): who sees similar orders, what of each hit, and who proposes and answers.

- **Similar orders** (``harmonisatie.zoeken``, ``obj`` the cooperation): the pool's directeur, controller and
  teamleiders of the cooperation, and the college, gemeentesecretaris and beleidsregisseurs of a partner (those who
  draft and decide on orders). Not the council, not a medewerker, not a board seat as such.
- **What of a hit** (:func:`treffer_zicht`), decided per assignment, never by the core:

  ===================================  ==========================  ===========================================
  the hit is …                          pool (directeur, …)         a partner's college, secretaris, regisseur
  ===================================  ==========================  ===========================================
  confidential                          ``vertrouwelijk``: "a        ``geen``: nothing at all (not even that
                                        partner has a comparable     it exists), unless it is the actor's own
                                        confidential assignment"     municipality's (then ``volledig``)
  public draft (concept) of a partner   ``volledig``                 ``concept``: the municipality, the
                                                                     catalogue item and the period, never the
                                                                     title or the text
  public, commissioned                  ``volledig``                 ``volledig``
  the actor's own municipality's        ``volledig``                 ``volledig``
  ===================================  ==========================  ===========================================

  A municipality that is not a partner of the assignment's cooperation sees nothing (``geen``).
  The same rule decides what a proposal names of its orders (``voorstel_opdracht_zicht``) and what the API gives.
- **A proposal** (``harmonisatievoorstel.*``): drafted, edited, sent, put on a meeting's agenda and withdrawn by
  the pool's directeur or a teamleider of the cooperation. Read by the pool's directeur, controller and teamleiders,
  and, once sent, by the college, gemeentesecretaris and beleidsregisseurs of each partij.
- **A college's answer** (``voorstelpartij.aanvaarden`` / ``afwijzen``): the college of that municipality: its
  burgemeester, or the wethouder holding the partij's portfolio (any wethouder of the municipality when the partij
  has none). Never the pool: political primacy.
- **The variant map** (``variantenkaart.lezen``, ``obj`` the cooperation): the pool's directeur, controller and
  teamleiders, and the AB and DB members (the board decides where to harmonise). It never holds a confidential
  assignment.
"""

from __future__ import annotations

from typing import Any, Literal

from django.db.models import Q

from seta.autorisaties.actor import Actor, Rol
from seta.autorisaties.policy import EVERYTHING, NOTHING, actietabel, read_scope, rule
from seta.autorisaties.policy.basis import _sv_id
from seta.harmonisatie import lifecycle

POOL_LEZERS = (Rol.DIRECTEUR, Rol.CONTROLLER, Rol.TEAMLEIDER)
POOL_OPSTELLERS = (Rol.DIRECTEUR, Rol.TEAMLEIDER)
GEMEENTE_ZOEKERS = (Rol.BURGEMEESTER, Rol.WETHOUDER, Rol.GEMEENTESECRETARIS, Rol.BELEIDSREGISSEUR)
BESTUUR = (Rol.AB_LID, Rol.DB_LID)

Zicht = Literal["volledig", "concept", "vertrouwelijk", "geen"]


def _is_pool(actor: Actor, sv_id: int | None, rollen: tuple[Rol, ...] = POOL_LEZERS) -> bool:
    return sv_id is not None and actor.heeft(*rollen, samenwerkingsverband_id=sv_id)


@rule("harmonisatie.zoeken")
def zoeken(actor: Actor, obj: Any) -> bool:
    """``obj``: the cooperation (or an object with ``samenwerkingsverband_id``); None: may the actor search at all?"""
    if actor.is_beheerder:
        return True
    if obj is None:
        return bool(actor.samenwerkingsverbanden(*POOL_LEZERS)) or bool(actor.gemeenten(*GEMEENTE_ZOEKERS))
    sv_id = _sv_id(obj)
    if sv_id is None:
        return False
    if _is_pool(actor, sv_id):
        return True
    return _partner_van(actor.gemeenten(*GEMEENTE_ZOEKERS), sv_id)


def treffer_zicht(
    actor: Actor,
    *,
    samenwerkingsverband_id: int,
    gemeente_ids: frozenset[int],
    vertrouwelijk: bool,
    concept: bool,
) -> Zicht:
    """What ``actor`` may see of one similar assignment (see the table in the module's docstring).

    ``gemeente_ids``: the assignment's principals (withdrawn ones included); ``vertrouwelijk``: its confidentiality
    is not ``openbaar``; ``concept``: it is still a draft."""
    eigen = actor.gemeenten(*GEMEENTE_ZOEKERS)
    if gemeente_ids & eigen:
        return "volledig"
    if actor.is_beheerder or _is_pool(actor, samenwerkingsverband_id):
        return "vertrouwelijk" if vertrouwelijk else "volledig"
    if vertrouwelijk or not _partner_van(eigen, samenwerkingsverband_id):
        return "geen"
    return "concept" if concept else "volledig"


def _partner_van(gemeente_ids: frozenset[int], samenwerkingsverband_id: int | None) -> bool:
    """Whether one of ``gemeente_ids`` is (or was) a partner of the cooperation: only partners see each other's work."""
    if not gemeente_ids or samenwerkingsverband_id is None:
        return False
    from seta.samenwerkingsverbanden.models import Deelnemer

    return Deelnemer.objects.filter(
        samenwerkingsverband_id=samenwerkingsverband_id, gemeente_id__in=gemeente_ids
    ).exists()


def opdracht_zicht(actor: Actor, opdracht: Any) -> Zicht:
    """:func:`treffer_zicht` for an assignment record (its ``opdrachtgevers`` prefetched where there are many)."""
    return treffer_zicht(
        actor,
        samenwerkingsverband_id=opdracht.samenwerkingsverband_id,
        gemeente_ids=frozenset(og.gemeente_id for og in opdracht.opdrachtgevers.all()),
        vertrouwelijk=opdracht.vertrouwelijkheid != "openbaar",
        concept=opdracht.status == "concept",
    )


# --- proposals ----------------------------------------------------------------------------------------------------
def _partij_gemeenten(voorstel: Any) -> set[int]:
    return {p.gemeente_id for p in voorstel.partijen.all()}


@rule("harmonisatievoorstel.lezen")
def voorstel_lezen(actor: Actor, obj: Any) -> bool:
    if actor.is_beheerder or obj is None:
        return True
    if _is_pool(actor, obj.samenwerkingsverband_id):
        return True
    if obj.status == lifecycle.CONCEPT:
        return False
    return bool(_partij_gemeenten(obj) & actor.gemeenten(*GEMEENTE_ZOEKERS))


@read_scope("harmonisatie.harmonisatievoorstel")
def voorstel_scope(actor: Actor) -> Q:
    if actor.is_beheerder:
        return EVERYTHING
    q = NOTHING
    pool = actor.samenwerkingsverbanden(*POOL_LEZERS)
    if pool:
        q |= Q(samenwerkingsverband_id__in=pool)
    eigen = actor.gemeenten(*GEMEENTE_ZOEKERS)
    if eigen:
        q |= Q(partijen__gemeente_id__in=eigen) & ~Q(status=lifecycle.CONCEPT)
    return q


@rule(*(f"harmonisatievoorstel.{a}" for a in ("opstellen", *lifecycle.ACTIES)))
def voorstel_pool(actor: Actor, obj: Any) -> bool:
    """``obj``: the cooperation (opstellen) or the proposal; None: may the actor draft any proposal?"""
    if actor.is_beheerder:
        return False  # the beheerder manages the system, not the cooperation's work
    if obj is None:
        return bool(actor.samenwerkingsverbanden(*POOL_OPSTELLERS))
    return _is_pool(actor, _sv_id(obj), POOL_OPSTELLERS)


@actietabel("harmonisatie.harmonisatievoorstel", "harmonisatievoorstel")
def voorstel_acties(voorstel: Any) -> list[str]:
    return lifecycle.acties_in(voorstel.status)


def mag_besluiten_voor(actor: Actor, partij: Any) -> bool:
    """The college of the partij's municipality: its burgemeester, or the wethouder of the partij's portfolio."""
    for r in actor.rollen:
        if r.gemeente_id != partij.gemeente_id:
            continue
        if r.rol is Rol.BURGEMEESTER:
            return True
        if r.rol is Rol.WETHOUDER and (
            partij.portefeuille_id is None or partij.portefeuille_id in r.portefeuille_ids
        ):
            return True
    return False


@rule(*(f"voorstelpartij.{a}" for a in lifecycle.PARTIJ_ACTIES))
def partij_besluiten(actor: Actor, obj: Any) -> bool:
    """``obj``: the Voorstelpartij. Political primacy: only that municipality's college, never the pool."""
    if obj is None:
        return bool(actor.gemeenten(Rol.BURGEMEESTER, Rol.WETHOUDER))
    return mag_besluiten_voor(actor, obj)


@rule("voorstelpartij.lezen")
def partij_lezen(actor: Actor, obj: Any) -> bool:
    return obj is not None and voorstel_lezen(actor, obj.voorstel)


@actietabel("harmonisatie.voorstelpartij", "voorstelpartij")
def partij_acties(partij: Any) -> list[str]:
    return lifecycle.partij_acties_in(partij.voorstel.status, partij.besluit)


# --- the variant map ------------------------------------------------------------------------------------------------
@rule("variantenkaart.lezen")
def variantenkaart_lezen(actor: Actor, obj: Any) -> bool:
    """``obj``: the cooperation; None: may the actor read any variant map?"""
    if actor.is_beheerder:
        return True
    if obj is None:
        return bool(actor.samenwerkingsverbanden(*POOL_LEZERS, *BESTUUR))
    return actor.heeft(*POOL_LEZERS, *BESTUUR, samenwerkingsverband_id=_sv_id(obj))


# --- helpers for the pages and services (roles are decided here, nowhere else) -------------------------------------
def leest_voorstellen_als_pool(actor: Actor) -> bool:
    """Whether the actor reads proposals as the pool of some cooperation (the home panel of open proposals)."""
    return bool(actor.samenwerkingsverbanden(*POOL_LEZERS))


def besluitende_gemeenten(actor: Actor) -> frozenset[int]:
    """The municipalities whose college the actor sits in (burgemeester or wethouder): where it may answer."""
    return actor.gemeenten(Rol.BURGEMEESTER, Rol.WETHOUDER)


def besluit_rol(actor: Actor, partij: Any) -> str:
    """The role in which the actor answers for the partij's college ("burgemeester" / "wethouder"), or ""."""
    for r in actor.rollen:
        if r.gemeente_id == partij.gemeente_id and r.rol in (Rol.BURGEMEESTER, Rol.WETHOUDER):
            return r.rol.value
    return ""
