"""Reads of the planning rules, absences and capacity (the plan's own reads live in ``selectors_plan.py``).

``planningsregels_for`` / ``afwezigheden_for`` are restricted by the policy (``policy/planning.py``).
``regels_voor``, ``capaciteit_voor`` and ``gewichten`` are **not** restricted: they serve the caller that has
already decided who reads (the plan's instance, the capacity page after ``capaciteit.lezen``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.core.models import AuditEvent
from seta.organisatie.models import Eenheid
from seta.planning import lifecycle
from seta.planning.capaciteit import capaciteit_voor, regels_voor
from seta.planning.kern import capaciteit as kern
from seta.planning.kern.capaciteit import Eenheidcapaciteit
from seta.planning.models import Afwezigheid, Grondslag, Planningsregels
from seta.samenwerkingsverbanden.models import Samenwerkingsverband

__all__ = [
    "Capaciteitsrij",
    "Gebeurtenis",
    "afwezigheden_for",
    "afwezigheid_for",
    "capaciteit_overzicht",
    "capaciteit_voor",
    "gewichten",
    "historie_for",
    "planningsregels_for",
    "regels_for",
    "regels_voor",
    "toegestane_acties",
]


# --- rules --------------------------------------------------------------------------------------------------------
def planningsregels_for(actor: Actor) -> QuerySet[Planningsregels]:
    """The planning rules the actor may read, every version."""
    return Planningsregels.objects.filter(policy.scope(actor, "planning.planningsregels")).select_related(
        "samenwerkingsverband", "besluit_bestuur__vastgelegd_door", "vervangt"
    )


def regels_for(actor: Actor, pk: Any) -> Planningsregels | None:
    """One version of the rules (None: not readable or unknown)."""
    try:
        return planningsregels_for(actor).get(pk=pk)
    except (Planningsregels.DoesNotExist, ValueError, TypeError):
        return None


def toegestane_acties(actor: Actor, obj: Any) -> list[str]:
    return policy.toegestane_acties(actor, obj)


@dataclass(frozen=True)
class Gebeurtenis:
    tijdstip: Any
    wie: str
    wat: str


def historie_for(actor: Actor, regels: Planningsregels) -> list[Gebeurtenis]:
    """The version's audit trail in words, newest first (each adoption names its decision)."""
    if not policy.can(actor, "planningsregels.lezen", regels):
        return []
    events = AuditEvent.objects.filter(
        object_type="planning.planningsregels", object_id=str(regels.pk)
    ).order_by("-tijdstip", "-pk")
    uit = []
    for e in events:
        naam = e.actie.split(".", 1)[-1]
        wat = lifecycle.GEBEURTENISSEN.get(naam, naam)
        if naam == "vaststellen" and regels.besluit_bestuur is not None:
            b = regels.besluit_bestuur
            wat = f"{wat}: {b.get_orgaan_display()} {b.datum:%d-%m-%Y}, kenmerk {b.kenmerk}"
        uit.append(Gebeurtenis(e.tijdstip, e.actor_naam, wat))
    return uit


# --- absences -----------------------------------------------------------------------------------------------------
def afwezigheden_for(actor: Actor) -> QuerySet[Afwezigheid]:
    """The absences the actor may read (personal data: the pool's management, the teamleider, oneself)."""
    return Afwezigheid.objects.filter(policy.scope(actor, "planning.afwezigheid")).select_related(
        "medewerker__eenheid", "samenwerkingsverband"
    )


def afwezigheid_for(actor: Actor, pk: Any) -> Afwezigheid | None:
    try:
        return afwezigheden_for(actor).get(pk=pk)
    except (Afwezigheid.DoesNotExist, ValueError, TypeError):
        return None


# --- capacity -----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Capaciteitsrij:
    eenheid: Eenheid
    capaciteit: Eenheidcapaciteit
    totaal: dict[str, float]


def capaciteit_overzicht(
    actor: Actor, samenwerkingsverband: Samenwerkingsverband, startweek: dt.date, weken: int
) -> tuple[Planningsregels | None, list[Capaciteitsrij]]:
    """The capacity table of a cooperation for a reader with ``capaciteit.lezen`` (aggregates, no names):
    the rules it rests on (of ``startweek``'s year) and a row per unit with staff, in unit order."""
    policy.require(actor, "capaciteit.lezen", samenwerkingsverband, read_action="samenwerkingsverband.lezen")
    regels = regels_voor(samenwerkingsverband, kern.maandag(startweek).year)
    per_eenheid = capaciteit_voor(samenwerkingsverband, regels, startweek, weken)
    eenheden = Eenheid.objects.filter(pk__in=list(per_eenheid)).order_by("naam", "pk")
    return regels, [Capaciteitsrij(e, per_eenheid[e.pk], kern.totalen(per_eenheid[e.pk])) for e in eenheden]


# --- fairness weights ---------------------------------------------------------------------------------------------
def gewichten(
    samenwerkingsverband: Samenwerkingsverband, regels: Planningsregels | None, jaar: int
) -> tuple[dict[int, float], str]:
    """Entitlement weights per partner (gemeente pk -> weight, summing to 1) and the basis in Dutch words.

    Partners: the cooperation's deelnemers on 1 January of ``jaar``. Grondslag ``kostensleutel`` (the default,
    also without rules): the cost key of ``financien.selectors.kostensleutel``; without a usable key equal
    shares, and the description says so. ``gelijk``: equal shares. ``vast``: the board's ``aandelen``."""
    from seta.financien import selectors as financien_selectors

    deelnemers = list(
        samenwerkingsverband.deelnemers_op(dt.date(jaar, 1, 1))
        .select_related("gemeente")
        .order_by("gemeente__naam")
    )
    partners = [d.gemeente_id for d in deelnemers]
    if not partners:
        return {}, f"{samenwerkingsverband} heeft op 1 januari {jaar} geen deelnemers."
    grondslag = regels.grondslag if regels is not None else Grondslag.KOSTENSLEUTEL
    if grondslag == Grondslag.GELIJK:
        return kern.gelijke_delen(partners), "Gelijke delen (grondslag van de planningsregels)."
    if grondslag == Grondslag.VAST and regels is not None:
        aandelen = regels.aandelen if isinstance(regels.aandelen, dict) else {}
        codes = {d.gemeente.cbs_code: d.gemeente_id for d in deelnemers}
        ruw: dict[int, float] = {}
        for pk in partners:
            code = next(c for c, p in codes.items() if p == pk)
            try:
                ruw[pk] = float(aandelen.get(code, 0) or 0)
            except (TypeError, ValueError):
                ruw[pk] = 0.0
        return kern.genormaliseerd(ruw), "Vaste aandelen die het bestuur heeft vastgesteld."
    sleutel = financien_selectors.kostensleutel(samenwerkingsverband, jaar, partners)
    if sleutel.aandelen:
        naam = sleutel.model.label if sleutel.model is not None else "het verdeelmodel"
        return (
            kern.genormaliseerd({pk: float(sleutel.aandelen.get(pk, 0)) for pk in partners}),
            f"De kostenverdeelsleutel van {naam} ({jaar}).",
        )
    reden = sleutel.reden or (
        "het verdeelmodel verdeelt gezamenlijke opdrachten in gelijke delen"
        if sleutel.methode == "gelijk"
        else "geen kostenverdeelsleutel"
    )
    return kern.gelijke_delen(partners), f"Gelijke delen: {reden}."
