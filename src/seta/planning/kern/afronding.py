"""Rounding of the core's floating-point hours for storage and display (one decimal, half up)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def uren(waarde: float) -> Decimal:
    """Hours as stored (``Planregel.uren``, ``Planuitkomst.uren_gepland``): one decimal, half up; -0.0 → 0.0."""
    d = Decimal(repr(float(waarde))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return d if d != 0 else Decimal("0.0")


def procent(waarde: float) -> Decimal:
    """A percentage for display: one decimal, half up."""
    return Decimal(repr(float(waarde))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
