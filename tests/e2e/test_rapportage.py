"""The council reports in the browser, as a raadslid of Laren: Raadsrapportages from the main menu, Laren's latest
report (axe-core clean, one h1, its hash and "dit is de versie die de raad heeft ontvangen"), an earlier report,
and its PDF (200, application/pdf). Every page visited is checked by axe-core (helpers.settle)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin

import pytest

from .helpers import click_and_settle, main_menu

pytestmark = pytest.mark.browser


def test_raadslid_reads_the_latest_and_an_earlier_report(page: Any, login: Any) -> None:
    login("raadslid.laren")
    click_and_settle(page, main_menu(page).get_by_role("link", name="Raadsrapportages"))
    assert page.get_by_role("heading", level=1, name="Raadsrapportages").is_visible()

    # Laren's group comes first, with its latest report
    sectie = page.locator("section").filter(
        has=page.get_by_role("heading", level=2, name=re.compile("^Laren · "))
    )
    laatste = sectie.locator("a[data-laatste]").first
    assert "Najaarsnota 2026" in laatste.inner_text()
    click_and_settle(page, laatste)
    assert page.get_by_role("heading", level=1, name=re.compile("Najaarsnota 2026: Laren")).is_visible()
    assert page.get_by_text("Dit is de versie die de raad heeft ontvangen.").is_visible()
    assert page.locator("code.seta-hash").first.inner_text().strip()

    # back to the list, an earlier report of Laren
    click_and_settle(
        page, page.get_by_role("navigation", name="Kruimelpad").get_by_role("link", name="Raadsrapportages")
    )
    eerdere = (
        page.locator("section")
        .filter(has=page.get_by_role("heading", level=2, name=re.compile("^Laren · ")))
        .get_by_role("table", name="Eerdere rapportages")
    )
    click_and_settle(page, eerdere.get_by_role("link", name=re.compile("Jaarrekening 2025")).first)
    assert page.get_by_role("heading", level=1, name=re.compile("Jaarrekening 2025: Laren")).is_visible()

    # its PDF: what the council got
    href = page.get_by_role("link", name="PDF downloaden").get_attribute("href")
    assert href
    response = page.request.get(urljoin(page.url, href))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body()[:5] == b"%PDF-"
