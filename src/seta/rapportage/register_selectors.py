"""The reads of the public register (Woo): anonymous, and filtered ONLY by ``policy/register.py``'s Q objects.

Nothing here takes an actor: what is public does not depend on who asks. Every queryset starts from the policy's
``…_q()`` and narrows it to one cooperation or municipality; an id that is not public is simply not found (the
views answer 404). Ids from the URL are bounded (``core.bounds.ID_MAX``) so a huge one is "not found", never an
``OverflowError``.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Max, QuerySet

from seta.autorisaties.policy import register as regels
from seta.core.bounds import ID_MAX, ID_MIN
from seta.gemeenten.models import Gemeente
from seta.opdrachten.models import Bestuursopdracht
from seta.organisatie.models import Eenheid
from seta.rapportage.models import Raadsrapportage
from seta.samenwerkingsverbanden.models import Bestuursbesluit, Deelnemer, Samenwerkingsverband


def _geldig(pk: int) -> bool:
    return ID_MIN <= pk <= ID_MAX


# --- the cooperation and its partners -----------------------------------------------------------------------------
def verbanden() -> QuerySet[Samenwerkingsverband]:
    return Samenwerkingsverband.objects.filter(regels.verbanden_q()).select_related("gastheergemeente")


def verband(slug: str) -> Samenwerkingsverband | None:
    return verbanden().filter(slug=slug).first()


def deelnemers(sv: Samenwerkingsverband) -> QuerySet[Deelnemer]:
    return (
        Deelnemer.objects.filter(regels.deelnemers_q(), samenwerkingsverband=sv)
        .select_related("gemeente")
        .order_by("toetredingsdatum", "gemeente__naam", "pk")
    )


def partner(sv: Samenwerkingsverband, slug: str) -> Gemeente | None:
    """A municipality that is or was a partner of ``sv`` (its register page), by its slug."""
    d = deelnemers(sv).filter(gemeente__slug=slug).first()
    return d.gemeente if d is not None else None


def eerste_partner(sv: Samenwerkingsverband) -> Gemeente | None:
    d = deelnemers(sv).first()
    return d.gemeente if d is not None else None


def eenheden(sv: Samenwerkingsverband) -> QuerySet[Eenheid]:
    """The units (no staff): the organogram."""
    return (
        Eenheid.objects.filter(regels.eenheden_q(), samenwerkingsverband=sv)
        .select_related("gastgemeente", "bovenliggend")
        .order_by("naam", "pk")
    )


# --- assignments and the frames' council decisions ----------------------------------------------------------------
def opdrachten(sv: Samenwerkingsverband, gemeente: Gemeente | None = None) -> QuerySet[Bestuursopdracht]:
    qs = Bestuursopdracht.objects.filter(regels.opdrachten_q(), samenwerkingsverband=sv)
    if gemeente is not None:
        qs = qs.filter(opdrachtgevers__gemeente=gemeente)
    return (
        qs.distinct()
        .select_related("catalogusitem", "eenheid", "samenwerkingsverband")
        .prefetch_related("opdrachtgevers__gemeente")
        .order_by("-opgedragen_op", "nummer")
    )


def opdracht(sv: Samenwerkingsverband, pk: int) -> Bestuursopdracht | None:
    return opdrachten(sv).filter(pk=pk).first() if _geldig(pk) else None


def raadsbesluiten(sv: Samenwerkingsverband, gemeente: Gemeente | None = None) -> QuerySet[Bestuursopdracht]:
    """The public assignments whose frame rests on a council decision (``raadsbesluit_kenmerk``)."""
    qs = Bestuursopdracht.objects.filter(regels.raadsbesluiten_q(), samenwerkingsverband=sv)
    if gemeente is not None:
        qs = qs.filter(opdrachtgevers__gemeente=gemeente)
    return (
        qs.distinct()
        .select_related("samenwerkingsverband")
        .prefetch_related("opdrachtgevers__gemeente")
        .order_by("-raadsbesluit_datum", "nummer")
    )


# --- board decisions ------------------------------------------------------------------------------------------------
def besluiten(sv: Samenwerkingsverband, gemeente: Gemeente | None = None) -> QuerySet[Bestuursbesluit]:
    """The cooperation's decisions; for a municipality: its own college's decisions in the cooperation."""
    qs = Bestuursbesluit.objects.filter(regels.besluiten_q(), samenwerkingsverband=sv)
    if gemeente is not None:
        qs = qs.filter(gemeente=gemeente)
    return qs.select_related("gemeente", "samenwerkingsverband").order_by("-datum", "-pk")


def besluit(sv: Samenwerkingsverband, pk: int) -> Bestuursbesluit | None:
    return besluiten(sv).filter(pk=pk).first() if _geldig(pk) else None


# --- council reports ------------------------------------------------------------------------------------------------
def rapportages(sv: Samenwerkingsverband, gemeente: Gemeente | None = None) -> QuerySet[Raadsrapportage]:
    """The reports sent to the councils; for a municipality: its own and the joint ones."""
    qs = Raadsrapportage.objects.filter(regels.rapportages_q(), samenwerkingsverband=sv)
    if gemeente is not None:
        qs = qs.filter(gemeente=gemeente) | qs.filter(gemeente__isnull=True)
    return (
        qs.select_related("gemeente", "besluit", "voorganger", "samenwerkingsverband")
        .defer("pdf")
        .order_by("-jaar", "-eind", "gemeente__naam", "-volgnummer")
    )


def rapportage(sv: Samenwerkingsverband, pk: int) -> Raadsrapportage | None:
    """One sent report, with its stored PDF."""
    if not _geldig(pk):
        return None
    return (
        Raadsrapportage.objects.filter(regels.rapportages_q(), samenwerkingsverband=sv, pk=pk)
        .select_related("gemeente", "besluit", "voorganger", "samenwerkingsverband")
        .first()
    )


def correctie_van(r: Raadsrapportage) -> Raadsrapportage | None:
    """The public version that replaced ``r`` (when ``r`` is ``vervangen``)."""
    return Raadsrapportage.objects.filter(regels.rapportages_q(), voorganger=r).defer("pdf").first()


def laatst_gewijzigd(sv: Samenwerkingsverband) -> dt.datetime:
    """The latest change of anything the register shows of ``sv`` (``Last-Modified`` of its feeds)."""
    kandidaten = [
        sv.gewijzigd_op,
        Eenheid.objects.filter(regels.eenheden_q(), samenwerkingsverband=sv).aggregate(m=Max("gewijzigd_op"))[
            "m"
        ],
        Bestuursopdracht.objects.filter(regels.opdrachten_q(), samenwerkingsverband=sv).aggregate(
            m=Max("gewijzigd_op")
        )["m"],
        Raadsrapportage.objects.filter(regels.rapportages_q(), samenwerkingsverband=sv).aggregate(
            m=Max("gewijzigd_op")
        )["m"],
        Bestuursbesluit.objects.filter(regels.besluiten_q(), samenwerkingsverband=sv).aggregate(
            m=Max("vastgelegd_op")
        )["m"],
    ]
    return max(k for k in kandidaten if k is not None)
