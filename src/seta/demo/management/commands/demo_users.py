"""``seta demo-users``: list every demo login with its roles."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from seta.autorisaties.actor import actor_for


class Command(BaseCommand):
    help = "Toont alle demo-gebruikers met hun rollen."

    def handle(self, *args: Any, **options: Any) -> None:
        for user in get_user_model().objects.order_by("username"):
            actor = actor_for(user)
            self.stdout.write(f"{user.username:32} {', '.join(actor.rollen_labels)}")
