"""Reads of scans and the case base, restricted by the actor."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.core.errors import NotFound
from seta.scan.models import Casus, Scanpartner, Scansessie


def scansessies_for(actor: Actor) -> QuerySet[Scansessie]:
    """The actor's own scans (a scan is visible to its owner only), partners prefetched."""
    return (
        Scansessie.objects.filter(policy.scope(actor, "scan.scansessie"))
        .select_related("eigenaar")
        .prefetch_related(Prefetch("partners", queryset=Scanpartner.objects.select_related("gemeente")))
    )


def scansessie_for(actor: Actor, pk: object) -> Scansessie:
    """One of the actor's scans; NotFound when it does not exist or belongs to someone else."""
    try:
        return scansessies_for(actor).get(pk=int(str(pk)))
    except (Scansessie.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound("Deze scan bestaat niet, of hij is niet van u.") from exc


def casussen_for(actor: Actor) -> QuerySet[Casus]:
    return Casus.objects.filter(policy.scope(actor, "scan.casus"))


def casus_for(actor: Actor, pk: object) -> Casus:
    try:
        return casussen_for(actor).get(pk=int(str(pk)))
    except (Casus.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound("Deze casus bestaat niet.") from exc


def actieve_casussen() -> QuerySet[Casus]:
    """The cases the scan compares with (system read used by the scoring service)."""
    return Casus.objects.filter(actief=True)
