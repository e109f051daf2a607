"""``seta token USERNAME``: make a new personal API token for a user and print it (once).

Tokens are stored hashed, so an existing token cannot be printed again: every run makes a new one and
the previous token of that user stops working.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from seta.autorisaties import selectors
from seta.autorisaties.services import token_for_command


class Command(BaseCommand):
    help = (
        "Maakt een nieuw persoonlijk API-token voor een gebruiker en toont het (eenmalig); "
        "een eerder token van die gebruiker werkt daarna niet meer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"]
        if not get_user_model().objects.filter(username=username).exists():
            raise CommandError(f"Gebruiker '{username}' bestaat niet.")
        vervangen = selectors.heeft_token(username)
        self.stdout.write(token_for_command(username=username).sleutel)
        if vervangen:
            self.stderr.write(f"Het vorige token van '{username}' werkt niet meer.")
