"""Reads of the council reports, the reporting cycle and the subscriptions (restricted by ``policy/rapportage.py``).

``weergave_inhoud`` is what a reader sees: the frozen content of a sent report (what the council got), or the
content of a concept computed now (a read: nothing is written). ``cyclus_van``, ``perioden_van`` and
``wgr_kalender`` are not restricted: the cycle of a cooperation is read by everyone who reads the cooperation,
and the caller has decided that.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.core.errors import NotFound
from seta.core.models import AuditEvent
from seta.rapportage import lifecycle
from seta.rapportage.kern import model
from seta.rapportage.kern import perioden as kern_perioden
from seta.rapportage.models import Abonnement, Raadsrapportage, Rapportagecyclus
from seta.samenwerkingsverbanden import selectors as sv_selectors
from seta.samenwerkingsverbanden.models import Samenwerkingsverband

__all__ = [
    "Gebeurtenis",
    "abonnementen_for",
    "allowed_actions",
    "cyclus_van",
    "geschiedenis",
    "kosten_per_opdracht",
    "perioden_van",
    "rapportage_for",
    "rapportages_for",
    "verbanden_voor_opstellen",
    "weergave_inhoud",
    "wgr_kalender",
]

LEZEN = "raadsrapportage.lezen"


# --- reports ------------------------------------------------------------------------------------------------------
def rapportages_for(actor: Actor) -> QuerySet[Raadsrapportage]:
    """The reports the actor may read, every version (the PDF's bytes deferred)."""
    return (
        Raadsrapportage.objects.filter(policy.scope(actor, "rapportage.raadsrapportage"))
        .select_related("samenwerkingsverband", "gemeente", "besluit", "voorganger")
        .defer("pdf")
    )


def rapportage_for(actor: Actor, pk: Any) -> Raadsrapportage | None:
    """One report (None: not readable or unknown)."""
    try:
        return rapportages_for(actor).get(pk=pk)
    except (Raadsrapportage.DoesNotExist, ValueError, TypeError, OverflowError):
        return None


def weergave_inhoud(actor: Actor, rapportage: Raadsrapportage) -> model.Inhoud:
    """The content a reader sees: frozen for a sent report, computed now for a concept (never stored here)."""
    if not policy.can(actor, LEZEN, rapportage):
        raise NotFound()
    if rapportage.is_bevroren and rapportage.inhoud is not None:
        frozen: model.Inhoud = rapportage.inhoud
        return frozen
    from seta.rapportage import inhoud

    return inhoud.bouw(rapportage)


def pdf_van(actor: Actor, rapportage: Raadsrapportage) -> bytes:
    """The PDF a reader gets: the stored bytes of a sent report, or a concept's rendered now."""
    if not policy.can(actor, LEZEN, rapportage):
        raise NotFound()
    if rapportage.is_bevroren:
        opgeslagen = Raadsrapportage.objects.filter(pk=rapportage.pk).values_list("pdf", flat=True).first()
        if opgeslagen is not None:
            return bytes(opgeslagen)
    from seta.rapportage import document

    return document.pdf(weergave_inhoud(actor, rapportage))


def allowed_actions(actor: Actor, rapportage: Raadsrapportage) -> list[str]:
    """What the actor may do with the report now (the page's buttons and ``toegestaneActies``)."""
    return policy.toegestane_acties(actor, rapportage)


def verbanden_voor_opstellen(actor: Actor) -> QuerySet[Samenwerkingsverband]:
    """The cooperations for which the actor may draft a report."""
    ids = [
        sv.pk
        for sv in sv_selectors.samenwerkingsverbanden_for(actor)
        if policy.can(actor, "raadsrapportage.opstellen", sv)
    ]
    return sv_selectors.samenwerkingsverbanden_for(actor).filter(pk__in=ids).order_by("naam")


@dataclass(frozen=True)
class Gebeurtenis:
    tijdstip: Any
    wie: str
    wat: str


def geschiedenis(actor: Actor, rapportage: Raadsrapportage) -> list[Gebeurtenis]:
    """The version's audit trail in words, newest first (sending names its decision and the hashes)."""
    if not policy.can(actor, LEZEN, rapportage):
        return []
    events = AuditEvent.objects.filter(
        object_type="rapportage.raadsrapportage", object_id=str(rapportage.pk)
    ).order_by("-tijdstip", "-pk")
    uit = []
    for e in events:
        naam = e.actie.split(".", 1)[-1]
        wat = lifecycle.GEBEURTENISSEN.get(naam, naam)
        if naam == lifecycle.AANBIEDEN and rapportage.besluit is not None:
            b = rapportage.besluit
            orgaan = f"college van {b.gemeente}" if b.gemeente_id else b.get_orgaan_display()
            wat = f"{wat}: besluit {orgaan} {b.datum:%d-%m-%Y}, kenmerk {b.kenmerk} (SHA-256 PDF {rapportage.pdf_sha256[:12]}…)"
        elif naam == lifecycle.CORRIGEREN and rapportage.correctiereden:
            wat = f"{wat}: {rapportage.correctiereden}"
        uit.append(Gebeurtenis(e.tijdstip, e.actor_naam, wat))
    return uit


# --- the cycle ----------------------------------------------------------------------------------------------------
def cyclus_van(samenwerkingsverband: Samenwerkingsverband) -> Rapportagecyclus:
    """The cooperation's stored cycle, or (unsaved, version 0) the default: the P&C cycle."""
    cyclus = Rapportagecyclus.objects.filter(samenwerkingsverband=samenwerkingsverband).first()
    if cyclus is None:
        cyclus = Rapportagecyclus(samenwerkingsverband=samenwerkingsverband, versie=0)
    return cyclus


@dataclass(frozen=True)
class Periode:
    """A period of the cycle with the date by which its report goes to the council."""

    periode: kern_perioden.Periode
    aanbieden_uiterlijk: dt.date


def perioden_van(samenwerkingsverband: Samenwerkingsverband, jaar: int) -> list[Periode]:
    """The periods of ``jaar`` in the cooperation's cycle, each with its deadline (``dagen_na_periode``)."""
    cyclus = cyclus_van(samenwerkingsverband)
    return [
        Periode(p, p.eind + dt.timedelta(days=cyclus.dagen_na_periode))
        for p in kern_perioden.perioden(cyclus.ritme, jaar)
    ]


@dataclass(frozen=True)
class Wgrkalender:
    bron: str
    termijnen: list[kern_perioden.Termijn]


def wgr_kalender(samenwerkingsverband: Samenwerkingsverband, jaar: int) -> Wgrkalender:
    """The statutory deadlines for the budget of ``jaar`` (the dates that depend on the AB's meeting on the budget
    stay open: that date is not kept here)."""
    return Wgrkalender(kern_perioden.wgr_bron(), kern_perioden.wgr_termijnen(jaar))


# --- subscriptions ------------------------------------------------------------------------------------------------
def abonnementen_for(actor: Actor) -> QuerySet[Abonnement]:
    """The actor's own subscriptions."""
    return Abonnement.objects.filter(policy.scope(actor, "rapportage.abonnement")).select_related(
        "samenwerkingsverband", "gemeente"
    )


def abonnement_for(actor: Actor, pk: Any) -> Abonnement | None:
    try:
        return abonnementen_for(actor).get(pk=pk)
    except (Abonnement.DoesNotExist, ValueError, TypeError, OverflowError):
        return None


# --- the cost per assignment as the council reports state it (the assignment list's column) -----------------------
def kosten_per_opdracht(actor: Actor, opdracht_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Per assignment (of ``opdracht_ids``) the cost so far as the newest sent report of each municipality states it
    (its share, summed over the municipalities whose reports the actor reads; for someone working for a
    municipality only its own reports): ``{id: {"kosten": "1234.50", "uren": "12.00", "peildatum": "2026-10-13"}}``.
    Two queries whatever the number of rows: the newest report per recipient, then their frozen content."""
    from decimal import Decimal

    from seta.autorisaties.policy.opdrachten import eigen_gemeente_ids

    if not opdracht_ids:
        return {}
    qs = rapportages_for(actor).filter(status=lifecycle.AANGEBODEN, gemeente__isnull=False)
    eigen = eigen_gemeente_ids(actor)
    if eigen:
        qs = qs.filter(gemeente_id__in=eigen)
    nieuwste: dict[tuple[int, int], int] = {}
    for pk, sv_id, gemeente_id in qs.order_by("-jaar", "-eind", "-volgnummer").values_list(
        "pk", "samenwerkingsverband_id", "gemeente_id"
    ):
        nieuwste.setdefault((sv_id, gemeente_id), pk)
    gezocht = set(opdracht_ids)
    uit: dict[int, dict[str, Any]] = {}
    for opgeslagen in Raadsrapportage.objects.filter(pk__in=nieuwste.values()).values_list(
        "inhoud", flat=True
    ):
        inhoud: dict[str, Any] = opgeslagen or {}
        opdrachten = inhoud.get("opdrachten") or {}
        for regel in opdrachten.get("regels") or []:
            if regel.get("id") not in gezocht:
                continue
            rij = uit.setdefault(
                regel["id"],
                {"kosten": Decimal(0), "uren": Decimal(0), "peildatum": inhoud.get("peildatum", "")},
            )
            rij["kosten"] += Decimal(str(regel.get("kosten") or 0))
            rij["uren"] += Decimal(str(regel.get("uren") or 0))
            rij["peildatum"] = max(rij["peildatum"], inhoud.get("peildatum", ""))
    return {k: {**v, "kosten": f"{v['kosten']:.2f}", "uren": f"{v['uren']:.2f}"} for k, v in uit.items()}
