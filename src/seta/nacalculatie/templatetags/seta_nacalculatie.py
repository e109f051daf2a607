"""Dutch notation of hours and percentages for the nacalculatie section (the core's own formatting)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from seta.nacalculatie.kern import actuals

register = template.Library()


@register.filter
def nc_uren(value: Any) -> str:
    """``1.234,5`` (— when unknown)."""
    if value in (None, ""):
        return "—"
    return actuals.uren(Decimal(str(value)))


@register.filter
def nc_procent(value: Any) -> str:
    """``92,5 %`` (— when unknown)."""
    if value in (None, ""):
        return "—"
    return f"{actuals.procent(Decimal(str(value)))} %"


@register.filter
def nc_abs(value: Any) -> Any:
    return abs(Decimal(str(value))) if value not in (None, "") else value
