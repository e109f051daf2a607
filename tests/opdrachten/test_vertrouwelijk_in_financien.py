"""Financial figures never name a confidential joint assignment (issue 8, "Confidentiality").

Every partner's college, council and boards read the allocation (ADR 0032); most of them may not open a given
assignment. A confidential joint assignment is still charged to its partners, with the same amounts, but its part
is called "Gezamenlijke vertrouwelijke opdracht <n>": no number, no title, in the scenario page, the settlement, the
exports (XLSX, CSV, JSON), the API and the stored results. (Here, next to the ``wereld`` fixture that drives an
assignment through the opdrachten services.)
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.test import Client
from openpyxl import load_workbook
from rest_framework.test import APIClient

from seta.autorisaties import policy
from seta.financien import berekening
from seta.financien import services as financien
from seta.financien.models import Afrekening, Berekening, Scenario, Verdeelmodel
from seta.gemeenten.models import Portefeuille
from seta.opdrachten import lifecycle
from seta.opdrachten.models import Bestuursopdracht
from seta.uren import overzicht
from seta.uren.models import Soort, Urenregel

Wereld = Any
JAAR = 2025
TITEL = "Geheime herindeling sociaal domein"


def _vertrouwelijke_gezamenlijke_opdracht(wereld: Wereld) -> Bestuursopdracht:
    """Blaricum and Laren commission a confidential joint assignment through the services; it was delivered in
    the demo year with external costs, and 16 hours were written on it that year."""
    pf = Portefeuille.objects.filter(gemeente__slug="laren").order_by("naam").first()
    assert pf is not None
    opdracht = wereld.in_status(
        lifecycle.OPGELEVERD,
        gemeenten=(("blaricum", "Sociaal domein"), ("laren", pf.naam)),
        vertrouwelijk=True,
        college=("wethouder.blaricum", "burgemeester.laren"),
    )
    Bestuursopdracht.objects.filter(pk=opdracht.pk).update(titel=TITEL, opgeleverd_op=dt.date(JAAR, 6, 30))
    opdracht.refresh_from_db()
    # hours of the demo year, booked on the joint assignment (a joint assignment has no single gemeente)
    for regel in Urenregel.objects.filter(
        samenwerkingsverband=wereld.bel, datum__year=JAAR, opdracht__isnull=False
    ).order_by("id")[:2]:
        regel.pk = None
        regel._state.adding = True
        regel.opdracht = opdracht
        regel.gemeente = None
        regel.soort = Soort.OPDRACHT
        regel.sleutel = ""
        regel.uren = Decimal("8")
        regel.save()
    # lines written around the services into approved weeks: rebuild the summary the allocation reads
    overzicht.herbereken(wereld.bel.pk, JAAR)
    return opdracht


def _teksten(
    scenario: Scenario, afrekening: Afrekening, model: Verdeelmodel, web: Client, api: APIClient
) -> list[tuple[str, str]]:
    teksten: list[tuple[str, str]] = []
    teksten.append(("scenariopagina", web.get(f"/financien/scenarios/{scenario.pk}").content.decode()))
    teksten.append(("afrekeningpagina", web.get(f"/financien/afrekeningen/{afrekening.pk}").content.decode()))
    teksten.append(
        ("modelpagina", web.get(f"/financien/verdeelmodellen/{model.pk}", {"jaar": JAAR}).content.decode())
    )
    for url, params in (
        (f"/api/v1/scenarios/{scenario.pk}", {}),
        (f"/api/v1/scenarios/{scenario.pk}", {"formaat": "json"}),
        (f"/api/v1/scenarios/{scenario.pk}/vergelijking", {}),
        (f"/api/v1/scenarios/{scenario.pk}/vergelijking", {"formaat": "csv"}),
        (f"/api/v1/afrekeningen/{afrekening.pk}", {}),
        (f"/api/v1/verdeelmodellen/{model.pk}", {}),
        (f"/api/v1/verdeelmodellen/{model.pk}/berekenen", {"jaar": JAAR}),
    ):
        r = api.get(url, params)
        assert r.status_code == 200, (url, params, r.content[:300])
        teksten.append((f"{url} {params}", r.content.decode("utf-8-sig")))
    r = api.get(f"/api/v1/scenarios/{scenario.pk}", {"formaat": "xlsx"})
    assert r.status_code == 200
    cellen = [
        str(c)
        for ws in load_workbook(io.BytesIO(r.content)).worksheets
        for row in ws.iter_rows(values_only=True)
        for c in row
        if c is not None
    ]
    teksten.append(("xlsx", "\n".join(cellen)))
    return teksten


def _totalen(scenario: Scenario, api: APIClient) -> dict[str, list[str]]:
    r = api.get(f"/api/v1/scenarios/{scenario.pk}/vergelijking", {"formaat": "csv"})
    rijen = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    return {rij[1]: rij[2:] for rij in rijen[1:]}


def test_financial_figures_never_name_a_confidential_joint_assignment(
    wereld: Wereld, user_named: Callable[[str], Any]
) -> None:
    opdracht = _vertrouwelijke_gezamenlijke_opdracht(wereld)
    controller = wereld.actor("controller.bel")
    scenario = Scenario.objects.get(samenwerkingsverband=wereld.bel, naam="Drie verdeelmodellen voor 2025")
    model = Verdeelmodel.objects.get(samenwerkingsverband=wereld.bel, naam="BEL hybride", volgnummer=1)
    financien.calculate_scenario(actor=controller, scenario=scenario)
    financien.store_calculation(actor=controller, verdeelmodel=model, jaar=JAAR)
    afrekening = financien.settle_year(actor=controller, samenwerkingsverband=wereld.bel, jaar=JAAR)
    scenario.refresh_from_db()

    # the part is there, under the neutral name, charged to its two partners
    stored = str(scenario.resultaat)
    assert "Gezamenlijke vertrouwelijke opdracht 1" in stored
    assert "Gezamenlijke vertrouwelijke opdracht 1" in str(afrekening.resultaat)
    nummer = re.compile(re.escape(opdracht.nummer) + r"(?!\d)")
    for waar, doc in (
        ("scenario", scenario.resultaat),
        ("afrekening invoer", afrekening.invoer),
        ("afrekening resultaat", afrekening.resultaat),
        *((f"berekening {b.pk}", [b.invoer, b.resultaat]) for b in Berekening.objects.filter(jaar=JAAR)),
    ):
        assert not nummer.search(str(doc)) and TITEL not in str(doc), waar

    for username in ("raadslid.eemnes", "controller.bel"):
        web, api = Client(), APIClient()
        user = user_named(username)
        web.force_login(user)
        api.force_authenticate(user=user)
        if username == "raadslid.eemnes":
            assert not policy.can(wereld.actor(username), "bestuursopdracht.lezen", opdracht)
        for waar, tekst in _teksten(scenario, afrekening, model, web, api):
            assert not nummer.search(tekst), f"{username}: {waar} noemt {opdracht.nummer}"
            assert TITEL not in tekst, f"{username}: {waar} noemt de titel"
    api = APIClient()
    api.force_authenticate(user=user_named("raadslid.eemnes"))
    vertrouwelijk = _totalen(scenario, api)

    # the same assignment made public: the same amounts, now under its own name
    Bestuursopdracht.objects.filter(pk=opdracht.pk).update(vertrouwelijkheid="openbaar")
    financien.calculate_scenario(actor=controller, scenario=scenario)
    scenario.refresh_from_db()
    assert f"Gezamenlijk {opdracht.nummer}: {TITEL}" in str(scenario.resultaat)
    assert _totalen(scenario, api) == vertrouwelijk


def test_settlement_still_splits_the_hours_of_a_confidential_joint_assignment(wereld: Wereld) -> None:
    """The neutral name still leads the settlement to the assignment's hours (kept in memory, never stored)."""
    _vertrouwelijke_gezamenlijke_opdracht(wereld)
    controller = wereld.actor("controller.bel")

    def regels() -> dict[str, tuple[Any, Any]]:
        afrekening = financien.settle_year(actor=controller, samenwerkingsverband=wereld.bel, jaar=JAAR)
        return {
            r.gemeente.slug: (r.geleverde_uren, r.saldo) for r in afrekening.regels.select_related("gemeente")
        }

    geheim = regels()
    Bestuursopdracht.objects.filter(titel=TITEL).update(vertrouwelijkheid="openbaar")
    assert regels() == geheim


def test_migration_renames_stored_results_of_before_the_fix(wereld: Wereld) -> None:
    """Results stored before the fix carry "Gezamenlijk <nummer>: <titel>"; the data migration renames them."""
    import importlib
    import json

    from django.apps import apps

    migratie = importlib.import_module("seta.financien.migrations.0002_vertrouwelijke_opdrachten_neutraal")
    opdracht = _vertrouwelijke_gezamenlijke_opdracht(wereld)
    controller = wereld.actor("controller.bel")
    scenario = Scenario.objects.get(samenwerkingsverband=wereld.bel, naam="Drie verdeelmodellen voor 2025")
    financien.calculate_scenario(actor=controller, scenario=scenario)
    afrekening = financien.settle_year(actor=controller, samenwerkingsverband=wereld.bel, jaar=JAAR)
    scenario.refresh_from_db()
    nu = {"scenario": scenario.resultaat, "invoer": afrekening.invoer, "resultaat": afrekening.resultaat}

    def oud(doc: Any) -> Any:  # as stored before the fix
        tekst = json.dumps(doc).replace(
            "Gezamenlijke vertrouwelijke opdracht 1", f"Gezamenlijk {opdracht.nummer}: {TITEL}"
        )
        return json.loads(tekst)

    Scenario.objects.filter(pk=scenario.pk).update(resultaat=oud(scenario.resultaat))
    Afrekening.objects.filter(pk=afrekening.pk).update(
        invoer=oud(afrekening.invoer), resultaat=oud(afrekening.resultaat)
    )
    assert TITEL in str(Scenario.objects.get(pk=scenario.pk).resultaat)

    migratie.forwards(apps, None)

    scenario.refresh_from_db()
    afrekening.refresh_from_db()
    assert {
        "scenario": scenario.resultaat,
        "invoer": afrekening.invoer,
        "resultaat": afrekening.resultaat,
    } == nu


def test_model_configuration_hides_an_assignment_its_reader_may_not_open(
    wereld: Wereld, user_named: Callable[[str], Any]
) -> None:
    """A model's own part on the confidential joint assignment: the reader sees neither its number nor the name
    the controller gave it (page and API); the controller does; the calculation names it neutrally."""
    opdracht = _vertrouwelijke_gezamenlijke_opdracht(wereld)
    controller = wereld.actor("controller.bel")
    model = financien.draft_model(
        actor=controller,
        samenwerkingsverband=wereld.bel,
        naam="Met eigen onderdeel",
        configuratie={
            "verdeelsleutel": {"soort": "bevolking"},
            "onderdelen": [
                {
                    "soort": "gezamenlijk",
                    "naam": f"Shapley {opdracht.nummer} {TITEL}",
                    "opdracht": opdracht.nummer,
                    "methode": "verdeelsleutel",
                    "btw": "vrijgesteld",
                },
                {"soort": "vast", "naam": "Rest", "bedrag": "rest", "btw": "vrijgesteld"},
            ],
        },
    )
    berekend = financien.store_calculation(actor=controller, verdeelmodel=model, jaar=JAAR)
    assert opdracht.nummer not in str(berekend.resultaat) and TITEL not in str(berekend.resultaat)
    assert "Gezamenlijke vertrouwelijke opdracht 1" in str(berekend.resultaat)

    web, api = Client(), APIClient()
    web.force_login(user_named("raadslid.eemnes"))
    api.force_authenticate(user=user_named("raadslid.eemnes"))
    for waar, r in (
        ("pagina", web.get(f"/financien/verdeelmodellen/{model.pk}", {"jaar": JAAR})),
        ("api", api.get(f"/api/v1/verdeelmodellen/{model.pk}")),
        ("lijst", api.get("/api/v1/verdeelmodellen", {"paginaGrootte": 200})),
    ):
        assert r.status_code == 200, waar
        tekst = r.content.decode()
        assert opdracht.nummer not in tekst and TITEL not in tekst, waar
    eigen = APIClient()
    eigen.force_authenticate(user=user_named("controller.bel"))
    assert opdracht.nummer in eigen.get(f"/api/v1/verdeelmodellen/{model.pk}").content.decode()


def test_a_draft_joint_assignment_is_not_named_either(wereld: Wereld) -> None:
    """A draft (public, but not yet commissioned: the council may not open it) is named neutrally too."""
    pf = Portefeuille.objects.filter(gemeente__slug="laren").order_by("naam").first()
    assert pf is not None
    concept = wereld.draft(gemeenten=(("blaricum", "Sociaal domein"), ("laren", pf.naam)))
    Bestuursopdracht.objects.filter(pk=concept.pk).update(titel=TITEL)
    regel = Urenregel.objects.filter(
        samenwerkingsverband=wereld.bel, datum__year=JAAR, opdracht__isnull=False
    ).first()
    assert regel is not None
    regel.pk = None
    regel._state.adding = True
    regel.opdracht, regel.gemeente, regel.sleutel, regel.uren = concept, None, "", Decimal("4")
    regel.save()
    overzicht.herbereken(wereld.bel.pk, JAAR)  # written around the services: rebuild the summary
    model = Verdeelmodel.objects.get(samenwerkingsverband=wereld.bel, naam="BEL hybride", volgnummer=1)
    uitkomst = berekening.allocate(wereld.bel, JAAR, [model])
    tekst = str(uitkomst.document) + str(uitkomst.to_json())
    assert "Gezamenlijke vertrouwelijke opdracht 1" in tekst
    assert concept.nummer not in tekst and TITEL not in tekst
