"""The capacity of a cooperation's units per week, read from the database and computed by the pure core
(``kern/capaciteit.py``).

A unit's capacity is that of its *own* medewerkers, not of its sub-units: an assignment is planned on the unit
that carries it (``Bestuursopdracht.eenheid``), so a parent unit with staff of its own has its own row, and its
sub-units theirs. A person counts in a week when in service on at least one working day of it (``in_dienst``
up to and including ``uit_dienst``); registered absences (``Afwezigheid``) take their working days in each
week × their percentage.

Not restricted: the caller decided who reads (``policy`` ``capaciteit.lezen``; the plan reads it for its
instance).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from seta.organisatie.models import Medewerker
from seta.planning.kern import capaciteit as kern
from seta.planning.kern.capaciteit import Eenheidcapaciteit, Medewerkerinzet
from seta.planning.models import Afwezigheid, Planningsregels
from seta.samenwerkingsverbanden.models import Samenwerkingsverband

STANDAARD_UREN_PER_FTE_WEEK = 36.0
STANDAARD_PRODUCTIEVE_UREN = 1600.0
STANDAARD_REGULIER_PCT = 60.0


def regels_voor(samenwerkingsverband: Samenwerkingsverband, jaar: int) -> Planningsregels | None:
    """The rules in force for ``jaar``: the adopted version, else the latest concept, else None (unrestricted)."""
    rijen = Planningsregels.objects.filter(samenwerkingsverband=samenwerkingsverband, jaar=jaar)
    return (
        rijen.filter(status="vastgesteld").order_by("-volgnummer").first()
        or rijen.filter(status="concept").order_by("-volgnummer").first()
    )


def _regulier_pct(regels: Planningsregels | None, code: str) -> float:
    if regels is None:
        return STANDAARD_REGULIER_PCT
    per_eenheid = regels.regulier_per_eenheid if isinstance(regels.regulier_per_eenheid, dict) else {}
    if code in per_eenheid:
        try:
            return float(per_eenheid[code])
        except (TypeError, ValueError):
            pass
    return float(regels.regulier_pct)


def _week(datum: dt.date, start: dt.date, weken: int) -> int:
    return max(0, min(weken, kern.week_index(datum, start)))


def capaciteit_voor(
    samenwerkingsverband: Samenwerkingsverband,
    regels: Planningsregels | None,
    startweek: dt.date,
    weken: int,
) -> dict[int, Eenheidcapaciteit]:
    """Capacity per unit (Eenheid pk) with staff in the horizon, over ``weken`` weeks from ``startweek``'s
    Monday. ``regels`` None: the model's defaults (36 h a week, 1,600 productive hours, 60 % regular)."""
    start = kern.maandag(startweek)
    weken = max(0, int(weken))
    eind = start + dt.timedelta(weeks=weken)  # exclusive
    uren = float(regels.uren_per_fte_week) if regels else STANDAARD_UREN_PER_FTE_WEEK
    productief = float(regels.productieve_uren_per_fte_jaar) if regels else STANDAARD_PRODUCTIEVE_UREN
    medewerkers = list(
        Medewerker.objects.filter(samenwerkingsverband=samenwerkingsverband, in_dienst__lt=eind)
        .exclude(uit_dienst__lt=start)
        .select_related("eenheid")
        .order_by("eenheid_id", "pk")
    )
    afwezig: dict[int, dict[int, float]] = defaultdict(dict)
    for a in Afwezigheid.objects.filter(
        medewerker__in=[m.pk for m in medewerkers], van__lt=eind, tot__gte=start
    ).order_by("pk"):
        per_week = afwezig[a.medewerker_id]
        for w, deel in kern.afwezig_per_week(a.van, a.tot, float(a.percentage), start, weken).items():
            per_week[w] = min(1.0, per_week.get(w, 0.0) + deel)
    per_eenheid: dict[int, list[Medewerkerinzet]] = defaultdict(list)
    codes: dict[int, str] = {}
    for m in medewerkers:
        codes[m.eenheid_id] = m.eenheid.code
        # in service on at least one working day: from the week of in_dienst to the week of uit_dienst
        van_week = _week(m.in_dienst, start, weken) if m.in_dienst > start else 0
        if m.in_dienst.weekday() >= 5 and m.in_dienst > start:  # starts on a weekend: from the next week
            van_week = min(weken, van_week + 1)
        tot_week = weken
        if m.uit_dienst is not None:
            laatste = kern.week_index(m.uit_dienst, start)
            tot_week = max(0, min(weken, laatste + 1))
        per_eenheid[m.eenheid_id].append(
            Medewerkerinzet(
                fte=float(m.fte), van_week=van_week, tot_week=tot_week, afwezig=dict(afwezig.get(m.pk, {}))
            )
        )
    return {
        eenheid_id: kern.bereken(
            inzet,
            weken=weken,
            uren_per_fte_week=uren,
            productieve_uren_per_jaar=productief,
            regulier_pct=_regulier_pct(regels, codes[eenheid_id]),
        )
        for eenheid_id, inzet in per_eenheid.items()
    }
