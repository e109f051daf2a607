"""Services of the plan: requesting a plan run and computing it (the one write path of ``Planrun`` and its rows).

``vraag_plan_aan`` checks the policy (``plan.berekenen``), builds the instance from the database
(``planning.invoer.bouw``), stores it on a new run (``invoer``, the core's JSON plus the maps back to primary keys)
and computes it: at once (small instances, tests, ``achtergrond=False``) or in a background thread with its own
database connection (ADR 0044, the interim until issue 16's job queue). ``voer_uit`` computes a stored run with
the solver (``kern.oplosser.plan``) and the EDF baseline (``kern.edf.edf``) for the comparison, and stores one
``Planuitkomst`` per demand *and* per assignment that cannot be planned (``planbaar=False`` with its reason: never
silently dropped), the hours per assignment × unit × week (``Planregel``, one decimal by ``kern.afronding``), the
summary (``resultaat``) and the audit event; then it raises the plan's signals (the dominance signal per partner
and fairness period, the statutory terms that cannot be met), idempotent by key.

A run is ``wachtrij`` → ``bezig`` → ``gereed`` | ``mislukt`` (with ``foutmelding``). A run interrupted by a restart
stays ``bezig``; the next request for that cooperation marks runs ``wachtrij``/``bezig`` older than
:data:`VERLOPEN_NA` ``mislukt`` (:func:`ruim_verlopen_op`).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.core import audit
from seta.core.errors import Conflict, InvalidInput
from seta.gemeenten.models import Gemeente
from seta.opdrachten.models import Bestuursopdracht
from seta.planning import invoer as invoer_mod
from seta.planning.kern import afronding, edf, oplosser
from seta.planning.kern.model import Instantie, Plan, PlanFout, PlanInvoerFout
from seta.planning.models import Planningsregels, Planregel, Planrun, Planuitkomst, Runstatus
from seta.samenwerkingsverbanden.models import Samenwerkingsverband
from seta.signalen.models import Doelgroep, Signaalsoort
from seta.signalen.services import signaleer

log = logging.getLogger(__name__)

#: Instances with at least this many demands are computed in the background (unless the caller says otherwise).
ACHTERGROND_VANAF = 2000
#: A run still ``wachtrij`` or ``bezig`` after this long was interrupted (a restart): marked ``mislukt``.
VERLOPEN_NA = dt.timedelta(minutes=30)
WEKEN_MAX = 156
#: The dominance threshold when no rules are adopted (the model's default).
STANDAARD_DREMPEL = Decimal("5.0")
ONDERBROKEN = (
    "De berekening is onderbroken (bijvoorbeeld door een herstart van de server) en niet afgemaakt. "
    "Vraag het plan opnieuw aan."
)


# --- helpers -----------------------------------------------------------------------------------------------------
def pct_tekst(waarde: float | Decimal) -> str:
    """A percentage as a Dutch text: ``24,3 %`` (one decimal by the core's rounding)."""
    return f"{afronding.procent(float(waarde))} %".replace(".", ",")


def uren_tekst(waarde: float | Decimal) -> str:
    return f"{afronding.uren(float(waarde))}".replace(".", ",")


def periode_grenzen(
    startweek: dt.date, periode: int, periode_weken: int, weken: int
) -> tuple[dt.date, dt.date]:
    """The Monday of the first and the Friday of the last week of fairness period ``periode``."""
    eerste = periode * periode_weken
    laatste = min(weken, eerste + periode_weken) - 1
    return invoer_mod.week_datum(startweek, eerste), invoer_mod.week_einde(startweek, laatste)


def periode_naam(van: dt.date, tot: dt.date) -> str:
    """``week 45 2026 – week 5 2027`` (ISO weeks)."""
    a, b = van.isocalendar(), tot.isocalendar()
    return f"week {a.week} {a.year} – week {b.week} {b.year}"


def _weeklabel(startweek: dt.date, index: int) -> str:
    d = invoer_mod.week_datum(startweek, index).isocalendar()
    return f"week {d.week} {d.year}"


def kan_op_achtergrond() -> bool:
    """Whether a background thread can see and write the run: not inside a transaction (a test, an atomic
    request: the thread's own connection would not see the uncommitted run) and not an in-memory SQLite
    database (one per connection)."""
    if connection.in_atomic_block:
        return False
    if connection.vendor == "sqlite":
        naam = str(connection.settings_dict.get("NAME") or "")
        if not naam or ":memory:" in naam or "mode=memory" in naam:
            return False
    return True


@transaction.atomic
def ruim_verlopen_op(
    samenwerkingsverband: Samenwerkingsverband, *, actor: Actor, nu: dt.datetime | None = None
) -> int:
    """Mark the runs of ``samenwerkingsverband`` that were interrupted (``wachtrij``/``bezig`` for longer than
    :data:`VERLOPEN_NA`) ``mislukt``; returns how many. Called by the write path before a new run starts, after
    its policy check; ``actor`` is the one whose request found them (named in the audit trail)."""
    grens = (nu or timezone.now()) - VERLOPEN_NA
    runs = list(
        Planrun.objects.select_for_update()
        .filter(
            samenwerkingsverband=samenwerkingsverband,
            status__in=[Runstatus.WACHTRIJ, Runstatus.BEZIG],
            aangevraagd_op__lt=grens,
        )
        .only("pk", "status", "foutmelding")
    )
    for run in runs:
        voor = {"status": run.status}
        Planrun.objects.filter(pk=run.pk).update(status=Runstatus.MISLUKT, foutmelding=ONDERBROKEN)
        run.status = Runstatus.MISLUKT
        audit.record(
            actor=actor,
            action="planrun.onderbroken",
            instance=run,
            before=voor,
            after={"status": Runstatus.MISLUKT, "foutmelding": ONDERBROKEN},
        )
    return len(runs)


# --- requesting a run ----------------------------------------------------------------------------------------------
def vraag_plan_aan(
    *,
    actor: Actor,
    samenwerkingsverband: Samenwerkingsverband,
    startweek: dt.date | None = None,
    weken: int = invoer_mod.STANDAARD_WEKEN,
    achtergrond: bool | None = None,
    vandaag: dt.date | None = None,
) -> Planrun:
    """Request a plan of ``samenwerkingsverband``'s commissioned work over ``weken`` weeks from ``startweek``
    (default: this week's Monday; any day means its week). Computed at once when ``achtergrond`` is False, when
    the instance has fewer than :data:`ACHTERGROND_VANAF` demands (``achtergrond`` None) or when a thread could
    not see the run (:func:`kan_op_achtergrond`); else in a background thread. Returns the run (``gereed`` or
    ``mislukt`` when computed at once, ``wachtrij``/``bezig`` otherwise). 409 while another run of the
    cooperation is still being computed."""
    policy.require(actor, "plan.berekenen", samenwerkingsverband, read_action="samenwerkingsverband.lezen")
    fouten: dict[str, list[str]] = {}
    if isinstance(weken, bool) or not isinstance(weken, int) or not 1 <= weken <= WEKEN_MAX:
        fouten["weken"] = [f"Een geheel aantal weken van 1 tot en met {WEKEN_MAX}."]
    if startweek is not None and not isinstance(startweek, dt.date):
        fouten["startweek"] = ["Een datum (de eerste week van het plan)."]
    if fouten:
        raise InvalidInput(fields=fouten)
    ruim_verlopen_op(samenwerkingsverband, actor=actor)
    with transaction.atomic():
        Samenwerkingsverband.objects.select_for_update().filter(pk=samenwerkingsverband.pk).first()
        if Planrun.objects.filter(
            samenwerkingsverband=samenwerkingsverband, status__in=[Runstatus.WACHTRIJ, Runstatus.BEZIG]
        ).exists():
            raise Conflict(
                "Er wordt al een plan berekend voor dit samenwerkingsverband; wacht tot het klaar is."
            )
        planinvoer = invoer_mod.bouw(samenwerkingsverband, startweek=startweek, weken=weken, vandaag=vandaag)
        data = invoer_mod.naar_json(planinvoer)
        data["koppeling"] = {
            "opdrachten": dict(planinvoer.opdrachten),
            "eenheden": dict(planinvoer.eenheden),
            "partners": dict(planinvoer.partners),
            "niet_planbaar": [[pk, reden] for pk, reden in planinvoer.niet_planbaar],
            "vandaag": (vandaag or timezone.localdate()).isoformat(),
        }
        run = Planrun.objects.create(
            samenwerkingsverband=samenwerkingsverband,
            regels=planinvoer.regels if isinstance(planinvoer.regels, Planningsregels) else None,
            status=Runstatus.WACHTRIJ,
            startweek=planinvoer.startweek,
            aantal_weken=planinvoer.weken,
            aangevraagd_door=actor.user,
            invoer=data,
        )
        audit.record(
            actor=actor,
            action="planrun.aangevraagd",
            instance=run,
            after={
                "samenwerkingsverband": samenwerkingsverband.pk,
                "startweek": run.startweek.isoformat(),
                "weken": run.aantal_weken,
                "vragen": len(planinvoer.instantie.vragen),
                "niet_planbaar": len(planinvoer.niet_planbaar),
            },
        )
    groot = len(planinvoer.instantie.vragen) >= ACHTERGROND_VANAF
    op_achtergrond = (achtergrond is True or (achtergrond is None and groot)) and kan_op_achtergrond()
    if op_achtergrond:
        start_achtergrond(run.pk, actor=actor)
    else:
        voer_uit(run.pk, actor=actor)
    run.refresh_from_db()
    return run


def start_achtergrond(planrun_id: int, *, actor: Actor) -> threading.Thread:
    """Compute run ``planrun_id`` in a daemon thread with its own database connection (closed at the end)."""

    def werk() -> None:
        try:
            voer_uit(planrun_id, actor=actor)
        except Exception:  # voer_uit stores its own failures; this is the last resort (e.g. the DB went away)
            log.exception("Planrun %s: achtergrondberekening faalde", planrun_id)
        finally:
            connection.close()

    thread = threading.Thread(target=werk, name=f"planrun-{planrun_id}", daemon=True)
    thread.start()
    return thread


# --- computing a run -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Berekend:
    plan: Plan
    edf: Plan | None
    rekentijd_ms: int


def _losser() -> Callable[[Instantie], Plan]:
    """The solver (``kern.oplosser.plan``: HiGHS, lexicographic stages); a seam for tests."""
    return oplosser.plan


def _met_weeknamen(inst: Instantie, startweek: dt.date) -> Instantie:
    """The instance with the ISO weeks' names, so the core's texts say "week 45 2026" rather than an index."""
    namen = []
    for w in range(inst.weken):
        iso = invoer_mod.week_datum(startweek, w).isocalendar()
        namen.append(f"{iso.week} {iso.year}")
    return replace(inst, weeknamen=tuple(namen))


def _bereken(inst: Instantie) -> _Berekend:
    t0 = time.perf_counter()
    plan = _losser()(inst)
    ms = round((time.perf_counter() - t0) * 1000)
    try:
        vergelijking: Plan | None = edf.edf(inst)
    except Exception:  # the comparison is informative; a failing baseline does not fail the plan
        log.exception("EDF-vergelijking faalde")
        vergelijking = None
    return _Berekend(plan=plan, edf=vergelijking, rekentijd_ms=ms)


def _foutmelding(exc: Exception) -> str:
    if isinstance(exc, PlanInvoerFout):
        regels = [f"{pad}: {' '.join(m)}" for pad, m in exc.fouten.items()]
        return "De invoer van het plan is niet geldig. " + " ".join(regels)
    if isinstance(exc, PlanFout):  # the solver's own Dutch text
        return str(exc)
    return (
        f"Het plan kon niet worden berekend: {exc}"
        if str(exc)
        else (f"Het plan kon niet worden berekend ({type(exc).__name__}).")
    )


def voer_uit(planrun_id: int, *, actor: Actor) -> Planrun:
    """Compute the stored run ``planrun_id`` (only from ``wachtrij``: a second call does nothing) and store its
    outcome; a failure is stored as ``mislukt`` with a Dutch ``foutmelding``, never raised. ``actor`` is the one who
    requested it (named in the audit trail and on the signals)."""
    with transaction.atomic():
        run = Planrun.objects.select_for_update().get(pk=planrun_id)
        if run.status != Runstatus.WACHTRIJ:
            return run
        run.status = Runstatus.BEZIG
        run.gestart_op = timezone.now()
        run.save(update_fields=["status", "gestart_op"])
    try:
        inst = _met_weeknamen(invoer_mod.uit_json(run.invoer), run.startweek)
        berekend = _bereken(inst)
        with transaction.atomic():
            _sla_op(run, inst, berekend, actor=actor)
            _signaleer(run, actor=actor)
    except Exception as exc:
        log.exception("Planrun %s mislukt", planrun_id)
        melding = _foutmelding(exc)
        with transaction.atomic():
            Planrun.objects.filter(pk=run.pk).update(
                status=Runstatus.MISLUKT, foutmelding=melding, gereed_op=timezone.now()
            )
            run.refresh_from_db()
            audit.record(
                actor=actor,
                action="planrun.mislukt",
                instance=run,
                before={"status": Runstatus.BEZIG},
                after={"status": Runstatus.MISLUKT, "foutmelding": melding},
            )
    return run


def _uitkomst_rijen(
    run: Planrun, inst: Instantie, plan: Plan, koppeling: Mapping[str, Any]
) -> tuple[list[Planuitkomst], list[Planregel]]:
    opdracht_pk: Mapping[str, int] = koppeling["opdrachten"]
    eenheid_pk: Mapping[str, int] = koppeling["eenheden"]
    startweek, weken = run.startweek, inst.weken
    niet_planbaar = {int(pk): reden for pk, reden in koppeling.get("niet_planbaar", [])}
    pks = set(opdracht_pk.values()) | set(niet_planbaar)
    deadlines = dict(Bestuursopdracht.objects.filter(pk__in=pks).values_list("pk", "deadline"))
    wettelijk = {p.id for p in plan.wettelijk}
    uitkomsten: list[Planuitkomst] = []
    regels: list[Planregel] = []
    for vraag in inst.vragen:
        pk = opdracht_pk[vraag.id]
        u = plan.uitkomsten.get(vraag.id)
        deadline = deadlines[pk]
        if u is None:  # the solver left it out: stored, never dropped
            uitkomsten.append(
                Planuitkomst(
                    planrun=run,
                    bestuursopdracht_id=pk,
                    planbaar=False,
                    reden="De rekenkern gaf geen uitkomst voor deze opdracht.",
                    wettelijk=vraag.wettelijk,
                    deadline=deadline,
                )
            )
            continue
        binnen = {w: h for w, h in u.uren_per_week.items() if 0 <= w < weken and h > 0}
        oplevering: dt.date | None = None
        if u.oplevering_week is not None and u.oplevering_week < weken:
            # the core plans in weeks: done in the deadline's own week is on time (the deadline day, or the week's
            # Monday when the deadline lies before the horizon); a later week delivers on its Friday
            oplevering = invoer_mod.week_einde(startweek, u.oplevering_week)
            if u.weken_te_laat == 0 and oplevering > deadline:
                oplevering = max(deadline, invoer_mod.week_datum(startweek, u.oplevering_week))
        dagen = max(0, (oplevering - deadline).days) if oplevering else 7 * u.weken_te_laat
        uitleg: dict[str, Any] = {
            "reden": u.reden,
            "weken_te_laat": u.weken_te_laat,
            "oplevering_week": u.oplevering_week,
            "na_planperiode": u.oplevering_week is not None and u.oplevering_week >= weken,
            "wettelijk_onhaalbaar": vraag.id in wettelijk,
        }
        if u.wacht_op:
            uitleg["wacht_op"] = u.wacht_op
            uitleg["wacht_op_naam"] = run.invoer.get("eenheden", {}).get(u.wacht_op, u.wacht_op)
            if u.eerste_week is not None:
                uitleg["tot_week"] = invoer_mod.week_datum(startweek, u.eerste_week).isoformat()
        uitkomsten.append(
            Planuitkomst(
                planrun=run,
                bestuursopdracht_id=pk,
                planbaar=True,
                wettelijk=vraag.wettelijk,
                uren_gepland=afronding.uren(sum(binnen.values())),
                uren_na_horizon=afronding.uren(u.uren_na_horizon),
                eerste_week=invoer_mod.week_datum(startweek, u.eerste_week)
                if u.eerste_week is not None and 0 <= u.eerste_week < weken
                else None,
                verwachte_oplevering=oplevering,
                deadline=deadline,
                dagen_te_laat=dagen,
                uitleg=uitleg,
            )
        )
        for w, h in sorted(binnen.items()):
            uren = afronding.uren(h)
            if uren > 0:
                regels.append(
                    Planregel(
                        planrun=run,
                        bestuursopdracht_id=pk,
                        eenheid_id=eenheid_pk[vraag.eenheid],
                        week=invoer_mod.week_datum(startweek, w),
                        uren=uren,
                    )
                )
    for pk, reden in niet_planbaar.items():
        uitkomsten.append(
            Planuitkomst(
                planrun=run,
                bestuursopdracht_id=pk,
                planbaar=False,
                reden=reden[:300],
                deadline=deadlines[pk],
            )
        )
    return uitkomsten, regels


def _aandelen(
    run: Planrun, inst: Instantie, plan: Plan, koppeling: Mapping[str, Any]
) -> list[dict[str, Any]]:
    namen: Mapping[str, str] = run.invoer.get("partners", {})
    partner_pk: Mapping[str, int] = koppeling["partners"]
    pw = inst.regels.periode_weken
    rijen = []
    for a in sorted(plan.aandelen, key=lambda a: (a.periode, namen.get(a.partner, a.partner))):
        van, tot = periode_grenzen(run.startweek, a.periode, pw, inst.weken)
        ontvangen_pct = afronding.procent(a.ontvangen_pct)
        recht_pct = afronding.procent(a.recht_pct)
        rijen.append(
            {
                "partner": a.partner,
                "gemeente": partner_pk.get(a.partner),
                "gemeente_naam": namen.get(a.partner, a.partner),
                "periode": a.periode,
                "periode_naam": periode_naam(van, tot),
                "van": van.isoformat(),
                "tot": tot.isoformat(),
                "ontvangen": float(afronding.uren(a.ontvangen)),
                "recht": float(afronding.uren(a.recht)),
                "tekort": float(afronding.uren(a.tekort)),
                "ontvangen_pct": float(ontvangen_pct),
                "recht_pct": float(recht_pct),
                "verschil_pct": float(ontvangen_pct - recht_pct),
            }
        )
    return rijen


def _cijfers(plan: Plan | None) -> dict[str, Any] | None:
    if plan is None:
        return None
    return {
        "methode": plan.methode,
        "status": plan.status,
        "laatheid": float(afronding.uren(plan.laatheid)),
        "laatheid_ongewogen": float(afronding.uren(plan.laatheid_ongewogen)),
        "tekort": float(afronding.uren(plan.tekort)),
        "rekentijd_s": round(plan.rekentijd_s, 3),
        "wettelijk_onhaalbaar": len(plan.wettelijk),
    }


def _sla_op(run: Planrun, inst: Instantie, berekend: _Berekend, *, actor: Actor) -> None:
    plan = berekend.plan
    koppeling = run.invoer["koppeling"]
    uitkomsten, regels = _uitkomst_rijen(run, inst, plan, koppeling)
    Planuitkomst.objects.bulk_create(uitkomsten, batch_size=1000)
    Planregel.objects.bulk_create(regels, batch_size=2000)
    opdracht_pk: Mapping[str, int] = koppeling["opdrachten"]
    eenheid_pk: Mapping[str, int] = koppeling["eenheden"]
    belasting = {
        str(eenheid_pk[k]): [float(afronding.uren(h)) for h in v]
        for k, v in plan.belasting.items()
        if k in eenheid_pk
    }
    deadlines = {u.bestuursopdracht_id: u.deadline for u in uitkomsten}
    wettelijk = []
    for p in plan.wettelijk:
        pk = opdracht_pk.get(p.id)
        weken_tekort = sorted(
            w
            for w, h in (plan.uitkomsten[p.id].uren_per_week.items() if p.id in plan.uitkomsten else ())
            if h > 0 and w > p.deadline_week
        )
        wettelijk.append(
            {
                "opdracht": pk,
                "nummer": p.id,
                "deadline": deadlines[pk].isoformat() if pk in deadlines else None,
                "deadline_week": p.deadline_week,
                "uren_te_laat": float(afronding.uren(p.uren_te_laat)),
                "weken": [
                    _weeklabel(run.startweek, w) if w < inst.weken else "na de planperiode"
                    for w in weken_tekort
                ],
                "tekst": p.tekst,
            }
        )
    drempel = run.regels.drempel_procentpunt if run.regels is not None else STANDAARD_DREMPEL
    te_laat = sum(1 for u in uitkomsten if u.planbaar and u.dagen_te_laat > 0)
    run.resultaat = {
        **(_cijfers(plan) or {}),
        "rekentijd_ms": berekend.rekentijd_ms,
        "edf": _cijfers(berekend.edf),
        "aandelen": _aandelen(run, inst, plan, koppeling),
        "periode_weken": inst.regels.periode_weken,
        "drempel_procentpunt": float(drempel),
        "grondslag": run.invoer.get("grondslag", ""),
        "wettelijk": wettelijk,
        "belasting": belasting,
        "aantal_vragen": len(inst.vragen),
        "aantal_planbaar": sum(1 for u in uitkomsten if u.planbaar),
        "niet_planbaar": sum(1 for u in uitkomsten if not u.planbaar),
        "te_laat": te_laat,
        "na_planperiode": sum(1 for u in uitkomsten if u.uitleg.get("na_planperiode")),
        "stappen": {k: float(v) for k, v in plan.stappen.items()},
    }
    run.status = Runstatus.GEREED
    run.gereed_op = timezone.now()
    run.rekentijd_ms = berekend.rekentijd_ms
    run.foutmelding = ""
    run.save(update_fields=["resultaat", "status", "gereed_op", "rekentijd_ms", "foutmelding"])
    audit.record(
        actor=actor,
        action="planrun.gereed",
        instance=run,
        before={"status": Runstatus.BEZIG},
        after={
            "status": Runstatus.GEREED,
            "uitkomsten": len(uitkomsten),
            "planregels": len(regels),
            "laatheid": run.resultaat["laatheid"],
            "tekort": run.resultaat["tekort"],
            "rekentijd_ms": berekend.rekentijd_ms,
        },
    )


def _link(naam: str, *args: Any, query: str = "") -> str:
    try:
        return reverse(naam, args=args) + query
    except NoReverseMatch:  # the page is not mounted (a test without the planning pages)
        return ""


# --- the plan's signals ----------------------------------------------------------------------------------------
def huidige_periode(run: Planrun) -> int:
    """The index of the fairness period containing the run's ``today`` (0 when today lies before the horizon)."""
    pw = int(run.resultaat.get("periode_weken") or 13)
    vandaag_s = run.invoer.get("koppeling", {}).get("vandaag")
    vandaag = dt.date.fromisoformat(vandaag_s) if vandaag_s else timezone.localdate()
    return max(0, invoer_mod.week_index(run.startweek, vandaag)) // pw


def periodetotalen(aandelen: list[dict[str, Any]]) -> dict[int, float]:
    """The hours planned per fairness period (a joint assignment's hours counted once: shares sum to 1)."""
    totaal: dict[int, float] = {}
    for a in aandelen:
        totaal[a["periode"]] = totaal.get(a["periode"], 0.0) + float(a["ontvangen"])
    return totaal


def wijkt_af(a: Mapping[str, Any], drempel: float | Decimal, periode_totaal: float) -> bool:
    """Whether a share deviates from the entitlement by more than ``drempel`` points; a period without any planned
    hours has no shares to compare (not a deviation)."""
    if periode_totaal <= 0:
        return False
    return abs(Decimal(str(a["verschil_pct"]))) > Decimal(str(drempel))


def afwijkingen(run: Planrun, *, perioden: set[int] | None = None) -> list[dict[str, Any]]:
    """The shares of ``run`` that deviate from the entitlement by more than the rules' threshold (in the given
    fairness periods; default the current one)."""
    drempel = Decimal(str(run.resultaat.get("drempel_procentpunt", STANDAARD_DREMPEL)))
    perioden = {huidige_periode(run)} if perioden is None else perioden
    alle = list(run.resultaat.get("aandelen", []))
    totalen = periodetotalen(alle)
    return [
        a for a in alle if a["periode"] in perioden and wijkt_af(a, drempel, totalen.get(a["periode"], 0.0))
    ]


def aandeel_tekst(a: Mapping[str, Any]) -> str:
    """``Laren krijgt in week 45 2026 – week 5 2027 24,3 % van de opdrachtcapaciteit tegen een recht van 30,0 %.``"""
    tekst = (
        f"{a['gemeente_naam']} krijgt in {a['periode_naam']} {pct_tekst(a['ontvangen_pct'])} van de "
        f"opdrachtcapaciteit tegen een recht van {pct_tekst(a['recht_pct'])} "
        f"({'+' if a['verschil_pct'] > 0 else ''}{str(afronding.procent(a['verschil_pct'])).replace('.', ',')} "
        "procentpunt)."
    )
    if a["verschil_pct"] < 0 and a["tekort"] <= 0:
        tekst += f" {a['gemeente_naam']} had in die periode niet meer werk klaarstaan dan het kreeg (geen tekort in uren)."
    elif a["tekort"] > 0:
        tekst += f" Het tekort tegen het eerlijke deel is {uren_tekst(a['tekort'])} uur."
    return tekst


def _signaleer(run: Planrun, *, actor: Actor) -> list[Any]:
    sv = run.samenwerkingsverband
    link = _link("planning:plan_verdeling", query=f"?samenwerkingsverband={sv.slug}")
    nieuw: list[Any] = []
    afw = afwijkingen(run)
    gemeenten = Gemeente.objects.in_bulk({a["gemeente"] for a in afw if a.get("gemeente")})
    for a in afw:
        gemeente = gemeenten.get(a.get("gemeente"))
        ontvangers: list[tuple[str, Any]] = [(Doelgroep.POOL, None)]
        if gemeente is not None:
            ontvangers.append((Doelgroep.COLLEGE, gemeente))
        richting = "boven" if a["verschil_pct"] > 0 else "onder"
        nieuw += signaleer(
            actor=actor,
            samenwerkingsverband=sv,
            soort=Signaalsoort.AANDEEL_AFWIJKING,
            onderwerp=f"aandeel:sv:{sv.pk}:partner:{a['partner']}:periode:{a['van']}:{richting}",
            ontvangers=ontvangers,
            titel=f"Aandeel {a['gemeente_naam']} in de planning {richting} het recht ({a['periode_naam']})",
            tekst=aandeel_tekst(a),
            link=link,
        )
    problemen = [w for w in run.resultaat.get("wettelijk", []) if w.get("opdracht")]
    opdrachten = (
        Bestuursopdracht.objects.filter(pk__in=[w["opdracht"] for w in problemen])
        .prefetch_related("opdrachtgevers__gemeente")
        .in_bulk()
    )
    for w in problemen:
        opdracht = opdrachten.get(w["opdracht"])
        if opdracht is None:
            continue
        ontvangers = [(Doelgroep.POOL, None)] + [
            (Doelgroep.COLLEGE, og.gemeente)
            for og in opdracht.opdrachtgevers.all()
            if og.teruggetrokken_op is None
        ]
        weken = ", ".join(w["weken"]) if w["weken"] else "—"
        tekst = (
            f"{opdracht.nummer} {opdracht.titel}: de wettelijke termijn ({opdracht.wettelijke_termijn or 'deadline'}, "
            f"uiterlijk {dt.date.fromisoformat(w['deadline']):%d-%m-%Y}) is in de planning niet haalbaar; "
            f"{uren_tekst(w['uren_te_laat'])} uur valt na de termijn, in {weken}. {w['tekst']}"
        ).strip()
        nieuw += signaleer(
            actor=actor,
            samenwerkingsverband=sv,
            soort=Signaalsoort.WETTELIJK_ONHAALBAAR,
            onderwerp=f"wettelijk:opdracht:{opdracht.pk}:deadline:{w['deadline']}",
            ontvangers=ontvangers,
            titel=f"Wettelijke termijn niet haalbaar: {opdracht.nummer}",
            tekst=tekst,
            link=_link("opdrachten:detail", opdracht.pk, query="#h-planning"),
            bestuursopdracht=opdracht,
        )
    return nieuw
