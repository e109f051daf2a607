"""A harmonisation proposal in the browser: the director of the BEL pool makes one from Laren's tourism order and
sends it; the colleges of Laren and Eemnes accept, Blaricum's declines; the joint concept assignment appears, with
the proposal in its history. Every page visited is checked by axe-core (helpers.settle)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from .helpers import click_and_settle, log_in, visit

pytestmark = pytest.mark.browser

ONDERWERP = "Eén toeristisch plan voor de BEL-gemeenten (browsertest)"


def _antwoord(page: Any, url: str, wie: str, gemeente: str, knop: str) -> None:
    page.context.clear_cookies()
    log_in(page, wie)
    visit(page, url)
    sectie = page.locator("section").filter(
        has=page.get_by_role("heading", level=2, name=f"Besluit van het college van {gemeente}")
    )
    sectie.get_by_label("Ik besluit namens het college").check()
    click_and_settle(page, sectie.get_by_role("button", name=knop))
    rij = page.locator(f"tr[data-gemeente='{gemeente}']")
    assert rij.locator("[data-besluit]").get_attribute("data-besluit") == (
        "aanvaard" if knop == "Aanvaarden" else "afgewezen"
    )


def test_director_proposes_two_colleges_accept_one_declines(page: Any, login: Any) -> None:
    login("directeur.bel")
    visit(page, "/harmonisatie/voorstellen/")
    # the demo's completed proposal leads to Laren's order; from there, a new proposal
    click_and_settle(page, page.get_by_role("link", name=re.compile(r"HV-BEL-\d{4}-001")))
    click_and_settle(
        page, page.get_by_role("link", name=re.compile("Toeristisch-recreatief plan Laren")).first
    )
    click_and_settle(page, page.get_by_role("link", name="Harmonisatievoorstel maken"))
    page.get_by_label("Onderwerp").fill(ONDERWERP)
    page.locator("input[name=vorm][value=gezamenlijk]").check()
    click_and_settle(page, page.get_by_role("button", name="Concept opstellen"))
    assert page.get_by_role("heading", level=1, name=re.compile(re.escape(ONDERWERP))).is_visible()
    assert page.locator("tr[data-optie='gezamenlijk']").is_visible()
    click_and_settle(page, page.get_by_role("button", name="Verzenden aan de colleges"))
    assert page.locator("[data-status]").first.get_attribute("data-status") == "verzonden"
    url = page.url

    _antwoord(page, url, "burgemeester.laren", "Laren", "Aanvaarden")
    _antwoord(page, url, "burgemeester.eemnes", "Eemnes", "Aanvaarden")
    _antwoord(page, url, "burgemeester.blaricum", "Blaricum", "Afwijzen")
    assert (
        "Eén gezamenlijke conceptopdracht voor Eemnes en Laren"
        in page.locator("[data-uitkomst]").inner_text()
    )

    page.context.clear_cookies()
    log_in(page, "burgemeester.laren")
    visit(page, url)
    click_and_settle(page, page.locator("a[data-resultaat]"))
    assert page.get_by_text(re.compile("Voortgekomen uit harmonisatievoorstel HV-BEL")).first.is_visible()
