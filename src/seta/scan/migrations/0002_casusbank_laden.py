"""Load the shipped case base (data/casussen.yaml) into the Casus table.

Self-contained on purpose (no import of the scoring core): it copies the YAML fields as they are. The
core validates the file in its own tests; later changes to the file are brought in with
``seta scan-casussen --laad``.
"""

from pathlib import Path
from typing import Any

import yaml
from django.db import migrations

CASUSSEN = Path(__file__).resolve().parent.parent / "data" / "casussen.yaml"


def laad(apps: Any, schema_editor: Any) -> None:
    Casus = apps.get_model("scan", "Casus")
    if not CASUSSEN.exists():
        return
    with CASUSSEN.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    for item in data.get("casussen") or []:
        Casus.objects.update_or_create(
            code=item["id"],
            defaults={
                "naam": str(item.get("naam", "")),
                "jaar": item.get("jaar"),
                "vorm": str(item.get("vorm", "")),
                "uitkomst": str(item.get("uitkomst", "")),
                "partners": list(item.get("partners") or []),
                "aantal_partners": item.get("aantal_partners"),
                "genoemde_factoren": list(item.get("genoemde_factoren") or []),
                "antwoorden": dict(item.get("antwoorden") or {}),
                "bron": list(item.get("bron") or []),
                "toelichting": " ".join(str(item.get("toelichting") or "").split()),
                "interpretatie": " ".join(str(item.get("interpretatie") or "").split()),
            },
        )


class Migration(migrations.Migration):
    dependencies = [("scan", "0001_initial")]

    operations = [migrations.RunPython(laad, migrations.RunPython.noop)]
