"""Rules for the foundation: gemeenten, samenwerkingsverbanden, werkorganisatie, catalogus, audit."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from seta.autorisaties.actor import BESTUUR_ROLLEN, POOL_ROLLEN, Actor, Rol
from seta.autorisaties.policy import EVERYTHING, read_scope, rule


def _sv_id(obj: Any) -> int | None:
    """The samenwerkingsverband a record belongs to (the record itself if it is one)."""
    if obj is None:
        return None
    if obj._meta.label_lower == "samenwerkingsverbanden.samenwerkingsverband":
        return int(obj.pk)
    if hasattr(obj, "samenwerkingsverband_id"):
        return obj.samenwerkingsverband_id
    if hasattr(obj, "deelnemer"):
        return obj.deelnemer.samenwerkingsverband_id
    raise TypeError(f"Cannot tell the samenwerkingsverband of {obj!r}")


# --- gemeenten: the national reference list is public to every signed-in user -------------------------
@rule("gemeente.lezen")
def gemeente_lezen(actor: Actor, obj: Any) -> bool:
    return True


@read_scope("gemeenten.gemeente")
def gemeente_scope(actor: Actor) -> Q:
    return EVERYTHING


@read_scope("gemeenten.functionaris")
def functionaris_scope(actor: Actor) -> Q:
    return EVERYTHING


@rule("gemeente.bestuur_wijzigen")
def gemeente_bestuur_wijzigen(actor: Actor, gemeente: Any) -> bool:
    """The composition of council and college is kept by the griffier and the gemeentesecretaris."""
    return actor.is_beheerder or actor.heeft(Rol.GRIFFIER, Rol.GEMEENTESECRETARIS, gemeente_id=gemeente.pk)


@rule("gemeente.importeren")
def gemeente_importeren(actor: Actor, obj: Any) -> bool:
    return actor.is_beheerder


# --- samenwerkingsverbanden -----------------------------------------------------------------------------
@rule("samenwerkingsverband.lezen", "eenheid.lezen", "catalogusitem.lezen")
def sv_lezen(actor: Actor, obj: Any) -> bool:
    return actor.is_beheerder or _sv_id(obj) in actor.zichtbare_sv_ids


@read_scope("samenwerkingsverbanden.samenwerkingsverband")
def sv_scope(actor: Actor) -> Q:
    return EVERYTHING if actor.is_beheerder else Q(pk__in=actor.zichtbare_sv_ids)


@read_scope("organisatie.eenheid")
@read_scope("catalogus.catalogusitem")
def sv_child_scope(actor: Actor) -> Q:
    return EVERYTHING if actor.is_beheerder else Q(samenwerkingsverband_id__in=actor.zichtbare_sv_ids)


@rule("samenwerkingsverband.wijzigen")
def sv_wijzigen(actor: Actor, sv: Any) -> bool:
    """Partners, scope and boards are decided by the dagelijks bestuur, never by the pool."""
    return actor.is_beheerder or actor.heeft(Rol.DB_LID, samenwerkingsverband_id=_sv_id(sv))


# --- werkorganisatie --------------------------------------------------------------------------------------
@rule("eenheid.wijzigen")
def eenheid_wijzigen(actor: Actor, obj: Any) -> bool:
    return actor.is_beheerder or actor.heeft(Rol.DIRECTEUR, samenwerkingsverband_id=_sv_id(obj))


@rule("medewerker.lezen")
def medewerker_lezen(actor: Actor, obj: Any) -> bool:
    """Staff records (FTE, scale, competences) are personal data: pool and boards of that cooperation."""
    return actor.is_beheerder or actor.heeft(
        *(POOL_ROLLEN | BESTUUR_ROLLEN), samenwerkingsverband_id=_sv_id(obj)
    )


@read_scope("organisatie.medewerker")
def medewerker_scope(actor: Actor) -> Q:
    if actor.is_beheerder:
        return EVERYTHING
    return Q(samenwerkingsverband_id__in=actor.samenwerkingsverbanden(*(POOL_ROLLEN | BESTUUR_ROLLEN)))


@rule("medewerker.wijzigen")
def medewerker_wijzigen(actor: Actor, obj: Any) -> bool:
    """The directeur for the whole pool; a teamleider for the staff of the units under them."""
    sv_id = _sv_id(obj)
    if actor.is_beheerder or actor.heeft(Rol.DIRECTEUR, samenwerkingsverband_id=sv_id):
        return True
    eenheid_id = getattr(obj, "eenheid_id", None)
    return (
        eenheid_id is not None
        and actor.heeft(Rol.TEAMLEIDER, samenwerkingsverband_id=sv_id)
        and (eenheid_id in actor.beheerde_eenheid_ids)
    )


# --- catalogus ---------------------------------------------------------------------------------------------
@rule("catalogusitem.wijzigen")
def catalogusitem_wijzigen(actor: Actor, obj: Any) -> bool:
    """The directeur, or the teamleider of the owning unit."""
    return medewerker_wijzigen(actor, obj)


# --- audit trail and tokens --------------------------------------------------------------------------------
@rule("audit.lezen")
def audit_lezen(actor: Actor, obj: Any) -> bool:
    return actor.is_beheerder


@rule("token.beheren")
def token_beheren(actor: Actor, user: Any) -> bool:
    """A user manages their own API tokens."""
    return actor.user_id is not None and getattr(user, "pk", None) == actor.user_id


@rule("wachtwoord.wijzigen")
def wachtwoord_wijzigen(actor: Actor, user: Any) -> bool:
    """A user changes their own password (the admin's forms are for the beheerder)."""
    return actor.user_id is not None and getattr(user, "pk", None) == actor.user_id


@rule("gebruiker.koppelen")
def gebruiker_koppelen(actor: Actor, obj: Any) -> bool:
    """Linking a login to a functionaris or medewerker hands out roles: the functional administrator only."""
    return actor.is_beheerder
