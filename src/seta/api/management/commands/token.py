"""``seta token USERNAME``: print the personal API token of a user (created when missing)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from seta.autorisaties.services import token_for_command


class Command(BaseCommand):
    help = "Toont het persoonlijke API-token van een gebruiker (maakt het aan als het ontbreekt)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"]
        if not get_user_model().objects.filter(username=username).exists():
            raise CommandError(f"Gebruiker '{username}' bestaat niet.")
        self.stdout.write(token_for_command(username=username).key)
