"""Home-page panels of the plan (see seta.web.home): for the pool "Verwacht te laat" (the assignments the current
plan delivers after their deadline), for the board "Verdeling van de opdrachtcapaciteit" (the current period's
shares per partner against entitlement). Who sees which is the policy's (``plan.lezen``; ``plan.belasting_lezen``
without ``plan.lezen``: the board)."""

from __future__ import annotations

from typing import Any

from seta.autorisaties.actor import Actor
from seta.planning import selectors_plan, services_plan
from seta.web.home import Panel

MAX = 8


def panels(actor: Actor) -> list[Panel]:
    if actor.user is None or actor.is_systeem:
        return []
    result: list[Panel] = []
    pool = selectors_plan.verbanden_voor(actor, "plan.lezen")
    if pool:
        te_laat: list[dict[str, Any]] = []
        plannen = []
        for sv in pool:
            run = selectors_plan.actueel_plan_for(actor, sv)
            if run is None:
                continue
            plannen.append(sv)
            for u in selectors_plan.uitkomsten_for(actor, run).filter(planbaar=True, dagen_te_laat__gt=0):
                te_laat.append({"u": u, "weken": selectors_plan.weken_te_laat(u), "sv": sv})
        if plannen:
            te_laat.sort(key=lambda t: (-t["u"].dagen_te_laat, t["u"].bestuursopdracht.nummer))
            result.append(
                Panel(
                    titel="Verwacht te laat volgens het plan",
                    template="planning/panels/plan_pool.html",
                    context={"te_laat": te_laat[:MAX], "aantal": len(te_laat), "plannen": plannen},
                    volgorde=46,
                )
            )
    pool_ids = {sv.pk for sv in pool}
    bestuur = [
        sv for sv in selectors_plan.verbanden_voor(actor, "plan.belasting_lezen") if sv.pk not in pool_ids
    ]
    plannen_b = []
    for sv in bestuur:
        run = selectors_plan.actueel_plan_for(actor, sv)
        if run is None:
            continue
        huidig = services_plan.huidige_periode(run)
        drempel = float(run.resultaat.get("drempel_procentpunt", services_plan.STANDAARD_DREMPEL))
        alle = selectors_plan.aandelen(actor, run)
        totalen = services_plan.periodetotalen(alle)
        rijen = [a for a in alle if a["periode"] == huidig]
        if not rijen:
            continue
        plannen_b.append(
            {
                "sv": sv,
                "periode": rijen[0]["periode_naam"],
                "rijen": [
                    {
                        "naam": a["gemeente_naam"],
                        "ontvangen": services_plan.pct_tekst(a["ontvangen_pct"]),
                        "recht": services_plan.pct_tekst(a["recht_pct"]),
                        "afwijking": services_plan.wijkt_af(a, drempel, totalen.get(huidig, 0.0)),
                    }
                    for a in rijen
                ],
            }
        )
    if plannen_b:
        result.append(
            Panel(
                titel="Verdeling van de opdrachtcapaciteit",
                template="planning/panels/plan_aandelen.html",
                context={"plannen": plannen_b},
                volgorde=47,
            )
        )
    return result
