"""Compliance in the browser: a councillor of Laren opens the compliance overview and, when the demo holds
DVOs (the DVO demo step, merged from its own branch), a DVO's tables and one norm's periods, by keyboard.
Every page visited is checked by axe-core (helpers.settle)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from .helpers import settle, visit

pytestmark = pytest.mark.browser


def test_councillor_reads_the_compliance_of_laren(page: Any, login: Any) -> None:
    login("raadslid.laren")
    visit(page, "/dienstverlening/naleving/")
    assert page.get_by_role(
        "heading", level=1, name="Naleving van dienstverleningsovereenkomsten"
    ).is_visible()
    tabel = page.get_by_role("table", name=re.compile("^Dienstverleningsovereenkomsten van"))
    if tabel.count() == 0 or tabel.get_by_role("link").count() == 0:
        pytest.skip("the demo holds no DVOs yet (the DVO demo step comes with the DVO branch)")
    link = tabel.get_by_role("link").first
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    settle(page)
    assert page.get_by_role("heading", level=1, name=re.compile("^Naleving ")).is_visible()
    assert page.get_by_role("columnheader", name="Oordeel").first.is_visible()
    assert page.get_by_text(re.compile("Gehaald|Niet gehaald|Geen gegevens")).first.is_visible()
    detail = page.get_by_role("link", name=re.compile("^Alle perioden van")).first
    detail.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    settle(page)
    assert page.get_by_role("table", name="Alle perioden, de nieuwste eerst").is_visible()
