"""``seta plan FILE.json``: the example through call_command and the real command line; a bad file (missing,
not JSON, schema or semantic errors) exits with code 2, names every problem with its JSON path on stderr and
prints nothing on stdout; the command needs no database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

ROOT = Path(__file__).resolve().parents[2]
VOORBEELD = ROOT / "examples" / "plan.json"
SETA = Path(sys.executable).parent / "seta"  # .venv/bin/seta when run with .venv/bin/pytest


def seta(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    if not SETA.exists():  # pragma: no cover - the project is always installed into the venv
        pytest.skip(f"{SETA} is not installed")
    # a database that cannot exist: the command must not touch one (no migrate, no query)
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path}/bestaat-niet/geen.sqlite3",
        "SETA_VAR_DIR": str(tmp_path),
    }
    return subprocess.run(
        [str(SETA), *args], cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120, env=env
    )


def run(*args: str, **opties: Any) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("plan", *args, stdout=out, stderr=err, **opties)
    return out.getvalue(), err.getvalue()


def test_json_output_of_the_example() -> None:
    out, _ = run(str(VOORBEELD), format="json")
    uit = json.loads(out)
    assert uit["methode"] == "highs"
    assert uit["startweek"] == "2027-01-04"
    assert [o["id"] for o in uit["opdrachten"]] == [f"BEL-2027-{i:03d}" for i in range(1, 13)]
    for o in uit["opdrachten"]:
        assert sum(r["uren"] for r in o["urenPerWeek"]) == pytest.approx(
            o["uren"], abs=0.1 * len(o["urenPerWeek"])
        )
        assert o["wekenTeLaat"] == max(0, o["opleveringWeek"] - o["deadlineWeek"])
        assert o["deadline"] and o["oplevering"]
    partners = {a["partner"] for a in uit["aandelen"]}
    assert partners == {"Blaricum", "Eemnes", "Laren"}
    assert {a["periode"] for a in uit["aandelen"]} == {0, 1}
    s = uit["samenvatting"]
    assert set(s) >= {"laatheid", "laatheidOngewogen", "eerlijkheidstekort", "rekentijdSeconden"}
    assert s["wettelijkeProblemen"] == 0 and uit["wettelijk"] == []
    for e, b in uit["belasting"].items():  # capacity never exceeded
        assert all(g <= c + 0.1 for g, c in zip(b["gepland"], b["capaciteit"], strict=True)), e


def test_json_with_the_edf_comparison() -> None:
    out, _ = run(str(VOORBEELD), format="json", vergelijk_edf=True)
    uit = json.loads(out)
    edf = uit["vergelijkingEdf"]
    assert set(edf) >= {"laatheid", "eerlijkheidstekort", "laatheidVerhouding", "tekortVerhouding"}
    assert uit["samenvatting"]["eerlijkheidstekort"] <= edf["eerlijkheidstekort"] + 0.1


def test_table_output_of_the_example() -> None:
    out, err = run(str(VOORBEELD), vergelijk_edf=True)
    assert err == ""
    for tekst in (
        "Opdrachten (plan.json)",
        "BEL-2027-001",
        "BEL-2027-012",
        "verwachte oplevering",
        "weken te laat",
        "Aandelen per partner en periode (13 weken)",
        "Laren",
        "recht %",
        "Samenvatting",
        "eerlijkheidstekort (uren)",
        "earliest-deadline-first",
        "rekentijd (s)",
    ):
        assert tekst in out, tekst
    assert "\x1b[" not in out  # no colour codes in a file or pipe


def _slecht(tmp_path: Path) -> Path:
    d = json.loads(VOORBEELD.read_text(encoding="utf-8"))
    d["opdrachten"][0]["uren"] = -3
    d["opdrachten"][1]["eenheid"] = "XX"
    d["opdrachten"][2]["aandelen"] = {"Blaricum": 0.5}
    del d["opdrachten"][8]["uren"]
    d["regels"]["gewichten"]["Laren"] = 0.5
    pad = tmp_path / "slecht.json"
    pad.write_text(json.dumps(d), encoding="utf-8")
    return pad


SLECHT = [
    "$.opdrachten[0].uren",
    "$.opdrachten[1].eenheid",
    "$.opdrachten[2].aandelen",
    "$.opdrachten[8].uren",
    "$.regels.gewichten",
]


def test_call_command_on_a_bad_file_names_every_problem(tmp_path: Path) -> None:
    with pytest.raises(CommandError) as exc:
        run(str(_slecht(tmp_path)))
    assert exc.value.returncode == 2
    bericht = str(exc.value)
    assert "5 problemen in slecht.json" in bericht
    for waar in SLECHT:
        assert f"  {waar}: " in bericht, waar


def test_command_line_on_a_bad_file(tmp_path: Path) -> None:
    r = seta("plan", str(_slecht(tmp_path)), "--format", "json", tmp_path=tmp_path)
    assert r.returncode == 2, r.stderr
    assert r.stdout == ""
    assert "Traceback" not in r.stderr
    for waar in SLECHT:
        assert waar in r.stderr, waar


@pytest.mark.parametrize(
    ("inhoud", "woord"),
    [("{niet json", "geen geldige JSON"), ("", "geen geldige JSON"), ("[1, 2]", "$: moet een object zijn")],
)
def test_not_json(tmp_path: Path, inhoud: str, woord: str) -> None:
    pad = tmp_path / "kapot.json"
    pad.write_text(inhoud, encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        run(str(pad))
    assert exc.value.returncode == 2
    assert woord in str(exc.value)


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CommandError) as exc:
        run(str(tmp_path / "weg.json"))
    assert exc.value.returncode == 2
    assert "weg.json" in str(exc.value)


def test_command_line_without_a_database(tmp_path: Path) -> None:
    r = seta("plan", str(VOORBEELD), tmp_path=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "BEL-2027-001" in r.stdout and "Samenvatting" in r.stdout
    assert not (tmp_path / "bestaat-niet").exists()


def test_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    kapot = tmp_path / "kapot.json"
    kapot.write_bytes(b"\x80\x81")
    with pytest.raises(CommandError) as exc:
        run(str(kapot))
    assert exc.value.returncode == 2 and "UTF-8" in str(exc.value)
