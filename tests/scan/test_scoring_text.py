"""Rendering: Dutch plain text and JSON."""

from __future__ import annotations

import json
from pathlib import Path

from seta.scan.scoring import load_answer_file, render_text, resultaat_als_dict, scan

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "scan"


def test_text_report_has_every_section_in_dutch() -> None:
    invoer = load_answer_file(EXAMPLES / "bel-2007.yaml")
    text = render_text(scan(invoer.partners, invoer.antwoorden), invoer.naam)
    for kop in (
        "Samenwerkingsscan: BEL 2007",
        "Oordeel",
        "Factoren",
        "Advies: rangorde van de menu's",
        "Eerst aan werken",
        "Figuur 3: Grove aanduiding van voordelen van menu's",
        "Vergelijkbare casussen uit de brontekst",
        "Voorbehouden",
    ):
        assert kop in text
    assert "Eemnes (GM0317), Utrecht, 9.247 inwoners" in text
    assert "hangt af van het aantal partnergemeenten" in " ".join(text.split())
    assert "Bron: \u2018" in text and "Bron: regels" not in text  # heading and quotation, no line numbers
    assert "1. Menu 2: ambtelijke fusie: aanbevolen" in text


def test_text_marks_estimates_and_vanished_municipalities() -> None:
    invoer = load_answer_file(EXAMPLES / "groningen-ten-boer.json")
    text = render_text(scan(invoer.partners, invoer.antwoorden))
    assert (
        "Ten Boer (geen CBS-code), Groningen, 7.150 inwoners [bestaat niet meer; inwoners: schatting]" in text
    )


def test_json_output_is_serialisable_and_complete() -> None:
    invoer = load_answer_file(EXAMPLES / "druten-beuningen.yaml")
    data = resultaat_als_dict(scan(invoer.partners, invoer.antwoorden))
    again = json.loads(json.dumps(data, ensure_ascii=False))
    assert {
        "partners",
        "factoren",
        "risico",
        "zekerheid",
        "oordeel",
        "advies",
        "vergelijkbare_casussen",
    } <= again.keys()
    factor = next(f for f in again["factoren"] if f["factor"] == "lijk_in_de_kast")
    assert factor["risico"] == "hoog" and factor["bron"]["regels"] == "1429-1431"
    assert len(again["advies"]["menus"]) == 5
