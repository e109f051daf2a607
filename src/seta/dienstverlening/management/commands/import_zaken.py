"""``seta import-zaken FILE --samenwerkingsverband bel --van 2026-01-01 --tot 2026-03-31 [--gemeente laren]``.

Imports a period's cases from a CSV/XLSX export (docs/zaakgegevens.md): all or nothing; on bad input every
problem is printed (file, row, column) and the command exits with code 2 without writing anything.
Re-importing a period replaces its cases exactly. Acts as the system channel ``import-zaken``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError, CommandParser

from seta.autorisaties.actor import system_actor
from seta.core import files
from seta.core.errors import InvalidInput
from seta.dienstverlening import zaken
from seta.dienstverlening.management.commands import _zaken_cli as cli


class Command(BaseCommand):
    help = (
        "Leest de zaken van een periode in uit een CSV- of XLSX-export; alles of niets, vervangt de periode."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("bestand", help="CSV of XLSX met de kolommen uit docs/zaakgegevens.md.")
        cli.add_period_arguments(parser)
        parser.add_argument("--gemeente", "-g", help="Slug of CBS-code: alleen de zaken van deze deelnemer.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["bestand"])
        try:
            inhoud = files.read_path(path, "zaken")
        except InvalidInput as exc:
            raise CommandError(
                " ".join(m for msgs in exc.fields.values() for m in msgs), returncode=2
            ) from exc
        sv = cli.verband(options["samenwerkingsverband"])
        gemeente = cli.gemeente(options.get("gemeente"))
        van, tot = cli.datum(options["van"], "--van"), cli.datum(options["tot"], "--tot")
        cli.run(
            self.stdout,
            self.stderr,
            lambda: zaken.importeer(
                actor=system_actor("import-zaken"),
                samenwerkingsverband=sv,
                gemeente=gemeente,
                periode_van=van,
                periode_tot=tot,
                bestand=ContentFile(inhoud, name=path.name),
            ),
            self.style,
        )
