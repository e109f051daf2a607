"""``seta import-uren FILE --samenwerkingsverband SLUG``: import hours from a CSV/XLSX export.

All or nothing: on bad input every problem is printed (file, row, column) and the command exits with
code 2 without writing anything. Importing the same file again changes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from seta.autorisaties.actor import system_actor
from seta.core import files
from seta.core.errors import InvalidInput, SetaError
from seta.samenwerkingsverbanden.models import Samenwerkingsverband
from seta.uren import importeren


class Command(BaseCommand):
    help = "Leest uren in uit een CSV- of XLSX-export van een tijdschrijfsysteem; alles of niets, idempotent."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "bestand", help="CSV of XLSX met kolommen medewerker, datum, uren, code, gemeente, omschrijving."
        )
        parser.add_argument(
            "--samenwerkingsverband",
            "-s",
            help="Slug van het samenwerkingsverband (nodig als er meer dan één is).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["bestand"])
        try:
            inhoud = files.read_path(path, "uren")
        except InvalidInput as exc:
            raise CommandError(
                " ".join(m for msgs in exc.fields.values() for m in msgs), returncode=2
            ) from exc
        slug = options.get("samenwerkingsverband")
        if slug:
            sv = Samenwerkingsverband.objects.filter(slug=slug).first()
            if sv is None:
                raise CommandError(f"--samenwerkingsverband: '{slug}' bestaat niet.", returncode=2)
        else:
            verbanden = list(Samenwerkingsverband.objects.all()[:2])
            if len(verbanden) != 1:
                raise CommandError(
                    "Geef --samenwerkingsverband SLUG op (er is niet precies één samenwerkingsverband).",
                    returncode=2,
                )
            sv = verbanden[0]
        try:
            verslag = importeren.import_file(
                actor=system_actor("import-uren"),
                samenwerkingsverband=sv,
                bestandsnaam=path.name,
                inhoud=inhoud,
            )
        except InvalidInput as exc:
            for berichten in exc.fields.values():
                for bericht in berichten:
                    self.stderr.write(bericht)
            raise CommandError(exc.detail, returncode=2) from exc
        except SetaError as exc:
            raise CommandError(exc.detail, returncode=2) from exc
        self.stdout.write(self.style.SUCCESS(str(verslag)))
