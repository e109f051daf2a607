"""Dutch notation of the report's figures: the content holds decimal strings and ISO dates, the reader sees
``€ 1.234,56``, ``1.234,5 uur``, ``91,2 %`` and ``31 augustus 2026``. Pure (no Django), so the charts
(``grafiek.py``), the tables (``tabellen.py``), the template filters and the XLSX all say the same.

``euro`` writes exactly what ``financien.verdeling.rounding.format_euro`` writes (a test holds them equal).
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

LEEG = "–"  # a figure that does not exist (not measured, no previous report)

MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)

RICHTING = {
    "hoger": "▲ hoger",
    "lager": "▼ lager",
    "gelijk": "= gelijk",
    "nieuw": "● nieuw",
}


def decimaal(value: Any) -> Decimal | None:
    """The content's decimal string (or a number) as a Decimal; None for a missing or unreadable figure."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _groepeer(value: Decimal, decimals: int) -> str:
    quantum = Decimal(1).scaleb(-decimals)
    text = f"{abs(value.quantize(quantum, ROUND_HALF_UP)):,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def getal(value: Any, decimals: int = 0) -> str:
    """``1.234`` / ``1.234,5`` (minus sign in front); ``–`` when missing."""
    number = decimaal(value)
    if number is None:
        return LEEG
    text = _groepeer(number, decimals)
    negative = number.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP) < 0
    return ("-" if negative else "") + text


def euro(value: Any) -> str:
    """``€ 1.234,56``; a negative amount ``-€ 12,50`` (as ``format_euro``); ``–`` when missing."""
    number = decimaal(value)
    if number is None:
        return LEEG
    return ("-" if number < 0 else "") + "€ " + _groepeer(number, 2)


def uren(value: Any, *, eenheid: bool = False) -> str:
    """``1.234,5`` (one decimal), with `` uur`` when ``eenheid``; ``–`` when missing."""
    text = getal(value, 1)
    return f"{text} uur" if eenheid and text != LEEG else text


def procent(value: Any) -> str:
    """``91,2 %`` (one decimal); ``–`` when missing."""
    text = getal(value, 1)
    return LEEG if text == LEEG else f"{text} %"


def dagen(value: Any) -> str:
    """``4,5 dagen`` / ``1 dag``; ``–`` when missing."""
    number = decimaal(value)
    if number is None:
        return LEEG
    if number == number.to_integral_value():
        return f"{getal(number)} {'dag' if abs(number) == 1 else 'dagen'}"
    return f"{getal(number, 1)} dagen"


def datum(value: Any) -> str:
    """``31 augustus 2026`` from an ISO date (or a date); ``–`` when missing."""
    if value in (None, ""):
        return LEEG
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        try:
            value = dt.date.fromisoformat(str(value)[:10])
        except ValueError:
            return str(value)
    return f"{value.day} {MAANDEN[value.month - 1]} {value.year}"


def richting(value: Any) -> str:
    """An arrow and a word, never a colour alone: ``▲ hoger``, ``▼ lager``, ``= gelijk``, ``● nieuw``."""
    return RICHTING.get(str(value), LEEG)


def ja_nee(value: Any) -> str:
    if value is None:
        return LEEG
    return "ja" if value else "nee"


def met_teken(value: Any, decimals: int = 0) -> str:
    """A difference with an explicit ``+`` for an increase (``+3``, ``-1,5``, ``0``)."""
    number = decimaal(value)
    if number is None:
        return LEEG
    text = getal(number, decimals)
    return ("+" + text) if number > 0 and text.strip("0,.") else text


def verschil(value: Any, soort: str = "getal") -> str:
    """A difference in the notation of its figure, with an explicit sign: ``+€ 525,40``, ``-12,5 uur``,
    ``+3,5 dagen``, ``+2``; ``0`` for no change and ``–`` when there is nothing to compare."""
    number = decimaal(value)
    if number is None:
        return LEEG
    if soort == "euro":
        text = euro(number)
        return "+" + text if number.quantize(Decimal("0.01"), ROUND_HALF_UP) > 0 else text
    if soort == "uren":
        return met_teken(number, 1)
    if soort == "dagen":
        return met_teken(number, 1) if number != number.to_integral_value() else met_teken(number)
    return met_teken(number)
