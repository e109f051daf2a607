"""Benchmark: the compliance calculation (naleving) of a DVO against a bare SQL GROUP BY over its cases.

    .venv/bin/python bench/naleving_bench.py [--sizes 10000 100000 1000000] [--runs 3]

Uses ``DATABASE_URL`` (default ``postgres://postgres@127.0.0.1:5432/seta_bench_naleving``); the database
is dropped and created fresh and migrated. For each size it makes one cooperation of three partners with
a director (a ``Medewerker`` with a user, positie directeur), an adopted DVO per partner with 12 services
(each a lead-time norm, every third also a volume norm, every fourth a quality norm; rhythm kwartaal, term
2025-01-01..2029-12-31) and a ``Zaakimport`` per quarter of 2025 and 2026 (so every period is covered).
The ``n`` cases over those two years are generated inside PostgreSQL (``INSERT … SELECT`` over
``generate_series``: no rows travel through Python), then the table is analysed. Then, in the same run:

- the floor: the bare ``SELECT catalogusitem_id, gemeente_id, count(*) … GROUP BY`` over the same rows
  (the cases of the three DVOs' services and partners within their periods);
- the query: the selector's own case query (``values_list`` of the six columns) for one DVO, fetched into
  Python, without the calculation;
- the read path: ``naleving_selectors.naleving_van(director, dvo, vandaag=…)`` for one DVO and for all three;
- the check after an import: ``naleving.na_import`` for the import of 2026 Q4;

and, untimed, the peak Python memory (tracemalloc) of ``naleving_van`` for one DVO and a profile
(cProfile) of the same call that splits its time into the query, the Python loop and the working-day
calculation (``meting.kalender``). After one warm-up run each, the timed measurements run alternately
``--runs`` times; the medians are reported. Never a timed test.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import json
import os
import pstats
import resource
import statistics
import sys
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from allocation_bench import recreate_database, setup_django

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/seta_bench_naleving"
START = dt.date(2025, 1, 1)
EIND = dt.date(2029, 12, 31)
VANDAAG = dt.date(2027, 1, 15)  # two years of cases: 8 complete quarters and the running 2027 Q1
DIENSTEN = 12
PARTNERS = [
    ("GM9911", "Akkerveen", 31_000),
    ("GM9912", "Beekdal", 18_000),
    ("GM9913", "Croonstad", 52_000),
]
KWARTALEN = [(jaar, k) for jaar in (2025, 2026) for k in range(1, 5)]


def kwartaal(jaar: int, k: int) -> tuple[dt.date, dt.date]:
    van = dt.date(jaar, 3 * k - 2, 1)
    tot = dt.date(jaar + 1, 1, 1) if k == 4 else dt.date(jaar, 3 * k + 1, 1)
    return van, tot - dt.timedelta(days=1)


def seed() -> dict[str, Any]:
    """Three partners, a director, a DVO per partner with 12 services and their norms, an import per quarter."""
    from django.contrib.auth import get_user_model

    from seta.autorisaties.actor import actor_for
    from seta.catalogus.models import Catalogusitem, Taakveld
    from seta.dienstverlening.models import (
        Dienstafspraak,
        Dienstnorm,
        Dienstverleningsovereenkomst,
        Zaakimport,
    )
    from seta.gemeenten.models import Gemeente
    from seta.organisatie.models import Eenheid, Medewerker
    from seta.samenwerkingsverbanden.models import Deelnemer, Samenwerkingsverband

    gemeenten = [
        Gemeente.objects.create(
            cbs_code=code,
            naam=naam,
            slug=naam.lower(),
            provincie="Bench",
            inwoners=inw,
            peildatum_inwoners=dt.date(2024, 1, 1),
            bron="benchmark",
        )
        for code, naam, inw in PARTNERS
    ]
    sv = Samenwerkingsverband.objects.create(
        naam="Benchmark drie",
        slug="bench-naleving",
        menu="ambtelijke_fusie",
        rechtsvorm="bedrijfsvoeringsorganisatie",
        startdatum=dt.date(2015, 1, 1),
    )
    for g in gemeenten:
        Deelnemer.objects.create(samenwerkingsverband=sv, gemeente=g, toetredingsdatum=dt.date(2015, 1, 1))
    eenheid = Eenheid.objects.create(samenwerkingsverband=sv, naam="Dienstverlening", code="dv")
    taakveld = Taakveld.objects.create(code="B.2", naam="Bench", hoofdtaakveld="Bench")
    items = [
        Catalogusitem.objects.create(
            samenwerkingsverband=sv,
            code=f"dienst-{i}",
            naam=f"Dienst {i:02d}",
            soort="dienst",
            taaksoort="autonoom",
            eenheid=eenheid,
            taakveld=taakveld,
        )
        for i in range(DIENSTEN)
    ]
    user = get_user_model().objects.create_user(username="bench-directeur", password=None)
    Medewerker.objects.create(
        samenwerkingsverband=sv,
        naam="Directeur Bench",
        eenheid=eenheid,
        positie="directeur",
        gebruiker=user,
        in_dienst=dt.date(2015, 1, 1),
    )
    dvos = []
    for g in gemeenten:
        dvo = Dienstverleningsovereenkomst.objects.create(
            samenwerkingsverband=sv,
            gemeente=g,
            kenmerk=f"DVO-BENCH-{g.cbs_code}",
            titel=f"Dienstverlening {g.naam}",
            ingangsdatum=START,
            einddatum=EIND,
            status="vastgesteld",
            rapportageritme="kwartaal",
            vastgesteld_op=dt.date(2024, 12, 1),
        )
        for i, item in enumerate(items):
            afspraak = Dienstafspraak.objects.create(dvo=dvo, catalogusitem=item)
            Dienstnorm.objects.create(
                afspraak=afspraak,
                soort="doorlooptijd",
                omschrijving="Besluit binnen de termijn",
                termijn=(10, 20, 40, 56)[i % 4],
                dagsoort="werkdagen" if i % 5 else "kalenderdagen",
                streefpercentage=Decimal(90),
            )
            if i % 3 == 0:
                Dienstnorm.objects.create(
                    afspraak=afspraak, soort="volume", omschrijving="Zaken per kwartaal", volume_max=100_000
                )
            if i % 4 == 0:
                Dienstnorm.objects.create(
                    afspraak=afspraak, soort="kwaliteit", omschrijving="Tevredenheid", minimumscore=Decimal(7)
                )
        dvos.append(dvo)
    imports = {}
    for jaar, k in KWARTALEN:
        van, tot = kwartaal(jaar, k)
        imports[(jaar, k)] = Zaakimport.objects.create(
            samenwerkingsverband=sv,
            periode_van=van,
            periode_tot=tot,
            bron="bestand",
            bestandsnaam=f"{jaar}-K{k}.csv",
        )
    return {
        "sv": sv,
        "dvos": dvos,
        "items": [i.pk for i in items],
        "gemeenten": [g.pk for g in gemeenten],
        "imports": imports,
        "normen": Dienstnorm.objects.filter(afspraak__dvo__samenwerkingsverband=sv).count(),
        "actor": actor_for(user),
    }


def generate(n: int, ctx: dict[str, Any]) -> float:
    """Generate ``n`` cases of the two years inside PostgreSQL, each in the import of its quarter."""
    from django.db import connection

    t0 = time.perf_counter()
    imports = ctx["imports"]
    with connection.cursor() as cur:
        cur.execute("SELECT setseed(0.42)")
        cur.execute("SET session_replication_role = replica")
        cur.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'dienstverlening_zaak' "
            "AND indexname NOT IN (SELECT conname FROM pg_constraint)"
        )
        indexen = cur.fetchall()
        for naam, _def in indexen:  # the secondary indexes (not those of constraints) are rebuilt afterwards
            cur.execute(f'DROP INDEX "{naam}"')
        # i -> partner i % 3, service (i / 3) % 12, received on a day of 2025-2026; a lead time of 1-90 days
        # (longer for every seventh case), decided unless that is after 2026-12-31 or the case is one of the
        # 3 % left open; some suspended days; a satisfaction score for a quarter of them.
        cur.execute(
            """
            WITH s AS (
              SELECT i, random() AS r1, random() AS r2, random() AS r3,
                     DATE '2025-01-01' + floor(random() * 730)::int AS ontvangen
              FROM generate_series(0, %(n)s - 1) AS i
            ), t AS (
              SELECT s.*, ontvangen + (1 + floor(r1 * CASE WHEN i %% 7 = 0 THEN 160 ELSE 90 END))::int AS besluit
              FROM s
            )
            INSERT INTO dienstverlening_zaak
              (samenwerkingsverband_id, zaakimport_id, identificatie, zaaktype, catalogusitem_id, gemeente_id,
               ontvangen_op, besloten_op, opgeschorte_dagen, uiterste_datum, resultaat, tevredenheid)
            SELECT %(sv)s,
                   (%(imports)s::bigint[])[1 + (extract(year FROM ontvangen)::int - 2025) * 4
                                            + (extract(quarter FROM ontvangen)::int - 1)],
                   'Z-' || i, 'bench',
                   (%(items)s::bigint[])[1 + (i / 3) %% %(n_items)s],
                   (%(gem)s::bigint[])[1 + i %% 3],
                   ontvangen,
                   CASE WHEN r2 < 0.03 OR besluit > DATE '2026-12-31' THEN NULL ELSE besluit END,
                   CASE WHEN r3 < 0.1 THEN floor(r3 * 140)::int ELSE 0 END,
                   NULL, '',
                   CASE WHEN r3 > 0.75 THEN round((5 + r2 * 5)::numeric, 1) END
            FROM t
            """,
            {
                "n": n,
                "sv": ctx["sv"].pk,
                "imports": [imports[q].pk for q in KWARTALEN],
                "items": ctx["items"],
                "n_items": len(ctx["items"]),
                "gem": ctx["gemeenten"],
            },
        )
        cur.execute("SET session_replication_role = DEFAULT")
        for _naam, definitie in indexen:
            cur.execute(definitie)
        cur.execute("ANALYZE dienstverlening_zaak")
        cur.execute("SELECT count(*) FROM dienstverlening_zaak")
        (ctx["aantal"],) = cur.fetchone()
    return time.perf_counter() - t0


FLOOR_SQL = """
    SELECT catalogusitem_id, gemeente_id, count(*)
    FROM dienstverlening_zaak
    WHERE samenwerkingsverband_id = %s AND catalogusitem_id = ANY(%s) AND gemeente_id = ANY(%s)
      AND ontvangen_op <= %s AND (besloten_op IS NULL OR besloten_op >= %s)
    GROUP BY catalogusitem_id, gemeente_id
"""


def floor(ctx: dict[str, Any], gemeenten: list[int] | None = None) -> float:
    """The bare GROUP BY over the cases of the three DVOs (or of the partners in ``gemeenten``)."""
    from django.db import connection

    t0 = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute(FLOOR_SQL, [ctx["sv"].pk, ctx["items"], gemeenten or ctx["gemeenten"], VANDAAG, START])
        cur.fetchall()
    return time.perf_counter() - t0


def floor_een(ctx: dict[str, Any]) -> float:
    """The floor for one DVO: the same GROUP BY over its partner's cases."""
    return floor(ctx, [ctx["dvos"][0].gemeente_id])


def rijen(ctx: dict[str, Any], gemeenten: list[int], van: dt.date, tot: dt.date) -> int:
    """How many case rows the selector's query loads into Python for these partners and periods (untimed)."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            "SELECT count(*) FROM dienstverlening_zaak WHERE samenwerkingsverband_id = %s AND catalogusitem_id = ANY(%s) "
            "AND gemeente_id = ANY(%s) AND ontvangen_op <= %s AND (besloten_op IS NULL OR besloten_op >= %s)",
            [ctx["sv"].pk, ctx["items"], gemeenten, tot, van],
        )
        (aantal,) = cur.fetchone()
    return int(aantal)


def query(ctx: dict[str, Any]) -> float:
    """The selector's case query for one DVO (the same filter and columns as ``naleving_selectors._regels``)."""
    from django.db.models import Q

    from seta.dienstverlening.models import Zaak

    dvo = ctx["dvos"][0]
    t0 = time.perf_counter()
    rijen = list(
        Zaak.objects.filter(
            samenwerkingsverband_id=dvo.samenwerkingsverband_id,
            catalogusitem_id__in=set(ctx["items"]),
            gemeente_id__in={dvo.gemeente_id},
            ontvangen_op__lte=VANDAAG,
        )
        .filter(Q(besloten_op__isnull=True) | Q(besloten_op__gte=START))
        .values_list(
            "catalogusitem_id",
            "gemeente_id",
            "ontvangen_op",
            "besloten_op",
            "opgeschorte_dagen",
            "tevredenheid",
        )
    )
    ctx["rijen_een"] = len(rijen)
    return time.perf_counter() - t0


def een(ctx: dict[str, Any]) -> float:
    from seta.dienstverlening import naleving_selectors

    t0 = time.perf_counter()
    ctx["regels_een"] = len(naleving_selectors.naleving_van(ctx["actor"], ctx["dvos"][0], vandaag=VANDAAG))
    return time.perf_counter() - t0


def alle(ctx: dict[str, Any]) -> float:
    from seta.dienstverlening import naleving_selectors

    t0 = time.perf_counter()
    ctx["regels_alle"] = sum(
        len(naleving_selectors.naleving_van(ctx["actor"], dvo, vandaag=VANDAAG)) for dvo in ctx["dvos"]
    )
    return time.perf_counter() - t0


def na_import(ctx: dict[str, Any]) -> float:
    from seta.dienstverlening import naleving

    t0 = time.perf_counter()
    ctx["signalen"] = len(
        naleving.na_import(actor=ctx["actor"], zaakimport=ctx["imports"][(2026, 4)], vandaag=VANDAAG)
    )
    return time.perf_counter() - t0


def splitsing(ctx: dict[str, Any]) -> dict[str, float]:
    """The read path for one DVO split without a profiler: the time inside the core (``cijfers.reeks``, one
    call per partner × service × norm, wrapped with a clock) and, in a second run with the working-day count
    replaced by a plain day count, how much of that is the working-day calculation (``kalender.werkdagen``)."""
    from seta.dienstverlening.meting import cijfers

    origineel_reeks, origineel_werkdagen = cijfers.reeks, cijfers.werkdagen
    binnen = [0.0]

    def reeks(*args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return origineel_reeks(*args, **kwargs)
        finally:
            binnen[0] += time.perf_counter() - t0

    cijfers.reeks = reeks
    try:
        totaal = een(ctx)
        kern_s = binnen[0]
        binnen[0] = 0.0
        cijfers.werkdagen = lambda van, tot, gelijkgesteld=(): max((tot - van).days, 0)
        zonder_kalender = een(ctx)
        kern_zonder_kalender = binnen[0]
    finally:
        cijfers.reeks, cijfers.werkdagen = origineel_reeks, origineel_werkdagen
    return {
        "totaal": totaal,
        "kern": kern_s,
        "kalender": max(kern_s - kern_zonder_kalender, 0.0),
        "zonder_kalender": zonder_kalender,
    }


def memory(ctx: dict[str, Any]) -> int:
    """Peak Python memory of the read path for one DVO (a separate, untimed run)."""
    from seta.dienstverlening import naleving_selectors

    tracemalloc.start()
    naleving_selectors.naleving_van(ctx["actor"], ctx["dvos"][0], vandaag=VANDAAG)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def profile(ctx: dict[str, Any]) -> dict[str, float]:
    """Where the read path for one DVO spends its time (cProfile, untimed): shares of the total."""
    from seta.dienstverlening import naleving_selectors

    prof = cProfile.Profile()
    prof.enable()
    naleving_selectors.naleving_van(ctx["actor"], ctx["dvos"][0], vandaag=VANDAAG)
    prof.disable()
    stats = pstats.Stats(prof)
    totaal = max(stats.total_tt, 1e-9)  # type: ignore[attr-defined]
    per_bestand: dict[str, float] = {"query": 0.0, "kalender": 0.0, "kern": 0.0}
    for (bestand, _regel, functie), (_cc, _nc, tt, _ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if "meting/kalender.py" in bestand:
            per_bestand["kalender"] += tt
        elif "meting/" in bestand:
            per_bestand["kern"] += tt
        elif "psycopg" in bestand or "django/db" in bestand or functie.startswith("<method 'fetch"):
            per_bestand["query"] += tt
    per_bestand["overig"] = totaal - sum(per_bestand.values())
    return {k: round(100 * v / totaal) for k, v in per_bestand.items()}


TABELLEN = (
    "signalen_signaal, dienstverlening_zaak, dienstverlening_zaakimport, dienstverlening_meting, "
    "dienstverlening_dienstnorm, dienstverlening_dienstafspraak, dienstverlening_dienstverleningsovereenkomst, "
    "catalogus_catalogusitem, catalogus_taakveld, organisatie_medewerker, organisatie_eenheid, "
    "samenwerkingsverbanden_deelnemer, samenwerkingsverbanden_samenwerkingsverband, gemeenten_gemeente, "
    "core_auditevent, auth_user"
)


def measure(ctx: dict[str, Any], runs: int) -> dict[str, Any]:
    """Warm-up, then floor, query, one DVO, all three and the check alternately ``runs`` times; the medians."""
    stappen = {
        "floor": floor,
        "floor_een": floor_een,
        "query": query,
        "een": een,
        "alle": alle,
        "na_import": na_import,
    }
    for f in stappen.values():
        f(ctx)
    signalen_eerste = ctx[
        "signalen"
    ]  # the warm-up raised the alerts; later runs find them raised (idempotent)
    tijden: dict[str, list[float]] = {k: [] for k in stappen}
    delen: dict[str, list[float]] = {"totaal": [], "kern": [], "kalender": [], "zonder_kalender": []}
    for _ in range(runs):
        for k, f in stappen.items():
            tijden[k].append(f(ctx))
        for k, v in splitsing(ctx).items():  # not timed with the others: it runs the read path twice more
            delen[k].append(v)
    med = {k: statistics.median(v) for k, v in tijden.items()}
    t_floor = max(med["floor"], 1e-9)
    # the check after the 2026 Q4 import looks at 2026 Q3 up to the running 2027 Q1
    van_check, tot_check = kwartaal(2026, 3)[0], kwartaal(2027, 1)[1]
    return {
        "zaken": ctx["aantal"],
        "normen": ctx["normen"],
        "floor_s": round(med["floor"], 3),
        "floor_een_s": round(med["floor_een"], 3),
        "query_een_s": round(med["query"], 3),
        "een_dvo_s": round(med["een"], 3),
        "drie_dvos_s": round(med["alle"], 3),
        "na_import_s": round(med["na_import"], 3),
        "een_factor": round(med["een"] / max(med["floor_een"], 1e-9), 1),
        "drie_factor": round(med["alle"] / t_floor, 1),
        "na_import_factor": round(med["na_import"] / t_floor, 1),
        "rijen_een_dvo": ctx["rijen_een"],
        "rijen_drie_dvos": rijen(ctx, ctx["gemeenten"], START, VANDAAG),
        "rijen_na_import": rijen(ctx, ctx["gemeenten"], van_check, tot_check),
        "normregels_een_dvo": ctx["regels_een"],
        "normregels_drie_dvos": ctx["regels_alle"],
        "signalen": signalen_eerste,
        "piek_python_kib": round(memory(ctx) / 1024),
        "profiel_procent": profile(ctx),
        "splitsing_een_dvo_s": {k: round(statistics.median(v), 3) for k, v in delen.items()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", help="Write the figures to this file as JSON as well.")
    args = parser.parse_args(argv)
    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        print("This benchmark needs PostgreSQL (DATABASE_URL=postgres://…).", file=sys.stderr)
        return 2
    recreate_database(url)
    setup_django(url)
    from django.db import connection

    print(
        f"PostgreSQL: {connection.cursor().connection.info.server_version}; runs per measurement: {args.runs} (median)"
    )
    print(
        f"{'zaken':>10} {'genereren':>9} {'floor':>8} {'floor 1':>8} {'query 1':>8} {'1 DVO':>8} {'3 DVOs':>8} {'na_import':>9} "
        f"{'1/floor1':>8} {'3/floor':>8} {'rijen 1 DVO':>11} {'piek Python':>12}  profiel 1 DVO (% van de tijd)"
    )
    resultaten = []
    for n in args.sizes:
        with connection.cursor() as cur:
            cur.execute(f"TRUNCATE {TABELLEN} RESTART IDENTITY CASCADE")
        ctx = seed()
        gen = generate(n, ctx)
        rij = measure(ctx, args.runs)
        rij["genereren_s"] = round(gen, 1)
        resultaten.append(rij)
        print(
            f"{rij['zaken']:>10,} {gen:>8.1f}s {rij['floor_s']:>7.3f}s {rij['floor_een_s']:>7.3f}s {rij['query_een_s']:>7.3f}s "
            f"{rij['een_dvo_s']:>7.3f}s {rij['drie_dvos_s']:>7.3f}s {rij['na_import_s']:>8.3f}s "
            f"{rij['een_factor']:>7.1f}x {rij['drie_factor']:>7.1f}x {rij['rijen_een_dvo']:>11,} {rij['piek_python_kib']:>8,} KiB  "
            f"{rij['profiel_procent']}; {rij['signalen']} alerts; split {rij['splitsing_een_dvo_s']}"
        )
        sys.stdout.flush()
        if args.json:  # after every size, so a long run keeps what it measured
            Path(args.json).write_text(json.dumps(resultaten, indent=2))
    print(f"max RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
