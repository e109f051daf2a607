"""Reads of the catalogus, restricted by the actor."""

from __future__ import annotations

from django.db.models import QuerySet

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.catalogus.models import Catalogusitem


def catalogusitems_for(actor: Actor) -> QuerySet[Catalogusitem]:
    return Catalogusitem.objects.filter(policy.scope(actor, "catalogus.catalogusitem")).select_related(
        "eenheid", "taakveld", "taakgebied"
    )
