"""Reads of the nacalculatie: the core's input from the database, restricted by the policy.

All booked hours on the assignment count (approved, and not yet approved: submitted or still open), summed per
ISO week × unit × salary scale × approval state in one GROUP BY: no single line of hours and no name leaves this
module. Their cost is at the cooperation's tariff of the week's year (``financien.selectors.load_tariffs``: the
unit's, else the scale's, else the year's default); the external costs are the assignment's ``Kostenpost`` rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import QuerySet, Sum

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.core.errors import NotFound
from seta.financien import selectors as financien_selectors
from seta.nacalculatie.kern import actuals
from seta.nacalculatie.models import Kostenpost
from seta.opdrachten import selectors as opdracht_selectors
from seta.opdrachten.models import Bestuursopdracht
from seta.organisatie.models import Eenheid
from seta.uren.models import Urenregel, Weekstatus


def kostenposten_for(actor: Actor) -> QuerySet[Kostenpost]:
    return Kostenpost.objects.filter(policy.scope(actor, "nacalculatie.kostenpost")).select_related(
        "bestuursopdracht"
    )


def kostenpost_for(actor: Actor, pk: Any) -> Kostenpost:
    try:
        return kostenposten_for(actor).get(pk=int(pk))
    except (Kostenpost.DoesNotExist, TypeError, ValueError, OverflowError) as exc:
        raise NotFound() from exc


def opdracht_for(actor: Actor, pk: Any) -> Bestuursopdracht:
    """The assignment whose actuals ``actor`` asks for (404 when it may not read it)."""
    return opdracht_selectors.bestuursopdracht_for(actor, pk)


def _iso(datum: dt.date) -> tuple[int, int]:
    jaar, week, _ = datum.isocalendar()
    return jaar, week


def _uren(opdracht: Bestuursopdracht) -> list[actuals.Urenpost]:
    rows = (
        Urenregel.objects.filter(opdracht=opdracht)
        .values("weekstaat__jaar", "weekstaat__week", "eenheid_id", "schaal", "weekstaat__status")
        .annotate(totaal=Sum("uren"))
        .order_by()
    )
    return [
        actuals.Urenpost(
            r["weekstaat__jaar"],
            r["weekstaat__week"],
            r["eenheid_id"],
            r["schaal"],
            r["weekstaat__status"] == Weekstatus.GOEDGEKEURD,
            r["totaal"] or Decimal(0),
        )
        for r in rows
    ]


def _verdeelregel(opdracht: Bestuursopdracht, jaar: int) -> actuals.Verdeelregel | None:
    """The rule splitting a joint assignment's cost over its active co-principals (None: one principal)."""
    gevers = [
        og
        for og in opdracht.opdrachtgevers.select_related("gemeente").order_by("gemeente__naam")
        if og.teruggetrokken_op is None
    ]
    if len(gevers) < 2:
        return None
    sleutel = financien_selectors.kostensleutel(
        opdracht.samenwerkingsverband, jaar, [og.gemeente_id for og in gevers]
    )
    if sleutel.aandelen:
        naam = (
            f"verdeeld naar inwonertal {jaar}"
            if sleutel.methode == "bevolking"
            else f"verdeeld naar de verdeelsleutel {jaar}"
        )
        toelichting = f"verdeelmodel {sleutel.model.label}" if sleutel.model else ""
        if sleutel.model is not None and sleutel.model.status != "vastgesteld":
            toelichting += ", nog niet vastgesteld"
        return actuals.Verdeelregel(
            naam, [(og.gemeente.naam, sleutel.aandelen[og.gemeente_id]) for og in gevers], toelichting
        )
    if sleutel.model is None:
        reden = "geen vastgesteld verdeelmodel"
    elif sleutel.methode == "gelijk":
        reden = f"verdeelmodel {sleutel.model.label} verdeelt gezamenlijke opdrachten in gelijke delen"
    else:
        reden = sleutel.reden
    return actuals.Verdeelregel("gelijke delen", [(og.gemeente.naam, Fraction(1)) for og in gevers], reden)


def bereken(opdracht: Bestuursopdracht, *, vandaag: dt.date | None = None) -> actuals.Nacalculatie:
    """The actuals of ``opdracht`` (unrestricted: for the services' alert check; pages use :func:`nacalculatie_for`)."""
    posten = _uren(opdracht)
    kosten = list(opdracht.kostenposten.values_list("datum", "bedrag"))
    sv_id = opdracht.samenwerkingsverband_id
    jaren = {p.jaar for p in posten}
    tariefjaar = (opdracht.opgedragen_op or vandaag or dt.date.today()).year
    jaren.add(tariefjaar)
    tabellen = {jaar: financien_selectors.load_tariffs(sv_id, jaar) for jaar in jaren}
    tarieven: dict[actuals.Tariefsleutel, Decimal | None] = {
        (p.jaar, p.eenheid_id, p.schaal): tabellen[p.jaar].voor(p.eenheid_id, p.schaal) for p in posten
    }
    eenheid_ids = {p.eenheid_id for p in posten if p.eenheid_id is not None}
    namen = dict(Eenheid.objects.filter(pk__in=eenheid_ids).values_list("pk", "naam"))
    invoer = actuals.Invoer(
        uren=posten,
        tarieven=tarieven,
        kosten=[actuals.Kostenboeking(*_iso(datum), bedrag) for datum, bedrag in kosten],
        raming_uren=opdracht.raming_uren,
        raming_externe_kosten=opdracht.raming_externe_kosten,
        raming_uurtarief=tabellen[tariefjaar].voor(opdracht.eenheid_id, None),
        max_uren=opdracht.max_uren,
        max_euro=opdracht.max_euro,
        eenheid_namen=namen,
        verdeling=_verdeelregel(opdracht, tariefjaar),
    )
    return actuals.bereken(invoer)


@dataclass(frozen=True)
class Weergave:
    """The actuals of one assignment as a page or the API shows them."""

    opdracht: Bestuursopdracht
    nacalculatie: actuals.Nacalculatie
    kostenposten: list[Kostenpost]
    mag_boeken: bool

    @property
    def lange_reeks(self) -> bool:
        return len(self.nacalculatie.weken) > 8


def nacalculatie_for(actor: Actor, opdracht: Bestuursopdracht) -> Weergave:
    """The aggregated actuals of ``opdracht`` for ``actor`` (404 when it may not read the assignment)."""
    policy.require(actor, "nacalculatie.lezen", opdracht, read_action="bestuursopdracht.lezen")
    from seta.autorisaties.policy.nacalculatie import BOEKBAAR

    posten = list(kostenposten_for(actor).filter(bestuursopdracht=opdracht).order_by("datum", "pk"))
    return Weergave(
        opdracht,
        bereken(opdracht),
        posten,
        opdracht.status in BOEKBAAR and policy.can(actor, "kostenpost.boeken", opdracht),
    )


def sectie_for(actor: Actor, opdracht: Bestuursopdracht) -> dict[str, Any] | None:
    """What the section "Nacalculatie" on the assignment page shows (None: nothing booked and nothing to book)."""
    from seta.nacalculatie.forms import KostenpostForm

    if not policy.can(actor, "nacalculatie.lezen", opdracht):
        return None
    weergave = nacalculatie_for(actor, opdracht)
    n = weergave.nacalculatie
    if not n.weken and not weergave.mag_boeken:
        return None
    posten = [{"post": p, "acties": policy.toegestane_acties(actor, p)} for p in weergave.kostenposten]
    return {
        "nc": weergave,
        "n": n,
        "posten": posten,
        "boek_form": KostenpostForm(prefix="kp") if weergave.mag_boeken else None,
        "balk_uren": min(int(n.percentage_uren or 0), 100),
        "boven_100": n.percentage_uren is not None and n.percentage_uren > 100,
    }


def bereken_reeks(
    opdrachten: list[Bestuursopdracht], *, vandaag: dt.date | None = None
) -> dict[int, actuals.Nacalculatie]:
    """The actuals of many assignments at once, as :func:`bereken` per assignment but with ONE GROUP BY over the
    hours and one query for the cost bookings of all of them, and each year's tariffs read once (for a list such
    as the council report; unrestricted: the caller decides what is shown). No split over co-principals
    (``verdeling`` None): the caller applies its own share."""
    if not opdrachten:
        return {}
    ids = [o.pk for o in opdrachten]
    posten: dict[int, list[actuals.Urenpost]] = {}
    for r in (
        Urenregel.objects.filter(opdracht_id__in=ids)
        .values(
            "opdracht_id", "weekstaat__jaar", "weekstaat__week", "eenheid_id", "schaal", "weekstaat__status"
        )
        .annotate(totaal=Sum("uren"))
        .order_by()
    ):
        posten.setdefault(r["opdracht_id"], []).append(
            actuals.Urenpost(
                r["weekstaat__jaar"],
                r["weekstaat__week"],
                r["eenheid_id"],
                r["schaal"],
                r["weekstaat__status"] == Weekstatus.GOEDGEKEURD,
                r["totaal"] or Decimal(0),
            )
        )
    kosten: dict[int, list[actuals.Kostenboeking]] = {}
    for oid, datum, bedrag in Kostenpost.objects.filter(bestuursopdracht_id__in=ids).values_list(
        "bestuursopdracht_id", "datum", "bedrag"
    ):
        kosten.setdefault(oid, []).append(actuals.Kostenboeking(*_iso(datum), bedrag))
    tabellen: dict[tuple[int, int], Any] = {}

    def tabel(sv_id: int, jaar: int) -> Any:
        if (sv_id, jaar) not in tabellen:
            tabellen[(sv_id, jaar)] = financien_selectors.load_tariffs(sv_id, jaar)
        return tabellen[(sv_id, jaar)]

    result: dict[int, actuals.Nacalculatie] = {}
    for o in opdrachten:
        eigen = posten.get(o.pk, [])
        sv_id = o.samenwerkingsverband_id
        tariefjaar = (o.opgedragen_op or vandaag or dt.date.today()).year
        result[o.pk] = actuals.bereken(
            actuals.Invoer(
                uren=eigen,
                tarieven={
                    (p.jaar, p.eenheid_id, p.schaal): tabel(sv_id, p.jaar).voor(p.eenheid_id, p.schaal)
                    for p in eigen
                },
                kosten=kosten.get(o.pk, []),
                raming_uren=o.raming_uren,
                raming_externe_kosten=o.raming_externe_kosten,
                raming_uurtarief=tabel(sv_id, tariefjaar).voor(o.eenheid_id, None),
                max_uren=o.max_uren,
                max_euro=o.max_euro,
            )
        )
    return result
