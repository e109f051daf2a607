"""Indexation of a year's budget and tariffs (jaar opzetten): pure arithmetic, no Django.

Municipalities index next year's figures with a wage and a price percentage (the kaderbrief). The rule
SETA uses (docs/financien-jaar.md, ADR 0034):

- personeel x (1 + loonindex/100); materieel x (1 + prijsindex/100);
- overhead by the mix of both in the proportion of personeel to materieel in the source budget (the
  overhead of a werkorganisatie is staff and accommodation in about that proportion); with neither,
  the price index;
- every hourly tariff (standard, per unit, per scale) x (1 + loonindex/100): an integral tariff is
  mostly salary;
- a partner's advance follows its budget: x (new total / old total).

Amounts stay exact (``Fraction``) and are rounded to cents, half away from zero, once at the end.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from seta.financien.verdeling.rounding import round_amount

HONDERD = Fraction(100)


def _f(value: Decimal | int | str) -> Fraction:
    return Fraction(Decimal(value))


def factor(procent: Decimal | int | str) -> Fraction:
    """The growth factor of a percentage: 2.5 -> 1.025 (exact)."""
    return 1 + _f(procent) / HONDERD


def indexeer(bedrag: Decimal | int | str, procent: Decimal | int | str) -> Decimal:
    """``bedrag`` raised by ``procent`` per cent, rounded to cents."""
    return round_amount(_f(bedrag) * factor(procent))


def overhead_procent(
    personeel: Decimal | int | str,
    materieel: Decimal | int | str,
    loonindex: Decimal | int | str,
    prijsindex: Decimal | int | str,
) -> Fraction:
    """The overhead's percentage: the wage and price index weighted by personeel and materieel."""
    p, m = _f(personeel), _f(materieel)
    if p + m == 0:
        return _f(prijsindex)
    return (p * _f(loonindex) + m * _f(prijsindex)) / (p + m)


@dataclass(frozen=True)
class Geindexeerd:
    """The indexed budget: the three cost types and the overhead's (mixed) percentage."""

    personeel: Decimal
    materieel: Decimal
    overhead: Decimal
    overhead_procent: Decimal  # rounded to two decimals, for the explanation only

    @property
    def totaal(self) -> Decimal:
        return self.personeel + self.materieel + self.overhead


def indexeer_begroting(
    personeel: Decimal | int | str,
    materieel: Decimal | int | str,
    overhead: Decimal | int | str,
    loonindex: Decimal | int | str,
    prijsindex: Decimal | int | str,
) -> Geindexeerd:
    mix = overhead_procent(personeel, materieel, loonindex, prijsindex)
    return Geindexeerd(
        personeel=indexeer(personeel, loonindex),
        materieel=indexeer(materieel, prijsindex),
        overhead=round_amount(_f(overhead) * (1 + mix / HONDERD)),
        overhead_procent=round_amount(mix),
    )


def indexeer_tarief(uurtarief: Decimal | int | str, loonindex: Decimal | int | str) -> Decimal:
    """An integral hourly tariff follows the wage index."""
    return indexeer(uurtarief, loonindex)


def schaal_mee(
    bedrag: Decimal | int | str, oud_totaal: Decimal | int | str, nieuw_totaal: Decimal | int | str
) -> Decimal:
    """``bedrag`` in proportion to a total that went from ``oud_totaal`` to ``nieuw_totaal`` (cents)."""
    oud = _f(oud_totaal)
    if oud == 0:
        return round_amount(_f(bedrag))
    return round_amount(_f(bedrag) * _f(nieuw_totaal) / oud)
