"""Keyboard use: the skip link is the first thing Tab reaches, and it moves focus to the main content."""

from __future__ import annotations

from typing import Any

import pytest

from .helpers import visit

pytestmark = pytest.mark.browser


def assert_skip_link_works(page: Any) -> None:
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => ({tag: document.activeElement.tagName, text: document.activeElement.textContent.trim(),"
        " href: document.activeElement.getAttribute('href')})"
    )
    assert focused["tag"] == "A" and focused["text"] == "Direct naar de inhoud", f"first Tab stop: {focused}"
    target = focused["href"]
    assert target and target.startswith("#"), target
    # The skip link is visible while focused (it is hidden only until then).
    assert page.get_by_role("link", name="Direct naar de inhoud").is_visible()
    page.keyboard.press("Enter")
    active = page.evaluate("() => ({id: document.activeElement.id, tag: document.activeElement.tagName})")
    assert active["id"] == target[1:] and active["tag"] == "MAIN", f"focus after the skip link: {active}"


def test_login_page_starts_in_the_form(page: Any) -> None:
    """The login page puts focus on the username field (Django's autofocus): already past the header."""
    visit(page, "/inloggen")
    focused = page.evaluate(
        "() => ({name: document.activeElement.getAttribute('name'),"
        " inMain: !!document.activeElement.closest('main')})"
    )
    assert focused == {"name": "username", "inMain": True}, focused


@pytest.mark.parametrize("path", ["/", "/gemeenten/", "/samenwerkingsverbanden/", "/catalogus/"])
def test_skip_link_is_the_first_tab_stop(path: str, page: Any, login: Any) -> None:
    login("directeur.bel")
    visit(page, path)
    assert_skip_link_works(page)


def test_login_form_is_keyboard_operable(page: Any) -> None:
    visit(page, "/inloggen")
    page.get_by_label("Gebruikersnaam").focus()
    page.keyboard.type("griffier.laren")
    page.keyboard.press("Tab")
    page.keyboard.type("demo")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Griffier" in page.get_by_role("main").inner_text()
