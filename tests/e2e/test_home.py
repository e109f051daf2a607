"""Each role reaches its own home page, which shows its roles and its municipality / cooperation panels."""

from __future__ import annotations

from typing import Any

import pytest

from .helpers import main_menu

pytestmark = pytest.mark.browser


def panel(page: Any, name: str) -> Any:
    """A home-page panel: a <section> labelled by its heading (an ARIA region)."""
    return page.get_by_role("region", name=name, exact=True)


def test_wethouder_sees_own_municipality_and_cooperation(page: Any, login: Any) -> None:
    login("wethouder.blaricum")
    main = page.get_by_role("main")
    assert "Wethouder" in main.inner_text()
    gemeente = panel(page, "Mijn gemeente")
    assert gemeente.get_by_role("link", name="Blaricum").is_visible()
    verbanden = panel(page, "Samenwerkingsverbanden")
    assert verbanden.get_by_role("link", name="BEL Combinatie").is_visible()
    assert verbanden.get_by_role("link", name="Kempengemeenten").count() == 0
    # A college member on the municipality side has no unit in the pool.
    assert panel(page, "Mijn eenheid").count() == 0


def test_raadslid_sees_only_laren(page: Any, login: Any) -> None:
    login("raadslid.laren")
    main = page.get_by_role("main")
    assert "Raadslid" in main.inner_text()
    gemeente = panel(page, "Mijn gemeente")
    assert gemeente.get_by_role("link", name="Laren").is_visible()
    assert gemeente.get_by_role("link", name="Blaricum").count() == 0
    verbanden = panel(page, "Samenwerkingsverbanden")
    assert verbanden.get_by_role("link", name="BEL Combinatie").is_visible()
    assert verbanden.get_by_role("link", name="Groningen – Ten Boer").count() == 0
    # Staff records are personal data of the pool: no "Mensen" for a councillor.
    assert main_menu(page).get_by_role("link", name="Mensen", exact=True).count() == 0


def test_directeur_sees_the_pool(page: Any, login: Any) -> None:
    login("directeur.bel")
    main = page.get_by_role("main")
    assert "Directeur" in main.inner_text()
    assert panel(page, "Mijn gemeente").count() == 0
    assert panel(page, "Samenwerkingsverbanden").get_by_role("link", name="BEL Combinatie").is_visible()
    assert panel(page, "Mijn eenheid").get_by_role("link").count() >= 1
    assert main_menu(page).get_by_role("link", name="Mensen", exact=True).is_visible()


def test_teamleider_sees_own_unit(page: Any, login: Any) -> None:
    login("teamleider.bel")
    assert "Teamleider" in page.get_by_role("main").inner_text()
    assert panel(page, "Mijn eenheid").get_by_role("link").count() >= 1


def test_host_model_partner(page: Any, login: Any) -> None:
    login("wethouder.ten-boer")
    assert panel(page, "Mijn gemeente").get_by_role("link", name="Ten Boer").is_visible()
    assert panel(page, "Samenwerkingsverbanden").get_by_role("link", name="Groningen – Ten Boer").is_visible()


def test_beheerder_sees_every_cooperation(page: Any, login: Any) -> None:
    login("beheerder")
    assert "Functioneel beheerder" in page.get_by_role("main").inner_text()
    verbanden = panel(page, "Samenwerkingsverbanden")
    for naam in ("BEL Combinatie", "Groningen – Ten Boer", "Kempengemeenten"):
        assert verbanden.get_by_role("link", name=naam).is_visible(), naam


def test_wrong_password_stays_on_login_with_an_error(page: Any) -> None:
    from .helpers import settle, visit

    visit(page, "/inloggen")
    page.get_by_label("Gebruikersnaam").fill("wethouder.blaricum")
    page.get_by_label("Wachtwoord").fill("fout")
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()
    settle(page)
    assert page.url.rstrip("/").endswith("/inloggen")


def test_logout(page: Any, login: Any) -> None:
    from .helpers import click_and_settle

    login("medewerker.bel")
    click_and_settle(page, page.get_by_role("button", name="Uitloggen"))
    assert "/inloggen" in page.url
