"""Reads of service agreements (DVO), restricted by the policy, and their norms in Dutch words."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.core.models import AuditEvent
from seta.dienstverlening import lifecycle
from seta.dienstverlening.models import (
    Dienstafspraak,
    Dienstnorm,
    Dienstverleningsovereenkomst,
    Escalatiestap,
    Normsoort,
)

DVO = Dienstverleningsovereenkomst


def dvos_for(actor: Actor) -> QuerySet[DVO]:
    """The DVOs the actor may read (``policy.dienstverlening``), with what a list shows."""
    return (
        DVO.objects.filter(policy.scope(actor, "dienstverlening.dienstverleningsovereenkomst"))
        .select_related("samenwerkingsverband", "gemeente", "vorige", "besluit_bestuur__vastgelegd_door")
        .annotate(aantal_diensten=Count("afspraken", distinct=True))
    )


def dvo_for(actor: Actor, pk: Any) -> DVO | None:
    """One DVO with its services, norms, escalation route and decisions (None: not readable or unknown)."""
    try:
        return (
            dvos_for(actor)
            .prefetch_related(
                Prefetch(
                    "afspraken",
                    queryset=Dienstafspraak.objects.select_related(
                        "catalogusitem", "gemeente"
                    ).prefetch_related("normen"),
                ),
                "escalatie",
                "collegebesluiten__gemeente",
                "collegebesluiten__vastgelegd_door",
                "opvolgers",
            )
            .get(pk=pk)
        )
    except (DVO.DoesNotExist, ValueError, TypeError):
        return None


def afspraken_for(actor: Actor) -> QuerySet[Dienstafspraak]:
    return Dienstafspraak.objects.filter(policy.scope(actor, "dienstverlening.dienstafspraak"))


def normen_for(actor: Actor) -> QuerySet[Dienstnorm]:
    return Dienstnorm.objects.filter(policy.scope(actor, "dienstverlening.dienstnorm"))


def escalatie_for(actor: Actor) -> QuerySet[Escalatiestap]:
    return Escalatiestap.objects.filter(policy.scope(actor, "dienstverlening.escalatiestap"))


def dvos_van_item(actor: Actor, catalogusitem: Any) -> QuerySet[DVO]:
    """The readable DVOs that cover a catalogue item (for the catalogue item's page)."""
    return (
        dvos_for(actor)
        .filter(afspraken__catalogusitem=catalogusitem)
        .distinct()
        .order_by("kenmerk", "-volgnummer")
    )


def ontbrekende_colleges(dvo: DVO) -> list[Any]:
    """The municipalities whose college has not decided on the DVO yet."""
    from seta.gemeenten.models import Gemeente

    ids = policy.dienstverlening.open_colleges(dvo)
    return list(Gemeente.objects.filter(pk__in=ids).order_by("naam"))


def toegestane_acties(actor: Actor, dvo: DVO) -> list[str]:
    return policy.toegestane_acties(actor, dvo)


# --- history -----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Gebeurtenis:
    tijdstip: Any
    wie: str
    wat: str


def historie_for(actor: Actor, dvo: DVO) -> list[Gebeurtenis]:
    """The DVO's audit trail in words (the table's actions and the other events), newest first."""
    if not policy.can(actor, "dvo.lezen", dvo):
        return []
    events = AuditEvent.objects.filter(
        object_type="dienstverlening.dienstverleningsovereenkomst", object_id=str(dvo.pk)
    ).order_by("-tijdstip", "-pk")
    uit = []
    for e in events:
        naam = e.actie.split(".", 1)[-1]
        uit.append(Gebeurtenis(e.tijdstip, e.actor_naam, lifecycle.GEBEURTENISSEN.get(naam, naam)))
    return uit


# --- norms in words --------------------------------------------------------------------------------------------
def _getal(waarde: Decimal | int | None) -> str:
    if waarde is None:
        return ""
    d = Decimal(waarde)
    if d == d.to_integral_value():
        return f"{int(d):,}".replace(",", ".")
    return f"{d.normalize():f}".replace(".", ",")


def termijn_tekst(termijn: int | None, dagsoort: str) -> str:
    """``40 werkdagen`` → ``8 weken (40 werkdagen)``; ``56 kalenderdagen`` → ``8 weken (56 kalenderdagen)``."""
    if termijn is None:
        return ""
    per_week = 5 if dagsoort == "werkdagen" else 7
    soort = "werkdagen" if dagsoort == "werkdagen" else "kalenderdagen"
    if termijn == 1:
        soort = soort[:-2]
    if termijn >= per_week * 2 and termijn % per_week == 0:
        return f"{termijn // per_week} weken ({termijn} {soort})"
    return f"{termijn} {soort}"


def norm_tekst(norm: Dienstnorm) -> str:
    """A norm in Dutch words, e.g. "Doorlooptijd: 8 weken (40 werkdagen), streefpercentage 95 %, Awb art. 4:13"."""
    delen: list[str] = []
    if norm.soort == Normsoort.DOORLOOPTIJD:
        delen.append(f"Doorlooptijd: {termijn_tekst(norm.termijn, norm.dagsoort)}")
        if norm.streefpercentage is not None:
            delen.append(f"streefpercentage {_getal(norm.streefpercentage)} %")
    elif norm.soort == Normsoort.KWALITEIT:
        score = norm.minimumscore
        delen.append(
            f"Kwaliteit: minimumscore {score:.1f}".replace(".", ",") if score is not None else "Kwaliteit"
        )
    elif norm.soort == Normsoort.VOLUME:
        if norm.volume_min is not None and norm.volume_max is not None:
            delen.append(f"Volume: {_getal(norm.volume_min)} tot {_getal(norm.volume_max)} zaken per periode")
        elif norm.volume_min is not None:
            delen.append(f"Volume: ten minste {_getal(norm.volume_min)} zaken per periode")
        else:
            delen.append(f"Volume: hoogstens {_getal(norm.volume_max)} zaken per periode")
    else:
        tekst = "Beschikbaarheid"
        if norm.openingstijden:
            tekst += f": {norm.openingstijden}"
        delen.append(tekst)
        if norm.streefpercentage is not None:
            delen.append(f"{_getal(norm.streefpercentage)} % beschikbaar")
    if norm.wettelijke_grondslag:
        delen.append(norm.wettelijke_grondslag)
    return ", ".join(delen)


# --- for the council reports (issue 12) -----------------------------------------------------------------------
def naleving_in_periode(
    samenwerkingsverband_id: int, gemeente_id: int, *, van: Any, tot: Any, vandaag: Any
) -> tuple[Dienstverleningsovereenkomst | None, list[Any]]:
    """The adopted DVO in force during ``van``..``tot`` that measures ``gemeente_id`` (its own before one for all
    partners, then the latest), and its compliance rows for that partner over the DVO periods in ``van``..``tot``
    (``naleving_selectors.Normregel``, unrestricted: the council report shows its own municipality's figures)."""
    from seta.dienstverlening import naleving_selectors as ns

    dvos = list(ns.vastgestelde_dvos(samenwerkingsverband_id, gemeente_id=gemeente_id, van=van, tot=tot))
    if not dvos:
        return None, []
    dvo = sorted(dvos, key=lambda d: (d.gemeente_id is None, -d.ingangsdatum.toordinal(), -d.pk))[0]
    perioden = ns.perioden_van(dvo, vandaag=vandaag, van=van, tot=tot)
    regels = [
        r
        for r in ns.regels_voor_controle(dvo, perioden=perioden, vandaag=vandaag)
        if r.gemeente.pk == gemeente_id
    ]
    return dvo, regels
