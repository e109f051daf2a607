"""The scan API as a client would use it: questionnaire, scans with If-Match, berekenen, stateless file scan."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from seta.scan.models import Scansessie
from seta.scan.scoring import load_answer_file, resultaat_als_dict, scan

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "scan"
VERPLICHT = {
    "urgentie_college": 4,
    "urgentie_raad": 4,
    "urgentie_ambtelijk": "weet niet",
    "voordelen_gezien": 4,
    "vertrouwen": 4,
    "snel_financieel_voordeel": 2,
    "alternatief_voorkeur": "geen",
}


def _names(response: Any) -> set[str]:
    assert response["Content-Type"] == "application/problem+json", response.content
    return {p["name"] for p in response.json()["invalidParams"]}


def test_questionnaire_lists_every_question_with_its_seed_passage(
    api_as: Callable[[str | None], APIClient],
) -> None:
    response = api_as("raadslid.laren").get("/api/v1/scanvragen")
    assert response.status_code == 200
    vragen = response.json()["results"]
    ids = [v["id"] for v in vragen]
    assert "urgentie_college" in ids and "lijk_in_de_kast" in ids and "gideonsbende" in ids
    urgentie = next(v for v in vragen if v["id"] == "urgentie_college")
    assert urgentie["verplicht"] is True
    assert urgentie["bron"]["regels"] == "731-745"
    assert urgentie["schaal"]["min"] == 1 and urgentie["schaal"]["max"] == 5
    assert "weet niet" in urgentie["toegestaneWaarden"]
    one = api_as("raadslid.laren").get("/api/v1/scanvragen/lijk_in_de_kast")
    assert one.status_code == 200 and one.json()["soort"] == "janee"
    assert api_as("raadslid.laren").get("/api/v1/scanvragen/bestaat_niet").status_code == 404


def test_bad_answers_get_400_naming_the_question(api_as: Callable[[str | None], APIClient]) -> None:
    client = api_as("wethouder.blaricum")
    response = client.post(
        "/api/v1/scans",
        {
            "naam": "Foute invoer",
            "partners": [{"gemeente": "GM0376"}, {"gemeente": "GM9999"}],
            "antwoorden": {"urgentie_college": 7, "lijk_in_de_kast": "misschien", "bestaat_niet": 1},
        },
        format="json",
    )
    assert response.status_code == 400
    assert _names(response) == {
        "partners[1].gemeente",
        "antwoorden.urgentie_college",
        "antwoorden.lijk_in_de_kast",
        "antwoorden.bestaat_niet",
    }
    reasons = " ".join(p["reason"] for p in response.json()["invalidParams"])
    assert "GM9999" in reasons and "buiten de schaal 1 tot en met 5" in reasons
    assert not Scansessie.objects.filter(naam="Foute invoer").exists()


def test_scan_lifecycle_with_if_match_and_berekenen(careful_api_as: Callable[[str], APIClient]) -> None:
    client = careful_api_as("wethouder.blaricum")
    response = client.post(
        "/api/v1/scans",
        {
            "naam": "BEL met Huizen",
            "partners": [{"gemeente": c} for c in ("GM0376", "GM0317", "GM0417", "GM0406")],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    scan_id = response.json()["id"]
    assert response["ETag"] == 'W/"1"'
    assert [p["naam"] for p in response.json()["partners"]] == ["Blaricum", "Eemnes", "Laren", "Huizen"]

    # A missing required answer blocks the calculation, naming each question id.
    response = client.post(f"/api/v1/scans/{scan_id}/berekenen")
    assert response.status_code == 400
    assert {f"antwoorden.{k}" for k in VERPLICHT} <= _names(response)

    # Save answers with an outdated version: 412.
    response = client.patch(
        f"/api/v1/scans/{scan_id}", {"antwoorden": VERPLICHT}, format="json", HTTP_IF_MATCH='W/"7"'
    )
    assert response.status_code == 412
    response = client.patch(
        f"/api/v1/scans/{scan_id}", {"antwoorden": VERPLICHT}, format="json", HTTP_IF_MATCH='W/"1"'
    )
    assert response.status_code == 200
    assert response["ETag"] == 'W/"2"'
    # Question ids stay as they are (not camel-cased) in the answers.
    assert response.json()["antwoorden"]["urgentie_college"] == 4

    # Removing one answer with null.
    response = client.patch(
        f"/api/v1/scans/{scan_id}", {"antwoorden": {"urgentie_raad": None}}, format="json"
    )
    assert "urgentie_raad" not in response.json()["antwoorden"]
    client.patch(f"/api/v1/scans/{scan_id}", {"antwoorden": {"urgentie_raad": 4}}, format="json")

    response = client.post(f"/api/v1/scans/{scan_id}/berekenen")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "afgerond"
    resultaat = body["resultaat"]
    assert [m["menu"] for m in resultaat["advies"]["menus"]] and len(resultaat["advies"]["menus"]) == 5
    factoren = {f["factor"]: f for f in resultaat["factoren"]}
    assert factoren["aantal_partners"]["risico"] in ("verhoogd", "hoog")  # four partners
    assert factoren["aantal_partners"]["soort"] == "berekend"
    assert resultaat["vergelijkbareCasussen"], "the case base was consulted"
    assert resultaat["advies"]["figuur3"][0]["tekens"].keys() == {"menu_1", "menu_2", "menu_3"}

    listing = client.get("/api/v1/scans?status=afgerond").json()
    assert scan_id in [s["id"] for s in listing["results"]]


def test_scans_are_private(api_as: Callable[[str | None], APIClient]) -> None:
    scan = Scansessie.objects.get(naam__startswith="Heumen zoekt", eigenaar__username="secretaris.laren")
    for username in ("wethouder.blaricum", "beheerder"):
        client = api_as(username)
        assert client.get(f"/api/v1/scans/{scan.pk}").status_code == 404
        assert client.patch(f"/api/v1/scans/{scan.pk}", {"naam": "x"}, format="json").status_code == 404
        assert client.post(f"/api/v1/scans/{scan.pk}/berekenen").status_code == 404
        assert client.delete(f"/api/v1/scans/{scan.pk}").status_code == 404
        assert client.get(f"/api/v1/scans/{scan.pk}/rapport.pdf").status_code == 404
        assert scan.pk not in [s["id"] for s in client.get("/api/v1/scans").json()["results"]]
    assert api_as(None).get("/api/v1/scans").status_code == 401
    own = api_as("secretaris.laren").get(f"/api/v1/scans/{scan.pk}")
    assert own.status_code == 200 and own.json()["naam"] == scan.naam


def test_pdf_is_also_served_for_formaat_pdf(
    api_as: Callable[[str | None], APIClient], monkeypatch: Any
) -> None:
    import seta.scan.views

    monkeypatch.setattr(seta.scan.views, "render_pdf", lambda request, template, context: b"%PDF-1.7 proef")
    scan = Scansessie.objects.get(naam__startswith="BEL 2007", eigenaar__username="secretaris.laren")
    response = api_as("secretaris.laren").get(f"/api/v1/scans/{scan.pk}?formaat=pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_stateless_scan_of_an_answer_file_matches_the_command_line(
    api_as: Callable[[str | None], APIClient],
) -> None:
    path = EXAMPLES / "bel-2007.yaml"
    body = yaml.safe_load(path.read_text(encoding="utf-8"))
    response = api_as("raadslid.laren").post("/api/v1/scan-berekening", body, format="json")
    assert response.status_code == 200, response.content
    api = response.json()
    invoer = load_answer_file(path)
    cli = resultaat_als_dict(scan(invoer.partners, invoer.antwoorden))
    assert api["risico"] == cli["risico"] and api["zekerheid"] == cli["zekerheid"]
    assert [(m["menu"], m["score"]) for m in api["advies"]["menus"]] == [
        (m["menu"], m["score"]) for m in cli["advies"]["menus"]
    ]
    assert [c["casusId"] for c in api["vergelijkbareCasussen"]] == [
        c["casus_id"] for c in cli["vergelijkbare_casussen"]
    ]
    # BEL chose Menu 2: the scan must not advise against it.
    menu_2 = next(m for m in api["advies"]["menus"] if m["menu"] == "menu_2")
    assert menu_2["status"] != "ontraden"
    assert not Scansessie.objects.filter(naam=body["naam"]).exists()  # nothing stored


def test_stateless_scan_names_every_bad_question_and_partner(
    api_as: Callable[[str | None], APIClient],
) -> None:
    body = {
        "partners": ["GM0252", {"code": "GM9999"}],
        "antwoorden": {**VERPLICHT, "urgentie_raad": 6, "vertrouwen": "veel", "onbekende_vraag": 1},
    }
    del body["antwoorden"]["alternatief_voorkeur"]  # type: ignore[attr-defined]
    response = api_as("raadslid.laren").post("/api/v1/scan-berekening", body, format="json")
    assert response.status_code == 400
    assert _names(response) == {
        "partners[1]",
        "antwoorden.urgentie_raad",
        "antwoorden.vertrouwen",
        "antwoorden.onbekende_vraag",
        "antwoorden.alternatief_voorkeur",
    }
    assert api_as(None).post("/api/v1/scan-berekening", body, format="json").status_code == 401


def test_case_base_is_read_by_all_and_written_by_the_beheerder(
    api_as: Callable[[str | None], APIClient], careful_api_as: Callable[[str], APIClient]
) -> None:
    listing = api_as("raadslid.laren").get("/api/v1/casussen?uitkomst=gestopt")
    assert listing.status_code == 200
    namen = [c["naam"] for c in listing.json()["results"]]
    assert "Heumen–Wijchen" in namen and all(c["uitkomst"] == "gestopt" for c in listing.json()["results"])
    casus = next(c for c in listing.json()["results"] if c["code"] == "heumen_wijchen")
    assert casus["antwoorden"]["snel_financieel_voordeel"] == 5  # question ids not camel-cased

    url = f"/api/v1/casussen/{casus['id']}"
    assert api_as("raadslid.laren").patch(url, {"jaar": 2013}, format="json").status_code == 403
    beheerder = careful_api_as("beheerder")
    etag = beheerder.get(url)["ETag"]
    response = beheerder.patch(url, {"jaar": 2013}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200 and response.json()["jaar"] == 2013
    response = beheerder.patch(url, {"vorm": "menu_9"}, format="json")
    assert response.status_code == 400 and "vorm" in _names(response)
    response = beheerder.patch(
        url,
        {"genoemdeFactoren": [{"factor": "bestaat_niet", "richting": "ongunstig", "regels": "1-2"}]},
        format="json",
    )
    names = _names(response)
    assert (
        response.status_code == 400 and len(names) == 1 and names <= {"genoemdeFactoren", "genoemde_factoren"}
    )

    nieuw = {
        "code": "lingewaard_overbetuwe_proef",
        "naam": "Proefcasus",
        "jaar": 2020,
        "vorm": "menu_2",
        "uitkomst": "verkend",
        "partners": [{"code": "GM1705"}, {"code": "GM1734"}],
        "bron": [{"regels": "699-718", "titel": "Proef"}],
    }
    response = beheerder.post("/api/v1/casussen", nieuw, format="json")
    assert response.status_code == 201, response.content
    assert beheerder.post("/api/v1/casussen", nieuw, format="json").status_code == 400  # code is unique


@pytest.mark.parametrize(
    ("username", "path"), [("secretaris.laren", "/api/v1/scans"), ("beheerder", "/api/v1/casussen")]
)
def test_list_endpoints_do_not_query_per_row(
    api_as: Callable[[str | None], APIClient], username: str, path: str
) -> None:
    client = api_as(username)
    client.get(path, {"paginaGrootte": 1})  # warm up (actor, caches)
    with CaptureQueriesContext(connection) as klein:
        assert client.get(path, {"paginaGrootte": 1}).status_code == 200
    with CaptureQueriesContext(connection) as groot:
        r = client.get(path, {"paginaGrootte": 100})
    assert r.status_code == 200 and len(r.json()["results"]) > 1
    assert len(groot.captured_queries) <= len(klein.captured_queries) <= 6


def test_per_partner_answers_through_the_api(careful_api_as: Callable[[str], APIClient]) -> None:
    client = careful_api_as("wethouder.blaricum")
    vragen = {v["id"]: v for v in client.get("/api/v1/scanvragen").json()["results"]}
    assert vragen["urgentie_raad"]["per"] == "partner" and vragen["vertrouwen"]["per"] == "paar"
    assert vragen["alternatief_voorkeur"]["per"] == "scan"
    response = client.post(
        "/api/v1/scans",
        {"naam": "Het Gooi", "partners": [{"gemeente": c} for c in ("GM0406", "GM1696", "GM1942")]},
        format="json",
    )
    assert response.status_code == 201, response.content
    scan_id = response.json()["id"]
    antwoorden = {
        **VERPLICHT,
        "urgentie_raad": {"Huizen": 2, "Wijdemeren": 4, "Gooise Meren": 4},
        "vertrouwen": {"Huizen + Wijdemeren": 4, "Gooise Meren + Huizen": 4, "Gooise Meren + Wijdemeren": 4},
    }
    # A value out of range inside the per-partner object is named with its partner.
    response = client.patch(
        f"/api/v1/scans/{scan_id}", {"antwoorden": {"urgentie_raad": {"Huizen": 9}}}, format="json"
    )
    assert response.status_code == 400
    assert "antwoorden.urgentie_raad.Huizen" in _names(response)
    response = client.patch(f"/api/v1/scans/{scan_id}", {"antwoorden": antwoorden}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["antwoorden"]["urgentie_raad"] == {"Huizen": 2, "Wijdemeren": 4, "Gooise Meren": 4}
    assert "Huizen + Wijdemeren" in response.json()["antwoorden"]["vertrouwen"]
    response = client.post(f"/api/v1/scans/{scan_id}/berekenen")
    assert response.status_code == 200, response.content
    resultaat = response.json()["resultaat"]
    factoren = {f["factor"]: f for f in resultaat["factoren"]}
    assert factoren["urgentie_raad"]["risico"] == "verhoogd" and factoren["urgentie_raad"]["bij"] == [
        "Huizen"
    ]
    assert "ligt bij Huizen" in resultaat["oordeel"]
    assert resultaat["risicoVorm"] == resultaat["advies"]["menus"][0]["menu"]
    assert "gevoeligheid" in resultaat["advies"]

    # A per-partner answer for a municipality that is not a partner blocks the calculation, by name.
    client.patch(
        f"/api/v1/scans/{scan_id}", {"antwoorden": {"urgentie_college": {"Laren": 3}}}, format="json"
    )
    response = client.post(f"/api/v1/scans/{scan_id}/berekenen")
    assert response.status_code == 400
    assert "antwoorden.urgentie_college.Laren" in _names(response)


def test_stateless_scan_of_a_per_partner_answer_file(api_as: Callable[[str | None], APIClient]) -> None:
    path = EXAMPLES / "zeeuws-vlaanderen.yaml"
    body = yaml.safe_load(path.read_text(encoding="utf-8"))
    response = api_as("raadslid.laren").post("/api/v1/scan-berekening", body, format="json")
    assert response.status_code == 200, response.content
    factoren = {f["factor"]: f for f in response.json()["factoren"]}
    assert factoren["urgentie_college"]["risico"] == "hoog"
    assert factoren["urgentie_college"]["bij"] == ["Hulst", "Terneuzen"]
    # A partner that is not in the file is refused by name.
    body["antwoorden"]["urgentie_college"] = {"Sluis": 4, "Vlissingen": 1}
    response = api_as("raadslid.laren").post("/api/v1/scan-berekening", body, format="json")
    assert response.status_code == 400
    assert "Vlissingen" in response.content.decode()
