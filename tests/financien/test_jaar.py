"""Setting up a year (jaar opzetten): the indexation through the service, the tariffs grid, the readiness
check, adopting the budget, the API and the pages, the permission matrix, and the controller's journey."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest

from seta.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from seta.financien import jaar
from seta.financien.models import Begroting, Tarief, Voorschotschema
from seta.organisatie.models import Eenheid
from seta.samenwerkingsverbanden.models import Samenwerkingsverband
from seta.uren.models import Urenregel

pytestmark = pytest.mark.django_db

CENT = Decimal("0.01")
AB = {"orgaan": "algemeen_bestuur", "kenmerk": "AB 2026-01, agendapunt 2", "datum": "2025-01-22"}


def _cent(x: Decimal) -> Decimal:
    return x.quantize(CENT, ROUND_HALF_UP)


@pytest.fixture
def bel() -> Samenwerkingsverband:
    return Samenwerkingsverband.objects.get(slug="bel")


def _opzetten(actor: Any, sv: Samenwerkingsverband, doel: int = 2026) -> Begroting:
    return jaar.prepare_year(
        actor=actor, samenwerkingsverband=sv, jaar=doel, van_jaar=2025, loonindex="3.5", prijsindex="2"
    )


# --- the service ---------------------------------------------------------------------------------------------
def test_prepare_year_indexes_budget_partners_and_every_tariff(
    actor_named: Any, bel: Samenwerkingsverband
) -> None:
    bron = Begroting.objects.get(samenwerkingsverband=bel, jaar=2025)
    # the demo's jaar=2026 budget goes, with the advances computed from it
    Voorschotschema.objects.filter(samenwerkingsverband=bel, jaar=2026).delete()
    Begroting.objects.filter(samenwerkingsverband=bel, jaar=2026).delete()
    Tarief.objects.filter(samenwerkingsverband=bel, jaar=2026).delete()
    nieuw = _opzetten(actor_named("controller.bel"), bel)
    assert nieuw.status == "concept" and not nieuw.is_vastgesteld
    # by hand: personeel x 1.035, materieel x 1.02, overhead x (P x 3.5 + M x 2) / (P + M) per cent
    assert nieuw.personeel == _cent(bron.personeel * Decimal("1.035"))
    assert nieuw.materieel == _cent(bron.materieel * Decimal("1.02"))
    mix = (bron.personeel * Decimal("3.5") + bron.materieel * 2) / (bron.personeel + bron.materieel)
    assert nieuw.overhead == _cent(bron.overhead * (1 + mix / 100))
    assert "loonindex van 3.5%" in nieuw.toelichting and "prijsindex van 2%" in nieuw.toelichting
    # the partners: inbreng unchanged, advances follow the budget
    oud = {b.gemeente_id: b for b in bron.bijdragen.all()}
    for b in nieuw.bijdragen.all():
        assert b.inbreng == oud[b.gemeente_id].inbreng
        assert b.voorschot == _cent(oud[b.gemeente_id].voorschot * nieuw.totaal / bron.totaal)
        assert b.vorige_bijdrage is None
    assert nieuw.bijdragen.count() == len(oud)
    # every tariff, by the wage index: 88 -> 91.08, scale 6: 68 -> 70.38
    tarieven = {
        (t.eenheid_id, t.schaal): t.uurtarief
        for t in Tarief.objects.filter(samenwerkingsverband=bel, jaar=2026)
    }
    vorig = {
        (t.eenheid_id, t.schaal): t.uurtarief
        for t in Tarief.objects.filter(samenwerkingsverband=bel, jaar=2025)
    }
    assert tarieven.keys() == vorig.keys()
    assert tarieven[(None, None)] == Decimal("91.08") and tarieven[(None, 6)] == Decimal("70.38")


def test_prepare_year_refusals(actor_named: Any, bel: Samenwerkingsverband) -> None:
    controller = actor_named("controller.bel")
    with pytest.raises(Conflict):  # 2025 has a budget
        jaar.prepare_year(
            actor=controller,
            samenwerkingsverband=bel,
            jaar=2025,
            van_jaar=2024,
            loonindex="1",
            prijsindex="1",
        )
    with pytest.raises(InvalidInput) as exc:
        jaar.prepare_year(
            actor=controller,
            samenwerkingsverband=bel,
            jaar=2031,
            van_jaar=2030,
            loonindex="1",
            prijsindex="1",
        )
    assert "begroting 2030" in exc.value.fields["van_jaar"][0]
    with pytest.raises(InvalidInput) as exc:
        jaar.prepare_year(
            actor=controller,
            samenwerkingsverband=bel,
            jaar=2031,
            van_jaar=2025,
            loonindex="40",
            prijsindex="x",
        )
    assert set(exc.value.fields) == {"loonindex", "prijsindex"}
    with pytest.raises(Forbidden):
        _opzetten(actor_named("burgemeester.laren"), bel, 2031)
    with pytest.raises(NotFound):
        _opzetten(actor_named("controller.kempen"), bel, 2031)


def test_tariff_grid_saves_all_or_nothing_and_names_unit_and_scale(
    actor_named: Any, bel: Samenwerkingsverband
) -> None:
    controller = actor_named("controller.bel")
    eenheid = Eenheid.objects.filter(samenwerkingsverband=bel).order_by("naam").first()
    cellen = {c.sleutel: c for c in jaar.tariff_grid(controller, bel, 2030)}
    assert "standaard" in cellen and f"eenheid-{eenheid.pk}" in cellen
    assert cellen[f"eenheid-{eenheid.pk}"].label == f"Eenheid {eenheid.naam}"
    with pytest.raises(InvalidInput) as exc:
        jaar.save_tariffs(
            actor=controller,
            samenwerkingsverband=bel,
            jaar=2030,
            tarieven={"standaard": "90", f"eenheid-{eenheid.pk}": "veel", "schaal-9": "-1"},
        )
    assert exc.value.fields[f"eenheid-{eenheid.pk}"] == [f"Eenheid {eenheid.naam}: 'veel' is geen bedrag."]
    assert "Schaal 9" in exc.value.fields["schaal-9"][0]
    assert not Tarief.objects.filter(samenwerkingsverband=bel, jaar=2030).exists()  # nothing saved
    aantal = jaar.save_tariffs(
        actor=controller,
        samenwerkingsverband=bel,
        jaar=2030,
        tarieven={"standaard": "90", f"eenheid-{eenheid.pk}": "101,50"},
    )
    assert aantal == 2
    assert Tarief.objects.get(samenwerkingsverband=bel, jaar=2030, eenheid=eenheid).uurtarief == Decimal(
        "101.50"
    )
    assert (
        jaar.save_tariffs(actor=controller, samenwerkingsverband=bel, jaar=2030, tarieven={"standaard": ""})
        == 1
    )
    assert not Tarief.objects.filter(samenwerkingsverband=bel, jaar=2030, eenheid=None, schaal=None).exists()
    with pytest.raises(Forbidden):
        jaar.save_tariffs(
            actor=actor_named("raadslid.laren"), samenwerkingsverband=bel, jaar=2030, tarieven={}
        )


def test_readiness_names_the_unit_by_its_name(actor_named: Any, bel: Samenwerkingsverband) -> None:
    regel = (
        Urenregel.objects.filter(samenwerkingsverband=bel, opdracht__isnull=False).order_by("datum").last()
    )
    if regel is None:
        regel = (
            Urenregel.objects.filter(samenwerkingsverband=bel).exclude(gemeente=None).order_by("datum").last()
        )
    j = regel.datum.year
    Tarief.objects.filter(samenwerkingsverband=bel, jaar=j).delete()
    punten = {p.code: p for p in jaar.readiness(actor_named("raadslid.laren"), bel, j)}
    tekst = [p.tekst for p in jaar.readiness(actor_named("raadslid.laren"), bel, j) if p.code == "tarieven"]
    assert not punten["tarieven"].ok
    assert any(f"Geen uurtarief {j} voor eenheid {regel.eenheid.naam}" in t for t in tekst), tekst
    assert all("(of een standaardtarief)" in t for t in tekst)
    assert not any(re.search(r"eenheid \d+", t) for t in tekst)
    assert punten["verdeelmodel"].ok


# --- the API -------------------------------------------------------------------------------------------------
def test_api_set_up_check_and_adopt(careful_api_as: Any, api_as: Any, bel: Samenwerkingsverband) -> None:
    # the demo's jaar__gte=2026 budget goes, with the advances computed from it
    Voorschotschema.objects.filter(samenwerkingsverband=bel, jaar__gte=2026).delete()
    Begroting.objects.filter(samenwerkingsverband=bel, jaar__gte=2026).delete()
    controller = api_as("controller.bel")
    body = {
        "samenwerkingsverband": "bel",
        "jaar": 2026,
        "vanJaar": 2025,
        "loonindex": "3.50",
        "prijsindex": "2.00",
    }
    assert (
        api_as("burgemeester.laren").post("/api/v1/begrotingen/opzetten", body, format="json").status_code
        == 403
    )
    assert (
        api_as("controller.kempen").post("/api/v1/begrotingen/opzetten", body, format="json").status_code
        == 404
    )
    r = controller.post("/api/v1/begrotingen/opzetten", {**body, "vanJaar": 2019}, format="json")
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "vanJaar"
    r = controller.post("/api/v1/begrotingen/opzetten", body, format="json")
    assert r.status_code == 201, r.content
    begroting = r.json()
    assert begroting["status"] == "concept" and begroting["besluit"] is None
    assert begroting["toegestaneActies"] == ["wijzigen"]
    assert controller.post("/api/v1/begrotingen/opzetten", body, format="json").status_code == 409
    r = controller.get("/api/v1/begrotingen/gereedheid", {"samenwerkingsverband": "bel", "jaar": 2026})
    assert r.status_code == 200
    punten = {p["code"]: p for p in r.json()["punten"]}
    assert (
        punten["begroting"]["ok"]
        and not punten[
            "begrotingVastgesteld" if "begrotingVastgesteld" in punten else "begroting_vastgesteld"
        ]["ok"]
    )
    assert r.json()["gereed"] is False
    assert (
        controller.get("/api/v1/begrotingen/gereedheid", {"samenwerkingsverband": "bel"}).status_code == 400
    )
    assert (
        api_as("controller.kempen")
        .get("/api/v1/begrotingen/gereedheid", {"samenwerkingsverband": "bel", "jaar": 2026})
        .status_code
        == 404
    )
    # adopting: the AB's decision, If-Match
    url = f"/api/v1/begrotingen/{begroting['id']}/vaststellen"
    bestuur = api_as("wethouder.laren")
    etag = f'W/"{begroting["versie"]}"'
    assert bestuur.post(url, {"besluit": AB}, format="json").status_code == 428
    assert bestuur.post(url, {"besluit": AB}, format="json", HTTP_IF_MATCH='W/"999"').status_code == 412
    r = bestuur.post(url, {}, format="json", HTTP_IF_MATCH=etag)
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "besluit"
    r = bestuur.post(url, {"besluit": {**AB, "kenmerk": ""}}, format="json", HTTP_IF_MATCH=etag)
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"].startswith("besluit")
    r = bestuur.post(
        url, {"besluit": {**AB, "orgaan": "dagelijks_bestuur"}}, format="json", HTTP_IF_MATCH=etag
    )
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "besluit.orgaan"
    r = controller.post(url, {"besluit": AB}, format="json", HTTP_IF_MATCH=etag)
    assert r.status_code == 403 and "algemeen bestuur" in r.json()["detail"]
    assert (
        api_as("wethouder.ten-boer").post(url, {"besluit": AB}, format="json", HTTP_IF_MATCH=etag).status_code
        == 404
    )
    r = bestuur.post(url, {"besluit": AB}, format="json", HTTP_IF_MATCH=etag)
    assert r.status_code == 200, r.content
    besluit = r.json()["besluit"]
    assert (besluit["orgaan"], besluit["kenmerk"], besluit["datum"], besluit["vastgelegdDoor"]) == (
        "algemeen_bestuur",
        AB["kenmerk"],
        AB["datum"],
        "wethouder.laren",
    )
    assert r.json()["status"] == "vastgesteld" and r.json()["toegestaneActies"] == []
    assert bestuur.post(url, {"besluit": AB}, format="json", HTTP_IF_MATCH=r["ETag"]).status_code == 409
    r = controller.post(
        "/api/v1/begrotingen",
        {"samenwerkingsverband": "bel", "jaar": 2026, "personeel": "1", "materieel": "1", "overhead": "1"},
        format="json",
        HTTP_IF_MATCH=r["ETag"],
    )
    assert r.status_code == 409


# --- permission matrix -----------------------------------------------------------------------------------------
ROLLEN = [
    # user, may set up a year, may adopt the budget (the AB decides)
    ("controller.bel", True, False),
    ("directeur.bel", True, False),
    ("teamleider.bel", None, None),
    ("medewerker.bel", None, None),
    ("burgemeester.laren", False, True),
    ("wethouder.blaricum", False, True),
    ("wethouder.laren", False, True),  # AB only
    ("raadslid.laren", False, False),
    ("griffier.eemnes", False, False),
    ("regisseur.eemnes", False, False),
    ("secretaris.blaricum", False, False),
    ("controller.kempen", None, None),
    ("directeur.kempen", None, None),
    ("wethouder.ten-boer", None, None),
    ("raadslid.bergeijk", None, None),
]


@pytest.mark.parametrize(("user", "opzetten", "vaststellen"), ROLLEN)
def test_permission_matrix(
    actor_named: Any, bel: Samenwerkingsverband, user: str, opzetten: bool | None, vaststellen: bool | None
) -> None:
    """True: allowed; False: 403 (may read, not act); None: 404 (not even visible)."""
    actor = actor_named(user)
    besluit = jaar.BesluitInvoer("algemeen_bestuur", "AB 2026-01", dt.date(2025, 1, 22))
    doel = {True: None, False: Forbidden, None: NotFound}
    if doel[opzetten] is None:
        assert _opzetten(actor, bel, 2032).jaar == 2032
    else:
        with pytest.raises(doel[opzetten]):
            _opzetten(actor, bel, 2032)
    begroting = Begroting.objects.filter(samenwerkingsverband=bel, jaar=2032).first()
    if begroting is None:
        begroting = _opzetten(actor_named("controller.bel"), bel, 2032)
    if doel[vaststellen] is None:
        assert jaar.adopt_budget(actor=actor, begroting=begroting, besluit=besluit).is_vastgesteld
    else:
        with pytest.raises(doel[vaststellen]):
            jaar.adopt_budget(actor=actor, begroting=begroting, besluit=besluit)


@pytest.mark.parametrize("user", ["controller.kempen", "wethouder.ten-boer"])
def test_other_cooperation_cannot_set_up_or_adopt_its_own_through_bel(actor_named: Any, user: str) -> None:
    """Own cooperation (Kempen, Groningen-Ten Boer) is a separate cooperation: BEL's budget stays out of reach."""
    actor = actor_named(user)
    bel = Samenwerkingsverband.objects.get(slug="bel")
    with pytest.raises(NotFound):
        jaar.readiness(actor, bel, 2026)


# --- the pages --------------------------------------------------------------------------------------------------
def test_pages_render_and_refuse(client: Any, user_named: Any, bel: Samenwerkingsverband) -> None:
    client.force_login(user_named("raadslid.laren"))
    r = client.get("/financien/bel/2025/")
    assert r.status_code == 200
    html = r.content.decode()
    assert html.count("<h1") == 1 and "Vastgesteld" in html and "AB BEL 2024-07, agendapunt 5" in html
    assert "Nieuw jaar opzetten" not in client.get("/financien/?samenwerkingsverband=bel").content.decode()
    assert (
        client.post(
            "/financien/bel/jaar-opzetten",
            {"jaar": 2033, "van_jaar": 2025, "loonindex": "1", "prijsindex": "1"},
        ).status_code
        == 403
    )
    assert client.get("/financien/bel/2025/tarieven").status_code == 200
    assert client.post("/financien/bel/2025/tarieven", {"standaard": "1"}).status_code == 403
    assert client.get("/financien/bel/2025/begroting").status_code == 403
    client.force_login(user_named("controller.kempen"))
    assert client.get("/financien/bel/2025/").status_code == 404
    assert client.get("/financien/bel/99999/").status_code == 404


def test_journey_controller_sets_up_2026_board_adopts_scenario_calculates(
    client: Any, user_named: Any, bel: Samenwerkingsverband
) -> None:
    from seta.financien.models import Scenario, Verdeelmodel

    # the demo's jaar=2026 budget goes, with the advances computed from it

    Voorschotschema.objects.filter(samenwerkingsverband=bel, jaar=2026).delete()

    Begroting.objects.filter(samenwerkingsverband=bel, jaar=2026).delete()
    Tarief.objects.filter(samenwerkingsverband=bel, jaar=2026).delete()
    # hours of 2026 on a unit, so a missing tariff shows
    regel = Urenregel.objects.filter(samenwerkingsverband=bel).exclude(gemeente=None).order_by("pk").first()
    Urenregel.objects.filter(pk=regel.pk).update(datum=dt.date(2026, 3, 2))
    eenheid = regel.eenheid

    client.force_login(user_named("controller.bel"))
    overzicht = client.get("/financien/?samenwerkingsverband=bel").content.decode()
    assert "Nieuw jaar opzetten" in overzicht and 'href="/financien/bel/2025/"' in overzicht
    r = client.post(
        "/financien/bel/jaar-opzetten",
        {"jaar": 2026, "van_jaar": 2025, "loonindex": "3,5", "prijsindex": "2"},
    )
    assert r.status_code == 302 and r["Location"] == "/financien/bel/2026/"
    html = client.get("/financien/bel/2026/").content.decode()
    assert "Concept" in html and "Begroting wijzigen" in html and "Begroting vaststellen" not in html
    # the controller removes the standard and the unit's scale tariff: the checklist names the unit
    tarieven = client.get("/financien/bel/2026/tarieven").content.decode()
    assert f"Eenheid {eenheid.naam}" in tarieven
    velden = dict(re.findall(r'name="((?:standaard|eenheid-\d+|schaal-\d+))" value="([^"]*)"', tarieven))
    leeg = {**velden, "standaard": ""}
    if regel.schaal is not None:
        leeg[f"schaal-{regel.schaal}"] = ""
    r = client.post("/financien/bel/2026/tarieven", leeg)
    assert r.status_code == 302
    html = client.get("/financien/bel/2026/").content.decode()
    assert f"Geen uurtarief 2026 voor eenheid {eenheid.naam}" in html
    # a bad cell: nothing is saved and the error names the unit
    r = client.post("/financien/bel/2026/tarieven", {**leeg, f"eenheid-{eenheid.pk}": "duur"})
    assert (
        r.status_code == 400
        and f"Eenheid {eenheid.naam}: &#x27;duur&#x27; is geen bedrag." in r.content.decode()
    )
    r = client.post(
        "/financien/bel/2026/tarieven", {**leeg, f"eenheid-{eenheid.pk}": "95", "standaard": "91,08"}
    )
    assert r.status_code == 302
    html = client.get("/financien/bel/2026/").content.decode()
    assert "Geen uurtarief 2026" not in html
    # the budget form
    form = client.get("/financien/bel/2026/begroting")
    assert form.status_code == 200
    begroting = Begroting.objects.get(samenwerkingsverband=bel, jaar=2026)
    # what the page holds (every field filled in from the concept), with a higher overhead
    data = dict(re.findall(r'<input[^>]*name="([a-z_0-9]+)"[^>]*value="([^"]*)"', form.content.decode()))
    data.pop("csrfmiddlewaretoken", None)
    assert {"personeel", "materieel", "overhead", "versie"} <= data.keys()
    assert any(k.startswith("inbreng_") for k in data)
    data["overhead"] = str(begroting.overhead + 1000)
    r = client.post("/financien/bel/2026/begroting", data)
    assert r.status_code == 302, re.findall(
        r"utrecht-form-field-error-message[^>]*>([^<]*)", r.content.decode()
    )
    # the board adopts, with a confirmation
    client.force_login(user_named("burgemeester.laren"))
    html = client.get("/financien/bel/2026/").content.decode()
    assert "Ik bevestig dat het algemeen bestuur de begroting 2026 heeft besloten" in html
    besluit = {"versie": begroting.versie + 1, **AB}
    r = client.post("/financien/bel/2026/vaststellen", besluit)
    assert r.status_code == 400 and "Bevestig" in r.content.decode()
    r = client.post("/financien/bel/2026/vaststellen", {**besluit, "bevestigd": "on"})
    assert r.status_code == 302
    html = client.get("/financien/bel/2026/").content.decode()
    assert "Vastgesteld" in html and AB["kenmerk"] in html and "Begroting wijzigen" not in html
    client.force_login(user_named("controller.bel"))
    assert client.get("/financien/bel/2026/begroting").status_code == 409  # adopted: frozen
    # the controller calculates a scenario for 2026 on the year page
    client.force_login(user_named("controller.bel"))
    assert "Verdeelmodellen vergelijken voor 2026" in client.get("/financien/bel/2026/").content.decode()
    modellen = list(Verdeelmodel.objects.filter(samenwerkingsverband=bel, volgnummer=1).order_by("pk"))
    hybride = next(m for m in modellen if m.naam == "BEL hybride")
    r = client.post(
        "/financien/bel/2026/scenario",
        {
            "naam": "Verdeling 2026",
            "verdeelmodellen": [hybride.pk] + [m.pk for m in modellen if m != hybride],
        },
    )
    assert r.status_code == 302, re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", r.content.decode()))[-1500:]
    scenario = Scenario.objects.get(samenwerkingsverband=bel, jaar=2026, naam="Verdeling 2026")
    assert r["Location"] == f"/financien/scenarios/{scenario.pk}"
    assert scenario.resultaat is not None and scenario.referentiemodel == hybride
    html = client.get(f"/financien/scenarios/{scenario.pk}").content.decode()
    assert "Blaricum" in html and "BEL hybride" in html
    # others may not
    client.force_login(user_named("raadslid.laren"))
    assert "Verdeelmodellen vergelijken" not in client.get("/financien/bel/2026/").content.decode()
    assert (
        client.post(
            "/financien/bel/2026/scenario", {"naam": "x", "verdeelmodellen": [hybride.pk]}
        ).status_code
        == 403
    )


def test_own_cooperation_kempen(actor_named: Any) -> None:
    """The same rules in another cooperation: its own controller sets up, its own AB adopts; BEL's people see nothing."""
    from seta.financien import services
    from seta.samenwerkingsverbanden.models import Bestuurslid

    kempen = Samenwerkingsverband.objects.get(slug="kempen")
    Begroting.objects.filter(samenwerkingsverband=kempen).delete()
    services.save_budget(
        actor=actor_named("controller.kempen"),
        samenwerkingsverband=kempen,
        jaar=2025,
        personeel="100000",
        materieel="20000",
        overhead="10000",
    )
    with pytest.raises(NotFound):
        _opzetten(actor_named("controller.bel"), kempen)
    nieuw = _opzetten(actor_named("directeur.kempen"), kempen)
    assert nieuw.personeel == Decimal("103500.00") and nieuw.overhead == Decimal("10325.00")
    lid = (
        Bestuurslid.objects.filter(
            samenwerkingsverband=kempen,
            orgaan="algemeen_bestuur",
            einddatum=None,
            functionaris__gebruiker__isnull=False,
        )
        .select_related("functionaris__gebruiker")
        .first()
    )
    assert lid is not None
    besluit = jaar.BesluitInvoer("algemeen_bestuur", "AB Kempen 2026-1", dt.date(2025, 1, 20))
    with pytest.raises(NotFound):
        jaar.adopt_budget(actor=actor_named("burgemeester.laren"), begroting=nieuw, besluit=besluit)
    with pytest.raises(Forbidden):
        jaar.adopt_budget(actor=actor_named("controller.kempen"), begroting=nieuw, besluit=besluit)
    gedaan = jaar.adopt_budget(
        actor=actor_named(lid.functionaris.gebruiker.username), begroting=nieuw, besluit=besluit
    )
    assert gedaan.is_vastgesteld and gedaan.bestuursbesluit.samenwerkingsverband == kempen


def test_the_cooperation_page_shows_who_decides_what(client: Any, user_named: Any) -> None:
    client.force_login(user_named("raadslid.laren"))
    html = client.get("/samenwerkingsverbanden/bel").content.decode()
    assert "Wie besluit wat" in html and "Drempel van het afwijkingssignaal" in html
