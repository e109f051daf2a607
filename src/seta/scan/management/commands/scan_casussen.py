"""``seta scan-casussen``: list the case base, or (re)load it from data/casussen.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from seta.autorisaties.actor import system_actor
from seta.core.errors import InvalidInput, SetaError
from seta.scan import services
from seta.scan.models import Casus


class Command(BaseCommand):
    help = (
        "De casusbank van de samenwerkingsscan: zonder opties een overzicht; --laad voegt nieuwe casussen "
        "uit data/casussen.yaml (of BESTAND) toe; met --overschrijven wint het bestand ook bij bestaande casussen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--laad", action="store_true", help="Laad de casussen uit het YAML-bestand.")
        parser.add_argument(
            "--bestand", type=Path, default=None, help="Ander YAML-bestand dan het meegeleverde."
        )
        parser.add_argument(
            "--overschrijven", action="store_true", help="Bestaande casussen overschrijven met het bestand."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["laad"]:
            try:
                telling = services.load_casussen(
                    actor=system_actor("scan-casussen"),
                    path=options["bestand"],
                    overschrijven=options["overschrijven"],
                )
            except InvalidInput as exc:
                for berichten in exc.fields.values():
                    for bericht in berichten:
                        self.stderr.write(bericht)
                raise CommandError(exc.detail, returncode=2) from exc
            except SetaError as exc:
                raise CommandError(str(exc), returncode=2) from exc
            self.stdout.write(
                f"Casusbank: {telling['toegevoegd']} toegevoegd, {telling['bijgewerkt']} bijgewerkt, "
                f"{telling['ongewijzigd']} ongewijzigd."
            )
            return
        for casus in Casus.objects.order_by("jaar", "naam"):
            actief = "" if casus.actief else " (niet actief)"
            self.stdout.write(
                f"{casus.code:32} {casus.jaar or '----'} {casus.uitkomst:14} {casus.naam}{actief}"
            )
