"""Benchmark: the full cost allocation against a bare SQL GROUP BY, on 1M and 10M urenregels in PostgreSQL.

    .venv/bin/python bench/allocation_bench.py [--sizes 1000000 10000000] [--runs 3]

Uses ``DATABASE_URL`` (default ``postgres://postgres@127.0.0.1:5432/seta_bench``); the database is
dropped and created fresh, migrated, and given a five-partner cooperation with staff, tariffs, a budget,
joint assignments and a verdeelmodel. For each size the urenregels of one year are generated inside
PostgreSQL (``INSERT … SELECT`` over ``generate_series``: no rows travel through Python), in approved
weeks, the table is analysed, the summary of approved hours is built (``uren.overzicht.herbereken``,
the bulk path, timed), and then, in the same run:

- the floor: the bare ``SELECT gemeente, eenheid, schaal, SUM(uren) … GROUP BY`` over the same rows;
- the old allocation: ``seta.financien.berekening.allocate`` with the hours from the GROUP BY over every
  line of the year, as before ADR 0033;
- the new allocation: ``berekening.allocate`` as the pages and the API run it, reading the summary
  (``uren.Urenoverzicht``); its peak Python memory is measured (tracemalloc) in a separate, untimed run;
- the check: ``uren.overzicht.verschillen`` (what ``seta check-urenoverzicht`` runs: the GROUP BY over the
  lines of approved weeks compared with the summary), which must find no difference.

After one warm-up run each, the measurements are run alternately ``--runs`` times (so all meet the same
load on a shared machine); the medians are reported. The old and the new allocation must give the same
contributions to the cent. Never a timed test.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/seta_bench"
JAAR = 2025
REGELS_PER_DAG = 6  # lines per staff member per working day
WERKDAGEN = 260
PARTNERS = [
    ("GM9901", "Bankstad", 48_000),
    ("GM9902", "Brugdorp", 26_000),
    ("GM9903", "Dijkveen", 46_000),
    ("GM9904", "Eikhoven", 12_000),
    ("GM9905", "Fortuin", 8_500),
]


def recreate_database(url: str) -> None:
    import psycopg

    parts = urlparse(url)
    naam = parts.path.lstrip("/")
    beheer = urlunparse(parts._replace(path="/postgres"))
    with psycopg.connect(beheer.replace("postgres://", "postgresql://", 1), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{naam}"')


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seta.config.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def seed(personeel: int) -> dict[str, Any]:
    """A five-partner cooperation with ``personeel`` staff in 12 units, tariffs, budget and a model."""
    import datetime as dt

    from seta.catalogus.models import Catalogusitem, Taakveld
    from seta.financien.models import Begroting, Deelnemersbijdrage, Tarief, Verdeelmodel
    from seta.gemeenten.models import Gemeente
    from seta.opdrachten.models import Bestuursopdracht, Opdrachtgever
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
        naam="Benchmark vijf",
        slug="bench",
        menu="ambtelijke_fusie",
        rechtsvorm="bedrijfsvoeringsorganisatie",
        startdatum=dt.date(2015, 1, 1),
    )
    for g in gemeenten:
        Deelnemer.objects.create(samenwerkingsverband=sv, gemeente=g, toetredingsdatum=dt.date(2015, 1, 1))
    eenheden = [
        Eenheid.objects.create(samenwerkingsverband=sv, naam=f"Eenheid {i}", code=f"e{i}") for i in range(12)
    ]
    taakveld = Taakveld.objects.create(code="B.1", naam="Bench", hoofdtaakveld="Bench")
    items = [
        Catalogusitem.objects.create(
            samenwerkingsverband=sv,
            code=f"item-{i}",
            naam=f"Item {i}",
            soort="dienst",
            taaksoort="autonoom",
            eenheid=eenheden[i % 12],
            taakveld=taakveld,
        )
        for i in range(24)
    ]
    Medewerker.objects.bulk_create(
        [
            Medewerker(
                samenwerkingsverband=sv,
                naam=f"Medewerker {i}",
                eenheid=eenheden[i % 12],
                schaal=6 + i % 9,
                in_dienst=dt.date(2015, 1, 1),
            )
            for i in range(personeel)
        ],
        batch_size=5000,
    )
    # assignments: 40 of one partner, 8 joint ones of two or three partners
    from seta.gemeenten.models import Portefeuille

    portefeuilles = {g.pk: Portefeuille.objects.create(gemeente=g, naam="Algemeen") for g in gemeenten}
    opdrachten = []
    for i in range(48):
        o = Bestuursopdracht.objects.create(
            nummer=f"B-{i:03d}",
            titel=f"Opdracht {i}",
            samenwerkingsverband=sv,
            catalogusitem=items[i % 24],
            eenheid=eenheden[i % 12],
            status="in_uitvoering",
            deadline=dt.date(2025, 12, 31),
            doelen="bench",
            opgedragen_op=dt.date(2024, 12, 1),
        )
        deelnemers = (
            [gemeenten[i % 5]]
            if i < 40
            else [gemeenten[i % 5], gemeenten[(i + 1) % 5], *([gemeenten[(i + 2) % 5]] if i % 2 else [])]
        )
        for g in deelnemers:
            Opdrachtgever.objects.create(bestuursopdracht=o, gemeente=g, portefeuille=portefeuilles[g.pk])
        opdrachten.append(o)
    Tarief.objects.create(samenwerkingsverband=sv, jaar=JAAR, uurtarief=Decimal(90))
    for schaal in range(6, 15):
        Tarief.objects.create(
            samenwerkingsverband=sv, jaar=JAAR, schaal=schaal, uurtarief=Decimal(60 + 5 * schaal)
        )
    Tarief.objects.create(samenwerkingsverband=sv, jaar=JAAR, eenheid=eenheden[0], uurtarief=Decimal(130))
    begroting = Begroting.objects.create(
        samenwerkingsverband=sv, jaar=JAAR, personeel=Decimal(0), materieel=Decimal(0), overhead=Decimal(0)
    )
    for g, inbreng in zip(gemeenten, (35, 20, 30, 9, 6), strict=True):
        Deelnemersbijdrage.objects.create(
            begroting=begroting, gemeente=g, inbreng=Decimal(inbreng), voorschot=Decimal(0)
        )
    model = Verdeelmodel.objects.create(
        samenwerkingsverband=sv,
        naam="Bench hybride",
        configuratie={
            "naam": "Bench hybride",
            "verdeelsleutel": {"soort": "inbreng"},
            "onderdelen": [
                {"soort": "gebruik", "naam": "Gebruik", "grondslag": "realisatie"},
                {"soort": "vast", "naam": "Basispakket", "bedrag": "rest"},
            ],
            "gezamenlijkeOpdrachten": {"methode": "shapley"},
        },
    )
    return {
        "sv": sv,
        "model": model,
        "begroting": begroting,
        "opdrachten": [o.pk for o in opdrachten],
        "items": [i.pk for i in items],
    }


def generate(n: int, ctx: dict[str, Any]) -> float:
    """Generate ``n`` urenregels (and the weekstaten they need) inside PostgreSQL."""
    from django.db import connection

    sv = ctx["sv"]
    t0 = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute(
            "TRUNCATE uren_urenoverzicht, uren_urenregel, uren_weekovergang, uren_weekstaat RESTART IDENTITY CASCADE"
        )
        cur.execute(
            """
            INSERT INTO uren_weekstaat (samenwerkingsverband_id, medewerker_id, jaar, week, status, aangemaakt_op, gewijzigd_op, versie)
            SELECT m.samenwerkingsverband_id, m.id, %s, w, 'goedgekeurd', now(), now(), 1
            FROM organisatie_medewerker m CROSS JOIN generate_series(1, 52) AS w
            WHERE m.samenwerkingsverband_id = %s
            """,
            [JAAR, sv.pk],
        )
        cur.execute(
            "SELECT min(id), count(*) FROM organisatie_medewerker WHERE samenwerkingsverband_id = %s", [sv.pk]
        )
        eerste_mw, personeel = cur.fetchone()
        cur.execute(
            "SELECT array_agg(id ORDER BY id), array_agg(cbs_code ORDER BY id) FROM gemeenten_gemeente WHERE cbs_code LIKE 'GM99%%'"
        )
        gemeente_ids, _codes = cur.fetchone()
        opdrachten = ctx["opdrachten"]
        cur.execute(
            "SELECT o.id, CASE WHEN count(*) = 1 THEN min(og.gemeente_id) END FROM opdrachten_bestuursopdracht o "
            "JOIN opdrachten_opdrachtgever og ON og.bestuursopdracht_id = o.id WHERE o.id = ANY(%s) GROUP BY o.id ORDER BY o.id",
            [opdrachten],
        )
        opdracht_gemeente = cur.fetchall()
        cur.execute("SELECT setseed(0.42)")
        # The rows are consistent by construction: skip the per-row foreign-key triggers while loading,
        # and build the secondary indexes once afterwards instead of row by row.
        cur.execute("SET session_replication_role = replica")
        cur.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'uren_urenregel' AND indexname NOT LIKE '%%pkey'"
        )
        indexen = cur.fetchall()
        for naam, _def in indexen:
            cur.execute(f'DROP INDEX "{naam}"')
        # i -> (medewerker, working day, line): day d is the d-th working day of the year (Mon-Fri)
        cur.execute(
            f"""
            WITH s AS (
              SELECT i,
                     (i %% %(personeel)s) AS mi,
                     ((i / %(personeel)s) / {REGELS_PER_DAG}) %% {WERKDAGEN} AS d,
                     random() AS r1, random() AS r2
              FROM generate_series(0, %(n)s - 1) AS i
            ), t AS (
              SELECT s.*, DATE '2024-12-30' + ((d / 5) * 7 + d %% 5)::int AS dag FROM s
            )
            INSERT INTO uren_urenregel
              (aangemaakt_op, gewijzigd_op, versie, samenwerkingsverband_id, medewerker_id, weekstaat_id, datum, uren, soort,
               opdracht_id, catalogusitem_id, gemeente_id, eenheid_id, schaal, omschrijving, bron, sleutel)
            SELECT now(), now(), 1, %(sv)s, m.id, ws.id, t.dag,
                   (ARRAY[0.5, 1, 1.25, 1.5, 2])[1 + floor(t.r2 * 5)::int],
                   CASE WHEN t.r1 < 0.6 THEN 'regulier' WHEN t.r1 < 0.9 THEN 'opdracht' ELSE 'overhead' END,
                   CASE WHEN t.r1 >= 0.6 AND t.r1 < 0.9 THEN (%(opdr)s::bigint[])[1 + floor((t.r1 - 0.6) / 0.3 * %(n_opdr)s)::int] END,
                   CASE WHEN t.r1 < 0.6 THEN (%(items)s::bigint[])[1 + (t.i %% %(n_items)s)] END,
                   CASE WHEN t.r1 < 0.6 THEN (%(gem)s::bigint[])[1 + floor(t.r2 * 5)::int]
                        WHEN t.r1 < 0.9 THEN (%(opdr_gem)s::bigint[])[1 + floor((t.r1 - 0.6) / 0.3 * %(n_opdr)s)::int] END,
                   m.eenheid_id, m.schaal, '', 'ui', ''
            FROM t
            JOIN organisatie_medewerker m ON m.id = %(eerste)s + t.mi
            JOIN uren_weekstaat ws ON ws.medewerker_id = m.id AND ws.jaar = {JAAR}
                 AND ws.week = extract(week FROM t.dag)::int
            WHERE t.dag BETWEEN DATE '2025-01-01' AND DATE '2025-12-28'
            """,
            {
                "personeel": personeel,
                "n": n,
                "sv": sv.pk,
                "eerste": eerste_mw,
                "opdr": [o for o, _g in opdracht_gemeente],
                "opdr_gem": [g for _o, g in opdracht_gemeente],
                "n_opdr": len(opdracht_gemeente),
                "items": ctx["items"],
                "n_items": len(ctx["items"]),
                "gem": gemeente_ids,
            },
        )
        cur.execute("SET session_replication_role = DEFAULT")
        for _naam, definitie in indexen:
            cur.execute(definitie)
        cur.execute("ANALYZE uren_urenregel")
        cur.execute("ANALYZE uren_weekstaat")  # the check joins the weeks for their status
        cur.execute("SELECT count(*), sum(uren) FROM uren_urenregel")
        count, uren = cur.fetchone()
    ctx["aantal"] = count
    ctx["uren"] = uren
    # a budget that leaves a rest after usage: usage at ~90/h is at most 2 h x 90 per line
    from seta.financien.models import Begroting

    Begroting.objects.filter(pk=ctx["begroting"].pk).update(
        personeel=Decimal(count) * 200, materieel=Decimal(0), overhead=Decimal(0)
    )
    return time.perf_counter() - t0


FLOOR_SQL = """
    SELECT gemeente_id, eenheid_id, schaal, SUM(uren)
    FROM uren_urenregel
    WHERE samenwerkingsverband_id = %s AND datum >= %s AND datum <= %s
    GROUP BY gemeente_id, eenheid_id, schaal
"""


def floor(ctx: dict[str, Any]) -> float:
    import datetime as dt

    from django.db import connection

    t0 = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute(FLOOR_SQL, [ctx["sv"].pk, dt.date(JAAR, 1, 1), dt.date(JAAR, 12, 31)])
        cur.fetchall()
    return time.perf_counter() - t0


def summarise(ctx: dict[str, Any]) -> float:
    """The bulk path: the summary of approved hours rebuilt from one GROUP BY (as the demo does)."""
    from seta.uren import overzicht

    t0 = time.perf_counter()
    ctx["overzicht_rijen"] = overzicht.herbereken(ctx["sv"].pk)
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("ANALYZE uren_urenoverzicht")
    return time.perf_counter() - t0


def allocation(ctx: dict[str, Any]) -> tuple[float, Any]:
    """The new path: the allocation of the pages and the API, reading the summary."""
    from seta.financien import berekening

    t0 = time.perf_counter()
    uitkomst = berekening.allocate(ctx["sv"], JAAR, [ctx["model"]])
    return time.perf_counter() - t0, uitkomst


def old_allocation(ctx: dict[str, Any]) -> tuple[float, Any]:
    """The old path: the same allocation with its hours from the GROUP BY over every line of the year."""
    from seta.financien import berekening, invoer

    origineel = invoer.summary_queryset
    invoer.summary_queryset = invoer.hours_queryset  # type: ignore[assignment]
    try:
        t0 = time.perf_counter()
        uitkomst = berekening.allocate(ctx["sv"], JAAR, [ctx["model"]])
        return time.perf_counter() - t0, uitkomst
    finally:
        invoer.summary_queryset = origineel  # type: ignore[assignment]


def check(ctx: dict[str, Any]) -> tuple[float, int]:
    """What ``seta check-urenoverzicht`` runs for the cooperation and year."""
    from seta.uren import overzicht

    t0 = time.perf_counter()
    verschillen = overzicht.verschillen(ctx["sv"].pk, JAAR)
    return time.perf_counter() - t0, len(verschillen)


def contributions(uitkomst: Any) -> dict[str, Any]:
    return {b.gemeente: b.totaal_incl_btw for b in uitkomst.resultaat.verdelingen[0].bijdragen}


def allocation_memory(ctx: dict[str, Any]) -> int:
    """Peak Python memory of one allocation (a separate run: tracing slows Python down, so not timed)."""
    from seta.financien import berekening

    tracemalloc.start()
    berekening.allocate(ctx["sv"], JAAR, [ctx["model"]])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


TABELLEN = (
    "uren_urenoverzicht, uren_urenregel, uren_weekovergang, uren_weekstaat, financien_berekening, "
    "financien_scenario_verdeelmodellen, financien_scenario, financien_afrekeningsregel, financien_afrekening, "
    "financien_verdeelmodel, financien_tarief, financien_deelnemersbijdrage, financien_begroting, "
    "opdrachten_opdrachtgever, opdrachten_bestuursopdracht, catalogus_catalogusitem, catalogus_taakveld, "
    "organisatie_medewerker, organisatie_eenheid, samenwerkingsverbanden_deelnemer, "
    "samenwerkingsverbanden_samenwerkingsverband, gemeenten_portefeuille, gemeenten_gemeente"
)


def existing() -> dict[str, Any]:
    """The context of the rows a previous run left in the database (``--reuse``)."""
    from seta.financien.models import Verdeelmodel
    from seta.samenwerkingsverbanden.models import Samenwerkingsverband
    from seta.uren.models import Urenoverzicht, Urenregel

    sv = Samenwerkingsverband.objects.get(slug="bench")
    return {
        "sv": sv,
        "model": Verdeelmodel.objects.get(samenwerkingsverband=sv),
        "aantal": Urenregel.objects.filter(samenwerkingsverband=sv).count(),
        "overzicht_rijen": Urenoverzicht.objects.filter(samenwerkingsverband=sv).count(),
    }


def measure(ctx: dict[str, Any], runs: int) -> dict[str, Any] | None:
    """Warm-up, then floor, old path, new path and check alternately ``runs`` times; the medians."""
    floor(ctx)
    old_allocation(ctx)
    allocation(ctx)
    check(ctx)
    floors, olds, news, checks = [], [], [], []
    for _ in range(runs):
        floors.append(floor(ctx))
        olds.append(old_allocation(ctx))
        news.append(allocation(ctx))
        checks.append(check(ctx))
    if any(c[1] for c in checks):
        print(f"check found {checks[-1][1]} differences between the summary and the lines", file=sys.stderr)
        return None
    if contributions(olds[-1][1]) != contributions(news[-1][1]):
        print("the old and the new allocation differ", file=sys.stderr)
        return None
    t_floor = statistics.median(floors)
    t_old = statistics.median(a[0] for a in olds)
    uitkomst = news[-1][1]
    return {
        "regels": ctx["aantal"],
        "floor_s": round(t_floor, 3),
        "oud_s": round(t_old, 3),
        "nieuw_s": round(statistics.median(a[0] for a in news), 3),
        "nieuw_min_s": round(min(a[0] for a in news), 3),
        "controle_s": round(statistics.median(c[0] for c in checks), 3),
        "oud_factor": round(t_old / t_floor, 2),
        "piek_python_kib": round(allocation_memory(ctx) / 1024),
        "overzicht_rijen": ctx["overzicht_rijen"],
        "groepen": len(uitkomst.data.groepen),
        "totaal": str(uitkomst.resultaat.verdelingen[0].totaal_incl_btw),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", help="Write the figures to this file as JSON as well.")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="Measure the rows a previous run left in the database again (no new database, no --sizes).",
    )
    args = parser.parse_args(argv)
    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        print("This benchmark needs PostgreSQL (DATABASE_URL=postgres://…).", file=sys.stderr)
        return 2
    if not args.reuse:
        recreate_database(url)
    setup_django(url)
    from django.db import connection

    resultaten = []
    print(
        f"PostgreSQL: {connection.cursor().connection.info.server_version}; runs per measurement: {args.runs} (median)"
    )
    print(
        f"{'regels':>12} {'genereren':>10} {'overzicht':>10} {'floor':>8} {'oud':>8} {'nieuw':>8} "
        f"{'controle':>9} {'oud/floor':>9} {'piek Python':>12}"
    )
    for n in [0] if args.reuse else args.sizes:
        if args.reuse:
            ctx, gen, t_overzicht = existing(), 0.0, 0.0
        else:
            with connection.cursor() as cur:
                cur.execute(f"TRUNCATE {TABELLEN} RESTART IDENTITY CASCADE")
            ctx = seed(max(12, -(-n // (REGELS_PER_DAG * WERKDAGEN))))
            gen = generate(n, ctx)
            t_overzicht = summarise(ctx)
        rij = measure(ctx, args.runs)
        if rij is None:
            return 1
        rij.update(genereren_s=round(gen, 1), overzicht_s=round(t_overzicht, 2))
        resultaten.append(rij)
        print(
            f"{rij['regels']:>12,} {gen:>9.1f}s {t_overzicht:>9.2f}s {rij['floor_s']:>7.3f}s {rij['oud_s']:>7.3f}s "
            f"{rij['nieuw_s']:>7.3f}s {rij['controle_s']:>8.3f}s {rij['oud_factor']:>8.2f}x "
            f"{rij['piek_python_kib']:>8,} KiB ({rij['overzicht_rijen']:,} overzichtsrijen, {rij['groepen']:,} groepen)"
        )
        sys.stdout.flush()
    print(f"max RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MiB")
    if args.json:
        Path(args.json).write_text(json.dumps(resultaten, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
