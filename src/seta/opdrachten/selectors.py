"""Reads of commissioning, each restricted by the actor through the one policy."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.core.errors import NotFound
from seta.opdrachten import lifecycle, overschrijding
from seta.opdrachten.models import (
    Agendapunt,
    Bestuursopdracht,
    Bestuursvraag,
    Opdrachtgever,
    Overleg,
    Overlegsoort,
    Statusovergang,
    Vertrouwelijkheid,
    Vraagstatus,
    Wijzigingsverzoek,
)
from seta.opdrachten.overschrijding import Overschrijding


def bestuursopdrachten_for(actor: Actor) -> QuerySet[Bestuursopdracht]:
    return (
        Bestuursopdracht.objects.filter(policy.scope(actor, "opdrachten.bestuursopdracht"))
        .select_related("samenwerkingsverband", "catalogusitem", "eenheid")
        .prefetch_related(
            Prefetch(
                "opdrachtgevers",
                queryset=Opdrachtgever.objects.select_related("gemeente", "portefeuille", "beleidsregisseur"),
            )
        )
    )


def bestuursopdracht_for(actor: Actor, pk: Any) -> Bestuursopdracht:
    try:
        return bestuursopdrachten_for(actor).get(pk=int(pk))
    except (Bestuursopdracht.DoesNotExist, TypeError, ValueError) as exc:
        raise NotFound() from exc


def met_opdrachtgever(qs: QuerySet[Bestuursopdracht], **lookup: Any) -> QuerySet[Bestuursopdracht]:
    """The assignments in ``qs`` with at least one opdrachtgever matching ``lookup`` (e.g. ``gemeente=…``,
    ``portefeuille_id__in=…``); the one way the pages, the API filters and the panels select by co-principal."""
    return qs.filter(pk__in=Opdrachtgever.objects.filter(**lookup).values("bestuursopdracht_id"))


def filter_opdrachten(
    qs: QuerySet[Bestuursopdracht],
    *,
    gemeente: Any = None,
    status: str | None = None,
    portefeuille: Any = None,
    eenheid: Any = None,
    samenwerkingsverband: Any = None,
    deadline_voor: dt.date | None = None,
    deadline_na: dt.date | None = None,
    zoek: str | None = None,
    naar_raad: bool | None = None,
) -> QuerySet[Bestuursopdracht]:
    if gemeente:
        qs = met_opdrachtgever(qs, gemeente=gemeente)
    if status:
        qs = qs.filter(status=status)
    if portefeuille:
        qs = met_opdrachtgever(qs, portefeuille=portefeuille)
    if eenheid:
        qs = qs.filter(eenheid=eenheid)
    if samenwerkingsverband:
        qs = qs.filter(samenwerkingsverband=samenwerkingsverband)
    if deadline_voor:
        qs = qs.filter(deadline__lte=deadline_voor)
    if deadline_na:
        qs = qs.filter(deadline__gte=deadline_na)
    if zoek:
        qs = qs.filter(Q(titel__icontains=zoek) | Q(nummer__icontains=zoek))
    if naar_raad is not None:
        qs = qs.filter(naar_raad=naar_raad)
    return qs


def historie_for(actor: Actor, opdracht: Bestuursopdracht) -> QuerySet[Statusovergang]:
    if not policy.can(actor, "bestuursopdracht.lezen", opdracht):
        raise NotFound()
    return opdracht.historie.select_related("gemeente").order_by("tijdstip", "id")


def overschrijding_for(
    actor: Actor,
    opdracht: Bestuursopdracht,
    vandaag: dt.date | None = None,
    *,
    tarieven: dict[tuple[int, int, int | None], Decimal | None] | None = None,
) -> Overschrijding:
    """How far the estimate exceeds the frame, at the pool's tariff of the year of the decision (today).
    ``tarieven``: a cache of looked-up tariffs (a list serializes many assignments)."""
    from seta.financien import selectors as financien_selectors

    jaar = (vandaag or timezone.localdate()).year
    sleutel = (opdracht.samenwerkingsverband_id, jaar, opdracht.eenheid_id)
    if tarieven is not None and sleutel in tarieven:
        tarief = tarieven[sleutel]
    else:
        tarief = financien_selectors.uurtarief_for(actor, *sleutel)
        if tarieven is not None:
            tarieven[sleutel] = tarief
    return overschrijding.bereken(
        max_uren=opdracht.max_uren,
        max_euro=opdracht.max_euro,
        raming_uren=opdracht.raming_uren,
        raming_externe_kosten=opdracht.raming_externe_kosten,
        uurtarief=tarief,
        tariefjaar=jaar,
    )


@dataclass
class Knop:
    """An action the actor may take now on an assignment (a button on the page)."""

    actie: str
    label: str
    kant: str
    reden_verplicht: bool
    toelichting: str = ""
    # For a decision on an estimate above the frame: the overrun, which the college must confirm it saw.
    overschrijding: str = ""


def allowed_actions(actor: Actor, opdracht: Bestuursopdracht) -> list[Knop]:
    """The transitions the actor may make from the current state (state AND policy AND not yet decided)."""
    from seta.autorisaties.policy.opdrachten import beslissende_opdrachtgevers

    rijen = [
        rij
        for rij in lifecycle.overgangen_vanuit(opdracht.status)
        if rij.actie != "hervatten"
        or lifecycle.overgang(opdracht.status, "hervatten", naar=opdracht.status_voor_aanhouden) is not None
    ]
    toegestaan = set(
        policy.toegestane_acties(actor, opdracht, [rij.actie for rij in rijen], prefix="bestuursopdracht.")
    )
    result = []
    for rij in rijen:
        if rij.actie not in toegestaan:
            continue
        toelichting = ""
        if rij.gezamenlijk:
            mijn = beslissende_opdrachtgevers(actor, opdracht)
            if all(og.instemming == rij.actie for og in mijn):
                continue
            if opdracht.is_gezamenlijk:
                wacht = [
                    og.gemeente.naam for og in opdracht.actieve_opdrachtgevers if og.instemming != rij.actie
                ]
                toelichting = "Gezamenlijke opdracht: nog niet besloten door " + ", ".join(wacht) + "."
        if rij.actie == "annuleren" and opdracht.is_gezamenlijk:
            toelichting = (
                "Gezamenlijke opdracht: uw gemeente trekt zich terug; de opdracht loopt door voor de anderen."
            )
        if rij.actie == "akkoord" and opdracht.raming_uren is None:
            continue
        melding = overschrijding_for(actor, opdracht).melding if rij.overschrijding_bevestigen else ""
        result.append(Knop(rij.actie, rij.label, rij.kant, rij.reden_verplicht, toelichting, melding))
    return result


# --- linked assignments: named or linked only for those who may open them ---------------------------------------------
# Neutral text shown instead of the number and title of a linked assignment the reader may not open.
NIET_ZICHTBAAR = "Een opdracht die u niet kunt inzien"


def zichtbare_opdracht(actor: Actor, opdracht: Bestuursopdracht | None) -> Bestuursopdracht | None:
    """``opdracht`` if ``actor`` may open it, else None. Every page and API representation that shows an assignment
    through a relation (a question, an agenda item …) names or links it only through this."""
    if opdracht is None or not policy.can(actor, "bestuursopdracht.lezen", opdracht):
        return None
    return opdracht


def met_zichtbare_opdracht(actor: Actor, vragen: Iterable[Bestuursvraag]) -> list[Bestuursvraag]:
    """The questions, each with ``zichtbare_opdracht`` set (None if it has none or the actor may not open it)."""
    result = list(vragen)
    for v in result:
        v.zichtbare_opdracht = zichtbare_opdracht(actor, v.bestuursopdracht)  # type: ignore[attr-defined]
    return result


@dataclass(frozen=True)
class AgendapuntWeergave:
    """An agenda item as the reader may see it: links only to what they may open, the subject masked if it names
    an assignment or question they may not open (the default subject of an item is the assignment's number and title)."""

    id: int
    volgnummer: int
    onderwerp: str
    bestuursopdracht_id: int | None
    bestuursvraag_id: int | None
    catalogusitem_id: int | None
    toelichting: str


def agendapunt_weergave(actor: Actor, punt: Agendapunt) -> AgendapuntWeergave:
    onderwerp = punt.onderwerp
    opdracht = zichtbare_opdracht(actor, punt.bestuursopdracht)
    if punt.bestuursopdracht_id is not None and opdracht is None:
        verborgen = punt.bestuursopdracht
        if verborgen is not None and (verborgen.nummer in onderwerp or verborgen.titel in onderwerp):
            onderwerp = "Agendapunt over een opdracht die u niet kunt inzien"
    vraag = punt.bestuursvraag
    vraag_id = None
    if vraag is not None:
        if policy.can(actor, "bestuursvraag.lezen", vraag):
            vraag_id = vraag.pk
        elif vraag.onderwerp in onderwerp:
            onderwerp = "Agendapunt over een bestuursvraag die u niet kunt inzien"
    return AgendapuntWeergave(
        punt.pk,
        punt.volgnummer,
        onderwerp,
        opdracht.pk if opdracht is not None else None,
        vraag_id,
        punt.catalogusitem_id,
        punt.toelichting,
    )


def wijzigingsverzoeken_for(actor: Actor) -> QuerySet[Wijzigingsverzoek]:
    return (
        Wijzigingsverzoek.objects.filter(policy.scope(actor, "opdrachten.wijzigingsverzoek"))
        .select_related("bestuursopdracht")
        .prefetch_related("goedgekeurd_door", "bestuursopdracht__opdrachtgevers")
    )


def wijzigingsverzoek_for(actor: Actor, pk: Any) -> Wijzigingsverzoek:
    try:
        return wijzigingsverzoeken_for(actor).get(pk=int(pk))
    except (Wijzigingsverzoek.DoesNotExist, TypeError, ValueError) as exc:
        raise NotFound() from exc


def bestuursvragen_for(actor: Actor) -> QuerySet[Bestuursvraag]:
    return (
        Bestuursvraag.objects.filter(policy.scope(actor, "opdrachten.bestuursvraag"))
        .select_related("gemeente", "bestuursopdracht", "wethouder", "samenwerkingsverband")
        .prefetch_related("bestuursopdracht__opdrachtgevers")  # zichtbare_opdracht without a query per row
    )


def bestuursvraag_for(actor: Actor, pk: Any) -> Bestuursvraag:
    try:
        return bestuursvragen_for(actor).get(pk=int(pk))
    except (Bestuursvraag.DoesNotExist, TypeError, ValueError) as exc:
        raise NotFound() from exc


def open_vragen(qs: QuerySet[Bestuursvraag]) -> QuerySet[Bestuursvraag]:
    return qs.filter(status=Vraagstatus.OPEN)


def te_late_vragen(qs: QuerySet[Bestuursvraag], vandaag: dt.date | None = None) -> QuerySet[Bestuursvraag]:
    return qs.filter(status=Vraagstatus.OPEN, uiterlijk__lt=vandaag or timezone.localdate())


def vragen_voor_mij(actor: Actor) -> QuerySet[Bestuursvraag]:
    """Open questions waiting for this actor's answer (the policy's action scope of ``bestuursvraag.beantwoorden``)."""
    return open_vragen(bestuursvragen_for(actor)).filter(
        policy.actie_scope(actor, "bestuursvraag.beantwoorden")
    )


def overleggen_for(actor: Actor) -> QuerySet[Overleg]:
    return (
        Overleg.objects.filter(policy.scope(actor, "opdrachten.overleg"))
        .select_related("samenwerkingsverband")
        .prefetch_related("gemeenten")
    )


def met_agenda(qs: QuerySet[Overleg]) -> QuerySet[Overleg]:
    """Meetings with their agenda and decisions, prefetched for ``agendapunt_weergave`` (no query per item)."""
    return qs.prefetch_related(
        Prefetch(
            "agendapunten",
            queryset=Agendapunt.objects.select_related("bestuursopdracht", "bestuursvraag__bestuursopdracht"),
        ),
        "agendapunten__bestuursopdracht__opdrachtgevers",
        "agendapunten__bestuursvraag__bestuursopdracht__opdrachtgevers",
        "besluiten",
    )


def overleg_for(actor: Actor, pk: Any) -> Overleg:
    try:
        return overleggen_for(actor).get(pk=int(pk))
    except (Overleg.DoesNotExist, TypeError, ValueError) as exc:
        raise NotFound() from exc


# --- harmonisation hints --------------------------------------------------------------------------------------------------
def harmonisatie_opdrachtgevers(samenwerkingsverband_id: int) -> QuerySet[Opdrachtgever]:
    """The ONE base of the harmonisation hints (``verwant`` and ``suggesties``), which count other partners'
    assignments without showing them: only public, commissioned (no drafts), not cancelled ones, of active
    co-principals. Never a draft or a confidential assignment, which the partners' readers may not see."""
    return Opdrachtgever.objects.filter(
        bestuursopdracht__samenwerkingsverband_id=samenwerkingsverband_id,
        bestuursopdracht__vertrouwelijkheid=Vertrouwelijkheid.OPENBAAR,
        teruggetrokken_op__isnull=True,
    ).exclude(bestuursopdracht__status__in=[lifecycle.CONCEPT, lifecycle.GEANNULEERD])


@dataclass
class Verwant:
    """Counts only: how many public assignments another partner has on the same item or task area."""

    gemeente: str
    zelfde_catalogusitem: int = 0
    zelfde_taakveld: int = 0


def may_see_related(actor: Actor, opdracht: Bestuursopdracht) -> bool:
    """The hint is for those who can act on it (policy ``bestuursopdracht.verwant_lezen``)."""
    return policy.can(actor, "bestuursopdracht.verwant_lezen", opdracht)


def related_elsewhere(actor: Actor, opdracht: Bestuursopdracht) -> list[Verwant]:
    """Other partners' public, not cancelled assignments with the same catalogue item or Iv3 task area: counts per
    municipality, never their contents (and never confidential ones)."""
    if not may_see_related(actor, opdracht):
        return []
    eigen = {og.gemeente_id for og in opdracht.opdrachtgevers.all()}
    taakveld_id = opdracht.catalogusitem.taakveld_id
    rows = (
        harmonisatie_opdrachtgevers(opdracht.samenwerkingsverband_id)
        .exclude(gemeente_id__in=eigen)
        .filter(
            Q(bestuursopdracht__catalogusitem_id=opdracht.catalogusitem_id)
            | Q(bestuursopdracht__catalogusitem__taakveld_id=taakveld_id)
        )
        .values("gemeente__naam")
        .annotate(
            item=Count("pk", filter=Q(bestuursopdracht__catalogusitem_id=opdracht.catalogusitem_id)),
            veld=Count("pk"),
        )
        .order_by("gemeente__naam")
    )
    return [Verwant(r["gemeente__naam"], r["item"], r["veld"]) for r in rows]


@dataclass
class Suggestie:
    """A proposed agenda item for a joint meeting: several partners have related assignments."""

    soort: str  # "catalogusitem", "taakveld" or "harmonisatievoorstel"
    onderwerp: str
    catalogusitem_id: int | None
    taakveld: str
    gemeenten: list[tuple[str, int]] = field(default_factory=list)
    harmonisatievoorstel_id: int | None = None  # soort "harmonisatievoorstel": the sent proposal to put on

    @property
    def aantal(self) -> int:
        return sum(n for _, n in self.gemeenten)


def suggestions(actor: Actor, overleg: Overleg) -> list[Suggestie]:
    """For a joint meeting: catalogue items (then task areas) on which two or more of the meeting's partners have
    running public assignments, not yet on the agenda, so they can take a joint position."""
    if not policy.can(actor, "overleg.lezen", overleg):
        raise NotFound()
    gemeenten = {g.pk: g.naam for g in overleg.gemeenten.all()}
    if overleg.soort != Overlegsoort.GEZAMENLIJK or len(gemeenten) < 2:
        return []
    rows = harmonisatie_opdrachtgevers(overleg.samenwerkingsverband_id).filter(
        gemeente_id__in=gemeenten, bestuursopdracht__status__in=lifecycle.LOPEND
    )
    if rows.filter(portefeuille__naam__iexact=overleg.thema).exists():
        # A joint meeting of one portfolio's wethouders: suggest within that portfolio.
        rows = rows.filter(portefeuille__naam__iexact=overleg.thema)
    rij_waarden = rows.values_list(
        "gemeente_id",
        "bestuursopdracht__catalogusitem_id",
        "bestuursopdracht__catalogusitem__naam",
        "bestuursopdracht__catalogusitem__taakveld__code",
        "bestuursopdracht__catalogusitem__taakveld__naam",
    )
    op_agenda = set(
        overleg.agendapunten.exclude(catalogusitem__isnull=True).values_list("catalogusitem_id", flat=True)
    )
    per_item: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    per_veld: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    namen: dict[int, str] = {}
    veldnamen: dict[str, str] = {}
    items_per_veld: dict[str, set[int]] = defaultdict(set)
    for gemeente_id, item_id, item_naam, veld_code, veld_naam in rij_waarden:
        per_item[item_id][gemeente_id] += 1
        per_veld[veld_code][gemeente_id] += 1
        namen[item_id] = item_naam
        veldnamen[veld_code] = veld_naam
        items_per_veld[veld_code].add(item_id)
    result: list[Suggestie] = []
    gedekt: set[int] = set()
    for item_id, per_gemeente in per_item.items():
        if len(per_gemeente) >= 2 and item_id not in op_agenda:
            gedekt.add(item_id)
            result.append(
                Suggestie(
                    "catalogusitem",
                    f"Gezamenlijk standpunt: {namen[item_id]}",
                    item_id,
                    "",
                    sorted((gemeenten[g], n) for g, n in per_gemeente.items()),
                )
            )
    for code, per_gemeente in per_veld.items():
        if (
            len(per_gemeente) >= 2
            and not items_per_veld[code] <= (gedekt | op_agenda)
            and len(items_per_veld[code]) > 1
        ):
            result.append(
                Suggestie(
                    "taakveld",
                    f"Afstemming taakveld {code} {veldnamen[code]}",
                    None,
                    code,
                    sorted((gemeenten[g], n) for g, n in per_gemeente.items()),
                )
            )
    result.sort(key=lambda s: (s.soort != "catalogusitem", -len(s.gemeenten), -s.aantal, s.onderwerp))
    result.extend(_harmonisatievoorstellen(actor, overleg))
    return result


# --- harmonisation (issue 13): sent proposals to the meeting's municipalities, not yet on its agenda ----------
def _harmonisatievoorstellen(actor: Actor, overleg: Overleg) -> list[Suggestie]:
    from seta.harmonisatie import services as harmonisatie_services
    from seta.harmonisatie.models import Harmonisatievoorstel, Voorstelpartij

    gemeenten = [g.pk for g in overleg.gemeenten.all()]
    voorstellen = (
        Harmonisatievoorstel.objects.filter(
            samenwerkingsverband_id=overleg.samenwerkingsverband_id, status="verzonden"
        )
        .exclude(partijen__in=Voorstelpartij.objects.exclude(gemeente_id__in=gemeenten))
        .exclude(agendapunt__overleg_id=overleg.pk)
        .prefetch_related("partijen__gemeente")
        .order_by("nummer")
    )
    return [
        Suggestie(
            "harmonisatievoorstel",
            harmonisatie_services.agendaonderwerp(v),
            v.catalogusitem_id,
            "",
            sorted((p.gemeente.naam, 1) for p in v.partijen.all()),
            harmonisatievoorstel_id=v.pk,
        )
        for v in voorstellen
        if policy.can(actor, "harmonisatievoorstel.lezen", v)
    ]


# --- end harmonisation ---------------------------------------------------------------------------------------
