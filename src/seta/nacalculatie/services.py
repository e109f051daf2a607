"""The write paths of the nacalculatie: booking external costs, and the alert check every path that changes the
actuals calls (:func:`controleer`), which raises the signals of 90 % and 100 % of the estimate and of crossing the
frame to the pool and the commissioning college."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.autorisaties.policy.nacalculatie import BOEKBAAR
from seta.core import audit
from seta.core.errors import Conflict, InvalidInput
from seta.core.services import check_version
from seta.nacalculatie import selectors
from seta.nacalculatie.kern import actuals
from seta.nacalculatie.models import Kostenpost
from seta.opdrachten import lifecycle
from seta.opdrachten.models import Bestuursopdracht
from seta.signalen.models import Doelgroep, Signaalsoort
from seta.signalen.services import signaleer

MAX_BEDRAG = Decimal("9999999999.99")
SOORTEN = {
    actuals.RAMING_90: Signaalsoort.RAMING_90,
    actuals.RAMING_100: Signaalsoort.RAMING_100,
    actuals.KADER_OVERSCHREDEN: Signaalsoort.KADER_OVERSCHREDEN,
}


def _bedrag(value: Any, fouten: dict[str, list[str]]) -> Decimal | None:
    if value is None or str(value).strip() == "":
        fouten["bedrag"] = ["Vul het bedrag in (excl. btw)."]
        return None
    try:
        bedrag = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        fouten["bedrag"] = ["Vul een bedrag in euro's in, bijvoorbeeld 1250,00."]
        return None
    if not bedrag.is_finite() or bedrag <= 0:
        fouten["bedrag"] = ["Het bedrag moet groter dan nul zijn."]
        return None
    if bedrag > MAX_BEDRAG or bedrag != bedrag.quantize(Decimal("0.01")):
        fouten["bedrag"] = ["Het bedrag heeft hoogstens twee decimalen en tien cijfers voor de komma."]
        return None
    return bedrag


def _controleer_invoer(
    opdracht: Bestuursopdracht,
    *,
    datum: Any,
    bedrag: Any,
    omschrijving: str,
    leverancier: str,
    factuurnummer: str,
) -> tuple[dt.date, Decimal]:
    fouten: dict[str, list[str]] = {}
    vandaag = timezone.localdate()
    if isinstance(datum, str):
        try:
            datum = dt.date.fromisoformat(datum)
        except ValueError:
            fouten["datum"] = ["Vul een geldige datum in (jjjj-mm-dd)."]
            datum = None
    if datum is None and "datum" not in fouten:
        fouten["datum"] = ["Vul de datum van de kosten in."]
    elif isinstance(datum, dt.date):
        if datum > vandaag:
            fouten["datum"] = ["De datum ligt in de toekomst; boek kosten die gemaakt zijn."]
        elif opdracht.opgedragen_op is not None and datum < opdracht.opgedragen_op:
            fouten["datum"] = [
                f"De datum ligt vóór de opdracht (opgedragen op {opdracht.opgedragen_op:%d-%m-%Y})."
            ]
    waarde = _bedrag(bedrag, fouten)
    if not (omschrijving or "").strip():
        fouten["omschrijving"] = ["Beschrijf waarvoor de kosten zijn gemaakt."]
    elif len(omschrijving.strip()) > 200:
        fouten["omschrijving"] = ["Hoogstens 200 tekens."]
    if len((leverancier or "").strip()) > 150:
        fouten["leverancier"] = ["Hoogstens 150 tekens."]
    if len((factuurnummer or "").strip()) > 60:
        fouten["factuurnummer"] = ["Hoogstens 60 tekens."]
    if fouten:
        raise InvalidInput(fields=fouten)
    assert isinstance(datum, dt.date) and waarde is not None
    return datum, waarde


def _boekbaar(opdracht: Bestuursopdracht) -> None:
    if opdracht.status not in BOEKBAAR:
        raise Conflict(
            f"Op een opdracht met status '{lifecycle.STATUS_LABELS[opdracht.status].lower()}' worden geen "
            "kosten geboekt: dat kan van het akkoord op de raming tot de vaststelling."
        )


@transaction.atomic
def boek_kosten(
    *,
    actor: Actor,
    opdracht: Bestuursopdracht,
    datum: dt.date | str | None,
    bedrag: Decimal | str | None,
    omschrijving: str,
    leverancier: str = "",
    factuurnummer: str = "",
) -> Kostenpost:
    """Book an external cost on an assignment (controller or directeur of the pool, teamleider of its unit)."""
    policy.require(actor, "kostenpost.boeken", opdracht, read_action="bestuursopdracht.lezen")
    opdracht = Bestuursopdracht.objects.select_for_update(of=("self",)).get(pk=opdracht.pk)
    _boekbaar(opdracht)
    datum, waarde = _controleer_invoer(
        opdracht,
        datum=datum,
        bedrag=bedrag,
        omschrijving=omschrijving,
        leverancier=leverancier,
        factuurnummer=factuurnummer,
    )
    post = Kostenpost.objects.create(
        bestuursopdracht=opdracht,
        datum=datum,
        bedrag=waarde,
        omschrijving=omschrijving.strip(),
        leverancier=(leverancier or "").strip(),
        factuurnummer=(factuurnummer or "").strip(),
        geboekt_door=actor.user,
    )
    audit.record(actor=actor, action="kostenpost.boeken", instance=post)
    controleer(actor=actor, opdrachten=[opdracht.pk])
    return post


@transaction.atomic
def wijzig_kosten(
    *, actor: Actor, kostenpost: Kostenpost, expected_version: int | None = None, **wijzigingen: Any
) -> Kostenpost:
    """Correct a booking (same people; If-Match). ``wijzigingen``: datum, bedrag, omschrijving, leverancier,
    factuurnummer (omitted: unchanged)."""
    policy.require(actor, "kostenpost.wijzigen", kostenpost, read_action="kostenpost.lezen")
    post = (
        Kostenpost.objects.select_for_update(of=("self",))
        .select_related("bestuursopdracht")
        .get(pk=kostenpost.pk)
    )
    check_version(post, expected_version)
    onbekend = set(wijzigingen) - {"datum", "bedrag", "omschrijving", "leverancier", "factuurnummer"}
    if onbekend:
        raise InvalidInput(fields={v: ["Dit veld kan niet worden gewijzigd."] for v in sorted(onbekend)})
    _boekbaar(post.bestuursopdracht)
    voor = audit.snapshot(post)
    nieuw = {
        veld: wijzigingen.get(veld, getattr(post, veld))
        for veld in ("datum", "bedrag", "omschrijving", "leverancier", "factuurnummer")
    }
    datum, waarde = _controleer_invoer(post.bestuursopdracht, **nieuw)
    post.datum, post.bedrag = datum, waarde
    post.omschrijving = nieuw["omschrijving"].strip()
    post.leverancier = (nieuw["leverancier"] or "").strip()
    post.factuurnummer = (nieuw["factuurnummer"] or "").strip()
    post.versie += 1
    post.save()
    audit.record(actor=actor, action="kostenpost.wijzigen", instance=post, before=voor)
    controleer(actor=actor, opdrachten=[post.bestuursopdracht_id])
    return post


@transaction.atomic
def verwijder_kosten(*, actor: Actor, kostenpost: Kostenpost, expected_version: int | None = None) -> None:
    """Remove a booking made in error (same people; If-Match). Signals raised before stay (they were true)."""
    policy.require(actor, "kostenpost.verwijderen", kostenpost, read_action="kostenpost.lezen")
    post = (
        Kostenpost.objects.select_for_update(of=("self",))
        .select_related("bestuursopdracht")
        .get(pk=kostenpost.pk)
    )
    check_version(post, expected_version)
    _boekbaar(post.bestuursopdracht)
    audit.record(
        actor=actor, action="kostenpost.verwijderen", instance=post, before=audit.snapshot(post), after={}
    )
    post.delete()


# --- the alert check -------------------------------------------------------------------------------------------
@transaction.atomic
def controleer(*, actor: Actor, opdrachten: Iterable[int | Bestuursopdracht]) -> list[Any]:
    """Raise the alerts the actuals of ``opdrachten`` (assignments or their ids) have reached: 90 % and 100 % of
    the estimate (hours, or total cost at the tariff) and crossing the frame, for assignments still running
    (``lifecycle.LOPEND``: not a draft, not adopted or cancelled), each once per assignment and
    recipient (``onderwerp`` ``<soort>:opdracht:<id>``), to the pool and to the college of every active
    co-principal. Called inside the transaction of every write path that changes the actuals (booking costs;
    saving, submitting, approving, reopening and importing hours), after that path's own policy check; ``actor``
    is whoever made the change and is named in the audit trail. Returns the new signals."""
    ids = sorted({o.pk if isinstance(o, Bestuursopdracht) else int(o) for o in opdrachten if o is not None})
    nieuw: list[Any] = []
    if not ids:
        return nieuw
    for opdracht in (
        Bestuursopdracht.objects.filter(pk__in=ids)
        .select_related("samenwerkingsverband")
        .prefetch_related("opdrachtgevers__gemeente")
    ):
        if opdracht.status not in lifecycle.LOPEND:  # a draft, or adopted/cancelled: nothing left to decide
            continue
        berekend = selectors.bereken(opdracht)
        if not berekend.drempels:
            continue
        ontvangers: list[tuple[str, Any]] = [(Doelgroep.POOL, None)]
        ontvangers += [
            (Doelgroep.COLLEGE, og.gemeente)
            for og in opdracht.opdrachtgevers.all()
            if og.teruggetrokken_op is None
        ]
        link = reverse("opdrachten:detail", args=[opdracht.pk]) + "#h-nacalculatie"
        for drempel in (actuals.RAMING_90, actuals.RAMING_100, actuals.KADER_OVERSCHREDEN):
            if drempel not in berekend.drempels:
                continue
            titel, tekst = actuals.signaaltekst(opdracht.nummer, opdracht.titel, drempel, berekend)
            nieuw += signaleer(
                actor=actor,
                samenwerkingsverband=opdracht.samenwerkingsverband,
                soort=SOORTEN[drempel],
                onderwerp=f"{drempel}:opdracht:{opdracht.pk}",
                ontvangers=ontvangers,
                titel=titel,
                tekst=tekst,
                link=link,
                bestuursopdracht=opdracht,
            )
    return nieuw
