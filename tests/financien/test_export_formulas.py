"""Exports never carry live formulas: a text cell that begins with =, +, -, @, tab or CR is written as text.

A controller names a scenario, a verdeelmodel and one of its parts like a formula; a raadslid of a
partner downloads the comparison as XLSX and CSV and gets the literal text, while amounts (also
negative ones) stay numbers.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from seta.core import files
from seta.financien.models import Verdeelmodel

pytestmark = pytest.mark.django_db

FORMULE = '=HYPERLINK("http://x","y")'
MODELNAAM = '+HYPERLINK("x","y")'  # no ':' or '/' (sheet titles are another matter)


@pytest.fixture
def scenario_id(api_as: Any) -> int:
    controller = api_as("controller.bel")
    bron = Verdeelmodel.objects.get(samenwerkingsverband__slug="bel", naam="Inwonersaantal", volgnummer=1)
    configuratie = dict(bron.configuratie)
    configuratie["onderdelen"] = [{**o, "naam": FORMULE} for o in configuratie["onderdelen"][:1]] + list(
        configuratie["onderdelen"][1:]
    )
    r = controller.post(
        "/api/v1/verdeelmodellen",
        {"samenwerkingsverband": "bel", "naam": MODELNAAM, "configuratie": configuratie},
        format="json",
    )
    assert r.status_code == 201, r.content
    hybride = Verdeelmodel.objects.get(samenwerkingsverband__slug="bel", naam="BEL hybride", volgnummer=1)
    r = controller.post(
        "/api/v1/scenarios",
        {
            "samenwerkingsverband": "bel",
            "naam": FORMULE,
            "jaar": 2025,
            "verdeelmodellen": [hybride.pk, r.json()["id"]],
            "referentiemodel": hybride.pk,
        },
        format="json",
    )
    assert r.status_code == 201, r.content
    return int(r.json()["id"])


def test_xlsx_export_writes_formula_like_text_as_text(api_as: Any, scenario_id: int) -> None:
    r = api_as("raadslid.blaricum").get(f"/api/v1/scenarios/{scenario_id}", {"formaat": "xlsx"})
    assert r.status_code == 200, r.content
    wb = load_workbook(io.BytesIO(r.content))
    ws = wb.worksheets[0]
    assert (ws["A1"].value, ws["A1"].data_type) == (f"{FORMULE} (BEL Combinatie)", "s")
    kop = [c for c in ws[4] if isinstance(c.value, str) and c.value.startswith(MODELNAAM)]
    assert kop and all(c.data_type == "s" for c in kop)
    cellen = [c for sheet in wb.worksheets for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cellen if c.data_type == "f"]  # no formula anywhere
    onderdelen = [c for c in cellen if c.value == FORMULE]
    assert onderdelen and all(c.data_type == "s" and c.quotePrefix for c in onderdelen)
    # amounts stay numbers, including the negative differences
    getallen = [c.value for row in ws.iter_rows(min_row=5, min_col=3) for c in row if c.data_type == "n"]
    assert getallen and any(isinstance(v, float) and v < 0 for v in getallen)


def test_csv_export_quotes_formula_like_text_and_keeps_numbers(api_as: Any, scenario_id: int) -> None:
    r = api_as("raadslid.blaricum").get(f"/api/v1/scenarios/{scenario_id}/vergelijking", {"formaat": "csv"})
    assert r.status_code == 200, r.content
    lines = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert f"'{MODELNAAM} (incl. btw)" in lines[0]
    cellen = [cel for line in lines for cel in line]
    assert not [c for c in cellen if c.startswith(("=", "+", "@", "\t", "\r"))]
    negatief = [c for c in cellen if c.startswith("-")]
    assert negatief and all(c[1:].replace(",", "").isdigit() for c in negatief)  # numbers, not text


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_dangerous_start_is_text(start: str) -> None:
    tekst = f"{start}1+1"
    out = io.StringIO()
    files.csv_writer(out, delimiter=";").writerow([tekst, -12.5, None, "gewoon"])
    assert next(csv.reader(io.StringIO(out.getvalue(), newline=""), delimiter=";")) == [
        f"'{tekst}",
        "-12.5",
        "",
        "gewoon",
    ]
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    files.append_row(ws, [tekst, -12.5])
    buffer = io.BytesIO()
    wb.save(buffer)
    terug = load_workbook(io.BytesIO(buffer.getvalue())).active
    assert terug is not None
    # (XML turns a carriage return into a line feed; what matters is the type)
    assert (terug["A1"].value, terug["A1"].data_type) == (tekst.replace("\r", "\n"), "s")
    assert (terug["B1"].value, terug["B1"].data_type) == (-12.5, "n")


def test_no_export_writes_csv_or_sheet_rows_without_the_helper() -> None:
    """Every csv.writer and every openpyxl row in src goes through seta.core.files."""
    from pathlib import Path

    src = Path(files.__file__).resolve().parents[1]
    overtreders = []
    for path in src.rglob("*.py"):
        if (path.name == "files.py" and path.parent.name == "core") or "migrations" in path.parts:
            continue
        tekst = path.read_text(encoding="utf-8")
        if "csv.writer(" in tekst or "csv.DictWriter(" in tekst:
            overtreders.append(f"{path.relative_to(src)}: csv.writer")
        if "openpyxl" in tekst and ".append([" in tekst.replace("ws.append([])", ""):
            overtreders.append(f"{path.relative_to(src)}: sheet.append")
    assert not overtreders, overtreders


def test_deeply_nested_configuratie_in_the_json_import_is_a_form_error(client: Any, user_named: Any) -> None:
    client.force_login(user_named("controller.bel"))
    for diepte in (100_000, 60):
        r = client.post(
            "/financien/verdeelmodellen/nieuw",
            {"actie": "importeren", "json": "[" * diepte + "]" * diepte},
        )
        assert r.status_code in (200, 400), r.status_code
        assert "te diep genest" in r.content.decode()
    assert not Verdeelmodel.objects.filter(naam="Diep").exists()


def test_deeply_nested_configuratie_through_the_core_is_refused() -> None:
    from seta.financien.verdeling import io as verdeling_io
    from seta.financien.verdeling.model import AllocationInputError

    diep: Any = 1
    for _ in range(200):
        diep = [diep]
    with pytest.raises(AllocationInputError, match="te diep genest"):
        verdeling_io.parse({"jaar": 2025, "gemeenten": diep})
