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
from seta.core.errors import SetaError
from seta.demo.builder import DemoContext
from seta.financien import services, voorschotten
from seta.financien.models import Afrekening, Afrekeningstatus, Begroting, Ritme

PLAN = ((2025, Ritme.KWARTAAL, True), (2026, Ritme.MAAND, False))


def build(ctx: DemoContext) -> None:
    sv = ctx.data.get("verbanden", {}).get("bel")
    users: dict[str, Any] = ctx.data.get("users", {})
    if sv is None or "controller.bel" not in users:
        return
    controller = actor_for(users["controller.bel"])
    for jaar, ritme, verzenden in PLAN:
        if not Begroting.objects.filter(samenwerkingsverband=sv, jaar=jaar).exists():
            ctx.log(f"  voorschotten {jaar} overgeslagen: geen begroting {jaar}")
            continue
        try:
            schema = voorschotten.calculate_schedule(
                actor=controller, samenwerkingsverband=sv, jaar=jaar, ritme=ritme
            )
            schema = voorschotten.adopt_schedule(actor=controller, schema=schema)
            if verzenden:
                schema = voorschotten.send_schedule(actor=controller, schema=schema)
        except SetaError as exc:  # e.g. no tariffs for the year yet, or its settlement already adopted
            ctx.log(f"  voorschotten {jaar} niet (geheel) gemaakt: {exc}")
            continue
        afrekening = Afrekening.objects.filter(samenwerkingsverband=sv, jaar=jaar).first()
        if afrekening is not None and afrekening.status == Afrekeningstatus.CONCEPT:
            services.settle_year(
                actor=controller, samenwerkingsverband=sv, jaar=jaar, verdeelmodel=afrekening.verdeelmodel
            )
        ctx.log(f"  voorschotten {jaar}: {schema.get_ritme_display().lower()}, € {schema.totaal}")
