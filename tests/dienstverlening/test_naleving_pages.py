"""The compliance pages: overview, a DVO, one norm's periods, the export and the home panel."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client

from . import naleving_fixtures as f

pytestmark = pytest.mark.django_db


def client_as(user_named, username: str) -> Client:
    c = Client()
    c.force_login(user_named(username))
    return c


@pytest.fixture
def met_zaken(nw: f.NalevingWereld) -> f.NalevingWereld:
    imp = f.importeer(nw.bel, None, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    for k, binnen in ((1, 10), (2, 7), (3, 6), (4, 5)):
        f.zaken_in_kwartaal(imp, nw.omgevingsvergunning, nw.laren, jaar=2025, kwartaal=k, binnen=binnen)
    f.zaken_in_kwartaal(imp, f.item("bel", "paspoort"), nw.laren, jaar=2025, kwartaal=4, aantal=4)
    return nw


def test_the_overview_lists_the_visible_dvos(met_zaken: f.NalevingWereld, user_named) -> None:
    html = client_as(user_named, "raadslid.laren").get("/dienstverlening/naleving/").content.decode()
    assert html.count("<h1") == 1
    assert "DVO-BEL-LAR" in html and "DVO-BEL versie 1" in html and "DVO-BEL-BLA" not in html
    assert '<th scope="col"' in html and "<caption" in html


def test_the_dvo_page_in_dutch(met_zaken: f.NalevingWereld, user_named) -> None:
    nw = met_zaken
    response = client_as(user_named, "regisseur.laren").get(
        f"/dienstverlening/naleving/{nw.dvo_laren.pk}?jaar=2025"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "50,0 % binnen 8 weken" in html  # 2025 K4
    assert "Niet gehaald" in html and "slechter dan de vorige periode" in html
    assert "20 kalenderdagen" in html  # median
    assert "Escalatieroute" in html and "Gemeentesecretaris" in html


def test_the_norm_page_shows_all_periods(met_zaken: f.NalevingWereld, user_named) -> None:
    nw = met_zaken
    url = f"/dienstverlening/naleving/{nw.dvo_laren.pk}/normen/{nw.norm_laren.pk}/gemeenten/{nw.laren.pk}"
    html = client_as(user_named, "directeur.bel").get(url).content.decode()
    for label in ("2025 K1", "2025 K2", "2025 K3", "2025 K4"):
        assert label in html
    assert "Gehaald" in html and "100,0 %" in html
    # another partner's norm of this DVO does not exist for this URL
    other = (
        f"/dienstverlening/naleving/{nw.dvo_laren.pk}/normen/{nw.norm_laren.pk}/gemeenten/{nw.blaricum.pk}"
    )
    assert client_as(user_named, "directeur.bel").get(other).status_code == 404


def test_others_get_404(met_zaken: f.NalevingWereld, user_named) -> None:
    nw = met_zaken
    for username in ("raadslid.blaricum", "directeur.kempen", "medewerker.bel"):
        c = client_as(user_named, username)
        assert c.get(f"/dienstverlening/naleving/{nw.dvo_laren.pk}").status_code == 404, username
        assert c.get(f"/dienstverlening/naleving/{nw.dvo_laren.pk}/export").status_code == 404, username


def test_the_export_csv_and_xlsx(met_zaken: f.NalevingWereld, user_named) -> None:
    nw = met_zaken
    nw.omgevingsvergunning.naam = '=HYPERLINK("x")'
    nw.omgevingsvergunning.save()
    c = client_as(user_named, "controller.bel")
    csv = c.get(f"/dienstverlening/naleving/{nw.dvo_laren.pk}/export?formaat=csv&jaar=2025")
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    tekst = csv.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in tekst and ";2025 K2;" in tekst and ";70,0;" in tekst
    xlsx = c.get(f"/dienstverlening/naleving/{nw.dvo_laren.pk}/export?formaat=xlsx")
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(xlsx.content)).active
    waarden = [cel.value for rij in ws.iter_rows() for cel in rij]
    assert "Percentage binnen de norm" in waarden and '=HYPERLINK("x")' in waarden
    assert c.get(f"/dienstverlening/naleving/{nw.dvo_laren.pk}/export?formaat=pdf").status_code == 400


def test_bad_filters_are_a_400(nw: f.NalevingWereld, user_named) -> None:
    c = client_as(user_named, "directeur.bel")
    assert c.get(f"/dienstverlening/naleving/{nw.dvo_laren.pk}?jaar=abc").status_code == 400
    assert c.get("/dienstverlening/naleving/?gemeente=0").status_code == 400


def test_the_home_panel(met_zaken: f.NalevingWereld, user_named) -> None:
    html = client_as(user_named, "raadslid.laren").get("/").content.decode()
    assert "Normen niet gehaald" in html and "Omgevingsvergunning bouwen, Laren" in html
    assert "Normen niet gehaald" not in client_as(user_named, "medewerker.bel").get("/").content.decode()
    assert (
        "Omgevingsvergunning bouwen, Laren"
        in client_as(user_named, "wethouder.blaricum").get("/").content.decode()
    )


def test_the_dvo_page_shows_the_last_periods_with_data(met_zaken: f.NalevingWereld, user_named) -> None:
    html = (
        client_as(user_named, "directeur.bel")
        .get(f"/dienstverlening/naleving/{met_zaken.dvo_laren.pk}")
        .content.decode()
    )
    for label in ("2025 K1", "2025 K2", "2025 K3", "2025 K4"):
        assert label in html
    assert "2026 K1" not in html  # the import lags behind the calendar: no empty periods shown
