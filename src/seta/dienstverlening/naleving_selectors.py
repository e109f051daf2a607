"""Reads of compliance (naleving): the core's input from the database, restricted by the policy.

Per DVO, its afspraken decide whose cases measure which service: an afspraak of a DVO for one partner
measures that partner's cases of the catalogue item; in a DVO for all partners an afspraak without a
gemeente applies to every partner and one with a gemeente is that partner's annex. The figures per
partner × service × norm × period come from the pure core ``dienstverlening.meting``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils import timezone

from seta.autorisaties.actor import Actor
from seta.autorisaties.policy.naleving import naleving_scope, paneel_gemeenten, zichtbare_gemeenten
from seta.catalogus.models import Catalogusitem
from seta.dienstverlening.meting import cijfers as kern
from seta.dienstverlening.meting import perioden as kern_perioden
from seta.dienstverlening.models import (
    Dienstafspraak,
    Dienstnorm,
    Dienstverleningsovereenkomst,
    Dvostatus,
    Meting,
    Zaak,
    Zaakimport,
)
from seta.gemeenten.models import Gemeente
from seta.samenwerkingsverbanden.models import Deelnemer, Samenwerkingsverband

# How many of the last periods the overview shows per norm.
LAATSTE = 4


@dataclass
class Normregel:
    """One partner × service × norm of a DVO with its figures per period (oldest first)."""

    dvo: Dienstverleningsovereenkomst
    afspraak: Dienstafspraak
    norm: Dienstnorm
    gemeente: Gemeente
    cijfers: list[kern.Periodecijfers] = field(default_factory=list)

    @property
    def catalogusitem(self) -> Catalogusitem:
        return self.afspraak.catalogusitem

    @property
    def laatste(self) -> list[kern.Periodecijfers]:
        """The last periods up to the most recent one with any data (cases or a measurement): an import that
        lags behind the calendar still shows its figures, not a row of empty periods."""
        met_gegevens = [
            i
            for i, c in enumerate(self.cijfers)
            if c.oordeel != kern.GEEN_GEGEVENS or c.ontvangen or c.besloten
        ]
        eind = met_gegevens[-1] + 1 if met_gegevens else len(self.cijfers)
        return self.cijfers[max(eind - LAATSTE, 0) : eind]

    @property
    def recentst_afgesloten(self) -> kern.Periodecijfers | None:
        """The most recent completed period with data (the last one reported on)."""
        afgesloten = [c for c in self.cijfers if c.afgesloten and c.oordeel != kern.GEEN_GEGEVENS]
        return afgesloten[-1] if afgesloten else None


def kern_norm(norm: Dienstnorm) -> kern.Norm:
    return kern.Norm(
        soort=norm.soort,
        termijn=norm.termijn,
        dagsoort=norm.dagsoort or "werkdagen",
        streefpercentage=norm.streefpercentage,
        minimumscore=norm.minimumscore,
        volume_min=norm.volume_min,
        volume_max=norm.volume_max,
    )


# --- which DVOs --------------------------------------------------------------------------------------------
def dvos_voor_naleving(actor: Actor) -> QuerySet[Dienstverleningsovereenkomst]:
    """The DVOs whose compliance ``actor`` may see (concept versions have no compliance yet)."""
    return (
        Dienstverleningsovereenkomst.objects.filter(naleving_scope(actor))
        .exclude(status=Dvostatus.CONCEPT)
        .select_related("samenwerkingsverband", "gemeente")
        .order_by("samenwerkingsverband__naam", "kenmerk", "-volgnummer")
    )


def dvo_voor_naleving(actor: Actor, pk: int) -> Dienstverleningsovereenkomst | None:
    return dvos_voor_naleving(actor).filter(pk=pk).first()


def verbanden_met_naleving(actor: Actor) -> QuerySet[Samenwerkingsverband]:
    return Samenwerkingsverband.objects.filter(
        pk__in=dvos_voor_naleving(actor).values("samenwerkingsverband_id")
    ).order_by("naam")


def deelnemers_van(dvo: Dienstverleningsovereenkomst) -> list[Gemeente]:
    """The partners a DVO covers: its own gemeente, or (for all partners) every partner during its term."""
    if dvo.gemeente_id is not None:
        return [dvo.gemeente]  # type: ignore[list-item]
    eind = dvo.einddatum or dt.date.max
    ids = (
        Deelnemer.objects.filter(
            samenwerkingsverband_id=dvo.samenwerkingsverband_id, toetredingsdatum__lte=eind
        )
        .filter(Q(uittredingsdatum__isnull=True) | Q(uittredingsdatum__gte=dvo.ingangsdatum))
        .values("gemeente_id")
    )
    return list(Gemeente.objects.filter(pk__in=ids).order_by("naam"))


def perioden_van(
    dvo: Dienstverleningsovereenkomst,
    *,
    vandaag: dt.date,
    van: dt.date | None = None,
    tot: dt.date | None = None,
) -> list[kern_perioden.Periode]:
    """The reporting periods of the DVO's term up to today (the current one included, not yet complete),
    narrowed to ``van``..``tot`` when given."""
    start = max(dvo.ingangsdatum, van) if van else dvo.ingangsdatum
    eind = min(d for d in (dvo.einddatum, vandaag, tot) if d is not None)
    return kern_perioden.perioden(start, eind, dvo.rapportageritme)


# --- the figures -------------------------------------------------------------------------------------------
def _regels(
    dvo: Dienstverleningsovereenkomst,
    *,
    gemeenten: frozenset[int] | None,
    perioden: list[kern_perioden.Periode],
    vandaag: dt.date,
    catalogusitem_id: int | None = None,
    gemeente_id: int | None = None,
) -> list[Normregel]:
    """The figures of ``dvo`` for the partners in ``gemeenten`` (None: all), without a policy check (the
    callers check: the read selector below, the import service)."""
    if not perioden:
        return []
    partners = [g for g in deelnemers_van(dvo) if gemeenten is None or g.pk in gemeenten]
    if gemeente_id is not None:
        partners = [g for g in partners if g.pk == gemeente_id]
    afspraken = list(
        dvo.afspraken.select_related("catalogusitem", "gemeente")
        .prefetch_related("normen")
        .order_by("catalogusitem__naam", "pk")
    )
    if catalogusitem_id is not None:
        afspraken = [a for a in afspraken if a.catalogusitem_id == catalogusitem_id]
    paren: list[tuple[Dienstafspraak, Gemeente]] = []
    for afspraak in afspraken:
        for g in partners:
            if afspraak.gemeente_id is None or afspraak.gemeente_id == g.pk:
                paren.append((afspraak, g))
    if not paren:
        return []
    start, eind = perioden[0].start, perioden[-1].eind
    zaken: dict[tuple[int, int], list[kern.Zaakgegevens]] = defaultdict(list)
    rijen = (
        Zaak.objects.filter(
            samenwerkingsverband_id=dvo.samenwerkingsverband_id,
            catalogusitem_id__in={a.catalogusitem_id for a, _ in paren},
            gemeente_id__in={g.pk for _, g in paren},
            ontvangen_op__lte=eind,
        )
        .filter(Q(besloten_op__isnull=True) | Q(besloten_op__gte=start))
        .values_list(
            "catalogusitem_id",
            "gemeente_id",
            "ontvangen_op",
            "besloten_op",
            "opgeschorte_dagen",
            "tevredenheid",
        )
    )
    for item_id, g_id, ontvangen, besloten, opgeschort, tevredenheid in rijen:
        zaken[(item_id, g_id)].append(kern.Zaakgegevens(ontvangen, besloten, opgeschort, tevredenheid))
    normen = [n for a, _ in paren for n in a.normen.all()]
    metingen: dict[tuple[int, int], dict[dt.date, Decimal]] = defaultdict(dict)
    for norm_id, g_id, periode_van, waarde in Meting.objects.filter(
        norm__in=normen, periode_van__gte=start, periode_van__lte=eind
    ).values_list("norm_id", "gemeente_id", "periode_van", "waarde"):
        metingen[(norm_id, g_id)][periode_van] = waarde
    # which days case data was imported for, per partner (an import without a gemeente covers them all)
    bereiken: dict[int, list[tuple[dt.date, dt.date]]] = defaultdict(list)
    for imp_gemeente, imp_van, imp_tot in Zaakimport.objects.filter(
        samenwerkingsverband_id=dvo.samenwerkingsverband_id, periode_van__lte=eind, periode_tot__gte=start
    ).values_list("gemeente_id", "periode_van", "periode_tot"):
        for _afspraak, g in paren:
            if imp_gemeente is None or imp_gemeente == g.pk:
                bereiken[g.pk].append((imp_van, imp_tot))
    result = []
    for afspraak, g in paren:
        for norm in afspraak.normen.all():
            result.append(
                Normregel(
                    dvo=dvo,
                    afspraak=afspraak,
                    norm=norm,
                    gemeente=g,
                    cijfers=kern.reeks(
                        kern_norm(norm),
                        zaken[(afspraak.catalogusitem_id, g.pk)],
                        perioden,
                        vandaag=vandaag,
                        metingen=metingen[(norm.pk, g.pk)],
                        bereiken=sorted(set(bereiken[g.pk])),
                    ),
                )
            )
    return result


def naleving_van(
    actor: Actor,
    dvo: Dienstverleningsovereenkomst,
    *,
    gemeente_id: int | None = None,
    catalogusitem_id: int | None = None,
    van: dt.date | None = None,
    tot: dt.date | None = None,
    vandaag: dt.date | None = None,
) -> list[Normregel]:
    """The figures of a DVO the actor may read (pass one from :func:`dvos_voor_naleving`): per partner it
    may see × service × norm, for every period of the term up to today (or ``van``..``tot``)."""
    vandaag = vandaag or timezone.localdate()
    return _regels(
        dvo,
        gemeenten=zichtbare_gemeenten(actor, dvo),
        perioden=perioden_van(dvo, vandaag=vandaag, van=van, tot=tot),
        vandaag=vandaag,
        catalogusitem_id=catalogusitem_id,
        gemeente_id=gemeente_id,
    )


def regels_voor_controle(
    dvo: Dienstverleningsovereenkomst, *, perioden: list[kern_perioden.Periode], vandaag: dt.date
) -> list[Normregel]:
    """All partners' figures for the check after an import (the import service checked its actor)."""
    return _regels(dvo, gemeenten=None, perioden=perioden, vandaag=vandaag)


def vastgestelde_dvos(
    samenwerkingsverband_id: int, *, gemeente_id: int | None, van: dt.date, tot: dt.date
) -> QuerySet[Dienstverleningsovereenkomst]:
    """Adopted DVOs of the cooperation in force during ``van``..``tot`` that measure ``gemeente_id``'s
    cases (None: any partner's)."""
    qs = Dienstverleningsovereenkomst.objects.filter(
        samenwerkingsverband_id=samenwerkingsverband_id, status=Dvostatus.VASTGESTELD, ingangsdatum__lte=tot
    ).filter(Q(einddatum__isnull=True) | Q(einddatum__gte=van))
    if gemeente_id is not None:
        qs = qs.filter(Q(gemeente__isnull=True) | Q(gemeente_id=gemeente_id))
    return qs.select_related("samenwerkingsverband", "gemeente")


# --- the home panel ------------------------------------------------------------------------------------
def niet_gehaald_voor(actor: Actor, *, vandaag: dt.date | None = None) -> list[Normregel]:
    """Norms not met in their most recent completed period with data: for the pool and the boards every partner of
    their cooperation, for a municipality-side role its own gemeente (adopted DVOs only)."""
    vandaag = vandaag or timezone.localdate()
    svs, eigen = paneel_gemeenten(actor)
    result: list[Normregel] = []
    for dvo in dvos_voor_naleving(actor).filter(status=Dvostatus.VASTGESTELD):
        gemeenten: frozenset[int] | None = None if dvo.samenwerkingsverband_id in svs else eigen
        if gemeenten is not None and not gemeenten:
            continue
        for regel in _regels(
            dvo, gemeenten=gemeenten, perioden=perioden_van(dvo, vandaag=vandaag), vandaag=vandaag
        ):
            laatste = regel.recentst_afgesloten
            if laatste is not None and laatste.oordeel == kern.NIET_GEHAALD:
                result.append(regel)
    return result


def in_periode(regels: Iterable[Normregel], jaar: int | None) -> list[Normregel]:
    """The rows with only the periods of ``jaar`` (all when None)."""
    if jaar is None:
        return list(regels)
    result = []
    for r in regels:
        result.append(
            Normregel(
                dvo=r.dvo,
                afspraak=r.afspraak,
                norm=r.norm,
                gemeente=r.gemeente,
                cijfers=[c for c in r.cijfers if c.periode.jaar == jaar],
            )
        )
    return result
