"""Reads of the case data, restricted by the policy (``autorisaties/policy/zaken.py``)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.catalogus import selectors as catalogus_selectors
from seta.catalogus.models import Catalogusitem
from seta.dienstverlening.models import Zaak, Zaakimport, Zaaksysteem, Zaaktypekoppeling
from seta.gemeenten import selectors as gemeenten_selectors
from seta.gemeenten.models import Gemeente
from seta.samenwerkingsverbanden import selectors as sv_selectors
from seta.samenwerkingsverbanden.models import Samenwerkingsverband


def koppelingen_for(actor: Actor) -> QuerySet[Zaaktypekoppeling]:
    return Zaaktypekoppeling.objects.filter(
        policy.scope(actor, "dienstverlening.zaaktypekoppeling")
    ).select_related("samenwerkingsverband", "catalogusitem")


def zaakimports_for(actor: Actor) -> QuerySet[Zaakimport]:
    return Zaakimport.objects.filter(policy.scope(actor, "dienstverlening.zaakimport")).select_related(
        "samenwerkingsverband", "gemeente", "ingelezen_door"
    )


def zaken_for(actor: Actor) -> QuerySet[Zaak]:
    return Zaak.objects.filter(policy.scope(actor, "dienstverlening.zaak")).select_related(
        "samenwerkingsverband", "catalogusitem", "gemeente"
    )


def zaaksystemen_for(actor: Actor) -> QuerySet[Zaaksysteem]:
    return Zaaksysteem.objects.filter(policy.scope(actor, "dienstverlening.zaaksysteem")).select_related(
        "samenwerkingsverband", "gemeente"
    )


def _een(qs: QuerySet[Any], pk: Any) -> Any:
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError, OverflowError):
        return None


def koppeling_for(actor: Actor, pk: Any) -> Zaaktypekoppeling | None:
    return _een(koppelingen_for(actor), pk)


def zaaksysteem_for(actor: Actor, pk: Any) -> Zaaksysteem | None:
    return _een(zaaksystemen_for(actor), pk)


def zaakimport_for(actor: Actor, pk: Any) -> Zaakimport | None:
    return _een(zaakimports_for(actor), pk)


def verbanden_voor(actor: Actor, action: str) -> list[Samenwerkingsverband]:
    """The cooperations (visible to the actor) on which the actor may perform ``action``."""
    return [
        sv
        for sv in sv_selectors.samenwerkingsverbanden_for(actor).order_by("naam")
        if policy.can(actor, action, sv)
    ]


def catalogusitems_van(actor: Actor, sv: Samenwerkingsverband) -> QuerySet[Catalogusitem]:
    return catalogus_selectors.catalogusitems_for(actor).filter(samenwerkingsverband=sv).order_by("naam")


def gemeenten_van(actor: Actor, sv: Samenwerkingsverband | None) -> QuerySet[Gemeente]:
    """The partner municipalities of ``sv`` (ever), by name; of every visible cooperation without ``sv``."""
    qs = gemeenten_selectors.gemeenten_for(actor)
    if sv is None:
        ids = sv_selectors.samenwerkingsverbanden_for(actor).values("pk")
        return qs.filter(deelnames__samenwerkingsverband__in=ids).distinct().order_by("naam")
    return qs.filter(deelnames__samenwerkingsverband=sv).distinct().order_by("naam")
