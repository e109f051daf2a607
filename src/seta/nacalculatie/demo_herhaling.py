"""Demo: a series of delivered BEL assignments of one catalogue item with decreasing approved hours, so the
estimate form of the item's assignments in intake shows a real learning curve (herhalingsvoordeel).

The opdrachten demo delivers assignments of every item at random and the uren demo books hours only in 2025 and
2026, so no item has three delivered assignments with hours. This step adds four "Toeristisch-recreatief plan"
assignments for the BEL partners in turn (Laren, Blaricum, Eemnes, Laren), run and adopted between January 2025
and September 2026, and books their hours on approved weeks of the owning unit's staff: rows the services would
accept (an assignment walked through the lifecycle table, lines of at most 4 hours on approved weeks), inserted
in bulk as the other demo steps do; the summary of approved hours is rebuilt afterwards
(``uren.overzicht.herbereken``). The two earlier deliveries of the item (2023, 2024, from before hours were
booked in SETA) count as repetitions 1 and 2 without hours. Deterministic: no random numbers are drawn.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from seta.catalogus.models import Catalogusitem
from seta.demo.builder import DemoContext
from seta.gemeenten.models import Gemeente, Portefeuille
from seta.opdrachten import lifecycle as lc
from seta.opdrachten.models import Bestuursopdracht, Opdrachtgever, Statusovergang
from seta.organisatie.models import Medewerker
from seta.uren import overzicht
from seta.uren.models import Soort, Urenregel, Weekstaat, Weekstatus

ITEM_CODE = "toeristisch-plan"
REGEL = Decimal(4)  # hours per line
# (gemeente, first day of the work, delivery date, approved hours): Wright's law with a learning rate of about
# 85 % from the item's first delivery, a little noise.
REEKS: list[tuple[str, dt.date, dt.date, int]] = [
    ("laren", dt.date(2025, 1, 13), dt.date(2025, 4, 25), 312),
    ("blaricum", dt.date(2025, 5, 12), dt.date(2025, 9, 19), 286),
    ("eemnes", dt.date(2025, 10, 6), dt.date(2026, 2, 13), 277),
    ("laren", dt.date(2026, 3, 2), dt.date(2026, 6, 26), 259),
]
STAPPEN = ["opdragen", "intake", "ramen", "akkoord", "starten", "opleveren", "vaststellen"]


def _ts(datum: dt.date, uur: int) -> dt.datetime:
    return dt.datetime.combine(datum, dt.time(uur, 0), tzinfo=dt.UTC)


def _nummer(sv_afkorting: str, jaar: int, bezet: set[str]) -> str:
    k = 100
    while f"{sv_afkorting}-{jaar}-{k:03d}" in bezet:
        k += 1
    nummer = f"{sv_afkorting}-{jaar}-{k:03d}"
    bezet.add(nummer)
    return nummer


def _portefeuille(gemeente: Gemeente) -> Portefeuille | None:
    qs = Portefeuille.objects.filter(gemeente=gemeente)
    return qs.filter(naam__icontains="toerisme").order_by("pk").first() or qs.order_by("pk").first()


def _historie(
    opdracht: Bestuursopdracht, gemeente: Gemeente, begin: dt.date, eind: dt.date
) -> list[Statusovergang]:
    rijen = [
        Statusovergang(
            bestuursopdracht=opdracht,
            van="",
            naar=lc.CONCEPT,
            actie="aanmaken",
            actor_naam="beleidsregisseur",
            rol="beleidsregisseur",
            kant="gemeente",
            gemeente=gemeente,
            tijdstip=_ts(begin - dt.timedelta(days=28), 9),
        )
    ]
    status = lc.CONCEPT
    stap = (eind - begin) / len(STAPPEN)
    for i, actie in enumerate(STAPPEN):
        rij = lc.overgang(status, actie)
        assert rij is not None, (status, actie)
        datum = begin + stap * i if actie != "vaststellen" else eind + dt.timedelta(days=21)
        if actie == "opleveren":
            datum = eind
        rijen.append(
            Statusovergang(
                bestuursopdracht=opdracht,
                van=status,
                naar=rij.naar,
                actie=actie,
                actor_naam="college" if rij.kant == "gemeente" else "werkorganisatie",
                rol="wethouder" if rij.kant == "gemeente" else "teamleider",
                kant=rij.kant,
                gemeente=gemeente if rij.kant == "gemeente" else None,
                tijdstip=_ts(datum, 14),
            )
        )
        status = rij.naar
    assert status == lc.VASTGESTELD
    return rijen


def _regels(
    opdracht: Bestuursopdracht,
    gemeente: Gemeente,
    weken: list[Weekstaat],
    uren: int,
    begin: dt.date,
    eind: dt.date,
) -> list[Urenregel]:
    """``uren`` hours in lines of at most 4, round-robin over the approved weeks in the run (one line per
    week and medewerker, on a weekday of that week between ``begin`` and ``eind``)."""
    kandidaten = [
        (w, d)
        for w in weken
        for d in [dt.date.fromisocalendar(w.jaar, w.week, 1 + (w.medewerker_id % 5))]
        if begin <= d <= eind
    ]
    if not kandidaten:
        return []
    regels = []
    rest = Decimal(uren)
    i = 0
    while rest > 0 and i < len(kandidaten):
        week, datum = kandidaten[i]
        deel = min(REGEL, rest)
        regels.append(
            Urenregel(
                samenwerkingsverband_id=opdracht.samenwerkingsverband_id,
                medewerker_id=week.medewerker_id,
                weekstaat=week,
                datum=datum,
                uren=deel,
                soort=Soort.OPDRACHT,
                opdracht=opdracht,
                gemeente=gemeente,
                eenheid_id=week.medewerker.eenheid_id,
                schaal=week.medewerker.schaal,
                omschrijving=opdracht.titel[:255],
                bron="ui",
            )
        )
        rest -= deel
        i += 1
    return regels


def build(ctx: DemoContext) -> None:
    sv = ctx.data.get("verbanden", {}).get("bel")
    item = (
        Catalogusitem.objects.filter(samenwerkingsverband=sv, code=ITEM_CODE)
        .select_related("eenheid")
        .first()
        if sv is not None
        else None
    )
    if item is None:
        ctx.log("demo: herhalingsvoordeel overgeslagen (geen BEL-catalogusitem toeristisch-plan)")
        return
    medewerkers = list(
        Medewerker.objects.filter(samenwerkingsverband=sv, eenheid=item.eenheid).order_by("pk")
    )
    if not medewerkers:
        medewerkers = list(Medewerker.objects.filter(samenwerkingsverband=sv).order_by("pk")[:12])
    weken = list(
        Weekstaat.objects.filter(medewerker__in=medewerkers, status=Weekstatus.GOEDGEKEURD)
        .select_related("medewerker")
        .order_by("jaar", "week", "medewerker_id")
    )
    gemeenten = {g.slug: g for g in Gemeente.objects.filter(slug__in={r[0] for r in REEKS})}
    bezet = set(Bestuursopdracht.objects.filter(samenwerkingsverband=sv).values_list("nummer", flat=True))
    afkorting = (sv.afkorting or sv.slug).upper()
    opdrachtgevers, historie, regels = [], [], []
    totaal = 0
    for slug, begin, eind, uren in REEKS:
        gemeente = gemeenten[slug]
        portefeuille = _portefeuille(gemeente)
        if portefeuille is None:
            continue
        opdracht = Bestuursopdracht.objects.create(
            nummer=_nummer(afkorting, begin.year, bezet),
            titel=f"Toeristisch-recreatief plan {gemeente.naam} {eind.year}",
            samenwerkingsverband=sv,
            catalogusitem=item,
            eenheid=item.eenheid,
            status=lc.VASTGESTELD,
            deadline=eind + dt.timedelta(days=14),
            doelen=f"Een actueel toeristisch-recreatief plan voor {gemeente.naam}.",
            max_uren=Decimal(uren + 60),
            max_euro=Decimal(10000),
            raming_uren=Decimal(uren + 20),
            raming_externe_kosten=Decimal(0),
            raming_opleverdatum=eind,
            opgedragen_op=begin,
            opgeleverd_op=eind,
            vastgesteld_op=eind + dt.timedelta(days=21),
            versie=len(STAPPEN) + 1,
        )
        opdrachtgevers.append(
            Opdrachtgever(bestuursopdracht=opdracht, gemeente=gemeente, portefeuille=portefeuille)
        )
        historie.extend(_historie(opdracht, gemeente, begin, eind))
        nieuw = _regels(opdracht, gemeente, weken, uren, begin, eind)
        regels.extend(nieuw)
        totaal += len(nieuw)
    Opdrachtgever.objects.bulk_create(opdrachtgevers)
    Statusovergang.objects.bulk_create(historie)
    Urenregel.objects.bulk_create(regels)
    overzicht.herbereken(sv.pk)
    ctx.data["herhaling"] = {
        "catalogusitem": item.pk,
        "opdrachten": [o.bestuursopdracht_id for o in opdrachtgevers],
    }
    ctx.log(
        f"  herhalingsvoordeel: {len(opdrachtgevers)} opgeleverde opdrachten '{item.naam}' met {totaal} urenregels"
    )
