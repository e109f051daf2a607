"""Journey through the commissioning screens (issue 3), as the people in the demo would walk it.

A beleidsregisseur of Blaricum drafts a bestuursopdracht with its frames; the wethouder commissions it;
the teamleider of the pool takes it into intake and records the estimate; the wethouder accepts; the pool
starts, the medewerker reports progress with a status, the teamleider delivers; the wethouder adopts it.
Then a councillor of Blaricum reads it (no action buttons) and a councillor of Laren cannot open it.

Every page visited is checked by axe-core (helpers.settle). Elements are found by role and label.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlparse

import pytest

from .helpers import click_and_settle, log_in, main_menu, settle, visit

pytestmark = pytest.mark.browser

TITEL = "Schuldhulp vroeg signaleren (e2e)"
CATALOGUSITEM = "Schuldhulpverlening"  # carried out by Team Werk en Inkomen (medewerker.bel's team)
PORTEFEUILLE = "Sociaal domein"  # held by wethouder.blaricum


def switch_user(page: Any, username: str, path: str | None = None) -> None:
    """Another person: without a session, open ``path`` (or the home page), which asks to log in first, and
    log in as ``username``; the login form then sends the person on to ``path``. (The login page itself was
    checked by axe-core at the first login of the test; the page reached after it is checked here.)"""
    page.context.clear_cookies()
    page.goto(path or "/")
    assert "/inloggen" in page.url, (
        f"{path}: without a session the login form should be asked for, got {page.url}"
    )
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill("demo")
    click_and_settle(page, page.get_by_role("button", name="Inloggen"))
    if path:
        assert urlparse(page.url).path == path, f"after login as {username}: {page.url}, expected {path}"


def action_form(page: Any, label: str) -> Any:
    """The form of one lifecycle action on the assignment page: a fieldset whose legend starts with ``label``."""
    return page.get_by_role("group", name=re.compile("^" + re.escape(label)))


def submit_action(page: Any, label: str, **fields: str) -> None:
    """Fill the fields of an action form (by label) and press its button; the page reloads with a message."""
    form = action_form(page, label)
    assert form.count() == 1, f"no '{label}' form on {page.url}"
    for field_label, value in fields.items():
        form.get_by_label(field_label, exact=True).fill(value)
    click_and_settle(page, form.get_by_role("button", name=label, exact=True))


def status_text(page: Any) -> str:
    return page.locator("main .seta-opdracht-status").first.inner_text().strip()


def success_message(page: Any) -> str:
    return page.get_by_role("main").inner_text()


def test_assignment_from_draft_to_adopted(page: Any) -> None:
    vandaag = dt.date.today()
    deadline = (vandaag + dt.timedelta(days=180)).isoformat()
    oplevering = (vandaag + dt.timedelta(days=150)).isoformat()

    # 1. The beleidsregisseur drafts the assignment through the form, with its frames.
    log_in(page, "regisseur.blaricum")
    click_and_settle(page, main_menu(page).get_by_role("link", name="Bestuursopdrachten", exact=True))
    click_and_settle(
        page, page.get_by_role("main").get_by_role("link", name=re.compile("Nieuwe bestuursopdracht"))
    )
    assert page.get_by_role("heading", name="Nieuwe bestuursopdracht", level=1).is_visible()
    gemeenten = page.get_by_role("group", name=re.compile("^Opdrachtgevende gemeente"))
    assert gemeenten.get_by_label("Blaricum", exact=True).is_checked(), (
        "the regisseur's own municipality is preselected"
    )
    page.get_by_label("Portefeuille", exact=True).select_option(label=PORTEFEUILLE)
    page.get_by_label("Titel", exact=True).fill(TITEL)
    page.get_by_label("Product, dienst of proces (catalogus)").select_option(label=CATALOGUSITEM)
    page.get_by_label("Deadline (proceskader)").fill(deadline)
    page.get_by_label("Mijlpalen", exact=True).fill(
        f"{(vandaag + dt.timedelta(days=60)).isoformat()} Aanpak gereed\n"
        f"{(vandaag + dt.timedelta(days=120)).isoformat()} Pilot afgerond"
    )
    page.get_by_label("Participatie gewenst").check()
    page.get_by_label("Toelichting participatie").fill("Ervaringsdeskundigen denken mee over de aanpak.")
    page.get_by_label("Doelen (inhoudelijk kader)").fill(
        "Inwoners met betalingsachterstanden eerder in beeld."
    )
    page.get_by_label("Politieke wensen").fill("Geen wachtlijst voor de eerste gesprekken.")
    page.get_by_label("Scope", exact=True).fill(
        "Vroegsignalering met woningcorporaties en energieleveranciers."
    )
    page.get_by_label("Buiten scope").fill("Beschermingsbewind.")
    page.get_by_label("Dienstverleningskader").fill("Binnen vijf werkdagen een eerste gesprek, ook aan huis.")
    page.get_by_label("Budgetkader: maximaal aantal uren").fill("400")
    page.get_by_label("Budgetkader: maximaal bedrag (euro)").fill("45000")
    page.get_by_label("Datum raadsbesluit").fill((vandaag - dt.timedelta(days=30)).isoformat())
    # Keyboard: type the last frame into its field and press Enter to submit the form.
    page.get_by_label("Kaderstellend raadsbesluit (kenmerk)").focus()
    page.keyboard.type("RB-2026-017")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    settle(page)
    assert "is opgesteld" in success_message(page)
    assert page.get_by_role("heading", name=re.compile(re.escape(TITEL)), level=1).is_visible()
    assert status_text(page) == "Concept"
    detail = urlparse(page.url).path
    main = page.get_by_role("main").inner_text()
    for frame in (
        "Aanpak gereed",
        "Ervaringsdeskundigen",
        "Binnen vijf werkdagen",
        "Beschermingsbewind",
        "RB-2026-017",
    ):
        assert frame in main, f"frame text {frame!r} not shown on the assignment page"
    # The regisseur may sharpen the draft but not commission it (political primacy).
    assert page.get_by_role("link", name="Kaders aanscherpen").is_visible()
    assert action_form(page, "Opdragen aan de werkorganisatie").count() == 0

    # 2. The wethouder commissions it, with a reason.
    switch_user(page, "wethouder.blaricum", detail)
    submit_action(
        page,
        "Opdragen aan de werkorganisatie",
        **{"Reden of toelichting": "Past in het coalitieakkoord; graag voor de begroting."},
    )
    assert status_text(page) == "Opgedragen"

    # 3. The teamleider takes it into intake and records the estimate.
    switch_user(page, "teamleider.bel", detail)
    assert action_form(page, "Opdragen aan de werkorganisatie").count() == 0, "the pool never commissions"
    submit_action(page, "In intake nemen", **{"Reden of toelichting": "Opgepakt door Werk en Inkomen."})
    assert status_text(page) == "Intake"
    raming = action_form(page, "Raming vastleggen")
    raming.get_by_label("Geraamde uren").fill("320")
    raming.get_by_label("Geraamde externe kosten (euro)").fill("12500")
    raming.get_by_label("Uitvoerende eenheid").select_option(label="Team Werk en Inkomen")
    raming.get_by_label("Verwachte opleverdatum").fill(oplevering)
    raming.get_by_label("Reden of toelichting").fill(
        "Twee adviseurs, een half jaar; extern een datakoppeling."
    )
    click_and_settle(page, raming.get_by_role("button", name="Raming vastleggen"))
    assert status_text(page) == "Intake"
    assert "320" in page.get_by_role("region", name="Raming en uitvoering").inner_text()

    # 4. The wethouder accepts the estimate.
    switch_user(page, "wethouder.blaricum", detail)
    submit_action(
        page, "Akkoord geven op de raming", **{"Reden of toelichting": "Akkoord binnen het budgetkader."}
    )
    assert status_text(page) == "Akkoord"

    # 5. The pool starts; the medewerker of the carrying team reports progress with a status.
    switch_user(page, "teamleider.bel", detail)
    submit_action(page, "Uitvoering starten")
    assert status_text(page) == "In uitvoering"

    switch_user(page, "medewerker.bel", detail)
    assert action_form(page, "Opleveren").count() == 0, "a medewerker does not deliver"
    voortgang = action_form(page, "Voortgang rapporteren")
    voortgang.get_by_role("radio", name="Oranje: risico").check()
    voortgang.get_by_label("Percentage gereed").fill("60")
    voortgang.get_by_label(re.compile("^Toelichting op de voortgang")).fill(
        "Corporaties leveren signalen; energieleveranciers nog niet aangesloten."
    )
    click_and_settle(page, voortgang.get_by_role("button", name="Voortgang rapporteren"))
    rapporten = page.get_by_role("region", name="Voortgangsrapportages")
    assert "Oranje: risico" in rapporten.inner_text() and "60%" in rapporten.inner_text()

    switch_user(page, "teamleider.bel", detail)
    submit_action(page, "Opleveren", **{"Reden of toelichting": "Aanpak en pilotverslag opgeleverd."})
    assert status_text(page) == "Opgeleverd"

    # 6. The wethouder adopts it, using only the keyboard in the form: reason, Tab, Space, Tab, Enter.
    switch_user(page, "wethouder.blaricum", detail)
    vaststellen = action_form(page, "Vaststellen")
    vaststellen.get_by_label("Reden of toelichting").focus()
    page.keyboard.type("Vastgesteld in de collegevergadering.")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert vaststellen.get_by_label("Ook aanbieden aan de gemeenteraad").is_checked()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Vaststellen"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    settle(page)
    assert status_text(page) == "Vastgesteld"
    assert "aangeboden aan de raad" in page.get_by_role("region", name="Raming en uitvoering").inner_text()

    # The history lists every step: the action, who took it and on which side, and the reason given.
    history = page.get_by_role("table", name=re.compile("Elke statusovergang"))
    rows = [
        [c.inner_text().strip() for c in r.get_by_role("cell").all()]
        for r in history.locator("tbody tr").all()
    ]
    expected = [
        ("aanmaken", "gemeente"),
        ("opdragen", "gemeente"),
        ("intake", "werkorganisatie"),
        ("ramen", "werkorganisatie"),
        ("akkoord", "gemeente"),
        ("starten", "werkorganisatie"),
        ("voortgang", "werkorganisatie"),
        ("opleveren", "werkorganisatie"),
        ("vaststellen", "gemeente"),
    ]
    assert len(rows) == len(expected), f"history rows: {rows}"
    for (actie, kant), (_moment, handeling, _van_naar, door, _reden) in zip(expected, rows, strict=True):
        assert handeling.startswith(actie), f"expected {actie!r}, got {handeling!r} in {rows}"
        assert f", {kant}" in door, f"{actie}: taken on the {kant} side, got {door!r}"
    assert rows[1][4] == "Past in het coalitieakkoord; graag voor de begroting."
    assert (
        rows[-1][2] == "Opgeleverd → Vastgesteld" and rows[-1][4] == "Vastgesteld in de collegevergadering."
    )

    # 7. A councillor of Blaricum follows it read-only; a councillor of Laren cannot open it at all.
    switch_user(page, "raadslid.blaricum", detail)
    assert status_text(page) == "Vastgesteld"
    acties = page.get_by_role("region", name="Wat u nu kunt doen")
    assert acties.get_by_role("button").count() == 0
    assert acties.get_by_role("link").count() == 0
    assert page.get_by_role("main").get_by_role("button").count() == 0

    switch_user(page, "raadslid.laren")
    visit(page, detail, expect_status=404)
    assert TITEL not in page.get_by_role("main").inner_text()
    # ... nor act on it by URL.
    visit(page, detail + "/actie/annuleren", expect_status=404)
