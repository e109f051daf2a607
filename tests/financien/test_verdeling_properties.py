"""Properties of the allocation core that must hold for any input (hypothesis)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from itertools import combinations
from random import Random

from hypothesis import given, settings
from hypothesis import strategies as st

from seta.financien.verdeling.engine import allocate, growth_cap_corrections, key_shares
from seta.financien.verdeling.model import (
    Btw,
    GebruikOnderdeel,
    Gebruiksregel,
    Gemeente,
    GezamenlijkProduct,
    Groeiplafond,
    Grondslag,
    Jaargegevens,
    Methode,
    Onderdeel,
    Regels,
    SleutelSoort,
    Startperiode,
    VastOnderdeel,
    Verdeelmodel,
    Verdeelsleutel,
    Verdeling,
)
from seta.financien.verdeling.rounding import largest_remainder
from seta.financien.verdeling.shapley import coalition_cost, shapley_values

# Exact rational arithmetic is slower than floats: no per-example deadline (only for these tests).
exact = settings(deadline=None, max_examples=150)

CODES = ["GM0014", "GM0363", "GM0376", "GM0406", "GM0489", "GM0597", "GM0613"]
money = st.integers(0, 10**9).map(lambda cents: Decimal(cents) / 100)
hours = st.integers(0, 10**6).map(lambda h: Decimal(h) / 4)  # quarter hours


@st.composite
def gemeenten(draw: st.DrawFn) -> tuple[Gemeente, ...]:
    codes = draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=6, unique=True))
    return tuple(
        Gemeente(code, f"Gemeente {code}", draw(st.integers(1, 900_000)), None, draw(money.filter(bool)))
        for code in codes
    )


@st.composite
def percentages(draw: st.DrawFn, codes: list[str]) -> dict[str, Decimal]:
    """Percentages with two decimals summing to exactly 100."""
    cuts = sorted(draw(st.lists(st.integers(0, 10_000), min_size=len(codes) - 1, max_size=len(codes) - 1)))
    bounds = [0, *cuts, 10_000]
    return {code: Decimal(bounds[i + 1] - bounds[i]) / 100 for i, code in enumerate(codes)}


@st.composite
def sleutels(draw: st.DrawFn, codes: list[str]) -> Verdeelsleutel:
    soort = draw(st.sampled_from(list(SleutelSoort)))
    if soort is SleutelSoort.PERCENTAGES:
        return Verdeelsleutel(soort, percentages=draw(percentages(codes)))
    if soort is SleutelSoort.GEWOGEN:
        kinds = [SleutelSoort.BEVOLKING, SleutelSoort.INBRENG, SleutelSoort.GELIJK, SleutelSoort.PERCENTAGES]
        weights = draw(percentages([str(k) for k in kinds]))
        return Verdeelsleutel(
            soort,
            percentages=draw(percentages(codes)),
            gewichten={SleutelSoort(k): w for k, w in weights.items()},
        )
    return Verdeelsleutel(soort)


@st.composite
def onderdelen(draw: st.DrawFn, codes: list[str], index: int) -> Onderdeel:
    naam = f"Onderdeel {index}"
    btw = draw(st.sampled_from(list(Btw)))
    kind = draw(st.sampled_from(["vast", "gebruik", "gezamenlijk"]))
    if kind == "vast":
        eigen = draw(st.none() | sleutels(codes))
        return VastOnderdeel(naam, draw(money), btw, eigen)
    if kind == "gebruik":
        regels = draw(
            st.lists(
                st.builds(
                    Gebruiksregel,
                    gemeente=st.sampled_from(codes),
                    uren=hours,
                    tarief=st.integers(0, 20_000).map(lambda c: Decimal(c) / 100),
                    externe_kosten=money,
                ),
                max_size=8,
            )
        )
        return GebruikOnderdeel(naam, draw(st.sampled_from(list(Grondslag))), tuple(regels), btw)
    deelnemers = draw(st.lists(st.sampled_from(codes), min_size=1, max_size=len(codes), unique=True))
    methode = draw(st.sampled_from(list(Methode)))
    standalone = {d: draw(money) for d in deelnemers} if methode is Methode.SHAPLEY else {}
    return GezamenlijkProduct(naam, draw(money), tuple(deelnemers), methode, standalone, btw=btw)


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[Jaargegevens, Verdeelmodel]:
    gs = draw(gemeenten())
    codes = [g.code for g in gs]
    parts = tuple(draw(onderdelen(codes, i)) for i in range(draw(st.integers(1, 4))))
    treatments = {p.btw for p in parts}
    regels = Regels(
        startperiode=draw(st.none() | st.just(Startperiode(2023, 2025))),
        groeiplafond=draw(
            st.none()
            | st.builds(
                Groeiplafond,
                st.integers(0, 20).map(Decimal),
                st.just(Btw.HOOG if len(treatments) > 1 else None),
            )
        ),
    )
    vorige = {code: draw(money) for code in codes if draw(st.booleans())}
    jaar = Jaargegevens(2024, gs, vorige)
    return jaar, Verdeelmodel("Model", draw(sleutels(codes)), parts, regels)


def per_code(verdeling: Verdeling) -> dict[str, tuple[Decimal, ...]]:
    return {
        b.gemeente: (*(r.bedrag for r in b.regels), *(r.btw for r in b.regels), b.totaal_incl_btw)
        for b in verdeling.bijdragen
    }


@exact
@given(scenarios())
def test_every_part_sums_exactly_to_its_amount(data: tuple[Jaargegevens, Verdeelmodel]) -> None:
    jaar, model = data
    result = allocate(jaar, model)
    for i, onderdeel in enumerate(result.onderdelen):
        assert sum((b.regels[i].bedrag for b in result.bijdragen), Decimal(0)) == onderdeel.bedrag
    for source, onderdeel in zip(model.onderdelen, result.onderdelen, strict=False):
        exact = (
            sum((Fraction(r.bedrag) for r in source.regels), Fraction(0))
            if isinstance(source, GebruikOnderdeel)
            else Fraction(source.bedrag)
        )
        assert abs(Fraction(onderdeel.bedrag) - exact) <= Fraction(1, 200)
    assert sum((b.totaal_excl_btw for b in result.bijdragen), Decimal(0)) == result.totaal_excl_btw
    assert sum((o.bedrag for o in result.onderdelen), Decimal(0)) == result.totaal_excl_btw
    assert result.totaal_incl_btw == result.totaal_excl_btw + result.btw


@exact
@given(scenarios(), st.randoms(use_true_random=False))
def test_charges_do_not_depend_on_the_order_of_input(
    data: tuple[Jaargegevens, Verdeelmodel], rnd: Random
) -> None:
    jaar, model = data
    shuffled_gemeenten = list(jaar.gemeenten)
    rnd.shuffle(shuffled_gemeenten)
    shuffled_parts = []
    for part in model.onderdelen:
        if isinstance(part, GebruikOnderdeel):
            regels = list(part.regels)
            rnd.shuffle(regels)
            part = replace(part, regels=tuple(regels))
        elif isinstance(part, GezamenlijkProduct):
            deelnemers = list(part.deelnemers)
            rnd.shuffle(deelnemers)
            part = replace(part, deelnemers=tuple(deelnemers))
        shuffled_parts.append(part)
    other = allocate(
        replace(jaar, gemeenten=tuple(shuffled_gemeenten)), replace(model, onderdelen=tuple(shuffled_parts))
    )
    assert per_code(other) == per_code(allocate(jaar, model))


@exact
@given(scenarios())
def test_vat_is_21_percent_of_each_taxed_line(data: tuple[Jaargegevens, Verdeelmodel]) -> None:
    jaar, model = data
    result = allocate(jaar, model)
    for b in result.bijdragen:
        for regel, onderdeel in zip(b.regels, result.onderdelen, strict=True):
            if onderdeel.btw is Btw.HOOG:
                assert abs(Fraction(regel.btw) - Fraction(regel.bedrag) * Fraction(21, 100)) <= Fraction(
                    1, 200
                )
            else:
                assert regel.btw == 0


@exact
@given(scenarios())
def test_start_period_charges_the_key_share(data: tuple[Jaargegevens, Verdeelmodel]) -> None:
    jaar, model = data
    model = replace(model, regels=Regels(startperiode=Startperiode(2024, 2024)))
    result = allocate(jaar, model)
    shares = key_shares(model.verdeelsleutel, jaar.gemeenten)
    for b in result.bijdragen:
        for regel, onderdeel in zip(b.regels, result.onderdelen, strict=True):
            assert abs(Fraction(regel.bedrag) - Fraction(onderdeel.bedrag) * shares[b.gemeente]) < Fraction(
                1, 50
            )


# --- the growth cap ---------------------------------------------------------------------------------------


@exact
@given(
    st.lists(
        st.tuples(st.integers(0, 10**6), st.integers(0, 10**6), st.integers(1, 100)), min_size=1, max_size=6
    ),
    st.integers(0, 25),
)
def test_growth_cap_keeps_the_total_and_the_caps(rows: list[tuple[int, int, int]], percentage: int) -> None:
    codes = [f"G{i}" for i in range(len(rows))]
    totals = {c: Fraction(t) for c, (t, _, _) in zip(codes, rows, strict=True)}
    previous = {c: Fraction(p) for c, (_, p, _) in zip(codes, rows, strict=True)}
    weights = sum(w for _, _, w in rows)
    key = {c: Fraction(w, weights) for c, (_, _, w) in zip(codes, rows, strict=True)}
    corrections, warnings = growth_cap_corrections(totals, previous, Fraction(percentage), key)
    assert sum(corrections.values()) == 0
    after = {c: totals[c] + corrections[c] for c in codes}
    caps = {c: previous[c] * (1 + Fraction(percentage, 100)) for c in codes if previous[c] > 0}
    if not warnings:
        assert all(after[c] <= caps[c] for c in caps)
    else:
        assert sum(totals.values()) > sum(caps.values()) or all(key[c] == 0 for c in codes if c not in caps)
    # Nobody below the cap pays less than before the correction.
    assert all(corrections[c] >= 0 for c in codes if c not in caps or totals[c] <= caps[c])


# --- rounding ----------------------------------------------------------------------------------------------


@exact
@given(
    st.dictionaries(
        st.sampled_from(CODES),
        st.fractions(min_value=-(10**6), max_value=10**7, max_denominator=10**4),
        min_size=1,
    ),
    st.randoms(use_true_random=False),
)
def test_largest_remainder_sums_exactly_and_stays_within_a_cent(
    shares: dict[str, Fraction], rnd: Random
) -> None:
    rounded = largest_remainder(shares)
    total = sum(shares.values(), Fraction(0))
    assert abs(Fraction(sum(rounded.values(), Decimal(0))) - total) <= Fraction(1, 200)
    assert all(abs(Fraction(rounded[c]) - shares[c]) < Fraction(1, 100) for c in shares)
    items = list(shares.items())
    rnd.shuffle(items)
    assert largest_remainder(dict(items)) == rounded


# --- Shapley -----------------------------------------------------------------------------------------------

players = st.lists(st.sampled_from(CODES), min_size=1, max_size=6, unique=True)
costs = st.fractions(min_value=0, max_value=10**6, max_denominator=100)


@exact
@given(players, st.data())
def test_shapley_is_efficient(deelnemers: list[str], data: st.DataObject) -> None:
    standalone = {d: data.draw(costs) for d in deelnemers}
    joint = data.draw(costs)
    values = shapley_values(deelnemers, coalition_cost(joint, standalone))
    assert sum(values.values()) == joint


@exact
@given(players, st.data())
def test_shapley_is_efficient_for_any_coalition_costs(deelnemers: list[str], data: st.DataObject) -> None:
    given_costs = {
        frozenset(c): data.draw(costs)
        for k in range(2, len(deelnemers))
        for c in combinations(deelnemers, k)
        if data.draw(st.booleans())
    }
    standalone = {d: data.draw(costs) for d in deelnemers}
    joint = data.draw(costs)
    values = shapley_values(deelnemers, coalition_cost(joint, standalone, given_costs))
    assert sum(values.values()) == joint


@exact
@given(players.filter(lambda p: len(p) >= 2), costs, costs, st.data())
def test_shapley_is_symmetric(
    deelnemers: list[str], same: Fraction, joint: Fraction, data: st.DataObject
) -> None:
    a, b, *rest = deelnemers
    standalone = {a: same, b: same} | {d: data.draw(costs) for d in rest}
    values = shapley_values(deelnemers, coalition_cost(joint, standalone))
    assert values[a] == values[b]


@exact
@given(players.filter(lambda p: len(p) >= 2), costs, st.data())
def test_shapley_null_player_pays_nothing(
    deelnemers: list[str], joint: Fraction, data: st.DataObject
) -> None:
    """A deelnemer that adds no cost to any coalition pays nothing."""
    null, *rest = deelnemers
    standalone = {null: Fraction(0)} | {d: data.draw(costs) for d in rest}
    # Null in the default cost function: the others cost no less together than each alone, and
    # no more than all alone, so c(S + null) = c(S) for every coalition S.
    others = [standalone[d] for d in rest]
    joint = min(max(joint, *others), sum(others, Fraction(0)))
    values = shapley_values(deelnemers, coalition_cost(joint, standalone))
    assert values[null] == 0


@exact
@given(costs, costs, costs)
def test_shapley_two_players_split_the_saving_equally(a: Fraction, b: Fraction, joint: Fraction) -> None:
    values = shapley_values(["A", "B"], coalition_cost(joint, {"A": a, "B": b}))
    assert values["A"] - a == values["B"] - b == (joint - a - b) / 2


@exact
@given(players, st.data())
def test_shapley_is_additive(deelnemers: list[str], data: st.DataObject) -> None:
    first = {
        frozenset(c): data.draw(costs)
        for k in range(1, len(deelnemers) + 1)
        for c in combinations(deelnemers, k)
    }
    second = {c: data.draw(costs) for c in first}

    def both(c: frozenset[str]) -> Fraction:
        return first[c] + second[c]

    one = shapley_values(deelnemers, lambda c: first[c])
    two = shapley_values(deelnemers, lambda c: second[c])
    assert shapley_values(deelnemers, both) == {d: one[d] + two[d] for d in deelnemers}


@exact
@given(players, st.data())
def test_shapley_with_default_costs_stays_within_stand_alone_costs(
    deelnemers: list[str], data: st.DataObject
) -> None:
    """With the subadditive default, and a joint product costing at least each stand-alone product
    and at most all of them, nobody pays more than alone nor a negative share."""
    standalone = {d: data.draw(costs) for d in deelnemers}
    joint = data.draw(costs)
    values = shapley_values(deelnemers, coalition_cost(joint, standalone))
    if max(standalone.values()) <= joint <= sum(standalone.values()):
        assert all(0 <= values[d] <= standalone[d] for d in deelnemers)


def test_shapley_twelve_deelnemers_is_exact() -> None:
    deelnemers = [f"G{i:02}" for i in range(12)]
    standalone = {d: Fraction(1000 * (i + 1)) for i, d in enumerate(deelnemers)}
    values = shapley_values(deelnemers, coalition_cost(Fraction(50_000), standalone))
    assert sum(values.values()) == 50_000
    assert list(values.values()) == sorted(values.values())  # more alone, more together
