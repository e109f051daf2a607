"""Time ``seta import-gemeenten`` on large files: the import must be linear in the rows of the file.

Usage (a fresh SQLite file is made and migrated in a temporary directory; nothing else is touched)::

    .venv/bin/python bench/import_gemeenten_bench.py [--rows 2500 5000 10000]

For each size two files are generated: *fouten* (every row has a duplicate CBS code and a population
that is no number: two problems per row, refused as a whole) and *geldig* (the reference list plus new
codes up to the size: all added). Each import runs in a transaction that is rolled back, so every run
starts from the same database (the 352 gemeenten of the reference list).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path


def _files(tmp: Path, n: int, referentie: Path) -> dict[str, Path]:
    rows = list(csv.DictReader(referentie.open(encoding="utf-8")))
    codes = {r["cbs_code"] for r in rows}
    header = ["cbs_code", "name", "province", "province_code", "population"]
    fouten = tmp / f"fouten-{n}.csv"
    with fouten.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        for i in range(n):
            w.writerow(["GM0014", f"Gemeente {i} met een naam", "Utrecht", "PV26", "veel"])
    geldig = tmp / f"geldig-{n}.csv"
    with geldig.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        for r in rows:
            w.writerow([r[h] for h in header])
        for i in range(min(n, 10_000)):
            if f"GM{i:04d}" not in codes and i < n - len(rows):
                w.writerow([f"GM{i:04d}", f"Testgemeente {i}", "Utrecht", "PV26", 1000 + i])
    return {"fouten": fouten, "geldig": geldig}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[2500, 5000, 10000])
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="seta-bench-gemeenten-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ["SETA_VAR_DIR"] = str(tmp)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seta.config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from seta.core.errors import InvalidInput
    from seta.gemeenten import services
    from seta.gemeenten.models import Gemeente

    call_command("migrate", verbosity=0)
    if not Gemeente.objects.exists():
        services.load_reference_list()
    print(f"{'rows':>7} {'kind':>7} {'size':>9} {'seconds':>8}  result")
    for n in args.rows:
        for soort, path in _files(tmp, n, services.REFERENTIELIJST).items():
            start = time.perf_counter()
            uitkomst = ""
            try:
                with transaction.atomic():
                    verslag = services.import_gemeenten(
                        actor=None, path=path, peildatum=dt.date(2024, 1, 1), bron="bench"
                    )
                    uitkomst = str(verslag).split(": ", 1)[1]
                    transaction.set_rollback(True)
            except InvalidInput as exc:
                uitkomst = exc.detail.split(": ", 1)[1]
            seconden = time.perf_counter() - start
            print(f"{n:>7} {soort:>7} {path.stat().st_size / 1024:>7.0f} kB {seconden:>8.2f}  {uitkomst}")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
