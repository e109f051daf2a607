"""The plan's reads and rules: the current plan, runs and outcomes scoped by the policy, the load against capacity,
the shares, plan against reality (booked hours per unit against the plan, the estimate's signal shown, not raised
again); the permission matrix of plan.berekenen / plan.lezen / plan.belasting_lezen / plan.aandelen_lezen."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db.models import Sum

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor, system_actor
from seta.core.errors import Forbidden
from seta.opdrachten.models import Bestuursopdracht
from seta.planning import selectors_plan
from seta.planning.models import Planregel, Planrun, Runstatus
from seta.samenwerkingsverbanden.models import Samenwerkingsverband
from seta.signalen.models import Signaal, Signaalsoort
from seta.uren.models import Urenregel

pytestmark = pytest.mark.django_db


@pytest.fixture
def bel(db: Any) -> Samenwerkingsverband:
    return Samenwerkingsverband.objects.get(slug="bel")


@pytest.fixture
def run(bel: Samenwerkingsverband) -> Planrun:
    run = selectors_plan.actueel_plan(bel)
    assert run is not None
    return run


# --- the permission matrix -------------------------------------------------------------------------------------
MATRIX: dict[str, tuple[bool, bool, bool, bool]] = {
    # who: (berekenen, lezen, belasting_lezen, aandelen_lezen) on BEL
    "directeur.bel": (True, True, True, True),
    "controller.bel": (True, True, True, True),
    "teamleider.bel": (False, True, True, True),
    "medewerker.bel": (False, False, False, True),
    "burgemeester.laren": (False, False, True, True),  # AB and DB
    "wethouder.laren": (False, False, True, True),  # AB
    "wethouder.blaricum": (False, False, True, True),
    "secretaris.eemnes": (False, False, False, True),
    "regisseur.blaricum": (False, False, False, True),
    "raadslid.laren": (False, False, False, True),
    "griffier.eemnes": (False, False, False, True),
    "directeur.kempen": (False, False, False, False),
    "raadslid.eersel": (False, False, False, False),
    "beheerder": (False, True, True, True),
}


@pytest.mark.parametrize("wie", sorted(MATRIX))
def test_permission_matrix(bel: Samenwerkingsverband, actor_named: Callable[[str], Actor], wie: str) -> None:
    actor = actor_named(wie)
    acties = ("plan.berekenen", "plan.lezen", "plan.belasting_lezen", "plan.aandelen_lezen")
    assert tuple(policy.can(actor, a, bel) for a in acties) == MATRIX[wie]


def test_the_system_channels(bel: Samenwerkingsverband) -> None:
    assert policy.can(system_actor("demo"), "plan.berekenen", bel)
    assert not policy.can(system_actor("import-uren"), "plan.berekenen", bel)


@pytest.mark.parametrize("wie", sorted(MATRIX))
def test_who_sees_the_runs(run: Planrun, actor_named: Callable[[str], Actor], wie: str) -> None:
    ziet = selectors_plan.planruns_for(actor_named(wie)).filter(pk=run.pk).exists()
    assert ziet is (MATRIX[wie][3] or wie == "beheerder")


@pytest.mark.parametrize(
    "wie",
    [
        "directeur.bel",
        "teamleider.bel",
        "wethouder.laren",
        "regisseur.blaricum",
        "raadslid.laren",
        "medewerker.bel",
    ],
)
def test_outcomes_follow_the_assignment_read_scope(
    run: Planrun, actor_named: Callable[[str], Actor], wie: str
) -> None:
    actor = actor_named(wie)
    uitkomsten = set(selectors_plan.uitkomsten_for(actor, run).values_list("bestuursopdracht_id", flat=True))
    leesbaar = set(
        Bestuursopdracht.objects.filter(policy.scope(actor, "opdrachten.bestuursopdracht"))
        .filter(pk__in=run.uitkomsten.values("bestuursopdracht_id"))
        .values_list("pk", flat=True)
    )
    assert uitkomsten == leesbaar
    regels = set(selectors_plan.planregels_for(actor, run).values_list("bestuursopdracht_id", flat=True))
    assert regels <= leesbaar


def test_laren_sees_its_own_never_blaricums_confidential(
    run: Planrun, actor_named: Callable[[str], Actor]
) -> None:
    actor = actor_named("wethouder.laren")
    zichtbaar = selectors_plan.uitkomsten_for(actor, run)
    assert zichtbaar.filter(bestuursopdracht__opdrachtgevers__gemeente__slug="laren").exists()
    assert (
        not zichtbaar.filter(bestuursopdracht__vertrouwelijkheid="vertrouwelijk")
        .exclude(bestuursopdracht__opdrachtgevers__gemeente__slug="laren")
        .exists()
    )


# --- the current plan ------------------------------------------------------------------------------------------
def test_the_current_plan_is_the_latest_ready_run(bel: Samenwerkingsverband, run: Planrun) -> None:
    Planrun.objects.create(samenwerkingsverband=bel, status=Runstatus.MISLUKT, startweek=run.startweek)
    Planrun.objects.create(samenwerkingsverband=bel, status=Runstatus.BEZIG, startweek=run.startweek)
    assert selectors_plan.actueel_plan(bel) == run
    assert selectors_plan.laatste_run(bel).status == Runstatus.BEZIG  # type: ignore[union-attr]
    assert selectors_plan.actueel_plan(Samenwerkingsverband.objects.get(slug="kempen")) is None


def test_uitkomst_van_and_the_prefetch_agree(run: Planrun, actor_named: Callable[[str], Actor]) -> None:
    actor = actor_named("directeur.bel")
    qs = selectors_plan.met_planuitkomst(
        Bestuursopdracht.objects.filter(samenwerkingsverband=run.samenwerkingsverband)
    )
    for opdracht in qs:
        u = selectors_plan.uitkomst_van(actor, opdracht)
        datum, status = selectors_plan.planstand(opdracht)
        assert status == selectors_plan.planstatus(u)
        assert datum == (u.verwachte_oplevering if u else None)
    # not readable: no outcome
    geheim = (
        run.uitkomsten.filter(bestuursopdracht__vertrouwelijkheid="vertrouwelijk")
        .exclude(bestuursopdracht__opdrachtgevers__gemeente__slug="laren")
        .first()
    )
    if geheim is not None:
        assert selectors_plan.uitkomst_van(actor_named("wethouder.laren"), geheim.bestuursopdracht) is None


def test_every_outcome_has_an_explanation(run: Planrun) -> None:
    for u in run.uitkomsten.all():
        tekst = selectors_plan.uitleg_tekst(u)
        assert tekst.endswith(".")
        if not u.planbaar:
            assert u.reden in tekst
        elif selectors_plan.weken_te_laat(u) > 0:
            assert "Te laat" in tekst


# --- aggregate figures -----------------------------------------------------------------------------------------
def test_the_load_is_the_planned_hours_against_capacity(
    run: Planrun, actor_named: Callable[[str], Actor]
) -> None:
    rijen = selectors_plan.belasting(actor_named("directeur.bel"), run, van=0, weken=run.aantal_weken)
    assert rijen
    per_eenheid_week = {
        (r["eenheid_id"], r["week"]): r["totaal"]
        for r in Planregel.objects.filter(planrun=run)
        .values("eenheid_id", "week")
        .annotate(totaal=Sum("uren"))
    }
    for rij in rijen:
        for c in rij.cellen:
            assert c.gepland <= c.capaciteit + Decimal("0.1"), "the plan never exceeds a unit's capacity"
            assert abs(c.gepland - per_eenheid_week.get((rij.eenheid_id, c.week), Decimal("0"))) <= Decimal(
                "0.5"
            )
            assert c.vol == (
                c.gepland * 100 > c.capaciteit * selectors_plan.VOL_PCT if c.capaciteit > 0 else c.gepland > 0
            )


def test_the_load_is_not_for_the_municipality_side(run: Planrun, actor_named: Callable[[str], Actor]) -> None:
    with pytest.raises(Forbidden):
        selectors_plan.belasting(actor_named("raadslid.laren"), run)


def test_the_shares_sum_to_the_planned_hours(run: Planrun, actor_named: Callable[[str], Actor]) -> None:
    aandelen = selectors_plan.aandelen(actor_named("raadslid.laren"), run)
    assert aandelen
    eerste = [a for a in aandelen if a["periode"] == 0]
    assert sum(a["recht_pct"] for a in eerste) == pytest.approx(100, abs=0.5)
    if sum(a["ontvangen"] for a in eerste) > 0:
        assert sum(a["ontvangen_pct"] for a in eerste) == pytest.approx(100, abs=0.5)


# --- plan against reality --------------------------------------------------------------------------------------
def test_plan_against_reality_counts_every_booked_hour_per_unit(
    run: Planrun, actor_named: Callable[[str], Actor]
) -> None:
    opdracht = (
        Bestuursopdracht.objects.filter(
            pk__in=run.uitkomsten.filter(planbaar=True).values("bestuursopdracht_id")
        )
        .filter(pk__in=Urenregel.objects.values("opdracht_id"))
        .first()
    )
    assert opdracht is not None
    import datetime as dt

    vandaag = dt.date(2027, 1, 15)
    pt = selectors_plan.plan_tegen_werkelijkheid(actor_named("directeur.bel"), opdracht, vandaag=vandaag)
    geboekt = {
        r["eenheid_id"]: r["t"]
        for r in Urenregel.objects.filter(opdracht=opdracht, datum__lte=vandaag)
        .values("eenheid_id")
        .annotate(t=Sum("uren"))
    }
    assert {r.eenheid_id: r.geboekt for r in pt.rijen if r.geboekt} == geboekt
    gepland = Planregel.objects.filter(planrun=run, bestuursopdracht=opdracht).aggregate(t=Sum("uren"))["t"]
    assert sum(r.gepland for r in pt.rijen) == gepland
    tot_nu = Planregel.objects.filter(planrun=run, bestuursopdracht=opdracht, week__lte=vandaag).aggregate(
        t=Sum("uren")
    )["t"]
    assert sum(r.gepland_tot_vandaag for r in pt.rijen) == (tot_nu or 0)
    assert pt.raming == opdracht.raming_uren
    assert sum(w["uren"] for w in pt.weken) == pt.geboekt


def test_the_estimates_signal_is_shown_not_raised_again(
    run: Planrun, actor_named: Callable[[str], Actor]
) -> None:
    signaal = Signaal.objects.filter(
        samenwerkingsverband=run.samenwerkingsverband, soort=Signaalsoort.RAMING_100, doelgroep="pool"
    ).first()
    if signaal is None:
        pytest.skip("the demo raises no RAMING_100 signal for BEL")
    voor = Signaal.objects.count()
    pt = selectors_plan.plan_tegen_werkelijkheid(actor_named("directeur.bel"), signaal.bestuursopdracht)
    assert signaal in pt.signalen
    assert Signaal.objects.count() == voor
    # the municipality side sees only its own college's copy of the signal
    college = (
        selectors_plan.plan_tegen_werkelijkheid(actor_named("raadslid.laren"), signaal.bestuursopdracht)
        if (policy.can(actor_named("raadslid.laren"), "bestuursopdracht.lezen", signaal.bestuursopdracht))
        else None
    )
    if college is not None:
        assert all(s.doelgroep != "pool" for s in college.signalen)
