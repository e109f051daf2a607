"""Robustness of the werkorganisatie (seed lines 985-1004): how many people hold each competence.

A competence held by exactly one person is an *eenmanspost*, a single point of failure: when that
person is ill or leaves, nobody else can do the work. Pooling staff should reduce them; new ones can
appear. This module is a pure core: plain data in, plain data out, no Django.

Counts are made per unit *including the units below it* (a team's expertise is also the expertise of
its eenheid) and for the whole pool.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Houder:
    """One active member of staff: id, unit, FTE and the competences held."""

    medewerker_id: int
    eenheid_id: int
    fte: Decimal
    competentie_ids: frozenset[int]


@dataclass(frozen=True)
class Bezetting:
    """How a competence is covered within a unit (or the pool)."""

    competentie_id: int
    aantal: int
    fte: Decimal
    medewerker_ids: tuple[int, ...]

    @property
    def is_eenmanspost(self) -> bool:
        return self.aantal == 1


@dataclass
class Robuustheid:
    """Coverage of every competence per unit (subtree) and for the pool."""

    pool: dict[int, Bezetting] = field(default_factory=dict)
    per_eenheid: dict[int, dict[int, Bezetting]] = field(default_factory=dict)

    def eenmansposten_pool(self) -> list[Bezetting]:
        return [b for b in self.pool.values() if b.is_eenmanspost]

    def eenmansposten(self, eenheid_id: int) -> list[Bezetting]:
        return [b for b in self.per_eenheid.get(eenheid_id, {}).values() if b.is_eenmanspost]


def subtree(tree: Mapping[int, int | None]) -> dict[int, set[int]]:
    """For each unit (id → parent id) the set of units at or below it. Tolerates (and ignores) cycles."""
    result: dict[int, set[int]] = {eid: {eid} for eid in tree}
    for eid in tree:
        seen = {eid}
        parent = tree.get(eid)
        while parent is not None and parent in tree and parent not in seen:
            result[parent].add(eid)
            seen.add(parent)
            parent = tree.get(parent)
    return result


def _bezetting(competentie_id: int, houders: list[Houder]) -> Bezetting:
    return Bezetting(
        competentie_id=competentie_id,
        aantal=len(houders),
        fte=sum((h.fte for h in houders), Decimal("0")),
        medewerker_ids=tuple(sorted(h.medewerker_id for h in houders)),
    )


def bereken(houders: Iterable[Houder], tree: Mapping[int, int | None]) -> Robuustheid:
    """Coverage of each competence for the pool and for every unit of ``tree`` (id → parent id)."""
    houders = list(houders)
    per_competentie: dict[int, list[Houder]] = defaultdict(list)
    for h in houders:
        for c in h.competentie_ids:
            per_competentie[c].append(h)
    result = Robuustheid(pool={c: _bezetting(c, hs) for c, hs in per_competentie.items()})

    onder = subtree(tree)
    for eid, ids in onder.items():
        lokaal: dict[int, list[Houder]] = defaultdict(list)
        for h in houders:
            if h.eenheid_id in ids:
                for c in h.competentie_ids:
                    lokaal[c].append(h)
        result.per_eenheid[eid] = {c: _bezetting(c, hs) for c, hs in lokaal.items()}
    return result
