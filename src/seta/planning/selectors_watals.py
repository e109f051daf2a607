"""Reads for the what-if page (the form's choices, a proposal from an assignment) and a principal's own queue.

The queue (``wachtrij``) of one gemeente shows, per cooperation it is a partner of, its assignments in the current
plan by expected delivery, each with its deadline, expected delivery, whether it is late and WHY in plain Dutch
(from the stored outcome's ``uitleg``), its share this period against its entitlement, its assignments that
cannot be planned with the reason, and what the other partners have in the plan IN AGGREGATE (a count and hours,
never a title). Titles are those of the assignments' read scope (``planning.planuitkomst``, delegated to the
assignments' scope): the council sees its public, commissioned ones; the rest of its own only as a count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, Sum
from django.utils import formats, timezone

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.core.errors import NotFound
from seta.gemeenten.models import Gemeente
from seta.opdrachten import lifecycle as opdracht_lifecycle
from seta.opdrachten.models import Bestuursopdracht, Opdrachtgever
from seta.organisatie.models import Eenheid
from seta.planning import invoer as invoer_mod
from seta.planning.kern import afronding
from seta.planning.models import Planrun, Planuitkomst
from seta.samenwerkingsverbanden.models import Deelnemer, Samenwerkingsverband

#: Assignments from whose page a what-if "as if commissioned" is offered: not yet in the plan.
VOORSTEL_STATUSSEN = frozenset(
    {opdracht_lifecycle.CONCEPT, opdracht_lifecycle.OPGEDRAGEN, opdracht_lifecycle.INTAKE}
)
PERIODE_WOORD = {13: "dit kwartaal", 26: "dit halfjaar"}


def datum_tekst(d: dt.date | None) -> str:
    return formats.date_format(d, "j F Y") if d else ""


def week_tekst(d: dt.date) -> str:
    iso = d.isocalendar()
    return f"week {iso.week}" + (f" {iso.year}" if iso.year != timezone.localdate().year else "")


# --- the what-if form ----------------------------------------------------------------------------------------
def watals_verbanden_for(actor: Actor) -> list[Samenwerkingsverband]:
    """The cooperations in which the actor may try a change (pool or partner), by name."""
    ids = policy.watals.watals_verbanden(actor)
    return list(
        Samenwerkingsverband.objects.filter(
            policy.scope(actor, "samenwerkingsverbanden.samenwerkingsverband")
        )
        .filter(pk__in=ids)
        .order_by("naam")
    )


@dataclass
class Keuzes:
    eenheden: list[tuple[str, str]]
    gemeenten: list[tuple[str, str]]
    eigen_gemeenten: list[str]
    opdrachten: list[tuple[str, str]]


def keuzes(actor: Actor, sv: Samenwerkingsverband) -> Keuzes:
    """The form's choices: the cooperation's units, its partners, and the assignments in the plan the actor
    may read (the pool: all; a municipality: its own)."""
    from seta.opdrachten import selectors as opdracht_selectors

    eenheden = (
        Eenheid.objects.filter(policy.scope(actor, "organisatie.eenheid"))
        .filter(samenwerkingsverband=sv)
        .order_by("naam")
    )
    vandaag = timezone.localdate()
    partners = Gemeente.objects.filter(
        pk__in=Deelnemer.objects.filter(samenwerkingsverband=sv)
        .filter(Q(uittredingsdatum__isnull=True) | Q(uittredingsdatum__gt=vandaag))
        .values("gemeente_id")
    ).order_by("naam")
    eigen = policy.watals.watals_gemeenten(actor, sv.pk)
    opdrachten = (
        opdracht_selectors.bestuursopdrachten_for(actor)
        .filter(samenwerkingsverband=sv, status__in=invoer_mod.TE_PLANNEN, raming_uren__isnull=False)
        .order_by("nummer")
    )
    if not policy.watals.is_pool_watals(actor, sv.pk):
        opdrachten = opdrachten.filter(
            pk__in=Opdrachtgever.objects.filter(gemeente_id__in=eigen, teruggetrokken_op__isnull=True).values(
                "bestuursopdracht_id"
            )
        )
    return Keuzes(
        eenheden=[(str(e.pk), e.naam) for e in eenheden],
        gemeenten=[(str(g.pk), g.naam) for g in partners],
        eigen_gemeenten=[str(g) for g in sorted(eigen)],
        opdrachten=[(str(o.pk), f"{o.nummer} {o.titel}") for o in opdrachten],
    )


@dataclass
class Voorstel:
    opdracht_id: int
    label: str
    samenwerkingsverband_id: int
    initial: dict[str, Any]


def voorstel_uit_opdracht(actor: Actor, pk: int) -> Voorstel | None:
    """A new-assignment what-if filled in from an assignment not yet in the plan (concept, opgedragen, intake
    without an estimate): its estimate (else its frame), unit, deadline, priority and principals."""
    from seta.opdrachten import selectors as opdracht_selectors

    o = (
        opdracht_selectors.bestuursopdrachten_for(actor)
        .filter(pk=pk)
        .select_related("catalogusitem")
        .prefetch_related("opdrachtgevers")
        .first()
    )
    if o is None or not in_aanmerking(o):
        return None
    uren = o.raming_uren if o.raming_uren is not None else o.max_uren
    eenheid = o.eenheid_id or (o.catalogusitem.eenheid_id if o.catalogusitem_id else None)
    return Voorstel(
        opdracht_id=o.pk,
        label=f"{o.nummer} {o.titel}",
        samenwerkingsverband_id=o.samenwerkingsverband_id,
        initial={
            "titel": o.titel,
            "eenheid": str(eenheid) if eenheid else "",
            "uren": uren,
            "vroegste_start": o.vroegste_start,
            "deadline": o.deadline,
            "gemeenten": [str(og.gemeente_id) for og in o.actieve_opdrachtgevers],
            "prioriteit": o.prioriteit,
            "wettelijk": bool(
                o.catalogusitem_id
                and o.catalogusitem.taaksoort in invoer_mod.MEDEBEWIND
                and (o.wettelijke_termijn or "").strip()
            ),
        },
    )


def in_aanmerking(o: Bestuursopdracht) -> bool:
    """Whether a what-if "as if commissioned" fits this assignment: it is not in the plan yet."""
    if o.status == opdracht_lifecycle.CONCEPT:
        return True
    return o.status in VOORSTEL_STATUSSEN and o.raming_uren is None


def mag_voorstel(actor: Actor, o: Bestuursopdracht) -> bool:
    """Whether the assignment's page offers "Wat als deze opdracht wordt opgedragen?" to this actor."""
    if not in_aanmerking(o):
        return False
    doel = policy.watals.Wijzigingsdoel(
        policy.watals.NIEUWE_OPDRACHT, frozenset(og.gemeente_id for og in o.actieve_opdrachtgevers)
    )
    return policy.can(actor, "plan.wat_als", policy.watals.Watalscontext(o.samenwerkingsverband_id, (doel,)))


def mag_watals_in(actor: Actor, sv: Samenwerkingsverband) -> bool:
    """Whether the plan's page of ``sv`` offers the what-if to this actor (it may try at least something there)."""
    return policy.can(actor, "plan.wat_als", policy.watals.Watalscontext(sv.pk))


# --- the principal's queue ----------------------------------------------------------------------------------------
def wachtrij_gemeenten_for(actor: Actor) -> list[Gemeente]:
    ids = policy.watals.wachtrij_gemeenten(actor)
    return list(Gemeente.objects.filter(pk__in=ids).order_by("naam"))


@dataclass
class Wachtregel:
    opdracht_id: int
    nummer: str
    titel: str
    gemeenten: str
    deadline: dt.date
    verwachte_oplevering: dt.date | None
    na_planperiode: bool
    te_laat: bool
    dagen_te_laat: int
    waarom: str
    uren: Decimal


@dataclass
class Aandeeltekst:
    periode_naam: str
    ontvangen_pct: float
    recht_pct: float
    ontvangen: float
    recht: float
    tekort: float
    zin: str


@dataclass
class Wachtrijdeel:
    samenwerkingsverband: Samenwerkingsverband
    planrun: Planrun | None
    regels: list[Wachtregel] = field(default_factory=list)
    niet_planbaar: list[tuple[str, str]] = field(default_factory=list)  # (assignment, reason)
    aandeel: Aandeeltekst | None = None
    aandelen: list[Aandeeltekst] = field(default_factory=list)
    verborgen_eigen: int = 0
    andere_aantal: int = 0
    andere_uren: Decimal = Decimal("0")
    te_laat: int = 0


@dataclass
class Wachtrij:
    gemeente: Gemeente
    delen: list[Wachtrijdeel]


def _actueel(actor: Actor, sv: Samenwerkingsverband) -> Planrun | None:
    from seta.planning import selectors_plan

    return selectors_plan.actueel_plan_for(actor, sv)


def waarom(u: Planuitkomst) -> str:
    """Why an outcome stands where it does, in plain Dutch."""
    uitleg = u.uitleg or {}
    delen: list[str] = []
    naam = uitleg.get("wacht_op_naam") or uitleg.get("wacht_op")
    tot = uitleg.get("tot_week")
    if naam and tot:
        try:
            d = dt.date.fromisoformat(str(tot))
            delen.append(f"Wacht op capaciteit in eenheid {naam} tot {week_tekst(d)} ({datum_tekst(d)}).")
        except ValueError:
            delen.append(f"Wacht op capaciteit in eenheid {naam}.")
    elif naam:
        delen.append(f"Wacht op capaciteit in eenheid {naam}.")
    elif uitleg.get("reden"):
        delen.append(str(uitleg["reden"]).rstrip(".") + ".")
    if uitleg.get("na_planperiode"):
        delen.append("Een deel van het werk valt na de planperiode.")
    if uitleg.get("wettelijk_onhaalbaar"):
        delen.append("De wettelijke termijn is niet haalbaar.")
    if not delen:
        delen.append("Gepland in de volgorde van deadline en prioriteit; er is capaciteit.")
    return " ".join(delen)


def _aandeeltekst(rij: dict[str, Any], woord: str) -> Aandeeltekst:
    o, r = float(rij.get("ontvangen_pct", 0)), float(rij.get("recht_pct", 0))
    zin = f"Uw aandeel {woord} is {_pct(o)} tegen een recht van {_pct(r)}."
    tekort = float(rij.get("tekort", 0) or 0)
    if tekort > 0:
        zin += f" Dat is {_uren(tekort)} uur minder dan uw eerlijke deel."
    elif o < r:
        zin += " U had niet meer werk klaarstaan dan u krijgt: geen tekort in uren."
    return Aandeeltekst(
        periode_naam=str(rij.get("periode_naam", "")),
        ontvangen_pct=o,
        recht_pct=r,
        ontvangen=float(rij.get("ontvangen", 0)),
        recht=float(rij.get("recht", 0)),
        tekort=float(rij.get("tekort", 0)),
        zin=zin,
    )


def _pct(x: float) -> str:
    return f"{afronding.procent(x)}".replace(".", ",").removesuffix(",0") + " %"


def _uren(x: Any) -> str:
    return formats.number_format(
        round(float(afronding.uren(float(x or 0)))), use_l10n=True, force_grouping=True
    )


def _deel(actor: Actor, gemeente: Gemeente, sv: Samenwerkingsverband) -> Wachtrijdeel:
    run = _actueel(actor, sv)
    deel = Wachtrijdeel(samenwerkingsverband=sv, planrun=run)
    if run is None:
        return deel
    eigen_ids = Opdrachtgever.objects.filter(gemeente=gemeente, teruggetrokken_op__isnull=True).values(
        "bestuursopdracht_id"
    )
    alle = Planuitkomst.objects.filter(planrun=run)
    eigen = alle.filter(bestuursopdracht_id__in=eigen_ids)
    zichtbaar = list(
        eigen.filter(policy.scope(actor, "planning.planuitkomst"))
        .select_related("bestuursopdracht")
        .prefetch_related("bestuursopdracht__opdrachtgevers__gemeente")
        .order_by("verwachte_oplevering", "bestuursopdracht__nummer")
    )
    deel.verborgen_eigen = eigen.count() - len(zichtbaar)
    for u in zichtbaar:
        o = u.bestuursopdracht
        if not u.planbaar:
            deel.niet_planbaar.append((f"{o.nummer} {o.titel}", u.reden))
            continue
        na = bool((u.uitleg or {}).get("na_planperiode"))
        te_laat = u.dagen_te_laat > 0 or int((u.uitleg or {}).get("weken_te_laat") or 0) > 0
        deel.te_laat += 1 if te_laat else 0
        deel.regels.append(
            Wachtregel(
                opdracht_id=o.pk,
                nummer=o.nummer,
                titel=o.titel,
                gemeenten=o.gemeenten_label,
                deadline=u.deadline,
                verwachte_oplevering=u.verwachte_oplevering,
                na_planperiode=na,
                te_laat=te_laat,
                dagen_te_laat=u.dagen_te_laat,
                waarom=waarom(u),
                uren=u.uren_gepland + u.uren_na_horizon,
            )
        )
    deel.regels.sort(key=lambda r: (r.verwachte_oplevering is None, r.verwachte_oplevering or dt.date.max))
    # Other partners: counts and hours only, never a title (aggregated over rows outside the actor's scope).
    andere = alle.exclude(bestuursopdracht_id__in=eigen_ids)
    deel.andere_aantal = andere.count()
    som = andere.aggregate(a=Sum("uren_gepland"), b=Sum("uren_na_horizon"))
    deel.andere_uren = (som["a"] or Decimal("0")) + (som["b"] or Decimal("0"))
    if policy.can(actor, "plan.aandelen_lezen", sv):
        periode_weken = int(((run.invoer or {}).get("regels") or {}).get("periode_weken", 13))
        woord = PERIODE_WOORD.get(periode_weken, "deze periode")
        from seta.planning import services_plan

        rijen = [r for r in selectors_plan_aandelen(actor, run) if r.get("gemeente") == gemeente.pk]
        deel.aandelen = [_aandeeltekst(r, f"in {r.get('periode_naam', '')}") for r in rijen]
        huidig = services_plan.huidige_periode(run)
        nu = next((r for r in rijen if r.get("periode") == huidig), rijen[0] if rijen else None)
        if nu is not None:
            deel.aandeel = _aandeeltekst(nu, woord)
    return deel


def selectors_plan_aandelen(actor: Actor, run: Planrun) -> list[dict[str, Any]]:
    from seta.planning import selectors_plan

    return selectors_plan.aandelen(actor, run)


def wachtrij(actor: Actor, gemeente: Gemeente) -> Wachtrij:
    """The queue of ``gemeente`` as ``actor`` may see it (404 unless ``plan.wachtrij_lezen``)."""
    if not policy.can(actor, "plan.wachtrij_lezen", gemeente):
        raise NotFound()
    svs = (
        Samenwerkingsverband.objects.filter(
            pk__in=Deelnemer.objects.filter(gemeente=gemeente).values("samenwerkingsverband_id")
        )
        .filter(policy.scope(actor, "samenwerkingsverbanden.samenwerkingsverband"))
        .order_by("naam")
    )
    return Wachtrij(gemeente=gemeente, delen=[_deel(actor, gemeente, sv) for sv in svs])
