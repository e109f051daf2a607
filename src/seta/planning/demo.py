"""Demo data for capacity planning: the BEL pool's planning rules and absences (``demo_regels``), then a plan of
its commissioned work with a what-if a person can open (``demo_plan``). Everything through the services."""

from __future__ import annotations

from typing import Any


def build(ctx: Any) -> None:
    from seta.planning import demo_plan, demo_regels

    demo_regels.build(ctx)
    demo_plan.build(ctx)
