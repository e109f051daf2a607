"""``seta demo``: create and migrate the database, fill it with the demo, and serve the web app."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from seta.demo import builder


class Command(BaseCommand):
    help = "Maakt de database, vult die met de demo en start de webapplicatie."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="Alleen de database voorbereiden.")
        parser.add_argument("--reset", action="store_true", help="Eerst alle gegevens wissen (flush).")

    def handle(self, *args: Any, **options: Any) -> None:
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        if options["reset"]:
            call_command("flush", interactive=False, verbosity=0)
        if builder.is_built():
            self.stdout.write("De demo staat al in de database (gebruik --reset om opnieuw te beginnen).")
        else:
            builder.build(out=self.stdout)
            self.stdout.write(self.style.SUCCESS("Demo klaar."))
        self.stdout.write(
            "Demo-logins (wachtwoord 'demo'): <rol>.<gemeente of samenwerkingsverband>, bijvoorbeeld "
            "wethouder.blaricum, raadslid.laren, regisseur.eemnes, griffier.laren, secretaris.eemnes, "
            "burgemeester.eemnes, directeur.bel, teamleider.bel, medewerker.bel, controller.bel, "
            "wethouder.ten-boer, directeur.kempen, beheerder. Alle demo-gebruikers: seta demo-users"
        )
        if not options["no_serve"]:
            settings.SETA_DEMO = True
            call_command("serve", host=options["host"], port=options["port"])
