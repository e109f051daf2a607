"""Reads of harmonisation proposals (pages, API, home panels, the meeting's suggestions), scoped by the policy.

Every order a proposal names (its similar orders, each partij's own order and result) is shown as the actor may see
it (``policy.harmonisatie.opdracht_zicht``): a college never learns the title of another partner's draft, nor that
a partner has a confidential order (a proposal never holds one, but the rule is applied all the same).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.autorisaties.policy.harmonisatie import Zicht, opdracht_zicht
from seta.core.errors import NotFound
from seta.core.models import AuditEvent
from seta.harmonisatie import lifecycle
from seta.harmonisatie.models import Harmonisatievoorstel, Voorstelpartij
from seta.opdrachten.models import Bestuursopdracht, Opdrachtgever

VERTROUWELIJK_TEKST = "Een partner heeft een vergelijkbare vertrouwelijke opdracht."


def voorstellen_for(actor: Actor) -> QuerySet[Harmonisatievoorstel]:
    ids = Harmonisatievoorstel.objects.filter(
        policy.scope(actor, "harmonisatie.harmonisatievoorstel")
    ).values("pk")
    return (
        Harmonisatievoorstel.objects.filter(pk__in=ids)
        .select_related("samenwerkingsverband", "catalogusitem", "leidende_opdracht", "agendapunt__overleg")
        .prefetch_related(
            Prefetch(
                "partijen",
                queryset=Voorstelpartij.objects.select_related("gemeente", "portefeuille", "besloten_door"),
            )
        )
    )


def voorstel_for(actor: Actor, pk: Any) -> Harmonisatievoorstel:
    try:
        return voorstellen_for(actor).get(pk=int(pk))
    except (Harmonisatievoorstel.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound() from exc


def partij_for(actor: Actor, pk: Any) -> Voorstelpartij:
    try:
        partij = Voorstelpartij.objects.select_related("voorstel", "gemeente", "portefeuille").get(pk=int(pk))
    except (Voorstelpartij.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound() from exc
    if not policy.can(actor, "voorstelpartij.lezen", partij):
        raise NotFound()
    return partij


@dataclass(frozen=True)
class GenoemdeOpdracht:
    """An order named by a proposal, as the actor may see it. ``opdracht`` None: not to be shown (``geen``)."""

    zicht: Zicht
    opdracht: Bestuursopdracht | None
    tekst: str  # what the page and the API show
    gemeenten: str = ""
    catalogusitem: str = ""
    status: str = ""


def _opdrachten_qs() -> QuerySet[Bestuursopdracht]:
    return Bestuursopdracht.objects.select_related("catalogusitem").prefetch_related(
        Prefetch("opdrachtgevers", queryset=Opdrachtgever.objects.select_related("gemeente"))
    )


def genoemd(actor: Actor, opdracht: Bestuursopdracht | None) -> GenoemdeOpdracht | None:
    if opdracht is None:
        return None
    zicht = opdracht_zicht(actor, opdracht)
    gemeenten = " en ".join(og.gemeente.naam for og in opdracht.opdrachtgevers.all())
    item = opdracht.catalogusitem.naam if opdracht.catalogusitem_id else ""
    if zicht == "volledig":
        return GenoemdeOpdracht(
            zicht,
            opdracht,
            f"{opdracht.nummer} {opdracht.titel}",
            gemeenten,
            item,
            opdracht.get_status_display(),
        )
    if zicht == "concept":
        return GenoemdeOpdracht(zicht, None, f"Een concept van {gemeenten}", gemeenten, item, "Concept")
    if zicht == "vertrouwelijk":
        return GenoemdeOpdracht(zicht, None, VERTROUWELIJK_TEKST)
    return None


def genoemde_opdrachten(actor: Actor, voorstel: Harmonisatievoorstel) -> list[GenoemdeOpdracht]:
    uit = []
    for o in _opdrachten_qs().filter(harmonisatievoorstellen=voorstel).order_by("nummer"):
        g = genoemd(actor, o)
        if g is not None:
            uit.append(g)
    return uit


@dataclass(frozen=True)
class Partijregel:
    partij: Voorstelpartij
    bron: GenoemdeOpdracht | None
    resultaat: GenoemdeOpdracht | None
    acties: list[str]


def partijregels(actor: Actor, voorstel: Harmonisatievoorstel) -> list[Partijregel]:
    partijen = voorstel.partijen.select_related("gemeente", "portefeuille", "besloten_door").all()
    ids = {p.bron_opdracht_id for p in partijen} | {p.resultaat_opdracht_id for p in partijen}
    opdrachten = {o.pk: o for o in _opdrachten_qs().filter(pk__in=[i for i in ids if i])}
    uit = []
    for p in partijen:
        p.voorstel = voorstel
        uit.append(
            Partijregel(
                partij=p,
                bron=genoemd(actor, opdrachten.get(p.bron_opdracht_id)) if p.bron_opdracht_id else None,
                resultaat=genoemd(actor, opdrachten.get(p.resultaat_opdracht_id))
                if p.resultaat_opdracht_id
                else None,
                acties=policy.toegestane_acties(actor, p),
            )
        )
    return uit


def uitkomst(voorstel: Harmonisatievoorstel) -> str:
    """Why the completed proposal did or did not create assignments ("" before it is completed)."""
    if voorstel.status != lifecycle.AFGEROND:
        return ""
    from seta.harmonisatie import services

    return services.uitkomst(
        voorstel, [p for p in voorstel.partijen.all() if p.besluit == lifecycle.AANVAARD]
    )


def kandidaten(actor: Actor, opdracht: Bestuursopdracht) -> list[Bestuursopdracht]:
    """The similar orders offered when a proposal is made from ``opdracht``: for now, the other public, not cancelled
    assignments of the same catalogue item or taakveld in the cooperation that the actor sees fully. (The one place
    the similarity search plugs in.)"""
    q = Q(catalogusitem_id=opdracht.catalogusitem_id) if opdracht.catalogusitem_id else Q(pk__in=[])
    if opdracht.catalogusitem_id and opdracht.catalogusitem.taakveld_id:
        q |= Q(catalogusitem__taakveld_id=opdracht.catalogusitem.taakveld_id)
    qs = (
        _opdrachten_qs()
        .filter(policy.scope(actor, "opdrachten.bestuursopdracht"))
        .filter(q, samenwerkingsverband_id=opdracht.samenwerkingsverband_id, vertrouwelijkheid="openbaar")
        .exclude(status="geannuleerd")
        .exclude(pk=opdracht.pk)
        .distinct()
        .order_by("nummer")
    )
    return [o for o in qs if opdracht_zicht(actor, o) == "volledig"]


@dataclass(frozen=True)
class Gebeurtenis:
    tijdstip: Any
    wie: str
    wat: str


def geschiedenis(actor: Actor, voorstel: Harmonisatievoorstel) -> list[Gebeurtenis]:
    """The proposal's audit trail in words, newest first (each answer names its municipality)."""
    if not policy.can(actor, "harmonisatievoorstel.lezen", voorstel):
        return []
    events = AuditEvent.objects.filter(
        object_type="harmonisatie.harmonisatievoorstel", object_id=str(voorstel.pk)
    ).order_by("-tijdstip", "-pk")
    uit = []
    for e in events:
        naam = e.actie.split(".", 1)[-1]
        wat = lifecycle.GEBEURTENISSEN.get(naam, naam)
        if e.toelichting:
            wat = f"{wat}: {e.toelichting}"
        uit.append(Gebeurtenis(e.tijdstip, e.actor_naam, wat))
    return uit


def wachtend_op_mij(actor: Actor) -> list[Voorstelpartij]:
    """The sent proposals' partijen the actor may answer now (the college's home panel)."""
    from seta.autorisaties.policy.harmonisatie import besluitende_gemeenten

    eigen = besluitende_gemeenten(actor)
    if not eigen:
        return []
    partijen = Voorstelpartij.objects.filter(
        gemeente_id__in=eigen, besluit=lifecycle.OPEN, voorstel__status=lifecycle.VERZONDEN
    ).select_related("voorstel", "gemeente", "portefeuille")
    return [p for p in partijen if policy.toegestane_acties(actor, p)]


def open_voorstellen(actor: Actor) -> QuerySet[Harmonisatievoorstel]:
    """The pool's open proposals (concept or sent)."""
    return voorstellen_for(actor).filter(status__in=[lifecycle.CONCEPT, lifecycle.VERZONDEN])


def voor_overleg(overleg: Any) -> QuerySet[Harmonisatievoorstel]:
    """Sent proposals of the meeting's cooperation whose every partij takes part and that are not on its agenda."""
    gemeenten = [g.pk for g in overleg.gemeenten.all()]
    return (
        Harmonisatievoorstel.objects.filter(
            samenwerkingsverband_id=overleg.samenwerkingsverband_id, status=lifecycle.VERZONDEN
        )
        .exclude(partijen__in=Voorstelpartij.objects.exclude(gemeente_id__in=gemeenten))
        .exclude(agendapunt__overleg_id=overleg.pk)
        .order_by("nummer")
    )
