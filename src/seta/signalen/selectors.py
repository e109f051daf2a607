"""Reads of signalen, always restricted by the policy."""

from __future__ import annotations

from django.db.models import QuerySet

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.signalen.models import Signaal


def signalen_for(actor: Actor) -> QuerySet[Signaal]:
    return Signaal.objects.filter(policy.scope(actor, "signalen.signaal")).select_related(
        "samenwerkingsverband", "gemeente", "bestuursopdracht"
    )


def open_signalen_for(actor: Actor) -> QuerySet[Signaal]:
    return signalen_for(actor).filter(afgehandeld_op__isnull=True)
