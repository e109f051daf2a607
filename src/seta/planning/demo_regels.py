"""Demo: the BEL pool's adopted planning rules for the demo year and a few absences (filled in by the rules
and capacity work)."""

from __future__ import annotations

from typing import Any


def build(ctx: Any) -> None:
    return None
