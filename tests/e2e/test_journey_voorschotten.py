"""Advances in the browser: a councillor of Laren finds its own terms; the controller's calculation form.
Every page visited is checked by axe-core (helpers.settle)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin

import pytest

from .helpers import click_and_settle, main_menu, visit

pytestmark = pytest.mark.browser
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_councillor_finds_the_own_terms_and_downloads_them(page: Any, login: Any) -> None:
    login("raadslid.laren")
    click_and_settle(page, main_menu(page).get_by_role("link", name="Financiën", exact=True))
    regio = page.get_by_role("region", name="Voorschotten")
    click_and_settle(page, regio.get_by_role("link", name=re.compile(r"^Voorschotten 2025$")))
    assert page.get_by_role("heading", level=1, name=re.compile(r"^Voorschotten 2025")).is_visible()
    tabel = page.get_by_role("table", name=re.compile(r"^Voorschot per deelnemer en termijn"))
    eerste = tabel.get_by_role("rowheader").first
    assert eerste.inner_text().startswith("Laren") and "(uw gemeente)" in eerste.inner_text()
    assert tabel.get_by_role("columnheader", name="1e kwartaal 2025").is_visible()
    facturen = page.get_by_role("table", name="Facturen van Laren in 2025")
    assert facturen.is_visible()  # the own invoices are open
    assert facturen.get_by_role("rowheader", name="BEL-2025-V01-0417").is_visible()
    assert not page.get_by_role("table", name="Facturen van Eemnes in 2025").is_visible()
    href = page.get_by_role("link", name=re.compile("^Excel")).get_attribute("href")
    response = page.request.get(urljoin(page.url, href))
    assert response.status == 200 and response.headers["content-type"].split(";")[0] == XLSX
    assert page.get_by_role("button", name=re.compile("vaststellen|opnieuw", re.I)).count() == 0


def test_controller_sees_the_calculation_form(page: Any, login: Any) -> None:
    login("controller.bel")
    visit(page, "/financien/bel/voorschotten")
    assert page.get_by_role("heading", level=2, name="Voorschotten berekenen").is_visible()
    assert page.get_by_role("radio", name="Per maand (12 termijnen)").is_visible()
    assert page.get_by_label("Vervaldag").is_visible()
