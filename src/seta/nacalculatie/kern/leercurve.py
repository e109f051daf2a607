"""The learning curve of repeated work (herhalingsvoordeel): Wright's law, fitted. Pure Python, no Django.

Wright's law: the hours of the n-th repetition of the same product are ``a · n^b`` (``b <= 0`` when the pool
learns). Each doubling of the repetitions multiplies the hours by the *learning rate* ``2^b``: ``b = log2(0.85)``
is "each doubling costs 85 %".

Input: the actual hours of the delivered assignments of one catalogue item, **in the order of delivery**; the
first is repetition ``n = 1``, the next ``n = 2`` and so on. A repetition whose hours are unknown (``None``),
zero, negative or not finite still counts for ``n`` (the pool did the work; its hours were not booked in SETA)
but gives no point. The fit is ordinary least squares of ``ln(hours)`` against ``ln(n)`` over the points:

    b = Σ(x - x̄)(y - ȳ) / Σ(x - x̄)²,   ln a = ȳ - b·x̄,   R² = 1 - SS_res / SS_tot

(``R² = 1`` when all points have the same hours: the horizontal line fits them exactly). The prediction is
``a · (N + 1)^b`` for the next repetition after the ``N`` delivered ones.

**Minimum**: :data:`MINIMUM_PUNTEN` = 3 points. Two points always fit exactly (R² = 1 says nothing) and one
gives no slope; below the minimum, or when no repetition has hours, the answer is :class:`OnvoldoendeGegevens`.

**Numbers**: hours may be ``Decimal``, ``int`` or ``float``. The fit needs logarithms, which no ``Decimal``
makes exact, so it computes in binary floating point (``math.fsum`` for the sums). The presented figures are
rounded here, once, at the end, half up, as ``Decimal``: hours to whole hours, the learning rate to a whole
percentage, R² to two decimals, ``b`` to four; the unrounded floats stay on the result for tests and charts.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

MINIMUM_PUNTEN = 3

Uren = Decimal | int | float | None


@dataclass(frozen=True)
class Leercurve:
    """A fitted curve: ``uren(n) = a · n^b``."""

    a: float
    b: float
    r2: float
    punten: int  # repetitions with hours (the fit's points)
    herhalingen: int  # all delivered repetitions (also those without hours)
    volgende_n: int
    voorspelling: float  # hours expected for repetition ``volgende_n``

    @property
    def leerfactor(self) -> float:
        """``2^b``: what each doubling of the repetitions costs, as a fraction of before."""
        return float(2.0**self.b)

    def uren(self, n: int) -> float:
        return self.a * float(n) ** self.b

    # --- rounded, for presentation --------------------------------------------------------------------------
    @property
    def leerfactor_procent(self) -> Decimal:
        return _rond(self.leerfactor * 100, "1")

    @property
    def r2_afgerond(self) -> Decimal:
        return _rond(self.r2, "0.01")

    @property
    def b_afgerond(self) -> Decimal:
        return _rond(self.b, "0.0001")

    @property
    def a_afgerond(self) -> Decimal:
        return _rond(self.a, "1")

    def uren_afgerond(self, n: int) -> Decimal:
        return _rond(self.uren(n), "1")

    @property
    def voorspelling_uren(self) -> Decimal:
        return _rond(self.voorspelling, "1")


@dataclass(frozen=True)
class OnvoldoendeGegevens:
    """Too few repetitions with hours for a curve."""

    punten: int
    herhalingen: int
    minimum: int = MINIMUM_PUNTEN


Uitkomst = Leercurve | OnvoldoendeGegevens


def _rond(waarde: float, stap: str) -> Decimal:
    return Decimal(repr(float(waarde))).quantize(Decimal(stap), rounding=ROUND_HALF_UP)


def _als_float(uren: Uren) -> float | None:
    if uren is None or isinstance(uren, bool):
        return None
    try:
        waarde = float(uren)
    except (TypeError, ValueError, ArithmeticError):
        return None
    if not math.isfinite(waarde) or waarde <= 0:
        return None
    return waarde


def punten(uren_per_herhaling: Sequence[Uren]) -> list[tuple[int, float]]:
    """``(n, hours)`` for each repetition with positive, finite hours (``n`` counts from 1 over all)."""
    result = []
    for n, uren in enumerate(uren_per_herhaling, start=1):
        waarde = _als_float(uren)
        if waarde is not None:
            result.append((n, waarde))
    return result


def fit(uren_per_herhaling: Sequence[Uren], *, minimum: int = MINIMUM_PUNTEN) -> Uitkomst:
    """Fit Wright's law to the hours of successive repetitions (in order of delivery)."""
    if minimum < 2:
        raise ValueError("a fit needs at least two points")
    herhalingen = len(uren_per_herhaling)
    pts = punten(uren_per_herhaling)
    if len(pts) < minimum:
        return OnvoldoendeGegevens(punten=len(pts), herhalingen=herhalingen, minimum=minimum)
    xs = [math.log(n) for n, _ in pts]
    ys = [math.log(h) for _, h in pts]
    k = len(pts)
    x_gem = math.fsum(xs) / k
    y_gem = math.fsum(ys) / k
    sxx = math.fsum((x - x_gem) ** 2 for x in xs)
    sxy = math.fsum((x - x_gem) * (y - y_gem) for x, y in zip(xs, ys, strict=True))
    b = sxy / sxx  # sxx > 0: the n are distinct and there are at least two
    ln_a = y_gem - b * x_gem
    ss_res = math.fsum((y - (ln_a + b * x)) ** 2 for x, y in zip(xs, ys, strict=True))
    ss_tot = math.fsum((y - y_gem) ** 2 for y in ys)
    r2 = 1.0 if ss_tot <= 1e-24 else max(0.0, 1.0 - ss_res / ss_tot)
    a = math.exp(ln_a)
    volgende = herhalingen + 1
    return Leercurve(
        a=a,
        b=b,
        r2=r2,
        punten=k,
        herhalingen=herhalingen,
        volgende_n=volgende,
        voorspelling=a * float(volgende) ** b,
    )
