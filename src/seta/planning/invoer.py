"""From the database to the planning core's instance: capacity, demand and rules of one cooperation.

Not restricted by the policy: the caller (a service) has decided who may plan or read. Everything that can make
an assignment impossible to plan becomes a reason in ``niet_planbaar`` (Dutch, shown on the pages and in the
API), never a silent omission.

Demand: the cooperation's commissioned assignments still to be done (``opgedragen``, ``intake``, ``akkoord``,
``in_uitvoering``, ``terug``), each with its **remaining** hours: the estimate (``raming_uren``) less every hour
already booked on it (approved or not), on the unit that carries it, from its earliest start (``vroegste_start``,
else the day it was commissioned, never before today) to its deadline. An assignment on a medebewind item with a
``wettelijke_termijn`` is statutory: its deadline is a hard constraint. A joint assignment's hours count for each
co-principal by the cooperation's cost key for joint assignments (``financien.selectors.kostensleutel``).

Keys in the instance are readable: a demand is the assignment's ``nummer``, a unit its ``code``, a partner its
CBS code; the maps back to primary keys are on ``Planinvoer``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Sum
from django.utils import timezone

from seta.catalogus.models import Taaksoort
from seta.financien import selectors as financien_selectors
from seta.gemeenten.models import Gemeente
from seta.opdrachten import lifecycle
from seta.opdrachten.models import Bestuursopdracht
from seta.organisatie.models import Eenheid
from seta.planning.kern.model import Instantie, Regels, Vraag
from seta.planning.models import Meetperiode, Planningsregels
from seta.samenwerkingsverbanden.models import Samenwerkingsverband
from seta.uren.models import Urenregel

#: The states whose work is still to be planned; ``aangehouden`` is listed as not plannable (on hold).
TE_PLANNEN = frozenset(
    {lifecycle.OPGEDRAGEN, lifecycle.INTAKE, lifecycle.AKKOORD, lifecycle.IN_UITVOERING, lifecycle.TERUG}
)
MEDEBEWIND = frozenset({Taaksoort.MECHANISCH_MEDEBEWIND, Taaksoort.NIET_MECHANISCH_MEDEBEWIND})
STANDAARD_WEKEN = 65
PERIODE_WEKEN: dict[str, int] = {Meetperiode.KWARTAAL: 13, Meetperiode.HALFJAAR: 26}


def maandag(datum: dt.date) -> dt.date:
    return datum - dt.timedelta(days=datum.weekday())


def week_index(startweek: dt.date, datum: dt.date) -> int:
    """The index of the week containing ``datum`` in a horizon starting on the Monday ``startweek``."""
    return (maandag(datum) - startweek).days // 7


def week_datum(startweek: dt.date, index: int) -> dt.date:
    """The Monday of week ``index``."""
    return startweek + dt.timedelta(weeks=index)


def week_einde(startweek: dt.date, index: int) -> dt.date:
    """The Friday of week ``index`` (the last working day: an expected delivery date)."""
    return week_datum(startweek, index) + dt.timedelta(days=4)


@dataclass
class Planinvoer:
    samenwerkingsverband: Samenwerkingsverband
    instantie: Instantie
    startweek: dt.date
    weken: int
    opdrachten: dict[str, int]  # vraag id (nummer) -> Bestuursopdracht pk
    eenheden: dict[str, int]  # unit key (code) -> Eenheid pk
    partners: dict[str, int]  # partner key (CBS code) -> Gemeente pk
    niet_planbaar: list[tuple[int, str]]  # (Bestuursopdracht pk, reason)
    capaciteit: dict[int, Any]  # Eenheid pk -> kern.capaciteit.Eenheidcapaciteit
    regels: Planningsregels | None
    grondslag: str  # the fairness basis in words
    deadlines: dict[str, dt.date] = field(default_factory=dict)  # vraag id -> the assignment's deadline
    partnernamen: dict[str, str] = field(default_factory=dict)  # partner key -> name
    eenheidnamen: dict[str, str] = field(default_factory=dict)  # unit key -> name


def _geboekt(ids: list[int]) -> dict[int, Decimal]:
    rows = Urenregel.objects.filter(opdracht_id__in=ids).values("opdracht_id").annotate(totaal=Sum("uren"))
    return {r["opdracht_id"]: r["totaal"] or Decimal("0") for r in rows}


def _fl(waarde: Any) -> float:
    return float(waarde)


def bouw(
    samenwerkingsverband: Samenwerkingsverband,
    *,
    startweek: dt.date | None = None,
    weken: int = STANDAARD_WEKEN,
    regels: Planningsregels | None = None,
    vandaag: dt.date | None = None,
) -> Planinvoer:
    """The instance for planning ``samenwerkingsverband``'s commissioned work over ``weken`` weeks from
    ``startweek`` (default: the Monday of today's week), under ``regels`` (default: the year's adopted rules)."""
    from seta.planning import capaciteit as capaciteit_mod
    from seta.planning import selectors as planning_selectors

    vandaag = vandaag or timezone.localdate()
    startweek = maandag(startweek or vandaag)
    if regels is None:
        regels = planning_selectors.regels_voor(samenwerkingsverband, startweek.year)
    capaciteit = capaciteit_mod.capaciteit_voor(samenwerkingsverband, regels, startweek, weken)
    eenheden = {e.pk: e for e in Eenheid.objects.filter(samenwerkingsverband=samenwerkingsverband)}

    gewichten_pk, grondslag = planning_selectors.gewichten(samenwerkingsverband, regels, startweek.year)
    gemeente_ids = set(gewichten_pk)

    opdrachten = list(
        Bestuursopdracht.objects.filter(
            samenwerkingsverband=samenwerkingsverband, status__in=TE_PLANNEN | {lifecycle.AANGEHOUDEN}
        )
        .select_related("catalogusitem", "eenheid")
        .prefetch_related("opdrachtgevers__gemeente")
        .order_by("nummer")
    )
    for o in opdrachten:
        gemeente_ids |= {og.gemeente_id for og in o.actieve_opdrachtgevers}
    gemeenten = {g.pk: g for g in Gemeente.objects.filter(pk__in=gemeente_ids)}
    geboekt = _geboekt([o.pk for o in opdrachten])

    vragen: list[Vraag] = []
    niet_planbaar: list[tuple[int, str]] = []
    deadlines: dict[str, dt.date] = {}
    eerste = week_index(startweek, vandaag) if vandaag > startweek else 0
    for o in opdrachten:
        if o.status == lifecycle.AANGEHOUDEN:
            niet_planbaar.append((o.pk, "De opdracht is aangehouden."))
            continue
        if o.raming_uren is None:
            niet_planbaar.append((o.pk, "Er is nog geen raming van de uren (intake)."))
            continue
        cap = capaciteit.get(o.eenheid_id)
        if cap is None or not any(u > 0 for u in cap.opdrachten):
            naam = eenheden[o.eenheid_id].naam if o.eenheid_id in eenheden else str(o.eenheid_id)
            niet_planbaar.append(
                (o.pk, f"De uitvoerende eenheid {naam} heeft geen capaciteit voor opdrachten.")
            )
            continue
        rest = o.raming_uren - geboekt.get(o.pk, Decimal("0"))
        if rest <= 0:
            niet_planbaar.append(
                (
                    o.pk,
                    f"De geraamde uren zijn al geboekt ({geboekt.get(o.pk, Decimal('0'))} van {o.raming_uren}); "
                    "de raming moet worden bijgesteld.",
                )
            )
            continue
        actief = o.actieve_opdrachtgevers
        if not actief:
            niet_planbaar.append((o.pk, "De opdracht heeft geen (actieve) opdrachtgever."))
            continue
        if len(actief) == 1:
            aandelen = {gemeenten[actief[0].gemeente_id].cbs_code: 1.0}
        else:
            sleutel = financien_selectors.kostensleutel(
                samenwerkingsverband, startweek.year, [og.gemeente_id for og in actief]
            )
            if sleutel.aandelen:
                aandelen = {gemeenten[pk].cbs_code: float(a) for pk, a in sleutel.aandelen.items()}
            else:  # equal parts (the model's rule, or no key could be made)
                aandelen = {gemeenten[og.gemeente_id].cbs_code: 1.0 / len(actief) for og in actief}
        start = o.vroegste_start or o.opgedragen_op or vandaag
        wettelijk = o.catalogusitem.taaksoort in MEDEBEWIND and bool(o.wettelijke_termijn.strip())
        vragen.append(
            Vraag(
                id=o.nummer,
                eenheid=eenheden[o.eenheid_id].code,
                uren=_fl(rest),
                vroegste_week=max(eerste, week_index(startweek, start)),
                deadline_week=week_index(startweek, o.deadline),
                aandelen=aandelen,
                prioriteit=o.prioriteit,
                wettelijk=wettelijk,
            )
        )
        deadlines[o.nummer] = o.deadline

    gewichten = {gemeenten[pk].cbs_code: float(w) for pk, w in gewichten_pk.items() if w}
    for v in vragen:  # a partner of an assignment without a weight (e.g. it left): weight 0
        for p in v.aandelen:
            gewichten.setdefault(p, 0.0)
    if regels is not None:
        prioriteitsgewichten = {k: _fl(w) for k, w in (regels.prioriteitsgewichten or {}).items()}
        periode = PERIODE_WEKEN.get(regels.meetperiode, 13)
        cbs = {g.cbs_code for g in gemeenten.values()}
        minima = {k: _fl(v) / 100 for k, v in (regels.minima or {}).items() if k in cbs}
        kern_regels = Regels(
            gewichten=gewichten,
            prioriteitsgewichten=prioriteitsgewichten,
            periode_weken=periode,
            minima=minima,
        )
    else:
        kern_regels = Regels(gewichten=gewichten)

    units = {eenheden[pk].code: tuple(c.opdrachten) for pk, c in capaciteit.items() if pk in eenheden}
    instantie = Instantie(weken=weken, capaciteit=units, vragen=tuple(vragen), regels=kern_regels)
    return Planinvoer(
        samenwerkingsverband=samenwerkingsverband,
        instantie=instantie,
        startweek=startweek,
        weken=weken,
        opdrachten={o.nummer: o.pk for o in opdrachten},
        eenheden={e.code: e.pk for e in eenheden.values()},
        partners={g.cbs_code: g.pk for g in gemeenten.values()},
        niet_planbaar=niet_planbaar,
        capaciteit=capaciteit,
        regels=regels,
        grondslag=grondslag,
        deadlines=deadlines,
        partnernamen={g.cbs_code: g.naam for g in gemeenten.values()},
        eenheidnamen={e.code: e.naam for e in eenheden.values()},
    )


def naar_json(invoer: Planinvoer) -> dict[str, Any]:
    """The instance as stored on a ``Planrun`` (plain JSON; ``uit_json`` reads it back)."""
    inst = invoer.instantie
    return {
        "startweek": invoer.startweek.isoformat(),
        "weken": inst.weken,
        "capaciteit": {k: list(v) for k, v in inst.capaciteit.items()},
        "vragen": [asdict(v) | {"aandelen": dict(v.aandelen)} for v in inst.vragen],
        "regels": {
            "gewichten": dict(inst.regels.gewichten),
            "prioriteitsgewichten": dict(inst.regels.prioriteitsgewichten),
            "periode_weken": inst.regels.periode_weken,
            "minima": dict(inst.regels.minima),
            "laatheid_tolerantie": inst.regels.laatheid_tolerantie,
        },
        "partners": dict(invoer.partnernamen),
        "eenheden": dict(invoer.eenheidnamen),
        "grondslag": invoer.grondslag,
    }


def uit_json(data: Mapping[str, Any]) -> Instantie:
    """The stored instance back as the core's ``Instantie``."""
    r = data["regels"]
    return Instantie(
        weken=int(data["weken"]),
        capaciteit={k: tuple(float(x) for x in v) for k, v in data["capaciteit"].items()},
        vragen=tuple(
            Vraag(
                id=v["id"],
                eenheid=v["eenheid"],
                uren=float(v["uren"]),
                vroegste_week=int(v["vroegste_week"]),
                deadline_week=int(v["deadline_week"]),
                aandelen={k: float(a) for k, a in v["aandelen"].items()},
                prioriteit=v.get("prioriteit", "normaal"),
                wettelijk=bool(v.get("wettelijk", False)),
            )
            for v in data["vragen"]
        ),
        regels=Regels(
            gewichten={k: float(w) for k, w in r["gewichten"].items()},
            prioriteitsgewichten={k: float(w) for k, w in r["prioriteitsgewichten"].items()},
            periode_weken=int(r["periode_weken"]),
            minima={k: float(m) for k, m in r.get("minima", {}).items()},
            laatheid_tolerantie=float(r.get("laatheid_tolerantie", 0.02)),
        ),
    )
