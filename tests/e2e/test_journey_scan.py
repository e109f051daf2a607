"""Journey through the samenwerkingsscan wizard (issue 5), as a gemeentesecretaris would walk it.

The secretaris of Eemnes starts a scan, finds Heumen and Wijchen in the reference list, answers the
questions (some with 'weet niet'), saves a draft, comes back through 'Mijn scans', computes the result
and reads the risks with their reasons and the recommendation, fetches the PDF report, makes a second
configuration of partners and compares the two side by side.

Every page visited is checked by axe-core (helpers.settle). Elements are found by role and label.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest

from .helpers import click_and_settle, log_in, main_menu

pytestmark = pytest.mark.browser

RUN = uuid.uuid4().hex[:6]  # scan names unique per run: a reused database may hold scans of earlier runs
EERSTE = f"Heumen en Wijchen (e2e {RUN})"
TWEEDE = f"Heumen, Wijchen en Druten (e2e {RUN})"


def question(page: Any, titel: str) -> Any:
    """A question of the wizard: a fieldset whose legend starts with the question's title."""
    group = page.get_by_role("group", name=re.compile("^" + re.escape(titel)))
    assert group.count() == 1, f"question {titel!r} not found once on {page.url}"
    return group


def answer(page: Any, titel: str, keuze: str) -> None:
    """Choose an option (by its label; the start of it is enough) of one question."""
    group = question(page, titel)
    group.get_by_role("radio", name=re.compile("^" + re.escape(keuze))).check()


def step_link(page: Any, titel: str) -> Any:
    return page.get_by_role("navigation", name="Stappen van de scan").get_by_role(
        "link", name=re.compile(r"^\d+\. " + re.escape(titel) + "$")
    )


def start_scan(page: Any, naam: str) -> None:
    page.get_by_label(re.compile("^Naam van de scan")).fill(naam)
    click_and_settle(page, page.get_by_role("button", name="Scan starten"))
    assert page.get_by_role(
        "heading", level=1, name=re.compile("^Stap 1 van .*partnergemeenten")
    ).is_visible()


def add_partner(page: Any, naam: str) -> None:
    """Search the reference list by name and add the municipality found."""
    search = page.get_by_role("search")
    search.get_by_label("Zoek een gemeente").fill(naam)
    click_and_settle(page, search.get_by_role("button", name="Zoeken"))
    results = page.get_by_role("table", name=re.compile("Gemeenten die passen bij"))
    click_and_settle(page, results.get_by_role("button", name=f"Toevoegen {naam}", exact=True))
    chosen = page.get_by_role("table", name="De partnergemeenten in deze scan.")
    assert chosen.get_by_role("rowheader", name=naam, exact=True).is_visible(), f"{naam} was not added"


def save(page: Any, button: str) -> None:
    click_and_settle(page, page.get_by_role("button", name=button, exact=True))


def test_scan_from_partners_to_comparison(page: Any) -> None:
    log_in(page, "secretaris.eemnes")
    click_and_settle(page, main_menu(page).get_by_role("link", name="Samenwerkingsscan", exact=True))
    assert page.get_by_role("heading", name="Samenwerkingsscan", level=1).is_visible()

    # 1. A new scan; partners picked by searching the reference list.
    start_scan(page, EERSTE)
    add_partner(page, "Heumen")
    add_partner(page, "Wijchen")
    assert page.get_by_role("heading", name="Gekozen partners (2)").is_visible()
    chosen = page.get_by_role("table", name="De partnergemeenten in deze scan.").inner_text()
    assert "Gelderland" in chosen, "the province comes from the reference list"

    # 2. The first themes, some answers 'weet niet'.
    click_and_settle(page, page.get_by_role("link", name="Verder naar de vragen"))
    assert page.get_by_role("heading", level=1, name=re.compile("Urgentie en voordelen")).is_visible()
    answer(page, "Urgentiebesef in de colleges", "4")
    answer(page, "Urgentiebesef in de gemeenteraden", "Weet niet")
    answer(page, "Urgentiebesef in de ambtelijke organisaties", "2")
    answer(page, "Voordelen zien", "3")
    answer(page, "Snel financieel voordeel verwachten", "4")
    save(page, "Opslaan en volgende stap")

    assert page.get_by_role("heading", level=1, name=re.compile("Vertrouwen en beeldvorming")).is_visible()
    answer(page, "Vertrouwen tussen de besturen", "2")
    answer(page, "Negatieve beeldvorming over een partner", "Weet niet")
    answer(page, "Een financieel lijk in de kast", "Ja")
    answer(page, "Een aarzelende partner (knipperlichtrelatie)", "Ja")
    # 3. Save a draft and leave.
    save(page, "Opslaan als concept en later verder")
    assert "U kunt later verder via 'Mijn scans'" in page.get_by_role("main").inner_text()

    # 4. Come back through 'Mijn scans'.
    mijn = page.get_by_role("region", name="Mijn scans")
    row = mijn.get_by_role("row").filter(has=page.get_by_role("rowheader", name=EERSTE))
    assert "Heumen, Wijchen" in row.inner_text()
    click_and_settle(page, row.get_by_role("link", name=f"Verder invullen ({EERSTE})"))
    click_and_settle(page, step_link(page, "Vertrouwen en beeldvorming"))
    assert (
        question(page, "Een financieel lijk in de kast")
        .get_by_role("radio", name="Ja", exact=True)
        .is_checked()
    )
    assert (
        question(page, "Negatieve beeldvorming over een partner")
        .get_by_role("radio", name="Weet niet")
        .is_checked()
    )
    save(page, "Opslaan en volgende stap")
    assert page.get_by_role(
        "heading", level=1, name=re.compile("Trekkers, draagvlak en cultuur")
    ).is_visible()
    answer(page, "Verschillen in ambtelijke en bestuurlijke cultuur", "Weet niet")
    save(page, "Opslaan en volgende stap")
    answer(page, "Voorkeur voor een ander menu", "Nee")
    save(page, "Opslaan en volgende stap")
    save(page, "Opslaan en naar het overzicht")

    # 5. The overview lists the answers, then the result is computed.
    assert page.get_by_role("heading", level=1, name=re.compile("overzicht")).is_visible()
    urgentie = page.get_by_role("table", name="Uw antwoorden bij 'Urgentie en voordelen'").inner_text()
    assert "Weet niet" in urgentie
    click_and_settle(page, page.get_by_role("button", name="Bereken de uitkomst"))
    assert page.get_by_role("heading", level=1, name=f"Samenwerkingsscan: {EERSTE}").is_visible()
    oordeel = page.get_by_role("region", name="Samenvattend oordeel").inner_text()
    # one verdict (issue 15): the recommended form and the risk of that form, in one sentence
    assert "Aanbevolen:" in oordeel and "risico voor deze vorm:" in oordeel

    rangorde = page.get_by_role("table", name=re.compile("^De vijf vormen op de menukaart"))
    assert rangorde.locator("tbody tr").count() == 5
    vormen = rangorde.inner_text()
    for vorm in ("Menu 1", "Menu 2", "Menu 3"):
        assert vorm in vormen, vorm

    gevraagd = page.get_by_role("table", name=re.compile("^Gevraagde factoren"))
    lijk = gevraagd.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Een financieel lijk in de kast")
    )
    cells = [c.inner_text().strip() for c in lijk.get_by_role("cell").all()]
    antwoord, risico, reden, bron = cells
    assert antwoord == "ja"
    assert risico.split()[0] in ("verhoogd", "hoog"), (
        f"a hidden financial problem must be an elevated risk: {cells}"
    )
    assert len(reden) > 20, f"the risk has a reason: {cells}"
    # the seed passage by its section heading and a short quotation, not by line numbers (issue 15)
    assert bron.startswith("brontekst, ‘") and "“" in bron, f"the risk names its seed passage: {cells}"
    assert "regel" not in bron, f"no line numbers for the reader: {cells}"
    weet_niet = gevraagd.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Negatieve beeldvorming")
    )
    assert "onbekend" in weet_niet.inner_text()
    berekend = page.get_by_role("table", name=re.compile("^Berekende factoren")).inner_text()
    assert "provincie" in berekend.lower() or "partners" in berekend.lower()
    assert page.get_by_role("region", name="Hier eerst aan werken").get_by_role("listitem").count() >= 1
    assert page.get_by_role("region", name="De meest vergelijkbare casussen").is_visible()

    # 6. The PDF report.
    pdf_href = page.get_by_role("link", name="Rapport als PDF").get_attribute("href")
    response = page.request.get(pdf_href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body()[:5] == b"%PDF-"

    # 7. A second configuration with a third partner, answered quickly ('weet niet' where allowed).
    click_and_settle(page, page.get_by_role("main").get_by_role("link", name="Mijn scans", exact=True))
    start_scan(page, TWEEDE)
    for naam in ("Heumen", "Wijchen", "Druten"):
        add_partner(page, naam)
    click_and_settle(page, page.get_by_role("link", name="Verder naar de vragen"))
    for titel in (
        "Urgentiebesef in de colleges",
        "Urgentiebesef in de gemeenteraden",
        "Urgentiebesef in de ambtelijke organisaties",
        "Voordelen zien",
        "Snel financieel voordeel verwachten",
    ):
        answer(page, titel, "Weet niet")
    save(page, "Opslaan en volgende stap")
    answer(page, "Vertrouwen tussen de besturen", "4")
    save(page, "Opslaan en volgende stap")
    click_and_settle(page, step_link(page, "Voorkeuren en vorm"))
    answer(page, "Voorkeur voor een ander menu", "Nee")
    save(page, "Opslaan en volgende stap")
    save(page, "Opslaan en naar het overzicht")
    click_and_settle(page, page.get_by_role("button", name="Bereken de uitkomst"))
    assert page.get_by_role("heading", level=1, name=f"Samenwerkingsscan: {TWEEDE}").is_visible()

    # 8. The two configurations side by side.
    click_and_settle(page, page.get_by_role("link", name="Vergelijken met een andere scan"))
    assert page.get_by_role("heading", name="Twee configuraties naast elkaar", level=1).is_visible()
    page.get_by_label("Eerste scan").select_option(label=EERSTE)
    page.get_by_label("Tweede scan").select_option(label=TWEEDE)
    click_and_settle(page, page.get_by_role("button", name="Vergelijken"))
    table = page.get_by_role("table", name=f"{EERSTE} en {TWEEDE} vergeleken")
    assert table.get_by_role("columnheader", name=EERSTE).is_visible()
    assert table.get_by_role("columnheader", name=TWEEDE).is_visible()
    partners = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Partners", exact=True))
    assert "(2)" in partners.inner_text() and "(3)" in partners.inner_text()
    for rij in ("Risico (zekerheid)", "Best passende vorm", "Een financieel lijk in de kast"):
        assert table.get_by_role("rowheader", name=rij, exact=True).is_visible(), rij
