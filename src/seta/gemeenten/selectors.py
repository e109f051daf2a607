"""Reads of gemeenten, restricted by the actor (the reference list itself is public)."""

from __future__ import annotations

from django.db.models import QuerySet

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.gemeenten.models import Functionaris, Gemeente


def gemeenten_for(actor: Actor) -> QuerySet[Gemeente]:
    return Gemeente.objects.filter(policy.scope(actor, "gemeenten.gemeente"))


def functionarissen_for(actor: Actor) -> QuerySet[Functionaris]:
    return Functionaris.objects.filter(policy.scope(actor, "gemeenten.functionaris")).select_related("gemeente")
