"""Similar orders in the browser (issue 13): Laren's beleidsregisseur opens the new-assignment form, types a tourism
title and goals, and the live panel "Vergelijkbare opdrachten bij partners" (htmx) lists Blaricum and Eemnes.
Every page visited is checked by axe-core (helpers.settle); the panel after its update as well."""

from __future__ import annotations

import re
from typing import Any

import pytest

from .helpers import check_accessibility, click_and_settle, log_in, main_menu

pytestmark = pytest.mark.browser


def test_laren_drafting_a_tourism_plan_sees_blaricum_and_eemnes(page: Any) -> None:
    log_in(page, "regisseur.laren")
    click_and_settle(page, main_menu(page).get_by_role("link", name="Bestuursopdrachten", exact=True))
    click_and_settle(page, page.get_by_role("link", name=re.compile("Nieuwe (bestuurs)?opdracht")).first)
    paneel = page.get_by_role("region", name="Vergelijkbare opdrachten bij partners")
    assert paneel.is_visible()
    page.get_by_label("Titel", exact=True).fill("Toeristisch-recreatief plan voor Laren")
    page.get_by_label("Doelen (inhoudelijk kader)").fill("Meer toerisme en recreatie: fietsroutes en horeca.")
    resultaat = page.locator("#vergelijkbaar-resultaat")
    resultaat.get_by_text("Blaricum").first.wait_for(timeout=15_000)
    tekst = resultaat.inner_text()
    assert "Blaricum" in tekst and "Eemnes" in tekst
    assert "Eemnes bereidt een vergelijkbare opdracht voor (concept)" in tekst
    assert "Waarom:" in tekst
    check_accessibility(page)
