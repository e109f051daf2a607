"""``scan FILE [--format text|json]``: run the cooperation scan for a questionnaire file.

A thin wrapper: reading, validation, scoring and rendering live in :mod:`seta.scan.scoring`.
Exits with status 2 when the file is invalid, printing every problem to stderr.
"""

from __future__ import annotations

import json
import sys
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from seta.core import files
from seta.scan.scoring import ScanInputError, load_answer_file, render_text, resultaat_als_dict, scan


class Command(BaseCommand):
    help = "Samenwerkingsscan: beoordeel een vragenlijstbestand (YAML of JSON) en toon het advies."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", metavar="FILE", help="answer file (.yaml, .yml or .json)")
        parser.add_argument(
            "--format",
            choices=("text", "json"),
            default="text",
            help="output format (default: text)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            invoer = load_answer_file(options["file"], max_bytes=files.max_bytes("scan"))
        except ScanInputError as exc:
            self.stderr.write(f"Ongeldig invoerbestand {options['file']}:")
            for fout in exc.fouten:
                self.stderr.write(f"  - {fout}")
            sys.exit(2)
        resultaat = scan(invoer.partners, invoer.antwoorden)
        if options["format"] == "json":
            data = resultaat_als_dict(resultaat)
            data["naam"] = invoer.naam
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(render_text(resultaat, invoer.naam), ending="")
