from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

register = template.Library()


@register.filter
def uren_of_leeg(value: Any) -> str:
    """Hours as text with a decimal comma; empty for zero."""
    if value in (None, "") or Decimal(value) == 0:
        return ""
    text = f"{Decimal(value).normalize():f}"
    return text.replace(".", ",")


@register.filter
def dagnaam(dagkoppen: list[dict[str, Any]], index: int) -> str:
    dag = dagkoppen[int(index)]
    return f"{dag['naam']} {dag['datum']:%d-%m}"
