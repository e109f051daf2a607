"""Reporting periods from a DVO's rapportageritme: calendar-aligned months, quarters, tertials (four
months), halves and years, with Dutch labels ("maart 2026", "2026 K2", "2026 T1", "2026 H1", "2026")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

# Months per period for each rhythm (the values of ``dienstverlening.models.Rapportageritme``).
MAANDEN: dict[str, int] = {"maand": 1, "kwartaal": 3, "tertiaal": 4, "halfjaar": 6, "jaar": 12}
LETTER: dict[str, str] = {"kwartaal": "K", "tertiaal": "T", "halfjaar": "H"}
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


@dataclass(frozen=True, order=True)
class Periode:
    """A reporting period: ``start`` to ``eind`` inclusive; ``nummer`` counts from 1 within the year."""

    start: dt.date
    eind: dt.date
    ritme: str
    jaar: int
    nummer: int

    @property
    def label(self) -> str:
        if self.ritme == "jaar":
            return str(self.jaar)
        if self.ritme == "maand":
            return f"{MAANDNAMEN[self.nummer - 1]} {self.jaar}"
        return f"{self.jaar} {LETTER[self.ritme]}{self.nummer}"

    @property
    def code(self) -> str:
        """A stable key for the period, e.g. ``2026-K2`` (used in a signal's onderwerp and in URLs)."""
        if self.ritme == "jaar":
            return str(self.jaar)
        if self.ritme == "maand":
            return f"{self.jaar}-M{self.nummer:02d}"
        return f"{self.jaar}-{LETTER[self.ritme]}{self.nummer}"

    def bevat(self, dag: dt.date) -> bool:
        return self.start <= dag <= self.eind


def _maanden(ritme: str) -> int:
    try:
        return MAANDEN[ritme]
    except KeyError as exc:
        raise ValueError(f"onbekend rapportageritme {ritme!r}") from exc


def periode(jaar: int, nummer: int, ritme: str) -> Periode:
    """Period ``nummer`` (1-based) of ``jaar`` for ``ritme``."""
    lengte = _maanden(ritme)
    if not 1 <= nummer <= 12 // lengte:
        raise ValueError(f"periode {nummer} bestaat niet bij ritme {ritme!r}")
    eerste_maand = (nummer - 1) * lengte + 1
    start = dt.date(jaar, eerste_maand, 1)
    volgende = eerste_maand + lengte
    eind = (dt.date(jaar + 1, 1, 1) if volgende > 12 else dt.date(jaar, volgende, 1)) - dt.timedelta(days=1)
    return Periode(start=start, eind=eind, ritme=ritme, jaar=jaar, nummer=nummer)


def periode_van(dag: dt.date, ritme: str) -> Periode:
    """The period of ``ritme`` that contains ``dag``."""
    return periode(dag.year, (dag.month - 1) // _maanden(ritme) + 1, ritme)


def volgende(p: Periode) -> Periode:
    return periode_van(p.eind + dt.timedelta(days=1), p.ritme)


def vorige(p: Periode) -> Periode:
    return periode_van(p.start - dt.timedelta(days=1), p.ritme)


def perioden(van: dt.date, tot: dt.date, ritme: str) -> list[Periode]:
    """The periods of ``ritme`` that overlap ``van``..``tot`` (inclusive), in order; together they cover
    every day of that range exactly once."""
    if tot < van:
        return []
    result = [periode_van(van, ritme)]
    while result[-1].eind < tot:
        result.append(volgende(result[-1]))
    return result


def gedekt(periode: Periode, bereiken: Iterable[tuple[dt.date, dt.date]], *, vandaag: dt.date) -> bool:
    """Whether case data was imported for every day of ``periode`` up to ``vandaag`` (``bereiken``: the
    imports' ``periode_van``..``periode_tot``, inclusive). A period without it has no figures ("geen
    gegevens"): its cases are unknown, not zero."""
    eind = min(periode.eind, vandaag)
    dag = periode.start
    for van, tot in sorted(bereiken):
        if van > dag:
            break
        if tot >= dag:
            dag = tot + dt.timedelta(days=1)
        if dag > eind:
            return True
    return dag > eind
