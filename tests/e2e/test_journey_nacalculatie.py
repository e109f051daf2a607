"""The nacalculatie in the browser: the controller finds an assignment past 100 % of its estimate, reads its
actuals, books an external cost; the commissioning wethouder reads the same section without the form.
Every page visited is checked by axe-core (helpers.settle)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from .helpers import click_and_settle, settle, visit

pytestmark = pytest.mark.browser


def _open_from_signal(page: Any, soort: str) -> None:
    """The way a user gets there: the signals page, filtered on the alert, then the link to its assignment
    (which assignment the demo pushed past a threshold depends on its hours; the signal says which)."""
    visit(page, f"/signalen/?soort={soort}")
    click_and_settle(page, page.get_by_role("link", name=re.compile(r"^Naar de opdracht ")).first)


def test_controller_reads_the_actuals_and_books_a_cost(page: Any, login: Any) -> None:
    login("controller.bel")
    _open_from_signal(page, "raming_100")
    sectie = page.get_by_role("region", name="Nacalculatie")
    assert sectie.get_by_text("De raming is bereikt (100 %).").is_visible()
    assert sectie.get_by_role("table", name="Gerealiseerd tegen raming en kader").is_visible()
    assert sectie.get_by_role("link", name="nacalculatie als CSV").is_visible()
    formulier = sectie.get_by_role("form", name="Externe kosten boeken")
    formulier.get_by_label("Datum").fill("2026-10-30")
    formulier.get_by_label(re.compile("^Bedrag")).fill("321,45")
    formulier.get_by_label("Omschrijving").fill("Drukwerk eindrapport")
    click_and_settle(page, formulier.get_by_role("button", name="Kosten boeken"))
    tabel = page.get_by_role("table", name="Geboekte externe kosten")
    assert tabel.get_by_role("cell", name="Drukwerk eindrapport", exact=True).is_visible()
    assert tabel.get_by_role("cell", name="€ 321,45", exact=True).is_visible()


def test_wethouder_reads_the_actuals_without_the_form(page: Any, login: Any) -> None:
    login("wethouder.laren")
    _open_from_signal(page, "raming_90")
    sectie = page.get_by_role("region", name="Nacalculatie")
    samenvatting = sectie.get_by_text(re.compile(r"^Per week \(\d+ weken\)$"))  # a long series: in <details>
    if samenvatting.count():
        samenvatting.click()
        settle(page)
    assert sectie.get_by_role("table", name="Uren en kosten per week").is_visible()
    assert sectie.get_by_role("form", name="Externe kosten boeken").count() == 0
