"""The ``scan FILE [--format text|json]`` management command."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "scan"


def test_text_output() -> None:
    out = StringIO()
    call_command("scan", str(EXAMPLES / "bel-2007.yaml"), stdout=out)
    assert "1. Menu 2: ambtelijke fusie: aanbevolen" in out.getvalue()


def test_json_output() -> None:
    out = StringIO()
    call_command("scan", str(EXAMPLES / "groningen-ten-boer.json"), "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["advies"]["menus"][0]["menu"] == "menu_3"
    assert data["naam"].startswith("Groningen")


def test_bad_input_exits_2_with_errors_on_stderr(tmp_path: Path) -> None:
    bad = tmp_path / "fout.yaml"
    bad.write_text("partners: [GM0376, GM9999]\nantwoorden:\n  urgentie_raad: 7\n", encoding="utf-8")
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as info:
        call_command("scan", str(bad), stdout=out, stderr=err)
    assert info.value.code == 2
    assert "vraag 'urgentie_raad': waarde 7 ligt buiten het bereik 1–5" in err.getvalue()
    assert "onbekende gemeentecode 'GM9999'" in err.getvalue()
    assert "verplicht antwoord ontbreekt" in err.getvalue()
    assert out.getvalue() == ""
