"""The eenmansposten core: counts per competence, for the pool and per unit subtree."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from seta.organisatie.robuustheid import Houder, bereken, subtree

# A fixed tree: 1 root; 2 and 3 under 1; 4 under 2.
TREE: dict[int, int | None] = {1: None, 2: 1, 3: 1, 4: 2}


def test_single_holder_is_an_eenmanspost_and_two_are_not() -> None:
    houders = [
        Houder(1, 4, Decimal("1.0"), frozenset({10, 11})),
        Houder(2, 3, Decimal("0.5"), frozenset({10})),
    ]
    result = bereken(houders, TREE)
    assert {b.competentie_id for b in result.eenmansposten_pool()} == {11}
    assert result.pool[10].aantal == 2
    assert result.pool[10].fte == Decimal("1.5")
    # Within unit 2 (with team 4) both competences have one holder; unit 3 only knows 10.
    assert {b.competentie_id for b in result.eenmansposten(2)} == {10, 11}
    assert {b.competentie_id for b in result.eenmansposten(3)} == {10}
    assert result.eenmansposten(1) == result.eenmansposten_pool()


def test_subtree_tolerates_cycles() -> None:
    assert subtree({1: 2, 2: 1}) == {1: {1, 2}, 2: {1, 2}}


houder = st.builds(
    Houder,
    medewerker_id=st.integers(1, 10_000),
    eenheid_id=st.sampled_from(sorted(TREE)),
    fte=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1.50"), places=2),
    competentie_ids=st.frozensets(st.integers(1, 6), max_size=4),
)


@settings(deadline=None)  # no timing assertions: the machine is shared
@given(st.lists(houder, max_size=30, unique_by=lambda h: h.medewerker_id))
def test_counts_match_a_naive_count(houders: list[Houder]) -> None:
    result = bereken(houders, TREE)
    for c in range(1, 7):
        holders = [h for h in houders if c in h.competentie_ids]
        if not holders:
            assert c not in result.pool
            continue
        assert result.pool[c].aantal == len(holders)
        assert result.pool[c].is_eenmanspost == (len(holders) == 1)
        # The root's subtree is the whole pool; a child never has more holders than its parent.
        assert result.per_eenheid[1][c].aantal == len(holders)
        for child, parent in TREE.items():
            if parent is not None and c in result.per_eenheid[child]:
                assert result.per_eenheid[child][c].aantal <= result.per_eenheid[parent][c].aantal
