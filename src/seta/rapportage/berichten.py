"""E-mail to subscribers when a council report is published (Django's e-mail backends; the console one in the demo).

``na_publicatie(rapportage)`` is called by ``services.aanbieden`` after its transaction commits
(``transaction.on_commit``): one message per person whose subscription covers the report, with the absolute link
to the report's page (``settings.SETA_BASIS_URL``), recorded as a ``Verzending`` for every matching subscription
so nobody gets the same report twice (calling it again sends nothing). Returns the number of messages sent.

Which subscriptions cover a report (ADR 0046):
- a subscription on a municipality (``gemeente`` set): that municipality's reports and the joint report of the
  cooperation (it goes to every council, that municipality's too);
- a subscription on the cooperation as a whole (``gemeente`` empty): every report of the cooperation.

A subscription announces the reports sent on or after the day it was made (``aangeboden_op``), not the ones the
council got before (those are on the list page already). Only a frozen report (sent to the council, so a public
document) is announced; a concept never is. A subscriber
without an e-mail address or with an inactive account gets nothing (and nothing is recorded, so a later call
sends once the address is there). The message holds the title, the period, the decision and the link; no figures.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from seta.rapportage import lifecycle
from seta.rapportage.models import Abonnement, Raadsrapportage, Verzending

logger = logging.getLogger(__name__)


def link(rapportage: Raadsrapportage) -> str:
    """The absolute address of the report's page."""
    basis = str(getattr(settings, "SETA_BASIS_URL", "") or "http://127.0.0.1:8000").rstrip("/")
    return basis + reverse("rapportage:detail", args=[rapportage.pk])


def abonnementen_voor(rapportage: Raadsrapportage) -> list[Abonnement]:
    """The subscriptions that cover ``rapportage`` (see the module's docstring), oldest first."""
    dekking = Q(gemeente__isnull=True)
    if rapportage.gemeente_id is None:
        dekking |= Q(gemeente__isnull=False)  # the joint report goes to every council
    else:
        dekking |= Q(gemeente_id=rapportage.gemeente_id)
    return list(
        Abonnement.objects.filter(dekking, samenwerkingsverband_id=rapportage.samenwerkingsverband_id)
        .select_related("gebruiker", "gemeente")
        .order_by("aangemaakt_op", "pk")
    )


def onderwerp(rapportage: Raadsrapportage) -> str:
    wie = rapportage.gemeente.naam if rapportage.gemeente is not None else "alle raden"
    soort = "Gecorrigeerde raadsrapportage" if rapportage.volgnummer > 1 else "Nieuwe raadsrapportage"
    return f"{soort}: {rapportage.periode_naam} {rapportage.jaar}, {wie} ({rapportage.samenwerkingsverband.naam})"


def tekst(rapportage: Raadsrapportage, abonnement: Abonnement) -> str:
    gebruiker = abonnement.gebruiker
    naam = gebruiker.get_full_name() or gebruiker.get_username()
    sv = rapportage.samenwerkingsverband.naam
    if rapportage.gemeente is not None:
        ontvanger = f"de gemeenteraad van {rapportage.gemeente.naam}"
    else:
        ontvanger = f"alle raden van de deelnemers van {sv} (de gezamenlijke rapportage)"
    regels = [
        f"Beste {naam},",
        "",
        f"{sv} heeft de raadsrapportage {rapportage.periode_naam} {rapportage.jaar} aangeboden aan {ontvanger}.",
    ]
    if rapportage.volgnummer > 1:
        regels.append(
            f"Dit is versie {rapportage.volgnummer}: een gecorrigeerde versie die de vorige vervangt."
            + (f" Reden: {rapportage.correctiereden}" if rapportage.correctiereden else "")
        )
    besluit = rapportage.besluit
    if besluit is not None:
        regels.append(
            f"Besluit: {besluit.get_orgaan_display()}, {besluit.datum:%d-%m-%Y}, kenmerk {besluit.kenmerk}."
        )
    regels += [
        "",
        f"U leest de rapportage, met de PDF en de tabellen als spreadsheet, op: {link(rapportage)}",
        "",
        "U krijgt dit bericht omdat u zich in SETA hebt geabonneerd op nieuwe raadsrapportages"
        + (f" van {abonnement.gemeente.naam}." if abonnement.gemeente is not None else f" van {sv}."),
        "Opzeggen kan op de pagina Raadsrapportages in SETA.",
    ]
    return "\n".join(regels)


def na_publicatie(rapportage: Raadsrapportage) -> int:
    """Send the announcement of ``rapportage`` to every subscriber not yet told; the number of messages sent."""
    if rapportage.status != lifecycle.AANGEBODEN:
        return 0
    al_verzonden = set(
        Verzending.objects.filter(rapportage=rapportage).values_list("abonnement__gebruiker_id", flat=True)
    )
    per_gebruiker: dict[int, list[Abonnement]] = {}
    for abonnement in abonnementen_voor(rapportage):
        if (
            rapportage.aangeboden_op
            and timezone.localdate(abonnement.aangemaakt_op) > rapportage.aangeboden_op
        ):
            continue  # subscribed after this report was sent
        per_gebruiker.setdefault(abonnement.gebruiker_id, []).append(abonnement)
    verzonden = 0
    for gebruiker_id, abonnementen in per_gebruiker.items():
        if gebruiker_id in al_verzonden:
            continue
        gebruiker = abonnementen[0].gebruiker
        if not gebruiker.is_active or not gebruiker.email:
            continue
        # record first (a unique row per subscription and report), then send: a second call, or a second
        # process, finds the row and sends nothing
        try:
            with transaction.atomic():
                for abonnement in abonnementen:
                    Verzending.objects.create(abonnement=abonnement, rapportage=rapportage)
        except IntegrityError:
            continue
        try:
            send_mail(
                onderwerp(rapportage),
                tekst(rapportage, abonnementen[0]),
                None,
                [gebruiker.email],
            )
        except Exception:  # a mail server that is down must not undo the council's decision
            logger.exception("raadsrapportage %s: bericht aan %s niet verzonden", rapportage.pk, gebruiker.pk)
            Verzending.objects.filter(abonnement__in=abonnementen, rapportage=rapportage).delete()
            continue
        verzonden += 1
    return verzonden
