"""Planning in the browser, by keyboard: the BEL directeur opens Planning, the plan and the what-if, tries extra
capacity or a new assignment and sees which assignments slip; the wethouder of Laren opens "Mijn wachtrij" and
sees Laren's share and none of Blaricum's confidential titles. Every page visited is checked by axe-core
(helpers.settle) and has one h1."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from .helpers import main_menu, settle, visit

pytestmark = pytest.mark.browser


def _enter(page: Any, locator: Any) -> None:
    locator.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    settle(page)


def _vertrouwelijke_titels_blaricum(page: Any) -> list[str]:
    """As the directeur: the confidential assignments that Blaricum alone commissions (first page of the list)."""
    visit(page, "/opdrachten/?gemeente=blaricum")
    titels = []
    rijen = page.get_by_role("table", name="Bestuursopdrachten").locator("tbody tr")
    for i in range(rijen.count()):
        rij = rijen.nth(i)
        cellen = rij.locator("td")
        if cellen.count() < 2 or "vertrouwelijk" not in rij.inner_text():
            continue
        if cellen.nth(0).inner_text().strip() != "Blaricum":
            continue
        link = rij.get_by_role("link").first.inner_text().strip()
        titels.append(link.split(" ", 1)[1] if " " in link else link)
    return titels


def test_directeur_tries_a_what_if(page: Any, login: Any) -> None:
    login("directeur.bel")
    menu = main_menu(page)
    planning = menu.get_by_role("link", name=re.compile("^Planning"))
    if planning.count():
        _enter(page, planning.first)
        wat_als = page.get_by_role("link", name=re.compile("^Wat als"))
        if wat_als.count():
            _enter(page, wat_als.first)
        else:
            visit(page, "/planning/wat-als/")
    else:
        visit(page, "/planning/wat-als/")
    assert page.get_by_role("heading", level=1, name="Wat als …?").is_visible()

    # a new, urgent assignment of Laren on a busy unit: by keyboard through the form
    page.get_by_role("radio", name="Een nieuwe opdracht").check()
    page.get_by_label("Werktitel").fill("Spoedklus in de browser")
    eenheid = page.locator("#id_nieuw-eenheid")
    opties = eenheid.locator("option")
    keuze = next(
        (
            opties.nth(i).get_attribute("value")
            for i in range(opties.count())
            if "Werk" in opties.nth(i).inner_text()
        ),
        opties.nth(1).get_attribute("value"),
    )
    eenheid.select_option(keuze)
    page.get_by_label("Geraamde uren").fill("3000")
    page.locator("#id_nieuw-deadline").fill((dt.date.today() + dt.timedelta(days=42)).isoformat())
    page.get_by_role("checkbox", name="Laren").check()
    page.locator("#id_nieuw-prioriteit").select_option("hoog")
    knop = page.get_by_role("button", name="Bereken wat er gebeurt")
    knop.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    settle(page)
    assert page.get_by_role("heading", level=2, name="Wat er gebeurt").is_visible()
    tabel = page.get_by_role("table", name="Deze opdrachten schuiven op")
    assert tabel.is_visible()
    assert tabel.locator("tbody tr").count() >= 1
    assert page.get_by_role("table", name="De nieuwe opdracht in het plan").is_visible()
    assert page.get_by_role("table", name="Aandelen van de partners, voor en na de wijziging").is_visible()
    assert "Niets is opgeslagen" in page.content()

    # extra capacity: hired help on the same unit
    page.get_by_role("radio", name="Extra capaciteit (werving of inhuur)").check()
    page.locator("#id_capaciteit-eenheid").select_option(keuze)
    page.get_by_label("Extra uren per week voor opdrachten").fill("80")
    page.locator("#id_capaciteit-van").fill(dt.date.today().isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Bereken wat er gebeurt").click()
    settle(page)
    assert page.get_by_role("table", name="Deze opdrachten schuiven op").is_visible()
    assert "Extra capaciteit in" in page.content()


def test_wethouder_laren_reads_its_queue(page: Any, login: Any) -> None:
    login("directeur.bel")
    geheim = _vertrouwelijke_titels_blaricum(page)
    page.context.clear_cookies()  # a fresh session for the next person
    login("wethouder.laren")
    visit(page, "/planning/wachtrij/")
    assert page.get_by_role("heading", level=1, name="Mijn wachtrij: Laren").is_visible()
    html = page.content()
    if "Er is nog geen plan berekend" in html:
        pytest.skip("the demo holds no plan of the BEL pool yet (the plan's demo step comes with its branch)")
    assert page.get_by_text(re.compile("^Uw aandeel .* tegen een recht van")).first.is_visible()
    assert page.get_by_text(re.compile("^Andere partners: ")).first.is_visible()
    for titel in geheim:
        assert titel not in html, titel
    # and the what-if of Laren's own new assignment shows Blaricum's work only in aggregate
    link = page.get_by_role("link", name=re.compile("^Wat als"))
    _enter(page, link.first)
    page.get_by_role("radio", name="Een nieuwe opdracht").check()
    opties = page.locator("#id_nieuw-eenheid option")
    page.locator("#id_nieuw-eenheid").select_option(opties.nth(1).get_attribute("value"))
    page.get_by_label("Geraamde uren").fill("2000")
    page.locator("#id_nieuw-deadline").fill((dt.date.today() + dt.timedelta(days=60)).isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Bereken wat er gebeurt").click()
    settle(page)
    html = page.content()
    for titel in geheim:
        assert titel not in html, titel
