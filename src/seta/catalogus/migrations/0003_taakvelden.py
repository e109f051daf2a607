"""Load the Iv3 taakvelden (BBV, versie 2017+) from ``catalogus/data/taakvelden.csv``.

Insert or update by code, so that references from catalogue items survive; see data/PROVENANCE.md.
"""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "taakvelden.csv"


def load(apps, schema_editor):
    Taakveld = apps.get_model("catalogus", "Taakveld")
    with DATA.open(encoding="utf-8", newline="") as handle:
        for index, row in enumerate(csv.DictReader(handle), start=1):
            Taakveld.objects.update_or_create(
                code=row["code"],
                defaults={
                    "naam": row["naam"],
                    "hoofdtaakveld": f"{row['hoofdtaakveld_code']} {row['hoofdtaakveld']}",
                    "volgorde": index,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("catalogus", "0002_taakveld_volgorde")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
