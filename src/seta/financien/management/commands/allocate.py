"""``seta allocate FILE.json [--format table|json]``: run a verdeelmodel file through the pure core.

Input and output are documented in ``docs/schemas/`` and ``docs/allocation.md``. Bad input is
reported on stderr, one line per bad field with its JSON path and a Dutch message, and exits with
code 2; nothing is written to stdout then. The command works on the file alone: no database and no
system checks (so it does not depend on the URL configuration or the other apps).
"""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from seta.core import files
from seta.core.errors import InvalidInput
from seta.financien.verdeling.io import allocate_file
from seta.financien.verdeling.model import AllocationInputError
from seta.financien.verdeling.text import render


class Fout(CommandError):
    """Bad input; Django prints it on stderr as ``Fout: <message>`` (the class name) and exits 2."""


class Command(BaseCommand):
    help = (
        "Verdeel kosten volgens een verdeelmodel uit een JSON-bestand en toon het resultaat "
        "als tabel of als JSON (zie docs/allocation.md)."
    )
    requires_system_checks = []  # the file alone: no URL configuration, no database

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "file",
            metavar="BESTAND",
            help="invoerbestand (JSON, zie docs/schemas/allocate-input.schema.json)",
        )
        parser.add_argument(
            "--format",
            choices=["table", "json"],
            default="table",
            help="uitvoer: 'table' (teksttabellen, standaard) of 'json'"
            " (zie docs/schemas/allocate-output.schema.json)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            if path.is_file():
                files.check_size("verdeling", path.stat().st_size, path.name)
            result = allocate_file(options["file"])
        except InvalidInput as exc:
            raise Fout(" ".join(m for msgs in exc.fields.values() for m in msgs), returncode=2) from exc
        except AllocationInputError as exc:
            raise Fout(str(exc), returncode=2) from exc
        self.stdout.write(render(result, format=options["format"]), ending="")
