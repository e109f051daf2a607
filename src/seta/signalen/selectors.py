"""Reads of signalen, always restricted by the policy."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.core.errors import NotFound
from seta.signalen.models import Signaal


def signalen_for(actor: Actor) -> QuerySet[Signaal]:
    return Signaal.objects.filter(policy.scope(actor, "signalen.signaal")).select_related(
        "samenwerkingsverband", "gemeente", "bestuursopdracht"
    )


def open_signalen_for(actor: Actor) -> QuerySet[Signaal]:
    return signalen_for(actor).filter(afgehandeld_op__isnull=True)


def signaal_for(actor: Actor, pk: Any) -> Signaal:
    try:
        return signalen_for(actor).get(pk=int(pk))
    except (Signaal.DoesNotExist, TypeError, ValueError, OverflowError) as exc:
        raise NotFound() from exc


def laatste_open(actor: Actor, aantal: int = 3) -> list[Signaal]:
    return list(open_signalen_for(actor).order_by("-aangemaakt_op", "-pk")[:aantal])
