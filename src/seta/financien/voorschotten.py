"""Advances (voorschotten): each partner's monthly or quarterly advance from the adopted budget and model.

What is taken (ADR 0035, docs/allocation.md "Voorschotten"): the year's budget (``Begroting``) allocated by
the cooperation's adopted verdeelmodel with every usage part on the ``raming`` basis (the agreed estimates
of the assignments due in the year, at the carrying unit's tariff; ``berekening.allocate(...,
grondslag="raming")``). A partner's yearly advance is its ``totaalInclBtw`` of that allocation: the parts
excl. VAT plus the VAT the model's parts carry. It is split into 12 or 4 terms exact to the cent by the pure
core ``verdeling/termijnen.py`` (remainder on the last term), each with a period, a due date and an invoice
reference. A partner that joins or leaves within the year pays only the terms of the periods in which it
is a partner (its yearly amount split over those).

Lifecycle: concept (computed; ``opnieuw`` recomputes) → vastgesteld (adopted: the amounts the partners pay;
the settlement takes them as the advance paid and ``Deelnemersbijdrage.voorschot`` is set to them) →
verzonden (the invoices went out). The services are the one write path; the reads below are restricted by
``policy.scope`` like every selector.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.core import audit
from seta.core.errors import Conflict, InvalidInput
from seta.core.services import bump_version, create, lock
from seta.financien import berekening
from seta.financien.models import (
    Afrekening,
    Afrekeningstatus,
    Begroting,
    Deelnemersbijdrage,
    Modelstatus,
    Ritme,
    Verdeelmodel,
    Voorschotschema,
    Voorschotstatus,
    Voorschottermijn,
)
from seta.financien.verdeling import termijnen as core
from seta.gemeenten.models import Gemeente
from seta.samenwerkingsverbanden.models import Deelnemer, Samenwerkingsverband

NUL = Decimal("0")
ONGEWIJZIGD: Any = object()


# --- checks ------------------------------------------------------------------------------------------------------
def _check_invoer(jaar: Any, ritme: Any, vervaldag: Any) -> tuple[int, str, int | None]:
    fouten: dict[str, list[str]] = {}
    try:
        jaar = int(jaar)
        if not 2000 <= jaar <= 2100:
            fouten["jaar"] = ["Geef een jaartal tussen 2000 en 2100."]
    except (TypeError, ValueError):
        fouten["jaar"] = [f"'{jaar}' is geen jaartal."]
        jaar = 0
    if ritme not in Ritme.values:
        fouten["ritme"] = ["Kies maand of kwartaal."]
    if vervaldag in ("", None):
        vervaldag = None
    else:
        try:
            vervaldag = int(vervaldag)
        except (TypeError, ValueError):
            vervaldag = 0
        if not 1 <= vervaldag <= 28:
            fouten["vervaldag"] = ["Kies een dag van 1 tot en met 28, of laat leeg voor de eerste werkdag."]
    if fouten:
        raise InvalidInput(fields=fouten)
    return jaar, str(ritme), vervaldag


def adopted_model(sv: Samenwerkingsverband) -> Verdeelmodel | None:
    """The model the advances follow: the latest adopted version of the cooperation."""
    return (
        Verdeelmodel.objects.filter(samenwerkingsverband=sv, status=Modelstatus.VASTGESTELD)
        .order_by("-vastgesteld_op", "-volgnummer", "-pk")
        .first()
    )


def _require_adopted_budget(begroting: Begroting) -> None:
    """Advances are computed from an ADOPTED budget only (adopted by the board on its decision, ADR 0034)."""
    if not begroting.is_vastgesteld:
        raise Conflict(
            f"De begroting {begroting.jaar} van {begroting.samenwerkingsverband} is nog niet vastgesteld; "
            "de voorschotten volgen uit de vastgestelde begroting."
        )


def _budget_and_model(sv: Samenwerkingsverband, jaar: int) -> tuple[Begroting, Verdeelmodel]:
    begroting = Begroting.objects.filter(samenwerkingsverband=sv, jaar=jaar).first()
    if begroting is None:
        raise InvalidInput(
            fields={"begroting": [f"Er is geen begroting {jaar} van {sv}; leg eerst de begroting vast."]}
        )
    _require_adopted_budget(begroting)
    model = adopted_model(sv)
    if model is None:
        raise InvalidInput(
            fields={"verdeelmodel": [f"{sv} heeft nog geen vastgesteld verdeelmodel; het AB stelt het vast."]}
        )
    return begroting, model


# --- the calculation -----------------------------------------------------------------------------------------------
@dataclass
class Berekend:
    begroting: Begroting
    verdeelmodel: Verdeelmodel
    invoer: dict[str, Any]
    verdeling: dict[str, Any]
    termijnen: list[Voorschottermijn] = field(default_factory=list)


def _active_terms(
    sv: Samenwerkingsverband, gemeente: Gemeente, perioden: list[core.Periode]
) -> list[core.Periode]:
    """The periods in which ``gemeente`` is a partner for at least one day."""
    deelnames = list(Deelnemer.objects.filter(samenwerkingsverband=sv, gemeente=gemeente))
    return [
        p
        for p in perioden
        if any(
            d.toetredingsdatum <= p.eind and (d.uittredingsdatum is None or d.uittredingsdatum > p.begin)
            for d in deelnames
        )
    ] or perioden


def _compute(sv: Samenwerkingsverband, jaar: int, ritme: str, vervaldag: int | None) -> Berekend:
    begroting, model = _budget_and_model(sv, jaar)
    uitkomst = berekening.allocate(sv, jaar, [model], grondslag="raming")
    verdeling = uitkomst.to_json()["verdelingen"][0]
    perioden = core.perioden(jaar, ritme, vervaldag)
    per_code = {g.cbs_code: g for g in uitkomst.data.gemeenten}
    prefix = sv.afkorting or sv.slug
    result = Berekend(begroting, model, uitkomst.document, verdeling)
    for bijdrage in verdeling["bijdragen"]:
        gemeente = per_code[bijdrage["gemeente"]]
        actief = _active_terms(sv, gemeente, perioden)
        bedragen = core.split(Decimal(bijdrage["totaalInclBtw"]), len(actief))
        for periode, bedrag in zip(actief, bedragen, strict=True):
            result.termijnen.append(
                Voorschottermijn(
                    gemeente=gemeente,
                    nummer=periode.nummer,
                    periode=periode.label,
                    periode_begin=periode.begin,
                    periode_eind=periode.eind,
                    vervaldatum=periode.vervaldatum,
                    bedrag=bedrag,
                    factuurkenmerk=core.factuurkenmerk(prefix, jaar, periode.nummer, gemeente.cbs_code),
                )
            )
    return result


def _store(schema: Voorschotschema, berekend: Berekend) -> None:
    Voorschottermijn.objects.bulk_create(
        [
            Voorschottermijn(schema=schema, **{f: getattr(t, f) for f in _TERMIJNVELDEN})
            for t in berekend.termijnen
        ]
    )


_TERMIJNVELDEN = (
    "gemeente",
    "nummer",
    "periode",
    "periode_begin",
    "periode_eind",
    "vervaldatum",
    "bedrag",
    "factuurkenmerk",
)


def _velden(berekend: Berekend, actor: Actor) -> dict[str, Any]:
    return {
        "begroting": berekend.begroting,
        "verdeelmodel": berekend.verdeelmodel,
        "begrotingstotaal": berekend.begroting.totaal,
        "totaal": sum((t.bedrag for t in berekend.termijnen), NUL),
        "invoer": berekend.invoer,
        "resultaat": berekend.verdeling,
        "berekend_op": timezone.now(),
        "berekend_door": actor.user if actor.user_id else None,
    }


# --- services -----------------------------------------------------------------------------------------------------
@transaction.atomic
def calculate_schedule(
    *,
    actor: Actor,
    samenwerkingsverband: Samenwerkingsverband,
    jaar: int,
    ritme: str = Ritme.KWARTAAL,
    vervaldag: int | None = None,
) -> Voorschotschema:
    """The controller computes the year's advances (a concept schedule) from the budget and the adopted model."""
    policy.require(
        actor, "voorschotschema.berekenen", samenwerkingsverband, read_action="voorschotschema.lezen"
    )
    jaar, ritme, vervaldag = _check_invoer(jaar, ritme, vervaldag)
    if Voorschotschema.objects.filter(samenwerkingsverband=samenwerkingsverband, jaar=jaar).exists():
        raise Conflict(
            f"Er is al een voorschotschema {jaar} van {samenwerkingsverband}; bereken dat opnieuw zolang het "
            "een concept is."
        )
    berekend = _compute(samenwerkingsverband, jaar, ritme, vervaldag)
    try:
        with transaction.atomic():  # a savepoint: a simultaneous calculation of the same year loses cleanly
            schema = create(
                Voorschotschema(
                    samenwerkingsverband=samenwerkingsverband,
                    jaar=jaar,
                    ritme=ritme,
                    vervaldag=vervaldag,
                    **_velden(berekend, actor),
                ),
                actor=actor,
                action="voorschotschema.berekenen",
            )
    except IntegrityError as exc:
        raise Conflict(
            f"Er is zojuist al een voorschotschema {jaar} van {samenwerkingsverband} berekend."
        ) from exc
    _store(schema, berekend)
    return schema


@transaction.atomic
def recalculate_schedule(
    *,
    actor: Actor,
    schema: Voorschotschema,
    expected_version: int | None = None,
    ritme: str | None = None,
    vervaldag: Any = ONGEWIJZIGD,
) -> Voorschotschema:
    """Recompute a concept schedule (after a budget or model change, or with another rhythm or due day)."""
    policy.require(actor, "voorschotschema.berekenen", schema, read_action="voorschotschema.lezen")
    obj = lock(schema, expected_version=expected_version)
    if not obj.is_concept:
        raise Conflict(
            f"Het voorschotschema {obj.jaar} is {obj.get_status_display().lower()}; het blijft zo."
        )
    jaar, ritme, vervaldag = _check_invoer(
        obj.jaar, ritme or obj.ritme, obj.vervaldag if vervaldag is ONGEWIJZIGD else vervaldag
    )
    before = audit.snapshot(obj)
    berekend = _compute(obj.samenwerkingsverband, jaar, ritme, vervaldag)
    obj.termijnen.all().delete()
    for naam, waarde in {"ritme": ritme, "vervaldag": vervaldag, **_velden(berekend, actor)}.items():
        setattr(obj, naam, waarde)
    obj.versie += 1
    obj.save()
    _store(obj, berekend)
    audit.record(actor=actor, action="voorschotschema.opnieuw", instance=obj, before=before)
    return obj


@transaction.atomic
def adopt_schedule(
    *, actor: Actor, schema: Voorschotschema, expected_version: int | None = None
) -> Voorschotschema:
    """Adopt a concept: the amounts the partners pay. It executes the adopted budget (no board decision of
    its own, ADR 0035); the partners' ``Deelnemersbijdrage.voorschot`` becomes their total in the schedule."""
    policy.require(actor, "voorschotschema.vaststellen", schema, read_action="voorschotschema.lezen")
    obj = lock(schema, expected_version=expected_version)
    if not obj.is_concept:
        raise Conflict(f"Het voorschotschema {obj.jaar} is al {obj.get_status_display().lower()}.")
    begroting, model = _budget_and_model(obj.samenwerkingsverband, obj.jaar)
    if begroting.totaal != obj.begrotingstotaal or model.pk != obj.verdeelmodel_id:
        raise Conflict(
            f"De begroting {obj.jaar} of het vastgestelde verdeelmodel is gewijzigd na de berekening; "
            "bereken de voorschotten opnieuw voordat u ze vaststelt."
        )
    if Afrekening.objects.filter(
        samenwerkingsverband=obj.samenwerkingsverband, jaar=obj.jaar, status=Afrekeningstatus.VASTGESTELD
    ).exists():
        raise Conflict(
            f"De afrekening {obj.jaar} is al vastgesteld; de voorschotten kunnen niet meer veranderen."
        )
    before = audit.snapshot(obj)
    obj.status = Voorschotstatus.VASTGESTELD
    obj.vastgesteld_op = timezone.localdate()
    obj.vastgesteld_door = actor.user if actor.user_id else None
    obj.versie += 1
    obj.save()
    audit.record(actor=actor, action="voorschotschema.vaststellen", instance=obj, before=before)
    _sync_contributions(actor, obj, begroting)
    return obj


def _sync_contributions(actor: Actor, schema: Voorschotschema, begroting: Begroting) -> None:
    """Each partner's ``voorschot`` in the budget becomes its total in the adopted schedule (audited; a
    change of the budget's child records counts as a new version of the budget)."""
    totalen = berekening.advances_by_schedule(schema.samenwerkingsverband, schema.jaar) or {}
    begroting = lock(begroting)
    voor = [audit.snapshot(b) for b in begroting.bijdragen.all()]
    for gemeente_id, totaal in totalen.items():
        Deelnemersbijdrage.objects.update_or_create(
            begroting=begroting, gemeente_id=gemeente_id, defaults={"voorschot": totaal}
        )
    bump_version(begroting)
    audit.record(
        actor=actor,
        action="begroting.voorschotten",
        instance=begroting,
        before={"bijdragen": voor},
        after={"bijdragen": [audit.snapshot(b) for b in begroting.bijdragen.all()]},
        note=f"Voorschotten volgens het vastgestelde voorschotschema {schema.jaar}",
    )


@transaction.atomic
def send_schedule(
    *, actor: Actor, schema: Voorschotschema, expected_version: int | None = None
) -> Voorschotschema:
    """Record that the invoices (or the payment schedule) of an adopted schedule went out to the partners."""
    policy.require(actor, "voorschotschema.verzenden", schema, read_action="voorschotschema.lezen")
    obj = lock(schema, expected_version=expected_version)
    if obj.status != Voorschotstatus.VASTGESTELD:
        raise Conflict(
            f"Alleen een vastgesteld voorschotschema kan worden verzonden; dit is "
            f"{obj.get_status_display().lower()}."
        )
    before = audit.snapshot(obj)
    obj.status = Voorschotstatus.VERZONDEN
    obj.verzonden_op = timezone.localdate()
    obj.verzonden_door = actor.user if actor.user_id else None
    obj.versie += 1
    obj.save()
    audit.record(actor=actor, action="voorschotschema.verzenden", instance=obj, before=before)
    return obj


# --- reads --------------------------------------------------------------------------------------------------------
def schemas_for(actor: Actor) -> QuerySet[Voorschotschema]:
    return Voorschotschema.objects.filter(policy.scope(actor, "financien.voorschotschema")).select_related(
        "samenwerkingsverband", "verdeelmodel", "begroting", "vastgesteld_door", "verzonden_door"
    )


def termijnen_for(actor: Actor) -> QuerySet[Voorschottermijn]:
    return Voorschottermijn.objects.filter(policy.scope(actor, "financien.voorschottermijn")).select_related(
        "schema__samenwerkingsverband", "gemeente"
    )


@dataclass
class Rij:
    """One partner in the table: its term amounts (None: not a partner in that period) and total."""

    gemeente: Gemeente
    bedragen: list[Decimal | None]
    totaal: Decimal
    termijnen: list[Voorschottermijn]
    eigen: bool = False


@dataclass
class Schematabel:
    """A schedule as the page and the files show it: partners × terms with totals."""

    schema: Voorschotschema
    kolommen: list[str]  # period labels
    rijen: list[Rij]
    totalen: list[Decimal]
    totaal: Decimal
    begroting_gewijzigd: bool = False

    @property
    def eigen_rijen(self) -> list[Rij]:
        return [r for r in self.rijen if r.eigen]


def table(actor: Actor, schema: Voorschotschema) -> Schematabel:
    """The schedule's table; the actor's own municipalities (if any) marked and listed first."""
    policy.require(actor, "voorschotschema.lezen", schema)
    perioden = core.perioden(schema.jaar, schema.ritme, schema.vervaldag)
    per_gemeente: dict[int, list[Voorschottermijn]] = {}
    for t in schema.termijnen.select_related("gemeente").order_by("gemeente__naam", "nummer"):
        per_gemeente.setdefault(t.gemeente_id, []).append(t)
    eigen = policy.financien.eigen_gemeente_ids(actor)
    rijen = []
    for lijst in per_gemeente.values():
        per_nummer = {t.nummer: t.bedrag for t in lijst}
        bedragen = [per_nummer.get(p.nummer) for p in perioden]
        rijen.append(
            Rij(
                lijst[0].gemeente,
                bedragen,
                sum((b for b in bedragen if b is not None), NUL),
                lijst,
                lijst[0].gemeente_id in eigen,
            )
        )
    rijen.sort(key=lambda r: (not r.eigen, r.gemeente.naam))
    totalen = [sum((r.bedragen[i] or NUL for r in rijen), NUL) for i in range(len(perioden))]
    huidige = (
        Begroting.objects.filter(pk=schema.begroting_id)
        .values_list("personeel", "materieel", "overhead")
        .first()
    )
    gewijzigd = schema.is_concept and huidige is not None and sum(huidige, NUL) != schema.begrotingstotaal
    return Schematabel(
        schema, [p.label for p in perioden], rijen, totalen, sum(totalen, NUL), begroting_gewijzigd=gewijzigd
    )


def advances_for_settlement(actor: Actor, afrekening: Afrekening) -> dict[int, Decimal] | None:
    """For the settlement page: per gemeente (id) its advances in the year's adopted schedule (or None)."""
    policy.require(actor, "afrekening.lezen", afrekening)
    return berekening.advances_by_schedule(afrekening.samenwerkingsverband, afrekening.jaar)


def schema_for_year(actor: Actor, sv_id: int, jaar: int) -> Voorschotschema | None:
    return schemas_for(actor).filter(samenwerkingsverband_id=sv_id, jaar=jaar).first()


def next_terms(actor: Actor, vanaf: dt.date) -> list[Voorschottermijn]:
    """Per municipality the actor works for: its next term due on or after ``vanaf`` in an adopted (or sent)
    schedule (for the home page)."""
    eigen = policy.financien.eigen_gemeente_ids(actor)
    if not eigen:
        return []
    result: dict[int, Voorschottermijn] = {}
    for t in (
        termijnen_for(actor)
        .filter(
            gemeente_id__in=eigen,
            vervaldatum__gte=vanaf,
            schema__status__in=(Voorschotstatus.VASTGESTELD, Voorschotstatus.VERZONDEN),
        )
        .order_by("vervaldatum", "pk")[:50]
    ):
        result.setdefault(t.gemeente_id, t)
    return list(result.values())
