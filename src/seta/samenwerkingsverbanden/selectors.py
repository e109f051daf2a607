"""Reads of samenwerkingsverbanden, restricted by the actor."""

from __future__ import annotations

from django.db.models import QuerySet

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.samenwerkingsverbanden.models import Samenwerkingsverband


def samenwerkingsverbanden_for(actor: Actor) -> QuerySet[Samenwerkingsverband]:
    return Samenwerkingsverband.objects.filter(policy.scope(actor, "samenwerkingsverbanden.samenwerkingsverband"))
