"""The scan wizard through the Django test client, as a user would: create, partners, answers, draft, result."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from seta.scan.forms import themas
from seta.scan.models import Scansessie, Scanstatus

pytestmark = pytest.mark.django_db

VERPLICHT_DEEL = {
    # step 1 (Urgentie en voordelen)
    1: {
        "urgentie_college": "2",
        "urgentie_raad": "weet niet",
        "urgentie_ambtelijk": "3",
        "voordelen_gezien": "4",
        "snel_financieel_voordeel": "5",
    },
    # step 2 (Vertrouwen en beeldvorming)
    2: {"vertrouwen": "2"},
    # step 4 (Voorkeuren en vorm)
    4: {"alternatief_voorkeur": "geen"},
}


@pytest.fixture
def client_as(user_named: Callable[[str], Any]) -> Callable[[str], Client]:
    def make(username: str) -> Client:
        client = Client()
        client.force_login(user_named(username))
        return client

    return make


def _versie(scan_id: int) -> int:
    return Scansessie.objects.get(pk=scan_id).versie


def _new_scan(client: Client, naam: str = "Proef: Heumen en Wijchen") -> int:
    response = client.post("/scan/nieuw", {"naam": naam})
    assert response.status_code == 302
    match = re.match(r"^/scan/(\d+)/partners$", response["Location"])
    assert match, response["Location"]
    return int(match.group(1))


def _add(client: Client, scan_id: int, code: str) -> None:
    response = client.post(
        f"/scan/{scan_id}/partners", {"actie": "toevoegen", "gemeente": code, "versie": _versie(scan_id)}
    )
    assert response.status_code == 302


def _answer(client: Client, scan_id: int, stap: int, data: dict[str, str], knop: str = "volgende") -> Any:
    return client.post(f"/scan/{scan_id}/vragen/{stap}", {**data, "versie": _versie(scan_id), "knop": knop})


def test_start_page_lists_only_my_scans(client_as: Callable[[str], Client]) -> None:
    page = client_as("secretaris.laren").get("/scan/").content.decode()
    assert "Heumen zoekt een partner (vier" in page
    assert "<h1" in page and page.count("<h1") == 1
    other = client_as("wethouder.blaricum").get("/scan/").content.decode()
    assert "Heumen zoekt een partner (vier" not in other
    assert "U heeft nog geen scans" in other


def test_wizard_create_partners_answers_draft_resume_and_result(client_as: Callable[[str], Client]) -> None:
    client = client_as("wethouder.blaricum")
    scan_id = _new_scan(client)

    # Step 1: search the reference list by name and by CBS code, add partners, add a merged-away one by hand.
    page = client.get(f"/scan/{scan_id}/partners?q=heum").content.decode()
    assert "Heumen" in page and "GM0252" in page
    page = client.get(f"/scan/{scan_id}/partners?q=GM0296").content.decode()
    assert "Wijchen" in page
    _add(client, scan_id, "GM0252")
    _add(client, scan_id, "GM0296")
    response = client.post(
        f"/scan/{scan_id}/partners",
        {
            "actie": "handmatig",
            "handmatig-naam": "Ubbergen",
            "handmatig-provincie": "",
            "handmatig-inwoners": "",
            "versie": _versie(scan_id),
        },
    )
    assert response.status_code == 302
    scan = Scansessie.objects.get(pk=scan_id)
    partners = {p.naam: p for p in scan.partners.all()}
    assert set(partners) == {"Heumen", "Wijchen", "Ubbergen"}
    assert partners["Ubbergen"].handmatig and partners["Ubbergen"].provincie == "Gelderland"
    assert partners["Heumen"].inwoners and not partners["Heumen"].handmatig

    # Remove the hand-entered one again.
    response = client.post(
        f"/scan/{scan_id}/partners",
        {"actie": "verwijderen", "partner": partners["Ubbergen"].pk, "versie": _versie(scan_id)},
    )
    assert response.status_code == 302
    assert scan.partners.count() == 2

    # Step 2: answer part of the first theme and save as a draft.
    page = client.get(f"/scan/{scan_id}/vragen/1").content.decode()
    assert "Urgentiebesef in de colleges" in page
    assert "Weet niet" in page and "regels 731-745" in page  # toelichting with its seed passage
    response = _answer(client, scan_id, 1, {"urgentie_college": "2"}, knop="concept")
    assert response.status_code == 302 and response["Location"] == "/scan/"
    assert Scansessie.objects.get(pk=scan_id).antwoorden == {"urgentie_college": 2}
    assert "Proef: Heumen en Wijchen" in client.get("/scan/").content.decode()

    # Resume: the saved answer is checked.
    page = client.get(f"/scan/{scan_id}/vragen/1").content.decode()
    assert re.search(r'name="urgentie_college"[^>]*value="2" checked', page)

    # Computing now fails and names the missing required questions.
    response = client.post(f"/scan/{scan_id}/berekenen", {"versie": _versie(scan_id)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "urgentie_raad" in page and "Urgentiebesef in de gemeenteraden" in page

    # Answer everything required, walking through the steps.
    for stap, data in VERPLICHT_DEEL.items():
        response = _answer(client, scan_id, stap, data)
        assert response.status_code == 302
    laatste = len(themas())
    for stap in range(5, laatste + 1):
        response = _answer(client, scan_id, stap, {}, knop="volgende")
        assert response.status_code == 302
    assert response["Location"] == f"/scan/{scan_id}/overzicht"
    page = client.get(f"/scan/{scan_id}/overzicht").content.decode()
    assert "Nog niet beantwoord (verplicht)" not in page

    response = client.post(f"/scan/{scan_id}/berekenen", {"versie": _versie(scan_id)})
    assert response.status_code == 302 and response["Location"] == f"/scan/{scan_id}/resultaat"
    scan = Scansessie.objects.get(pk=scan_id)
    assert scan.status == Scanstatus.AFGEROND and scan.resultaat

    page = client.get(f"/scan/{scan_id}/resultaat").content.decode()
    assert page.count("<h1") == 1
    for expected in (
        "Samenvattend oordeel",
        "Welke vorm past: de rangorde",
        "Figuur 3",
        "Menu 2: ambtelijke fusie",
        "Bestuurlijke fusie",
        "Hier eerst aan werken",
        "Risico per factor",
        "De meest vergelijkbare casussen",
        "Hoe deze conclusie tot stand kwam",
        "Snel financieel voordeel verwachten",
        "regels 1068-1072",
    ):
        assert expected in page, expected
    # The factor 'vertrouwen' (answered 2) shows as an elevated risk, in words, not only colour.
    assert re.search(r"Vertrouwen tussen de besturen</th>.*?seta-risico--oranje\">verhoogd<", page, re.S)


def test_changing_an_answer_after_the_result_makes_the_scan_a_draft_again(
    client_as: Callable[[str], Client],
) -> None:
    client = client_as("secretaris.laren")
    scan = Scansessie.objects.get(naam__startswith="BEL 2007", eigenaar__username="secretaris.laren")
    assert scan.resultaat
    response = _answer(client, scan.pk, 2, {"vertrouwen": "1"})
    assert response.status_code == 302
    scan.refresh_from_db()
    assert scan.status == Scanstatus.CONCEPT and scan.resultaat is None
    response = client.get(f"/scan/{scan.pk}/resultaat")
    assert response.status_code == 302 and response["Location"] == f"/scan/{scan.pk}/overzicht"


def test_invalid_choice_is_refused_with_the_question_named(client_as: Callable[[str], Client]) -> None:
    client = client_as("secretaris.laren")
    scan = Scansessie.objects.get(naam__startswith="Heumen en Wijchen", eigenaar__username="secretaris.laren")
    response = _answer(client, scan.pk, 1, {"urgentie_college": "9"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#vraag-urgentie_college"' in page
    assert Scansessie.objects.get(pk=scan.pk).antwoorden["urgentie_college"] == 3  # unchanged


def test_stale_version_is_refused(client_as: Callable[[str], Client]) -> None:
    client = client_as("secretaris.laren")
    scan = Scansessie.objects.get(naam__startswith="Heumen en Wijchen", eigenaar__username="secretaris.laren")
    response = client.post(
        f"/scan/{scan.pk}/vragen/1",
        {"urgentie_college": "1", "versie": scan.versie - 1 or 99, "knop": "volgende"},
    )
    assert response.status_code == 412  # a refusal page that says why, not a redirect
    assert "intussen door iemand anders gewijzigd" in response.content.decode()
    assert Scansessie.objects.get(pk=scan.pk).antwoorden["urgentie_college"] == 3


def test_unknown_partner_code_is_refused(client_as: Callable[[str], Client]) -> None:
    client = client_as("secretaris.laren")
    scan = Scansessie.objects.get(naam__startswith="Heumen en Wijchen", eigenaar__username="secretaris.laren")
    response = client.post(
        f"/scan/{scan.pk}/partners", {"actie": "toevoegen", "gemeente": "GM9999", "versie": scan.versie}
    )
    assert response.status_code == 400
    assert "Onbekende gemeentecode" in response.content.decode()
    assert scan.partners.count() == 2


@pytest.mark.parametrize("path", ["partners", "vragen/1", "overzicht", "resultaat", "rapport.pdf"])
def test_another_users_scan_is_not_found(client_as: Callable[[str], Client], path: str) -> None:
    scan = Scansessie.objects.get(naam__startswith="Heumen zoekt", eigenaar__username="secretaris.laren")
    for username in ("wethouder.blaricum", "beheerder"):
        response = client_as(username).get(f"/scan/{scan.pk}/{path}")
        assert response.status_code == 404, (username, path)
    response = client_as("raadslid.laren").post(f"/scan/{scan.pk}/verwijderen")
    assert response.status_code == 404
    assert Scansessie.objects.filter(pk=scan.pk).exists()


def test_anonymous_is_sent_to_login() -> None:
    response = Client().get("/scan/")
    assert response.status_code == 302 and "inloggen" in response["Location"]


def test_compare_two_configurations_side_by_side(client_as: Callable[[str], Client]) -> None:
    client = client_as("secretaris.laren")
    heumen = Scansessie.objects.get(naam__startswith="Heumen zoekt", eigenaar__username="secretaris.laren")
    bel = Scansessie.objects.get(naam__startswith="BEL 2007", eigenaar__username="secretaris.laren")
    response = client.get(f"/scan/vergelijk?a={heumen.pk}&b={bel.pk}")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<h1") == 1
    header = re.search(r"<thead.*?</thead>", page.split("seta-vergelijk", 1)[1], re.S)
    assert header and heumen.naam in header.group(0) and bel.naam in header.group(0)
    # One row per factor, with both scans' risk levels: four partners is a high risk, three is not.
    row = re.search(r"Aantal partnergemeenten</th>(.*?)</tr>", page, re.S)
    assert row is not None
    cells = re.findall(r"seta-risico--\w+\">(\w+)<", row.group(1))
    assert cells[0] == "hoog" and cells[1] != "hoog"
    # Someone else's scan cannot be put in the comparison.
    assert client_as("wethouder.blaricum").get(f"/scan/vergelijk?a={heumen.pk}&b={bel.pk}").status_code == 404


def test_case_base_page_is_readable_by_everyone(client_as: Callable[[str], Client]) -> None:
    page = client_as("raadslid.laren").get("/scan/casussen").content.decode()
    assert "Heumen–Wijchen" in page and "Groningen–Ten Boer" in page
    assert "/beheer/scan/casus/" not in page
    assert "/beheer/scan/casus/" in client_as("beheerder").get("/scan/casussen").content.decode()


def test_wizard_takes_answers_per_partner_and_per_pair(client_as: Callable[[str], Client]) -> None:
    client = client_as("wethouder.blaricum")
    scan_id = _new_scan(client, "Zeeuws-Vlaanderen per gemeente")
    for code in ("GM0715", "GM1714", "GM0677"):  # Terneuzen, Sluis, Hulst
        _add(client, scan_id, code)
    page = client.get(f"/scan/{scan_id}/vragen/1").content.decode()
    assert "Verschilt het per gemeente?" in page
    assert 'name="urgentie_college__per__0"' in page and ">Terneuzen<" in page
    # "De gemeente Sluis wou nog wel maar Hulst en Terneuzen zeker niet."
    namen = [p.naam for p in Scansessie.objects.get(pk=scan_id).partners.all()]
    per = {
        f"urgentie_college__per__{namen.index(n)}": w
        for n, w in (("Sluis", "4"), ("Hulst", "1"), ("Terneuzen", "1"))
    }
    response = _answer(client, scan_id, 1, {**VERPLICHT_DEEL[1], **per})
    assert response.status_code == 302
    opgeslagen = Scansessie.objects.get(pk=scan_id).antwoorden
    assert opgeslagen["urgentie_college"] == {"Sluis": 4, "Hulst": 1, "Terneuzen": 1}
    # Trust per pair, on step 2.
    page = client.get(f"/scan/{scan_id}/vragen/2").content.decode()
    assert "Verschilt het per paar partners?" in page and "Hulst + Sluis" in page
    response = _answer(client, scan_id, 2, {"vertrouwen": "4", "vertrouwen__per__0": "2"})
    assert response.status_code == 302
    vertrouwen = Scansessie.objects.get(pk=scan_id).antwoorden["vertrouwen"]
    assert list(vertrouwen.values()) == [2] and "+" in next(iter(vertrouwen))
    # Resume: the per-partner answers are selected again.
    page = client.get(f"/scan/{scan_id}/vragen/1").content.decode()
    assert re.search(r'name="urgentie_college__per__\d"[^>]*>.*?<option value="1" selected', page, re.S)
    for stap, data in VERPLICHT_DEEL.items():
        if stap != 1:
            _answer(client, scan_id, stap, {**data, **({"vertrouwen__per__0": "2"} if stap == 2 else {})})
    response = client.post(f"/scan/{scan_id}/berekenen", {"versie": _versie(scan_id)})
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(f"/scan/{scan_id}/resultaat").content.decode()
    resultaat = Scansessie.objects.get(pk=scan_id).resultaat
    assert resultaat
    oordeel = resultaat["oordeel"]
    assert "ligt bij Hulst en Terneuzen" in oordeel, oordeel
    assert "ligt bij Hulst en Terneuzen" in page
    assert "Gevoeligheid: welk ene antwoord de aanbeveling verandert" in page
    assert "Aanbevolen: <strong>" in page
