"""``seta check-urenoverzicht [--samenwerkingsverband SLUG] [--jaar J]``: the summary against the hours.

Compares the summary of approved hours (``uren.Urenoverzicht``, what the allocation reads) with a
fresh GROUP BY over the lines of approved weeks, and prints every difference in Dutch: cooperation,
month, gemeente, unit, salary scale, assignment, and the hours and lines expected against those stored.
Read only. Exit code 0 when they are equal, 1 when they differ, 2 on bad input.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from seta.gemeenten.models import Gemeente
from seta.opdrachten.models import Bestuursopdracht
from seta.organisatie.models import Eenheid
from seta.samenwerkingsverbanden.models import Samenwerkingsverband
from seta.uren import overzicht


class Fout(CommandError):
    """Bad input: printed on stderr as ``Fout: <message>``, exit code 2."""


class Afwijking(CommandError):
    """The summary differs from the hours: printed on stderr as ``Afwijking: <message>``, exit code 1."""


def _uren(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'))}".replace(".", ",")


def _regels(n: int) -> str:
    return f"{n} regel" if n == 1 else f"{n} regels"


def beschrijf(sv: Samenwerkingsverband, verschillen: list[overzicht.Verschil]) -> list[str]:
    """One Dutch line per difference, naming gemeente, unit and assignment by name and number."""
    gemeenten = dict(
        Gemeente.objects.filter(pk__in={v.veld("gemeente_id") for v in verschillen}).values_list("pk", "naam")
    )
    eenheden = dict(
        Eenheid.objects.filter(pk__in={v.veld("eenheid_id") for v in verschillen}).values_list("pk", "naam")
    )
    opdrachten = dict(
        Bestuursopdracht.objects.filter(pk__in={v.veld("opdracht_id") for v in verschillen}).values_list(
            "pk", "nummer"
        )
    )
    regels = []
    for v in verschillen:
        gemeente = v.veld("gemeente_id")
        schaal = v.veld("schaal")
        opdracht = v.veld("opdracht_id")
        delen = [
            f"{sv.naam}",
            f"{v.veld('maand'):02d}-{v.veld('jaar')}",
            f"gemeente {gemeenten.get(gemeente, '?')}" if gemeente is not None else "geen gemeente",
            f"eenheid {eenheden.get(v.veld('eenheid_id'), '?')}",
            f"schaal {schaal}" if schaal is not None else "geen schaal",
            f"opdracht {opdrachten.get(opdracht, '?')}" if opdracht is not None else "geen opdracht",
        ]
        regels.append(
            ", ".join(delen) + f": verwacht {_uren(v.verwacht_uren)} uur in {_regels(v.verwacht_regels)}, "
            f"opgeslagen {_uren(v.opgeslagen_uren)} uur in {_regels(v.opgeslagen_regels)}."
        )
    return regels


class Command(BaseCommand):
    help = (
        "Vergelijkt het urenoverzicht (goedgekeurde uren per maand, gemeente, eenheid, schaal en opdracht, "
        "waaruit de kostenverdeling rekent) met een verse telling over de urenregels van goedgekeurde weken. "
        "Alleen lezen. Exitcode 0: gelijk, 1: verschillen, 2: onjuiste invoer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--samenwerkingsverband",
            "-s",
            help="Slug van het samenwerkingsverband (standaard: alle samenwerkingsverbanden).",
        )
        parser.add_argument("--jaar", help="Alleen dit kalenderjaar (standaard: alle jaren).")

    def handle(self, *args: Any, **options: Any) -> None:
        jaar: int | None = None
        if options.get("jaar") not in (None, ""):
            try:
                jaar = int(str(options["jaar"]).strip())
            except ValueError:
                jaar = 0
            if not 1900 <= jaar <= 9999:
                raise Fout(f"--jaar: '{options['jaar']}' is geen jaartal.", returncode=2)
        slug = options.get("samenwerkingsverband")
        verbanden = Samenwerkingsverband.objects.order_by("naam")
        if slug:
            verbanden = verbanden.filter(slug=slug)
            if not verbanden.exists():
                raise Fout(f"--samenwerkingsverband: '{slug}' bestaat niet.", returncode=2)
        aantal = 0
        for sv in verbanden:
            verschillen = overzicht.verschillen(sv.pk, jaar)
            for regel in beschrijf(sv, verschillen):
                self.stdout.write(regel)
            aantal += len(verschillen)
        periode = f" in {jaar}" if jaar is not None else ""
        if aantal:
            raise Afwijking(
                f"{aantal} {'verschil' if aantal == 1 else 'verschillen'} tussen het urenoverzicht en de "
                f"urenregels van goedgekeurde weken{periode}.",
                returncode=1,
            )
        self.stdout.write(f"Het urenoverzicht is gelijk aan de urenregels van goedgekeurde weken{periode}.")
