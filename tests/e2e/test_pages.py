"""The foundation pages, reached the way a user reaches them: through the main menu and the links on each
page. Every page visited is checked by axe-core (see helpers.settle)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from .helpers import click_and_settle, main_menu, visit

pytestmark = pytest.mark.browser


def menu_link(page: Any, name: str) -> Any:
    return main_menu(page).get_by_role("link", name=name, exact=True)


def heading(page: Any, name: str | re.Pattern[str], level: int = 2) -> Any:
    return page.get_by_role("heading", name=name, level=level)


@pytest.mark.parametrize(
    "username",
    [
        "wethouder.blaricum",
        "raadslid.laren",
        "directeur.bel",
        "teamleider.bel",
        "medewerker.bel",
        "beheerder",
    ],
)
def test_every_menu_page_opens_and_is_accessible(username: str, page: Any, login: Any) -> None:
    login(username)
    entries = [
        (link.inner_text().strip(), link.get_attribute("href"))
        for link in main_menu(page).get_by_role("link").all()
    ]
    assert len(entries) >= 4, entries
    for label, href in entries:
        visit(page, href)
        marked = [m.inner_text().strip() for m in main_menu(page).locator("[aria-current='page']").all()]
        assert label in marked, f"{href}: the menu does not mark '{label}' as the current page ({marked})"


def test_menu_marks_exactly_one_current_page(page: Any, login: Any) -> None:
    """aria-current="page" on one menu entry only, also where one entry's URL is a prefix of another's."""
    login("wethouder.blaricum")
    problems = []
    for link in main_menu(page).get_by_role("link").all():
        href = link.get_attribute("href")
        visit(page, href)
        marked = [m.inner_text().strip() for m in main_menu(page).locator("[aria-current='page']").all()]
        if len(marked) != 1:
            problems.append(f"{href}: {marked}")
    assert problems == [], "menu entries marked aria-current=page: " + "; ".join(problems)


def test_gemeenten_list_and_a_gemeente(page: Any, login: Any) -> None:
    login("raadslid.laren")
    click_and_settle(page, menu_link(page, "Gemeenten"))
    assert heading(page, "Gemeenten", 1).is_visible()
    table = page.get_by_role("table").first
    assert table.locator("caption").count() == 1
    assert table.locator("th[scope='col']").count() >= 2
    page.get_by_label("Zoek op naam of CBS-code").fill("Laren")
    click_and_settle(page, page.get_by_role("search").get_by_role("button"))
    click_and_settle(page, page.get_by_role("link", name="Laren", exact=True).first)
    assert heading(page, "Gemeente Laren", 1).is_visible()
    for section in (
        "College van B&W",
        "Gemeenteraad",
        "Gemeentesecretaris en beleidsregisseurs",
        "Samenwerkingsverbanden",
    ):
        assert heading(page, section).is_visible(), section
    assert page.get_by_role("link", name="BEL Combinatie").first.is_visible()


def test_gemeente_list_search(page: Any, login: Any) -> None:
    login("wethouder.blaricum")
    visit(page, "/gemeenten/")
    search = page.get_by_role("search")
    search.get_by_label("Zoek op naam of CBS-code").fill("Blaricum")
    click_and_settle(page, search.get_by_role("button", name="Filteren"))
    table = page.get_by_role("main").get_by_role("table").first
    assert table.get_by_role("link", name="Blaricum", exact=True).is_visible()
    assert table.get_by_role("link", name="Laren", exact=True).count() == 0
    search = page.get_by_role("search")
    search.get_by_label("Zoek op naam of CBS-code").fill("")
    search.get_by_label("Provincie").select_option("Noord-Holland")
    click_and_settle(page, search.get_by_role("button", name="Filteren"))
    assert table.get_by_role("link", name="Laren", exact=True).is_visible()
    assert table.get_by_role("link", name="Groningen", exact=True).count() == 0


def test_samenwerkingsverband_page_shows_partners_governance_and_scope(page: Any, login: Any) -> None:
    login("wethouder.blaricum")
    click_and_settle(page, menu_link(page, "Samenwerkingsverbanden"))
    assert heading(page, "Samenwerkingsverbanden", 1).is_visible()
    click_and_settle(page, page.get_by_role("link", name="BEL Combinatie").first)
    assert heading(page, "BEL Combinatie", 1).is_visible()
    assert heading(page, "Deelnemers").is_visible()
    partners = page.get_by_role("table").filter(has=page.locator("caption", has_text="Partnergemeenten"))
    for naam in ("Blaricum", "Eemnes", "Laren"):
        assert partners.get_by_text(naam, exact=True).first.is_visible(), naam
    assert heading(page, "Bestuur en directie").is_visible()
    assert page.get_by_text(re.compile("algemeen bestuur", re.I)).first.is_visible()
    assert page.get_by_text(re.compile("dagelijks bestuur", re.I)).first.is_visible()
    assert heading(page, re.compile("^Scope")).is_visible()


def test_host_model_cooperation(page: Any, login: Any) -> None:
    login("beheerder")
    visit(page, "/samenwerkingsverbanden/")
    click_and_settle(page, page.get_by_role("link", name="Groningen – Ten Boer").first)
    main = page.get_by_role("main").inner_text()
    assert "Menu 3" in main and "Ten Boer" in main and "Groningen" in main


def test_organisation_tree_unit_and_person(page: Any, login: Any) -> None:
    login("directeur.bel")
    click_and_settle(page, menu_link(page, "Organisatie"))
    if heading(page, "Eenheden en teams").count() == 0:  # an overview of several pools first
        click_and_settle(page, page.get_by_role("link", name=re.compile("BEL")).first)
    assert heading(page, "Eenheden en teams").is_visible()
    units = page.locator("main a[href*='/organisatie/eenheden/']")
    assert units.count() >= 5, "the organisation tree shows too few units"
    click_and_settle(page, units.first)
    assert heading(page, "Onderdelen").is_visible() or heading(page, "Medewerkers").is_visible()
    people = page.locator("main a[href*='/organisatie/medewerkers/']")
    if people.count() == 0:  # a directorate without staff of its own: go one level down
        click_and_settle(page, page.locator("main a[href*='/organisatie/eenheden/']").first)
        people = page.locator("main a[href*='/organisatie/medewerkers/']")
    assert people.count() >= 1
    click_and_settle(page, people.first)
    assert re.search(r"fte|FTE", page.get_by_role("main").inner_text())


def test_catalogue_list_and_item(page: Any, login: Any) -> None:
    login("regisseur.eemnes")
    click_and_settle(page, menu_link(page, "Catalogus"))
    assert heading(page, re.compile("^Catalogus"), 1).is_visible()
    items = page.locator("main table a[href*='/catalogus/']")
    assert items.count() >= 10
    click_and_settle(page, items.first)
    main = page.get_by_role("main").inner_text()
    assert re.search(r"medebewind|Autonome taak", main), "the task kind is shown"
    assert heading(page, "Normen").is_visible()


def test_people_page_for_the_pool(page: Any, login: Any) -> None:
    login("teamleider.bel")
    click_and_settle(page, menu_link(page, "Mensen"))
    assert heading(page, "Mensen", 1).is_visible()
    assert page.locator("main a[href*='/organisatie/medewerkers/']").count() >= 10


def test_people_are_not_shown_to_a_councillor(page: Any, login: Any) -> None:
    login("raadslid.laren")
    response = page.goto("/organisatie/mensen")
    assert (response is not None and response.status in (403, 404)) or page.locator(
        "main a[href*='/organisatie/medewerkers/']"
    ).count() == 0


def test_other_cooperation_is_not_found_for_a_councillor(page: Any, login: Any) -> None:
    login("raadslid.laren")
    visit(page, "/samenwerkingsverbanden/kempen", expect_status=404)
    assert "niet gevonden" in page.get_by_role("main").inner_text().lower()


def test_account_page_creates_a_token(page: Any, login: Any) -> None:
    login("griffier.laren")
    visit(page, "/account")
    buttons = page.get_by_role("button", name=re.compile("token", re.I))
    click_and_settle(page, buttons.first)
    main = page.get_by_role("main")
    sleutel = main.locator("#token-sleutel").inner_text()
    assert re.fullmatch(r"seta_[0-9a-f]{8}_[A-Za-z0-9_-]{43}", sleutel), sleutel
    visit(page, "/account")  # shown once: not on the next visit, only its prefix
    assert sleutel not in page.get_by_role("main").inner_text()
    assert sleutel[:13] in page.get_by_role("main").inner_text()


def test_assignment_pages_when_present(page: Any, login: Any) -> None:
    login("wethouder.blaricum")
    link = menu_link(page, "Bestuursopdrachten")
    if link.count() == 0:
        pytest.skip("the assignment pages (issue 3) are not in the menu yet")
    click_and_settle(page, link)
    opdrachten = page.locator("main table a[href*='/opdrachten/']")
    assert opdrachten.count() >= 1
    click_and_settle(page, opdrachten.first)
    for extra in ("Bestuursvragen", "Overleggen"):
        if menu_link(page, extra).count():
            click_and_settle(page, menu_link(page, extra))
