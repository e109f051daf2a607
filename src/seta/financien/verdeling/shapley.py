"""The Shapley value of a joint product's cost, exact (``Fraction``).

Each deelnemer pays its average marginal cost over all orders in which the coalition could have
formed: phi_i = sum over S not containing i of |S|! (n-|S|-1)! / n! * (c(S + i) - c(S)).

The cost function c needs, besides the joint cost of all deelnemers and each deelnemer's
stand-alone cost, the cost of every sub-coalition. Where the input does not give one, the default
is the *subadditive* one:

    c(S) = min(sum of the stand-alone costs of S, joint cost of all deelnemers)

i.e. a sub-coalition never costs more than each of its members doing it alone, nor more than the
whole joint product. With two deelnemers no sub-coalition exists and the default is never used.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from math import factorial

from .model import MAX_SHAPLEY_DEELNEMERS

CostFunction = Callable[[frozenset[str]], Fraction]


def coalition_cost(
    joint_cost: Fraction,
    standalone: Mapping[str, Fraction],
    coalitions: Mapping[frozenset[str], Fraction] | None = None,
) -> CostFunction:
    """The cost function of a joint product: given costs first, else the subadditive default."""
    everyone = frozenset(standalone)
    given = dict(coalitions or {})

    def cost(coalition: frozenset[str]) -> Fraction:
        if not coalition:
            return Fraction(0)
        if coalition == everyone:
            return joint_cost
        if len(coalition) == 1:
            return standalone[next(iter(coalition))]
        if coalition in given:
            return given[coalition]
        return min(sum((standalone[d] for d in coalition), Fraction(0)), joint_cost)

    return cost


def shapley_values(deelnemers: Sequence[str], cost: CostFunction) -> dict[str, Fraction]:
    """Exact Shapley values; they sum to ``cost(all deelnemers)`` (efficiency)."""
    players = sorted(set(deelnemers))
    n = len(players)
    if n > MAX_SHAPLEY_DEELNEMERS:
        raise ValueError(f"Shapley is limited to {MAX_SHAPLEY_DEELNEMERS} deelnemers (got {n})")
    # The cost of every coalition, indexed by bitmask over ``players``.
    costs = [
        cost(frozenset(p for bit, p in enumerate(players) if mask >> bit & 1)) if mask else Fraction(0)
        for mask in range(1 << n)
    ]
    weight = [Fraction(factorial(k) * factorial(n - k - 1), factorial(n)) for k in range(n)]
    values: dict[str, Fraction] = {}
    for bit, player in enumerate(players):
        me = 1 << bit
        values[player] = sum(
            (
                weight[mask.bit_count()] * (costs[mask | me] - costs[mask])
                for mask in range(1 << n)
                if not mask & me
            ),
            Fraction(0),
        )
    return values
