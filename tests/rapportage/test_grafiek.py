"""The charts' geometry and SVG (pure, no Django): bars proportional, never a negative width, empty data drawn
as a sentence, the accessible name present, no inline style."""

from __future__ import annotations

import re
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from seta.rapportage.kern import grafiek, opmaak

waarden = st.lists(
    st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, allow_infinity=False, places=2),
    max_size=30,
)


@given(waarden, st.floats(min_value=1, max_value=2000))
def test_widths_never_negative_and_inside_the_area(vs: list[Decimal], breedte: float) -> None:
    nul, vormen = grafiek.schaal(vs, breedte)
    assert len(vormen) == len(vs)
    assert 0 <= nul <= breedte + 1e-6
    for v, g in zip(vs, vormen, strict=True):
        assert g.breedte >= 0
        assert g.x >= -1e-6 and g.x + g.breedte <= breedte + 1e-6
        # a positive bar starts at the zero line, a negative one ends there
        if v > 0:
            assert abs(g.x - nul) < 1e-6
        elif v < 0:
            assert abs(g.x + g.breedte - nul) < 1e-6


@given(waarden.filter(lambda vs: any(v != 0 for v in vs)), st.floats(min_value=10, max_value=2000))
def test_bars_proportional_to_their_values(vs: list[Decimal], breedte: float) -> None:
    _, vormen = grafiek.schaal(vs, breedte)
    grootste = max(abs(v) for v in vs)
    basis = next(g.breedte for v, g in zip(vs, vormen, strict=True) if abs(v) == grootste)
    for v, g in zip(vs, vormen, strict=True):
        assert (
            abs(g.breedte * float(grootste) - basis * float(abs(v))) <= 1e-6 * basis * float(grootste) + 1e-9
        )
    # the whole span of the data fills the area
    laag, hoog = min([Decimal(0), *vs]), max([Decimal(0), *vs])
    assert abs(sum(g.breedte for v, g in zip(vs, vormen, strict=True) if v in (laag, hoog) and v != 0)) > 0


def test_all_zero_and_empty() -> None:
    assert grafiek.schaal([], 100) == (0.0, [])
    nul, vormen = grafiek.schaal([0, 0], 100)
    assert nul == 0 and all(g.breedte == 0 for g in vormen)


def _svg(staven: list[grafiek.Staaf]) -> str:
    return grafiek.staafdiagram(
        id="t",
        titel="Kosten <per> opdracht",
        beschrijving="Twee & meer staven.",
        staven=staven,
        opmaak=opmaak.euro,
    )


def test_svg_is_accessible_and_labels_every_bar() -> None:
    svg = _svg([grafiek.Staaf("A & B", Decimal("1234.5")), grafiek.Staaf("C", Decimal("-10"), "arcering")])
    assert 'role="img"' in svg and 'aria-labelledby="t-titel t-desc"' in svg
    assert '<title id="t-titel">Kosten &lt;per&gt; opdracht</title>' in svg
    assert '<desc id="t-desc">Twee &amp; meer staven.</desc>' in svg
    assert "€ 1.234,50" in svg and "-€ 10,00" in svg and "A &amp; B" in svg  # direct labels, escaped
    assert "url(#t-arcering)" in svg  # a pattern, not a colour, tells the kinds apart
    assert "style=" not in svg
    assert all(float(w) >= 0 for w in re.findall(r'<rect x="[^"]+" y="[^"]+" width="([^"]+)"', svg))


def test_svg_without_data_says_so() -> None:
    svg = _svg([])
    assert "Geen gegevens om te tonen." in svg and "<title" in svg and "<desc" in svg and "<rect" not in svg


def test_long_labels_are_shortened_in_the_chart_only() -> None:
    svg = _svg([grafiek.Staaf("x" * 80, Decimal(1))])
    assert "x" * 80 not in svg and "…" in svg
