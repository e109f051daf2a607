"""The plan's write path: a run is stored with an outcome for every demand and every assignment that cannot be
planned, its hour rows and summary; the signals are raised once; a failure is stored with a clear message."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from seta.autorisaties.actor import Actor, system_actor
from seta.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from seta.core.models import AuditEvent
from seta.planning import invoer, services_plan
from seta.planning.kern.model import PlanInvoerFout
from seta.planning.models import Planregel, Planrun, Planuitkomst, Runstatus
from seta.samenwerkingsverbanden.models import Samenwerkingsverband
from seta.signalen.models import Signaal, Signaalsoort

pytestmark = pytest.mark.django_db

PEILDATUM = dt.date(2026, 11, 2)


@pytest.fixture
def bel(db: Any) -> Samenwerkingsverband:
    return Samenwerkingsverband.objects.get(slug="bel")


def _plan(actor: Actor, bel: Samenwerkingsverband, **kwargs: Any) -> Planrun:
    kwargs.setdefault("startweek", PEILDATUM)
    kwargs.setdefault("vandaag", PEILDATUM)
    return services_plan.vraag_plan_aan(actor=actor, samenwerkingsverband=bel, **kwargs)


def test_the_demo_has_a_ready_plan_of_the_bel_pool(bel: Samenwerkingsverband) -> None:
    run = Planrun.objects.filter(samenwerkingsverband=bel, status=Runstatus.GEREED).latest("gereed_op")
    assert run.startweek == invoer.maandag(PEILDATUM)
    assert run.aantal_weken == 65
    assert run.resultaat["aantal_planbaar"] > 0
    assert run.uitkomsten.exists() and run.planregels.exists()


def test_a_run_stores_an_outcome_for_every_demand_and_every_unplannable_assignment(
    bel: Samenwerkingsverband, actor_named: Callable[[str], Actor]
) -> None:
    run = _plan(actor_named("directeur.bel"), bel)
    assert run.status == Runstatus.GEREED, run.foutmelding
    koppeling = run.invoer["koppeling"]
    vragen = {v["id"] for v in run.invoer["vragen"]}
    verwacht = {koppeling["opdrachten"][v] for v in vragen} | {pk for pk, _ in koppeling["niet_planbaar"]}
    uitkomsten = Planuitkomst.objects.filter(planrun=run)
    assert set(uitkomsten.values_list("bestuursopdracht_id", flat=True)) == verwacht
    assert uitkomsten.filter(planbaar=True).count() == len(vragen)
    niet = uitkomsten.filter(planbaar=False)
    assert niet.count() == len(koppeling["niet_planbaar"]) > 0
    assert all(u.reden for u in niet), "every unplannable assignment carries its reason"
    assert run.resultaat["niet_planbaar"] == niet.count()
    # the hours: one decimal, inside the horizon, never more than the unit's capacity in a week
    regels = Planregel.objects.filter(planrun=run)
    assert regels.exists()
    for r in regels[:200]:
        assert r.uren == r.uren.quantize(r.uren.__class__("0.1"))
        assert run.startweek <= r.week < invoer.week_datum(run.startweek, run.aantal_weken)
    for u in uitkomsten.filter(planbaar=True):
        if u.verwachte_oplevering is not None:
            # the Friday of the delivery week, or the deadline itself when delivered in the deadline's week
            assert u.verwachte_oplevering.weekday() == 4 or u.verwachte_oplevering <= u.deadline
            assert (u.dagen_te_laat > 0) == (u.uitleg["weken_te_laat"] > 0)
            assert u.dagen_te_laat == max(0, (u.verwachte_oplevering - u.deadline).days)
    # the summary
    r = run.resultaat
    for sleutel in ("laatheid", "tekort", "edf", "aandelen", "wettelijk", "belasting", "methode", "status"):
        assert sleutel in r
    assert r["edf"]["methode"] == "edf"
    assert {a["gemeente_naam"] for a in r["aandelen"]} >= {"Blaricum", "Eemnes", "Laren"}
    assert run.rekentijd_ms is not None and run.gereed_op is not None
    acties = set(AuditEvent.objects.filter(object_id=str(run.pk)).values_list("actie", flat=True))
    assert {"planrun.aangevraagd", "planrun.gereed"} <= acties


def test_dominance_signals_name_the_figures_and_are_raised_once(
    bel: Samenwerkingsverband, actor_named: Callable[[str], Actor]
) -> None:
    signalen = Signaal.objects.filter(samenwerkingsverband=bel, soort=Signaalsoort.AANDEEL_AFWIJKING)
    voor = signalen.count()
    run = _plan(actor_named("directeur.bel"), bel)
    afwijkend = services_plan.afwijkingen(run)
    assert afwijkend, "the demo's plan deviates from the cost key in the current period"
    # the demo's own run raised them already: a new run of the same plan raises nothing new
    assert signalen.count() == voor
    a = afwijkend[0]
    mijn = signalen.filter(sleutel__contains=f"partner:{a['partner']}:")
    assert set(mijn.values_list("doelgroep", flat=True)) == {"pool", "college"}
    college = mijn.get(doelgroep="college")
    assert college.gemeente_id == a["gemeente"]
    assert (
        a["gemeente_naam"] in college.tekst
        and "van de opdrachtcapaciteit tegen een recht van" in college.tekst
    )
    assert services_plan.pct_tekst(a["ontvangen_pct"]) in college.tekst


def test_signals_of_a_fresh_cooperation_plan_are_new_once(
    bel: Samenwerkingsverband, actor_named: Callable[[str], Actor]
) -> None:
    Signaal.objects.filter(samenwerkingsverband=bel, soort=Signaalsoort.AANDEEL_AFWIJKING).delete()
    _plan(actor_named("directeur.bel"), bel)
    eerste = Signaal.objects.filter(samenwerkingsverband=bel, soort=Signaalsoort.AANDEEL_AFWIJKING).count()
    assert eerste > 0
    _plan(actor_named("controller.bel"), bel)
    assert (
        Signaal.objects.filter(samenwerkingsverband=bel, soort=Signaalsoort.AANDEEL_AFWIJKING).count()
        == eerste
    )


def test_a_statutory_term_that_cannot_be_met_is_signalled_to_pool_and_college(
    bel: Samenwerkingsverband, actor_named: Callable[[str], Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    echte = services_plan._losser

    def met_probleem(inst: Any) -> Any:
        from dataclasses import replace

        from seta.planning.kern.model import WettelijkProbleem

        plan = echte()(inst)
        v = inst.vragen[0]
        probleem = WettelijkProbleem(id=v.id, deadline_week=v.deadline_week, uren_te_laat=12.0, tekst="Test.")
        return replace(plan, wettelijk=[probleem])

    monkeypatch.setattr(services_plan, "_losser", lambda: met_probleem)
    run = _plan(actor_named("directeur.bel"), bel)
    assert run.status == Runstatus.GEREED, run.foutmelding
    w = run.resultaat["wettelijk"][0]
    signalen = Signaal.objects.filter(
        soort=Signaalsoort.WETTELIJK_ONHAALBAAR, bestuursopdracht_id=w["opdracht"]
    )
    doelgroepen = set(signalen.values_list("doelgroep", flat=True))
    assert doelgroepen == {"pool", "college"}
    s = signalen.first()
    assert s is not None and w["nummer"] in s.tekst and "12,0 uur" in s.tekst
    aantal = signalen.count()
    _plan(actor_named("directeur.bel"), bel)
    assert signalen.count() == aantal


def test_a_failing_computation_is_stored_as_mislukt_with_the_paths(
    bel: Samenwerkingsverband, actor_named: Callable[[str], Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    def kapot(inst: Any) -> Any:
        raise PlanInvoerFout({"vragen[0].uren": ["Moet groter dan 0 zijn."]})

    monkeypatch.setattr(services_plan, "_losser", lambda: kapot)
    run = _plan(actor_named("directeur.bel"), bel)
    assert run.status == Runstatus.MISLUKT
    assert "vragen[0].uren" in run.foutmelding and "Moet groter dan 0 zijn." in run.foutmelding
    assert not run.uitkomsten.exists()
    assert AuditEvent.objects.filter(object_id=str(run.pk), actie="planrun.mislukt").exists()
    # a failed run is never the current plan
    from seta.planning import selectors_plan

    assert selectors_plan.actueel_plan(bel) != run


def test_an_unexpected_error_is_a_readable_message(
    bel: Samenwerkingsverband, actor_named: Callable[[str], Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    def kapot(inst: Any) -> Any:
        raise RuntimeError("HiGHS gaf geen oplossing")

    monkeypatch.setattr(services_plan, "_losser", lambda: kapot)
    run = _plan(actor_named("directeur.bel"), bel)
    assert run.status == Runstatus.MISLUKT
    assert run.foutmelding == "Het plan kon niet worden berekend: HiGHS gaf geen oplossing"


@pytest.mark.parametrize("wie", ["teamleider.bel", "medewerker.bel", "wethouder.laren", "burgemeester.laren"])
def test_only_the_pools_directeur_and_controller_compute(
    bel: Samenwerkingsverband, actor_named: Callable[[str], Actor], wie: str
) -> None:
    with pytest.raises(Forbidden):
        _plan(actor_named(wie), bel)


def test_another_pool_may_not_even_know(
    bel: Samenwerkingsverband, actor_named: Callable[[str], Actor]
) -> None:
    with pytest.raises(NotFound):
        _plan(actor_named("directeur.kempen"), bel)


def test_the_demo_channel_computes(bel: Samenwerkingsverband) -> None:
    assert _plan(system_actor("demo"), bel).status == Runstatus.GEREED
    with pytest.raises(Forbidden):
        _plan(system_actor("import-uren"), bel)


def test_bad_input_names_every_field(bel: Samenwerkingsverband, actor_named: Callable[[str], Actor]) -> None:
    with pytest.raises(InvalidInput) as exc:
        services_plan.vraag_plan_aan(
            actor=actor_named("directeur.bel"),
            samenwerkingsverband=bel,
            weken=0,
            startweek="maandag",  # type: ignore[arg-type]
        )
    assert set(exc.value.fields) == {"weken", "startweek"}


def test_one_run_at_a_time_and_interrupted_runs_are_marked_failed(
    bel: Samenwerkingsverband, actor_named: Callable[[str], Actor]
) -> None:
    bezig = Planrun.objects.create(samenwerkingsverband=bel, status=Runstatus.BEZIG, startweek=PEILDATUM)
    with pytest.raises(Conflict):
        _plan(actor_named("directeur.bel"), bel)
    # after a restart the run stays bezig; once it is older than VERLOPEN_NA the next request marks it mislukt
    Planrun.objects.filter(pk=bezig.pk).update(
        aangevraagd_op=timezone.now() - services_plan.VERLOPEN_NA - dt.timedelta(minutes=1)
    )
    run = _plan(actor_named("directeur.bel"), bel)
    assert run.status == Runstatus.GEREED
    bezig.refresh_from_db()
    assert bezig.status == Runstatus.MISLUKT and "onderbroken" in bezig.foutmelding


def test_in_a_transaction_a_background_request_runs_at_once(
    bel: Samenwerkingsverband, actor_named: Callable[[str], Actor]
) -> None:
    assert not services_plan.kan_op_achtergrond()  # the test's transaction: a thread could not see the run
    run = _plan(actor_named("directeur.bel"), bel, achtergrond=True)
    assert run.status == Runstatus.GEREED


def test_the_background_thread_computes_the_run_and_closes_its_connection(
    monkeypatch: pytest.MonkeyPatch, actor_named: Callable[[str], Actor]
) -> None:
    gezien: list[tuple[int, str]] = []
    gesloten: list[str] = []
    monkeypatch.setattr(services_plan, "voer_uit", lambda pk, *, actor: gezien.append((pk, actor.audit_naam)))

    class Verbinding:  # the thread's own connection (django.db.connection is per thread)
        def close(self) -> None:
            gesloten.append(threading.current_thread().name)

    monkeypatch.setattr(services_plan, "connection", Verbinding())
    thread = services_plan.start_achtergrond(42, actor=actor_named("directeur.bel"))
    thread.join(timeout=10)
    assert gezien == [(42, "directeur.bel")]
    assert thread.daemon and gesloten == ["planrun-42"]


def test_voer_uit_does_nothing_for_a_run_that_is_not_waiting(
    bel: Samenwerkingsverband, actor_named: Callable[[str], Actor]
) -> None:
    run = _plan(actor_named("directeur.bel"), bel)
    aantal = run.uitkomsten.count()
    services_plan.voer_uit(run.pk, actor=actor_named("directeur.bel"))
    assert run.uitkomsten.count() == aantal
