"""The report's charts as inline SVG, built from plain figures (no Django, no JavaScript, no CSS).

Readable in grey and without colour: every bar carries its value as a direct label, categories differ by
pattern (solid, hatched, dotted, open) as well as by name, and every chart has ``role="img"`` with a
``<title>`` and a ``<desc>`` (WeasyPrint turns the title into the PDF figure's alternate text). The figures
themselves always stand in a table next to the chart (the template puts it there), so the chart is an aid,
never the only carrier. No ``style=`` attribute: only presentation attributes (``fill``, ``stroke``,
``font-size``), which the Content-Security-Policy allows.

The geometry is one pure function, :func:`schaal`, so it can be tested on its own (bars proportional to their
values, never a negative width, a zero line when values are negative, nothing drawn for no data).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape
from typing import Literal

Patroon = Literal["vol", "arcering", "stippen", "open"]

BREEDTE = 640.0  # the viewBox width; the SVG scales to its container
LABELS = 230.0  # the left column with the bar names
WAARDEN = 120.0  # the right margin for the value labels
RIJ = 26.0  # one bar's row
BALK = 16.0  # the bar's height inside its row
MARGE = 8.0
MAX_LABEL = 34  # characters of a bar name in the chart (the table beside it has the full name)
FONT = "DejaVu Sans, Verdana, sans-serif"
INKT = "#1a1a1a"  # near-black: dark in colour and in grey


@dataclass(frozen=True)
class Staaf:
    label: str
    waarde: Decimal
    patroon: Patroon = "vol"


@dataclass(frozen=True)
class Geometrie:
    x: float  # the bar's left edge within the bar area
    breedte: float  # never negative


def schaal(waarden: Sequence[Decimal | int | float], breedte: float) -> tuple[float, list[Geometrie]]:
    """The zero line and each bar's left edge and width in an area ``breedte`` wide.

    The scale spans ``min(0, values)`` to ``max(0, values)``, so positive bars grow right from the zero line
    and negative ones left; widths are ``|value| × scale`` (proportional, never negative). All zeros, or no
    values: zero width everywhere, the zero line at the left edge.
    """
    getallen = [float(v) for v in waarden]
    laag = min([0.0, *getallen])
    hoog = max([0.0, *getallen])
    bereik = hoog - laag
    if bereik <= 0 or breedte <= 0:
        return 0.0, [Geometrie(0.0, 0.0) for _ in getallen]
    factor = breedte / bereik
    nul = -laag * factor
    return nul, [Geometrie(nul + min(v, 0.0) * factor, abs(v) * factor) for v in getallen]


def _kort(tekst: str) -> str:
    return tekst if len(tekst) <= MAX_LABEL else tekst[: MAX_LABEL - 1].rstrip() + "…"


def _defs(prefix: str) -> str:
    return (
        "<defs>"
        f'<pattern id="{prefix}-arcering" width="6" height="6" patternUnits="userSpaceOnUse">'
        f'<rect width="6" height="6" fill="#ffffff"/>'
        f'<path d="M0,6 L6,0 M-1,1 L1,-1 M5,7 L7,5" stroke="{INKT}" stroke-width="1.4"/></pattern>'
        f'<pattern id="{prefix}-stippen" width="5" height="5" patternUnits="userSpaceOnUse">'
        f'<rect width="5" height="5" fill="#ffffff"/><circle cx="2.5" cy="2.5" r="1.2" fill="{INKT}"/></pattern>'
        "</defs>"
    )


def _vulling(patroon: Patroon, prefix: str) -> str:
    if patroon == "arcering":
        return f"url(#{prefix}-arcering)"
    if patroon == "stippen":
        return f"url(#{prefix}-stippen)"
    if patroon == "open":
        return "#ffffff"
    return "#4a4a4a"


def staafdiagram(
    *,
    id: str,
    titel: str,
    beschrijving: str,
    staven: Sequence[Staaf],
    opmaak: Callable[[Decimal], str],
) -> str:
    """A horizontal bar chart: one row per bar with its name left, the bar, and its value as text right of it.

    ``id`` makes the ids of the title, the description and the patterns unique on the page; ``opmaak`` writes a
    value (``€ 1.234,56``, ``12``) the way the table beside it does.
    """
    titel_id, desc_id = f"{id}-titel", f"{id}-desc"
    kop = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="rapportage-grafiek__svg" role="img" '
        f'aria-labelledby="{titel_id} {desc_id}" font-family="{FONT}" font-size="12"'
    )
    if not staven:
        hoogte = 2 * MARGE + RIJ
        return (
            f'{kop} viewBox="0 0 {BREEDTE:g} {hoogte:g}" width="{BREEDTE:g}" height="{hoogte:g}">'
            f'<title id="{titel_id}">{escape(titel)}</title>'
            f'<desc id="{desc_id}">{escape(beschrijving)} Er zijn geen gegevens om te tonen.</desc>'
            f'<text x="{MARGE:g}" y="{MARGE + RIJ / 2 + 4:g}" fill="{INKT}">Geen gegevens om te tonen.</text>'
            "</svg>"
        )
    gebied = BREEDTE - LABELS - WAARDEN
    nul, vormen = schaal([s.waarde for s in staven], gebied)
    hoogte = 2 * MARGE + RIJ * len(staven)
    delen = [
        f'{kop} viewBox="0 0 {BREEDTE:g} {hoogte:g}" width="{BREEDTE:g}" height="{hoogte:g}">',
        f'<title id="{titel_id}">{escape(titel)}</title>',
        f'<desc id="{desc_id}">{escape(beschrijving)}</desc>',
        _defs(id),
    ]
    for i, (staaf, vorm) in enumerate(zip(staven, vormen, strict=True)):
        y = MARGE + i * RIJ
        midden = y + RIJ / 2 + 4  # the text's baseline, centred on the bar
        x = LABELS + vorm.x
        delen.append(
            f'<text x="{LABELS - 8:g}" y="{midden:.1f}" text-anchor="end" fill="{INKT}">{escape(_kort(staaf.label))}</text>'
        )
        delen.append(
            f'<rect x="{x:.2f}" y="{y + (RIJ - BALK) / 2:.1f}" width="{vorm.breedte:.2f}" height="{BALK:g}" '
            f'fill="{_vulling(staaf.patroon, id)}" stroke="{INKT}" stroke-width="0.8"/>'
        )
        rechts = LABELS + max(vorm.x + vorm.breedte, nul) + 6
        delen.append(
            f'<text x="{rechts:.2f}" y="{midden:.1f}" fill="{INKT}">{escape(opmaak(staaf.waarde))}</text>'
        )
    delen.append(
        f'<line x1="{LABELS + nul:.2f}" y1="{MARGE / 2:g}" x2="{LABELS + nul:.2f}" y2="{hoogte - MARGE / 2:g}" '
        f'stroke="{INKT}" stroke-width="1"/>'
    )
    delen.append("</svg>")
    return "".join(delen)
