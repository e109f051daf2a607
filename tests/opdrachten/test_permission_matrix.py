"""The permission matrix of commissioning: every transition × every role, own and other municipality,
same and other cooperation, pool and principal side — through the API, as the people would.

The expected table is written out below. ``ok`` means the action succeeds (HTTP 200); 403 means the
person may see the assignment but not do this; 404 means the person may not even know it exists.
A single forbidden combination that is let through fails the test.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction
from rest_framework.test import APIClient

from seta.autorisaties.actor import Rol
from seta.opdrachten import lifecycle, services

Wereld = Any  # the fixture type lives in conftest.py

# role key → demo login (wethouder2.blaricum and teamleider2.bel are made by the extra_gebruikers fixture)
ROLLEN: dict[str, str] = {
    # own municipality (Blaricum commissions the assignment)
    "burgemeester": "burgemeester.blaricum",
    "wethouder_portefeuille_dblid": "wethouder.blaricum",
    "wethouder_andere_pf_ablid": "wethouder2.blaricum",
    "raadslid": "raadslid.blaricum",
    "griffier": "griffier.blaricum",
    "secretaris": "secretaris.blaricum",
    "regisseur": "regisseur.blaricum",
    # other municipality, same cooperation (BEL)
    "wethouder_laren": "wethouder.laren",
    "burgemeester_laren_dbvz": "burgemeester.laren",
    "dblid_eemnes": "wethouder.eemnes",
    "raadslid_laren": "raadslid.laren",
    "griffier_eemnes": "griffier.eemnes",
    "secretaris_eemnes": "secretaris.eemnes",
    "regisseur_eemnes": "regisseur.eemnes",
    # other cooperation (Kempengemeenten)
    "wethouder_bergeijk": "wethouder.bergeijk",
    "regisseur_bladel": "regisseur.bladel",
    "raadslid_eersel": "raadslid.eersel",
    "directeur_kempen": "directeur.kempen",
    "teamleider_kempen": "teamleider.kempen",
    "medewerker_kempen": "medewerker.kempen",
    # the pool of the own cooperation (BEL)
    "directeur": "directeur.bel",
    "controller": "controller.bel",
    "teamleider_uitvoerend": "teamleider.bel",
    "teamleider_andere_eenheid": "teamleider2.bel",
    "medewerker_uitvoerend": "medewerker.bel",
    # functional administrator
    "beheerder": "beheerder",
}

# Columns: each lifecycle transition (tried from its own start state), plus sharpening the frames of a
# draft (wijz, PATCH) and approving a change request (wvgk).
KOLOMMEN = [
    "opdragen",
    "intake",
    "ramen",
    "akkoord",
    "starten",
    "voortgang",
    "opleveren",
    "vaststellen",
    "terugsturen",
    "herstarten",
    "aanhouden",
    "hervatten",
    "annuleren",
    "wijz",
    "wvgk",
]

TABEL = """
rol                           opdr intk ramn akkd strt vtgg oplv vsts trug hrst aanh hrvt annl wijz wvgk
burgemeester                  ok   403  403  ok   403  403  403  ok   ok   403  ok   ok   ok   ok   ok
wethouder_portefeuille_dblid  ok   403  403  ok   403  403  403  ok   ok   403  ok   ok   ok   ok   ok
wethouder_andere_pf_ablid     403  403  403  403  403  403  403  403  403  403  403  403  403  ok   403
raadslid                      404  403  403  403  403  403  403  403  403  403  403  403  403  404  403
griffier                      404  403  403  403  403  403  403  403  403  403  403  403  403  404  403
secretaris                    403  403  403  403  403  403  403  403  403  403  403  403  403  ok   403
regisseur                     403  403  403  403  403  403  403  403  403  403  403  403  403  ok   403
wethouder_laren               404  404  404  404  404  404  404  404  404  404  404  404  404  404  404
burgemeester_laren_dbvz       404  404  404  404  404  404  404  404  404  404  404  404  404  404  404
dblid_eemnes                  404  404  404  404  404  404  404  404  404  404  404  404  404  404  404
raadslid_laren                404  404  404  404  404  404  404  404  404  404  404  404  404  404  404
griffier_eemnes               404  404  404  404  404  404  404  404  404  404  404  404  404  404  404
secretaris_eemnes             404  404  404  404  404  404  404  404  404  404  404  404  404  404  404
regisseur_eemnes              404  404  404  404  404  404  404  404  404  404  404  404  404  404  404
wethouder_bergeijk            404  404  404  404  404  404  404  404  404  404  404  404  404  404  404
regisseur_bladel              404  404  404  404  404  404  404  404  404  404  404  404  404  404  404
raadslid_eersel               404  404  404  404  404  404  404  404  404  404  404  404  404  404  404
directeur_kempen              404  404  404  404  404  404  404  404  404  404  404  404  404  404  404
teamleider_kempen             404  404  404  404  404  404  404  404  404  404  404  404  404  404  404
medewerker_kempen             404  404  404  404  404  404  404  404  404  404  404  404  404  404  404
directeur                     403  ok   ok   403  ok   ok   ok   403  403  ok   403  403  403  403  403
controller                    403  403  403  403  403  403  403  403  403  403  403  403  403  403  403
teamleider_uitvoerend         403  ok   ok   403  ok   ok   ok   403  403  ok   403  403  403  403  403
teamleider_andere_eenheid     403  403  403  403  403  403  403  403  403  403  403  403  403  403  403
medewerker_uitvoerend         403  403  403  403  403  ok   403  403  403  403  403  403  403  403  403
beheerder                     403  403  403  403  403  403  403  403  403  403  403  403  403  403  403
"""


def _verwacht() -> dict[str, dict[str, str]]:
    regels = [r.split() for r in TABEL.strip().splitlines()]
    kop, rijen = regels[0], regels[1:]
    assert len(kop) == len(KOLOMMEN) + 1
    tabel = {rij[0]: dict(zip(KOLOMMEN, rij[1:], strict=True)) for rij in rijen}
    assert set(tabel) == set(ROLLEN), "every role has a row"
    return tabel


VERWACHT = _verwacht()

START: dict[str, str] = {
    "opdragen": lifecycle.CONCEPT,
    "intake": lifecycle.OPGEDRAGEN,
    "ramen": lifecycle.INTAKE,
    "akkoord": lifecycle.INTAKE,
    "starten": lifecycle.AKKOORD,
    "voortgang": lifecycle.IN_UITVOERING,
    "opleveren": lifecycle.IN_UITVOERING,
    "vaststellen": lifecycle.OPGELEVERD,
    "terugsturen": lifecycle.OPGELEVERD,
    "herstarten": lifecycle.TERUG,
    "aanhouden": lifecycle.IN_UITVOERING,
    "hervatten": lifecycle.AANGEHOUDEN,
    "annuleren": lifecycle.IN_UITVOERING,
    "wijz": lifecycle.CONCEPT,
    "wvgk": lifecycle.IN_UITVOERING,
}


def test_table_covers_every_transition_of_the_lifecycle() -> None:
    assert set(lifecycle.ACTIES) <= set(KOLOMMEN)
    for actie in lifecycle.ACTIES:
        assert lifecycle.overgang(START[actie], actie) is not None or actie == "hervatten"


def test_board_roles_are_really_held(
    user_named: Callable[[str], Any], extra_gebruikers: dict[str, Any]
) -> None:
    """The AB/DB rows test what they say: those people hold board seats."""
    from seta.autorisaties.actor import actor_for

    assert actor_for(user_named("wethouder.blaricum")).heeft(Rol.DB_LID)
    assert actor_for(extra_gebruikers["wethouder2.blaricum"]).heeft(Rol.AB_LID)
    assert actor_for(user_named("burgemeester.laren")).heeft(Rol.DB_LID)
    assert actor_for(user_named("wethouder.eemnes")).heeft(Rol.DB_LID)


def _payload(actie: str, wereld: Wereld) -> dict[str, Any]:
    data: dict[str, Any] = {"reden": "Matrixtest"}
    if actie == "ramen":
        data.update(uren="80", externeKosten="0", eenheid=wereld.werk_inkomen.pk, opleverdatum="2027-06-01")
    elif actie == "voortgang":
        data.update(status="oranje", percentageGereed=40)
    elif actie in lifecycle.OVERSCHRIJDING_BEVESTIGEN:
        data.update(
            overschrijdingGezien=True
        )  # the estimate exceeds the frame: the college confirms it saw it
    return data


@pytest.mark.parametrize("kolom", KOLOMMEN)
def test_matrix(
    kolom: str, wereld: Wereld, extra_gebruikers: dict[str, Any], user_named: Callable[[str], Any]
) -> None:
    opdracht = wereld.in_status(START[kolom])
    url = f"/api/v1/bestuursopdrachten/{opdracht.pk}/{kolom}"
    method = "post"
    payload = _payload(kolom, wereld)
    headers = {"HTTP_IF_MATCH": f'W/"{opdracht.versie}"'}  # every update names the version it read
    if kolom == "wijz":
        url, method, payload = f"/api/v1/bestuursopdrachten/{opdracht.pk}", "patch", {"titel": "Aangescherpt"}
    elif kolom == "wvgk":
        verzoek = services.request_change(
            actor=wereld.actor("teamleider.bel"),
            opdracht=opdracht,
            soort="budget",
            toelichting="Meer uren nodig.",
            nieuw_max_uren=200,
        )
        url = f"/api/v1/wijzigingsverzoeken/{verzoek.pk}/goedkeuren"
        payload = {"toelichting": "Matrixtest"}
        headers = {"HTTP_IF_MATCH": f'W/"{verzoek.versie}"'}

    fouten = []
    client = APIClient()  # one client: building its handler (middleware) is the slow part
    for rol, username in ROLLEN.items():
        user = extra_gebruikers.get(username) or user_named(username)
        client.force_authenticate(user=user)
        with transaction.atomic():
            response = getattr(client, method)(url, payload, format="json", **headers)
            transaction.set_rollback(True)  # every attempt starts from the same state
        gekregen = "ok" if response.status_code == 200 else str(response.status_code)
        if gekregen != VERWACHT[rol][kolom]:
            detail = response.json().get("detail", "") if response.status_code != 200 else ""
            fouten.append(f"{rol} ({username}): verwacht {VERWACHT[rol][kolom]}, kreeg {gekregen} {detail}")
    assert not fouten, f"{kolom}:\n" + "\n".join(fouten)


# --- reading: confidential assignments -----------------------------------------------------------------------------
LEZEN_VERTROUWELIJK = {
    "burgemeester": 200,
    "wethouder_portefeuille_dblid": 200,
    "wethouder_andere_pf_ablid": 200,
    "secretaris": 200,
    "regisseur": 200,
    "raadslid": 404,
    "griffier": 404,
    "wethouder_laren": 404,
    "raadslid_laren": 404,
    "regisseur_eemnes": 404,
    "wethouder_bergeijk": 404,
    "directeur_kempen": 404,
    "directeur": 200,
    "controller": 200,
    "teamleider_uitvoerend": 200,
    "teamleider_andere_eenheid": 200,
    "medewerker_uitvoerend": 200,
    "medewerker_andere_eenheid": 404,
    "beheerder": 200,
}
LEZEN_OPENBAAR = {**LEZEN_VERTROUWELIJK, "raadslid": 200, "griffier": 200, "medewerker_andere_eenheid": 200}


@pytest.mark.parametrize("vertrouwelijk", [True, False], ids=["vertrouwelijk", "openbaar"])
def test_reading(
    vertrouwelijk: bool, wereld: Wereld, extra_gebruikers: dict[str, Any], user_named: Callable[[str], Any]
) -> None:
    from seta.organisatie.models import Medewerker, Positie

    mw = Medewerker.objects.filter(
        samenwerkingsverband=wereld.bel,
        positie=Positie.MEDEWERKER,
        gebruiker__isnull=True,
        eenheid__code="publiekszaken",
        uit_dienst__isnull=True,
    ).first()
    assert mw is not None
    from django.contrib.auth import get_user_model

    mw.gebruiker = get_user_model().objects.create(username="medewerker2.bel")
    mw.save(update_fields=["gebruiker"])
    logins = {**ROLLEN, "medewerker_andere_eenheid": "medewerker2.bel"}
    opdracht = wereld.in_status(lifecycle.IN_UITVOERING, vertrouwelijk=vertrouwelijk)
    verwacht = LEZEN_VERTROUWELIJK if vertrouwelijk else LEZEN_OPENBAAR
    fouten = []
    client = APIClient()
    for rol, status in verwacht.items():
        username = logins[rol]
        user = extra_gebruikers.get(username) or user_named(username)
        client.force_authenticate(user=user)
        detail = client.get(f"/api/v1/bestuursopdrachten/{opdracht.pk}").status_code
        in_lijst = any(
            r["id"] == opdracht.pk
            for r in client.get("/api/v1/bestuursopdrachten", {"zoek": opdracht.nummer}).json()["results"]
        )
        historie = client.get(f"/api/v1/bestuursopdrachten/{opdracht.pk}/historie").status_code
        if detail != status or in_lijst != (status == 200) or historie != status:
            fouten.append(
                f"{rol}: verwacht {status}, kreeg detail {detail}, in lijst {in_lijst}, historie {historie}"
            )
    assert not fouten, "\n".join(fouten)


# --- drafting -----------------------------------------------------------------------------------------------------------
MAG_OPSTELLEN = {
    "burgemeester",
    "wethouder_portefeuille_dblid",
    "wethouder_andere_pf_ablid",
    "secretaris",
    "regisseur",
}
MAG_VOORSTELLEN = {"directeur", "teamleider_uitvoerend", "teamleider_andere_eenheid"}


@pytest.mark.parametrize("initiatief", ["gemeente", "pool"])
def test_drafting(
    initiatief: str, wereld: Wereld, extra_gebruikers: dict[str, Any], user_named: Callable[[str], Any]
) -> None:
    """Only Blaricum's own people draft for Blaricum; the pool may only draft a proposal (initiatief=pool)."""
    payload = {
        "samenwerkingsverband": "bel",
        "initiatief": initiatief,
        "titel": "Nieuwe opdracht",
        "catalogusitem": wereld.item.pk,
        "deadline": "2027-09-01",
        "doelen": "Iets bereiken.",
        "opdrachtgevers": [
            {"gemeente": "blaricum", "portefeuille": wereld.portefeuille("blaricum", "Sociaal domein").pk}
        ],
    }
    mag = MAG_OPSTELLEN if initiatief == "gemeente" else MAG_VOORSTELLEN
    fouten = []
    client = APIClient()
    for rol, username in ROLLEN.items():
        client.force_authenticate(user=extra_gebruikers.get(username) or user_named(username))
        with transaction.atomic():
            response = client.post("/api/v1/bestuursopdrachten", payload, format="json")
            transaction.set_rollback(True)
        if (response.status_code == 201) != (rol in mag):
            fouten.append(f"{rol}: kreeg {response.status_code}")
        if rol not in mag and response.status_code not in (400, 403):
            fouten.append(
                f"{rol}: weigering moet 403 (of 400 voor een onzichtbaar verband) zijn, kreeg {response.status_code}"
            )
    assert not fouten, "\n".join(fouten)


def test_pool_can_never_commission_even_its_own_proposal(
    wereld: Wereld, api_as: Callable[[str | None], APIClient]
) -> None:
    voorstel = services.draft(
        actor=wereld.actor("teamleider.bel"),
        samenwerkingsverband=wereld.bel,
        opdrachtgevers=[
            services.OpdrachtgeverInvoer(
                wereld.portefeuille("blaricum", "Sociaal domein").gemeente,
                wereld.portefeuille("blaricum", "Sociaal domein"),
            )
        ],
        catalogusitem=wereld.item,
        titel="Voorstel minimabeleid",
        deadline=dt.date(2030, 1, 1),
        doelen="Voorstel van de werkorganisatie.",
        initiatief="pool",
    )
    for wie in ("teamleider.bel", "directeur.bel"):
        assert (
            api_as(wie)
            .post(
                f"/api/v1/bestuursopdrachten/{voorstel.pk}/opdragen", {}, format="json", HTTP_IF_MATCH='W/"1"'
            )
            .status_code
            == 403
        )
    # The pool may sharpen its own proposal; the college turns it into an assignment.
    assert (
        api_as("teamleider.bel")
        .patch(
            f"/api/v1/bestuursopdrachten/{voorstel.pk}",
            {"scope": "Heel Blaricum"},
            format="json",
            HTTP_IF_MATCH='W/"1"',
        )
        .status_code
        == 200
    )
    r = api_as("wethouder.blaricum").post(
        f"/api/v1/bestuursopdrachten/{voorstel.pk}/opdragen", {}, format="json", HTTP_IF_MATCH='W/"2"'
    )
    assert r.status_code == 200 and r.json()["status"] == "opgedragen"
