"""``seta plan FILE.json [--format table|json] [--vergelijk-edf]``: plan a file's instance with the pure core.

The input follows ``src/seta/planning/kern/plan-invoer.schema.json`` (docs/planning.md, "seta plan"). The plan
comes from the solver (``kern.oplosser.plan``); ``--vergelijk-edf`` also runs the earliest-deadline-first
baseline on the same instance and shows its figures next to the solver's. A bad file (missing, not JSON,
against the schema, or semantically wrong) prints every problem with its JSON path on stderr and exits with
code 2; nothing is written to stdout then. The file alone: no database and no system checks.
"""

from __future__ import annotations

import io as stdio
import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from seta.core import files
from seta.core.errors import InvalidInput
from seta.planning.kern import io
from seta.planning.kern.model import Instantie, Plan, PlanInvoerFout


class Fout(CommandError):
    """Bad input; Django prints it on stderr as ``Fout: <message>`` (the class name) and exits 2."""


def _verhouding(a: float, b: float) -> float | None:
    if b > 1e-9:
        return round(a / b, 4)
    return 1.0 if a <= 1e-9 else None


class Command(BaseCommand):
    help = (
        "Maak een capaciteitsplanning uit een JSON-bestand (capaciteit, vraag en regels) en toon die als "
        "tabel of als JSON (zie docs/planning.md)."
    )
    requires_system_checks = []  # the file alone: no URL configuration, no database

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "file",
            metavar="BESTAND",
            help="invoerbestand (JSON, zie src/seta/planning/kern/plan-invoer.schema.json)",
        )
        parser.add_argument(
            "--format",
            choices=["table", "json"],
            default="table",
            help="uitvoer: 'table' (tabellen, standaard) of 'json'",
        )
        parser.add_argument(
            "--vergelijk-edf",
            action="store_true",
            help="toon ook de cijfers van earliest-deadline-first op dezelfde invoer",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            data = io.ontleed(files.decode_text(files.read_path(path, "planning"), path.name))
            inst = io.lees(data)
        except InvalidInput as exc:
            raise Fout(" ".join(m for msgs in exc.fields.values() for m in msgs), returncode=2) from exc
        except PlanInvoerFout as exc:
            regels = [f"  {waar}: {b}" for waar, berichten in exc.fouten.items() for b in berichten]
            kop = f"{len(regels)} probleem" if len(regels) == 1 else f"{len(regels)} problemen"
            raise Fout(f"{kop} in {path.name}:\n" + "\n".join(regels), returncode=2) from exc
        from seta.planning.kern import edf, oplosser

        plan = oplosser.plan(inst)
        basis = edf.edf(inst) if options["vergelijk_edf"] else None
        start = io.startweek(data)
        if options["format"] == "json":
            uit = io.schrijf(plan, inst, start)
            if basis is not None:
                uit["vergelijkingEdf"] = self._vergelijking(plan, basis)
            self.stdout.write(json.dumps(uit, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(self._tabellen(plan, inst, start, basis, path.name), ending="")

    @staticmethod
    def _vergelijking(plan: Plan, basis: Plan) -> dict[str, Any]:
        return {
            **io.samenvatting(basis),
            "laatheidVerhouding": _verhouding(plan.laatheid, basis.laatheid),
            "tekortVerhouding": _verhouding(plan.tekort, basis.tekort),
        }

    def _tabellen(self, plan: Plan, inst: Instantie, start: Any, basis: Plan | None, naam: str) -> str:
        from rich import box
        from rich.console import Console
        from rich.table import Table

        buf = stdio.StringIO()
        console = Console(file=buf, width=160, force_terminal=False, color_system=None, highlight=False)
        rijen = io.tabel(plan, inst, start)

        t = Table(title=f"Opdrachten ({naam})", box=box.SIMPLE_HEAD, title_justify="left")
        for kolom in ("opdracht", "eenheid", "partners", "prioriteit", "deadline", "verwachte oplevering"):
            t.add_column(kolom, no_wrap=True)
        t.add_column("weken te laat", justify="right")
        t.add_column("toelichting")
        for rij in rijen["opdrachten"]:
            t.add_row(*rij)
        console.print(t)

        a = Table(
            title=f"Aandelen per partner en periode ({inst.regels.periode_weken} weken)",
            box=box.SIMPLE_HEAD,
            title_justify="left",
        )
        a.add_column("partner")
        a.add_column("periode")
        for kolom in ("ontvangen (uren)", "recht (uren)", "tekort (uren)", "ontvangen %", "recht %"):
            a.add_column(kolom, justify="right")
        for rij in rijen["aandelen"]:
            a.add_row(*rij)
        console.print(a)

        s = Table(title="Samenvatting", box=box.SIMPLE_HEAD, title_justify="left")
        s.add_column("maat")
        s.add_column(f"planning ({plan.methode or 'oplosser'})", justify="right")
        if basis is not None:
            s.add_column("earliest-deadline-first", justify="right")
            s.add_column("verhouding", justify="right")
        eigen, ander = io.samenvatting(plan), io.samenvatting(basis) if basis else {}
        for sleutel, label in (
            ("laatheid", "laatheid, gewogen (uurweken)"),
            ("laatheidOngewogen", "laatheid, ongewogen (uurweken)"),
            ("eerlijkheidstekort", "eerlijkheidstekort (uren)"),
            ("opdrachtenTeLaat", "opdrachten te laat"),
            ("urenNaPlanperiode", "uren na de planperiode"),
            ("wettelijkeProblemen", "wettelijke termijnen niet haalbaar"),
            ("rekentijdSeconden", "rekentijd (s)"),
        ):
            cellen = [label, f"{eigen[sleutel]:g}"]
            if basis is not None:
                verh = _verhouding(float(eigen[sleutel]), float(ander[sleutel]))
                cellen += [f"{ander[sleutel]:g}", "–" if verh is None else f"{verh:.3f}"]
            s.add_row(*cellen)
        console.print(s)
        for w in plan.wettelijk:
            console.print(f"Wettelijke termijn niet haalbaar: {w.id}: {w.tekst}")
        return "\n".join(r.rstrip() for r in buf.getvalue().splitlines()) + "\n"
