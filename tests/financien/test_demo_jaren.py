"""The demo is current: hours, tariffs, budgets and scenarios for the closed year 2025 and the current
year 2026, for BEL and the Kempengemeenten; Groningen – Ten Boer only for the years it existed. And every
bulk-inserted hour is one the services would accept."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Count, F, Max, Min, Sum

from seta.autorisaties import policy
from seta.autorisaties.actor import actor_for
from seta.demo.builder import PEILDATUM
from seta.financien import invoer, services
from seta.financien.models import Afrekening, Begroting, Scenario, Tarief
from seta.opdrachten.models import Bestuursopdracht
from seta.organisatie.models import Medewerker
from seta.samenwerkingsverbanden.models import Samenwerkingsverband
from seta.uren.models import Soort, Urenregel, Weekovergang, Weekstaat, Weekstatus

JAREN = (2025, 2026)
MET_UREN = ("bel", "kempen")


@pytest.mark.parametrize("slug", MET_UREN)
def test_budget_tariffs_and_a_calculated_scenario_for_both_years(db: Any, slug: str) -> None:
    for jaar in JAREN:
        begroting = Begroting.objects.get(samenwerkingsverband__slug=slug, jaar=jaar)
        assert begroting.totaal > 0 and begroting.bijdragen.count() >= 3
        assert Tarief.objects.filter(samenwerkingsverband__slug=slug, jaar=jaar, schaal__isnull=True).exists()
        scenario = Scenario.objects.get(samenwerkingsverband__slug=slug, jaar=jaar)
        assert scenario.berekend_op is not None and scenario.resultaat
        assert len(scenario.verdeelmodellen.all()) >= 2
    assert Afrekening.objects.filter(samenwerkingsverband__slug=slug, jaar=2025).exists()
    # the current year has no settlement yet: it is still running
    assert not Afrekening.objects.filter(samenwerkingsverband__slug=slug, jaar=2026).exists()


@pytest.mark.parametrize("slug", MET_UREN)
def test_2026_is_2025_indexed(db: Any, slug: str) -> None:
    """Wages +4.2 % (tariffs and staff costs), prices +2.8 % (material and overhead), as in a kaderbrief."""
    vorig, huidig = (Begroting.objects.get(samenwerkingsverband__slug=slug, jaar=j) for j in JAREN)
    assert abs(huidig.personeel - vorig.personeel * Decimal("1.042")) <= 500
    assert abs(huidig.materieel - vorig.materieel * Decimal("1.028")) <= 500
    tarieven = {
        jaar: {
            t.schaal: t.uurtarief for t in Tarief.objects.filter(samenwerkingsverband__slug=slug, jaar=jaar)
        }
        for jaar in JAREN
    }
    assert tarieven[2025].keys() == tarieven[2026].keys()
    for schaal, tarief in tarieven[2025].items():
        assert abs(tarieven[2026][schaal] - tarief * Decimal("1.042")) <= Decimal("0.5")
    # each partner's previous contribution is its 2025 advance
    vorige = {b.gemeente_id: b.voorschot for b in vorig.bijdragen.all()}
    assert {b.gemeente_id: b.vorige_bijdrage for b in huidig.bijdragen.all()} == vorige


def test_the_2026_scenario_can_be_recalculated_by_the_controller(actor_named: Any) -> None:
    for slug in MET_UREN:
        scenario = Scenario.objects.get(samenwerkingsverband__slug=slug, jaar=2026)
        opnieuw = services.calculate_scenario(actor=actor_named(f"controller.{slug}"), scenario=scenario)
        assert opnieuw.resultaat == scenario.resultaat  # deterministic on the same data


def test_kempen_model_adopted_by_its_ab_and_the_settlement_of_2025(db: Any) -> None:
    afrekening = Afrekening.objects.get(samenwerkingsverband__slug="kempen", jaar=2025)
    assert afrekening.verdeelmodel.naam == "Eenheden naar gebruik"
    assert afrekening.verdeelmodel.vastgesteld_door.username == "burgemeester.eersel"
    assert afrekening.verrekend and afrekening.regels.count() == 5


def test_gtb_has_budgets_for_its_last_years_only(db: Any) -> None:
    """GTB ended on 2019-01-01 (Ten Boer merged into Groningen): no partner in 2025 or 2026."""
    gtb = Samenwerkingsverband.objects.get(slug="gtb")
    assert invoer.partners_in_year(gtb, 2025) == []
    assert sorted(Begroting.objects.filter(samenwerkingsverband=gtb).values_list("jaar", flat=True)) == [
        2017,
        2018,
    ]
    ten_boer = Begroting.objects.get(samenwerkingsverband=gtb, jaar=2018).bijdragen.get(
        gemeente__slug="ten-boer"
    )
    assert ten_boer.voorschot > 0 and ten_boer.vorige_bijdrage is not None
    assert not Urenregel.objects.filter(samenwerkingsverband=gtb).exists()


def test_gtb_start_period_not_settled_then_settled_adopted_by_the_colleges(actor_named: Any) -> None:
    """GTB (a centrumgemeenteconstructie, no AB or DB): the two colleges adopted the model with its start
    period 2016-2017. Ten Boer paid a fixed contribution: 2017 (start period) € 5.900.000 against a budget of
    € 6.200.000 is not settled; 2018 € 6.200.000 against € 6.340.000 is: Ten Boer pays € 140.000."""
    gtb = Samenwerkingsverband.objects.get(slug="gtb")
    afrekeningen = {a.jaar: a for a in Afrekening.objects.filter(samenwerkingsverband=gtb)}
    assert set(afrekeningen) == {2017, 2018}
    for a in afrekeningen.values():
        assert a.status == "vastgesteld" and a.bestuursbesluit.orgaan == "colleges"
        assert a.verdeelmodel.configuratie["regels"]["startperiode"] == {
            "vanJaar": 2016,
            "totEnMetJaar": 2017,
        }
    ten_boer = {j: a.regels.get(gemeente__slug="ten-boer") for j, a in afrekeningen.items()}
    assert not afrekeningen[2017].verrekend
    assert (ten_boer[2017].voorschot, ten_boer[2017].realisatie) == (
        Decimal("5900000.00"),
        Decimal("6200000.00"),
    )
    assert ten_boer[2017].niet_verrekend == Decimal("300000.00") and ten_boer[2017].te_betalen == 0
    assert afrekeningen[2018].verrekend
    assert ten_boer[2018].te_betalen == Decimal("140000.00") and ten_boer[2018].niet_verrekend == 0
    # who may decide for GTB: the partners' colleges, not another cooperation's board or the pool
    for login in ("burgemeester.groningen", "wethouder.groningen"):
        assert policy.can(actor_named(login), "verdeelmodel.vaststellen", gtb), login
    for login in ("burgemeester.laren", "controller.gtb", "raadslid.groningen"):
        assert not policy.can(actor_named(login), "verdeelmodel.vaststellen", gtb), login


@pytest.mark.parametrize("slug", MET_UREN)
def test_hours_cover_2025_and_2026_up_to_the_reference_date(db: Any, slug: str) -> None:
    regels = Urenregel.objects.filter(samenwerkingsverband__slug=slug)
    bereik = regels.aggregate(van=Min("datum"), tot=Max("datum"))
    assert bereik["van"] <= dt.date(2025, 1, 3) and bereik["tot"] == PEILDATUM
    actief = Medewerker.objects.filter(
        samenwerkingsverband__slug=slug, in_dienst__lte=dt.date(2026, 1, 1), uit_dienst__isnull=True
    )
    met_2026 = set(regels.filter(datum__year=2026).values_list("medewerker_id", flat=True))
    assert set(actief.values_list("pk", flat=True)) <= met_2026  # every staff member, not one team


@pytest.mark.parametrize("slug", MET_UREN)
def test_every_line_is_one_the_services_accept(db: Any, slug: str) -> None:
    sv = Samenwerkingsverband.objects.get(slug=slug)
    regels = Urenregel.objects.filter(samenwerkingsverband=sv)
    staff = {m.pk: m for m in Medewerker.objects.filter(samenwerkingsverband=sv)}
    dagen = regels.values("medewerker_id", "datum").annotate(s=Sum("uren"))
    for d in dagen:
        m = staff[d["medewerker_id"]]
        assert 0 < d["s"] <= 24
        assert m.in_dienst <= d["datum"] and (m.uit_dienst is None or d["datum"] <= m.uit_dienst)
    partners = {g.pk for jaar in JAREN for g in invoer.partners_in_year(sv, jaar)}
    regulier = regels.filter(soort=Soort.REGULIER)
    assert not regulier.exclude(gemeente_id__in=partners).exists()
    assert not regulier.exclude(catalogusitem__samenwerkingsverband=sv).exists()
    assert not regels.filter(soort=Soort.OVERHEAD, gemeente__isnull=False).exists()
    for o in Bestuursopdracht.objects.filter(pk__in=regels.values("opdracht_id")):
        assert o.samenwerkingsverband_id == sv.pk
        op = regels.filter(opdracht=o).aggregate(van=Min("datum"), tot=Max("datum"))
        assert o.opgedragen_op <= op["van"] and (o.opgeleverd_op is None or op["tot"] <= o.opgeleverd_op)
    # each line is in its own week's weekstaat
    assert not regels.exclude(weekstaat__medewerker_id=F("medewerker_id")).exists()
    for datum, jaar, week in regels.values_list("datum", "weekstaat__jaar", "weekstaat__week").distinct():
        assert datum.isocalendar()[:2] == (jaar, week)


@pytest.mark.parametrize("slug", MET_UREN)
def test_week_status_follows_the_transitions_and_who_may_approve(db: Any, slug: str) -> None:
    staten = Weekstaat.objects.filter(samenwerkingsverband__slug=slug)
    huidig, vorig = PEILDATUM.isocalendar()[:2], (PEILDATUM - dt.timedelta(days=7)).isocalendar()[:2]
    per_status = {
        (s["jaar"], s["week"], s["status"])
        for s in staten.values("jaar", "week", "status").annotate(n=Count("id"))
    }
    for jaar, week, status in per_status:
        verwacht = (
            Weekstatus.OPEN
            if (jaar, week) == huidig
            else Weekstatus.INGEDIEND
            if (jaar, week) == vorig
            else Weekstatus.GOEDGEKEURD
        )
        assert status == verwacht, (jaar, week)
    aantal = {Weekstatus.OPEN: 0, Weekstatus.INGEDIEND: 1, Weekstatus.GOEDGEKEURD: 2}
    overgangen = dict(
        Weekovergang.objects.filter(weekstaat__in=staten)
        .values_list("weekstaat_id")
        .annotate(n=Count("id"))
        .values_list("weekstaat_id", "n")
    )
    for staat_id, status in staten.values_list("pk", "status"):
        assert overgangen.get(staat_id, 0) == aantal[Weekstatus(status)]
    # the approver may approve that person's weeks (policy), and is never the person themself
    users = get_user_model().objects.in_bulk()
    gezien: set[tuple[int, int]] = set()
    for staat in staten.filter(status=Weekstatus.GOEDGEKEURD).select_related("medewerker"):
        paar = (staat.goedgekeurd_door_id, staat.medewerker_id)
        if paar in gezien:
            continue
        gezien.add(paar)
        assert policy.can(actor_for(users[staat.goedgekeurd_door_id]), "weekstaat.goedkeuren", staat), paar
