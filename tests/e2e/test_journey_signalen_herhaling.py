"""Signals and the repetition advantage in the browser: the directeur opens "Signalen" from the menu and filters
it; a teamleider estimating a tourism plan sees what the earlier ones took and the learning curve, and finds the
same on the catalogue item's page. Every page visited is checked by axe-core (helpers.settle)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from .helpers import click_and_settle, main_menu, visit

pytestmark = pytest.mark.browser


def test_directeur_opens_the_signals_from_the_menu(page: Any, login: Any) -> None:
    login("directeur.bel")
    click_and_settle(page, main_menu(page).get_by_role("link", name=re.compile(r"^Signalen( \(\d+\))?$")))
    assert page.get_by_role("heading", level=1, name="Signalen").is_visible()
    page.get_by_label("Status").select_option("open")
    click_and_settle(page, page.get_by_role("button", name="Filteren"))
    assert "status=open" in page.url
    assert page.get_by_role("status").inner_text().endswith("open.")


def test_raadslid_has_no_signals_menu(page: Any, login: Any) -> None:
    login("raadslid.laren")
    assert main_menu(page).get_by_role("link", name=re.compile(r"^Signalen")).count() == 0


def test_the_pool_sees_the_learning_curve_where_it_estimates(page: Any, login: Any) -> None:
    login("directeur.bel")
    visit(page, "/opdrachten/?zoek=Toeristisch&status=intake")
    click_and_settle(page, page.get_by_role("link", name=re.compile(r"^BEL-")).first)
    raming = page.get_by_role("group", name=re.compile(r"^Raming vastleggen"))
    tekst = raming.inner_text()
    assert (
        "Herhalingsvoordeel:" in tekst
        and "elke verdubbeling" in tekst
        and "verwachting voor de volgende" in tekst
    )
    raming.get_by_text(re.compile(r"^Eerder opgeleverde opdrachten")).click()
    tabel = raming.get_by_role(
        "table", name=re.compile(r"^Opgeleverde opdrachten 'Toeristisch-recreatief plan'")
    )
    assert tabel.is_visible()
    assert tabel.get_by_role("columnheader", name="Volgens de leercurve").is_visible()
    # The catalogue item's page shows the same to the pool.
    visit(page, "/catalogus/?samenwerkingsverband=bel")
    click_and_settle(page, page.get_by_role("link", name="Toeristisch-recreatief plan", exact=True).first)
    assert page.get_by_role("heading", level=2, name="Herhalingsvoordeel").is_visible()
