"""Journeys through the year's cycle and the verdeelmodel form (issue 9).

- The controller of BEL sets up 2027 from 2026 on the Financiën overview (keyboard only), checks the year's
  readiness list, changes one tariff in the tariffs grid and calculates a scenario for 2027 on the year page;
  the chair of the board (burgemeester.laren) then adopts the 2027 budget with a decision, and the year page
  names who recorded it.
- The controller drafts a new verdeelmodel through the form (a key, a part added with a button, the live
  preview per partner), saves the concept and changes it again through "Concept bewerken".

Every page visited is checked by axe-core (helpers.settle). Elements are found by role and label.
"""

from __future__ import annotations

import datetime
import re
from typing import Any
from urllib.parse import urljoin

import pytest

from .helpers import check_accessibility, click_and_settle, log_in, main_menu, settle

pytestmark = pytest.mark.browser


def melding(page: Any) -> str:
    return page.get_by_role("main").inner_text()


def test_controller_sets_up_2027_and_the_board_adopts_it(page: Any) -> None:
    log_in(page, "controller.bel")
    click_and_settle(page, main_menu(page).get_by_role("link", name="Financiën", exact=True))
    jaren = page.get_by_role("region", name="Jaren")
    assert jaren.get_by_role("link", name="2026", exact=True).is_visible()
    assert jaren.get_by_role("link", name="2027", exact=True).count() == 0

    # "Nieuw jaar opzetten", keyboard only: the form proposes the year after the last budget.
    assert page.get_by_label("Op te zetten jaar").input_value() == "2027"
    assert page.get_by_label("Overnemen van jaar").input_value() == "2026"
    page.get_by_label("Op te zetten jaar").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.name") == "van_jaar"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.name") == "loonindex"
    page.keyboard.type("3")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.name") == "prijsindex"
    page.keyboard.type("2")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    settle(page)
    assert page.url.endswith("/financien/bel/2027/")
    assert page.get_by_role("heading", level=1, name="BEL Combinatie: het jaar 2027").is_visible()
    assert "Het jaar 2027 is opgezet als concept" in melding(page)

    # The readiness list: the budget is drawn up but not yet adopted.
    gereed = page.get_by_role("region", name="Wat ontbreekt er nog?")
    assert "Gereed: De begroting 2027 is opgesteld." in gereed.inner_text()
    assert "Ontbreekt: De begroting 2027 is nog een concept" in gereed.inner_text()
    begroting = page.get_by_role("region", name="Begroting 2027")
    assert "Concept" in begroting.inner_text()
    assert "loonindex van 3" in begroting.inner_text()

    # The tariffs grid: the 2026 tariff beside the indexed 2027 one; change the standard tariff.
    click_and_settle(page, page.get_by_role("link", name="Tarieven 2027 bewerken"))
    assert page.get_by_role("heading", level=1, name="Uurtarieven 2027: BEL Combinatie").is_visible()
    grid = page.get_by_role("table", name=re.compile(r"^Uurtarieven 2027 \(in euro\)"))
    assert grid.get_by_role("columnheader", name="2026").is_visible()
    standaard = page.get_by_label("Standaardtarief", exact=True)
    assert standaard.input_value() == "94.45"  # 91,70 × 1,03
    standaard.fill("95.00")
    click_and_settle(page, page.get_by_role("button", name="Tarieven 2027 opslaan"))
    assert page.url.endswith("/financien/bel/2027/")
    assert re.search(r"\d+ uurtarie(f|ven) 2027 opgeslagen", melding(page))
    tarieven = page.get_by_role("table", name=re.compile(r"^Uurtarief per eenheid en salarisschaal"))
    rij = tarieven.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Standaardtarief"))
    assert "€ 95,00" in rij.inner_text()

    # A scenario for 2027 from the year page: two models side by side, calculated at once.
    scenario = page.get_by_role("form", name="Verdeelmodellen vergelijken voor 2027")
    assert scenario.get_by_label("Naam van het scenario").input_value() == "Verdeling 2027"
    scenario.get_by_label("Naam van het scenario").fill("Hybride en inwonertal 2027")
    scenario.get_by_label("BEL hybride (vastgesteld)").check()
    scenario.get_by_label("Inwonersaantal (concept)").check()
    click_and_settle(page, scenario.get_by_role("button", name="Scenario berekenen"))
    assert "Scenario Hybride en inwonertal 2027 is berekend." in melding(page)
    assert page.get_by_role("heading", level=1, name=re.compile("Hybride en inwonertal 2027")).is_visible()

    # The board adopts the budget: a fresh login as the chair of the AB.
    page.context.clear_cookies()
    log_in(page, "burgemeester.laren")
    naam_bestuurder = page.get_by_role("banner").inner_text()
    page.goto("/financien/bel/2027/")
    settle(page)
    vaststellen = page.get_by_role("form", name="Begroting vaststellen")
    assert (
        vaststellen.get_by_label("Besluit van").locator("option:checked").inner_text() == "Algemeen bestuur"
    )
    gisteren = datetime.date.today() - datetime.timedelta(days=1)
    vaststellen.get_by_label("Kenmerk van het besluit").fill("AB BEL 2026-12, agendapunt 2")
    vaststellen.get_by_label("Datum van de vergadering").fill(gisteren.isoformat())
    vaststellen.get_by_label(re.compile("^Ik bevestig dat het")).check()
    click_and_settle(page, vaststellen.get_by_role("button", name="Begroting vaststellen"))
    assert "De begroting 2027 is vastgesteld." in melding(page)
    begroting = page.get_by_role("region", name="Begroting 2027")
    tekst = begroting.inner_text()
    assert "Vastgesteld" in tekst and "kenmerk AB BEL 2026-12, agendapunt 2" in tekst
    assert f"vergadering van {gisteren:%d-%m-%Y}" in tekst
    door = re.search(r"vastgelegd door (.+?) op \d\d-\d\d-\d{4}", tekst)
    assert door and door.group(1) in naam_bestuurder, tekst
    assert (
        "Gereed: De begroting 2027 is vastgesteld."
        in page.get_by_role("region", name="Wat ontbreekt er nog?").inner_text()
    )
    assert page.get_by_role("form", name="Begroting vaststellen").count() == 0


def test_controller_drafts_a_model_with_a_live_preview_and_changes_the_concept(page: Any) -> None:
    log_in(page, "controller.bel")
    click_and_settle(page, main_menu(page).get_by_role("link", name="Financiën", exact=True))
    click_and_settle(page, page.get_by_role("link", name="Nieuw verdeelmodel opstellen"))
    assert page.get_by_role("heading", level=1, name="Nieuw verdeelmodel voor BEL Combinatie").is_visible()

    model = page.get_by_role("group", name="Het model")
    model.get_by_label(re.compile(r"^Naam")).fill("Gelijk en gebruik")

    # A part is added by a button (the form is re-rendered with what was typed, nothing is stored).
    click_and_settle(page, page.get_by_role("button", name="Onderdeel toevoegen: naar gebruik"))
    assert page.get_by_role("group", name="Het model").get_by_role("textbox").first.input_value() == (
        "Gelijk en gebruik"
    )
    onderdeel = page.get_by_role("group", name=re.compile(r"^Onderdeel 2: Naar gebruik"))
    onderdeel.get_by_label("Naam van het onderdeel").fill("Uren")

    # Picking the key updates the live preview (htmx): per partner its share and what it would pay.
    resultaat = page.locator("#voorbeeld-resultaat")
    with page.expect_response(re.compile(r"/verdeelmodel-voorbeeld$")):
        page.get_by_role("group", name="Verdeelsleutel van het model").get_by_label(
            "Soort verdeelsleutel"
        ).select_option(label="Gelijke delen")
    tabel = resultaat.get_by_role("table", name=re.compile(r"bijdrage per gemeente"))
    tabel.wait_for()
    assert tabel.get_by_role("columnheader", name="Uren").is_visible()
    for gemeente in ("Blaricum", "Eemnes", "Laren"):
        rij = tabel.get_by_role("row").filter(has=page.get_by_role("rowheader", name=gemeente))
        assert "33,33" in rij.inner_text(), rij.inner_text()
    check_accessibility(page)

    # "Voorbeeld berekenen" (for a browser without JavaScript): the same preview, rendered by the server.
    click_and_settle(page, page.get_by_role("button", name="Voorbeeld berekenen").first)
    assert resultaat.get_by_role("table", name=re.compile(r"bijdrage per gemeente")).is_visible()

    click_and_settle(page, page.get_by_role("button", name="Concept opslaan").first)
    assert "Verdeelmodel Gelijk en gebruik" in melding(page) and "als concept opgeslagen" in melding(page)
    assert page.get_by_role("heading", level=1, name=re.compile("Gelijk en gebruik")).is_visible()

    # "Concept bewerken": another key and another name for the added part, saved again.
    click_and_settle(page, page.get_by_role("link", name="Concept bewerken"))
    assert page.get_by_role(
        "heading", level=1, name=re.compile(r"^Concept bewerken: Gelijk en gebruik")
    ).is_visible()
    sleutel = page.get_by_role("group", name="Verdeelsleutel van het model").get_by_label(
        "Soort verdeelsleutel"
    )
    assert sleutel.locator("option:checked").inner_text() == "Gelijke delen"
    sleutel.select_option(label="Naar historische inbreng")
    onderdeel = page.get_by_role("group", name=re.compile(r"^Onderdeel 2: Naar gebruik"))
    onderdeel.get_by_label("Naam van het onderdeel").fill("Uren naar gebruik")
    click_and_settle(page, page.get_by_role("button", name="Concept opslaan").last)
    assert "Het concept is gewijzigd." in melding(page)
    href = page.get_by_role("link", name="JSON downloaden").get_attribute("href")
    configuratie = page.request.get(urljoin(page.url, href)).json()
    assert configuratie["verdeelsleutel"] == {"soort": "inbreng"}
    assert [o["naam"] for o in configuratie["onderdelen"]] == ["Werkorganisatie", "Uren naar gebruik"]
