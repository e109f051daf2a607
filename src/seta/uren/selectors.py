"""Reads of urenregistratie, restricted by the actor (policy scopes ``uren.urenregel`` / ``uren.weekstaat``)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet, Sum

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.autorisaties.policy.financien import eigen_medewerker_ids
from seta.catalogus.models import Catalogusitem
from seta.gemeenten.models import Gemeente
from seta.opdrachten.models import Bestuursopdracht
from seta.organisatie.models import Medewerker
from seta.uren.models import Soort, Urenimport, Urenregel, Weekstaat, Weekstatus
from seta.uren.services import DAGNAMEN


def urenregels_for(actor: Actor) -> QuerySet[Urenregel]:
    return Urenregel.objects.filter(policy.scope(actor, "uren.urenregel")).select_related(
        "medewerker", "opdracht", "catalogusitem", "gemeente", "weekstaat"
    )


def weekstaten_for(actor: Actor) -> QuerySet[Weekstaat]:
    return Weekstaat.objects.filter(policy.scope(actor, "uren.weekstaat")).select_related(
        "medewerker", "medewerker__eenheid"
    )


def urenimports_for(actor: Actor) -> QuerySet[Urenimport]:
    return Urenimport.objects.filter(policy.scope(actor, "uren.urenimport"))


def eigen_medewerker(actor: Actor) -> Medewerker | None:
    ids = eigen_medewerker_ids(actor)
    return Medewerker.objects.filter(pk__in=ids).select_related("eenheid", "samenwerkingsverband").first()


def te_beoordelen(actor: Actor) -> QuerySet[Weekstaat]:
    """Submitted weeks the actor may approve (the policy's action scope of ``weekstaat.goedkeuren``)."""
    return (
        weekstaten_for(actor)
        .filter(status=Weekstatus.INGEDIEND)
        .filter(policy.actie_scope(actor, "weekstaat.goedkeuren"))
        .order_by("jaar", "week", "medewerker__naam")
    )


# --- the weekly grid ----------------------------------------------------------------------------------------
@dataclass
class Rij:
    sleutel: str  # "opdracht:12", "regulier:5:3", "overhead"
    soort: str
    label: str
    opdracht_id: int | None = None
    catalogusitem_id: int | None = None
    gemeente_id: int | None = None
    dagen: list[Decimal] = field(default_factory=lambda: [Decimal(0)] * 7)
    omschrijving: str = ""

    @property
    def totaal(self) -> Decimal:
        return sum(self.dagen, Decimal(0))


@dataclass
class Weekrooster:
    weekstaat: Weekstaat
    rijen: list[Rij]
    dagen: list[dt.date]

    @property
    def dagtotalen(self) -> list[Decimal]:
        return [sum((r.dagen[i] for r in self.rijen), Decimal(0)) for i in range(7)]

    @property
    def totaal(self) -> Decimal:
        return sum(self.dagtotalen, Decimal(0))

    @property
    def dagkoppen(self) -> list[dict[str, Any]]:
        return [{"naam": DAGNAMEN[i], "datum": d} for i, d in enumerate(self.dagen)]


def rij_sleutel(
    soort: str, opdracht_id: int | None, catalogusitem_id: int | None, gemeente_id: int | None
) -> str:
    if soort == Soort.OPDRACHT:
        return f"opdracht:{opdracht_id}"
    if soort == Soort.REGULIER:
        return f"regulier:{catalogusitem_id}:{gemeente_id}"
    return "overhead"


def weekrooster(actor: Actor, weekstaat: Weekstaat) -> Weekrooster:
    """The grid of a week: one row per target, columns Monday..Sunday."""
    policy.require(actor, "weekstaat.lezen", weekstaat)
    dagen = weekstaat.dagen
    rijen: dict[str, Rij] = {}
    regels = (
        weekstaat.regels.select_related("opdracht", "catalogusitem", "gemeente") if weekstaat.pk else None
    )
    for regel in regels.order_by("datum", "id") if regels is not None else []:  # unsaved week: empty
        gemeente_id = regel.gemeente_id if regel.soort == Soort.REGULIER else None
        key = rij_sleutel(regel.soort, regel.opdracht_id, regel.catalogusitem_id, gemeente_id)
        if key not in rijen:
            if regel.soort == Soort.OPDRACHT and regel.opdracht is not None:
                label = f"Opdracht {regel.opdracht.nummer}: {regel.opdracht.titel}"
            elif regel.soort == Soort.REGULIER:
                label = f"{regel.catalogusitem} voor {regel.gemeente}"
            else:
                label = "Overhead"
            rijen[key] = Rij(
                key,
                regel.soort,
                label,
                regel.opdracht_id,
                regel.catalogusitem_id,
                gemeente_id,
                omschrijving=regel.omschrijving,
            )
        rijen[key].dagen[(regel.datum - dagen[0]).days] += regel.uren
    volgorde = {Soort.OPDRACHT: 0, Soort.REGULIER: 1, Soort.OVERHEAD: 2}
    return Weekrooster(
        weekstaat, sorted(rijen.values(), key=lambda r: (volgorde[Soort(r.soort)], r.label)), dagen
    )


def keuzes(actor: Actor, medewerker: Medewerker, datum: dt.date) -> dict[str, list[Any]]:
    """What hours can be written on: open assignments of the pool the actor may open (never the number and title of
    a confidential one they may not), catalogue items, partner gemeenten."""
    from seta.opdrachten import lifecycle
    from seta.uren.services import _partner_ids

    sv_id = medewerker.samenwerkingsverband_id
    opdrachten = list(
        Bestuursopdracht.objects.filter(policy.scope(actor, "opdrachten.bestuursopdracht"))
        .filter(samenwerkingsverband_id=sv_id, status__in=lifecycle.LOPEND)
        .order_by("nummer")
        .only("id", "nummer", "titel")
    )
    items = list(
        Catalogusitem.objects.filter(samenwerkingsverband_id=sv_id, actief=True)
        .order_by("naam")
        .only("id", "naam", "code")
    )
    gemeenten = list(Gemeente.objects.filter(pk__in=_partner_ids(sv_id, datum)).order_by("naam"))
    return {"opdrachten": opdrachten, "catalogusitems": items, "gemeenten": gemeenten}


def uren_per_week(actor: Actor, medewerker: Medewerker, jaar: int) -> dict[int, Decimal]:
    rows = (
        urenregels_for(actor)
        .filter(medewerker=medewerker, weekstaat__jaar=jaar)
        .values("weekstaat__week")
        .annotate(s=Sum("uren"))
    )
    result: dict[int, Decimal] = defaultdict(Decimal)
    for row in rows:
        result[row["weekstaat__week"]] = row["s"]
    return result


def doel_from_key(medewerker: Medewerker, key: str, gemeente_id: str | int | None = None) -> Any:
    """A grid row key ("opdracht:12", "regulier:5:3", "item:5" + gemeente, "overhead") as a target,
    looked up only within the medewerker's own pool; None when it does not resolve."""
    from seta.uren.services import Doel

    sv_id = medewerker.samenwerkingsverband_id
    delen = (key or "").split(":")
    try:
        if delen[0] == "overhead":
            return Doel(Soort.OVERHEAD)
        if delen[0] == "opdracht":
            o = (
                Bestuursopdracht.objects.filter(samenwerkingsverband_id=sv_id, pk=int(delen[1]))
                .prefetch_related("opdrachtgevers")
                .first()
            )
            return Doel(Soort.OPDRACHT, opdracht=o) if o else None
        if delen[0] in {"regulier", "item"}:
            item = Catalogusitem.objects.filter(samenwerkingsverband_id=sv_id, pk=int(delen[1])).first()
            gid = int(delen[2]) if delen[0] == "regulier" else int(gemeente_id or 0)
            gemeente = Gemeente.objects.filter(pk=gid).first()
            return Doel(Soort.REGULIER, catalogusitem=item, gemeente=gemeente) if item else None
    except (IndexError, ValueError):
        return None
    return None
