"""Web pages of the plan (mounted under /planning/plan…, ``urls_plan.py``).

- "Plan" (``plan_overzicht``): the pool's overview — the run's status (refreshed by htmx while it is computed),
  the button "Plan opnieuw berekenen", the key figures, the load per unit for the next 13 weeks against
  capacity (a text marker above 95 %), the assignments expected late, the ones that cannot be planned with their
  reason and the statutory terms in danger. The board sees the same aggregate page; the lists of assignments
  hold only those its members may read (the assignment read scope).
- "Per eenheid" (``plan_gantt``): a Gantt-like table per unit, each assignment a row of week cells, readable
  without colour (symbols with text, the weeks in words, the deadline marked, "te laat" in text).
- "Verdeling" (``plan_verdeling``): per partner and fairness period the received share against the
  entitlement, the fairness measure and the EDF comparison, the rules in force, the open dominance signals;
  visible to every principal of the cooperation (``plan.aandelen_lezen``).

A GET never writes; the one POST (``plan_berekenen``) calls ``services_plan.vraag_plan_aan``.
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_POST, require_safe

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor, actor_for
from seta.core.bounds import parse_id, parse_int
from seta.planning import invoer as invoer_mod
from seta.planning import selectors_plan, services_plan
from seta.planning.models import Planrun, Runstatus
from seta.samenwerkingsverbanden.models import Samenwerkingsverband
from seta.web import actions

WEKEN_BELASTING = 13
WEKEN_GANTT = 26


# --- helpers ------------------------------------------------------------------------------------------------------
def _kies(request: HttpRequest, actor: Actor, actie: str) -> tuple[Samenwerkingsverband, list[Any]]:
    verbanden = selectors_plan.verbanden_voor(actor, actie)
    if not verbanden:
        raise Http404
    slug = request.GET.get("samenwerkingsverband") or request.POST.get("samenwerkingsverband")
    if slug:
        sv = next((v for v in verbanden if v.slug == slug), None)
        if sv is None:
            raise Http404
        return sv, verbanden
    return verbanden[0], verbanden


def _url(naam: str, sv: Samenwerkingsverband) -> str:
    return f"{reverse(naam)}?samenwerkingsverband={sv.slug}"


def _regels_url(run: Planrun | None) -> str:
    try:
        if run is not None and run.regels_id:
            return reverse("planning:regels_detail", args=[run.regels_id])
        return reverse("planning:regels_lijst")
    except NoReverseMatch:
        return ""


def _uren(waarde: Any) -> str:
    return services_plan.uren_tekst(waarde)


def _weeknaam(datum: dt.date) -> str:
    iso = datum.isocalendar()
    return f"week {iso.week} {iso.year}"


def _bereik(weken: list[dt.date]) -> str:
    """``week 12–18 2027`` / ``week 50 2026 – week 3 2027`` / with gaps: ``week 3–5, 9 2027``."""
    if not weken:
        return "geen uren gepland"
    weken = sorted(weken)
    stukken: list[tuple[dt.date, dt.date]] = []
    for w in weken:
        if stukken and (w - stukken[-1][1]).days == 7:
            stukken[-1] = (stukken[-1][0], w)
        else:
            stukken.append((w, w))
    delen = []
    for a, b in stukken:
        ia, ib = a.isocalendar(), b.isocalendar()
        if a == b:
            delen.append(f"week {ia.week} {ia.year}")
        elif ia.year == ib.year:
            delen.append(f"week {ia.week}–{ib.week} {ia.year}")
        else:
            delen.append(f"week {ia.week} {ia.year} – week {ib.week} {ib.year}")
    return ", ".join(delen)


def _status_context(actor: Actor, sv: Samenwerkingsverband) -> dict[str, Any]:
    laatste = selectors_plan.laatste_run(sv)
    if laatste is not None and not selectors_plan.planruns_for(actor).filter(pk=laatste.pk).exists():
        laatste = None
    bezig = laatste is not None and laatste.status in (Runstatus.WACHTRIJ, Runstatus.BEZIG)
    return {
        "sv": sv,
        "laatste": laatste,
        "bezig": bezig,
        "status_url": _url("planning:plan_status", sv),
        "mag_berekenen": policy.can(actor, "plan.berekenen", sv),
    }


def _vandaag_index(run: Planrun) -> int:
    """The week the plan was made for (its ``vandaag``): the pages start there."""
    return max(0, invoer_mod.week_index(run.startweek, selectors_plan.plan_vandaag(run)))


# --- the overview --------------------------------------------------------------------------------------------------
@login_required
@require_safe
def plan_overzicht(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    sv, verbanden = _kies(request, actor, "plan.belasting_lezen")
    run = selectors_plan.actueel_plan_for(actor, sv)
    context: dict[str, Any] = {
        "verbanden": verbanden,
        "keuze_url": reverse("planning:plan_overzicht"),
        **_status_context(actor, sv),
        "run": run,
        "mag_plan_lezen": policy.can(actor, "plan.lezen", sv),
        "gantt_url": _url("planning:plan_gantt", sv),
        "verdeling_url": _url("planning:plan_verdeling", sv),
    }
    if run is not None:
        van = min(_vandaag_index(run), max(0, run.aantal_weken - 1))
        rijen = selectors_plan.belasting(actor, run, van=van, weken=WEKEN_BELASTING)
        uitkomsten = list(selectors_plan.uitkomsten_for(actor, run))
        context.update(
            {
                "r": run.resultaat,
                "weken": [c.week for c in rijen[0].cellen] if rijen else [],
                "belasting": [
                    {
                        "eenheid": rij.eenheid,
                        "cellen": [
                            {
                                "week": c.week,
                                "gepland": _uren(c.gepland),
                                "capaciteit": _uren(c.capaciteit),
                                "pct": c.pct,
                                "vol": c.vol,
                            }
                            for c in rij.cellen
                        ],
                    }
                    for rij in rijen
                ],
                "vol_pct": selectors_plan.VOL_PCT,
                "te_laat": [
                    {
                        "u": u,
                        "uitleg": selectors_plan.uitleg_tekst(u),
                        "weken": selectors_plan.weken_te_laat(u),
                    }
                    for u in uitkomsten
                    if u.planbaar and u.dagen_te_laat > 0
                ],
                "niet_planbaar": [u for u in uitkomsten if not u.planbaar],
                "wettelijk": [
                    {**w, "deadline": dt.date.fromisoformat(w["deadline"]) if w.get("deadline") else None}
                    for w in selectors_plan.wettelijk_for(actor, run)
                ],
                "aantal_zichtbaar": len(uitkomsten),
            }
        )
    return render(request, "planning/plan_overzicht.html", context)


@login_required
@require_safe
def plan_status(request: HttpRequest) -> HttpResponse:
    """The run's status as a fragment (htmx polls it while a run is computed); when the run the page showed as
    being computed is done, htmx reloads the whole page (``HX-Refresh``)."""
    actor = actor_for(request.user)
    sv, _ = _kies(request, actor, "plan.belasting_lezen")
    context = _status_context(actor, sv)
    antwoord = render(request, "planning/_plan_status.html", context)
    if request.headers.get("HX-Request") and not context["bezig"]:
        antwoord["HX-Refresh"] = "true"
    return antwoord


@login_required
@require_POST
def plan_berekenen(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    sv, _ = _kies(request, actor, "plan.belasting_lezen")
    uitkomst = actions.run(
        request,
        lambda: services_plan.vraag_plan_aan(actor=actor, samenwerkingsverband=sv),
    )
    if uitkomst.error is not None:
        return actions.refusal(request, uitkomst.error, back=_url("planning:plan_overzicht", sv))
    return redirect(_url("planning:plan_overzicht", sv))


# --- Gantt per unit ------------------------------------------------------------------------------------------------
@login_required
@require_safe
def plan_gantt(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    sv, verbanden = _kies(request, actor, "plan.belasting_lezen")
    run = selectors_plan.actueel_plan_for(actor, sv)
    context: dict[str, Any] = {
        "verbanden": verbanden,
        "keuze_url": reverse("planning:plan_gantt"),
        "sv": sv,
        "run": run,
        "overzicht_url": _url("planning:plan_overzicht", sv),
    }
    if run is None:
        return render(request, "planning/plan_gantt.html", context)
    eenheden = [
        (r.eenheid_id, r.eenheid) for r in selectors_plan.belasting(actor, run, weken=0) if r.eenheid_id
    ]
    gevraagd = parse_id(request.GET.get("eenheid"), name="eenheid")
    if gevraagd is not None and gevraagd not in {pk for pk, _ in eenheden}:
        raise Http404
    if gevraagd is None and eenheden:  # default: the unit with the most assignments the actor may read
        aantallen = {pk: len(selectors_plan.per_opdracht_weken(actor, run, pk)) for pk, _ in eenheden}
        gevraagd = max(eenheden, key=lambda e: (aantallen[e[0]] > 0, aantallen[e[0]], -eenheden.index(e)))[0]
    eenheid_id = gevraagd
    standaard = min(_vandaag_index(run), max(0, run.aantal_weken - 1))
    van = parse_int(
        request.GET.get("van"), name="van", minimum=0, maximum=run.aantal_weken - 1, default=standaard
    )
    assert van is not None
    tot = min(run.aantal_weken, van + WEKEN_GANTT)
    weken = [invoer_mod.week_datum(run.startweek, w) for w in range(van, tot)]
    rijen = []
    if eenheid_id is not None:
        per_opdracht = selectors_plan.per_opdracht_weken(actor, run, eenheid_id)
        uitkomsten = {
            u.bestuursopdracht_id: u
            for u in selectors_plan.uitkomsten_for(actor, run).filter(
                bestuursopdracht_id__in=list(per_opdracht)
            )
        }
        for pk, alle in sorted(
            per_opdracht.items(),
            key=lambda kv: (
                kv[1][0],
                uitkomsten[kv[0]].bestuursopdracht.nummer if kv[0] in uitkomsten else "",
            ),
        ):
            u = uitkomsten.get(pk)
            if u is None:
                continue
            gepland = set(alle)
            deadline_week = invoer_mod.maandag(u.deadline)
            rijen.append(
                {
                    "u": u,
                    "bereik": _bereik(alle),
                    "te_laat_weken": selectors_plan.weken_te_laat(u),
                    "cellen": [
                        {
                            "week": w,
                            "gepland": w in gepland,
                            "deadline": w == deadline_week,
                            "laat": w in gepland and w > deadline_week,
                        }
                        for w in weken
                    ],
                    "deadline_buiten": not (weken and weken[0] <= deadline_week <= weken[-1]),
                }
            )
    basis = f"{_url('planning:plan_gantt', sv)}&eenheid={eenheid_id or ''}"
    context.update(
        {
            "eenheden": eenheden,
            "eenheid_id": eenheid_id,
            "eenheid_naam": dict(eenheden).get(eenheid_id, "") if eenheid_id else "",
            "weken": weken,
            "rijen": rijen,
            "vorige_url": f"{basis}&van={max(0, van - WEKEN_GANTT)}" if van > 0 else "",
            "volgende_url": f"{basis}&van={tot}" if tot < run.aantal_weken else "",
            "eenheid_url": _url("planning:plan_gantt", sv) + "&eenheid=",
        }
    )
    return render(request, "planning/plan_gantt.html", context)


# --- the distribution (board, every principal) -----------------------------------------------------------------
@login_required
@require_safe
def plan_verdeling(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    sv, verbanden = _kies(request, actor, "plan.aandelen_lezen")
    run = selectors_plan.actueel_plan_for(actor, sv)
    context: dict[str, Any] = {
        "verbanden": verbanden,
        "keuze_url": reverse("planning:plan_verdeling"),
        "sv": sv,
        "run": run,
        "signalen": list(selectors_plan.open_aandeelsignalen(actor, sv)[:20]),
        "mag_belasting": policy.can(actor, "plan.belasting_lezen", sv),
        "overzicht_url": _url("planning:plan_overzicht", sv),
    }
    if run is not None:
        r = run.resultaat or {}
        drempel = r.get("drempel_procentpunt", float(services_plan.STANDAARD_DREMPEL))
        perioden: dict[int, dict[str, Any]] = {}
        rijen_a = selectors_plan.aandelen(actor, run)
        totalen = services_plan.periodetotalen(rijen_a)
        for a in rijen_a:
            p = perioden.setdefault(
                a["periode"],
                {"naam": a["periode_naam"], "rijen": [], "leeg": totalen.get(a["periode"], 0.0) <= 0},
            )
            p["rijen"].append(
                {
                    **a,
                    "ontvangen_tekst": services_plan.pct_tekst(a["ontvangen_pct"]),
                    "recht_tekst": services_plan.pct_tekst(a["recht_pct"]),
                    "verschil_tekst": (
                        ("+" if a["verschil_pct"] > 0 else "") + f"{a['verschil_pct']:.1f}"
                    ).replace(".", ","),
                    "tekort_tekst": _uren(a["tekort"]),
                    "ontvangen_uren": _uren(a["ontvangen"]),
                    "recht_uren": _uren(a["recht"]),
                    "afwijking": services_plan.wijkt_af(a, drempel, totalen.get(a["periode"], 0.0)),
                }
            )
        context.update(
            {
                "r": r,
                "grondslag": str(r.get("grondslag") or "").rstrip("."),
                "perioden": [perioden[k] for k in sorted(perioden)],
                "drempel": services_plan.pct_tekst(drempel).replace(" %", ""),
                "edf": r.get("edf"),
                "regels": run.regels,
                "regels_url": _regels_url(run),
                "tekort": _uren(r.get("tekort", 0)),
                "edf_tekort": _uren((r.get("edf") or {}).get("tekort", 0)),
                "laatheid": _uren(r.get("laatheid", 0)),
                "edf_laatheid": _uren((r.get("edf") or {}).get("laatheid", 0)),
            }
        )
    return render(request, "planning/plan_verdeling.html", context)


# --- the index page's links (planning/views.py) -----------------------------------------------------------------
def _ziet(actie: str) -> Any:
    def zichtbaar(actor: Actor) -> bool:
        return bool(selectors_plan.verbanden_voor(actor, actie))

    return zichtbaar


def _registreer_links() -> None:
    try:
        planning_views = importlib.import_module("seta.planning.views")
    except ModuleNotFoundError:  # pragma: no cover - the index page ships with planning
        return
    links = getattr(planning_views, "PLANNING_LINKS", None)
    if links is None or any(link[0] == "planning:plan_overzicht" for link in links):
        return
    links += [
        (
            "planning:plan_overzicht",
            "Plan",
            "Het plan van de opdrachten: status, belasting per eenheid en week, te laat, niet planbaar, "
            "wettelijke termijnen.",
            _ziet("plan.belasting_lezen"),
        ),
        (
            "planning:plan_gantt",
            "Plan per eenheid",
            "Per eenheid de opdrachten en hun weken (balkenschema).",
            _ziet("plan.belasting_lezen"),
        ),
        (
            "planning:plan_verdeling",
            "Verdeling",
            "Per deelnemer het ontvangen aandeel van de opdrachtcapaciteit tegen het recht.",
            _ziet("plan.aandelen_lezen"),
        ),
    ]


_registreer_links()
