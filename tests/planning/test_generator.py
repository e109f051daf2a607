"""The benchmark's instance generator: deterministic for a seed, the load and the shape it promises."""

from __future__ import annotations

import pytest

from seta.planning.kern import generator
from seta.planning.kern.generator import belastinggraad, genereer, parameters, vraag_per_partner
from seta.planning.kern.model import Instantie, Vraag


def test_the_same_seed_gives_the_same_instance() -> None:
    assert genereer(300, seed=7) == genereer(300, seed=7)
    assert genereer(300, seed=7) != genereer(300, seed=8)


@pytest.mark.parametrize(("n", "belasting"), [(400, 1.05), (400, 0.8), (1500, 1.2)])
def test_the_demand_is_the_load_times_the_capacity(n: int, belasting: float) -> None:
    inst = genereer(n, belasting=belasting, seed=1)
    assert belastinggraad(inst) == pytest.approx(belasting, rel=0.005)
    for eenheid, cap in inst.capaciteit.items():  # per unit too (every unit has demand at this size)
        vraag = sum(v.uren for v in inst.vragen if v.eenheid == eenheid)
        assert vraag / sum(cap) == pytest.approx(belasting, rel=0.01), eenheid


def test_the_shape() -> None:
    inst = genereer(2000, seed=3)
    assert inst.weken == 65 and len(inst.capaciteit) == 10
    assert all(len(c) == 65 and min(c) > 0 for c in inst.capaciteit.values())
    assert len({v.id for v in inst.vragen}) == 2000
    assert dict(inst.regels.gewichten) == {"A": 0.4, "B": 0.3, "C": 0.2, "D": 0.1, "E": 0.0}
    assert sum(inst.regels.gewichten.values()) == pytest.approx(1)
    for v in inst.vragen:
        assert sum(v.aandelen.values()) == pytest.approx(1, abs=1e-9)
        assert all(a > 0 for a in v.aandelen.values())
        assert v.deadline_week >= v.vroegste_week
        assert v.uren >= 1
        assert v.eenheid in inst.capaciteit
    # demand skewed against the keys: A asks for about half of the hours, E (no key) only jointly
    vraag = vraag_per_partner(inst)
    assert vraag["A"] == pytest.approx(0.52, abs=0.04)
    assert vraag["D"] == pytest.approx(0.08, abs=0.03)
    assert 0 < vraag["E"] < 0.03
    assert all(len(v.aandelen) > 1 for v in inst.vragen if "E" in v.aandelen)
    gezamenlijk = sum(len(v.aandelen) > 1 for v in inst.vragen) / 2000
    assert gezamenlijk == pytest.approx(0.1, abs=0.03)
    prioriteit = [v.prioriteit for v in inst.vragen if not v.wettelijk]
    assert prioriteit.count("hoog") / len(prioriteit) == pytest.approx(0.2, abs=0.04)
    assert prioriteit.count("normaal") / len(prioriteit) == pytest.approx(0.6, abs=0.04)
    # a summer dip in the capacity
    cap = [sum(c[w] for c in inst.capaciteit.values()) for w in range(65)]
    assert max(cap[28:34]) < 0.8 * min(cap[10:20])


def _edf_haalbaar(inst: Instantie, lijst: list[Vraag]) -> bool:
    """Interval condition for one resource: no window [r, d] holds more statutory hours than capacity."""
    for u in {v.eenheid for v in lijst}:
        eigen = [v for v in lijst if v.eenheid == u]
        for r in {max(v.vroegste_week, 0) for v in eigen}:
            for d in {v.deadline_week for v in eigen}:
                vraag = sum(v.uren for v in eigen if max(v.vroegste_week, 0) >= r and v.deadline_week <= d)
                if vraag > sum(inst.capaciteit[u][r : d + 1]) + 1e-6:
                    return False
    return True


def test_statutory_terms_are_feasible() -> None:
    inst = genereer(3000, aandeel_wettelijk=0.3, seed=5)  # many statutory assignments: terms get moved
    wettelijk = [v for v in inst.vragen if v.wettelijk]
    assert len(wettelijk) > 500
    assert all(0 <= v.vroegste_week <= v.deadline_week < inst.weken for v in wettelijk)
    assert all(v.prioriteit == "hoog" for v in wettelijk)
    assert _edf_haalbaar(inst, wettelijk)


def test_parameters_are_recorded() -> None:
    p = parameters(1000)
    assert p["n_vragen"] == 1000 and p["belasting"] == 1.05 and p["seed"] == 0
    assert p["sleutels"] == {"A": 0.4, "B": 0.3, "C": 0.2, "D": 0.1, "E": 0.0}
    assert p["vraag_scheef"] == {"A": 0.52, "B": 0.24, "C": 0.16, "D": 0.08}
    assert p["prioriteiten"] == {"hoog": 0.2, "normaal": 0.6, "laag": 0.2}
    with pytest.raises(ValueError):
        parameters(10, sleutels=(0.5, 0.5))
    assert generator.PARTNERS == ("A", "B", "C", "D")
