from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from seta.financien.verdeling.rounding import format_euro

register = template.Library()


@register.filter
def euro(value: Any) -> str:
    """``€ 1.234.567,89`` (Dutch notation)."""
    if value in (None, ""):
        return "–"
    return format_euro(Decimal(str(value)))


@register.filter
def procent(value: Any) -> str:
    if value in (None, ""):
        return "–"
    return f"{Decimal(str(value)):.2f}%".replace(".", ",")


@register.filter
def met_teken(value: Any) -> str:
    """An amount with an explicit + for increases (so a difference is never told by colour alone)."""
    if value in (None, ""):
        return "–"
    amount = Decimal(str(value))
    return ("+" if amount > 0 else "") + format_euro(amount)


@register.filter
def procent_met_teken(value: Any) -> str:
    if value in (None, ""):
        return "–"
    amount = Decimal(str(value))
    return ("+" if amount > 0 else "") + f"{amount:.2f}%".replace(".", ",")


@register.filter
def index(sequence: Any, i: int) -> Any:
    return sequence[int(i)]
