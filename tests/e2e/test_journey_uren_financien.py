"""Journeys through time registration and cost allocation (issue 4).

- A medewerker of BEL fills the weekly grid of a current week with the keyboard and submits the week;
  the teamleider approves it, after which the week is locked.
- The controller of BEL opens the comparison of three verdeelmodellen (table, chart with its text
  alternative, XLSX/CSV/JSON exports) and the year-end settlement with its deviation alert.

Every page visited is checked by axe-core (helpers.settle). Elements are found by role and label.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin

import pytest

from .helpers import click_and_settle, log_in, main_menu, settle

pytestmark = pytest.mark.browser

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def week_heading(page: Any) -> tuple[int, int]:
    heading = page.get_by_role("heading", level=1, name=re.compile(r"^Mijn uren: week \d+ van \d+$"))
    m = re.search(r"week (\d+) van (\d+)", heading.inner_text())
    assert m, heading.inner_text()
    return int(m.group(1)), int(m.group(2))


def week_status(page: Any) -> str:
    return page.get_by_role("main").locator(".seta-status").first.inner_text().strip()


def test_week_filled_with_the_keyboard_submitted_and_approved(page: Any) -> None:
    log_in(page, "medewerker.bel")
    click_and_settle(page, main_menu(page).get_by_role("link", name="Uren", exact=True))
    # The current week; should it already be handed in (a reused database), the first open week after it.
    for _ in range(8):
        if week_status(page) == "Open":
            break
        click_and_settle(
            page, page.get_by_role("navigation", name="Weken").get_by_role("link", name="Volgende week →")
        )
    assert week_status(page) == "Open", "no open week found"
    week, jaar = week_heading(page)
    grid = page.get_by_role("table", name=re.compile(r"^Uren van .* in week"))
    naam = re.match(r"Uren van (.*) in week", grid.locator("caption").inner_text()).group(1)  # type: ignore[union-attr]
    totaal_voor = float(grid.locator("tfoot td").last.inner_text().split()[0].replace(",", "."))

    # Every cell has a label that names its row and day.
    assert page.get_by_label(re.compile(r"^Nieuwe regel, maandag \d\d-\d\d$")).count() == 1
    assert page.get_by_label(re.compile(r"^Nieuwe regel, zondag \d\d-\d\d$")).count() == 1

    # Keyboard only: choose the target, Tab to the municipality, Tab through the day cells, Enter saves.
    page.get_by_label("Nieuwe regel", exact=True).focus()
    page.get_by_label("Nieuwe regel", exact=True).select_option(label="Overhead")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "nieuw-gemeente"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "nieuw-dag-0"
    for uren in ("1,5", "2", "", "0,5", "1"):
        page.keyboard.type(uren)
        page.keyboard.press("Tab")
    page.get_by_label(re.compile(r"^Nieuwe regel, vrijdag")).press("Enter")
    page.wait_for_url(re.compile(r"week="))
    settle(page)
    assert f"Uw uren van week {week} zijn opgeslagen" in page.get_by_role("main").inner_text()
    grid = page.get_by_role("table", name=re.compile(r"^Uren van .* in week"))
    overhead = grid.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Overhead", exact=True))
    assert overhead.count() == 1 and "5" in overhead.get_by_role("cell").last.inner_text()
    # The saved cells are labelled inputs that can be corrected in place.
    assert page.get_by_label(re.compile(r"^Overhead, maandag")).input_value() in (
        "1,5",
        "1.5",
        "1,50",
        "1.50",
    )
    totaal_na = float(grid.locator("tfoot td").last.inner_text().split()[0].replace(",", "."))
    assert totaal_na == pytest.approx(totaal_voor + 5)

    click_and_settle(page, page.get_by_role("button", name=re.compile(r"^Week indienen")))
    assert f"Week {week} is ingediend" in page.get_by_role("main").inner_text()
    assert week_status(page) == "Ingediend"
    assert page.get_by_role("button", name="Uren opslaan").count() == 0, "a submitted week is not editable"

    # The teamleider approves it.
    page.context.clear_cookies()
    log_in(page, "teamleider.bel")
    click_and_settle(page, main_menu(page).get_by_role("link", name="Uren", exact=True))
    if page.get_by_role("heading", name="Ingediende weken goedkeuren", level=1).count() == 0:
        click_and_settle(page, page.get_by_role("link", name="Weken goedkeuren"))
    rij = (
        page.get_by_role("table")
        .get_by_role("row")
        .filter(has=page.get_by_role("link", name=naam, exact=True))
        .filter(has=page.get_by_role("cell", name=f"{week}-{jaar}", exact=True))
    )
    assert rij.count() == 1, f"week {week}-{jaar} of {naam} is not waiting for approval"
    click_and_settle(page, rij.get_by_role("link", name=naam, exact=True))
    assert page.get_by_role("heading", level=1, name=f"Week {week} van {jaar}: {naam}").is_visible()
    assert "Overhead" in page.get_by_role("table", name=re.compile(r"^Uren van")).inner_text()
    click_and_settle(page, page.get_by_role("button", name="Week goedkeuren en vergrendelen"))
    assert "is goedgekeurd en vergrendeld" in page.get_by_role("main").inner_text()
    assert page.get_by_role("main").locator(".seta-status").first.inner_text().startswith("Goedgekeurd")
    historie = page.get_by_role("region", name="Historie").inner_text()
    assert "Open → Ingediend door medewerker.bel" in historie
    assert re.search(r"Ingediend → Goedgekeurd( \(vergrendeld\))? door teamleider\.bel", historie), historie

    # The medewerker sees the week locked.
    page.context.clear_cookies()
    page.goto(f"/uren/?week={jaar}-W{week:02d}")
    page.get_by_label("Gebruikersnaam").fill("medewerker.bel")
    page.get_by_label("Wachtwoord").fill("demo")
    click_and_settle(page, page.get_by_role("button", name="Inloggen"))
    assert week_heading(page) == (week, jaar)
    assert week_status(page).startswith("Goedgekeurd")
    assert page.get_by_role("textbox").count() == 0, "an approved week has no input cells"


def test_controller_compares_three_models_and_reads_the_settlement(page: Any) -> None:
    log_in(page, "controller.bel")
    click_and_settle(page, main_menu(page).get_by_role("link", name="Financiën", exact=True))
    assert page.get_by_role("heading", level=1, name=re.compile("^Financiën van BEL")).is_visible()

    scenarios = page.get_by_role("region", name=re.compile("^Scenario's"))
    # By name: another journey may add a scenario of a later year, which sorts first.
    click_and_settle(
        page, scenarios.get_by_role("link", name=re.compile(r"^Drie verdeelmodellen voor")).first
    )
    tabel = page.get_by_role("table", name=re.compile(r"^Bijdrage per gemeente per verdeelmodel"))
    modellen = [
        h.inner_text().strip()
        for h in tabel.get_by_role("columnheader").all()
        if h.inner_text().strip() not in ("Gemeente",) and not h.inner_text().startswith("Verschil")
    ]
    assert len(modellen) == 3, f"three models side by side: {modellen}"
    assert sum("(referentie)" in m for m in modellen) == 1
    assert tabel.get_by_role("columnheader", name=re.compile("^Verschil")).count() == 2
    for gemeente in ("Blaricum", "Eemnes", "Laren"):
        row = tabel.get_by_role("row").filter(has=page.get_by_role("rowheader", name=gemeente, exact=True))
        text = row.inner_text()
        assert text.count("€") >= 3 and "%" in text, f"{gemeente}: amounts and differences: {text}"

    # The chart is an image whose text alternative states every figure.
    grafiek = page.get_by_role("img", name=re.compile("^Bijdrage per gemeente per verdeelmodel"))
    assert grafiek.count() == 1
    alternatief = page.evaluate(
        """() => { const svg = document.querySelector('figure svg[role=img]');
                   return svg.getAttribute('aria-labelledby').split(' ')
                             .map(id => document.getElementById(id).textContent).join(' '); }"""
    )
    for gemeente in ("Blaricum", "Eemnes", "Laren"):
        assert gemeente in alternatief
    assert alternatief.count("€") >= 9, alternatief

    # Exports.
    for name, mime in (
        ("Download als Excel (XLSX)", XLSX),
        ("Download als CSV", "text/csv"),
        ("Download als JSON", "application/json"),
    ):
        href = page.get_by_role("link", name=name).get_attribute("href")
        response = page.request.get(urljoin(page.url, href))
        assert response.status == 200, name
        assert response.headers["content-type"].split(";")[0] == mime, (
            name,
            response.headers["content-type"],
        )
        assert "attachment" in response.headers.get("content-disposition", "")
        body = response.body()
        if mime == XLSX:
            assert body[:2] == b"PK", "an XLSX file is a zip archive"
        elif mime == "text/csv":
            assert "Eemnes" in body.decode("utf-8-sig")

    # The year-end settlement with its deviation alert.
    click_and_settle(page, main_menu(page).get_by_role("link", name="Financiën", exact=True))
    afrekeningen = page.get_by_role("region", name="Jaarafrekeningen")
    assert "afwijkingssignaal" in afrekeningen.inner_text()
    click_and_settle(page, afrekeningen.get_by_role("link", name=re.compile(r"^Afrekening \d{4}$")).first)
    assert page.get_by_role("heading", level=1, name=re.compile(r"^Afrekening \d{4}")).is_visible()
    signaal = page.get_by_role("status").filter(has_text="Afwijkingssignaal")
    assert signaal.count() == 1 and "Eemnes" in signaal.inner_text()
    regels = page.get_by_role("table", name=re.compile("^Voorschot tegen realisatie"))
    eemnes = regels.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Eemnes", exact=True))
    assert "Ja: afwijking boven de drempel" in eemnes.inner_text()
    for gemeente in ("Blaricum", "Laren"):
        row = regels.get_by_role("row").filter(has=page.get_by_role("rowheader", name=gemeente, exact=True))
        assert row.get_by_role("cell").last.inner_text().strip() == "Nee"
