"""Reads of the plan, each restricted by the actor through the one policy (``policy/plan.py``).

- A run (``planruns_for``) is seen by the pool people, the board and the municipality side of its cooperation's
  partners: that it exists, its status and its aggregate figures. The shares per partner (``aandelen``) follow
  ``plan.aandelen_lezen``; the load per unit and week (``belasting``) ``plan.belasting_lezen``.
- An outcome (``uitkomsten_for``, ``uitkomst_van``) and an hour row are read iff the assignment is in the actor's
  assignment scope: a wethouder of Laren sees Laren's outcomes, never Blaricum's confidential titles.
- The current plan of a cooperation is its latest run with status ``gereed`` (:func:`actueel_plan`).
- Plan against reality (:func:`plan_tegen_werkelijkheid`): the hours booked on an assignment (every
  ``Urenregel``, approved or not) per ISO week and unit against the current plan's hours per unit; the overrun of
  the estimate is not signalled here a second time: the state of the signal ``nacalculatie.services.controleer``
  raised (``raming_90`` / ``raming_100``) is shown.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery, Sum
from django.utils import timezone

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.core.errors import NotFound
from seta.opdrachten.models import Bestuursopdracht
from seta.organisatie.models import Eenheid
from seta.planning import invoer as invoer_mod
from seta.planning.models import Planregel, Planrun, Planuitkomst, Runstatus
from seta.samenwerkingsverbanden.models import Samenwerkingsverband
from seta.signalen.models import Signaal, Signaalsoort
from seta.uren.models import Urenregel

#: The load marker: a unit × week planned above this share of its capacity is marked in text.
VOL_PCT = Decimal("95")

# planstatus of an assignment in the current plan (the API's ``planstatus``)
GEEN_PLAN = "geen_plan"
NIET_PLANBAAR = "niet_planbaar"
OP_TIJD = "op_tijd"
TE_LAAT = "te_laat"
NA_PLANPERIODE = "na_planperiode"
PLANSTATUS_LABELS: dict[str, str] = {
    GEEN_PLAN: "Niet in het plan",
    NIET_PLANBAAR: "Niet planbaar",
    OP_TIJD: "Op tijd",
    TE_LAAT: "Te laat",
    NA_PLANPERIODE: "Na de planperiode",
}
PLANSTATUSSEN: tuple[str, ...] = tuple(PLANSTATUS_LABELS)


# --- runs -----------------------------------------------------------------------------------------------------------
def planruns_for(actor: Actor) -> QuerySet[Planrun]:
    return (
        Planrun.objects.filter(policy.scope(actor, "planning.planrun"))
        .select_related("samenwerkingsverband", "regels", "aangevraagd_door")
        .defer("invoer")
    )


def planrun_for(actor: Actor, pk: Any) -> Planrun:
    try:
        return planruns_for(actor).defer(None).get(pk=int(pk))
    except (Planrun.DoesNotExist, TypeError, ValueError, OverflowError) as exc:
        raise NotFound() from exc


def _actueel_q() -> Any:
    """The pk of the latest ``gereed`` run of the outer row's cooperation (a subquery)."""
    return Subquery(
        Planrun.objects.filter(samenwerkingsverband=OuterRef("samenwerkingsverband"), status=Runstatus.GEREED)
        .order_by("-gereed_op", "-pk")
        .values("pk")[:1]
    )


def actueel_plan(samenwerkingsverband: Samenwerkingsverband | int) -> Planrun | None:
    """The current plan of the cooperation: its latest run with status ``gereed`` (unrestricted: callers check)."""
    sv_id = samenwerkingsverband if isinstance(samenwerkingsverband, int) else samenwerkingsverband.pk
    return (
        Planrun.objects.filter(samenwerkingsverband_id=sv_id, status=Runstatus.GEREED)
        .select_related("samenwerkingsverband", "regels")
        .defer("invoer")  # the stored instance can be large; read on first use (the load, the plan's "today")
        .order_by("-gereed_op", "-pk")
        .first()
    )


def laatste_run(samenwerkingsverband: Samenwerkingsverband) -> Planrun | None:
    """The latest run of any status (the page shows whether one is being computed)."""
    return (
        Planrun.objects.filter(samenwerkingsverband=samenwerkingsverband)
        .select_related("samenwerkingsverband")
        .defer("invoer")
        .order_by("-aangevraagd_op", "-pk")
        .first()
    )


def actueel_plan_for(actor: Actor, samenwerkingsverband: Samenwerkingsverband) -> Planrun | None:
    """The current plan of the cooperation if ``actor`` may see its runs (else None)."""
    run = actueel_plan(samenwerkingsverband)
    if run is None or not planruns_for(actor).filter(pk=run.pk).exists():
        return None
    return run


def verbanden_voor(actor: Actor, actie: str) -> list[Samenwerkingsverband]:
    """The cooperations (visible to ``actor``) on which it may do ``actie`` (a plan rule), by name."""
    return [
        sv
        for sv in Samenwerkingsverband.objects.filter(
            policy.scope(actor, "samenwerkingsverbanden.samenwerkingsverband")
        ).order_by("naam")
        if policy.can(actor, actie, sv)
    ]


def plan_verbanden_for(actor: Actor) -> QuerySet[Samenwerkingsverband]:
    """The cooperations whose plan ``actor`` may see (their runs)."""
    ids = planruns_for(actor).values("samenwerkingsverband_id")
    return Samenwerkingsverband.objects.filter(
        policy.scope(actor, "samenwerkingsverbanden.samenwerkingsverband")
    ).filter(pk__in=ids)


# --- outcomes -------------------------------------------------------------------------------------------------------
def uitkomsten_for(actor: Actor, planrun: Planrun) -> QuerySet[Planuitkomst]:
    """The outcomes of ``planrun`` that ``actor`` may read (those of assignments in its scope)."""
    return (
        Planuitkomst.objects.filter(planrun=planrun)
        .filter(policy.scope(actor, "planning.planuitkomst"))
        .select_related("bestuursopdracht", "bestuursopdracht__eenheid")
        .order_by("planbaar", "verwachte_oplevering", "bestuursopdracht__nummer", "pk")
    )


def planregels_for(actor: Actor, planrun: Planrun) -> QuerySet[Planregel]:
    return Planregel.objects.filter(planrun=planrun).filter(policy.scope(actor, "planning.planregel"))


def uitkomst_van(actor: Actor, opdracht: Bestuursopdracht) -> Planuitkomst | None:
    """Where ``opdracht`` stands in its cooperation's current plan (None: no plan, not in it, or not readable)."""
    run = actueel_plan(opdracht.samenwerkingsverband_id)
    if run is None:
        return None
    return (
        Planuitkomst.objects.filter(planrun=run, bestuursopdracht=opdracht)
        .filter(policy.scope(actor, "planning.planuitkomst"))
        .select_related("planrun")
        .first()
    )


def met_planuitkomst(qs: QuerySet[Bestuursopdracht]) -> QuerySet[Bestuursopdracht]:
    """``qs`` with each assignment's outcome in its cooperation's current plan prefetched (one query for a list;
    read with :func:`planstand`). The assignments are already in the actor's scope, so are their outcomes."""
    actueel = Planrun.objects.filter(status=Runstatus.GEREED, pk=_actueel_q())
    return qs.prefetch_related(
        Prefetch(
            "planuitkomsten",
            queryset=Planuitkomst.objects.filter(planrun__in=actueel.values("pk")),
            to_attr="_actuele_planuitkomsten",
        )
    )


def planstatus(uitkomst: Planuitkomst | None) -> str:
    if uitkomst is None:
        return GEEN_PLAN
    if not uitkomst.planbaar:
        return NIET_PLANBAAR
    if (uitkomst.uitleg or {}).get("na_planperiode"):
        return NA_PLANPERIODE
    return TE_LAAT if uitkomst.dagen_te_laat > 0 else OP_TIJD


def planstand(opdracht: Bestuursopdracht) -> tuple[dt.date | None, str]:
    """(expected delivery, planstatus) of an assignment from :func:`met_planuitkomst`'s prefetch (falls back to
    one query when not prefetched)."""
    lijst = getattr(opdracht, "_actuele_planuitkomsten", None)
    if lijst is None:
        run = actueel_plan(opdracht.samenwerkingsverband_id)
        lijst = list(Planuitkomst.objects.filter(planrun=run, bestuursopdracht=opdracht)) if run else []
    uitkomst = lijst[0] if lijst else None
    return (uitkomst.verwachte_oplevering if uitkomst else None), planstatus(uitkomst)


# --- aggregate figures ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Belastingcel:
    week: dt.date
    gepland: Decimal
    capaciteit: Decimal

    @property
    def pct(self) -> Decimal | None:
        if self.capaciteit <= 0:
            return None
        return (self.gepland * 100 / self.capaciteit).quantize(Decimal("1"))

    @property
    def vol(self) -> bool:
        """Above :data:`VOL_PCT` of capacity (or hours planned where there is no capacity)."""
        if self.capaciteit <= 0:
            return self.gepland > 0
        return self.gepland * 100 > self.capaciteit * VOL_PCT


@dataclass(frozen=True)
class Belastingrij:
    eenheid_id: int
    eenheid: str
    cellen: list[Belastingcel] = field(default_factory=list)


def belasting(
    actor: Actor, planrun: Planrun, *, van: int = 0, weken: int | None = None
) -> list[Belastingrij]:
    """Per unit and week (``weken`` weeks from week index ``van``): hours planned against the capacity for
    assignments (from the run's stored instance). Pool leadership and the board (``plan.belasting_lezen``)."""
    policy.require(actor, "plan.belasting_lezen", planrun, read_action="plan.aandelen_lezen")
    data = planrun.invoer or {}
    cap: dict[str, list[float]] = data.get("capaciteit", {})
    koppeling = data.get("koppeling", {})
    eenheid_pk: dict[str, int] = koppeling.get("eenheden", {})
    namen: dict[str, str] = data.get("eenheden", {})
    gepland: dict[str, list[float]] = (planrun.resultaat or {}).get("belasting", {})
    totaal = int(data.get("weken", planrun.aantal_weken))
    van = max(0, min(van, totaal))
    tot = totaal if weken is None else min(totaal, van + max(0, weken))
    from seta.planning.kern import afronding

    rijen = []
    for code in sorted(cap, key=lambda c: namen.get(c, c)):
        pk = eenheid_pk.get(code)
        reeks = gepland.get(str(pk), []) if pk is not None else []
        cellen = [
            Belastingcel(
                week=invoer_mod.week_datum(planrun.startweek, w),
                gepland=afronding.uren(reeks[w] if w < len(reeks) else 0.0),
                capaciteit=afronding.uren(cap[code][w] if w < len(cap[code]) else 0.0),
            )
            for w in range(van, tot)
        ]
        rijen.append(Belastingrij(eenheid_id=pk or 0, eenheid=namen.get(code, code), cellen=cellen))
    return rijen


def aandelen(actor: Actor, planrun: Planrun) -> list[dict[str, Any]]:
    """The shares per partner and fairness period against entitlement (from the run's summary): every principal
    of the cooperation (``plan.aandelen_lezen``); municipalities and figures only, never an assignment."""
    policy.require(actor, "plan.aandelen_lezen", planrun, read_action="plan.aandelen_lezen")
    return list((planrun.resultaat or {}).get("aandelen", []))


def wettelijk_for(actor: Actor, planrun: Planrun) -> list[dict[str, Any]]:
    """The statutory terms the run cannot meet, of the assignments ``actor`` may read."""
    rijen = list((planrun.resultaat or {}).get("wettelijk", []))
    ids = {r["opdracht"] for r in rijen if r.get("opdracht")}
    leesbaar = set(
        Bestuursopdracht.objects.filter(policy.scope(actor, "opdrachten.bestuursopdracht"))
        .filter(pk__in=ids)
        .values_list("pk", flat=True)
    )
    return [r for r in rijen if r.get("opdracht") in leesbaar]


def weken_te_laat(uitkomst: Planuitkomst) -> int:
    """How many weeks after its deadline week the plan delivers (the core's count; 0: on time)."""
    if not uitkomst.planbaar:
        return 0
    w = (uitkomst.uitleg or {}).get("weken_te_laat")
    if w is not None:
        return int(w)
    return (uitkomst.dagen_te_laat + 6) // 7


def uitleg_tekst(uitkomst: Planuitkomst) -> str:
    """Why the assignment stands where it stands, in Dutch sentences (pages and API)."""
    if not uitkomst.planbaar:
        return f"Niet planbaar: {uitkomst.reden}" if uitkomst.reden else "Niet planbaar."
    u = uitkomst.uitleg or {}
    delen = []
    if u.get("wacht_op_naam") and u.get("tot_week"):
        week = dt.date.fromisoformat(u["tot_week"]).isocalendar()
        delen.append(f"Wacht op capaciteit in {u['wacht_op_naam']} tot week {week.week} {week.year}.")
    elif u.get("wacht_op_naam"):
        delen.append(f"Wacht op capaciteit in {u['wacht_op_naam']}.")
    laat = weken_te_laat(uitkomst)
    if u.get("na_planperiode"):
        delen.append(
            f"Te laat: {str(uitkomst.uren_na_horizon).replace('.', ',')} uur past niet binnen de planperiode."
        )
    elif laat > 0:
        delen.append(f"Te laat: {laat} {'week' if laat == 1 else 'weken'} na de week van de deadline.")
    else:
        delen.append("Op tijd voor de deadline.")
    if u.get("wettelijk_onhaalbaar"):
        delen.append("De wettelijke termijn is niet haalbaar.")
    return " ".join(delen)


def plan_vandaag(run: Planrun) -> dt.date:
    """The day the run planned from (its ``vandaag``; the start week when unknown)."""
    s = (run.invoer or {}).get("koppeling", {}).get("vandaag")
    return dt.date.fromisoformat(s) if s else run.startweek


def mag(actor: Actor, actie: str, obj: Any) -> bool:
    """Thin pass-through for pages and the API (``plan.lezen``, ``plan.belasting_lezen``, …)."""
    return policy.can(actor, actie, obj)


def open_aandeelsignalen(actor: Actor, samenwerkingsverband: Samenwerkingsverband) -> QuerySet[Signaal]:
    """The open dominance signals of the cooperation that ``actor`` may read."""
    return Signaal.objects.filter(policy.scope(actor, "signalen.signaal")).filter(
        samenwerkingsverband=samenwerkingsverband,
        soort=Signaalsoort.AANDEEL_AFWIJKING,
        afgehandeld_op__isnull=True,
    )


# --- plan against reality ------------------------------------------------------------------------------------------
@dataclass
class Werkelijkheidrij:
    eenheid_id: int
    eenheid: str
    geboekt: Decimal = Decimal("0")  # every hour booked on the assignment by this unit, up to today
    geboekt_sinds_start: Decimal = Decimal("0")  # of which since the plan's first week
    gepland_tot_vandaag: Decimal = Decimal("0")  # planned in the plan's weeks up to today's
    gepland: Decimal = Decimal("0")  # planned in the whole horizon

    @property
    def verschil(self) -> Decimal:
        """Booked since the plan's start less planned up to today (positive: ahead of / above the plan)."""
        return self.geboekt_sinds_start - self.gepland_tot_vandaag


@dataclass
class PlanTegenWerkelijkheid:
    opdracht: Bestuursopdracht
    planrun: Planrun | None
    vandaag: dt.date
    rijen: list[Werkelijkheidrij]
    raming: Decimal | None
    geboekt: Decimal
    gepland_na_horizon: Decimal
    signalen: list[Signaal]
    weken: list[dict[str, Any]]  # per ISO week: {"jaar", "week", "eenheid", "uren"} booked

    @property
    def gepland_tot_vandaag(self) -> Decimal:
        return sum((r.gepland_tot_vandaag for r in self.rijen), Decimal("0"))

    @property
    def geboekt_sinds_start(self) -> Decimal:
        return sum((r.geboekt_sinds_start for r in self.rijen), Decimal("0"))

    @property
    def verwacht_totaal(self) -> Decimal:
        """Booked before the plan plus planned in it: what the plan expects the assignment to take."""
        voor = self.geboekt - self.geboekt_sinds_start
        return voor + sum((r.gepland for r in self.rijen), Decimal("0")) + self.gepland_na_horizon

    @property
    def boven_raming(self) -> bool:
        return self.raming is not None and self.geboekt > self.raming


def plan_tegen_werkelijkheid(
    actor: Actor, opdracht: Bestuursopdracht, *, vandaag: dt.date | None = None
) -> PlanTegenWerkelijkheid:
    """Hours booked on ``opdracht`` per unit (every Urenregel, approved or not) against the current plan's hours per
    unit: planned up to today vs booked since the plan's start, the whole plan, and the estimate. 404 when
    ``actor`` may not read the assignment. The estimate's overrun is the nacalculatie's signal (shown, not raised
    again)."""
    policy.require(actor, "bestuursopdracht.lezen", opdracht, read_action="bestuursopdracht.lezen")
    vandaag = vandaag or timezone.localdate()
    run = actueel_plan(opdracht.samenwerkingsverband_id)
    uitkomst = uitkomst_van(actor, opdracht) if run else None
    start = run.startweek if run else None
    rijen: dict[int, Werkelijkheidrij] = {}
    namen = dict(
        Eenheid.objects.filter(samenwerkingsverband_id=opdracht.samenwerkingsverband_id).values_list(
            "pk", "naam"
        )
    )

    def rij(pk: int) -> Werkelijkheidrij:
        if pk not in rijen:
            rijen[pk] = Werkelijkheidrij(eenheid_id=pk, eenheid=namen.get(pk, str(pk)))
        return rijen[pk]

    geboekt = (
        Urenregel.objects.filter(opdracht=opdracht, datum__lte=vandaag)
        .values("weekstaat__jaar", "weekstaat__week", "eenheid_id")
        .annotate(totaal=Sum("uren"))
        .order_by("weekstaat__jaar", "weekstaat__week", "eenheid_id")
    )
    weken = []
    for r in geboekt:
        uren = r["totaal"] or Decimal("0")
        rij(r["eenheid_id"]).geboekt += uren
        weken.append(
            {
                "jaar": r["weekstaat__jaar"],
                "week": r["weekstaat__week"],
                "eenheid": namen.get(r["eenheid_id"], ""),
                "uren": uren,
            }
        )
    if start is not None:
        sinds = (
            Urenregel.objects.filter(opdracht=opdracht, datum__gte=start, datum__lte=vandaag)
            .values("eenheid_id")
            .annotate(totaal=Sum("uren"))
            .order_by()
        )
        for s in sinds:
            rij(s["eenheid_id"]).geboekt_sinds_start += s["totaal"] or Decimal("0")
    if run is not None and uitkomst is not None:
        maandag = invoer_mod.maandag(vandaag)
        for p in (
            Planregel.objects.filter(planrun=run, bestuursopdracht=opdracht)
            .values("eenheid_id", "week")
            .annotate(totaal=Sum("uren"))
            .order_by()
        ):
            x = rij(p["eenheid_id"])
            x.gepland += p["totaal"]
            if p["week"] <= maandag:
                x.gepland_tot_vandaag += p["totaal"]
    signalen = list(
        Signaal.objects.filter(policy.scope(actor, "signalen.signaal"))
        .filter(bestuursopdracht=opdracht, soort__in=[Signaalsoort.RAMING_90, Signaalsoort.RAMING_100])
        .order_by("soort", "doelgroep", "pk")
    )
    return PlanTegenWerkelijkheid(
        opdracht=opdracht,
        planrun=run if uitkomst is not None else None,
        vandaag=vandaag,
        rijen=sorted(rijen.values(), key=lambda r: r.eenheid),
        raming=opdracht.raming_uren,
        geboekt=sum((r.geboekt for r in rijen.values()), Decimal("0")),
        gepland_na_horizon=uitkomst.uren_na_horizon if uitkomst is not None else Decimal("0"),
        signalen=signalen,
        weken=weken,
    )


def sectie_for(
    actor: Actor, opdracht: Bestuursopdracht, *, vandaag: dt.date | None = None
) -> dict[str, Any] | None:
    """What the section "Planning" on the assignment page shows (None: no plan of its cooperation yet)."""
    if not policy.can(actor, "bestuursopdracht.lezen", opdracht):
        return None
    run = actueel_plan(opdracht.samenwerkingsverband_id)
    if run is None:
        return None
    uitkomst = uitkomst_van(actor, opdracht)
    return {
        "run": run,
        "uitkomst": uitkomst,
        "status": planstatus(uitkomst),
        "status_label": PLANSTATUS_LABELS[planstatus(uitkomst)],
        "weken_te_laat": weken_te_laat(uitkomst) if uitkomst is not None else 0,
        "uitleg": uitleg_tekst(uitkomst) if uitkomst is not None else "",
        "werkelijkheid": plan_tegen_werkelijkheid(actor, opdracht, vandaag=vandaag),
        "mag_plan_lezen": policy.can(actor, "plan.lezen", opdracht.samenwerkingsverband),
    }


def per_opdracht_weken(
    actor: Actor, planrun: Planrun, eenheid_id: int | None = None
) -> dict[int, list[dt.date]]:
    """The weeks with hours per assignment in ``planrun`` (the Gantt view), restricted to readable assignments."""
    qs = planregels_for(actor, planrun)
    if eenheid_id is not None:
        qs = qs.filter(eenheid_id=eenheid_id)
    uit: dict[int, list[dt.date]] = defaultdict(list)
    for pk, week in qs.values_list("bestuursopdracht_id", "week").order_by("bestuursopdracht_id", "week"):
        uit[pk].append(week)
    return uit
