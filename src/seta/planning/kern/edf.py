"""The baseline: preemptive earliest-deadline-first per unit, week by week.

In each week a unit's capacity is filled with the released work (``vroegste_week <= week``) in the order
(not statutory, deadline_week, id): statutory work first, then by deadline. What is left after the last week
goes to the overflow bucket (week ``weken``). Deterministic and independent of the input order; one heap per
unit, O(n log n + units × weeks).
"""

from __future__ import annotations

import heapq
import time

from seta.planning.kern.evaluatie import EPS, evalueer, valideer
from seta.planning.kern.model import Instantie, Plan, Vraag


def edf_toewijzing(inst: Instantie, vragen: list[Vraag] | None = None) -> dict[str, dict[int, float]]:
    """The EDF assignment of hours (id -> week -> hours) of ``vragen`` (default: all of the instance)."""
    W = inst.weken
    alle = inst.vragen if vragen is None else vragen
    uit: dict[str, dict[int, float]] = {v.id: {} for v in alle}
    per_eenheid: dict[str, list[Vraag]] = {}
    for v in alle:
        per_eenheid.setdefault(v.eenheid, []).append(v)
    for eenheid in sorted(per_eenheid):
        cap = inst.capaciteit[eenheid]
        # release order: by start week, then id (the heap key decides the service order)
        wachtrij = sorted(per_eenheid[eenheid], key=lambda v: (max(0, v.vroegste_week), v.id))
        i = 0
        heap: list[tuple[bool, int, str, float]] = []
        for w in range(W):
            while i < len(wachtrij) and max(0, wachtrij[i].vroegste_week) <= w:
                v = wachtrij[i]
                i += 1
                if v.uren > EPS:
                    heapq.heappush(heap, (not v.wettelijk, v.deadline_week, v.id, float(v.uren)))
            ruimte = float(cap[w])
            while heap and ruimte > EPS:
                niet_wet, dl, vid, rest = heap[0]
                if rest <= ruimte:
                    heapq.heappop(heap)
                    uit[vid][w] = uit[vid].get(w, 0.0) + rest
                    ruimte -= rest
                else:
                    uit[vid][w] = uit[vid].get(w, 0.0) + ruimte
                    heapq.heapreplace(heap, (niet_wet, dl, vid, rest - ruimte))
                    ruimte = 0.0
        for _niet_wet, _dl, vid, rest in heap:
            uit[vid][W] = uit[vid].get(W, 0.0) + rest
        for v in wachtrij[i:]:
            if v.uren > EPS:
                uit[v.id][W] = uit[v.id].get(W, 0.0) + float(v.uren)
    return uit


def edf(inst: Instantie) -> Plan:
    """The EDF baseline plan, measured by ``evalueer`` like the solver's."""
    valideer(inst)
    begin = time.perf_counter()
    toewijzing = edf_toewijzing(inst)
    duur = time.perf_counter() - begin
    return evalueer(inst, toewijzing, methode="edf", status="klaar", rekentijd_s=duur)


def wettelijk_haalbaar(inst: Instantie) -> bool:
    """Whether every statutory term can be met: EDF on the statutory demand alone is optimal for that."""
    wettelijk = [v for v in inst.vragen if v.wettelijk]
    toewijzing = edf_toewijzing(inst, wettelijk)
    for v in wettelijk:
        for w, h in toewijzing[v.id].items():
            if h > EPS and w > v.deadline_week:
                return False
    return True
