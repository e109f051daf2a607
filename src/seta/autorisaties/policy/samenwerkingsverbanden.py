"""Rules for samenwerkingsverbanden beyond the foundation (``basis.py``): founding, and the read scopes of
partners, boards and scope over time (visible to whoever may see the cooperation itself)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from seta.autorisaties.actor import Actor
from seta.autorisaties.policy import EVERYTHING, read_scope, rule


@rule("samenwerkingsverband.aanmaken", "taakgebied.aanmaken")
def sv_aanmaken(actor: Actor, obj: Any) -> bool:
    """Founding a cooperation (and extending the shared list of taakgebieden) is the beheerder's work."""
    return actor.is_beheerder


@read_scope("samenwerkingsverbanden.deelnemer")
@read_scope("samenwerkingsverbanden.bestuurslid")
@read_scope("samenwerkingsverbanden.besluitbevoegdheid")
@read_scope("samenwerkingsverbanden.bestuursbesluit")
def sv_onderdeel_scope(actor: Actor) -> Q:
    return EVERYTHING if actor.is_beheerder else Q(samenwerkingsverband_id__in=actor.zichtbare_sv_ids)


@read_scope("samenwerkingsverbanden.inbreng")
def inbreng_scope(actor: Actor) -> Q:
    return (
        EVERYTHING if actor.is_beheerder else Q(deelnemer__samenwerkingsverband_id__in=actor.zichtbare_sv_ids)
    )


@read_scope("samenwerkingsverbanden.taakgebied")
def taakgebied_scope(actor: Actor) -> Q:
    return EVERYTHING
