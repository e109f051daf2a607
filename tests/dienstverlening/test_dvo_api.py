"""The DVO API: create, PATCH with If-Match (428/412), services with norms, the action routes, problem+json."""

from __future__ import annotations

from typing import Any

import pytest

from seta.dienstverlening.models import Dienstverleningsovereenkomst

from .dvo_hulp import concept, item

pytestmark = pytest.mark.django_db
BASIS = "/api/v1/dienstverleningsovereenkomsten"


def _nieuw(api: Any, **extra: Any) -> Any:
    return api.post(
        BASIS,
        {
            "samenwerkingsverband": "bel",
            "gemeente": "laren",
            "kenmerk": "DVO-API",
            "titel": "Via de API",
            "ingangsdatum": "2030-01-01",
            "einddatum": "2031-12-31",
            "rapportageritme": "kwartaal",
            "escalatie": [{"niveau": "beleidsregisseur", "termijnDagen": 10}],
            **extra,
        },
        format="json",
    )


def test_list_filters_and_retrieve_with_nested_parts(api_as: Any) -> None:
    api = api_as("controller.bel")
    lijst = api.get(BASIS, {"samenwerkingsverband": "bel", "gemeente": "eemnes"}).json()
    assert {r["kenmerk"] for r in lijst["results"]} == {"DVO-BEL-EEM"}
    assert len(api.get(BASIS, {"status": "concept"}).json()["results"]) == 1
    pk = Dienstverleningsovereenkomst.objects.get(kenmerk="DVO-BEL-BLA").pk
    response = api.get(f"{BASIS}/{pk}")
    assert response["ETag"].startswith('W/"')
    data = response.json()
    assert data["status"] == "vastgesteld" and data["aantalDiensten"] == 12
    afspraak = next(a for a in data["afspraken"] if a["catalogusitemNaam"] == "Omgevingsvergunning bouwen")
    assert {n["soort"] for n in afspraak["normen"]} == {"doorlooptijd", "kwaliteit", "volume"}
    assert data["besluitBestuur"]["orgaan"] == "dagelijks_bestuur"
    assert data["collegebesluiten"][0]["gemeente"] == "blaricum"
    assert [s["niveau"] for s in data["escalatie"]] == [
        "beleidsregisseur",
        "gemeentesecretaris",
        "dagelijks_bestuur",
    ]
    assert data["toegestaneActies"] == ["nieuwe_versie"]


def test_create_patch_with_if_match(api_as: Any) -> None:
    api = api_as("directeur.bel")
    response = _nieuw(api)
    assert response.status_code == 201, response.json()
    pk, etag = response.json()["id"], response["ETag"]
    assert api.patch(f"{BASIS}/{pk}", {"titel": "Anders"}, format="json").status_code == 428
    assert (
        api.patch(f"{BASIS}/{pk}", {"titel": "Anders"}, format="json", HTTP_IF_MATCH='W/"999"').status_code
        == 412
    )
    ok = api.patch(f"{BASIS}/{pk}", {"titel": "Anders", "openbaar": True}, format="json", HTTP_IF_MATCH=etag)
    assert ok.status_code == 200 and ok.json()["titel"] == "Anders" and ok.json()["openbaar"] is True


def test_invalid_input_is_problem_json_naming_fields(api_as: Any) -> None:
    api = api_as("directeur.bel")
    response = _nieuw(api, kenmerk="", gemeente="bergeijk", einddatum="2020-01-01")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    namen = {p["name"] for p in response.json()["invalidParams"]}
    assert {"kenmerk"} <= namen
    response = _nieuw(api, gemeente="bergeijk", einddatum="2020-01-01")
    namen = {p["name"] for p in response.json()["invalidParams"]}
    assert {"gemeente", "einddatum"} <= namen


def test_services_with_norms_through_the_api(api_as: Any) -> None:
    api = api_as("directeur.bel")
    created = _nieuw(api)
    pk, etag = created.json()["id"], created["ETag"]
    fout = api.post(
        f"{BASIS}/{pk}/afspraken",
        {"catalogusitem": item().pk, "normen": [{"soort": "doorlooptijd", "omschrijving": "Besluit"}]},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert fout.status_code == 400
    assert {"normen[0].termijn", "normen[0].dagsoort", "normen[0].streefpercentage"} <= {
        p["name"] for p in fout.json()["invalidParams"]
    }
    norm = {
        "soort": "doorlooptijd",
        "omschrijving": "Besluit",
        "termijn": 56,
        "dagsoort": "kalenderdagen",
        "streefpercentage": "90",
    }
    ok = api.post(
        f"{BASIS}/{pk}/afspraken",
        {"catalogusitem": item().pk, "normen": [norm]},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert ok.status_code == 201
    afspraak_id = ok.json()["afspraken"][0]["id"]
    assert (
        ok.json()["afspraken"][0]["normen"][0]["tekst"]
        == "Doorlooptijd: 8 weken (56 kalenderdagen), streefpercentage 90 %"
    )
    assert (
        api.patch(
            f"{BASIS}/{pk}/afspraken/{afspraak_id}", {"toelichting": "x"}, format="json", HTTP_IF_MATCH=etag
        ).status_code
        == 412
    )
    gewijzigd = api.patch(
        f"{BASIS}/{pk}/afspraken/{afspraak_id}",
        {"normen": [{**norm, "streefpercentage": "95"}]},
        format="json",
        HTTP_IF_MATCH=ok["ETag"],
    )
    assert gewijzigd.status_code == 200
    assert gewijzigd.json()["afspraken"][0]["normen"][0]["streefpercentage"] == "95.00"
    weg = api.delete(f"{BASIS}/{pk}/afspraken/{afspraak_id}", HTTP_IF_MATCH=gewijzigd["ETag"])
    assert weg.status_code == 200 and weg.json()["afspraken"] == []


def test_the_actions_from_the_table(api_as: Any, actor_named: Any) -> None:
    dvo = concept(actor_named)
    url = f"{BASIS}/{dvo.pk}"
    college = api_as("burgemeester.blaricum")
    etag = college.get(url)["ETag"]
    besluit = {"besluit": {"orgaan": "college", "kenmerk": "B&W 2026-40", "datum": "2026-10-06"}}
    assert college.post(f"{url}/collegebesluit", besluit, format="json").status_code == 428
    assert (
        college.post(
            f"{url}/vaststellen",
            {"besluit": {**besluit["besluit"], "orgaan": "dagelijks_bestuur"}},
            format="json",
            HTTP_IF_MATCH=etag,
        ).status_code
        == 403
    )
    ok = college.post(f"{url}/collegebesluit", besluit, format="json", HTTP_IF_MATCH=etag)
    assert ok.status_code == 200 and ok.json()["ontbrekendeColleges"] == []
    db = api_as("burgemeester.laren")
    fout = db.post(
        f"{url}/vaststellen",
        {"besluit": {"orgaan": "dagelijks_bestuur", "kenmerk": "", "datum": "2099-01-01"}},
        format="json",
        HTTP_IF_MATCH=ok["ETag"],
    )
    assert fout.status_code == 400
    vast = db.post(
        f"{url}/vaststellen",
        {"besluit": {"orgaan": "dagelijks_bestuur", "kenmerk": "DB 9", "datum": "2026-10-20"}},
        format="json",
        HTTP_IF_MATCH=ok["ETag"],
    )
    assert vast.status_code == 200 and vast.json()["status"] == "vastgesteld"
    assert (
        db.post(
            f"{url}/vaststellen",
            {"besluit": {"orgaan": "dagelijks_bestuur", "kenmerk": "DB 9", "datum": "2026-10-20"}},
            format="json",
            HTTP_IF_MATCH=vast["ETag"],
        ).status_code
        == 409
    )
    directeur = api_as("directeur.bel")
    assert directeur.patch(url, {"titel": "x"}, format="json", HTTP_IF_MATCH=vast["ETag"]).status_code == 409
    nieuw = directeur.post(f"{url}/nieuwe-versie", {}, format="json", HTTP_IF_MATCH=vast["ETag"])
    assert nieuw.status_code == 201 and nieuw.json()["volgnummer"] == 2 and nieuw.json()["vorige"] == dvo.pk
    historie = directeur.get(f"{url}/historie").json()
    assert "Vastgesteld" in [g["wat"] for g in historie]


def test_other_cooperations_get_404(api_as: Any) -> None:
    pk = Dienstverleningsovereenkomst.objects.get(kenmerk="DVO-BEL-LAR").pk
    api = api_as("directeur.kempen")
    assert api.get(f"{BASIS}/{pk}").status_code == 404
    assert api.get(BASIS).json()["results"] == []
