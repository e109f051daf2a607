"""The DVO pages: the list, the agreement with norms in words, the forms, the decisions and their refusals."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from seta.dienstverlening import lifecycle
from seta.dienstverlening.models import Dienstverleningsovereenkomst

from .dvo_hulp import COLLEGE_BESLUIT, concept, item

pytestmark = pytest.mark.django_db


def _client(user_named: Any, naam: str) -> Client:
    client = Client()
    client.force_login(user_named(naam))
    return client


def _dvo(kenmerk: str = "DVO-BEL-BLA", volgnummer: int = 1) -> Dienstverleningsovereenkomst:
    return Dienstverleningsovereenkomst.objects.get(kenmerk=kenmerk, volgnummer=volgnummer)


def test_the_list_shows_the_partners_agreements(user_named: Any) -> None:
    response = _client(user_named, "directeur.bel").get("/dienstverlening/dvo")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    for kenmerk in ("DVO-BEL-BLA", "DVO-BEL-EEM", "DVO-BEL-LAR"):
        assert kenmerk in html
    assert "Nieuwe overeenkomst opstellen" in html
    assert 'scope="col"' in html and "<caption" in html


def test_the_menu_shows_dienstverlening_to_who_reads_a_dvo(user_named: Any) -> None:
    assert "Dienstverlening" in _client(user_named, "raadslid.laren").get("/").content.decode()
    assert ">Dienstverlening<" not in _client(user_named, "medewerker.bel").get("/").content.decode()


def test_the_detail_page_shows_norms_in_words_and_decisions(user_named: Any) -> None:
    response = _client(user_named, "regisseur.blaricum").get(f"/dienstverlening/dvo/{_dvo().pk}")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Doorlooptijd: 8 weken (56 kalenderdagen), streefpercentage 90 %, Omgevingswet art. 16.64" in html
    assert "Kwaliteit: minimumscore 7,0" in html
    assert "College van Blaricum, vergadering van 26 november 2024" in html
    assert "Dagelijks bestuur, vergadering van 12 december 2024" in html
    assert "1 januari 2025 tot en met 31 december 2029" in html
    assert "Beleidsregisseur van de gemeente, na 10 dagen" in html
    assert "data-actie" not in html  # a beleidsregisseur only reads


def test_other_partners_see_a_non_public_dvo_as_404(user_named: Any) -> None:
    assert _client(user_named, "raadslid.laren").get(f"/dienstverlening/dvo/{_dvo().pk}").status_code == 404
    assert (
        _client(user_named, "raadslid.laren")
        .get(f"/dienstverlening/dvo/{_dvo('DVO-BEL-LAR').pk}")
        .status_code
        == 200
    )
    assert (
        _client(user_named, "raadslid.eemnes")
        .get(f"/dienstverlening/dvo/{_dvo('DVO-BEL-LAR').pk}")
        .status_code
        == 200
    )


def test_the_directeur_drafts_a_dvo_and_adds_a_service_with_norms(user_named: Any) -> None:
    client = _client(user_named, "directeur.bel")
    response = client.get("/dienstverlening/dvo/nieuw/bel")
    assert response.status_code == 200
    response = client.post(
        "/dienstverlening/dvo/nieuw/bel",
        {
            "kenmerk": "DVO-WEB",
            "titel": "Via de pagina",
            "gemeente": "eemnes",
            "ingangsdatum": "2030-01-01",
            "einddatum": "2030-12-31",
            "rapportageritme": "kwartaal",
        },
    )
    assert response.status_code == 302
    dvo = Dienstverleningsovereenkomst.objects.get(kenmerk="DVO-WEB")
    url = f"/dienstverlening/dvo/{dvo.pk}/diensten/nieuw"
    assert client.get(url).status_code == 200
    fout = client.post(
        url,
        {
            "versie": dvo.versie,
            "catalogusitem": item().pk,
            "d1_omschrijving": "Besluit",
            "d1_termijn": "",
            "k_omschrijving": "Tevredenheid",
            "k_minimumscore": "",
        },
    )
    assert fout.status_code == 400
    html = fout.content.decode()
    assert "Een doorlooptijd heeft een termijn" in html and "minimumscore van 0 tot en met 10" in html
    goed = client.post(
        url,
        {
            "versie": dvo.versie,
            "catalogusitem": item().pk,
            "d1_omschrijving": "Besluit",
            "d1_termijn": "40",
            "d1_dagsoort": "werkdagen",
            "d1_streefpercentage": "95",
            "d1_wettelijke_grondslag": "Awb art. 4:13",
        },
    )
    assert goed.status_code == 302
    pagina = client.get(f"/dienstverlening/dvo/{dvo.pk}").content.decode()
    assert "Doorlooptijd: 8 weken (40 werkdagen), streefpercentage 95 %, Awb art. 4:13" in pagina
    assert client.get(f"/dienstverlening/dvo/{dvo.pk}/escalatie").status_code == 200
    esc = client.post(
        f"/dienstverlening/dvo/{dvo.pk}/escalatie",
        {
            "versie": dvo.versie + 1,
            "niveau_1": "beleidsregisseur",
            "dagen_1": "5",
            "niveau_2": "dagelijks_bestuur",
        },
    )
    assert esc.status_code == 302
    assert [s.niveau for s in dvo.escalatie.all()] == ["beleidsregisseur", "dagelijks_bestuur"]


def test_the_college_decision_needs_the_confirmation(user_named: Any, actor_named: Any) -> None:
    dvo = concept(actor_named)
    client = _client(user_named, "burgemeester.blaricum")
    pagina = client.get(f"/dienstverlening/dvo/{dvo.pk}").content.decode()
    assert 'data-actie="collegebesluit"' in pagina and 'data-actie="vaststellen"' not in pagina
    url = f"/dienstverlening/dvo/{dvo.pk}/collegebesluit"
    data = {
        "collegebesluit-versie": dvo.versie,
        "collegebesluit-orgaan": "college",
        "collegebesluit-kenmerk": "B&W 12",
        "collegebesluit-datum": COLLEGE_BESLUIT.datum.isoformat(),
    }
    assert client.post(url, data).status_code == 400
    assert client.post(url, {**data, "collegebesluit-bevestigd": "on"}).status_code == 302
    dvo.refresh_from_db()
    assert dvo.collegebesluiten.get().gemeente.slug == "blaricum"


def test_the_board_step_names_the_missing_college(user_named: Any, actor_named: Any) -> None:
    dvo = concept(actor_named)
    client = _client(user_named, "burgemeester.laren")
    response = client.post(
        f"/dienstverlening/dvo/{dvo.pk}/vaststellen",
        {
            "vaststellen-versie": dvo.versie,
            "vaststellen-orgaan": "dagelijks_bestuur",
            "vaststellen-kenmerk": "DB 1",
            "vaststellen-datum": "2026-10-20",
            "vaststellen-bevestigd": "on",
        },
    )
    assert response.status_code == 409
    assert "college van Blaricum ontbreekt nog" in response.content.decode()


def test_an_adopted_dvo_cannot_be_edited_on_the_page(user_named: Any) -> None:
    client = _client(user_named, "directeur.bel")
    response = client.get(f"/dienstverlening/dvo/{_dvo().pk}/wijzigen")
    assert response.status_code == 409
    assert "nieuwe versie" in response.content.decode()
    assert client.get(f"/dienstverlening/dvo/{_dvo().pk}/wijzigen").status_code == 409
    nieuw = client.post(
        f"/dienstverlening/dvo/{_dvo().pk}/nieuwe-versie", {"nieuwe_versie-versie": _dvo().versie}
    )
    assert nieuw.status_code == 302
    assert _dvo(volgnummer=2).status == lifecycle.CONCEPT


def test_a_refused_button_is_a_403_page(user_named: Any, actor_named: Any) -> None:
    dvo = concept(actor_named)
    response = _client(user_named, "regisseur.blaricum").post(
        f"/dienstverlening/dvo/{dvo.pk}/vaststellen", {"vaststellen-versie": dvo.versie}
    )
    assert response.status_code == 403


def test_the_catalogue_item_links_to_its_dvos(user_named: Any) -> None:
    html = _client(user_named, "directeur.bel").get(f"/catalogus/{item('paspoort').pk}").content.decode()
    assert "DVO-BEL-BLA versie 1" in html and "/dienstverlening/dvo/" in html


def test_a_joint_dvo_shows_its_annexes_and_each_college(user_named: Any, actor_named: Any) -> None:
    from seta.dienstverlening import services
    from seta.gemeenten.models import Gemeente

    dvo = concept(actor_named, gemeente=None, kenmerk="DVO-ALLEN")
    services.add_afspraak(
        actor=actor_named("directeur.bel"),
        dvo=dvo,
        catalogusitem=item("bijstand"),
        gemeente=Gemeente.objects.get(slug="laren"),
        normen=[{"soort": "kwaliteit", "omschrijving": "Tevredenheid", "minimumscore": "7.5"}],
    )
    html = _client(user_named, "raadslid.eemnes").get(f"/dienstverlening/dvo/{dvo.pk}").content.decode()
    assert "Alle deelnemers (met een bijlage per deelnemer)" in html
    assert "Kwaliteit: minimumscore 7,5" in html
    for naam in ("Blaricum", "Eemnes", "Laren"):
        assert f"College van {naam}: <strong>nog geen besluit</strong>" in html
    form = (
        _client(user_named, "directeur.bel")
        .get(f"/dienstverlening/dvo/{dvo.pk}/diensten/nieuw")
        .content.decode()
    )
    assert "Bijlage van deelnemer" in form
