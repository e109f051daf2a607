"""GET /api/v1/naleving: the figures per partner × service × norm × period, filtered and scoped."""

from __future__ import annotations

import datetime as dt

import pytest

from . import naleving_fixtures as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def met_zaken(nw: f.NalevingWereld) -> f.NalevingWereld:
    imp = f.importeer(nw.bel, None, dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    for g, binnen in ((nw.laren, 10), (nw.blaricum, 6)):
        f.zaken_in_kwartaal(imp, nw.omgevingsvergunning, g, jaar=2025, kwartaal=1, binnen=binnen)
        f.zaken_in_kwartaal(imp, nw.omgevingsvergunning, g, jaar=2025, kwartaal=2, binnen=binnen - 2)
    return nw


def _get(api_as, user: str, **params: object) -> dict:
    response = api_as(user).get("/api/v1/naleving", params)
    assert response.status_code == 200, response.content
    return response.json()


def test_camel_case_figures_per_period(met_zaken: f.NalevingWereld, api_as) -> None:
    nw = met_zaken
    data = _get(api_as, "controller.bel", dvo=nw.dvo_blaricum.pk, jaar=2025)
    assert data["count"] == 1
    regel = data["results"][0]
    assert regel["dvoKenmerk"] == "DVO-BEL-BLA" and regel["gemeenteNaam"] == "Blaricum"
    assert regel["normsoort"] == "doorlooptijd" and regel["eis"] == "95 % binnen 8 weken"
    k1, k2 = regel["perioden"][:2]
    assert k1["naam"] == "2025 K1" and k1["periode"] == "2025-K1"
    assert k1["percentageBinnenNorm"] == "60.0" and k1["oordeel"] == "niet_gehaald" and k1["trend"] is None
    assert k2["percentageBinnenNorm"] == "40.0" and k2["trend"] == "slechter"
    assert k2["besloten"] == 10 and k2["binnenNorm"] == 4 and k2["p90"] == 70 and k2["openOverTermijn"] == 0
    assert len(regel["perioden"]) == 4  # 2025 only


def test_filters_and_period_range(met_zaken: f.NalevingWereld, api_as) -> None:
    nw = met_zaken
    data = _get(
        api_as, "directeur.bel", gemeente=nw.laren.pk, periodeVan="2025-04-01", periodeTot="2025-06-30"
    )
    kenmerken = sorted(r["dvoKenmerk"] for r in data["results"])
    assert kenmerken == ["DVO-BEL", "DVO-BEL-LAR"]
    assert all([p["naam"] for p in r["perioden"]] == ["2025 K2"] for r in data["results"])
    data = _get(api_as, "directeur.bel", catalogusitem=nw.omgevingsvergunning.pk)
    assert sorted(r["dvoKenmerk"] for r in data["results"]) == ["DVO-BEL-BLA", "DVO-BEL-LAR"]


def test_bad_parameters_are_a_400_naming_them(nw: f.NalevingWereld, api_as) -> None:
    response = api_as("directeur.bel").get("/api/v1/naleving", {"periodeVan": "morgen", "dvo": "x"})
    assert response.status_code == 400
    namen = {p["name"] for p in response.json()["invalidParams"]}
    assert {"periodeVan", "dvo"} <= namen
    response = api_as("directeur.bel").get(
        "/api/v1/naleving", {"periodeVan": "2025-05-01", "periodeTot": "2025-01-01"}
    )
    assert response.status_code == 400


def test_scoped_to_what_the_caller_may_see(met_zaken: f.NalevingWereld, api_as) -> None:
    nw = met_zaken
    raadslid = _get(api_as, "raadslid.laren")
    assert {(r["dvoKenmerk"], r["gemeenteNaam"]) for r in raadslid["results"]} == {
        ("DVO-BEL-LAR", "Laren"),
        ("DVO-BEL", "Blaricum"),
        ("DVO-BEL", "Eemnes"),
        ("DVO-BEL", "Laren"),
    }
    assert _get(api_as, "raadslid.laren", dvo=nw.dvo_blaricum.pk)["count"] == 0
    assert _get(api_as, "directeur.kempen")["count"] == 1
    assert _get(api_as, "medewerker.bel")["count"] == 0
    assert api_as(None).get("/api/v1/naleving").status_code in (401, 403)


def test_pagination(met_zaken: f.NalevingWereld, api_as) -> None:
    data = _get(api_as, "beheerder", paginaGrootte=2)
    assert data["count"] == 6 and len(data["results"]) == 2 and data["next"]
