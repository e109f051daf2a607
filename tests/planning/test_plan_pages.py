"""The plan's pages for each pool and board role, the htmx status, the button, the assignment's Planning section and
the home panels; readable without colour (markers in text), one h1, never another partner's confidential title."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from seta.opdrachten.models import Bestuursopdracht
from seta.planning import selectors_plan
from seta.planning.models import Planrun, Runstatus
from seta.samenwerkingsverbanden.models import Samenwerkingsverband

pytestmark = pytest.mark.django_db

OVERZICHT = "/planning/plan/"
GANTT = "/planning/plan/eenheden"
VERDELING = "/planning/plan/verdeling"
STATUS = "/planning/plan/status"
BEREKENEN = "/planning/plan/berekenen"


@pytest.fixture
def web(user_named: Callable[[str], Any]) -> Callable[[str], Client]:
    def client(username: str) -> Client:
        c = Client()
        c.force_login(user_named(username))
        return c

    return client


@pytest.fixture
def run(db: Any) -> Planrun:
    run = selectors_plan.actueel_plan(Samenwerkingsverband.objects.get(slug="bel"))
    assert run is not None
    return run


def _tekst(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _een_h1(html: str) -> None:
    assert len(re.findall(r"<h1\b", html)) == 1


POOL_EN_BESTUUR = [
    "directeur.bel",
    "controller.bel",
    "teamleider.bel",
    "burgemeester.laren",
    "wethouder.blaricum",
]


@pytest.mark.parametrize("wie", POOL_EN_BESTUUR)
@pytest.mark.parametrize("url", [OVERZICHT, GANTT, VERDELING])
def test_pool_and_board_pages_render(web: Callable[[str], Client], run: Planrun, wie: str, url: str) -> None:
    r = web(wie).get(url)
    assert r.status_code == 200
    html = r.content.decode()
    _een_h1(html)
    assert "<caption" in html and 'scope="col"' in html


@pytest.mark.parametrize(
    ("wie", "url", "status"),
    [
        ("medewerker.bel", OVERZICHT, 404),
        ("raadslid.laren", OVERZICHT, 404),
        ("raadslid.laren", VERDELING, 200),
        ("regisseur.eemnes", VERDELING, 200),
        ("secretaris.eemnes", VERDELING, 200),
        ("medewerker.bel", VERDELING, 200),
        ("directeur.kempen", VERDELING + "?samenwerkingsverband=bel", 404),
        ("directeur.kempen", OVERZICHT + "?samenwerkingsverband=bel", 404),
        ("directeur.kempen", OVERZICHT, 200),  # its own cooperation, without a plan yet
    ],
)
def test_who_sees_which_page(
    web: Callable[[str], Client], run: Planrun, wie: str, url: str, status: int
) -> None:
    assert web(wie).get(url).status_code == status


def test_the_overview_shows_the_figures_the_load_and_the_lists(
    web: Callable[[str], Client], run: Planrun
) -> None:
    html = web("directeur.bel").get(OVERZICHT).content.decode()
    tekst = _tekst(html)
    assert "Plan opnieuw berekenen" in tekst
    assert "Belasting per eenheid" in tekst and " / " in tekst
    assert "Niet planbaar" in tekst and "Wettelijke termijnen in gevaar" in tekst
    niet = run.uitkomsten.filter(planbaar=False).select_related("bestuursopdracht").first()
    assert niet is not None and niet.bestuursopdracht.nummer in tekst and niet.reden in tekst
    # a full week is marked in text, not by colour alone
    vol = [
        c
        for rij in selectors_plan.belasting(_actor("directeur.bel"), run, weken=13)
        for c in rij.cellen
        if c.vol
    ]
    if vol:
        assert "vol (" in tekst


def _actor(username: str) -> Any:
    from django.contrib.auth import get_user_model

    from seta.autorisaties.actor import actor_for

    return actor_for(get_user_model().objects.get(username=username))


def test_the_board_sees_no_button_and_only_readable_titles(
    web: Callable[[str], Client], run: Planrun
) -> None:
    html = web("wethouder.laren").get(OVERZICHT).content.decode()
    assert "Plan opnieuw berekenen" not in html
    leesbaar = set(
        selectors_plan.uitkomsten_for(_actor("wethouder.laren"), run).values_list(
            "bestuursopdracht_id", flat=True
        )
    )
    geheim = Bestuursopdracht.objects.filter(
        pk__in=run.uitkomsten.values("bestuursopdracht_id"), vertrouwelijkheid="vertrouwelijk"
    ).exclude(pk__in=leesbaar)
    assert geheim.exists(), "the demo has confidential assignments of other partners in the plan"
    for url in (OVERZICHT, GANTT, VERDELING):
        pagina = web("wethouder.laren").get(url).content.decode()
        for o in geheim:
            assert o.titel not in pagina and o.nummer not in pagina


def test_the_gantt_view_is_readable_without_colour(web: Callable[[str], Client], run: Planrun) -> None:
    regel = run.planregels.order_by("week").first()
    assert regel is not None
    html = web("directeur.bel").get(f"{GANTT}?eenheid={regel.eenheid_id}&van=0").content.decode()
    tekst = _tekst(html)
    assert "gepland" in tekst and "deadline" in tekst
    assert re.search(r"week \d+(–\d+)? 20\d\d", tekst), "each bar is also given as weeks in words"
    te_laat = run.uitkomsten.filter(planbaar=True, dagen_te_laat__gt=0).first()
    if te_laat is not None:
        eenheid = run.planregels.filter(bestuursopdracht_id=te_laat.bestuursopdracht_id).first()
        assert eenheid is not None
        html = web("directeur.bel").get(f"{GANTT}?eenheid={eenheid.eenheid_id}&van=0").content.decode()
        assert "te laat" in _tekst(html)


@pytest.mark.parametrize(
    "query", ["eenheid=abc", "eenheid=999999999", "van=-3", "van=abc", "samenwerkingsverband=nergens"]
)
def test_junk_parameters_are_refused_not_a_500(
    web: Callable[[str], Client], run: Planrun, query: str
) -> None:
    assert web("directeur.bel").get(f"{GANTT}?{query}").status_code in (400, 404)


def test_the_distribution_page_shows_shares_rules_and_signals(
    web: Callable[[str], Client], run: Planrun
) -> None:
    tekst = _tekst(web("burgemeester.laren").get(VERDELING).content.decode())
    for naam in ("Blaricum", "Eemnes", "Laren"):
        assert naam in tekst
    assert "Ontvangen" in tekst and "Recht" in tekst and "Tekort" in tekst
    assert "volgorde op deadline" in tekst.lower()
    assert "Planningsregels" in tekst
    assert "Open signalen over de verdeling" in tekst
    assert "boven de drempel" in tekst  # a deviation is marked in words


def test_status_polls_while_running_and_refreshes_when_done(
    web: Callable[[str], Client], run: Planrun
) -> None:
    bel = Samenwerkingsverband.objects.get(slug="bel")
    bezig = Planrun.objects.create(samenwerkingsverband=bel, status=Runstatus.BEZIG, startweek=run.startweek)
    c = web("directeur.bel")
    html = c.get(OVERZICHT).content.decode()
    assert 'hx-trigger="every 3s"' in html and "Het plan wordt berekend" in html
    fragment = c.get(STATUS, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200 and "HX-Refresh" not in fragment
    Planrun.objects.filter(pk=bezig.pk).update(status=Runstatus.MISLUKT, foutmelding="Test: mislukt.")
    klaar = c.get(STATUS, HTTP_HX_REQUEST="true")
    assert klaar["HX-Refresh"] == "true"
    assert "Test: mislukt." in _tekst(c.get(OVERZICHT).content.decode())


def test_the_button_computes_a_new_plan(web: Callable[[str], Client], run: Planrun) -> None:
    r = web("controller.bel").post(BEREKENEN, {"samenwerkingsverband": "bel"})
    assert r.status_code == 302 and r["Location"].startswith(OVERZICHT)
    nieuw = selectors_plan.actueel_plan(Samenwerkingsverband.objects.get(slug="bel"))
    assert nieuw is not None and nieuw.pk != run.pk


@pytest.mark.parametrize(
    ("wie", "status"), [("teamleider.bel", 403), ("burgemeester.laren", 403), ("raadslid.laren", 404)]
)
def test_the_button_is_refused_with_a_reason(
    web: Callable[[str], Client], run: Planrun, wie: str, status: int
) -> None:
    assert web(wie).post(BEREKENEN, {"samenwerkingsverband": "bel"}).status_code == status


def test_a_get_never_writes(web: Callable[[str], Client], run: Planrun) -> None:
    aantal = Planrun.objects.count()
    assert web("directeur.bel").get(BEREKENEN).status_code == 405
    for url in (OVERZICHT, GANTT, VERDELING, STATUS):
        web("directeur.bel").get(url)
    assert Planrun.objects.count() == aantal


def test_the_assignment_page_shows_its_planning_section(web: Callable[[str], Client], run: Planrun) -> None:
    u = run.uitkomsten.filter(planbaar=True, verwachte_oplevering__isnull=False).first()
    assert u is not None
    tekst = _tekst(web("directeur.bel").get(f"/opdrachten/{u.bestuursopdracht_id}").content.decode())
    assert "Planning" in tekst and "Verwachte oplevering" in tekst
    assert "Plan tegen werkelijkheid" in tekst and "Gepland tot nu" in tekst
    niet = run.uitkomsten.filter(planbaar=False).first()
    assert niet is not None
    tekst = _tekst(web("directeur.bel").get(f"/opdrachten/{niet.bestuursopdracht_id}").content.decode())
    assert "niet planbaar" in tekst and niet.reden in tekst


def test_a_wethouder_sees_the_section_on_its_own_assignment(
    web: Callable[[str], Client], run: Planrun
) -> None:
    actor = _actor("wethouder.laren")
    u = selectors_plan.uitkomsten_for(actor, run).filter(planbaar=True).first()
    assert u is not None
    html = web("wethouder.laren").get(f"/opdrachten/{u.bestuursopdracht_id}").content.decode()
    assert 'id="h-planning"' in html and "Het hele plan" not in html


def test_home_panels(web: Callable[[str], Client], run: Planrun) -> None:
    pool = _tekst(web("directeur.bel").get("/").content.decode())
    assert "Verwacht te laat volgens het plan" in pool
    bestuur = _tekst(web("burgemeester.laren").get("/").content.decode())
    assert "Verdeling van de opdrachtcapaciteit" in bestuur
    assert "Verwacht te laat volgens het plan" not in bestuur


def test_the_planning_index_links_the_plan_pages(web: Callable[[str], Client], run: Planrun) -> None:
    html = web("directeur.bel").get("/planning/").content.decode()
    assert OVERZICHT in html and VERDELING in html and GANTT in html


def test_statutory_terms_in_danger_are_listed(
    web: Callable[[str], Client], run: Planrun, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    from seta.planning import services_plan
    from seta.planning.kern.model import WettelijkProbleem

    echte = services_plan._losser()

    def met_probleem(inst: Any) -> Any:
        v = inst.vragen[0]
        probleem = WettelijkProbleem(id=v.id, deadline_week=v.deadline_week, uren_te_laat=8.0, tekst="Test.")
        return replace(echte(inst), wettelijk=[probleem])

    monkeypatch.setattr(services_plan, "_losser", lambda: met_probleem)
    c = web("directeur.bel")
    assert c.post(BEREKENEN, {"samenwerkingsverband": "bel"}).status_code == 302
    nieuw = selectors_plan.actueel_plan(Samenwerkingsverband.objects.get(slug="bel"))
    assert nieuw is not None and nieuw.resultaat["wettelijk"]
    nummer = nieuw.resultaat["wettelijk"][0]["nummer"]
    tekst = _tekst(c.get(OVERZICHT).content.decode())
    deel = tekst[tekst.rindex("Wettelijke termijnen in gevaar") :]
    assert nummer in deel and "8,0 uur valt na de termijn" in deel.replace("8.0", "8,0")
