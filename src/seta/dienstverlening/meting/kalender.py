"""Working days per the Algemene termijnenwet (Atw), pure Python.

A working day (werkdag) is a day that is not a Saturday, a Sunday or a generally recognised public holiday
(algemeen erkende feestdag) of art. 3 Atw:

- lid 1: Nieuwjaarsdag (1 January), the Christian second Easter day and second Whit day (Easter Monday,
  Whit Monday), both Christmas days (25 and 26 December), Hemelvaartsdag (Ascension, Easter + 39 days), the
  day on which the King's birthday is celebrated (Koningsdag: 27 April, 26 April when the 27th is a Sunday;
  before 2014 Koninginnedag: 30 April, 29 April when the 30th is a Sunday) and 5 May (every year);
- lid 2: Goede Vrijdag (Good Friday, Easter − 2 days) is equated with those days for the Atw, so it is no
  working day here either;
- lid 3: days equated by royal decree (published every few years in the Staatscourant, e.g. the Friday after
  Ascension) are not fixed by a rule; a caller may pass them as ``gelijkgesteld``.

Easter Sunday follows the Gregorian computus (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache

EEN_DAG = dt.timedelta(days=1)


def pasen(jaar: int) -> dt.date:
    """Easter Sunday of ``jaar`` (Gregorian calendar)."""
    a = jaar % 19
    b, c = divmod(jaar, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ll = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ll) // 451
    maand, dag = divmod(h + ll - 7 * m + 114, 31)
    return dt.date(jaar, maand, dag + 1)


def koningsdag(jaar: int) -> dt.date:
    """The day the King's (before 2014: the Queen's) birthday is celebrated; moved a day back from a Sunday."""
    dag = dt.date(jaar, 4, 27) if jaar >= 2014 else dt.date(jaar, 4, 30)
    return dag - EEN_DAG if dag.weekday() == 6 else dag


@lru_cache(maxsize=256)
def feestdagen(jaar: int) -> dict[dt.date, str]:
    """The generally recognised public holidays of art. 3 lid 1 and 2 Atw in ``jaar``, with their Dutch names."""
    p = pasen(jaar)
    return {
        dt.date(jaar, 1, 1): "Nieuwjaarsdag",
        p - 2 * EEN_DAG: "Goede Vrijdag",
        p + EEN_DAG: "Tweede paasdag",
        koningsdag(jaar): "Koningsdag" if jaar >= 2014 else "Koninginnedag",
        dt.date(jaar, 5, 5): "Bevrijdingsdag (5 mei)",
        p + 39 * EEN_DAG: "Hemelvaartsdag",
        p + 50 * EEN_DAG: "Tweede pinksterdag",
        dt.date(jaar, 12, 25): "Eerste kerstdag",
        dt.date(jaar, 12, 26): "Tweede kerstdag",
    }


def is_werkdag(dag: dt.date, gelijkgesteld: frozenset[dt.date] = frozenset()) -> bool:
    """Not a Saturday, Sunday, Atw holiday or a day equated with one (``gelijkgesteld``, art. 3 lid 3)."""
    return dag.weekday() < 5 and dag not in feestdagen(dag.year) and dag not in gelijkgesteld


def werkdagen(van: dt.date, tot: dt.date, gelijkgesteld: Iterable[dt.date] = ()) -> int:
    """The number of working days ``d`` with ``van < d <= tot`` (the first day does not count, as a term
    starts the day after receipt); 0 when ``tot <= van``. Additive: ``werkdagen(a, c) = werkdagen(a, b) +
    werkdagen(b, c)`` for ``a <= b <= c``."""
    if tot <= van:
        return 0
    extra = frozenset(gelijkgesteld)
    dagen = (tot - van).days
    weken, rest = divmod(dagen, 7)
    aantal = weken * 5
    dag = van + dt.timedelta(days=weken * 7)
    for _ in range(rest):
        dag += EEN_DAG
        if dag.weekday() < 5:
            aantal += 1
    # Holidays and equated days on weekdays inside the interval are no working days.
    vrij = set(extra)
    for jaar in range(van.year, tot.year + 1):
        vrij.update(feestdagen(jaar))
    aantal -= sum(1 for d in vrij if van < d <= tot and d.weekday() < 5)
    return aantal


def kalenderdagen(van: dt.date, tot: dt.date) -> int:
    """Calendar days from ``van`` to ``tot`` (0 when ``tot <= van``)."""
    return max((tot - van).days, 0)
