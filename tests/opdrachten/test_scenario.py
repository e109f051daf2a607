"""The whole life of a JOINT assignment of Blaricum and Laren, as the demo people would live it:
once through the API and once through the pages, both ending adopted by both colleges."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from itertools import pairwise
from typing import Any

from django.test import Client
from django.utils import timezone

from seta.gemeenten.models import Portefeuille
from seta.opdrachten.models import Bestuursopdracht, Statusovergang, Wijzigingsverzoek

Wereld = Any


def _pf(slug: str, naam: str) -> int:
    return Portefeuille.objects.get(gemeente__slug=slug, naam=naam).pk


class Mensen:
    """One API client, switched between the demo people (building a client's handler is slow)."""

    def __init__(self, user_named: Callable[[str], Any], client: Any) -> None:
        self.client = client  # reads each record before it changes it, sending the ETag as If-Match
        self.user_named = user_named

    def als(self, username: str) -> Any:
        self.client.force_authenticate(user=self.user_named(username))
        return self.client


def test_joint_assignment_through_the_api(
    wereld: Wereld, user_named: Callable[[str], Any], careful_client: Any
) -> None:
    mensen = Mensen(user_named, careful_client)
    vandaag = timezone.localdate()

    # The beleidsregisseur of Blaricum drafts one product for Blaricum and Laren.
    r = mensen.als("regisseur.blaricum").post(
        "/api/v1/bestuursopdrachten",
        {
            "samenwerkingsverband": "bel",
            "titel": "Gezamenlijk minimabeleid Blaricum en Laren",
            "catalogusitem": wereld.item.pk,
            "deadline": (vandaag + dt.timedelta(days=240)).isoformat(),
            "doelen": "Eén minimabeleid voor beide gemeenten; niemand valt tussen wal en schip.",
            "politiekeWensen": "Ruimhartig voor werkende armen.",
            "participatieGewenst": True,
            "participatieToelichting": "Cliëntenraad en maatschappelijke organisaties.",
            "maxUren": "300",
            "maxEuro": "20000",
            "mijlpalen": [
                {"omschrijving": "Startnotitie", "datum": (vandaag + dt.timedelta(days=30)).isoformat()}
            ],
            "opdrachtgevers": [
                {"gemeente": "blaricum", "portefeuille": _pf("blaricum", "Sociaal domein")},
                {"gemeente": "laren", "portefeuille": _pf("laren", "Financiën")},
            ],
        },
        format="json",
    )
    assert r.status_code == 201, r.json()
    opdracht = r.json()
    oid, url = opdracht["id"], f"/api/v1/bestuursopdrachten/{opdracht['id']}"
    assert opdracht["status"] == "concept" and opdracht["gezamenlijk"] is True

    # The regisseur may sharpen the frames, but not commission.
    r = mensen.als("regisseur.blaricum").patch(
        url,
        {"scope": "Beide gemeenten, alle kernen."},
        format="json",
        HTTP_IF_MATCH=f'W/"{opdracht["versie"]}"',
    )
    assert r.status_code == 200 and r["ETag"] == f'W/"{opdracht["versie"] + 1}"'
    assert mensen.als("regisseur.blaricum").post(f"{url}/opdragen", {}, format="json").status_code == 403

    # Both wethouders commission; after the first, the assignment waits for Laren.
    r = mensen.als("wethouder.blaricum").post(
        f"{url}/opdragen", {"reden": "Besloten in het college."}, format="json"
    )
    assert r.status_code == 200 and r.json()["status"] == "concept"
    assert mensen.als("wethouder.blaricum").post(f"{url}/opdragen", {}, format="json").status_code == 409
    r = mensen.als("wethouder.laren").post(
        f"{url}/opdragen", {"reden": "Akkoord namens Laren."}, format="json"
    )
    assert r.status_code == 200 and r.json()["status"] == "opgedragen"

    # The pool: intake, a question to the wethouder of Blaricum, the estimate.
    assert mensen.als("teamleider.bel").post(f"{url}/intake", {}, format="json").json()["status"] == "intake"
    wethouder = next(og for og in r.json()["opdrachtgevers"] if og["gemeente"] == "blaricum")
    assert wethouder["instemming"] == ""  # a new round of decisions
    from seta.gemeenten.models import Functionaris

    wid = Functionaris.objects.get(gebruiker__username="wethouder.blaricum").pk
    r = mensen.als("teamleider.bel").post(
        "/api/v1/bestuursvragen",
        {
            "bestuursopdracht": oid,
            "gemeente": "blaricum",
            "gerichtAan": "wethouder",
            "wethouder": wid,
            "onderwerp": "Doelgroep",
            "vraag": "Tot welk inkomen valt iemand onder het beleid?",
            "uiterlijk": (vandaag + dt.timedelta(days=14)).isoformat(),
        },
        format="json",
    )
    assert r.status_code == 201, r.json()
    vraag = r.json()["id"]
    r = mensen.als("wethouder.blaricum").post(
        f"/api/v1/bestuursvragen/{vraag}/beantwoorden",
        {"antwoord": "Tot 130% van het sociaal minimum.", "besluit": "Kader aangevuld."},
        format="json",
    )
    assert r.status_code == 200 and r.json()["status"] == "beantwoord"
    r = mensen.als("teamleider.bel").post(
        f"{url}/ramen",
        {
            "uren": "260",
            "externeKosten": "8000",
            "eenheid": wereld.werk_inkomen.pk,
            "opleverdatum": (vandaag + dt.timedelta(days=200)).isoformat(),
            "reden": "Inclusief cliëntenparticipatie.",
        },
        format="json",
    )
    assert r.status_code == 200 and r.json()["ramingUren"] == "260.0"

    # Both principals accept the estimate.
    assert (
        mensen.als("wethouder.laren").post(f"{url}/akkoord", {}, format="json").json()["status"] == "intake"
    )
    assert (
        mensen.als("burgemeester.blaricum").post(f"{url}/akkoord", {}, format="json").json()["status"]
        == "akkoord"
    )

    # Work starts; the medewerker reports progress (status as text, not only colour).
    assert (
        mensen.als("teamleider.bel").post(f"{url}/starten", {}, format="json").json()["status"]
        == "in_uitvoering"
    )
    r = mensen.als("medewerker.bel").post(
        f"{url}/voortgang",
        {"status": "oranje", "percentageGereed": 40, "reden": "Cliëntenraad vraagt extra overleg."},
        format="json",
    )
    assert r.status_code == 200
    rapporten = mensen.als("wethouder.laren").get(f"{url}/voortgangsrapportages").json()
    assert rapporten[0]["statusLabel"].startswith("Oranje")

    # A change request (budget) needs BOTH principals' approval.
    r = mensen.als("teamleider.bel").post(
        "/api/v1/wijzigingsverzoeken",
        {
            "bestuursopdracht": oid,
            "soort": "budget",
            "toelichting": "Extra participatieronde.",
            "nieuwMaxUren": "360",
        },
        format="json",
    )
    assert r.status_code == 201, r.json()
    wv = r.json()["id"]
    r = mensen.als("wethouder.blaricum").post(
        f"/api/v1/wijzigingsverzoeken/{wv}/goedkeuren", {}, format="json"
    )
    assert r.json()["status"] == "ingediend" and r.json()["goedgekeurdDoor"] == ["blaricum"]
    assert Bestuursopdracht.objects.get(pk=oid).max_uren == 300
    r = mensen.als("wethouder.laren").post(f"/api/v1/wijzigingsverzoeken/{wv}/goedkeuren", {}, format="json")
    assert r.json()["status"] == "goedgekeurd"
    assert Bestuursopdracht.objects.get(pk=oid).max_uren == 360

    # Delivery, and adoption by both colleges (Laren sends it to its council).
    assert (
        mensen.als("teamleider.bel").post(f"{url}/opleveren", {}, format="json").json()["status"]
        == "opgeleverd"
    )
    r = mensen.als("wethouder.blaricum").post(f"{url}/vaststellen", {"reden": "Vastgesteld."}, format="json")
    assert r.json()["status"] == "opgeleverd"
    r = mensen.als("wethouder.laren").post(f"{url}/vaststellen", {"naarRaad": True}, format="json")
    assert r.status_code == 200
    eind = r.json()
    assert eind["status"] == "vastgesteld" and eind["naarRaad"] is True
    assert {og["gemeente"]: og["naarRaad"] for og in eind["opdrachtgevers"]} == {
        "blaricum": False,
        "laren": True,
    }

    # The history holds every step, the partial decisions of each partner included, consistent with the table.
    historie = mensen.als("raadslid.laren").get(f"{url}/historie").json()
    stappen = [(h["actie"], h["gemeente"], h["deelbesluit"]) for h in historie]
    assert stappen[0] == ("aanmaken", None, False)
    assert ("opdragen", "blaricum", True) in stappen and ("opdragen", "laren", False) in stappen
    assert ("vaststellen", "blaricum", True) in stappen and ("vaststellen", "laren", False) in stappen
    overgangen = [h for h in historie if not h["deelbesluit"]]
    for vorige, volgende in pairwise(overgangen):
        assert volgende["van"] == vorige["naar"]
    assert overgangen[-1]["naar"] == "vastgesteld"
    assert Statusovergang.objects.filter(bestuursopdracht_id=oid).count() == len(historie)


def _versie(html: str, prefix: str = "") -> str:
    naam = f"{prefix}-versie" if prefix else "versie"
    m = re.search(rf'name="{naam}" value="(\d+)"', html)
    assert m, f"no hidden {naam} field"
    return m.group(1)


def test_joint_assignment_through_the_pages(wereld: Wereld, user_named: Callable[[str], Any]) -> None:
    web = Client()
    vandaag = timezone.localdate()

    def als(username: str) -> Client:
        web.force_login(user_named(username))
        return web

    def actie(username: str, oid: int, naam: str, **velden: Any) -> Any:
        pagina = als(username).get(f"/opdrachten/{oid}").content.decode()
        assert f'action="/opdrachten/{oid}/actie/{naam}"' in pagina, f"{username} sees no button {naam}"
        data = {f"{naam}-versie": _versie(pagina, naam), f"{naam}-reden": velden.pop("reden", "")}
        data.update({f"{naam}-{k}": v for k, v in velden.items()})
        r = web.post(f"/opdrachten/{oid}/actie/{naam}", data)
        assert r.status_code == 302, r.content.decode()[:2000]
        return Bestuursopdracht.objects.get(pk=oid)

    blaricum = wereld.portefeuille("blaricum", "Financiën").gemeente
    laren = wereld.portefeuille("laren", "Financiën").gemeente

    # A form that says in Dutch what is missing.
    r = als("regisseur.blaricum").post(
        "/opdrachten/nieuw", {"samenwerkingsverband": wereld.bel.pk, "gemeenten": [blaricum.pk, laren.pk]}
    )
    html = r.content.decode()
    assert r.status_code == 400
    assert "Controleer de volgende velden" in html and "Geef in het proceskader een deadline op." in html
    assert "Kies de portefeuille van Blaricum" in html

    r = web.post(
        "/opdrachten/nieuw",
        {
            "samenwerkingsverband": wereld.bel.pk,
            "gemeenten": [blaricum.pk, laren.pk],
            "portefeuille": "Financiën",
            "titel": "Gezamenlijk minimabeleid (pagina's)",
            "catalogusitem": wereld.item.pk,
            "vertrouwelijkheid": "openbaar",
            "deadline": (vandaag + dt.timedelta(days=240)).isoformat(),
            "doelen": "Eén minimabeleid.",
            "reikwijdte": "regio",
            "prioriteit": "hoog",
            "max_uren": "300",
            "mijlpalen": f"{(vandaag + dt.timedelta(days=30)).isoformat()} Startnotitie",
        },
    )
    assert r.status_code == 302, r.content.decode()[:3000]
    oid = int(r["Location"].rstrip("/").split("/")[-1])
    opdracht = Bestuursopdracht.objects.get(pk=oid)
    assert opdracht.is_gezamenlijk and opdracht.mijlpalen.count() == 1

    # The regisseur sees no decision buttons; the wethouders do.
    pagina = web.get(f"/opdrachten/{oid}").content.decode()
    assert "actie/opdragen" not in pagina and "Kaders aanscherpen" in pagina
    assert actie("wethouder.blaricum", oid, "opdragen").status == "concept"
    assert actie("wethouder.laren", oid, "opdragen").status == "opgedragen"
    assert actie("teamleider.bel", oid, "intake").status == "intake"
    o = actie(
        "teamleider.bel",
        oid,
        "ramen",
        uren="250",
        externe_kosten="0",
        eenheid=wereld.werk_inkomen.pk,
        opleverdatum=(vandaag + dt.timedelta(days=180)).isoformat(),
    )
    assert o.raming_uren == 250
    assert actie("wethouder.blaricum", oid, "akkoord").status == "intake"
    assert actie("burgemeester.laren", oid, "akkoord").status == "akkoord"
    assert actie("teamleider.bel", oid, "starten").status == "in_uitvoering"
    actie("medewerker.bel", oid, "voortgang", status="groen", percentage_gereed="60", reden="Op schema.")

    # A change request through the page, approved by both colleges.
    r = als("teamleider.bel").post(
        f"/opdrachten/{oid}/wijzigingsverzoek",
        {
            "soort": "deadline",
            "toelichting": "Wachten op de rijksregeling.",
            "nieuwe_deadline": (vandaag + dt.timedelta(days=300)).isoformat(),
        },
    )
    assert r.status_code == 302
    verzoek = Wijzigingsverzoek.objects.get(bestuursopdracht_id=oid)
    for wie in ("wethouder.blaricum", "wethouder.laren"):
        pagina = als(wie).get(f"/opdrachten/{oid}").content.decode()
        r = web.post(
            f"/opdrachten/wijzigingsverzoeken/{verzoek.pk}/goedkeuren",
            {
                f"wv{verzoek.pk}-versie": _versie(pagina, f"wv{verzoek.pk}"),
                f"wv{verzoek.pk}-toelichting": "Akkoord.",
            },
        )
        assert r.status_code == 302
    verzoek.refresh_from_db()
    assert verzoek.status == "goedgekeurd"
    assert Bestuursopdracht.objects.get(pk=oid).deadline == vandaag + dt.timedelta(days=300)

    assert actie("teamleider.bel", oid, "opleveren").status == "opgeleverd"
    assert actie("wethouder.laren", oid, "vaststellen", naar_raad="on").status == "opgeleverd"
    assert actie("wethouder.blaricum", oid, "vaststellen").status == "vastgesteld"

    pagina = als("raadslid.blaricum").get(f"/opdrachten/{oid}").content.decode()
    assert "Vastgesteld" in pagina and "deelbesluit" in pagina and "actie/" not in pagina
