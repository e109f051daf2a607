"""Demo hours: the full year 2025 for every BEL staff member (bulk inserts), plus the current weeks of 2026.

Every working day a staff member writes one to three lines: regular work on a catalogue item of their
unit for one of the partners, hours on an assignment their unit carries out, or overhead. Almost all
2025 weeks are approved (locked); the last weeks before the demo's reference date are submitted or
open, so the approval page and the grid have something to show.

The partners do not receive work in proportion to their key: Eemnes gets clearly less than its share
(the ABG case), which the year-end settlement in the financien demo flags.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from seta.demo.builder import DemoContext
from seta.uren import overzicht
from seta.uren.bulk import insert_lines, insert_rows, now_value
from seta.uren.models import Soort, Weekovergang, Weekstaat, Weekstatus

JAAR = 2025
# Share of regular work per partner (Eemnes gets less than its key share; see the financien demo).
WERKVERDELING = {"blaricum": 0.37, "eemnes": 0.19, "laren": 0.44}
HALF = Decimal("0.5")


def _actief(m: Any, dag: dt.date) -> bool:
    return m.in_dienst <= dag and (m.uit_dienst is None or m.uit_dienst >= dag)


def _dagen(jaar: int) -> list[dt.date]:
    dag = dt.date(jaar, 1, 1)
    result = []
    while dag.year == jaar:
        if dag.weekday() < 5:
            result.append(dag)
        dag += dt.timedelta(days=1)
    return result


def build(ctx: DemoContext) -> None:
    verbanden = ctx.data.get("verbanden", {})
    sv = verbanden.get("bel")
    staff = list(ctx.data.get("medewerkers", {}).get("bel", []))
    if sv is None or not staff:
        ctx.log("demo: uren overgeslagen (geen BEL-medewerkers)")
        return
    rng = ctx.rng
    gemeenten = ctx.data["gemeenten"]
    partners = [(gemeenten[slug], w) for slug, w in WERKVERDELING.items() if slug in gemeenten]
    partner_objs = [g for g, _ in partners]
    partner_w = [w for _, w in partners]
    items = list(ctx.data.get("catalogus", {}).get("bel", {}).values())
    items_per_eenheid: dict[int, list[Any]] = defaultdict(list)
    for item in items:
        items_per_eenheid[item.eenheid_id].append(item)
    eenheden = ctx.data.get("eenheden", {}).get("bel", {})
    ouder = {e.pk: e.bovenliggend_id for e in eenheden.values()}

    from seta.opdrachten import lifecycle
    from seta.opdrachten.models import Bestuursopdracht

    opdrachten = list(
        Bestuursopdracht.objects.filter(samenwerkingsverband=sv)
        .exclude(status__in=[lifecycle.CONCEPT, lifecycle.OPGEDRAGEN, lifecycle.GEANNULEERD])
        .prefetch_related("opdrachtgevers")
    )
    opdracht_gemeente: dict[int, int | None] = {}
    for o in opdrachten:
        actief = [og.gemeente_id for og in o.opdrachtgevers.all() if og.teruggetrokken_op is None]
        opdracht_gemeente[o.pk] = actief[0] if len(actief) == 1 else None
    opdrachten_per_eenheid: dict[int, list[Any]] = defaultdict(list)
    for o in opdrachten:
        opdrachten_per_eenheid[o.eenheid_id].append(o)

    def eigen_items(eenheid_id: int) -> list[Any]:
        e: int | None = eenheid_id
        while e is not None:
            if items_per_eenheid.get(e):
                return items_per_eenheid[e]
            e = ouder.get(e)
        return items

    def eigen_opdrachten(eenheid_id: int) -> list[Any]:
        e: int | None = eenheid_id
        while e is not None:
            if opdrachten_per_eenheid.get(e):
                return opdrachten_per_eenheid[e]
            e = ouder.get(e)
        return []

    peil = ctx.peildatum
    huidige_week = peil.isocalendar()[:2]
    dagen = _dagen(JAAR) + [
        d for d in _dagen(peil.year) if d.isocalendar()[1] >= huidige_week[1] - 3 and d <= peil
    ]
    medewerker_user = ctx.data.get("users", {}).get("medewerker.bel")
    teamleider_user = ctx.data.get("users", {}).get("teamleider.bel")
    mw_login = getattr(medewerker_user, "medewerker", None) if medewerker_user else None
    tl_eenheid = (
        getattr(getattr(teamleider_user, "medewerker", None), "eenheid_id", None) if teamleider_user else None
    )

    # weekstaten first (one per person per week with hours), then lines
    staten: dict[tuple[int, int, int], Weekstaat] = {}
    plannen: list[tuple[Any, dt.date]] = []
    for m in staff:
        vrij = set(rng.sample(range(len(dagen)), k=min(len(dagen), 22)))  # leave days
        for i, dag in enumerate(dagen):
            if i in vrij or not _actief(m, dag):
                continue
            if dag.year != JAAR and m.eenheid_id != tl_eenheid and m != mw_login:
                continue  # 2026 only for the team of the demo teamleider and the demo medewerker
            plannen.append((m, dag))
            jaar, week, _ = dag.isocalendar()
            staten.setdefault((m.pk, jaar, week), None)  # type: ignore[arg-type]

    nu = now_value()
    tl_id = getattr(teamleider_user, "pk", None)
    nieuwe_staten = []
    for mid, jaar, week in staten:
        if jaar == JAAR:
            status = Weekstatus.GOEDGEKEURD if rng.random() > 0.01 else Weekstatus.INGEDIEND
        elif (jaar, week) == tuple(huidige_week):
            status = Weekstatus.OPEN
        elif week == huidige_week[1] - 1:
            status = Weekstatus.INGEDIEND
        else:
            status = Weekstatus.GOEDGEKEURD
        goed = status == Weekstatus.GOEDGEKEURD
        nieuwe_staten.append(
            (
                sv.pk,
                mid,
                jaar,
                week,
                status.value,
                nu if status != Weekstatus.OPEN else None,
                nu if goed else None,
                tl_id if goed else None,
                nu,
                nu,
                1,
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
    for s in Weekstaat.objects.filter(samenwerkingsverband=sv).only(
        "id", "medewerker_id", "jaar", "week", "status"
    ):
        staten[(s.medewerker_id, s.jaar, s.week)] = s
    overgangen: list[tuple[Any, ...]] = []
    for s in staten.values():
        if s.status in (Weekstatus.INGEDIEND, Weekstatus.GOEDGEKEURD):
            overgangen.append((s.pk, Weekstatus.OPEN.value, Weekstatus.INGEDIEND.value, None, nu, ""))
        if s.status == Weekstatus.GOEDGEKEURD:
            overgangen.append((s.pk, Weekstatus.INGEDIEND.value, Weekstatus.GOEDGEKEURD.value, tl_id, nu, ""))
    insert_rows(Weekovergang, ("weekstaat_id", "van", "naar", "door_id", "tijdstip", "reden"), overgangen)

    regels: list[tuple[Any, ...]] = []
    for m, dag in plannen:
        totaal = (Decimal(8) * m.fte / HALF).quantize(Decimal(1)) * HALF
        totaal = max(Decimal(2), min(Decimal(9), totaal))
        staat = staten[(m.pk, *dag.isocalendar()[:2])]
        kandidaten = [
            o
            for o in eigen_opdrachten(m.eenheid_id)
            if o.opgedragen_op is not None
            and o.opgedragen_op <= dag
            and (o.opgeleverd_op is None or o.opgeleverd_op >= dag)
        ]
        r = rng.random()
        delen: list[tuple[str, Decimal]] = []
        if kandidaten and r < 0.35:
            opdracht_uren = (totaal * Decimal(rng.choice((0.25, 0.5, 0.5, 0.75))) / HALF).quantize(
                Decimal(1)
            ) * HALF
            delen = [("opdracht", opdracht_uren), ("regulier", totaal - opdracht_uren)]
        elif r < 0.5:
            delen = [("overhead", Decimal(1)), ("regulier", totaal - 1)]
        else:
            delen = [("regulier", totaal)]
        for soort, uren in delen:
            if uren <= 0:
                continue
            if soort == "opdracht":
                o = rng.choice(kandidaten)
                regels.append(
                    (
                        sv.pk,
                        m.pk,
                        staat.pk,
                        dag,
                        uren,
                        Soort.OPDRACHT.value,
                        o.pk,
                        None,
                        opdracht_gemeente.get(o.pk),
                        m.eenheid_id,
                        m.schaal,
                        "",
                        "ui",
                        "",
                    )
                )
            elif soort == "overhead":
                regels.append(
                    (
                        sv.pk,
                        m.pk,
                        staat.pk,
                        dag,
                        uren,
                        Soort.OVERHEAD.value,
                        None,
                        None,
                        None,
                        m.eenheid_id,
                        m.schaal,
                        "Werkoverleg en opleiding",
                        "ui",
                        "",
                    )
                )
            else:
                gemeente = rng.choices(partner_objs, partner_w)[0]
                item = rng.choice(eigen_items(m.eenheid_id))
                regels.append(
                    (
                        sv.pk,
                        m.pk,
                        staat.pk,
                        dag,
                        uren,
                        Soort.REGULIER.value,
                        None,
                        item.pk,
                        gemeente.pk,
                        m.eenheid_id,
                        m.schaal,
                        "",
                        "ui",
                        "",
                    )
                )
    insert_lines(regels)
    overzicht.herbereken(sv.pk)  # the weeks were inserted approved: their summary from one GROUP BY
    ctx.data["uren"] = {"jaar": JAAR, "aantal": len(regels)}
    ctx.log(
        f"  {len(regels)} urenregels en {len(nieuwe_staten)} weekstaten voor BEL ({JAAR} en de huidige weken)"
    )
