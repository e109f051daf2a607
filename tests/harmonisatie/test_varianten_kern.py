"""The variant map's pure core: grouping, hours, the index (hypothesis)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from seta.harmonisatie.kern.model import Variantinvoer
from seta.harmonisatie.kern.varianten import kaart

KADERS = [
    "Informatie vindbaar op de website en aan de balie.",
    "Eén aanspreekpunt per inwoner.",
    "Besluit binnen acht weken, 90 procent binnen de termijn.",
    "",
]
GEMEENTEN = ["Blaricum", "Eemnes", "Laren", "Bergeijk"]

invoer_st = st.lists(
    st.builds(
        lambda i, g, k, u: (i, g, k, u),
        st.integers(min_value=1, max_value=10_000),
        st.sampled_from(GEMEENTEN),
        st.sampled_from(KADERS),
        st.one_of(st.none(), st.decimals(min_value=0, max_value=1000, places=1)),
    ),
    max_size=12,
    unique_by=lambda t: t[0],
).map(lambda rijen: [Variantinvoer(id=i, gemeente=g, kader=k, uren=u) for i, g, k, u in rijen])


@given(invoer_st)
@settings(max_examples=60, deadline=None)
def test_every_assignment_is_in_exactly_one_variant_and_hours_add_up(invoer: list[Variantinvoer]) -> None:
    k = kaart(invoer)
    ids = [i for v in k.varianten for i in v.ids]
    assert sorted(ids) == sorted(x.id for x in invoer)
    assert sum((v.uren for v in k.varianten), Decimal(0)) == sum(
        (x.uren or Decimal(0) for x in invoer), Decimal(0)
    )
    assert k.partners == len({x.gemeente for x in invoer})
    assert k.index == (len(k.varianten) / k.partners if k.partners else 0.0)
    for v in k.varianten:
        assert v.voorbeeld_id in v.ids
        assert v.klein_verschil == (v.gelijkenis_naaste is not None and v.gelijkenis_naaste >= 0.8)
        assert (v.gelijkenis_naaste is None) == (len(k.varianten) == 1)


@given(invoer_st)
@settings(max_examples=60, deadline=None)
def test_identical_frames_are_one_variant_and_distinct_ones_are_not(invoer: list[Variantinvoer]) -> None:
    k = kaart(invoer)
    variant_van = {i: v.nummer for v in k.varianten for i in v.ids}
    kader = {x.id: x.kader for x in invoer}
    for a in invoer:
        for b in invoer:
            # these four frames share nothing near 0.95: same frame ⇔ same variant
            assert (variant_van[a.id] == variant_van[b.id]) == (kader[a.id] == kader[b.id])


@given(invoer_st, st.randoms(use_true_random=False))
@settings(max_examples=40, deadline=None)
def test_the_order_of_the_input_does_not_matter(invoer: list[Variantinvoer], rnd: object) -> None:
    gehusseld = list(invoer)
    rnd.shuffle(gehusseld)  # type: ignore[attr-defined]
    assert kaart(invoer) == kaart(gehusseld)


def test_a_slightly_different_frame_is_marked_and_a_joint_assignment_counts_its_principals() -> None:
    basis = (
        "Besluit binnen acht weken; 90 procent binnen de termijn; informatie op de website en aan de balie."
    )
    invoer = [
        Variantinvoer(1, "Blaricum", basis, Decimal(10)),
        Variantinvoer(2, "Eemnes en Laren", basis, Decimal(5)),
        Variantinvoer(3, "Bergeijk", basis + " Ook op zaterdag open.", Decimal(7)),
        Variantinvoer(4, "Bladel", "Huisbezoek binnen twee dagen door de eigen wijkcoach.", None),
    ]
    k = kaart(invoer)
    assert k.partners == 5
    assert [v.ids for v in k.varianten] == [(1, 2), (3,), (4,)]
    assert [v.uren for v in k.varianten] == [Decimal(15), Decimal(7), Decimal(0)]
    assert k.varianten[0].gemeenten == ("Blaricum", "Eemnes", "Laren")
    assert k.varianten[1].klein_verschil and not k.varianten[2].klein_verschil
    assert k.index == 3 / 5


def test_a_similarity_function_can_be_passed_in() -> None:
    import numpy as np

    invoer = [Variantinvoer(1, "A", "x"), Variantinvoer(2, "B", "y"), Variantinvoer(3, "C", "z")]
    alles_gelijk = kaart(invoer, gelijkenis=lambda t: np.ones((len(t), len(t))))
    assert len(alles_gelijk.varianten) == 1 and alles_gelijk.index == 1 / 3
    assert kaart([]).varianten == () and kaart([]).index == 0.0
