"""XLSX export of a scenario whose model names Excel would refuse as sheet titles (was a 500)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from seta.financien.exports import MAX_BLADNAAM, sheet_title
from seta.financien.models import Scenario

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "naam",
    ["Model: A", "Wie * wat?", "A/B", "A\\B", "[concept]", "'quoted'", "x" * 40, "", "   ", "Vergelijking"],
)
def test_sheet_title_is_always_valid(naam: str) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    titel = sheet_title(naam, wb.sheetnames)
    wb.create_sheet(title=titel)  # openpyxl raises ValueError on an invalid title
    assert 0 < len(titel) <= MAX_BLADNAAM
    assert not set(titel) & set(":*?/\\[]")
    assert not titel.startswith("'") and not titel.endswith("'")


def test_sheet_titles_stay_unique_within_31_characters() -> None:
    bestaande: list[str] = []
    for _ in range(12):
        bestaande.append(sheet_title("Een heel lange naam van een verdeelmodel", bestaande))
    assert len({t.casefold() for t in bestaande}) == 12
    assert all(len(t) <= MAX_BLADNAAM for t in bestaande)
    assert sheet_title("vergelijking", ["Vergelijking"]) == "vergelijking (2)"


def test_scenario_xlsx_with_awkward_model_names(api_as: Any) -> None:
    scenario = Scenario.objects.get(samenwerkingsverband__slug="bel", naam="Drie verdeelmodellen voor 2025")
    namen = ["Model: A/B [concept]", "Wie * wat? \\ x", "Model: A/B [concept]x" + "y" * 30]
    for model, naam in zip(scenario.verdeelmodellen.order_by("pk"), namen, strict=False):
        type(model).objects.filter(pk=model.pk).update(naam=naam)
    r = api_as("wethouder.blaricum").get(f"/api/v1/scenarios/{scenario.pk}", {"formaat": "xlsx"})
    assert r.status_code == 200, r.content[:300]
    titels = load_workbook(io.BytesIO(r.content)).sheetnames
    assert len(titels) == 4
    assert all(not set(t) & set(":*?/\\[]") and len(t) <= MAX_BLADNAAM for t in titels)
