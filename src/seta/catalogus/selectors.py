"""Reads of the catalogus, restricted by the actor."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.catalogus.models import Catalogusitem, Taakveld


def catalogusitems_for(actor: Actor) -> QuerySet[Catalogusitem]:
    return Catalogusitem.objects.filter(policy.scope(actor, "catalogus.catalogusitem")).select_related(
        "eenheid", "taakveld", "taakgebied"
    )


def catalogusitem_for(actor: Actor, pk: Any) -> Catalogusitem | None:
    try:
        return (
            catalogusitems_for(actor)
            .select_related("samenwerkingsverband", "eenheid__gastgemeente")
            .prefetch_related("normen")
            .get(pk=pk)
        )
    except (Catalogusitem.DoesNotExist, ValueError, TypeError):
        return None


def taakvelden_for(actor: Actor) -> QuerySet[Taakveld]:
    """The Iv3 list is a public national classification."""
    return Taakveld.objects.all()
