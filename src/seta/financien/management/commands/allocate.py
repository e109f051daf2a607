"""``seta allocate FILE.json [--format table|json]``: run a verdeelmodel file through the pure core.

Input and output are documented in ``docs/schemas/`` and ``docs/allocation.md``. Bad input is
reported on stderr, one line per bad field with its JSON path, and exits with code 2.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from seta.financien.verdeling.io import allocate_file
from seta.financien.verdeling.model import AllocationInputError
from seta.financien.verdeling.text import render


class Command(BaseCommand):
    help = "Allocate costs by a verdeelmodel described in a JSON file, and print the result."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help="allocation input (docs/schemas/allocate-input.schema.json)")
        parser.add_argument("--format", choices=["table", "json"], default="table", help="output format")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = allocate_file(options["file"])
        except AllocationInputError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        self.stdout.write(render(result, format=options["format"]), ending="")
