"""Reads of the werkorganisatie, restricted by the actor."""

from __future__ import annotations

from django.db.models import QuerySet

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.organisatie.models import Eenheid, Medewerker


def eenheden_for(actor: Actor) -> QuerySet[Eenheid]:
    return Eenheid.objects.filter(policy.scope(actor, "organisatie.eenheid"))


def medewerkers_for(actor: Actor) -> QuerySet[Medewerker]:
    return Medewerker.objects.filter(policy.scope(actor, "organisatie.medewerker")).select_related("eenheid")
