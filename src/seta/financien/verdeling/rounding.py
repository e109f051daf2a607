"""Rounding to cents, in one place.

Amounts stay exact (``Fraction``) until the very end. A split of a total over gemeenten is then
rounded with the *largest-remainder* method: every share is rounded down to the cent, and the cents
still missing to reach the (rounded) total go one each to the shares with the largest remainders,
ties broken by gemeente code (ascending). So the shares always sum exactly to the total, each share
is within one cent of its exact value, and the result never depends on the order of input.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

CENT = Decimal("0.01")


def to_cents(value: Fraction) -> int:
    """Round an exact amount to whole cents, half away from zero (the commercial rule)."""
    cents = value * 100
    rounded = math.floor(abs(cents) + Fraction(1, 2))
    return rounded if cents >= 0 else -rounded


def round_amount(value: Fraction) -> Decimal:
    """An exact amount as a Decimal of euros with two decimals, rounded half away from zero."""
    return cents_to_decimal(to_cents(value))


def cents_to_decimal(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(CENT)


def largest_remainder(shares: Mapping[str, Fraction], total_cents: int | None = None) -> dict[str, Decimal]:
    """Round exact ``shares`` (keyed by gemeente code) to cents that sum to ``total_cents``.

    ``total_cents`` defaults to the exact sum of the shares, rounded; it must lie between the sum of
    the rounded-down shares and that sum plus the number of shares.
    """
    floors = {code: math.floor(share * 100) for code, share in shares.items()}
    if total_cents is None:
        total_cents = to_cents(sum(shares.values(), Fraction(0)))
    missing = total_cents - sum(floors.values())
    if not 0 <= missing <= len(shares):
        raise ValueError(f"cannot round {len(shares)} shares to a total of {total_cents} cents")
    by_remainder = sorted(shares, key=lambda code: (-(shares[code] * 100 - floors[code]), code))
    for code in by_remainder[:missing]:
        floors[code] += 1
    return {code: cents_to_decimal(cents) for code, cents in floors.items()}


def decimal_percentage(share: Fraction, places: int = 4) -> Decimal:
    """A share (0..1) as a percentage with ``places`` decimals, for display."""
    exponent = Decimal(1).scaleb(-places)
    return (Decimal(share.numerator) * 100 / Decimal(share.denominator)).quantize(exponent, ROUND_HALF_UP)


def format_euro(amount: Decimal) -> str:
    """Dutch notation: ``€ 1.234.567,89`` (minus sign before the euro sign)."""
    text = f"{abs(amount.quantize(CENT, ROUND_HALF_UP)):,.2f}".replace(",", "_").replace(".", ",")
    return ("-" if amount < 0 else "") + "€ " + text.replace("_", ".")


def format_percentage(value: Decimal) -> str:
    """Dutch notation with a comma: ``38,88%``."""
    return f"{value}%".replace(".", ",")
