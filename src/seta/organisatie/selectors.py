"""Reads of the werkorganisatie, restricted by the actor.

Head counts and FTE per unit are aggregates, not personal data: whoever may read a unit sees them.
Individual staff records (names, FTE, scale, competences) follow the stricter ``medewerker`` scope.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.gemeenten.models import Gemeente
from seta.organisatie import robuustheid
from seta.organisatie.models import Competentie, Eenheid, Medewerker, Positie
from seta.samenwerkingsverbanden.models import Samenwerkingsverband


def eenheden_for(actor: Actor) -> QuerySet[Eenheid]:
    return Eenheid.objects.filter(policy.scope(actor, "organisatie.eenheid"))


def medewerkers_for(actor: Actor) -> QuerySet[Medewerker]:
    return Medewerker.objects.filter(policy.scope(actor, "organisatie.medewerker")).select_related("eenheid")


def competenties_for(actor: Actor) -> QuerySet[Competentie]:
    """The list of competences is a shared vocabulary, not personal data."""
    return Competentie.objects.all()


def actief_q(datum: dt.date | None = None, prefix: str = "") -> Q:
    """Staff in service on ``datum`` (today by default)."""
    datum = datum or timezone.localdate()
    return Q(**{f"{prefix}in_dienst__lte": datum}) & (
        Q(**{f"{prefix}uit_dienst__isnull": True}) | Q(**{f"{prefix}uit_dienst__gt": datum})
    )


def actieve_medewerkers_for(actor: Actor, datum: dt.date | None = None) -> QuerySet[Medewerker]:
    return medewerkers_for(actor).filter(actief_q(datum))


# --- the tree ----------------------------------------------------------------------------------------------
@dataclass
class Knoop:
    """One unit in the tree with its head count and FTE (own staff and including sub-units)."""

    id: int
    naam: str
    code: str
    soort: str
    samenwerkingsverband_id: int
    bovenliggend_id: int | None
    gastgemeente_id: int | None
    aantal: int = 0
    fte: Decimal = Decimal("0")
    aantal_totaal: int = 0
    fte_totaal: Decimal = Decimal("0")
    pad: list[str] = field(default_factory=list)
    diepte: int = 0
    kinderen: list[Knoop] = field(default_factory=list)
    eenheid: Eenheid | None = None


def _knopen(eenheden: Iterable[Eenheid]) -> dict[int, Knoop]:
    knopen: dict[int, Knoop] = {}
    for e in eenheden:
        knopen[e.pk] = Knoop(
            id=e.pk,
            naam=e.naam,
            code=e.code,
            soort=e.soort,
            samenwerkingsverband_id=e.samenwerkingsverband_id,
            bovenliggend_id=e.bovenliggend_id,
            gastgemeente_id=e.gastgemeente_id,
            aantal=getattr(e, "aantal_actief", 0) or 0,
            fte=getattr(e, "fte_actief", None) or Decimal("0"),
            eenheid=e,
        )
    # Totals bottom-up and paths top-down; the tree is acyclic (the services refuse cycles).
    for knoop in knopen.values():
        knoop.aantal_totaal += knoop.aantal
        knoop.fte_totaal += knoop.fte
        pad = [knoop.naam]
        seen = {knoop.id}
        parent_id = knoop.bovenliggend_id
        while parent_id is not None and parent_id in knopen and parent_id not in seen:
            parent = knopen[parent_id]
            parent.aantal_totaal += knoop.aantal
            parent.fte_totaal += knoop.fte
            pad.insert(0, parent.naam)
            seen.add(parent_id)
            parent_id = parent.bovenliggend_id
        knoop.pad = pad
        knoop.diepte = len(pad) - 1
    for knoop in sorted(knopen.values(), key=lambda k: k.naam):
        if knoop.bovenliggend_id in knopen:
            knopen[knoop.bovenliggend_id].kinderen.append(knoop)
    return knopen


def met_bezetting(qs: QuerySet[Eenheid], datum: dt.date | None = None) -> QuerySet[Eenheid]:
    """Annotate each unit with its active head count and FTE (own staff only)."""
    actief = actief_q(datum, prefix="medewerkers__")
    return qs.annotate(
        aantal_actief=Count("medewerkers", filter=actief), fte_actief=Sum("medewerkers__fte", filter=actief)
    )


def boominfo_for(actor: Actor, samenwerkingsverband_ids: Iterable[int]) -> dict[int, Knoop]:
    """Tree information (path, counts) of every visible unit of the given cooperations, by id."""
    qs = eenheden_for(actor).filter(samenwerkingsverband_id__in=list(samenwerkingsverband_ids))
    return _knopen(met_bezetting(qs.select_related("gastgemeente")))


def boom_for(actor: Actor, samenwerkingsverband: Samenwerkingsverband) -> list[Knoop]:
    """The root units of the cooperation's tree (children nested in ``kinderen``)."""
    knopen = boominfo_for(actor, [samenwerkingsverband.pk])
    return sorted((k for k in knopen.values() if k.bovenliggend_id not in knopen), key=lambda k: k.naam)


def eenheid_for(actor: Actor, pk: Any) -> Eenheid | None:
    try:
        return (
            eenheden_for(actor)
            .select_related("samenwerkingsverband", "gastgemeente", "bovenliggend")
            .get(pk=pk)
        )
    except (Eenheid.DoesNotExist, ValueError, TypeError):
        return None


def medewerker_for(actor: Actor, pk: Any) -> Medewerker | None:
    try:
        return (
            medewerkers_for(actor)
            .select_related("samenwerkingsverband", "afkomstig_van", "gebruiker")
            .prefetch_related("competenties")
            .get(pk=pk)
        )
    except (Medewerker.DoesNotExist, ValueError, TypeError):
        return None


# --- robustness (eenmansposten) ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Eenmanspost:
    """A competence held by exactly one active person, in a unit (with its sub-units) or in the pool."""

    competentie: Competentie
    eenheid: Eenheid | None
    # The holder is shown only to those who may read staff records (personal data).
    houder: Medewerker | None
    houder_eenheid: Eenheid | None = None


@dataclass
class Robuustheidsrapport:
    samenwerkingsverband: Samenwerkingsverband
    peildatum: dt.date
    aantal_medewerkers: int
    aantal_competenties: int
    pool: list[Eenmanspost]
    per_eenheid: dict[int, list[Eenmanspost]]
    dekking: dict[int, int]  # competence id → number of holders in the pool
    competenties: dict[int, Competentie]
    eenheden: dict[int, Eenheid]
    met_namen: bool


def robuustheid_for(
    actor: Actor, samenwerkingsverband: Samenwerkingsverband, datum: dt.date | None = None
) -> Robuustheidsrapport:
    """Eenmansposten of a cooperation. Any actor who may read its units gets the report; only those who
    may read staff records see who the single holder is."""
    datum = datum or timezone.localdate()
    sv_id = samenwerkingsverband.pk
    eenheden = {e.pk: e for e in eenheden_for(actor).filter(samenwerkingsverband_id=sv_id)}
    met_namen = policy.can(actor, "medewerker.lezen", samenwerkingsverband)
    # Counting is done over all active staff of the cooperation (an aggregate); names only when allowed.
    staf = list(
        Medewerker.objects.filter(samenwerkingsverband_id=sv_id, eenheid_id__in=list(eenheden))
        .filter(actief_q(datum))
        .prefetch_related(Prefetch("competenties", queryset=Competentie.objects.only("id")))
        .only("id", "naam", "eenheid_id", "fte", "functietitel", "samenwerkingsverband_id")
    )
    houders = [
        robuustheid.Houder(
            medewerker_id=m.pk,
            eenheid_id=m.eenheid_id,
            fte=m.fte,
            competentie_ids=frozenset(c.pk for c in m.competenties.all()),
        )
        for m in staf
    ]
    result = robuustheid.bereken(houders, {e.pk: e.bovenliggend_id for e in eenheden.values()})
    competentie_ids = set(result.pool)
    competenties = {c.pk: c for c in Competentie.objects.filter(pk__in=competentie_ids)}
    per_id = {m.pk: m for m in staf}

    def posten(bezettingen: list[robuustheid.Bezetting], eenheid: Eenheid | None) -> list[Eenmanspost]:
        items = [
            Eenmanspost(
                competentie=competenties[b.competentie_id],
                eenheid=eenheid,
                houder=per_id[b.medewerker_ids[0]] if met_namen else None,
                houder_eenheid=eenheden[per_id[b.medewerker_ids[0]].eenheid_id] if met_namen else None,
            )
            for b in bezettingen
        ]
        return sorted(items, key=lambda p: p.competentie.naam)

    return Robuustheidsrapport(
        samenwerkingsverband=samenwerkingsverband,
        peildatum=datum,
        aantal_medewerkers=len(staf),
        aantal_competenties=len(competentie_ids),
        pool=posten(result.eenmansposten_pool(), None),
        per_eenheid={eid: posten(result.eenmansposten(eid), eenheden[eid]) for eid in eenheden},
        dekking={c: b.aantal for c, b in result.pool.items()},
        competenties=competenties,
        eenheden=eenheden,
        met_namen=met_namen,
    )


# --- helpers for forms ---------------------------------------------------------------------------------------
def beheerbare_eenheden_for(
    actor: Actor, samenwerkingsverband: Samenwerkingsverband, action: str
) -> QuerySet[Eenheid]:
    """Units of the cooperation on which ``actor`` may perform ``action`` for a record in that unit
    (``medewerker.wijzigen``, ``catalogusitem.wijzigen``): all for the directeur, the own subtree for a teamleider."""
    from seta.catalogus.models import Catalogusitem

    model = Catalogusitem if action.startswith("catalogusitem.") else Medewerker
    qs = eenheden_for(actor).filter(samenwerkingsverband=samenwerkingsverband)
    ids = [
        pk
        for pk in qs.values_list("pk", flat=True)
        if policy.can(actor, action, model(samenwerkingsverband_id=samenwerkingsverband.pk, eenheid_id=pk))
    ]
    return qs.filter(pk__in=ids).order_by("naam")


def partners_of(samenwerkingsverband: Samenwerkingsverband) -> QuerySet[Gemeente]:
    """The municipalities that are (or were) partners of the cooperation (public information)."""
    return (
        Gemeente.objects.filter(deelnames__samenwerkingsverband=samenwerkingsverband)
        .distinct()
        .order_by("naam")
    )


def directie_for(actor: Actor, samenwerkingsverband: Samenwerkingsverband) -> list[tuple[str, str]]:
    """Names and titles of the pool's serving directors: public information about a public body, shown to
    everyone who may see the cooperation (unlike other staff records, which are personal data)."""
    if not policy.can(actor, "samenwerkingsverband.lezen", samenwerkingsverband):
        return []
    vandaag = timezone.localdate()
    return list(
        Medewerker.objects.filter(samenwerkingsverband=samenwerkingsverband, positie=Positie.DIRECTEUR)
        .filter(Q(uit_dienst__isnull=True) | Q(uit_dienst__gte=vandaag))
        .order_by("naam")
        .values_list("naam", "functietitel")
    )


# --- staff as aggregates for the join/leave scenarios (financien/mutaties.py) -------------------------------------
@dataclass(frozen=True)
class Staflid:
    """An active member of staff as an aggregate calculation needs it: no name (the figures are read by
    every partner's college and council), only the unit, FTE, origin and competences."""

    medewerker_id: int
    eenheid_id: int
    eenheid: str
    fte: Decimal
    afkomstig_van_id: int | None
    competentie_ids: frozenset[int]


def staf_van(samenwerkingsverband: Samenwerkingsverband, datum: dt.date | None = None) -> list[Staflid]:
    """The active staff of a cooperation on ``datum`` (an aggregate source; callers show counts only)."""
    staf = (
        Medewerker.objects.filter(samenwerkingsverband=samenwerkingsverband)
        .filter(actief_q(datum))
        .select_related("eenheid")
        .prefetch_related(Prefetch("competenties", queryset=Competentie.objects.only("id")))
        .order_by("pk")
    )
    return [
        Staflid(
            m.pk,
            m.eenheid_id,
            m.eenheid.naam,
            m.fte,
            m.afkomstig_van_id,
            frozenset(c.pk for c in m.competenties.all()),
        )
        for m in staf
    ]


def competentienamen(ids: Iterable[int]) -> dict[int, str]:
    return dict(Competentie.objects.filter(pk__in=set(ids)).values_list("pk", "naam"))


def eenmansposten_van(staf: Iterable[Staflid]) -> list[tuple[int, Staflid]]:
    """The single-person posts of a group of staff taken as one organisation (``organisatie/robuustheid``):
    each competence held by exactly one of them, with that holder."""
    staf = list(staf)
    per_id = {s.medewerker_id: s for s in staf}
    houders = [robuustheid.Houder(s.medewerker_id, s.eenheid_id, s.fte, s.competentie_ids) for s in staf]
    result = robuustheid.bereken(houders, {})
    return [(b.competentie_id, per_id[b.medewerker_ids[0]]) for b in result.eenmansposten_pool()]


# --- for the council reports (issue 12): single-person posts as aggregates ----------------------------------------
@dataclass(frozen=True)
class Poolrobuustheid:
    """The pool's coverage per unit (with sub-units) on a day: no names, only competences and units."""

    resultaat: robuustheid.Robuustheid
    eenheden: dict[int, str]  # unit id -> name
    competenties: dict[int, str]  # competence id -> name


def poolrobuustheid(samenwerkingsverband: Samenwerkingsverband, datum: dt.date) -> Poolrobuustheid:
    """Single-person posts of a cooperation on ``datum`` (unrestricted aggregate: counts and names of
    competences and units, never a person)."""
    eenheden = dict(
        Eenheid.objects.filter(samenwerkingsverband=samenwerkingsverband).values_list("pk", "naam")
    )
    boom = dict(
        Eenheid.objects.filter(samenwerkingsverband=samenwerkingsverband).values_list("pk", "bovenliggend_id")
    )
    staf = (
        Medewerker.objects.filter(samenwerkingsverband=samenwerkingsverband, eenheid_id__in=list(eenheden))
        .filter(actief_q(datum))
        .prefetch_related(Prefetch("competenties", queryset=Competentie.objects.only("id")))
        .only("id", "eenheid_id", "fte")
    )
    houders = [
        robuustheid.Houder(m.pk, m.eenheid_id, m.fte, frozenset(c.pk for c in m.competenties.all()))
        for m in staf
    ]
    result = robuustheid.bereken(houders, boom)
    namen = dict(Competentie.objects.filter(pk__in=set(result.pool)).values_list("pk", "naam"))
    return Poolrobuustheid(result, eenheden, namen)
