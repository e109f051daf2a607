"""Reads of gemeenten, restricted by the actor (the reference list itself is public)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.gemeenten.models import Functie, Functionaris, FunctionarisQuerySet, Gemeente, Portefeuille


def gemeenten_for(actor: Actor) -> QuerySet[Gemeente]:
    return Gemeente.objects.filter(policy.scope(actor, "gemeenten.gemeente"))


def functionarissen_for(actor: Actor) -> FunctionarisQuerySet:
    return Functionaris.objects.filter(policy.scope(actor, "gemeenten.functionaris")).select_related(
        "gemeente"
    )


def portefeuilles_for(actor: Actor) -> QuerySet[Portefeuille]:
    """Portefeuilles of the gemeenten the actor may see (the reference list is public)."""
    return Portefeuille.objects.filter(gemeente__in=gemeenten_for(actor)).select_related("gemeente")


def gemeente_by_slug(actor: Actor, slug: str) -> Gemeente | None:
    return gemeenten_for(actor).select_related("opgegaan_in").filter(slug=slug).first()


def gemeente_by_cbs_code(actor: Actor, cbs_code: str) -> Gemeente | None:
    return gemeenten_for(actor).filter(cbs_code=cbs_code.upper()).first()


def provincies() -> list[str]:
    return list(Gemeente.objects.order_by("provincie").values_list("provincie", flat=True).distinct())


def bronnen(gemeenten: QuerySet[Gemeente]) -> list[dict[str, Any]]:
    """The distinct (bron, peildatum) pairs of the population figures in ``gemeenten``, most used first."""
    rows = gemeenten.order_by().values("bron", "peildatum_inwoners").annotate(aantal=Count("id"))
    return [dict(r) for r in rows.order_by("-aantal", "bron")]


@dataclass
class Bestuur:
    """The governing bodies of one gemeente on one date."""

    gemeente: Gemeente
    datum: dt.date
    burgemeester: list[Functionaris] = field(default_factory=list)
    wethouders: list[Functionaris] = field(default_factory=list)
    raadsleden: list[Functionaris] = field(default_factory=list)
    griffier: list[Functionaris] = field(default_factory=list)
    gemeentesecretaris: list[Functionaris] = field(default_factory=list)
    beleidsregisseurs: list[Functionaris] = field(default_factory=list)

    @property
    def fracties(self) -> list[tuple[str, int]]:
        telling: dict[str, int] = {}
        for r in self.raadsleden:
            telling[r.fractie] = telling.get(r.fractie, 0) + 1
        return sorted(telling.items(), key=lambda kv: (-kv[1], kv[0]))


def bestuur_of(actor: Actor, gemeente: Gemeente, datum: dt.date | None = None) -> Bestuur:
    datum = datum or timezone.localdate()
    bestuur = Bestuur(gemeente=gemeente, datum=datum)
    qs = (
        functionarissen_for(actor)
        .filter(gemeente=gemeente)
        .actief(datum)
        .prefetch_related(Prefetch("portefeuilles", queryset=Portefeuille.objects.order_by("naam")))
        .order_by("naam")
    )
    per_functie = {
        Functie.BURGEMEESTER: bestuur.burgemeester,
        Functie.WETHOUDER: bestuur.wethouders,
        Functie.RAADSLID: bestuur.raadsleden,
        Functie.GRIFFIER: bestuur.griffier,
        Functie.GEMEENTESECRETARIS: bestuur.gemeentesecretaris,
        Functie.BELEIDSREGISSEUR: bestuur.beleidsregisseurs,
    }
    for f in qs:
        per_functie[Functie(f.functie)].append(f)
    bestuur.raadsleden.sort(key=lambda f: (f.fractie, f.naam))
    return bestuur


def oud_functionarissen(
    actor: Actor, gemeente: Gemeente, datum: dt.date | None = None
) -> QuerySet[Functionaris]:
    """Functionarissen whose term has ended (history)."""
    datum = datum or timezone.localdate()
    return (
        functionarissen_for(actor)
        .filter(gemeente=gemeente)
        .filter(Q(einddatum__lt=datum))
        .order_by("-einddatum")
    )
