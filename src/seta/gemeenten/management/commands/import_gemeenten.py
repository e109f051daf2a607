"""``seta import-gemeenten FILE [--peildatum YYYY-MM-DD] [--bron TEXT]``: import a newer CBS list.

All or nothing: on bad input every problem is printed (file, row, field) and the command exits with
code 2 without writing anything.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from seta.autorisaties.actor import system_actor
from seta.core.errors import InvalidInput
from seta.gemeenten import services


def _datum(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--peildatum: '{value}' is geen datum (JJJJ-MM-DD).", returncode=2) from exc


class Command(BaseCommand):
    help = "Leest een (nieuwere) CBS-lijst van gemeenten in (CSV); alles of niets."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "bestand",
            help="CSV met kolommen cbs_code, name, province, province_code, population "
            "en optioneel opgegaan_in (CBS-code van de gemeente waarin een gemeente opging).",
        )
        parser.add_argument(
            "--peildatum", help="Peildatum van de bevolkingsaantallen (JJJJ-MM-DD); standaard vandaag."
        )
        parser.add_argument(
            "--bron", help="Bron van de bevolkingsaantallen; standaard 'CBS, <bestandsnaam>'."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["bestand"])
        peildatum = _datum(options["peildatum"]) if options.get("peildatum") else dt.date.today()
        bron = options.get("bron") or f"CBS, {path.name}"
        try:
            verslag = services.import_gemeenten(
                actor=system_actor("import-gemeenten"), path=path, peildatum=peildatum, bron=bron
            )
        except InvalidInput as exc:
            for plek, berichten in exc.fields.items():
                for bericht in berichten:
                    self.stderr.write(f"{plek}: {bericht}")
            raise CommandError(exc.detail, returncode=2) from exc
        self.stdout.write(self.style.SUCCESS(str(verslag)))
