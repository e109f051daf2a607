"""Reads of samenwerkingsverbanden, restricted by the actor."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.samenwerkingsverbanden.models import (
    Besluitbevoegdheid,
    Bestuurslid,
    Bestuursorgaan,
    Deelnemer,
    Inbreng,
    Samenwerkingsverband,
    Taakgebied,
)


def samenwerkingsverbanden_for(actor: Actor) -> QuerySet[Samenwerkingsverband]:
    return Samenwerkingsverband.objects.filter(
        policy.scope(actor, "samenwerkingsverbanden.samenwerkingsverband")
    )


def samenwerkingsverband_by_slug(actor: Actor, slug: str) -> Samenwerkingsverband | None:
    return samenwerkingsverbanden_for(actor).select_related("gastheergemeente").filter(slug=slug).first()


def deelnemers_for(actor: Actor) -> QuerySet[Deelnemer]:
    return Deelnemer.objects.filter(policy.scope(actor, "samenwerkingsverbanden.deelnemer")).select_related(
        "gemeente", "samenwerkingsverband"
    )


def bestuursleden_for(actor: Actor) -> QuerySet[Bestuurslid]:
    return Bestuurslid.objects.filter(
        policy.scope(actor, "samenwerkingsverbanden.bestuurslid")
    ).select_related("functionaris__gemeente", "samenwerkingsverband")


def inbreng_for(actor: Actor) -> QuerySet[Inbreng]:
    return Inbreng.objects.filter(policy.scope(actor, "samenwerkingsverbanden.inbreng")).select_related(
        "deelnemer__gemeente", "deelnemer__samenwerkingsverband", "taakgebied"
    )


def taakgebieden_for(actor: Actor) -> QuerySet[Taakgebied]:
    return Taakgebied.objects.filter(policy.scope(actor, "samenwerkingsverbanden.taakgebied"))


def op_datum(qs: QuerySet[Inbreng], datum: dt.date) -> QuerySet[Inbreng]:
    """Inbreng in force on ``datum`` (``tot`` is the first day out)."""
    return qs.filter(vanaf__lte=datum).filter(Q(tot__isnull=True) | Q(tot__gt=datum))


def bestuursleden_op(qs: QuerySet[Bestuurslid], datum: dt.date) -> QuerySet[Bestuurslid]:
    """Seats held on ``datum`` (``einddatum`` is the last day in office)."""
    return qs.filter(begindatum__lte=datum).filter(Q(einddatum__isnull=True) | Q(einddatum__gte=datum))


def peildatum_van(sv: Samenwerkingsverband, datum: dt.date | None = None) -> dt.date:
    """The date to show a cooperation on: today, or its last day if it has ended."""
    datum = datum or timezone.localdate()
    if sv.einddatum is not None and datum >= sv.einddatum:
        return sv.einddatum - dt.timedelta(days=1)
    return datum


@dataclass
class Balk:
    """One period of one taakgebied of one partner on the visual timeline (percentages of the axis)."""

    inbreng: Inbreng
    links: float
    breedte: float


@dataclass
class Tijdlijnrij:
    deelnemer: Deelnemer
    inbreng: list[Inbreng] = field(default_factory=list)
    balken: list[Balk] = field(default_factory=list)


@dataclass
class Tijdlijn:
    """The groeimodel of one cooperation: per partner which taakgebieden since when."""

    start: dt.date
    eind: dt.date
    jaren: list[tuple[int, float]]  # (year, position in % of the axis)
    rijen: list[Tijdlijnrij]


def tijdlijn_of(actor: Actor, sv: Samenwerkingsverband, *, vandaag: dt.date | None = None) -> Tijdlijn:
    vandaag = vandaag or timezone.localdate()
    start = dt.date(sv.startdatum.year, 1, 1)
    eind = sv.einddatum or vandaag
    eind = dt.date(eind.year + 1, 1, 1)
    totaal = max((eind - start).days, 1)

    def pos(d: dt.date) -> float:
        return round(100 * (min(max(d, start), eind) - start).days / totaal, 2)

    rijen: dict[int, Tijdlijnrij] = {}
    for d in (
        deelnemers_for(actor).filter(samenwerkingsverband=sv).order_by("toetredingsdatum", "gemeente__naam")
    ):
        rijen[d.pk] = Tijdlijnrij(deelnemer=d)
    for i in (
        inbreng_for(actor)
        .filter(deelnemer__samenwerkingsverband=sv)
        .order_by("vanaf", "taakgebied__volgorde")
    ):
        rij = rijen.get(i.deelnemer_id)
        if rij is None:
            continue
        rij.inbreng.append(i)
        links = pos(i.vanaf)
        rij.balken.append(Balk(inbreng=i, links=links, breedte=max(pos(i.tot or eind) - links, 0.5)))
    stap = 1 if eind.year - start.year <= 12 else 2 if eind.year - start.year <= 24 else 5
    jaren = [(j, pos(dt.date(j, 1, 1))) for j in range(start.year, eind.year, stap)]
    return Tijdlijn(start=start, eind=eind, jaren=jaren, rijen=list(rijen.values()))


@dataclass
class Bestuurssamenstelling:
    datum: dt.date
    algemeen_bestuur: list[Bestuurslid]
    dagelijks_bestuur: list[Bestuurslid]


def bestuur_of(actor: Actor, sv: Samenwerkingsverband, datum: dt.date) -> Bestuurssamenstelling:
    leden = list(
        bestuursleden_op(bestuursleden_for(actor).filter(samenwerkingsverband=sv), datum).order_by(
            "-voorzitter", "functionaris__gemeente__naam", "functionaris__functie", "functionaris__naam"
        )
    )
    return Bestuurssamenstelling(
        datum=datum,
        algemeen_bestuur=[b for b in leden if b.orgaan == Bestuursorgaan.ALGEMEEN_BESTUUR],
        dagelijks_bestuur=[b for b in leden if b.orgaan == Bestuursorgaan.DAGELIJKS_BESTUUR],
    )


def besluitbevoegdheden_for(actor: Actor, sv: Samenwerkingsverband) -> list[Besluitbevoegdheid]:
    """The cooperation's governance: which body decides what (visible to whoever sees the cooperation)."""
    return list(
        Besluitbevoegdheid.objects.filter(policy.scope(actor, "samenwerkingsverbanden.besluitbevoegdheid"))
        .filter(samenwerkingsverband=sv)
        .order_by("onderwerp")
    )
