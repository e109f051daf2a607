"""A result as plain text tables (``rich``, no colour), or as JSON.

The words a reader sees are Dutch, like the rest of the user interface; amounts in Dutch notation.
"""

from __future__ import annotations

from io import StringIO
from typing import Literal

from rich import box
from rich.console import Console
from rich.table import Table

from .io import dumps
from .model import Afrekening, Resultaat, Verdeling, Vergelijking
from .rounding import decimal_percentage, format_euro, format_percentage

Format = Literal["table", "json"]


def render(result: Resultaat, format: Format = "table", width: int = 160) -> str:
    """The result as text tables (``table``) or as JSON (``json``, see the output schema)."""
    if format == "json":
        return dumps(result) + "\n"
    if format != "table":
        raise ValueError(f"unknown format {format!r}: use 'table' or 'json'")
    out = StringIO()
    console = Console(file=out, width=width, color_system=None, force_terminal=False, highlight=False)
    for verdeling in result.verdelingen:
        console.print(verdeling_table(verdeling))
        console.print(onderdelen_table(verdeling))
        for warning in verdeling.waarschuwingen:
            console.print(f"! {warning}")
        console.print()
    if result.vergelijking is not None:
        console.print(vergelijking_table(result.vergelijking))
        console.print()
    if result.afrekening is not None:
        console.print(afrekening_table(result.afrekening))
        for signaal in result.afrekening.signalen:
            console.print(f"! {signaal}")
    return out.getvalue()


def verdeling_table(v: Verdeling) -> Table:
    title = f"Verdeling {v.jaar} — {v.verdeelmodel}" + (
        " (startperiode: geen verrekening)" if v.startperiode else ""
    )
    table = Table(title=title, box=box.SIMPLE_HEAVY, show_footer=True, title_justify="left")
    table.add_column("Gemeente", footer="Totaal")
    table.add_column("Sleutel", justify="right")
    for o in v.onderdelen:
        table.add_column(o.naam, justify="right", footer=format_euro(o.bedrag))
    table.add_column("Totaal excl. btw", justify="right", footer=format_euro(v.totaal_excl_btw))
    table.add_column("Btw", justify="right", footer=format_euro(v.btw))
    table.add_column("Totaal incl. btw", justify="right", footer=format_euro(v.totaal_incl_btw))
    for b in v.bijdragen:
        table.add_row(
            f"{b.naam} ({b.gemeente})",
            format_percentage(decimal_percentage(b.sleutelaandeel, 2)),
            *(format_euro(r.bedrag) for r in b.regels),
            format_euro(b.totaal_excl_btw),
            format_euro(b.btw),
            format_euro(b.totaal_incl_btw),
        )
    return table


def onderdelen_table(v: Verdeling) -> Table:
    table = Table(box=box.SIMPLE, title_justify="left")
    table.add_column("Onderdeel")
    table.add_column("Bedrag", justify="right")
    table.add_column("Btw")
    table.add_column("Verdeling")
    for o in v.onderdelen:
        btw = "vrijgesteld (koepelvrijstelling)" if o.btw == "vrijgesteld" else f"{o.btw}%"
        table.add_row(o.naam, format_euro(o.bedrag), btw, o.toelichting)
    return table


def vergelijking_table(v: Vergelijking) -> Table:
    table = Table(
        title=f"Vergelijking van modellen (totaal incl. btw), referentie: {v.referentie}",
        box=box.SIMPLE_HEAVY,
        title_justify="left",
    )
    table.add_column("Gemeente")
    others = [m for m in v.modellen if m != v.referentie]
    table.add_column(v.referentie, justify="right")
    for m in others:
        table.add_column(m, justify="right")
        table.add_column("verschil", justify="right")
        table.add_column("%", justify="right")
    for r in v.regels:
        cells = [f"{r.naam} ({r.gemeente})", format_euro(r.bedragen[v.referentie])]
        for m in others:
            procent = r.verschil_procent[m]
            cells += [
                format_euro(r.bedragen[m]),
                format_euro(r.verschil[m]),
                "—" if procent is None else format_percentage(procent),
            ]
        table.add_row(*cells)
    return table


def afrekening_table(a: Afrekening) -> Table:
    """Advance against realisation; the deviation columns only when hours were given."""
    title = f"Afrekening — {a.verdeelmodel}" + ("" if a.verrekend else " (startperiode: niet verrekend)")
    table = Table(title=title, box=box.SIMPLE_HEAVY, title_justify="left")
    with_hours = any(r.urenaandeel is not None for r in a.regels)
    table.add_column("Gemeente")
    money = ["Voorschot", "Realisatie"] + (
        ["Te betalen", "Te ontvangen"] if a.verrekend else ["Niet verrekend"]
    )
    for name in money:
        table.add_column(name, justify="right", no_wrap=True)
    if with_hours:
        for name in ("Uren", "Sleutel", "Afwijking", "Afwijking (€)", "Signaal"):
            table.add_column(name, justify="right", no_wrap=True)
    for r in a.regels:
        cells = [f"{r.naam} ({r.gemeente})", format_euro(r.voorschot), format_euro(r.realisatie)]
        if a.verrekend:
            cells += [format_euro(r.te_betalen), format_euro(r.te_ontvangen)]
        else:
            cells.append(format_euro(r.niet_verrekend))
        if with_hours:
            cells += [
                "—" if r.urenaandeel is None else format_percentage(decimal_percentage(r.urenaandeel, 2)),
                format_percentage(decimal_percentage(r.sleutelaandeel, 2)),
                "—"
                if r.afwijking_procentpunten is None
                else f"{r.afwijking_procentpunten}%-punt".replace(".", ","),
                "—" if r.afwijking_bedrag is None else format_euro(r.afwijking_bedrag),
                "JA" if r.signaal else "",
            ]
        table.add_row(*cells)
    return table
