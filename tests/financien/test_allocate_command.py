"""``seta allocate FILE``: every example through call_command and through the real command line;
bad files exit with code 2, name every bad field on stderr and print nothing on stdout."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from seta.financien.verdeling.rounding import format_euro

# Runs the command line in subprocesses on its own SQLite file: the database under test is not used.
pytestmark = pytest.mark.cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples" / "allocate").glob("*.json"))
SETA = Path(sys.executable).parent / "seta"  # .venv/bin/seta when run with .venv/bin/pytest


def seta(*args: str) -> subprocess.CompletedProcess[str]:
    if not SETA.exists():  # pragma: no cover - the project is always installed into the venv
        pytest.skip(f"{SETA} is not installed")
    return subprocess.run(
        [str(SETA), *args], cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120
    )


def cents(value: str) -> Decimal:
    amount = Decimal(value)
    assert amount == amount.quantize(Decimal("0.01")), f"{value} is not in whole cents"
    return amount


def check_totals(output: dict[str, Any]) -> None:
    """Every total is the sum of the partners' shares, to the cent."""
    assert output["verdelingen"], "no allocation in the output"
    incl: dict[str, dict[str, Decimal]] = {}
    for v in output["verdelingen"]:
        bijdragen = v["bijdragen"]
        for key in ("totaalExclBtw", "btw", "totaalInclBtw"):
            assert sum(cents(b[key]) for b in bijdragen) == cents(v[key]), (v["verdeelmodel"], key)
        for b in bijdragen:
            assert sum(cents(r["bedrag"]) for r in b["regels"]) == cents(b["totaalExclBtw"])
            assert sum(cents(r["btw"]) for r in b["regels"]) == cents(b["btw"])
            assert cents(b["totaalExclBtw"]) + cents(b["btw"]) == cents(b["totaalInclBtw"])
        for o in v["onderdelen"]:
            shares = [r for b in bijdragen for r in b["regels"] if r["onderdeel"] == o["naam"]]
            assert len(shares) == len(bijdragen), o["naam"]
            assert sum(cents(r["bedrag"]) for r in shares) == cents(o["bedrag"]), o["naam"]
        assert sum(cents(o["bedrag"]) for o in v["onderdelen"]) == cents(v["totaalExclBtw"])
        incl[v["verdeelmodel"]] = {b["gemeente"]: cents(b["totaalInclBtw"]) for b in bijdragen}
    if output["vergelijking"] is not None:
        for regel in output["vergelijking"]["regels"]:
            for model, bedrag in regel["bedragen"].items():
                assert cents(bedrag) == incl[model][regel["gemeente"]]
    if output["afrekening"] is not None:
        afrekening = output["afrekening"]
        realisatie = incl[afrekening["verdeelmodel"]]
        for r in afrekening["regels"]:
            assert cents(r["realisatie"]) == realisatie[r["gemeente"]]
            assert cents(r["saldo"]) == cents(r["realisatie"]) - cents(r["voorschot"])
        assert sum(cents(r["realisatie"]) for r in afrekening["regels"]) == sum(realisatie.values())


def check_table(table: str, output: dict[str, Any]) -> None:
    for v in output["verdelingen"]:
        assert v["verdeelmodel"] in table
        assert format_euro(cents(v["totaalInclBtw"])) in table
        for b in v["bijdragen"]:
            assert f"{b['naam']} ({b['gemeente']})" in table
            assert format_euro(cents(b["totaalInclBtw"])) in table


def test_the_examples_are_there() -> None:
    assert len(EXAMPLES) >= 5


# --- the examples ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_call_command_json_and_table(example: Path) -> None:
    out, err = StringIO(), StringIO()
    call_command("allocate", str(example), format="json", stdout=out, stderr=err)
    output = json.loads(out.getvalue())
    check_totals(output)
    assert err.getvalue() == ""

    table = StringIO()
    call_command("allocate", str(example), stdout=table)  # table is the default
    check_table(table.getvalue(), output)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_command_line_json_and_table(example: Path) -> None:
    done = seta("allocate", str(example.relative_to(ROOT)), "--format", "json")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    output = json.loads(done.stdout)
    check_totals(output)

    done = seta("allocate", str(example), "--format", "table")
    assert done.returncode == 0, done.stderr
    check_table(done.stdout, output)


def test_the_worked_example_from_the_command_line() -> None:
    done = seta("allocate", "examples/allocate/worked-example.json", "--format", "json")
    output = json.loads(done.stdout)
    totals = {v["verdeelmodel"]: [b["totaalInclBtw"] for b in v["bijdragen"]] for v in output["verdelingen"]}
    assert ["182500.00", "427500.00", "0.00"] in totals.values()
    assert ["140769.23", "281538.46", "187692.31"] in totals.values()
    assert ["127500.00", "372500.00", "0.00"] in totals.values()


# --- bad files ------------------------------------------------------------------------------------------


def good() -> dict[str, Any]:
    return json.loads((ROOT / "examples" / "allocate" / "worked-example.json").read_text(encoding="utf-8"))


def shape_errors() -> tuple[dict[str, Any], list[str]]:
    """Wrong types, a missing and an unknown field, a bad choice: the reader names them all."""
    data = good()
    data["jaar"] = "2024-2025"
    del data["gemeenten"][0]["naam"]
    data["gemeenten"][1]["inwoners"] = 30000
    first = data["verdeelmodellen"][0]
    first["verdeelsleutel"] = {"soort": "inwoners"}
    first["onderdelen"][0]["soort"] = "vastbedrag"
    return data, [
        "jaar",
        "gemeenten[0].naam",
        "gemeenten[1].inwoners",
        "verdeelmodellen[0].verdeelsleutel.soort",
        "verdeelmodellen[0].onderdelen[0].soort",
    ]


def value_errors() -> tuple[dict[str, Any], list[str]]:
    """Right shape, wrong values: negative numbers, an unknown gemeente, percentages not 100."""
    data = good()
    data["gemeenten"][2]["bevolking"] = -20000
    data["verdeelmodellen"][0]["verdeelsleutel"] = {
        "soort": "percentages",
        "percentages": {g["code"]: "33.3" for g in data["gemeenten"]},
    }
    data["referentiemodel"] = "Bestaat niet"
    return data, [
        "gemeenten[2].bevolking",
        "verdeelmodellen[0].verdeelsleutel.percentages",
        "referentiemodel",
    ]


BAD = {"shape": shape_errors, "values": value_errors}


def write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "invoer.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def named_paths(message: str) -> list[str]:
    """The JSON paths on the error lines (``  path: message``) after the heading."""
    heading, *lines = message.splitlines()
    assert heading.endswith("ongeldige invoer voor de verdeling:")
    assert all(line.startswith("  ") and ": " in line for line in lines), lines
    return [line.strip().split(": ", 1)[0] for line in lines]


@pytest.mark.parametrize("kind", BAD)
def test_call_command_on_bad_files(kind: str, tmp_path: Path) -> None:
    data, paths = BAD[kind]()
    out = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("allocate", str(write(tmp_path, data)), format="json", stdout=out)
    assert caught.value.returncode == 2
    assert sorted(named_paths(str(caught.value))) == sorted(paths)
    assert out.getvalue() == ""


def test_value_errors_on_the_command_line_are_dutch(tmp_path: Path) -> None:
    data, paths = value_errors()
    done = seta("allocate", str(write(tmp_path, data)))
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("Fout: ongeldige invoer voor de verdeling:")
    assert sorted(named_paths(done.stderr)) == sorted(paths)
    assert "gemeenten[2].bevolking: mag niet negatief zijn (nu -20000)" in done.stderr
    assert (
        "verdeelmodellen[0].verdeelsleutel.percentages: de percentages tellen op tot 99,9;"
        " dat moet 100 zijn" in done.stderr
    )
    assert "referentiemodel: er is geen verdeelmodel met de naam 'Bestaat niet'" in done.stderr


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_shape_errors_on_the_command_line(fmt: str, tmp_path: Path) -> None:
    data, paths = shape_errors()
    done = seta("allocate", str(write(tmp_path, data)), "--format", fmt)
    assert done.returncode == 2
    assert done.stdout == ""
    assert sorted(named_paths(done.stderr)) == sorted(paths)
    assert "gemeenten[0].naam: ontbreekt" in done.stderr


def test_invalid_json_and_missing_file_on_the_command_line(tmp_path: Path) -> None:
    broken = tmp_path / "kapot.json"
    broken.write_text('{"jaar": 2024,\n  "gemeenten": [}', encoding="utf-8")
    done = seta("allocate", str(broken))
    assert (done.returncode, done.stdout) == (2, "")
    assert named_paths(done.stderr) == ["$"]
    assert "geen geldige JSON" in done.stderr and "regel 2" in done.stderr

    missing = tmp_path / "bestaat-niet.json"
    with pytest.raises(CommandError) as caught:
        call_command("allocate", str(missing))
    assert caught.value.returncode == 2
    assert f"{missing}: het bestand bestaat niet" in str(caught.value)
