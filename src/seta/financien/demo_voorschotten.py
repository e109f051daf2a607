"""Demo advances of BEL, made through the services by the controller (ADR 0035).

- 2025 (the closed year): quarterly terms, adopted and sent; the 2025 settlement (still a concept) is then
  recalculated so that it settles against these advances;
- 2026 (the current year): monthly terms, adopted (not yet sent), when the demo has a 2026 budget and
  tariffs (``financien/demo.py`` builds them); otherwise skipped with a line in the log.

Called at the end of ``financien.demo.build`` (after the budget and the model are adopted, before any
settlement is adopted).
"""

from __future__ import annotations

from typing import Any

from seta.autorisaties.actor import actor_for
from seta.demo.builder import DemoContext
from seta.financien import services, voorschotten
from seta.financien.models import Afrekening, Afrekeningstatus, Begroting, Ritme
from seta.financien.verdeling.rounding import format_euro

PLAN = ((2025, Ritme.KWARTAAL, True), (2026, Ritme.MAAND, False))


def build(ctx: DemoContext, jaar: int | None = None) -> None:
    """The advances of ``jaar`` (every year of :data:`PLAN` when None)."""
    sv = ctx.data.get("verbanden", {}).get("bel")
    users: dict[str, Any] = ctx.data.get("users", {})
    if sv is None or "controller.bel" not in users:
        return
    controller = actor_for(users["controller.bel"])
    for plan_jaar, ritme, verzenden in PLAN:
        if jaar is not None and plan_jaar != jaar:
            continue
        if not Begroting.objects.filter(samenwerkingsverband=sv, jaar=plan_jaar).exists():
            ctx.log(f"  voorschotten {plan_jaar} overgeslagen: geen begroting {plan_jaar}")
            continue
        schema = voorschotten.calculate_schedule(
            actor=controller, samenwerkingsverband=sv, jaar=plan_jaar, ritme=ritme
        )
        schema = voorschotten.adopt_schedule(actor=controller, schema=schema)
        if verzenden:
            schema = voorschotten.send_schedule(actor=controller, schema=schema)
        afrekening = Afrekening.objects.filter(samenwerkingsverband=sv, jaar=plan_jaar).first()
        if afrekening is not None and afrekening.status == Afrekeningstatus.CONCEPT:
            services.settle_year(
                actor=controller,
                samenwerkingsverband=sv,
                jaar=plan_jaar,
                verdeelmodel=afrekening.verdeelmodel,
            )
        ctx.log(
            f"  voorschotten {plan_jaar}: {schema.get_ritme_display().lower()}, {format_euro(schema.totaal)}"
        )
