"""What-if: change an instance (a new assignment, a priority, a deadline, extra capacity) and compare two plans.

The helpers return a new ``Instantie`` and never change the one given; ``vergelijk`` lists the assignments whose
delivery week moves between two plans.
"""

from __future__ import annotations

import dataclasses

from seta.planning.kern.model import Instantie, Plan, PlanInvoerFout, Verschuiving, Vraag


def vergelijk(voor: Plan, na: Plan, drempel_weken: int = 1) -> list[Verschuiving]:
    """The assignments whose ``oplevering_week`` moves by at least ``drempel_weken`` (either way), or that appear
    in or disappear from the plan, sorted by ``weken`` descending (the largest slip first), then by id.

    An assignment only in ``na`` (a new one) is not a move and is left out; one that gets or loses its hours
    (``None`` on one side) is listed with ``weken`` 0 when there is nothing to subtract.
    """
    uit: list[Verschuiving] = []
    for vid in sorted(set(voor.uitkomsten) & set(na.uitkomsten)):
        a = voor.uitkomsten[vid].oplevering_week
        b = na.uitkomsten[vid].oplevering_week
        if a == b:
            continue
        if a is None or b is None:
            uit.append(Verschuiving(id=vid, voor_week=a, na_week=b, weken=0))
            continue
        if abs(b - a) >= drempel_weken:
            uit.append(Verschuiving(id=vid, voor_week=a, na_week=b, weken=b - a))
    uit.sort(key=lambda v: (-v.weken, v.id))
    return uit


def _vraag(inst: Instantie, vid: str) -> tuple[int, Vraag]:
    for i, v in enumerate(inst.vragen):
        if v.id == vid:
            return i, v
    raise PlanInvoerFout({"id": [f"Onbekende opdracht {vid!r}."]})


def _vervang(inst: Instantie, i: int, vraag: Vraag) -> Instantie:
    vragen = list(inst.vragen)
    vragen[i] = vraag
    return dataclasses.replace(inst, vragen=vragen)


def met_vraag(inst: Instantie, vraag: Vraag) -> Instantie:
    """The instance with one more assignment (or with ``vraag`` in place of the one with its id)."""
    for i, v in enumerate(inst.vragen):
        if v.id == vraag.id:
            return _vervang(inst, i, vraag)
    return dataclasses.replace(inst, vragen=[*inst.vragen, vraag])


def met_prioriteit(inst: Instantie, vid: str, prioriteit: str) -> Instantie:
    if prioriteit not in inst.regels.prioriteitsgewichten:
        raise PlanInvoerFout({"prioriteit": [f"Onbekende prioriteit {prioriteit!r}."]})
    i, v = _vraag(inst, vid)
    return _vervang(inst, i, dataclasses.replace(v, prioriteit=prioriteit))


def met_deadline(inst: Instantie, vid: str, week: int) -> Instantie:
    i, v = _vraag(inst, vid)
    return _vervang(inst, i, dataclasses.replace(v, deadline_week=int(week)))


def met_capaciteit(
    inst: Instantie, eenheid: str, extra_uren_per_week: float, van_week: int = 0, tot_week: int | None = None
) -> Instantie:
    """The instance with ``extra_uren_per_week`` more (or, if negative, fewer, never below 0) hours in unit
    ``eenheid`` in the weeks ``van_week`` up to and including ``tot_week`` (default: the last week)."""
    if eenheid not in inst.capaciteit:
        raise PlanInvoerFout({"eenheid": [f"Onbekende eenheid {eenheid!r}."]})
    laatste = inst.weken - 1 if tot_week is None else min(int(tot_week), inst.weken - 1)
    rij = [float(c) for c in inst.capaciteit[eenheid]]
    for w in range(max(0, int(van_week)), laatste + 1):
        rij[w] = max(0.0, rij[w] + float(extra_uren_per_week))
    capaciteit = {e: (rij if e == eenheid else list(c)) for e, c in inst.capaciteit.items()}
    return dataclasses.replace(inst, capaciteit=capaciteit)
