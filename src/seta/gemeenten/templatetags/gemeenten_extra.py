"""Template filters for Dutch number display."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def duizendtallen(value: Any) -> str:
    """11536 → '11.536' (Dutch thousands separator), independent of the active locale."""
    try:
        return f"{int(value):,}".replace(",", ".")
    except (TypeError, ValueError):
        return "" if value is None else str(value)
