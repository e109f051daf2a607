"""Render a scan result as Dutch plain text, or as a JSON-ready dictionary."""

from __future__ import annotations

import dataclasses
import textwrap
from collections.abc import Mapping
from typing import Any

from .model import ScanResultaat

BREEDTE = 100

_RISICO_LABEL = {
    "laag": "laag",
    "matig": "matig",
    "verhoogd": "VERHOOGD",
    "hoog": "HOOG",
    "onbekend": "onbekend",
}


def _wrap(text: str, indent: str = "", first: str | None = None) -> list[str]:
    return textwrap.wrap(
        text,
        width=BREEDTE,
        initial_indent=first if first is not None else indent,
        subsequent_indent=indent,
        break_on_hyphens=False,
    ) or [first or indent]


def _decimaal(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def _getal(value: int | None) -> str:
    return "onbekend" if value is None else f"{value:,}".replace(",", ".")


def render_text(resultaat: ScanResultaat, titel: str | None = None) -> str:
    """The full report in Dutch: partners, factors, recommendation, Figure 3, cases, caveats."""
    r = resultaat
    lines: list[str] = []
    kop = "Samenwerkingsscan" + (f": {titel}" if titel else "")
    lines += [kop, "=" * len(kop), ""]

    lines.append(f"Partners ({r.aantal_partners}):")
    for p in r.partners:
        extra = []
        if not p.bestaat:
            extra.append("bestaat niet meer")
        if p.bevolking_herkomst:
            extra.append(f"inwoners: {p.bevolking_herkomst}")
        suffix = f" [{'; '.join(extra)}]" if extra else ""
        lines.append(
            f"  - {p.naam} ({p.code or 'geen CBS-code'}), {p.provincie or 'provincie onbekend'}, "
            f"{_getal(p.bevolking)} inwoners{suffix}"
        )
    if r.aantal_partners > len(r.partners):
        lines.append(f"  (en {r.aantal_partners - len(r.partners)} niet bij naam genoemde partner(s))")
    lines.append("")

    lines.append("Oordeel")
    lines.append("-------")
    lines += _wrap(r.oordeel)
    lines.append("")
    aanbevolen = r.advies.aanbevolen
    lines.append(f"Aanbevolen vorm: {aanbevolen.naam}; risico voor deze vorm: {_RISICO_LABEL[r.risico]}")
    lines.append("")

    if r.advies.dealbreakers:
        lines.append("Eerst oplossen (dealbreakers)")
        lines.append("-----------------------------")
        for d in r.advies.dealbreakers:
            wie = f" (bij {', '.join(d.bij)})" if d.bij else ""
            lines += _wrap(f"{d.titel}{wie}: {d.eerst_oplossen}", "     ", "   - ")
            lines += _wrap(
                f"Tegengehouden: {', '.join(d.blokkeert_namen)}. Open: {', '.join(d.open_vormen)}.", "     "
            )
            lines += _wrap(f"Bron: {d.bron}", "     ")
        lines.append("")

    lines.append("Factoren")
    lines.append("--------")
    for f in r.factoren:
        soort = "berekend" if f.soort == "berekend" else "gevraagd"
        lines.append(
            f"* {f.titel} [{soort}, gewicht {f.gewicht}]: risico {_RISICO_LABEL[f.risico]}"
            f" (zekerheid: {f.zekerheid})"
        )
        lines += _wrap(f.reden, "    ")
        if f.bij and f.risico in ("verhoogd", "hoog"):
            lines += _wrap(f"Dit risico ligt bij: {', '.join(f.bij)}.", "    ")
        if f.voorbehoud and f.risico != "onbekend":
            lines += _wrap(f"Voorbehoud: {f.voorbehoud}", "    ")
        lines += _wrap(f"Bron: {f.bron}", "    ")
    lines.append("")

    lines.append("Advies: rangorde van de menu's")
    lines.append("------------------------------")
    for m in r.advies.menus:
        lines.append(f"{m.rang}. {m.naam}: {m.status} (score {_decimaal(m.score)})")
        for reden in m.redenen[:6]:
            lines += _wrap(reden, "     ", "   - ")
        if len(m.redenen) > 6:
            lines.append(f"   - (en {len(m.redenen) - 6} kleinere bijdragen; zie de JSON-uitvoer)")
    lines.append("")

    lines.append("Eerst aan werken")
    lines.append("----------------")
    if not r.advies.werkpunten:
        lines.append("  Geen factoren met een verhoogd of hoog risico.")
    for w in r.advies.werkpunten:
        lines += _wrap(f"{w.titel} ({w.risico}): {w.tekst} [{w.bron}]", "     ", "   - ")
    lines.append("")

    lines.append("Gevoeligheid: welk ene antwoord de aanbeveling verandert")
    lines.append("--------------------------------------------------------")
    if not r.advies.gevoeligheid:
        lines.append("  Geen enkel ander antwoord op één vraag verandert de aanbeveling.")
    for g in r.advies.gevoeligheid:
        wie = f" ({g.partner})" if g.partner else ""
        lines += _wrap(
            f"{g.titel}{wie}: nu {g.huidig}; bij {g.ander} wordt het {g.nieuw_naam}.", "     ", "   - "
        )
    lines.append("")

    kop3 = r.advies.figuur3_bron.titel
    lines.append(kop3)
    lines.append("-" * len(kop3))
    breed = max(len(rij.punt) for rij in r.advies.figuur3)
    lines.append(f"  {'Vergelijkingspunt'.ljust(breed)}  Menu 1  Menu 2  Menu 3")
    for rij in r.advies.figuur3:
        t = rij.tekens
        lines.append(
            f"  {rij.punt.ljust(breed)}  {t['menu_1']:<6}  {t['menu_2']:<6}  {t['menu_3']:<6}".rstrip()
        )
    lines.append("  + = positief; - = negatief of afwezig.")
    lines.append("")

    lines.append("Vergelijkbare casussen uit de brontekst")
    lines.append("---------------------------------------")
    if not r.vergelijkbare_casussen:
        lines.append("  Geen vergelijkbare casus gevonden (te weinig bekende factoren).")
    for c in r.vergelijkbare_casussen:
        jaar = f", {c.jaar}" if c.jaar else ""
        lines.append(
            f"  - {c.naam} ({c.vorm.replace('_', ' ')}{jaar}; uitkomst: {c.uitkomst.replace('_', ' ')}); "
            f"gelijkenis {_decimaal(c.score)}"
        )
        if c.overeenkomsten:
            lines += _wrap("Overeenkomsten: " + "; ".join(c.overeenkomsten) + ".", "      ", "      ")
        if c.verschillen:
            lines += _wrap("Verschillen: " + "; ".join(c.verschillen) + ".", "      ", "      ")
        lines += _wrap("Bron: " + "; ".join(str(b) for b in c.bron[:3]) + ".", "      ", "      ")
    lines.append("")

    lines.append("Voorbehouden")
    lines.append("------------")
    if r.onbekend:
        lines += _wrap(
            f"{len(r.onbekend)} factor(en) zijn onbekend ('weet niet'): {', '.join(r.onbekend)}. "
            "Daardoor is de uitkomst minder zeker.",
            "     ",
            "   - ",
        )
    for v in r.voorbehouden:
        lines += _wrap(f"{v.tekst} [{v.bron}]", "     ", "   - ")
    return "\n".join(lines).rstrip() + "\n"


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (tuple, list)):
        return [_jsonable(v) for v in value]
    return value


def resultaat_als_dict(resultaat: ScanResultaat) -> dict[str, Any]:
    """A JSON-serialisable dictionary with every field of the result."""
    data = _jsonable(resultaat)
    assert isinstance(data, dict)
    return data
