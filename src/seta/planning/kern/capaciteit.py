"""Capacity per unit and week, from its staff and their registered absences (pure: no Django import).

Gross to net (documented in docs/planning.md, "Rules and capacity"): a full-time employee has
``uren_per_fte_week`` contract hours a week (36 by default), so 36 × 52 = 1,872 gross hours a year. Of those,
``productieve_uren_per_jaar`` (1,600 by default) are productive; the rest (≈ 272 h) covers the normal pattern
of leave (≈ 160 h statutory plus extra), illness (≈ 5 %, ≈ 90 h), training and overhead. The *netto factor*
is productive / gross (capped at 1) and is applied to every week alike. Registered absences are for what goes
beyond that normal pattern (long illness, parental leave, secondment); they are subtracted from the gross
hours before the factor, so nothing is counted twice.

Per week: ``bruto`` = Σ fte × uren_per_fte_week of the staff in service; ``afwezig`` = Σ fte ×
uren_per_fte_week × the fraction of that week absent; ``netto`` = (bruto − afwezig) × netto factor;
``regulier`` = netto × regulier_pct / 100 (catalogue services and medebewind); ``opdrachten`` = netto −
regulier, the assignment capacity the planner uses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

WEKEN_PER_JAAR = 52


@dataclass(frozen=True)
class Medewerkerinzet:
    """One member of staff as the capacity sees them."""

    fte: float
    van_week: int  # first week index in service (0 if earlier)
    tot_week: int  # first week index no longer in service (weken if open-ended)
    # week index -> fraction of that week absent (0..1), summed over absences, capped at 1
    afwezig: Mapping[int, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Eenheidcapaciteit:
    """One unit's capacity per week (hours)."""

    bruto: tuple[float, ...]  # contract hours per week: Σ fte × uren_per_fte_week (in service)
    afwezig: tuple[float, ...]  # registered absence hours per week
    netto: tuple[float, ...]  # (bruto − afwezig) × netto_factor
    regulier: tuple[float, ...]  # netto × regulier_pct / 100
    opdrachten: tuple[float, ...]  # netto − regulier: the assignment capacity the planner uses


def netto_factor(uren_per_fte_week: float, productieve_uren_per_jaar: float) -> float:
    """Productive hours over gross hours (uren_per_fte_week × 52), capped at 1 (and at least 0)."""
    bruto_jaar = uren_per_fte_week * WEKEN_PER_JAAR
    if bruto_jaar <= 0:
        return 0.0
    return max(0.0, min(1.0, productieve_uren_per_jaar / bruto_jaar))


def _fractie(waarde: float) -> float:
    return max(0.0, min(1.0, float(waarde)))


def bereken(
    medewerkers: Sequence[Medewerkerinzet],
    *,
    weken: int,
    uren_per_fte_week: float,
    productieve_uren_per_jaar: float,
    regulier_pct: float,
) -> Eenheidcapaciteit:
    """The capacity of one unit over ``weken`` weeks from its staff (see the module's docstring)."""
    weken = max(0, int(weken))
    factor = netto_factor(uren_per_fte_week, productieve_uren_per_jaar)
    pct = max(0.0, min(100.0, float(regulier_pct))) / 100
    uren = max(0.0, float(uren_per_fte_week))
    bruto = [0.0] * weken
    afwezig = [0.0] * weken
    for m in medewerkers:
        contract = max(0.0, float(m.fte)) * uren
        if contract == 0:
            continue
        for w in range(max(0, m.van_week), min(weken, m.tot_week)):
            bruto[w] += contract
            deel = _fractie(m.afwezig.get(w, 0.0))
            if deel:
                afwezig[w] += contract * deel
    netto = [max(0.0, b - a) * factor for b, a in zip(bruto, afwezig, strict=True)]
    regulier = [n * pct for n in netto]
    opdrachten = [max(0.0, n - r) for n, r in zip(netto, regulier, strict=True)]
    return Eenheidcapaciteit(
        bruto=tuple(bruto),
        afwezig=tuple(afwezig),
        netto=tuple(netto),
        regulier=tuple(regulier),
        opdrachten=tuple(opdrachten),
    )


def maandag(datum: dt.date) -> dt.date:
    """The Monday of the ISO week of ``datum``."""
    return datum - dt.timedelta(days=datum.weekday())


def week_index(datum: dt.date, startweek: dt.date) -> int:
    """The index of the ISO week of ``datum`` counted from the week of ``startweek`` (negative: before)."""
    return (maandag(datum) - maandag(startweek)).days // 7


def afwezig_per_week(
    van: dt.date, tot: dt.date, percentage: float, startweek: dt.date, weken: int
) -> dict[int, float]:
    """Fraction of each ISO week (index from ``startweek``'s week, 0 … weken-1) that an absence from ``van`` to
    ``tot`` (inclusive) takes: its working days (Monday–Friday) inside that week / 5, × percentage / 100.

    Weeks without a working day of the absence are left out; so is anything outside the horizon."""
    uit: dict[int, float] = {}
    if tot < van or weken <= 0:
        return uit
    pct = max(0.0, min(100.0, float(percentage))) / 100
    if pct == 0:
        return uit
    begin = maandag(startweek)
    eind = begin + dt.timedelta(weeks=weken)  # exclusive
    dag = max(van, begin)
    laatste = min(tot, eind - dt.timedelta(days=1))
    while dag <= laatste:
        if dag.weekday() < 5:
            w = (dag - begin).days // 7
            uit[w] = uit.get(w, 0.0) + 0.2
        dag += dt.timedelta(days=1)
    return {w: min(1.0, round(dagen, 10)) * pct for w, dagen in uit.items()}


def totalen(capaciteit: Eenheidcapaciteit) -> dict[str, float]:
    """The sum over the weeks of each row (bruto, afwezig, netto, regulier, opdrachten)."""
    return {
        "bruto": sum(capaciteit.bruto),
        "afwezig": sum(capaciteit.afwezig),
        "netto": sum(capaciteit.netto),
        "regulier": sum(capaciteit.regulier),
        "opdrachten": sum(capaciteit.opdrachten),
    }


def gelijke_delen(partners: Sequence[int]) -> dict[int, float]:
    """Equal weights summing to 1."""
    if not partners:
        return {}
    return {p: 1.0 / len(partners) for p in partners}


def genormaliseerd(gewichten: Mapping[int, float]) -> dict[int, float]:
    """Weights scaled to sum to 1 (equal shares when they sum to nothing)."""
    som = sum(max(0.0, float(g)) for g in gewichten.values())
    if som <= 0:
        return gelijke_delen(list(gewichten))
    return {p: max(0.0, float(g)) / som for p, g in gewichten.items()}


def afgerond(capaciteit: Eenheidcapaciteit, decimalen: int = 1) -> Eenheidcapaciteit:
    """The same figures rounded for display (one decimal by default)."""

    def r(rij: tuple[float, ...]) -> tuple[float, ...]:
        return tuple(round(x, decimalen) for x in rij)

    return Eenheidcapaciteit(
        bruto=r(capaciteit.bruto),
        afwezig=r(capaciteit.afwezig),
        netto=r(capaciteit.netto),
        regulier=r(capaciteit.regulier),
        opdrachten=r(capaciteit.opdrachten),
    )


def totalen_afgerond(capaciteit: Eenheidcapaciteit, decimalen: int = 1) -> dict[str, float]:
    return {k: round(v, decimalen) for k, v in totalen(capaciteit).items()}


def procenten(gewichten: Mapping[int, float], decimalen: int = 1) -> list[tuple[int, float]]:
    """Weights (summing to 1) as percentages for display."""
    return [(k, round(float(g) * 100, decimalen)) for k, g in gewichten.items()]
