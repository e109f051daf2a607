"""``seta scan-validatie``: every figure of the scan's validation (docs/scan.md § Validatie, ADR 0052).

The consistency check (circular by construction), the structural-only figures, the leave-one-out outcome
test for both case encodings, and the agreement between the two encodings, as tables. Pure: reads only the
bundled data (``scan/data``), no database.
"""

from __future__ import annotations

import io
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from seta.scan.scoring.cases import KLASSEN, LeaveOneOut, Validatie, load_cases, validate


def _pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100 * a / b:.0f} %)" if b else "0/0"


def _kappa(k: float | None) -> str:
    return "–" if k is None else f"{k:.2f}"


def render(v: Validatie, width: int = 120) -> str:
    """The validation as plain-text tables (rich, no colour)."""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=False, color_system=None, highlight=False)
    c = v.consistentie
    t = Table(
        title="1. Consistentiecheck (circulair: antwoorden en drempels uit dezelfde passages)",
        box=box.SIMPLE_HEAD,
        title_justify="left",
    )
    t.add_column("Toets")
    t.add_column("Eerste codering", justify="right")
    t.add_column("Tweede codering", justify="right")
    c2 = v.encoderingen.consistentie_tweede
    t.add_row(
        "genoemde faalfactoren (gestopt) → verhoogd/hoog",
        _pct(c.faalfactoren_kloppend, len(c.faalfactoren)),
        _pct(c2.faalfactoren_kloppend, len(c2.faalfactoren)),
    )
    t.add_row(
        "genoemde gunstige condities → laag/matig",
        _pct(c.gunstig_kloppend, len(c.gunstige_factoren)),
        _pct(c2.gunstig_kloppend, len(c2.gunstige_factoren)),
    )
    t.add_row(
        "gekozen vorm niet ontraden (BEL, Groningen–Ten Boer)",
        _pct(sum(x.klopt for x in c.vormen), len(c.vormen)),
        _pct(sum(x.klopt for x in c2.vormen), len(c2.vormen)),
    )
    console.print(t)

    s = v.structureel
    t = Table(
        title=f"2. Alleen structurele factoren ({', '.join(s.factoren)})",
        box=box.SIMPLE_HEAD,
        title_justify="left",
    )
    t.add_column("Toets")
    t.add_column("Uitkomst", justify="right")
    t.add_row(
        "genoemde structurele faalfactoren → verhoogd/hoog",
        _pct(sum(x.klopt for x in s.faalfactoren), len(s.faalfactoren)),
    )
    t.add_row(
        "genoemde structurele gunstige condities → laag/matig",
        _pct(sum(x.klopt for x in s.gunstige_factoren), len(s.gunstige_factoren)),
    )
    for klasse in KLASSEN:
        a, b = s.verhoogd_per_klasse[klasse]
        t.add_row(f"{klasse}: met een verhoogde structurele factor voor hun vorm", _pct(a, b))
    console.print(t)

    for titel, loo in (("eerste codering", v.loo), ("tweede codering", v.loo_tweede)):
        _loo(console, Table, box, f"3. Leave-one-out, {titel}", loo)

    e = v.encoderingen
    t = Table(
        title=(
            f"4. Overeenstemming tussen de twee coderingen (tweede: {e.maker}); "
            f"antwoorden eerste {e.gecodeerd_eerste}, tweede {e.gecodeerd_tweede}; "
            f"gelijk {_pct(e.gelijk_totaal, e.paren_totaal)} van de paren (vraag × casus die één van beide "
            f"beantwoordt); kappa over alle paren: {_kappa(e.kappa_totaal)}"
        ),
        box=box.SIMPLE_HEAD,
        title_justify="left",
    )
    for kop in (
        "Vraag",
        "alleen 1e",
        "alleen 2e",
        "beide",
        "zelfde waarde",
        "zelfde risico",
        "gelijk",
        "kappa",
    ):
        t.add_column(kop, justify="left" if kop == "Vraag" else "right")
    for q in e.per_vraag:
        t.add_row(
            q.vraag,
            str(q.alleen_eerste),
            str(q.alleen_tweede),
            str(q.beide),
            str(q.zelfde_waarde),
            str(q.zelfde_risico),
            f"{q.gelijk}/{q.paren}",
            _kappa(q.kappa),
        )
    console.print(t)
    return buf.getvalue()


def _loo(console: Any, Table: Any, box: Any, titel: str, loo: LeaveOneOut) -> None:
    klasse, aantal = loo.meerderheid
    zelfde, getoond = loo.buren_zelfde
    t = Table(title=titel, box=box.SIMPLE_HEAD, title_justify="left")
    t.add_column("Maat")
    t.add_column("Uitkomst", justify="right")
    t.add_row("casussen met een uitkomst", str(loo.n))
    t.add_row("regel (een verhoogde factor voor de vorm → gestopt): goed", _pct(loo.goed_regel, loo.n))
    t.add_row("dichtstbijzijnde casussen (meerderheid van 3): goed", _pct(loo.goed_buren, loo.n))
    t.add_row(f"basislijn: altijd '{klasse}'", _pct(aantal, loo.n))
    t.add_row("dichtstbijzijnde casussen met dezelfde uitkomst", _pct(zelfde, getoond))
    console.print(t)
    for naam, tabel in (("regel", loo.verwarring_regel), ("buren", loo.verwarring_buren)):
        voorspeld = [*KLASSEN, "geen"]
        m = Table(title=f"   verwarringstabel {naam} (rij: werkelijk, kolom: voorspeld)", box=box.SIMPLE_HEAD)
        m.add_column("werkelijk")
        for k in voorspeld:
            m.add_column(k, justify="right")
        for w in KLASSEN:
            m.add_row(w, *(str(tabel.get((w, k), 0)) for k in voorspeld))
        console.print(m)


class Command(BaseCommand):
    help = (
        "Validatie van de samenwerkingsscan: consistentiecheck, alleen-structurele overeenstemming, "
        "leave-one-out-uitkomsttoets en overeenstemming tussen twee coderingen van de casussen (ADR 0052)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--breedte", type=int, default=120, help="breedte van de tabellen (tekens)")
        parser.add_argument(
            "--max-casussen",
            type=int,
            default=None,
            help="alleen de eerste N casussen van de casusbank (voor een snelle, begrensde run)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        casussen = load_cases()
        if options["max_casussen"] is not None:
            casussen = casussen[: max(options["max_casussen"], 0)]
        self.stdout.write(render(validate(casussen), width=options["breedte"]), ending="")
