"""Case data in the browser: the controller imports a quarter (first a bad file: the errors table, nothing
stored; then a good one: the summary), and finds the mapping and the case systems. axe-core on every page."""

from __future__ import annotations

import re
from typing import Any

import pytest

from .helpers import check_accessibility, visit

pytestmark = pytest.mark.browser

KOP = "identificatie;zaaktype;gemeente;ontvangen;besloten;opgeschorte_dagen;uiterste_datum;resultaat;tevredenheid\n"


def _bestand(regels: str) -> dict[str, Any]:
    return {"name": "zaken-2024-q1.csv", "mimeType": "text/csv", "buffer": (KOP + regels).encode()}


def test_controller_imports_a_quarter(page: Any, login: Any) -> None:
    login("controller.bel")
    visit(page, "/dienstverlening/zaken/importeren")
    page.get_by_label("Periode van").fill("2024-01-01")
    page.get_by_label("Periode tot en met").fill("2024-03-31")
    page.get_by_label(re.compile("^Bestand")).set_input_files(
        _bestand("E-1;BEL-WMO;GM0417;2024-02-10;2024-02-01;0;;;\nE-2;ONBEKEND;GM0417;2024-02-10;;;;;\n")
    )
    page.get_by_role("button", name="Inlezen").click()
    page.wait_for_load_state("load")
    check_accessibility(page)
    tabel = page.get_by_role("table", name="Fouten per rij en kolom")
    assert tabel.get_by_role("row").count() == 3  # header + two errors
    assert "datum vóór ontvangen" in tabel.inner_text()
    page.locator("#foutoverzicht").get_by_role(
        "link", name="Bestand"
    ).click()  # the summary links to the field
    page.get_by_label("Periode van").fill("2024-01-01")
    page.get_by_label("Periode tot en met").fill("2024-03-31")
    page.get_by_label(re.compile("^Bestand")).set_input_files(
        _bestand("E-1;BEL-WMO;GM0417;2024-02-10;2024-02-20;0;;;\n")
    )
    page.get_by_role("button", name="Inlezen").click()
    page.wait_for_load_state("load")
    check_accessibility(page)
    assert page.get_by_role("status").filter(has_text="Zaken ingelezen").is_visible()
    visit(page, "/dienstverlening/zaken/imports")
    assert (
        page.get_by_role("table", name=re.compile("Ingelezen perioden"))
        .get_by_text("zaken-2024-q1.csv")
        .is_visible()
    )
    visit(page, "/dienstverlening/zaken/zaaktypen")
    assert page.get_by_role("cell", name="BEL-OMGVERG", exact=True).is_visible()
    visit(page, "/dienstverlening/zaken/zaaksystemen")
    assert page.get_by_role("cell", name="SETA_ZGW_LAREN_GEHEIM", exact=True).is_visible()
