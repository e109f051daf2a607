"""Service agreements (DVO) in the browser: a councillor of Laren finds its own (public) agreement and not
Blaricum's; the Eemnes college records its decision on the concept version. Every page is checked by axe-core
(helpers.settle)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from .helpers import click_and_settle, main_menu

pytestmark = pytest.mark.browser


def test_councillor_reads_the_own_dvo_with_its_norms(page: Any, login: Any) -> None:
    login("raadslid.laren")
    click_and_settle(page, main_menu(page).get_by_role("link", name="Dienstverlening", exact=True))
    tabel = page.get_by_role("table", name=re.compile("^Dienstverleningsovereenkomsten van BEL"))
    assert tabel.get_by_role("link", name="DVO-BEL-LAR versie 1").is_visible()
    assert tabel.get_by_role("link", name=re.compile("DVO-BEL-BLA")).count() == 0
    click_and_settle(page, tabel.get_by_role("link", name="DVO-BEL-LAR versie 1"))
    assert page.get_by_role("heading", level=1, name=re.compile("Laren")).is_visible()
    diensten = page.get_by_role("table", name=re.compile("^Diensten van DVO-BEL-LAR"))
    rij = diensten.get_by_role("row").filter(has_text="Omgevingsvergunning bouwen")
    assert "Doorlooptijd: 8 weken (56 kalenderdagen), streefpercentage 90 %" in rij.inner_text()
    assert "College van Laren, vergadering van 26 november 2024" in page.get_by_role("main").inner_text()
    assert page.get_by_role("button", name=re.compile("Vaststellen|college", re.I)).count() == 0


def test_the_college_records_its_decision_on_a_new_version(page: Any, login: Any) -> None:
    login("burgemeester.eemnes")
    click_and_settle(page, main_menu(page).get_by_role("link", name="Dienstverlening", exact=True))
    click_and_settle(page, page.get_by_role("link", name="DVO-BEL-EEM versie 2"))
    sectie = page.get_by_role("region", name="Besluit van het college vastleggen")
    sectie.get_by_label("Kenmerk van het besluit").fill("B&W Eemnes 2026-44")
    sectie.get_by_label("Datum van de vergadering").fill("2026-11-03")
    knop = sectie.get_by_role("button", name="Besluit van het college vastleggen")
    click_and_settle(page, knop)
    assert "bevestig" in page.get_by_role("main").inner_text().lower()  # the confirmation is required
    sectie = page.get_by_role("region", name="Besluit van het college vastleggen")
    sectie.get_by_label("Kenmerk van het besluit").fill("B&W Eemnes 2026-44")
    sectie.get_by_label("Datum van de vergadering").fill("2026-11-03")
    sectie.get_by_label("Ik bevestig dat dit besluit zo is genomen").check()
    click_and_settle(page, sectie.get_by_role("button", name="Besluit van het college vastleggen"))
    besluiten = page.get_by_role("region", name="Besluiten")
    assert (
        "College van Eemnes, vergadering van 3 november 2026, kenmerk B&W Eemnes 2026-44"
        in besluiten.inner_text()
    )


def test_the_directeurs_forms_open_and_are_accessible(page: Any, login: Any) -> None:
    login("directeur.bel")
    click_and_settle(page, main_menu(page).get_by_role("link", name="Dienstverlening", exact=True))
    click_and_settle(page, page.get_by_role("link", name="Nieuwe overeenkomst opstellen"))
    assert page.get_by_role(
        "heading", level=1, name=re.compile("^Nieuwe dienstverleningsovereenkomst")
    ).is_visible()
    page.go_back()
    click_and_settle(page, page.get_by_role("link", name="DVO-BEL-EEM versie 2"))
    for knop, kop in (
        ("Dienst toevoegen", "^Dienst toevoegen aan DVO-BEL-EEM"),
        ("Escalatieroute wijzigen", "^Escalatieroute van DVO-BEL-EEM"),
        ("Gegevens wijzigen", "^DVO-BEL-EEM versie 2 wijzigen"),
    ):
        click_and_settle(page, page.get_by_role("link", name=knop))
        assert page.get_by_role("heading", level=1, name=re.compile(kop)).is_visible(), knop
        page.go_back()
    rij = page.get_by_role("row").filter(has_text="Omgevingsvergunning bouwen")
    click_and_settle(page, rij.get_by_role("link", name=re.compile("^Wijzigen")))
    assert page.get_by_label("Doorlooptijd: streefpercentage", exact=True).input_value() == "95.00"
