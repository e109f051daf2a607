"""Demo: a plan of the BEL pool's commissioned work (filled in by the plan work)."""

from __future__ import annotations

from typing import Any


def build(ctx: Any) -> None:
    return None
