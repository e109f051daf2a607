"""Governance rules: which body decides what, and who may record its decisions.

A cooperation's governance is data (``samenwerkingsverbanden.Besluitbevoegdheid``: per subject the
algemeen or the dagelijks bestuur, defaults per the Wgr in ``STANDAARD_BEVOEGDHEDEN``, ADR 0034). An
adoption (budget, verdeelmodel, settlement, deviation threshold) rests on a recorded board decision,
and only a member of the body the governance names for that subject in that cooperation (an active
``Bestuurslid`` seat: the AB_LID or DB_LID role of the actor) records it; the beheerder as well.
"""

from __future__ import annotations

from typing import Any

from seta.autorisaties.actor import Actor, Rol
from seta.autorisaties.policy import rule
from seta.autorisaties.policy.basis import _sv_id

#: The policy action of each decision subject (``<resource>.vaststellen``) and the reverse.
ONDERWERP_VAN_ACTIE: dict[str, str] = {
    "begroting.vaststellen": "begroting",
    "verdeelmodel.vaststellen": "verdeelmodel",
    "afrekening.vaststellen": "afrekening",
    "drempel.vaststellen": "afwijkingsdrempel",
    "uittredingsregel.vaststellen": "uittredingsregel",
    # the board's side of a service agreement; the partner colleges' side is ``dvo.collegebesluit``
    # (policy/dienstverlening.py)
    "dvo.vaststellen": "dvo",
}

_ZETEL = {"algemeen_bestuur": Rol.AB_LID, "dagelijks_bestuur": Rol.DB_LID}


def bevoegd_orgaan(sv_id: int | None, onderwerp: str, actor: Actor | None = None) -> str:
    """The body (``Bestuursorgaan`` value) that decides on ``onderwerp`` in the cooperation ``sv_id``:
    its governance record, else the Wgr default. Cached on the actor for lists of records."""
    from seta.samenwerkingsverbanden.models import (
        STANDAARD_BEVOEGDHEDEN,
        Besluitbevoegdheid,
        Samenwerkingsverband,
        standaard_bevoegdheden,
    )

    if sv_id is None:
        return str(STANDAARD_BEVOEGDHEDEN[onderwerp])
    sleutel = f"bevoegdheid:{sv_id}:{onderwerp}"
    if actor is not None and sleutel in actor._cache:
        return str(actor._cache[sleutel])
    orgaan = (
        Besluitbevoegdheid.objects.filter(samenwerkingsverband_id=sv_id, onderwerp=onderwerp)
        .values_list("orgaan", flat=True)
        .first()
    ) or standaard_bevoegdheden(
        Samenwerkingsverband.objects.filter(pk=sv_id).values_list("rechtsvorm", flat=True).first() or ""
    )[onderwerp]
    if actor is not None:
        actor._cache[sleutel] = orgaan
    return str(orgaan)


def heeft_zetel(actor: Actor, sv_id: int | None, orgaan: str) -> bool:
    """Whether the actor holds an active seat in ``orgaan`` of the cooperation. For the partners' colleges
    (a centrumgemeenteconstructie): a burgemeester or wethouder of a municipality that is or was a partner."""
    if orgaan == "colleges":
        from seta.samenwerkingsverbanden.models import Deelnemer

        college = actor.gemeenten(Rol.BURGEMEESTER, Rol.WETHOUDER)
        if sv_id is None or not college:
            return False
        sleutel = f"college-zetel:{sv_id}"  # cached like bevoegd_orgaan: lists ask it once per record
        if sleutel not in actor._cache:
            actor._cache[sleutel] = Deelnemer.objects.filter(
                samenwerkingsverband_id=sv_id, gemeente_id__in=college
            ).exists()
        return bool(actor._cache[sleutel])
    return actor.heeft(_ZETEL[orgaan], samenwerkingsverband_id=sv_id)


def mag_besluit_vastleggen(actor: Actor, sv_id: int | None, onderwerp: str) -> bool:
    """A member of the deciding body (or the beheerder) records the decision on ``onderwerp``."""
    if actor.is_beheerder:
        return True
    return heeft_zetel(actor, sv_id, bevoegd_orgaan(sv_id, onderwerp, actor))


def _vaststellen_regel(onderwerp: str) -> Any:
    def vaststellen(actor: Actor, obj: Any) -> bool:
        """Adopting rests on a board decision: only members of the body the governance names.

        ``obj`` is the record or its cooperation (None: does the actor sit on any board?)."""
        if actor.is_beheerder:
            return True
        if obj is None:
            return bool(actor.samenwerkingsverbanden(Rol.AB_LID, Rol.DB_LID))
        return mag_besluit_vastleggen(actor, _sv_id(obj), onderwerp)

    return vaststellen


for _actie, _onderwerp in ONDERWERP_VAN_ACTIE.items():
    rule(_actie)(_vaststellen_regel(_onderwerp))


@rule("besluitbevoegdheid.wijzigen")
def bevoegdheid_wijzigen(actor: Actor, obj: Any) -> bool:
    """The governance follows the regulation (gemeenschappelijke regeling): kept by the beheerder."""
    return actor.is_beheerder
