"""Demo hours: the closed year 2025 and 2026 up to the demo's reference date, for every staff member of
BEL and the Kempengemeenten (bulk inserts of rows the services would accept).

Every working day a staff member writes one to three lines: regular work on a catalogue item of their
unit for one of the partners, hours on an assignment their unit carries out, or overhead; about 24
leave days a year. Every row is one ``uren.services`` would accept: the person is in service that day,
the day's total stays far below 24 hours, the gemeente is a partner of the cooperation on that date,
the catalogue item and the assignment belong to the cooperation and the assignment was running that
day. ISO week 38 of 2026 is left empty for everyone (``LEGE_WEEK``). Each week's status follows the
transitions (open → ingediend → goedgekeurd, each recorded as a Weekovergang, with the version a
service would have given it): all weeks are approved except the two before the reference date: last
week is submitted, the current week is still open. A week is approved by someone the policy lets approve it:
the demo teamleider for the staff of their unit (and the units under it), the directeur for the rest
of the pool, the beheerder for the directeur's own weeks.

Partners do not receive work in proportion to their key:
- BEL: Eemnes gets clearly less than its share (the ABG case), which the 2025 settlement flags;
- Kempengemeenten (Menu 1, each unit hosted by one partner, serving all five): work by population,
  but a unit does half as much again for its own host gemeente (the seed's "vooruitrijden met de hand
  aan de handrem": the hosted units keep working most for their own municipality).

Groningen – Ten Boer gets no hours: the cooperation ended on 1 January 2019, when Ten Boer merged into
Groningen, so in 2025 and 2026 it has no partner to write regular work for (the services refuse it).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from seta.demo.builder import DemoContext
from seta.uren import overzicht
from seta.uren.bulk import insert_lines, insert_rows
from seta.uren.models import Soort, Weekovergang, Weekstaat, Weekstatus

JAAR = 2025  # the closed previous year; hours run from its first day to the demo's reference date
# Share of regular work per partner (Eemnes gets less than its key share; see the financien demo).
WERKVERDELING = {"blaricum": 0.37, "eemnes": 0.19, "laren": 0.44}
GASTHEER_EXTRA = 1.5  # Kempen: a unit's weight for its own host gemeente
VRIJE_DAGEN = 24  # leave days per staff member per calendar year
HALF = Decimal("0.5")
VERBANDEN = ("bel", "kempen")
# One week is left empty for everyone, so that the tests (tests/uren/conftest.py) and a visitor trying
# the hour grid have a week of their own to fill in, submit and approve.
LEGE_WEEK = (2026, 38)


def _actief(m: Any, dag: dt.date) -> bool:
    return m.in_dienst <= dag and (m.uit_dienst is None or m.uit_dienst >= dag)


def _dagen(van: dt.date, tot: dt.date) -> list[dt.date]:
    """Working days (Monday to Friday) from ``van`` to ``tot`` inclusive."""
    dag, result = van, []
    while dag <= tot:
        if dag.weekday() < 5:
            result.append(dag)
        dag += dt.timedelta(days=1)
    return result


def _moment(dag: dt.date, uur: int) -> Any:
    from django.db import connection

    return connection.ops.adapt_datetimefield_value(
        timezone.make_aware(dt.datetime.combine(dag, dt.time(uur)))
    )


@dataclass
class Verband:
    """What the hours of one cooperation are made of."""

    key: str
    sv: Any
    staff: list[Any]
    partners: list[tuple[Any, float]]  # (gemeente, weight)
    gastheer_van: dict[int, int]  # eenheid id -> id of the gemeente hosting it (Menu 1)
    items_per_eenheid: dict[int, list[Any]]
    items: list[Any]
    ouder: dict[int, int | None]
    opdrachten_per_eenheid: dict[int, list[Any]]
    opdracht_gemeente: dict[int, int | None]


def _verband(ctx: DemoContext, key: str) -> Verband | None:
    sv = ctx.data.get("verbanden", {}).get(key)
    staff = list(ctx.data.get("medewerkers", {}).get(key, []))
    if sv is None or not staff:
        return None
    gemeenten = ctx.data["gemeenten"]
    if key == "bel":
        partners = [(gemeenten[slug], w) for slug, w in WERKVERDELING.items() if slug in gemeenten]
    else:
        leden = [d.gemeente for d in sv.deelnemers.select_related("gemeente").order_by("gemeente__naam")]
        partners = [(g, float(g.inwoners)) for g in leden]
    items = list(ctx.data.get("catalogus", {}).get(key, {}).values())
    items_per_eenheid: dict[int, list[Any]] = defaultdict(list)
    for item in items:
        items_per_eenheid[item.eenheid_id].append(item)
    eenheden = ctx.data.get("eenheden", {}).get(key, {})

    from seta.opdrachten import lifecycle
    from seta.opdrachten.models import Bestuursopdracht

    opdrachten = list(
        Bestuursopdracht.objects.filter(samenwerkingsverband=sv)
        .exclude(status__in=[lifecycle.CONCEPT, lifecycle.OPGEDRAGEN, lifecycle.GEANNULEERD])
        .prefetch_related("opdrachtgevers")
        .order_by("pk")  # the same order on every database: the same random choices
    )
    opdracht_gemeente: dict[int, int | None] = {}
    opdrachten_per_eenheid: dict[int, list[Any]] = defaultdict(list)
    for o in opdrachten:
        actief = [og.gemeente_id for og in o.opdrachtgevers.all() if og.teruggetrokken_op is None]
        opdracht_gemeente[o.pk] = actief[0] if len(actief) == 1 else None
        opdrachten_per_eenheid[o.eenheid_id].append(o)
    return Verband(
        key=key,
        sv=sv,
        staff=staff,
        partners=partners,
        gastheer_van={e.pk: e.gastgemeente_id for e in eenheden.values() if e.gastgemeente_id},
        items_per_eenheid=items_per_eenheid,
        items=items,
        ouder={e.pk: e.bovenliggend_id for e in eenheden.values()},
        opdrachten_per_eenheid=opdrachten_per_eenheid,
        opdracht_gemeente=opdracht_gemeente,
    )


def _omhoog(v: Verband, eenheid_id: int, per_eenheid: dict[int, list[Any]]) -> list[Any]:
    """The first non-empty list for the unit or the nearest unit above it."""
    e: int | None = eenheid_id
    while e is not None:
        if per_eenheid.get(e):
            return per_eenheid[e]
        e = v.ouder.get(e)
    return []


def _goedkeurders(ctx: DemoContext, v: Verband) -> tuple[Any, Any, frozenset[int]]:
    """(teamleider user, directeur user, units the teamleider manages) of the cooperation's demo logins."""
    users = ctx.data.get("users", {})
    teamleider, directeur = users.get(f"teamleider.{v.key}"), users.get(f"directeur.{v.key}")
    tl_mw = getattr(teamleider, "medewerker", None) if teamleider else None
    beheerd: set[int] = set()
    if tl_mw is not None:
        kinderen: dict[int | None, list[int]] = defaultdict(list)
        for eid, parent in v.ouder.items():
            kinderen[parent].append(eid)
        stack = [tl_mw.eenheid_id]
        while stack:
            eid = stack.pop()
            beheerd.add(eid)
            stack.extend(kinderen.get(eid, []))
    return teamleider, directeur, frozenset(beheerd)


def _build_verband(ctx: DemoContext, v: Verband) -> tuple[int, int]:
    """Weekstaten, transitions and lines of one cooperation; returns (lines, weeks)."""
    rng = random.Random(f"uren-{v.key}")  # per cooperation: one pool's data does not shift another's
    peil = ctx.peildatum
    huidige_week = peil.isocalendar()[:2]
    vorige_week = (peil - dt.timedelta(days=7)).isocalendar()[:2]
    dagen = _dagen(dt.date(JAAR, 1, 1), peil)
    per_jaar: dict[int, list[int]] = defaultdict(list)
    for i, dag in enumerate(dagen):
        per_jaar[dag.year].append(i)
    users = ctx.data.get("users", {})
    beheerder = users.get("beheerder")
    teamleider, directeur, tl_eenheden = _goedkeurders(ctx, v)

    def goedkeurder(m: Any) -> int | None:
        """Who may approve m's weeks (never m themself): see the module docstring."""
        if teamleider is not None and m.eenheid_id in tl_eenheden and m.gebruiker_id != teamleider.pk:
            return int(teamleider.pk)
        if directeur is not None and m.gebruiker_id != directeur.pk:
            return int(directeur.pk)
        return int(beheerder.pk) if beheerder is not None else None

    partner_objs = [g for g, _ in v.partners]
    gewichten_per_eenheid: dict[int | None, list[float]] = {}

    def gewichten(eenheid_id: int) -> list[float]:
        if eenheid_id not in gewichten_per_eenheid:
            e: int | None = eenheid_id
            while e is not None and e not in v.gastheer_van:
                e = v.ouder.get(e)
            gast = v.gastheer_van.get(e) if e is not None else None
            gewichten_per_eenheid[eenheid_id] = [
                w * (GASTHEER_EXTRA if g.pk == gast else 1.0) for g, w in v.partners
            ]
        return gewichten_per_eenheid[eenheid_id]

    plannen: list[tuple[Any, dt.date]] = []
    weken: dict[tuple[int, int, int], Any] = {}
    for m in v.staff:
        vrij: set[int] = set()
        for indices in per_jaar.values():
            vrij.update(rng.sample(indices, k=min(len(indices), VRIJE_DAGEN)))
        for i, dag in enumerate(dagen):
            if i in vrij or not _actief(m, dag) or dag.isocalendar()[:2] == LEGE_WEEK:
                continue
            plannen.append((m, dag))
            weken.setdefault((m.pk, *dag.isocalendar()[:2]), m)

    nieuwe_staten = []
    for (mid, jaar, week), m in weken.items():
        maandag = dt.date.fromisocalendar(jaar, week, 1)
        vrijdag = maandag + dt.timedelta(days=4)
        if (jaar, week) == huidige_week:
            status, ingediend, goedgekeurd, door = Weekstatus.OPEN, None, None, None
        elif (jaar, week) == vorige_week:
            status, ingediend, goedgekeurd, door = Weekstatus.INGEDIEND, _moment(vrijdag, 16), None, None
        else:
            status, door = Weekstatus.GOEDGEKEURD, goedkeurder(m)
            ingediend, goedgekeurd = _moment(vrijdag, 16), _moment(vrijdag + dt.timedelta(days=3), 10)
        nieuwe_staten.append(
            (
                v.sv.pk,
                mid,
                jaar,
                week,
                status.value,
                ingediend,
                goedgekeurd,
                door,
                _moment(maandag, 8),
                goedgekeurd or ingediend or _moment(maandag, 8),
                {Weekstatus.OPEN: 1, Weekstatus.INGEDIEND: 2, Weekstatus.GOEDGEKEURD: 3}[status],
            )
        )
    insert_rows(
        Weekstaat,
        (
            "samenwerkingsverband_id",
            "medewerker_id",
            "jaar",
            "week",
            "status",
            "ingediend_op",
            "goedgekeurd_op",
            "goedgekeurd_door_id",
            "aangemaakt_op",
            "gewijzigd_op",
            "versie",
        ),
        nieuwe_staten,
    )
    staten: dict[tuple[int, int, int], Weekstaat] = {}
    for s in Weekstaat.objects.filter(samenwerkingsverband=v.sv).only(
        "id",
        "medewerker_id",
        "jaar",
        "week",
        "status",
        "ingediend_op",
        "goedgekeurd_op",
        "goedgekeurd_door_id",
    ):
        staten[(s.medewerker_id, s.jaar, s.week)] = s
    adapt = _adapt_datetime()
    overgangen: list[tuple[Any, ...]] = []
    for (mid, _j, _w), s in staten.items():
        if s.status in (Weekstatus.INGEDIEND, Weekstatus.GOEDGEKEURD):
            indiener = weken[(mid, _j, _w)].gebruiker_id
            overgangen.append(
                (s.pk, Weekstatus.OPEN.value, Weekstatus.INGEDIEND.value, indiener, adapt(s.ingediend_op), "")
            )
        if s.status == Weekstatus.GOEDGEKEURD:
            overgangen.append(
                (
                    s.pk,
                    Weekstatus.INGEDIEND.value,
                    Weekstatus.GOEDGEKEURD.value,
                    s.goedgekeurd_door_id,
                    adapt(s.goedgekeurd_op),
                    "",
                )
            )
    insert_rows(Weekovergang, ("weekstaat_id", "van", "naar", "door_id", "tijdstip", "reden"), overgangen)
    aantal = insert_lines(_regels(v, rng, plannen, staten, partner_objs, gewichten))
    overzicht.herbereken(v.sv.pk)  # the weeks were inserted approved: their summary from one GROUP BY
    return aantal, len(nieuwe_staten)


def _adapt_datetime() -> Any:
    from django.db import connection

    return connection.ops.adapt_datetimefield_value


def _regels(
    v: Verband,
    rng: random.Random,
    plannen: Sequence[tuple[Any, dt.date]],
    staten: dict[tuple[int, int, int], Weekstaat],
    partner_objs: list[Any],
    gewichten: Any,
) -> list[tuple[Any, ...]]:
    regels: list[tuple[Any, ...]] = []
    for m, dag in plannen:
        totaal = (Decimal(8) * m.fte / HALF).quantize(Decimal(1)) * HALF
        totaal = max(Decimal(2), min(Decimal(9), totaal))  # at most 9 hours a day: far below 24
        staat = staten[(m.pk, *dag.isocalendar()[:2])]
        kandidaten = [
            o
            for o in _omhoog(v, m.eenheid_id, v.opdrachten_per_eenheid)
            if o.opgedragen_op is not None
            and o.opgedragen_op <= dag
            and (o.opgeleverd_op is None or o.opgeleverd_op >= dag)
        ]
        r = rng.random()
        delen: list[tuple[str, Decimal]]
        if kandidaten and r < 0.35:
            opdracht_uren = (totaal * Decimal(rng.choice((0.25, 0.5, 0.5, 0.75))) / HALF).quantize(
                Decimal(1)
            ) * HALF
            delen = [("opdracht", opdracht_uren), ("regulier", totaal - opdracht_uren)]
        elif r < 0.5:
            delen = [("overhead", Decimal(1)), ("regulier", totaal - 1)]
        else:
            delen = [("regulier", totaal)]
        basis = (v.sv.pk, m.pk, staat.pk, dag)
        for soort, uren in delen:
            if uren <= 0:
                continue
            if soort == "opdracht":
                o = rng.choice(kandidaten)
                doel: tuple[Any, ...] = (Soort.OPDRACHT.value, o.pk, None, v.opdracht_gemeente.get(o.pk), "")
            elif soort == "overhead":
                doel = (Soort.OVERHEAD.value, None, None, None, "Werkoverleg en opleiding")
            else:
                gemeente = rng.choices(partner_objs, gewichten(m.eenheid_id))[0]
                item = rng.choice(_omhoog(v, m.eenheid_id, v.items_per_eenheid) or v.items)
                doel = (Soort.REGULIER.value, None, item.pk, gemeente.pk, "")
            soort_v, opdracht_id, item_id, gemeente_id, omschrijving = doel
            regels.append(
                (
                    *basis,
                    uren,
                    soort_v,
                    opdracht_id,
                    item_id,
                    gemeente_id,
                    m.eenheid_id,
                    m.schaal,
                    omschrijving,
                    "ui",
                    "",
                )
            )
    return _binnen_budget(v, regels, gewichten)


def _budget(opdracht: Any, peildatum: dt.date, u: float) -> Decimal:
    """The hours the demo books on an assignment at most: a realistic share of its estimate (delivered ones
    80–95 %, running ones by how far their planned term has passed, up to 85 %; in intake a little). Without
    this, the daily random choice books far more than the pool estimated on most assignments, and every
    running assignment would raise the 90 %/100 % alerts of the nacalculatie. The nacalculatie demo then
    pushes a few chosen assignments past their thresholds, with named invoices."""
    from seta.opdrachten import lifecycle

    raming = opdracht.raming_uren or opdracht.max_uren or Decimal(200)
    if opdracht.status in (lifecycle.OPGELEVERD, lifecycle.VASTGESTELD, lifecycle.TERUG):
        deel = 0.80 + 0.15 * u
    elif opdracht.status in (lifecycle.IN_UITVOERING, lifecycle.AANGEHOUDEN):
        begin = opdracht.opgedragen_op or peildatum
        eind = opdracht.raming_opleverdatum or opdracht.deadline
        looptijd = max((eind - begin).days, 1)
        deel = 0.85 * min(1.0, max(0.1, (peildatum - begin).days / looptijd))
    else:
        deel = 0.05
    return Decimal(raming) * Decimal(str(round(deel, 3)))


def _binnen_budget(v: Verband, regels: list[tuple[Any, ...]], gewichten: Any) -> list[tuple[Any, ...]]:
    """Thin each assignment's lines to its budget, evenly over its term: a line stays while the hours kept stay
    within the budget's share of the hours seen so far (in date order); the rest becomes regular work for a
    partner, so every person's day keeps its hours."""
    opdrachten = {o.pk: o for lijst in v.opdrachten_per_eenheid.values() for o in lijst}
    if not regels:
        return regels
    peildatum = max(r[3] for r in regels)
    rng = random.Random(
        f"budget-{v.key}"
    )  # its own stream: the other lines' random choices stay as they were
    budget = {pk: _budget(o, peildatum, rng.random()) for pk, o in sorted(opdrachten.items())}
    totaal: dict[int, Decimal] = defaultdict(Decimal)
    for r in regels:
        if r[6] is not None:
            totaal[r[6]] += r[4]
    gezien: dict[int, Decimal] = defaultdict(Decimal)
    gehouden: dict[int, Decimal] = defaultdict(Decimal)
    volgorde = sorted(range(len(regels)), key=lambda i: (regels[i][3], regels[i][1], i))
    uit = list(regels)
    for i in volgorde:
        r = regels[i]
        pk = r[6]
        if pk is None or totaal[pk] <= budget[pk]:
            continue
        gezien[pk] += r[4]
        if gehouden[pk] + r[4] <= budget[pk] * gezien[pk] / totaal[pk]:
            gehouden[pk] += r[4]
            continue
        eenheid_id = r[9]
        gemeente = rng.choices([g for g, _w in v.partners], gewichten(eenheid_id))[0]
        item = rng.choice(_omhoog(v, eenheid_id, v.items_per_eenheid) or v.items)
        uit[i] = (*r[:5], Soort.REGULIER.value, None, item.pk, gemeente.pk, *r[9:11], "", *r[12:])
    return uit


def build(ctx: DemoContext) -> None:
    per_verband: dict[str, int] = {}
    weken = 0
    for key in VERBANDEN:
        v = _verband(ctx, key)
        if v is None:
            ctx.log(f"demo: uren voor {key} overgeslagen (geen medewerkers)")
            continue
        aantal, staten = _build_verband(ctx, v)
        per_verband[key] = aantal
        weken += staten
        ctx.log(
            f"  {aantal} urenregels en {staten} weekstaten voor {v.sv.afkorting} "
            f"({JAAR} en {ctx.peildatum.year} tot {ctx.peildatum:%d-%m})"
        )
    if not per_verband:
        return
    ctx.data["uren"] = {
        "jaar": JAAR,
        "jaren": (JAAR, ctx.peildatum.year),
        "aantal": sum(per_verband.values()),
        "per_verband": per_verband,
    }
