"""Advances (voorschotten): a yearly amount split into monthly or quarterly terms, with due dates.

Pure: no Django, nothing of SETA outside this package. Three things, each exact:

- :func:`split` divides a yearly amount into ``n`` terms that sum to it to the cent: every term is the
  yearly amount divided by ``n`` rounded toward zero to the cent, and the cents left over (at most
  ``n - 1``) go on the LAST term. So the first ``n - 1`` invoices are equal and the last one settles
  the rounding, as municipal invoices usually do;
- :func:`perioden` gives the terms of a year for a rhythm (``maand``: 12, ``kwartaal``: 4) with their
  period, label and due date (:func:`vervaldatum`);
- :func:`vervaldatum` is the first working day of the period, or (with ``dag``) that day of the period's
  first month moved to the next working day. Working days are Monday to Friday except the Dutch public
  holidays of :func:`feestdagen` (New Year, Easter Monday, King's Day, Liberation Day in lustrum years,
  Ascension, Whit Monday, Christmas). January 1 is always a holiday, so a January term is due on the
  first working day after it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

CENT = Decimal("0.01")
MAAND = "maand"
KWARTAAL = "kwartaal"
AANTAL = {MAAND: 12, KWARTAAL: 4}
MAANDNAMEN = (
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


def split(jaarbedrag: Decimal, aantal: int) -> list[Decimal]:
    """``jaarbedrag`` (to the cent) in ``aantal`` terms summing to it exactly; the remainder on the last."""
    if aantal < 1:
        raise ValueError("at least one term")
    totaal = jaarbedrag.quantize(CENT)
    if totaal != jaarbedrag:
        raise ValueError(f"{jaarbedrag} is not an amount in cents")
    termijn = (totaal / aantal).quantize(CENT, rounding=ROUND_DOWN)
    laatste = totaal - termijn * (aantal - 1)
    return [termijn] * (aantal - 1) + [laatste.quantize(CENT)]


def pasen(jaar: int) -> dt.date:
    """Easter Sunday (Gregorian calendar; the anonymous algorithm of Meeus/Jones/Butcher)."""
    a = jaar % 19
    b, c = divmod(jaar, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    maand, dag = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(jaar, maand, dag + 1)


def feestdagen(jaar: int) -> frozenset[dt.date]:
    """The Dutch public holidays on which no invoice falls due (Good Friday is a working day)."""
    p = pasen(jaar)
    koningsdag = dt.date(jaar, 4, 27)
    if koningsdag.weekday() == 6:  # a Sunday: the Saturday before
        koningsdag = dt.date(jaar, 4, 26)
    dagen = {
        dt.date(jaar, 1, 1),
        p + dt.timedelta(days=1),
        koningsdag,
        p + dt.timedelta(days=39),
        p + dt.timedelta(days=50),
        dt.date(jaar, 12, 25),
        dt.date(jaar, 12, 26),
    }
    if jaar % 5 == 0:
        dagen.add(dt.date(jaar, 5, 5))
    return frozenset(dagen)


def is_werkdag(datum: dt.date) -> bool:
    return datum.weekday() < 5 and datum not in feestdagen(datum.year)


def volgende_werkdag(datum: dt.date) -> dt.date:
    """``datum`` itself when it is a working day, else the first working day after it."""
    while not is_werkdag(datum):
        datum += dt.timedelta(days=1)
    return datum


def vervaldatum(jaar: int, maand: int, dag: int | None = None) -> dt.date:
    """The due date of a term whose period begins in ``maand``: the first working day of that month, or
    day ``dag`` (1..28) of it moved to the next working day."""
    if dag is not None and not 1 <= dag <= 28:
        raise ValueError("dag must be 1..28")
    return volgende_werkdag(dt.date(jaar, maand, dag or 1))


@dataclass(frozen=True)
class Periode:
    """One term of a year: its number, label, first and last day, and due date."""

    nummer: int
    label: str
    begin: dt.date
    eind: dt.date
    vervaldatum: dt.date


def perioden(jaar: int, ritme: str, dag: int | None = None) -> list[Periode]:
    """The terms of ``jaar`` for ``ritme`` (``maand`` or ``kwartaal``)."""
    if ritme not in AANTAL:
        raise ValueError(f"unknown rhythm {ritme!r}")
    stap = 12 // AANTAL[ritme]
    result = []
    for nummer in range(1, AANTAL[ritme] + 1):
        eerste = (nummer - 1) * stap + 1
        laatste = eerste + stap - 1
        label = f"{MAANDNAMEN[eerste - 1]} {jaar}" if ritme == MAAND else f"{nummer}e kwartaal {jaar}"
        result.append(
            Periode(
                nummer,
                label,
                dt.date(jaar, eerste, 1),
                dt.date(jaar, laatste, calendar.monthrange(jaar, laatste)[1]),
                vervaldatum(jaar, eerste, dag),
            )
        )
    return result


def factuurkenmerk(prefix: str, jaar: int, nummer: int, cbs_code: str) -> str:
    """The invoice reference of a term, e.g. ``BEL-2026-V03-0317`` (cooperation's abbreviation, year, term,
    CBS number); the abbreviation keeps only letters, digits and hyphens."""
    cijfers = cbs_code[2:] if cbs_code[:2].upper() == "GM" else cbs_code
    afkorting = "".join(c for c in prefix.upper() if c.isascii() and (c.isalnum() or c == "-")).strip("-")
    return f"{afkorting or 'SV'}-{jaar}-V{nummer:02d}-{cijfers}"
