"""What-if on the planning core: changed instances and the moves between two plans."""

from __future__ import annotations

import pytest

from seta.planning.kern.edf import edf
from seta.planning.kern.model import Instantie, Plan, PlanInvoerFout, Regels, Uitkomst, Verschuiving, Vraag
from seta.planning.kern.oplosser import plan
from seta.planning.kern.watals import met_capaciteit, met_deadline, met_prioriteit, met_vraag, vergelijk


def basis() -> Instantie:
    return Instantie(
        weken=6,
        capaciteit={"A": [10.0] * 6, "B": [5.0] * 6},
        vragen=[
            Vraag("a1", "A", 20.0, 0, 2, {"p": 1.0}),
            Vraag("a2", "A", 20.0, 0, 4, {"q": 1.0}),
            Vraag("b1", "B", 10.0, 0, 3, {"q": 1.0}),
        ],
        regels=Regels(gewichten={"p": 0.5, "q": 0.5}, periode_weken=3),
    )


def _plan(weken: dict[str, int | None]) -> Plan:
    return Plan(
        uitkomsten={k: Uitkomst(k, {}, None if w is None else 0, w, 0, 0.0) for k, w in weken.items()},
        laatheid=0.0,
        laatheid_ongewogen=0.0,
        tekort=0.0,
        aandelen=[],
        belasting={},
    )


def test_vergelijk_sorts_by_weeks_then_id_and_applies_the_threshold() -> None:
    voor = _plan({"a": 1, "b": 2, "c": 3, "d": 4, "e": None})
    na = _plan({"a": 4, "b": 5, "c": 2, "d": 5, "e": 3, "nieuw": 1})
    assert vergelijk(voor, na) == [
        Verschuiving("a", 1, 4, 3),
        Verschuiving("b", 2, 5, 3),
        Verschuiving("d", 4, 5, 1),
        Verschuiving("e", None, 3, 0),
        Verschuiving("c", 3, 2, -1),
    ]
    assert [v.id for v in vergelijk(voor, na, drempel_weken=2)] == ["a", "b", "e"]


def test_a_new_urgent_assignment_pushes_others_later() -> None:
    inst = basis()
    spoed = Vraag("spoed", "A", 20.0, 0, 1, {"p": 1.0}, prioriteit="hoog")
    voor, na = edf(inst), edf(met_vraag(inst, spoed))
    schuif = vergelijk(voor, na)
    assert schuif and all(s.weken > 0 for s in schuif)
    assert {s.id for s in schuif} <= {"a1", "a2"}
    assert len(inst.vragen) == 3  # the original is unchanged


def test_extra_capacity_brings_delivery_forward() -> None:
    inst = basis()
    meer = met_capaciteit(inst, "A", 10.0, 0, 3)
    assert list(meer.capaciteit["A"]) == [20.0, 20.0, 20.0, 20.0, 10.0, 10.0]
    assert list(inst.capaciteit["A"]) == [10.0] * 6
    schuif = vergelijk(plan(inst), plan(meer))
    assert schuif and all(s.weken < 0 for s in schuif)
    minder = met_capaciteit(inst, "B", -8.0)
    assert list(minder.capaciteit["B"]) == [0.0] * 6


def test_priority_and_deadline_changes() -> None:
    inst = basis()
    hoog = met_prioriteit(inst, "a2", "hoog")
    assert next(v for v in hoog.vragen if v.id == "a2").prioriteit == "hoog"
    later = met_deadline(inst, "a1", 5)
    assert next(v for v in later.vragen if v.id == "a1").deadline_week == 5
    with pytest.raises(PlanInvoerFout):
        met_prioriteit(inst, "a2", "spoed")
    with pytest.raises(PlanInvoerFout):
        met_deadline(inst, "bestaat-niet", 3)
    with pytest.raises(PlanInvoerFout):
        met_capaciteit(inst, "Z", 1.0)
    vervangen = met_vraag(inst, Vraag("a1", "A", 5.0, 0, 2, {"p": 1.0}))
    assert len(vervangen.vragen) == 3 and vervangen.vragen[0].uren == 5.0
