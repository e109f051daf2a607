"""Benchmark: a municipality's council report (issue 12) on screen and as PDF, against the allocation it reconciles
with, on the demo's data (a year and more of the BEL pool's hours).

    .venv/bin/python bench/rapportage_bench.py [--runs 5] [--database-url URL]

Builds the demo into a fresh database (default: a SQLite file in a temporary directory, as ``make demo``;
``--database-url postgres://…`` for PostgreSQL, dropped and created fresh), then, for each BEL municipality's
report of the demo's last closed period and for the joint report, in the same run:

- the baseline: the allocation of the report's year under the adopted model (``financien.berekening.allocate``,
  what the finance pages compute), which the report's figures reconcile with;
- the figures: ``inhoud.bouw(rapportage)`` (what a concept computes on every read, and what sending freezes);
- the screen of a SENT report: ``GET /rapportage/<id>/`` as the municipality's raadslid (the frozen figures,
  rendered in the layout), and of the same report as a concept would be (``document.html(inhoud.bouw(…))``);
- the PDF: ``document.pdf(inhoud)`` (WeasyPrint, PDF/UA).

After one warm-up each, the measurements run alternately ``--runs`` times; the medians are reported (wall time,
``time.perf_counter``). Targets (issue 12): the PDF under 2 s, the screen under 0.5 s. Never a timed test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))


def _setup(url: str | None) -> None:
    if url and url.startswith("postgres"):
        from allocation_bench import recreate_database

        recreate_database(url)
    else:
        url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='seta-bench-')) / 'demo.sqlite3'}"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("SETA_DEMO", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seta.config.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from seta.demo import builder

    t0 = time.perf_counter()
    builder.build()
    print(f"demo built in {time.perf_counter() - t0:.1f} s ({url.split(':')[0]})")


def _median(fn: Callable[[], Any], runs: int) -> float:
    fn()  # warm-up
    tijden = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        tijden.append(time.perf_counter() - t0)
    return statistics.median(tijden)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args(argv)
    _setup(args.database_url)

    from django.contrib.auth import get_user_model
    from django.test import Client

    from seta.financien import berekening
    from seta.financien.models import Verdeelmodel
    from seta.rapportage import document, inhoud, lifecycle
    from seta.rapportage.models import Raadsrapportage
    from seta.samenwerkingsverbanden.models import Samenwerkingsverband

    bel = Samenwerkingsverband.objects.get(slug="bel")
    rapporten = list(
        Raadsrapportage.objects.filter(samenwerkingsverband=bel, status=lifecycle.AANGEBODEN)
        .select_related("gemeente")
        .order_by("-eind", "gemeente__naam")
    )
    if not rapporten:
        print("the demo holds no sent reports for BEL")
        return 1
    laatste = rapporten[0].eind
    rapporten = [r for r in rapporten if r.eind == laatste]
    model = (
        Verdeelmodel.objects.filter(samenwerkingsverband=bel, status="vastgesteld")
        .order_by("-vastgesteld_op")
        .first()
    )
    assert model is not None
    jaar = rapporten[0].jaar
    allocatie = _median(lambda: berekening.allocate(bel, jaar, [model], grondslag="realisatie"), args.runs)
    print(
        f"\nbaseline: allocation of {jaar} under '{model.naam}': {allocatie * 1000:.0f} ms (median of {args.runs})\n"
    )
    print(f"{'report':<44} {'figures':>9} {'screen':>9} {'concept':>9} {'PDF':>9}  {'PDF/alloc':>9}")
    User = get_user_model()
    for r in rapporten:
        wie = f"raadslid.{r.gemeente.slug}" if r.gemeente else "raadslid.laren"
        client = Client()
        client.force_login(User.objects.get(username=wie))
        url = f"/rapportage/{r.pk}/"
        assert client.get(url).status_code == 200, url
        cijfers = _median(lambda r=r: inhoud.bouw(r), args.runs)
        scherm = _median(lambda url=url, client=client: client.get(url), args.runs)
        concept = _median(lambda r=r: document.html(inhoud.bouw(r)), args.runs)
        vastgelegd = r.inhoud
        pdf = _median(lambda v=vastgelegd: document.pdf(v), args.runs)
        naam = str(r)[:44]
        print(
            f"{naam:<44} {cijfers * 1000:>6.0f} ms {scherm * 1000:>6.0f} ms {concept * 1000:>6.0f} ms "
            f"{pdf * 1000:>6.0f} ms  {pdf / allocatie:>8.1f}x"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
