"""Dutch notation in the council report's template: thin wrappers around the pure ``kern.opmaak`` (which the
tables, the charts and the XLSX use too, so every figure reads the same everywhere)."""

from __future__ import annotations

from typing import Any

from django import template

from seta.rapportage.kern import opmaak

register = template.Library()


@register.filter
def r_euro(value: Any) -> str:
    """``€ 1.234,56``."""
    return opmaak.euro(value)


@register.filter
def r_uren(value: Any) -> str:
    """``1.234,5 uur``."""
    return opmaak.uren(value, eenheid=True)


@register.filter
def r_datum(value: Any) -> str:
    """``31 augustus 2026``."""
    return opmaak.datum(value)


@register.filter
def r_dagen(value: Any) -> str:
    """``10,5 dagen``."""
    return opmaak.dagen(value)


@register.filter
def r_procent(value: Any) -> str:
    return opmaak.procent(value)


@register.filter
def r_richting(value: Any) -> str:
    """``▲ hoger`` / ``▼ lager`` / ``= gelijk`` / ``● nieuw``."""
    return opmaak.richting(value)


@register.filter
def r_aantal(value: Any, vormen: str) -> str:
    """``1 opdracht`` / ``5 opdrachten`` from ``"opdracht,opdrachten"``."""
    enkel, _, meer = vormen.partition(",")
    n = int(value or 0)
    return f"{opmaak.getal(n)} {enkel if n == 1 else meer or enkel}"
