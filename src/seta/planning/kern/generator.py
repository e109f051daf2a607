"""Synthetic planning instances in the shape of a shared pool, for the benchmark and the tests (pure).

``genereer(n)`` makes a deterministic instance (``random.Random(seed)``) of ``n`` assignments over ``eenheden``
units and ``weken`` weeks whose total demand is ``belasting`` × the total capacity (per unit, up to the rounding
of hours to one decimal). The shape (docs/performance.md, "Capacity planning"):

- **partners**: four with a cost key ``sleutels`` (A 40 %, B 30 %, C 20 %, D 10 %) and a fifth, E, without a
  key (weight 0) that commissions only jointly with others; the demand is skewed: the lead principal of an
  assignment is drawn with the probabilities ``vraag_scheef`` (52/24/16/8), so A asks for more than it pays for;
- **capacity**: per unit a weekly base drawn from 0.5–1.5 × the mean, scaled so that the demand is ``belasting``
  × capacity; ±5 % noise per week, 60 % in the summer weeks (ISO weeks 29–34 of a horizon starting in week 1)
  and 70 % in the two Christmas weeks (52, 1);
- **demand**: hours log-normal (σ = ``spreiding``) around ``gemiddelde_uren``, then scaled per unit to the load;
  units drawn in proportion to their capacity; releases uniform over ``[-4, weken - 8]`` (the ones before 0 are
  a backlog at the start); a nominal duration of the hours worked at 8–24 hours a week (drawn), at least one
  week; a deadline ``aandeel_krap`` of the work tight (release + 1.0–1.5 × the nominal duration), the rest
  loose (release + 2–4 × the nominal duration + 2–12 weeks; may fall after the horizon);
- **priorities** hoog/normaal/laag with the probabilities ``prioriteiten`` (20/60/20);
- **joint work**: ``aandeel_gezamenlijk`` of the assignments have two or three principals (the lead 50–70 %,
  the rest split at random; E joins half of them);
- **statutory work**: ``aandeel_wettelijk`` of the assignments (priority hoog, release ≥ 0, a term of the
  hours at 8 hours a week plus 2 weeks, at least 4 weeks, cut off at the horizon's last week); the terms are then made feasible: a
  preemptive EDF over the statutory work alone, on the unit's whole capacity, moves a deadline it misses to
  the week that EDF completes it (EDF is optimal for that one-resource question, so the statutory
  constraints of the instance can be met).
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from typing import Any

from .model import STANDAARD_PRIORITEITSGEWICHTEN, Instantie, Regels, Vraag

PARTNERS: tuple[str, ...] = ("A", "B", "C", "D")
VIJFDE = "E"  # the fifth partner: no cost key, only a co-principal of joint assignments

ZOMER = range(28, 34)  # week indices (0 = ISO week 1) of the summer dip


def parameters(
    n_vragen: int,
    *,
    eenheden: int = 10,
    weken: int = 65,
    belasting: float = 1.05,
    sleutels: Sequence[float] = (0.4, 0.3, 0.2, 0.1),
    vraag_scheef: Sequence[float] = (0.52, 0.24, 0.16, 0.08),
    aandeel_gezamenlijk: float = 0.1,
    aandeel_wettelijk: float = 0.05,
    aandeel_krap: float = 0.3,
    prioriteiten: Sequence[float] = (0.2, 0.6, 0.2),
    gemiddelde_uren: float = 80.0,
    spreiding: float = 0.8,
    periode_weken: int = 13,
    seed: int = 0,
) -> dict[str, Any]:
    """Every parameter of an instance, with its defaults filled in (for the documentation and the bench)."""
    if len(sleutels) != len(PARTNERS) or len(vraag_scheef) != len(PARTNERS):
        raise ValueError(f"sleutels en vraag_scheef hebben elk {len(PARTNERS)} waarden")
    if n_vragen < 1 or eenheden < 1 or weken < 8:
        raise ValueError("minstens 1 opdracht, 1 eenheid en 8 weken")
    return {
        "n_vragen": n_vragen,
        "eenheden": eenheden,
        "weken": weken,
        "belasting": belasting,
        "partners": [*PARTNERS, VIJFDE],
        "sleutels": dict(zip(PARTNERS, sleutels, strict=True)) | {VIJFDE: 0.0},
        "vraag_scheef": dict(zip(PARTNERS, vraag_scheef, strict=True)),
        "aandeel_gezamenlijk": aandeel_gezamenlijk,
        "aandeel_wettelijk": aandeel_wettelijk,
        "aandeel_krap": aandeel_krap,
        "prioriteiten": dict(zip(("hoog", "normaal", "laag"), prioriteiten, strict=True)),
        "gemiddelde_uren": gemiddelde_uren,
        "spreiding": spreiding,
        "periode_weken": periode_weken,
        "seed": seed,
    }


def genereer(n_vragen: int, **kwargs: Any) -> Instantie:
    """A deterministic instance for these parameters (see the module docstring and :func:`parameters`)."""
    p = parameters(n_vragen, **kwargs)
    rnd = random.Random(p["seed"])
    weken: int = p["weken"]
    units = [f"E{i + 1:02d}" for i in range(p["eenheden"])]

    # Demand first (hours log-normal around the mean), then the capacity that makes the load come out right.
    unit_gewicht = {u: rnd.uniform(0.5, 1.5) for u in units}
    sigma = p["spreiding"]
    mu = math.log(p["gemiddelde_uren"]) - sigma * sigma / 2
    eenheid_van = rnd.choices(units, weights=[unit_gewicht[u] for u in units], k=n_vragen)
    ruw = [max(1.0, rnd.lognormvariate(mu, sigma)) for _ in range(n_vragen)]
    vraag_per_unit = dict.fromkeys(units, 0.0)
    for u, h in zip(eenheid_van, ruw, strict=True):
        vraag_per_unit[u] += h

    profiel = [_seizoen(w) * rnd.uniform(0.95, 1.05) for w in range(weken)]
    capaciteit: dict[str, list[float]] = {}
    for u in units:
        vorm = [f * rnd.uniform(0.95, 1.05) for f in profiel]
        doel = vraag_per_unit[u] / p["belasting"] if vraag_per_unit[u] else p["gemiddelde_uren"]
        schaal = doel / sum(vorm)
        capaciteit[u] = [round(f * schaal, 1) for f in vorm]

    partners = list(PARTNERS)
    scheef = list(p["vraag_scheef"].values())
    prios = list(p["prioriteiten"])
    prio_kans = list(p["prioriteiten"].values())
    vragen: list[Vraag] = []
    for i in range(n_vragen):
        u = eenheid_van[i]
        uren = round(ruw[i], 1)
        hoofd = rnd.choices(partners, weights=scheef)[0]
        aandelen: dict[str, float] = {hoofd: 1.0}
        if rnd.random() < p["aandeel_gezamenlijk"]:
            anderen = [q for q in partners if q != hoofd]
            mede = rnd.sample(anderen, rnd.choice((1, 2)))
            if rnd.random() < 0.5:
                mede = [*mede[:1], VIJFDE]
            eigen = round(rnd.uniform(0.5, 0.7), 2)
            rest = 1.0 - eigen
            delen = [rnd.random() + 0.1 for _ in mede]
            aandelen = {hoofd: eigen}
            for q, d in zip(mede, delen, strict=True):
                aandelen[q] = round(rest * d / sum(delen), 2)
            aandelen[hoofd] = round(1.0 - sum(v for q, v in aandelen.items() if q != hoofd), 2)
        wettelijk = rnd.random() < p["aandeel_wettelijk"]
        nominaal = max(1, math.ceil(uren / rnd.uniform(8.0, 24.0)))  # worked at 8-24 hours a week
        if wettelijk:
            vroegste = rnd.randint(0, weken - 8)
            termijn = max(4, math.ceil(uren / 8.0) + 2)
            deadline = min(weken - 1, vroegste + termijn)
            prioriteit = "hoog"
        else:
            vroegste = rnd.randint(-4, weken - 8)
            if rnd.random() < p["aandeel_krap"]:
                deadline = vroegste + max(0, math.ceil(nominaal * rnd.uniform(1.0, 1.5)) - 1)
            else:
                deadline = vroegste + math.ceil(nominaal * rnd.uniform(2.0, 4.0)) + rnd.randint(2, 12)
            prioriteit = rnd.choices(prios, weights=prio_kans)[0]
        vragen.append(
            Vraag(
                id=f"V{i + 1:05d}",
                eenheid=u,
                uren=uren,
                vroegste_week=vroegste,
                deadline_week=deadline,
                aandelen=aandelen,
                prioriteit=prioriteit,
                wettelijk=wettelijk,
            )
        )
    vragen = _wettelijk_haalbaar(vragen, capaciteit, weken)
    regels = Regels(
        gewichten=dict(p["sleutels"]),
        prioriteitsgewichten=dict(STANDAARD_PRIORITEITSGEWICHTEN),
        periode_weken=p["periode_weken"],
    )
    return Instantie(weken=weken, capaciteit=capaciteit, vragen=tuple(vragen), regels=regels)


def _seizoen(week: int) -> float:
    """The share of the normal capacity in a week of the horizon (index 0 = ISO week 1)."""
    jaarweek = week % 52
    if jaarweek in ZOMER:
        return 0.6
    if jaarweek == 51 or (jaarweek == 0 and week > 0):  # ISO week 52 and the next year's week 1
        return 0.7
    return 1.0


def _wettelijk_haalbaar(
    vragen: list[Vraag], capaciteit: Mapping[str, Sequence[float]], weken: int
) -> list[Vraag]:
    """Move each statutory deadline that a preemptive EDF over the statutory work alone misses to the week
    in which that EDF completes it (or drop the statutory flag if even that lies after the horizon)."""
    nieuw = {v.id: v for v in vragen}
    per_unit: dict[str, list[Vraag]] = {}
    for v in vragen:
        if v.wettelijk:
            per_unit.setdefault(v.eenheid, []).append(v)
    for u, lijst in per_unit.items():
        rest = {v.id: v.uren for v in lijst}
        klaar: dict[str, int] = {}
        for w in range(weken):
            vrij = capaciteit[u][w]
            for v in sorted(
                (v for v in lijst if v.vroegste_week <= w and rest[v.id] > 0),
                key=lambda v: (v.deadline_week, v.id),
            ):
                if vrij <= 0:
                    break
                neem = min(vrij, rest[v.id])
                rest[v.id] -= neem
                vrij -= neem
                if rest[v.id] <= 1e-9:
                    klaar[v.id] = w
        for v in lijst:
            if v.id not in klaar:
                nieuw[v.id] = _vervang(v, wettelijk=False)
            elif klaar[v.id] > v.deadline_week:
                nieuw[v.id] = _vervang(v, deadline_week=klaar[v.id])
    return [nieuw[v.id] for v in vragen]


def _vervang(v: Vraag, **wijziging: Any) -> Vraag:
    from dataclasses import replace

    return replace(v, **wijziging)


def vraag_per_partner(inst: Instantie) -> dict[str, float]:
    """The realised demand per partner as a share of all hours (a joint assignment counts by its shares)."""
    totaal: dict[str, float] = {}
    for v in inst.vragen:
        for q, a in v.aandelen.items():
            totaal[q] = totaal.get(q, 0.0) + a * v.uren
    som = sum(totaal.values()) or 1.0
    return {q: totaal[q] / som for q in sorted(totaal)}


def belastinggraad(inst: Instantie) -> float:
    """Total demand / total capacity."""
    cap = sum(sum(c) for c in inst.capaciteit.values())
    return sum(v.uren for v in inst.vragen) / cap if cap else math.inf
