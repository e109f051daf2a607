"""A grouped bar chart as inline SVG, rendered on the server (no JavaScript library).

Accessible: ``role="img"`` with a title and a description that states every figure in words, each
bar carries its amount as text, and the models differ in pattern as well as in colour (never colour
alone). The table next to it holds the same figures.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe

from seta.financien.selectors import Vergelijkingstabel
from seta.financien.verdeling.rounding import format_euro

# colour + pattern per model (WCAG 1.4.1: not colour alone); dark enough for 3:1 against white (1.4.11)
STIJLEN = [
    ("#01689b", None),
    ("#a90061", "streep"),
    ("#275937", "stip"),
    ("#8b4a00", "ruit"),
    ("#42145f", "streep"),
]


def _patterns(prefix: str) -> str:
    defs = []
    for i, (kleur, patroon) in enumerate(STIJLEN):
        pid = f"{prefix}-p{i}"
        if patroon == "streep":
            defs.append(
                f'<pattern id="{pid}" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
                f'<rect width="8" height="8" fill="{kleur}"/><rect width="3" height="8" fill="#ffffff" fill-opacity="0.55"/></pattern>'
            )
        elif patroon == "stip":
            defs.append(
                f'<pattern id="{pid}" width="7" height="7" patternUnits="userSpaceOnUse">'
                f'<rect width="7" height="7" fill="{kleur}"/><circle cx="3.5" cy="3.5" r="1.6" fill="#ffffff" fill-opacity="0.7"/></pattern>'
            )
        elif patroon == "ruit":
            defs.append(
                f'<pattern id="{pid}" width="8" height="8" patternUnits="userSpaceOnUse">'
                f'<rect width="8" height="8" fill="{kleur}"/><path d="M0 4H8M4 0V8" stroke="#ffffff" stroke-opacity="0.6"/></pattern>'
            )
    return "<defs>" + "".join(defs) + "</defs>"


def _fill(prefix: str, i: int) -> str:
    kleur, patroon = STIJLEN[i % len(STIJLEN)]
    return f"url(#{prefix}-p{i % len(STIJLEN)})" if patroon else kleur


def bar_chart(tabel: Vergelijkingstabel, *, ident: str = "grafiek") -> SafeString:
    """Bars per partner (groups) and model (bars), with amounts as text."""
    modellen = tabel.modellen
    n_m = max(len(modellen), 1)
    bar_h, gap, groep_gap = 22, 4, 22
    label_w, chart_w, value_w = 150, 430, 130
    legend_h = 26 * n_m + 10
    top = legend_h + 10
    groep_h = n_m * (bar_h + gap) + groep_gap
    hoogte = top + len(tabel.rijen) * groep_h + 10
    breedte = label_w + chart_w + value_w
    maximum = max((c.bedrag for r in tabel.rijen for c in r.cellen), default=Decimal(1)) or Decimal(1)

    beschrijving = "; ".join(
        f"{r.naam}: "
        + ", ".join(f"{m} {format_euro(c.bedrag)}" for m, c in zip(modellen, r.cellen, strict=True))
        for r in tabel.rijen
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="seta-grafiek" role="img" viewBox="0 0 {breedte} {hoogte}" '
        f'width="100%" aria-labelledby="{ident}-titel {ident}-desc" focusable="false">',
        f'<title id="{ident}-titel">Bijdrage per gemeente per verdeelmodel, {tabel.jaar} (incl. btw)</title>',
        f'<desc id="{ident}-desc">{escape(beschrijving)}</desc>',
        _patterns(ident),
    ]
    for i, m in enumerate(modellen):
        y = 8 + i * 26
        parts.append(
            f'<rect x="{label_w}" y="{y}" width="22" height="18" fill="{_fill(ident, i)}" stroke="#000" stroke-width="0.5"/>'
        )
        parts.append(
            f'<text x="{label_w + 30}" y="{y + 14}" font-size="14" fill="#1a1a1a">{escape(m)}</text>'
        )
    for g, rij in enumerate(tabel.rijen):
        y0 = top + g * groep_h
        parts.append(
            f'<text x="{label_w - 8}" y="{y0 + (n_m * (bar_h + gap)) / 2 + 5}" font-size="14" text-anchor="end" '
            f'font-weight="bold" fill="#1a1a1a">{escape(rij.naam)}</text>'
        )
        for i, cel in enumerate(rij.cellen):
            y = y0 + i * (bar_h + gap)
            w = float(cel.bedrag / maximum) * chart_w if maximum else 0
            parts.append(
                f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{_fill(ident, i)}" stroke="#000" stroke-width="0.5"/>'
            )
            parts.append(
                f'<text x="{label_w + w + 6:.1f}" y="{y + bar_h - 6}" font-size="13" fill="#1a1a1a">{escape(format_euro(cel.bedrag))}</text>'
            )
    parts.append(f'<line x1="{label_w}" y1="{top - 4}" x2="{label_w}" y2="{hoogte - 6}" stroke="#1a1a1a"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
