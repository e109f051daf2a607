"""``seta fetch-zaken --samenwerkingsverband bel --gemeente laren --van 2026-01-01 --tot 2026-03-31``.

Fetches a period's cases from the gemeente's configured Zaken API (ZGW; ``Zaaksysteem``) and imports them
exactly like a file: all or nothing, replacing that gemeente's cases received in the period. A refusal,
a time-out or invalid data is printed and the command exits with code 2. Acts as the channel ``fetch-zaken``.
The secret is read from the environment variable the Zaaksysteem names.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from seta.autorisaties.actor import system_actor
from seta.dienstverlening import zaken
from seta.dienstverlening.management.commands import _zaken_cli as cli
from seta.dienstverlening.models import Zaaksysteem


class Command(BaseCommand):
    help = "Haalt de zaken van een periode op uit de Zaken API (ZGW) van een deelnemer en leest ze in."

    def add_arguments(self, parser: CommandParser) -> None:
        cli.add_period_arguments(parser)
        parser.add_argument("--gemeente", "-g", required=True, help="Slug of CBS-code van de deelnemer.")

    def handle(self, *args: Any, **options: Any) -> None:
        sv = cli.verband(options["samenwerkingsverband"])
        gemeente = cli.gemeente(options["gemeente"])
        van, tot = cli.datum(options["van"], "--van"), cli.datum(options["tot"], "--tot")
        zaaksysteem = Zaaksysteem.objects.filter(samenwerkingsverband=sv, gemeente=gemeente).first()
        if zaaksysteem is None:
            raise CommandError(f"Voor {gemeente} is in {sv} geen zaaksysteem ingesteld.", returncode=2)
        cli.run(
            self.stdout,
            self.stderr,
            lambda: zaken.haal_op(
                actor=system_actor("fetch-zaken"), zaaksysteem=zaaksysteem, periode_van=van, periode_tot=tot
            ),
            self.style,
        )
