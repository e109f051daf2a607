"""Demo: the plan of the BEL pool's commissioned work, computed once through the service as the demo channel.

Runs after ``demo_regels`` (the adopted rules and the absences) and after the assignments and the hours. The
assignments are taken as the demo left them: those still in intake without an estimate, or on hold, show on
the plan's page as "niet planbaar" with their reason (never dropped). The plan starts on the Monday of the
peildatum's week (2 November 2026) and spans 65 weeks; it is computed at once (``achtergrond=False``), so the
demo is complete when ``seta demo`` ends.
"""

from __future__ import annotations

from typing import Any

from seta.autorisaties.actor import system_actor
from seta.planning import invoer, services_plan
from seta.planning.models import Runstatus


def build(ctx: Any) -> None:
    sv = ctx.data.get("verbanden", {}).get("bel")
    if sv is None:
        ctx.log("demo: plan overgeslagen (geen BEL)")
        return
    run = services_plan.vraag_plan_aan(
        actor=system_actor("demo"),
        samenwerkingsverband=sv,
        startweek=invoer.maandag(ctx.peildatum),
        weken=invoer.STANDAARD_WEKEN,
        achtergrond=False,
        vandaag=ctx.peildatum,
    )
    ctx.data["planrun"] = run
    if run.status != Runstatus.GEREED:
        ctx.log(f"demo: plan van {sv.naam} mislukt: {run.foutmelding}")
        return
    r = run.resultaat
    edf = r.get("edf") or {}
    ctx.log(
        f"demo: plan {sv.naam}: {r['aantal_planbaar']} opdrachten gepland, {r['niet_planbaar']} niet planbaar, "
        f"{r['te_laat']} te laat; vertraging {r['laatheid_ongewogen']} uurweken (EDF {edf.get('laatheid_ongewogen')}), "
        f"eerlijkheidstekort {r['tekort']} uur (EDF {edf.get('tekort')}); {r['methode']} in {r['rekentijd_ms']} ms"
    )
