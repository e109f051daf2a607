"""The verdeelmodel as a form, through the web as the controller of BEL: creating every kind of part, changing a
concept (with versie; stale: 412), a vastgesteld model refused (409), the preview (per partner, writes
nothing), errors naming the field, JSON import and download."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from seta.core.models import AuditEvent
from seta.financien.models import Berekening, Verdeelmodel

from .modelformulier_hulp import pagina_postdata

pytestmark = pytest.mark.django_db
NIEUW = "/financien/verdeelmodellen/nieuw?samenwerkingsverband=bel"


@pytest.fixture
def controller(client: Any, user_named: Any) -> Any:
    client.force_login(user_named("controller.bel"))
    return client


def _concept() -> Verdeelmodel:
    return Verdeelmodel.objects.get(samenwerkingsverband__slug="bel", naam="Inwonersaantal")


def test_new_model_page_renders_the_form(controller: Any) -> None:
    r = controller.get(NIEUW)
    assert r.status_code == 200
    html = r.content.decode()
    assert html.count("<h1") == 1
    assert "Onderdeel toevoegen: naar gebruik" in html and "JSON importeren" in html
    assert "<legend" in html and "Shapley verdeelt de besparing" in html
    assert "<script" not in html.split("</head>")[1] and " style=" not in html


def _codes() -> list[str]:
    from seta.financien import invoer
    from seta.samenwerkingsverbanden.models import Samenwerkingsverband

    return [g.cbs_code for g in invoer.partners_in_year(Samenwerkingsverband.objects.get(slug="bel"), 2025)]


def _als_lijsten(data: Any) -> dict[str, list[str]]:
    """The test client sends only a QueryDict's last value per name; a dict of lists sends them all."""
    return dict(data.lists())


def _druk(client: Any, url: str, data: Any, actie: str, status: int = 200) -> Any:
    data = data.copy()
    data["actie"] = actie
    r = client.post(url, _als_lijsten(data))
    html = r.content.decode()
    fouten = html.split('id="foutoverzicht"', 1)[-1][:2000] if "foutoverzicht" in html else html[:300]
    assert r.status_code == status, (actie, r.status_code, fouten)
    return r


def test_the_controller_creates_a_model_with_every_kind_of_part(controller: Any) -> None:
    codes = _codes()
    html = controller.get(NIEUW).content.decode()
    data = pagina_postdata(html)
    data["model-naam"] = "Alles erin"
    # no JavaScript: each button re-renders the form with one thing more
    html = _druk(controller, NIEUW, data, "toevoegen:gebruik").content.decode()
    assert "Onderdeel 2: Naar gebruik" in html
    html = _druk(controller, NIEUW, pagina_postdata(html), "regel:1").content.decode()
    assert "Regel 1" in html
    html = _druk(controller, NIEUW, pagina_postdata(html), "toevoegen:gezamenlijk").content.decode()
    html = _druk(controller, NIEUW, pagina_postdata(html), "coalitie:2").content.decode()
    html = _druk(controller, NIEUW, pagina_postdata(html), "toevoegen:vast").content.decode()
    html = _druk(controller, NIEUW, pagina_postdata(html), "verwijder:3").content.decode()
    assert "Onderdeel 4" not in html and "Deelcoalitie 1" in html
    assert not Verdeelmodel.objects.filter(naam="Alles erin").exists()  # nothing stored yet
    data = pagina_postdata(html)
    assert data["model-naam"] == "Alles erin"
    data["sleutel-soort"] = "gewogen"
    data["sleutel-gewicht_bevolking"] = "50"
    data["sleutel-gewicht_inbreng"] = "50"
    data["onderdeel-0-bedrag_bron"] = "rest"
    data["onderdeel-0-naam"] = "Basispakket"
    data["onderdeel-1-naam"] = "Maatwerk"
    data["onderdeel-1-grondslag"] = "raming"
    data.setlist("onderdeel-1-urensoorten", ["opdracht"])
    data["onderdeel-1-regel-0-gemeente"] = codes[0]
    data["onderdeel-1-regel-0-uren"] = "12,5"
    data["onderdeel-1-regel-0-tarief"] = "90"
    data["onderdeel-1-btw"] = "21"
    data["onderdeel-2-naam"] = "Samen"
    data["onderdeel-2-bedrag"] = "1000"
    data.setlist("onderdeel-2-deelnemers", codes)
    data["onderdeel-2-methode"] = "shapley"
    for i, code in enumerate(codes):
        assert data[f"onderdeel-2-sa-{i}-gemeente"] == code
        data[f"onderdeel-2-sa-{i}-waarde"] = "600"
    data.setlist("onderdeel-2-co-0-deelnemers", codes[:2])
    data["onderdeel-2-co-0-bedrag"] = "800"
    data["regels-startperiode_van"] = "2030"
    data["regels-startperiode_tot"] = "2031"
    data["regels-groeiplafond"] = "3"
    data["regels-groeiplafond_btw"] = "vrijgesteld"
    data["regels-gezamenlijk_methode"] = "shapley"
    r = _druk(controller, NIEUW, data, "opslaan", 302)
    model = Verdeelmodel.objects.get(samenwerkingsverband__slug="bel", naam="Alles erin")
    assert r["Location"] == f"/financien/verdeelmodellen/{model.pk}"
    assert model.status == "concept"
    assert model.configuratie == {
        "naam": "Alles erin",
        "verdeelsleutel": {"soort": "gewogen", "gewichten": {"bevolking": "50", "inbreng": "50"}},
        "onderdelen": [
            {"soort": "vast", "naam": "Basispakket", "bedrag": "rest", "btw": "vrijgesteld"},
            {
                "soort": "gebruik",
                "naam": "Maatwerk",
                "grondslag": "raming",
                "urensoorten": ["opdracht"],
                "regels": [{"gemeente": codes[0], "uren": "12.5", "tarief": "90"}],
                "btw": "21",
            },
            {
                "soort": "gezamenlijk",
                "naam": "Samen",
                "bedrag": "1000",
                "deelnemers": codes,
                "methode": "shapley",
                "standaloneKosten": dict.fromkeys(codes, "600"),
                "coalitiekosten": [{"deelnemers": codes[:2], "bedrag": "800"}],
            },
        ],
        "regels": {
            "startperiode": {"vanJaar": 2030, "totEnMetJaar": 2031},
            "groeiplafond": {"percentage": "3", "btw": "vrijgesteld"},
        },
        "gezamenlijkeOpdrachten": {"methode": "shapley"},
    }
    assert AuditEvent.objects.filter(actie="verdeelmodel.opstellen", object_id=str(model.pk)).exists()


def test_a_concept_is_changed_through_the_form_with_its_versie(controller: Any) -> None:
    model = _concept()
    url = f"/financien/verdeelmodellen/{model.pk}/bewerken"
    page = controller.get(f"/financien/verdeelmodellen/{model.pk}").content.decode()
    assert f'href="{url}"' in page and "JSON downloaden" in page
    html = controller.get(url).content.decode()
    assert html.count("<h1") == 1
    data = pagina_postdata(html)
    assert data["versie"] == str(model.versie)
    data["regels-groeiplafond"] = "2,5"
    data["model-omschrijving"] = "Met een groeiplafond."
    stale = data.copy()
    _druk(controller, url, data, "opslaan", 302)
    model.refresh_from_db()
    assert model.configuratie["regels"] == {"groeiplafond": {"percentage": "2.5"}}
    assert model.configuratie["onderdelen"][0] == {
        "soort": "vast",
        "naam": "Werkorganisatie",
        "bedrag": "begroting",
        "btw": "vrijgesteld",
    }
    assert model.omschrijving == "Met een groeiplafond."
    # the same form again: its versie is stale now
    stale["regels-groeiplafond"] = "9"
    r = _druk(controller, url, stale, "opslaan", 412)
    assert "intussen door iemand anders gewijzigd" in r.content.decode()
    model.refresh_from_db()
    assert model.configuratie["regels"]["groeiplafond"]["percentage"] == "2.5"


def test_a_vastgesteld_model_is_refused_409(controller: Any) -> None:
    model = Verdeelmodel.objects.get(samenwerkingsverband__slug="bel", naam="BEL hybride", volgnummer=1)
    assert model.is_vastgesteld
    url = f"/financien/verdeelmodellen/{model.pk}/bewerken"
    assert controller.get(url).status_code == 409
    r = controller.post(url, {"actie": "opslaan", "versie": model.versie})
    assert r.status_code == 409 and "nieuwe versie" in r.content.decode()
    assert f'href="{url}"' not in controller.get(f"/financien/verdeelmodellen/{model.pk}").content.decode()


@pytest.mark.parametrize("user", ["wethouder.blaricum", "directeur.bel", "raadslid.laren"])
def test_only_the_controller_opens_the_form(client: Any, user_named: Any, user: str) -> None:
    model = _concept()
    client.force_login(user_named(user))
    assert client.get(f"/financien/verdeelmodellen/{model.pk}/bewerken").status_code == 403
    assert (
        client.post(f"/financien/verdeelmodellen/{model.pk}/bewerken", {"actie": "opslaan"}).status_code
        == 403
    )
    assert client.post("/financien/bel/verdeelmodel-voorbeeld", {}).status_code == 403
    assert client.get(NIEUW).status_code == 403


def test_another_cooperation_does_not_see_the_form(client: Any, user_named: Any) -> None:
    model = _concept()
    andere = next(
        u
        for u in ("controller.kempen", "controller.groningen", "wethouder.eersel")
        if _bestaat(user_named, u)
    )
    client.force_login(user_named(andere))
    assert client.get(f"/financien/verdeelmodellen/{model.pk}/bewerken").status_code == 404
    assert client.get(f"/financien/verdeelmodellen/{model.pk}/json").status_code == 404
    assert client.post("/financien/bel/verdeelmodel-voorbeeld", {}).status_code == 404


def _bestaat(user_named: Any, naam: str) -> bool:
    try:
        user_named(naam)
    except Exception:
        return False
    return True


def _tellingen() -> tuple[int, int, int]:
    return Verdeelmodel.objects.count(), AuditEvent.objects.count(), Berekening.objects.count()


def test_the_preview_shows_each_partner_and_writes_nothing(controller: Any) -> None:
    model = _concept()
    url = f"/financien/verdeelmodellen/{model.pk}/bewerken"
    data = pagina_postdata(controller.get(url).content.decode())
    data["voorbeeld-jaar"] = "2025"
    data["sleutel-soort"] = "gelijk"
    voor = _tellingen()
    versie = model.versie
    html = _druk(controller, url, data, "voorbeeld").content.decode()  # without JavaScript
    live = controller.post("/financien/bel/verdeelmodel-voorbeeld", _als_lijsten(data))  # htmx
    assert live.status_code == 200
    for inhoud in (html, live.content.decode()):
        assert "bijdrage per gemeente" in inhoud
        for naam in ("Blaricum", "Eemnes", "Laren"):
            assert naam in inhoud
        assert "33,33" in inhoud  # equal shares of three
    assert "<h1" not in live.content.decode()
    assert _tellingen() == voor
    model.refresh_from_db()
    assert model.versie == versie and model.configuratie["verdeelsleutel"] == {"soort": "bevolking"}


def test_errors_name_the_field_and_link_to_it(controller: Any) -> None:
    codes = _codes()
    model = _concept()
    url = f"/financien/verdeelmodellen/{model.pk}/bewerken"
    data = pagina_postdata(controller.get(url).content.decode())
    data["onderdeel-0-naam"] = ""
    data["sleutel-soort"] = "percentages"
    for i, _code in enumerate(codes):
        data[f"sleutel-pct-{i}-waarde"] = "30"
    # a form error: the part's name
    html = _druk(controller, url, data, "opslaan", 400).content.decode()
    assert 'href="#id_onderdeel-0-naam"' in html and "Naam van het onderdeel" in html
    # a rule of the core: percentages summing to 90, named at the key
    data["onderdeel-0-naam"] = "Werkorganisatie"
    html = _druk(controller, url, data, "opslaan", 400).content.decode()
    assert "tellen op tot 90" in html and 'href="#id_sleutel-soort"' in html
    # the preview for a year without a budget: named at the part's amount
    data[f"sleutel-pct-{len(codes) - 1}-waarde"] = "40"
    data["voorbeeld-jaar"] = "2031"
    live = controller.post("/financien/bel/verdeelmodel-voorbeeld", _als_lijsten(data)).content.decode()
    assert "Er is geen begroting 2031" in live and 'href="#id_onderdeel-0-bedrag_bron-groep"' in live
    model.refresh_from_db()
    assert model.configuratie["verdeelsleutel"] == {"soort": "bevolking"}


def test_json_import_fills_the_form_and_stores_nothing(controller: Any) -> None:
    tekst = json.dumps(
        {
            "verdeelmodel": {
                "naam": "BAR-achtig",
                "verdeelsleutel": {"soort": "inbreng"},
                "onderdelen": [
                    {"soort": "vast", "naam": "Basispakket", "bedrag": "48500000.00", "btw": "vrijgesteld"}
                ],
            }
        }
    )
    voor = _tellingen()
    r = controller.post(NIEUW, {"actie": "importeren", "json": tekst})
    assert r.status_code == 200
    data = pagina_postdata(r.content.decode())
    assert data["model-naam"] == "BAR-achtig" and data["onderdeel-0-bedrag"] == "48500000,00"
    assert data["sleutel-soort"] == "inbreng"
    upload = SimpleUploadedFile("model.json", tekst.encode("utf-8"), content_type="application/json")
    r = controller.post(NIEUW, {"actie": "importeren", "bestand": upload})
    assert r.status_code == 200 and "Basispakket" in r.content.decode()
    assert _tellingen() == voor


@pytest.mark.parametrize(
    ("tekst", "bericht"),
    [
        ('{"a":' * 5_000 + "1" + "}" * 5_000, "te diep genest"),
        ("[" * 60 + "]" * 60, "te diep genest"),
        ("{kapot", "Geen geldige JSON"),
        (
            '{"verdeelsleutel": {"soort": "gelijk"}, "onderdelen": [{"soort": "vast", "naam": "A", "bedrg": "1"}]}',
            "onderdelen[0].bedrg",
        ),
        ('{"verdeelmodellen": [{"naam": "A"}, {"naam": "B"}]}', "importeer er één tegelijk"),
    ],
)
def test_bad_json_import_is_400_naming_what_is_wrong(controller: Any, tekst: str, bericht: str) -> None:
    r = controller.post(NIEUW, {"actie": "importeren", "json": tekst})
    assert r.status_code == 400
    assert bericht in r.content.decode()


def test_json_download_is_the_configuration(client: Any, user_named: Any) -> None:
    from seta.autorisaties.actor import actor_for
    from seta.financien import selectors

    model = Verdeelmodel.objects.get(
        samenwerkingsverband__slug="bel", naam="Naar gebruik met Shapley", volgnummer=1
    )
    client.force_login(user_named("raadslid.laren"))
    r = client.get(f"/financien/verdeelmodellen/{model.pk}/json")
    assert r.status_code == 200 and "attachment" in r["Content-Disposition"]
    assert json.loads(r.content) == selectors.configuratie_for(actor_for(user_named("raadslid.laren")), model)


def test_an_unknown_button_is_400(controller: Any) -> None:
    data = pagina_postdata(controller.get(NIEUW).content.decode())
    for actie in ("verwijder:99", "omhoog:x", "toevoegen:iets"):
        _druk(controller, NIEUW, data, actie, 400)
    assert re.search(r"Onbekende knop", _druk(controller, NIEUW, data, "regel:7", 400).content.decode())


def test_the_form_is_usable_with_a_screen_reader(controller: Any) -> None:
    """Every id once, every label pointing at an input, every visible input labelled, a legend per fieldset."""
    html = controller.get(NIEUW).content.decode()
    data = pagina_postdata(html)
    for actie in ("toevoegen:gebruik", "regel:1", "toevoegen:gezamenlijk", "coalitie:2"):
        html = _druk(controller, NIEUW, data, actie).content.decode()
        data = pagina_postdata(html)
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    labels = set(re.findall(r'<label[^>]*\sfor="([^"]+)"', html))
    assert labels <= set(ids), labels - set(ids)
    for tag in re.findall(r"<(?:input|select|textarea)\b[^>]*>", html):
        if 'type="hidden"' in tag or 'type="checkbox"' in tag or 'type="radio"' in tag:
            continue  # checkboxes and radios: labelled by their own label inside the fieldset's legend
        veld = re.search(r'\sid="([^"]+)"', tag)
        assert veld and veld[1] in labels, tag
    assert html.count("<fieldset") == html.count("<legend")
    for legend in (
        "Onderdeel 1: Vast bedrag",
        "Onderdeel 2: Naar gebruik",
        "Onderdeel 3: Gezamenlijk product",
        "Regel 1",
        "Deelcoalitie 1",
    ):
        assert legend in html
    assert 'aria-live="polite"' in html
