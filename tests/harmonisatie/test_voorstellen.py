"""Harmonisation proposals end to end, through the services, the pages and the API as the demo's people would:
the BEL journey (send, two colleges accept, one declines, exactly one joint concept assignment with the proposal in
its history), parallel, too few acceptances, withdrawing, stale versions, confidentiality and the joint agenda."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from seta.core.errors import Conflict, Forbidden, InvalidInput, StaleVersion
from seta.harmonisatie import lifecycle, services
from seta.opdrachten import selectors as opdrachten_selectors
from seta.opdrachten.models import Bestuursopdracht, Overleg

from .conftest import Wereld

pytestmark = pytest.mark.django_db

LAREN = "Toeristisch-recreatief plan Laren (rode rand)"
EEMNES_CONCEPT = "Toeristische visie Eemnes"


def _nieuw(voor: set[int]) -> list[Bestuursopdracht]:
    return list(Bestuursopdracht.objects.exclude(pk__in=voor))


def test_the_bel_journey_makes_exactly_one_joint_concept(wereld: Wereld) -> None:
    voor = set(Bestuursopdracht.objects.values_list("pk", flat=True))
    voorstel = wereld.toerisme()
    assert voorstel.status == lifecycle.VERZONDEN
    assert [o["optie"] for o in voorstel.raming["opties"]] == ["apart", "parallel", "gezamenlijk"]
    wereld.besluit(voorstel, "laren", "aanvaarden")
    wereld.besluit(voorstel, "eemnes", "aanvaarden")
    assert _nieuw(voor) == []  # nothing before every college answered
    partij = wereld.besluit(voorstel, "blaricum", "afwijzen")
    assert partij.besluit == lifecycle.AFGEWEZEN and partij.besloten_rol == "burgemeester"
    voorstel.refresh_from_db()
    assert voorstel.status == lifecycle.AFGEROND
    nieuw = _nieuw(voor)
    assert len(nieuw) == 1
    opdracht = nieuw[0]
    assert opdracht.status == "concept"  # the colleges commission it as usual
    assert {og.gemeente.slug for og in opdracht.opdrachtgevers.all()} == {"eemnes", "laren"}
    # its title names the municipalities that take part, never the one that declined
    assert "Eemnes en Laren" in opdracht.titel and "Blaricum" not in opdracht.titel
    assert voorstel.resultaat_opdracht_id == opdracht.pk
    eerste = opdracht.historie.order_by("tijdstip", "pk").first()
    assert eerste is not None
    assert eerste.reden == (
        f"Voortgekomen uit harmonisatievoorstel {voorstel.nummer} (gezamenlijk; aanvaard door Eemnes en Laren, "
        "afgewezen door Blaricum)"
    )
    resultaten = {p.gemeente.slug: p.resultaat_opdracht_id for p in voorstel.partijen.all()}
    assert resultaten == {"blaricum": None, "eemnes": opdracht.pk, "laren": opdracht.pk}


def test_parallel_links_own_orders_and_drafts_one_for_a_partner_without(wereld: Wereld) -> None:
    voor = set(Bestuursopdracht.objects.values_list("pk", flat=True))
    directeur = wereld.actor("directeur.bel")
    plan, plekken = (
        wereld.opdracht("Speelruimteplan Blaricum"),
        wereld.opdracht("Speelplekken en trapveldjes Eemnes"),
    )
    voorstel = services.opstellen(
        actor=directeur,
        samenwerkingsverband=wereld.bel,
        onderwerp="Speelruimte parallel (test)",
        toelichting="Eén inventarisatie",
        vorm="parallel",
        opdrachten=[plan, plekken],
        partijen=[
            wereld.partij("Speelruimteplan Blaricum"),
            wereld.partij("Speelplekken en trapveldjes Eemnes"),
            services.PartijInvoer(gemeente=wereld.gemeente["laren"]),
        ],
    )
    voorstel = services.verzenden(actor=directeur, voorstel=voorstel, expected_version=voorstel.versie)
    for slug in ("blaricum", "eemnes", "laren"):
        wereld.besluit(voorstel, slug, "aanvaarden")
    nieuw = _nieuw(voor)
    assert len(nieuw) == 1 and [og.gemeente.slug for og in nieuw[0].opdrachtgevers.all()] == ["laren"]
    resultaten = {p.gemeente.slug: p.resultaat_opdracht_id for p in voorstel.partijen.all()}
    assert resultaten == {"blaricum": plan.pk, "eemnes": plekken.pk, "laren": nieuw[0].pk}
    assert "HV-" in (nieuw[0].historie.first().reden or "")  # type: ignore[union-attr]


def test_fewer_than_two_acceptances_create_nothing(wereld: Wereld) -> None:
    voor = set(Bestuursopdracht.objects.values_list("pk", flat=True))
    voorstel = wereld.toerisme()
    wereld.besluit(voorstel, "laren", "aanvaarden")
    wereld.besluit(voorstel, "eemnes", "afwijzen")
    wereld.besluit(voorstel, "blaricum", "afwijzen")
    voorstel.refresh_from_db()
    assert voorstel.status == lifecycle.AFGEROND and voorstel.resultaat_opdracht is None
    assert _nieuw(voor) == []
    from seta.harmonisatie import selectors_voorstel

    assert "Minder dan twee colleges" in selectors_voorstel.uitkomst(voorstel)


def test_withdrawn_proposal_takes_no_answers(wereld: Wereld) -> None:
    voorstel = wereld.toerisme()
    voorstel = services.intrekken(
        actor=wereld.actor("directeur.bel"), voorstel=voorstel, expected_version=voorstel.versie
    )
    assert voorstel.status == lifecycle.INGETROKKEN
    with pytest.raises(Conflict):
        wereld.besluit(voorstel, "laren", "aanvaarden")


def test_stale_version_is_refused(wereld: Wereld) -> None:
    voorstel = wereld.toerisme(verzenden=False)
    with pytest.raises(StaleVersion):
        services.verzenden(
            actor=wereld.actor("directeur.bel"), voorstel=voorstel, expected_version=voorstel.versie - 1
        )
    voorstel = services.verzenden(
        actor=wereld.actor("directeur.bel"), voorstel=voorstel, expected_version=voorstel.versie
    )
    partij = voorstel.partijen.get(gemeente=wereld.gemeente["laren"])
    with pytest.raises(StaleVersion):
        services.aanvaarden(actor=wereld.actor("burgemeester.laren"), partij=partij, expected_version=1)


def test_drafting_names_every_bad_field_and_never_a_confidential_title(wereld: Wereld) -> None:
    geheim = Bestuursopdracht.objects.filter(samenwerkingsverband=wereld.bel).exclude(
        vertrouwelijkheid="openbaar"
    )
    vertrouwelijk = geheim.first()
    assert vertrouwelijk is not None
    kempen = Bestuursopdracht.objects.exclude(samenwerkingsverband=wereld.bel).filter(
        vertrouwelijkheid="openbaar"
    )
    andere = kempen.first()
    assert andere is not None
    with pytest.raises(InvalidInput) as fout:
        services.opstellen(
            actor=wereld.actor("directeur.bel"),
            samenwerkingsverband=wereld.bel,
            onderwerp="",
            toelichting="",
            vorm="anders",
            opdrachten=[vertrouwelijk, andere],
            partijen=[services.PartijInvoer(gemeente=andere.opdrachtgevers.first().gemeente)],  # type: ignore[union-attr]
        )
    velden = fout.value.fields
    assert set(velden) >= {"onderwerp", "toelichting", "vorm", "opdrachten", "partijen"}
    tekst = " ".join(" ".join(v) for v in velden.values())
    assert vertrouwelijk.titel not in tekst and "vertrouwelijke opdracht" in tekst
    assert "ten minste twee" in tekst and "geen deelnemer" in tekst


def test_who_may_draft_and_answer(wereld: Wereld) -> None:
    with pytest.raises(Forbidden):
        services.opstellen(
            actor=wereld.actor("burgemeester.laren"),
            samenwerkingsverband=wereld.bel,
            onderwerp="x",
            toelichting="x",
            vorm="parallel",
            partijen=[],
        )
    voorstel = wereld.toerisme()
    with pytest.raises(Forbidden):  # the pool never answers for a college: political primacy
        wereld.besluit(voorstel, "laren", "aanvaarden", wie="directeur.bel")
    with pytest.raises(Forbidden):
        wereld.besluit(voorstel, "laren", "aanvaarden", wie="burgemeester.blaricum")


# --- confidentiality ------------------------------------------------------------------------------------------------
def test_a_college_never_sees_another_partners_draft_title(
    wereld: Wereld, api_as: Any, user_named: Any
) -> None:
    voorstel = wereld.toerisme()
    client = Client()
    client.force_login(user_named("burgemeester.blaricum"))
    pagina = client.get(f"/harmonisatie/voorstellen/{voorstel.pk}/")
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert EEMNES_CONCEPT not in html and "Een concept van Eemnes" in html
    assert LAREN in html  # a commissioned public order is shown fully
    api = api_as("burgemeester.blaricum").get(f"/api/v1/harmonisatievoorstellen/{voorstel.pk}")
    assert api.status_code == 200
    assert EEMNES_CONCEPT not in api.content.decode()
    # the pool and Eemnes itself see it
    assert (
        EEMNES_CONCEPT
        in api_as("directeur.bel").get(f"/api/v1/harmonisatievoorstellen/{voorstel.pk}").content.decode()
    )
    assert (
        EEMNES_CONCEPT
        in api_as("burgemeester.eemnes")
        .get(f"/api/v1/harmonisatievoorstellen/{voorstel.pk}")
        .content.decode()
    )


def test_a_concept_proposal_is_not_for_the_colleges(wereld: Wereld, api_as: Any) -> None:
    voorstel = wereld.toerisme(verzenden=False)
    assert (
        api_as("burgemeester.laren").get(f"/api/v1/harmonisatievoorstellen/{voorstel.pk}").status_code == 404
    )
    assert api_as("raadslid.laren").get("/api/v1/harmonisatievoorstellen").json()["count"] == 0


# --- API --------------------------------------------------------------------------------------------------------------
def test_api_create_send_and_answer(wereld: Wereld, api_as: Any, careful_api_as: Any) -> None:
    def ids(titel: str) -> dict[str, Any]:
        o = wereld.opdracht(titel)
        og = o.opdrachtgevers.get()
        return {"gemeente": og.gemeente_id, "portefeuille": og.portefeuille_id, "bronOpdracht": o.pk}

    body = {
        "samenwerkingsverband": wereld.bel.pk,
        "onderwerp": "Via de API",
        "toelichting": "Wilt u niet ook?",
        "vorm": "gezamenlijk",
        "opdrachten": [wereld.opdracht(LAREN).pk],
        "partijen": [ids(LAREN), ids("Toeristisch-recreatief plan Blaricum (groen)")],
    }
    aangemaakt = api_as("directeur.bel").post("/api/v1/harmonisatievoorstellen", body, format="json")
    assert aangemaakt.status_code == 201, aangemaakt.content
    data = aangemaakt.json()
    assert data["status"] == "concept" and "verzenden" in data["toegestaneActies"]
    pk = data["id"]
    zonder = api_as("directeur.bel").post(
        f"/api/v1/harmonisatievoorstellen/{pk}/verzenden", {}, format="json"
    )
    assert zonder.status_code == 428 and zonder["Content-Type"].startswith("application/problem+json")
    verzonden = careful_api_as("directeur.bel").post(
        f"/api/v1/harmonisatievoorstellen/{pk}/verzenden", {}, format="json"
    )
    assert verzonden.status_code == 200 and verzonden.json()["status"] == "verzonden"
    laren = next(p for p in verzonden.json()["partijen"] if p["gemeenteNaam"] == "Laren")
    geweigerd = careful_api_as("directeur.bel").post(
        f"/api/v1/voorstelpartijen/{laren['id']}/aanvaarden", {}, format="json"
    )
    assert geweigerd.status_code == 403 and geweigerd["Content-Type"].startswith("application/problem+json")
    ja = careful_api_as("burgemeester.laren").post(
        f"/api/v1/voorstelpartijen/{laren['id']}/aanvaarden", {"toelichting": "Graag"}, format="json"
    )
    assert ja.status_code == 200, ja.content
    assert next(p for p in ja.json()["partijen"] if p["gemeenteNaam"] == "Laren")["besluit"] == "aanvaard"
    fout = api_as("directeur.bel").post(
        "/api/v1/harmonisatievoorstellen", {**body, "partijen": [], "onderwerp": ""}, format="json"
    )
    assert fout.status_code == 400 and fout["Content-Type"].startswith("application/problem+json")
    geschiedenis = api_as("directeur.bel").get(f"/api/v1/harmonisatievoorstellen/{pk}/geschiedenis").json()
    assert any("Aanvaard" in g["wat"] for g in geschiedenis)


# --- pages ------------------------------------------------------------------------------------------------------------
def test_pages_render_for_who_may_and_refuse_others(wereld: Wereld, user_named: Any) -> None:
    voorstel = wereld.toerisme()
    laren = wereld.opdracht(LAREN)

    def get(wie: str, url: str) -> int:
        c = Client()
        c.force_login(user_named(wie))
        return c.get(url).status_code

    assert get("directeur.bel", "/harmonisatie/voorstellen/") == 200
    assert get("burgemeester.laren", "/harmonisatie/voorstellen/") == 200
    assert get("raadslid.laren", "/harmonisatie/voorstellen/") == 403
    assert get("directeur.bel", f"/harmonisatie/voorstellen/nieuw?opdracht={laren.pk}") == 200
    assert get("burgemeester.laren", f"/harmonisatie/voorstellen/nieuw?opdracht={laren.pk}") == 403
    assert get("burgemeester.laren", f"/harmonisatie/voorstellen/{voorstel.pk}/") == 200
    assert get("directeur.kempen", f"/harmonisatie/voorstellen/{voorstel.pk}/") == 404
    c = Client()
    c.force_login(user_named("directeur.bel"))
    assert "Harmonisatievoorstel maken" in c.get(f"/opdrachten/{laren.pk}").content.decode()


def test_answering_on_the_page_needs_confirmation(wereld: Wereld, user_named: Any) -> None:
    voorstel = wereld.toerisme()
    partij = voorstel.partijen.get(gemeente=wereld.gemeente["laren"])
    c = Client()
    c.force_login(user_named("burgemeester.laren"))
    url = f"/harmonisatie/voorstellen/partij/{partij.pk}/aanvaarden"
    prefix = f"p{partij.pk}"
    assert c.post(url, {f"{prefix}-versie": voorstel.versie}).status_code == 400
    antwoord = c.post(url, {f"{prefix}-versie": voorstel.versie, f"{prefix}-bevestig": "on"})
    assert antwoord.status_code == 302
    partij.refresh_from_db()
    assert partij.besluit == lifecycle.AANVAARD and partij.besloten_door == user_named("burgemeester.laren")


def test_new_proposal_from_the_assignment_page(wereld: Wereld, user_named: Any) -> None:
    laren = wereld.opdracht(LAREN)
    groen = wereld.opdracht("Toeristisch-recreatief plan Blaricum (groen)")
    c = Client()
    c.force_login(user_named("directeur.bel"))
    pagina = c.get(f"/harmonisatie/voorstellen/nieuw?opdracht={laren.pk}").content.decode()
    assert groen.titel in pagina
    antwoord = c.post(
        f"/harmonisatie/voorstellen/nieuw?opdracht={laren.pk}",
        {
            "onderwerp": "Test",
            "toelichting": "Wilt u?",
            "vorm": "gezamenlijk",
            "opdrachten": [laren.pk, groen.pk],
        },
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]


# --- the joint agenda -----------------------------------------------------------------------------------------------
def test_a_sent_proposal_is_suggested_on_the_joint_meeting_and_added_from_it(
    wereld: Wereld, user_named: Any
) -> None:
    voorstel = wereld.toerisme()
    overleg = Overleg.objects.get(titel="Wethoudersoverleg economie en toerisme BEL")
    directeur = wereld.actor("directeur.bel")
    suggesties = opdrachten_selectors.suggestions(directeur, overleg)
    eigen = [s for s in suggesties if s.harmonisatievoorstel_id == voorstel.pk]
    assert len(eigen) == 1 and eigen[0].soort == "harmonisatievoorstel"
    assert eigen[0].onderwerp == f"Harmonisatievoorstel {voorstel.nummer}: {voorstel.onderwerp}"
    c = Client()
    c.force_login(user_named("directeur.bel"))
    antwoord = c.post(
        f"/opdrachten/overleggen/{overleg.pk}",
        {"formulier": "suggestie", "harmonisatievoorstel": voorstel.pk},
    )
    assert antwoord.status_code == 302
    voorstel.refresh_from_db()
    assert voorstel.agendapunt is not None and voorstel.agendapunt.overleg_id == overleg.pk
    assert all(
        s.harmonisatievoorstel_id != voorstel.pk for s in opdrachten_selectors.suggestions(directeur, overleg)
    )
