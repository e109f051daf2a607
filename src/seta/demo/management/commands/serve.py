"""``seta serve``: a production-grade WSGI server (waitress) on the configured database."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Start de webapplicatie met een productiewaardige server (waitress)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args: Any, **options: Any) -> None:
        from waitress import serve

        from seta.web.security import require_production_secret

        try:
            require_production_secret()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from None
        from seta.config.wsgi import application

        self.stdout.write(f"SETA draait op http://{options['host']}:{options['port']}/ (Ctrl+C stopt)")
        self.stdout.flush()
        serve(
            application, host=options["host"], port=options["port"], threads=options["threads"], ident="SETA"
        )
