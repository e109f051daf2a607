"""Hand-computed examples of the planning core: fair shares, the EDF baseline, validation, the solver."""

from __future__ import annotations

import pytest

from seta.planning.kern.edf import edf, wettelijk_haalbaar
from seta.planning.kern.evaluatie import evalueer, fair_shares, valideer
from seta.planning.kern.model import Instantie, PlanInvoerFout, Regels, Vraag
from seta.planning.kern.oplosser import plan


def klein() -> Instantie:
    """One unit of 10 hours a week, four weeks, two fairness periods of two weeks, partners p 60 % and q 40 %."""
    return Instantie(
        weken=4,
        capaciteit={"A": [10.0, 10.0, 10.0, 10.0]},
        vragen=[
            Vraag("a1", "A", 15.0, 0, 1, {"p": 1.0}),
            Vraag("b1", "A", 10.0, 0, 0, {"q": 1.0}),
            Vraag("a2", "A", 10.0, 2, 3, {"p": 1.0}),
        ],
        regels=Regels(gewichten={"p": 0.6, "q": 0.4}, periode_weken=2),
    )


def test_fair_shares_water_filled_and_capped_by_available_demand() -> None:
    F = fair_shares(klein())
    # period 0: 20 hours over p (15 asked) and q (10 asked) by 60/40 -> 12 / 8
    assert F[("p", 0)] == pytest.approx(12.0)
    assert F[("q", 0)] == pytest.approx(8.0)
    # period 1: available p 25 - 12 = 13, q 10 - 8 = 2; q capped at 2, p gets its 13
    assert F[("p", 1)] == pytest.approx(13.0)
    assert F[("q", 1)] == pytest.approx(2.0)


def test_fair_share_minimum_raises_a_small_weight() -> None:
    inst = klein()
    inst = Instantie(
        weken=inst.weken,
        capaciteit=inst.capaciteit,
        vragen=inst.vragen,
        regels=Regels(gewichten={"p": 0.6, "q": 0.4}, periode_weken=2, minima={"q": 0.45}),
    )
    F = fair_shares(inst)
    assert F[("q", 0)] == pytest.approx(9.0)
    assert F[("p", 0)] == pytest.approx(11.0)


def test_edf_schedule_and_its_figures() -> None:
    plan = edf(klein())
    u = plan.uitkomsten
    assert dict(u["b1"].uren_per_week) == {0: 10.0}
    assert dict(u["a1"].uren_per_week) == {1: 10.0, 2: 5.0}
    assert dict(u["a2"].uren_per_week) == {2: 5.0, 3: 5.0}
    assert u["a1"].oplevering_week == 2 and u["a1"].weken_te_laat == 1
    assert u["a2"].eerste_week == 2 and u["a2"].wacht_op == ""
    assert u["a1"].wacht_op == "A" and "wacht op capaciteit in eenheid A tot week 1" in u["a1"].reden
    assert plan.laatheid_ongewogen == pytest.approx(5.0)
    assert plan.laatheid == pytest.approx(10.0)  # "normaal" weighs 2
    assert list(plan.belasting["A"]) == [10.0, 10.0, 10.0, 5.0]
    # p receives 10 of its 12 in period 0, q 0 of its 2 in period 1
    assert plan.tekort == pytest.approx(2.0)
    p0 = next(a for a in plan.aandelen if a.partner == "p" and a.periode == 0)
    assert p0.ontvangen_pct == pytest.approx(50.0) and p0.recht_pct == pytest.approx(60.0)
    assert plan.methode == "edf" and plan.wettelijk == []


def test_overflow_counts_as_week_weken() -> None:
    inst = klein()
    plan = evalueer(inst, {"a1": {0: 5.0, 4: 10.0}, "b1": {1: 10.0}, "a2": {3: 10.0}})
    assert plan.uitkomsten["a1"].uren_na_horizon == 10.0
    assert plan.uitkomsten["a1"].oplevering_week == 4
    assert plan.laatheid_ongewogen == pytest.approx(10.0 * 3 + 10.0 * 1)


def test_infeasible_statutory_term_names_the_assignment_and_weeks() -> None:
    inst = Instantie(
        weken=3,
        capaciteit={"A": [5.0, 5.0, 5.0]},
        vragen=[Vraag("w1", "A", 12.0, 0, 1, {"p": 1.0}, wettelijk=True)],
        regels=Regels(gewichten={"p": 1.0}),
    )
    assert not wettelijk_haalbaar(inst)
    plan = edf(inst)
    assert [w.id for w in plan.wettelijk] == ["w1"]
    probleem = plan.wettelijk[0]
    assert probleem.uren_te_laat == pytest.approx(2.0)
    assert "w1" in probleem.tekst and "week 2" in probleem.tekst


@pytest.mark.parametrize(
    ("wijziging", "pad"),
    [
        ({"vragen": [Vraag("x", "A", -1.0, 0, 1, {"p": 1.0})]}, "vragen[0].uren"),
        ({"vragen": [Vraag("x", "B", 1.0, 0, 1, {"p": 1.0})]}, "vragen[0].eenheid"),
        ({"vragen": [Vraag("x", "A", 1.0, 0, 1, {"p": 0.5})]}, "vragen[0].aandelen"),
        ({"vragen": [Vraag("x", "A", 1.0, 0, 1, {"z": 1.0})]}, "vragen[0].aandelen.z"),
        ({"vragen": [Vraag("x", "A", 1.0, 0, 1, {"p": 1.0}, prioriteit="spoed")]}, "vragen[0].prioriteit"),
        (
            {"vragen": [Vraag("x", "A", 1.0, 0, 1, {"p": 1.0}), Vraag("x", "A", 1.0, 0, 1, {"p": 1.0})]},
            "vragen[1].id",
        ),
        ({"capaciteit": {"A": [1.0, -2.0]}}, "capaciteit.A[1]"),
        ({"capaciteit": {"A": [1.0]}}, "capaciteit.A"),
        ({"weken": 0, "capaciteit": {"A": []}}, "weken"),
        ({"regels": Regels(gewichten={"p": 0.7})}, "regels.gewichten"),
        ({"regels": Regels(gewichten={"p": 1.0}, periode_weken=0)}, "regels.periode_weken"),
        ({"regels": Regels(gewichten={"p": 1.0}, minima={"p": 1.5})}, "regels.minima.p"),
    ],
)
def test_valideer_names_the_path(wijziging: dict[str, object], pad: str) -> None:
    velden: dict[str, object] = {
        "weken": 2,
        "capaciteit": {"A": [1.0, 1.0]},
        "vragen": [],
        "regels": Regels(gewichten={"p": 1.0}),
    }
    velden.update(wijziging)
    with pytest.raises(PlanInvoerFout) as fout:
        valideer(Instantie(**velden))  # type: ignore[arg-type]
    assert pad in fout.value.fouten
    assert all(fout.value.fouten[pad])


def test_valideer_accepts_a_good_instance() -> None:
    valideer(klein())


def test_solver_trades_the_lateness_tolerance_for_fairness() -> None:
    """Minimal lateness is EDF's 10 (5 hours of a1 one week late, weight 2); the 2 % tolerance allows 0.2 more,
    which moves 0.1 hour of q's b1 to week 2 (2 weeks late, weight 2): q gets 0.1 in period 1 and p 0.1 more in
    period 0, so the shortfall drops from 2 to 1.9."""
    inst = klein()
    p = plan(inst)
    assert p.methode == "highs" and p.status == "Optimal"
    assert p.laatheid == pytest.approx(10.2, abs=1e-6)
    assert p.tekort == pytest.approx(1.9, abs=1e-6)
    assert p.stappen["laatheid"] == pytest.approx(10.0 + 2 * 4 * 0.0, abs=1e-6)
    assert p.stappen["tekort"] == pytest.approx(1.9, abs=1e-6)
    assert sum(p.uitkomsten["b1"].uren_per_week.values()) == pytest.approx(10.0, abs=1e-9)
    # without tolerance the solver cannot do better than EDF's shortfall at EDF's lateness
    streng = Instantie(
        weken=4,
        capaciteit=inst.capaciteit,
        vragen=inst.vragen,
        regels=Regels(gewichten={"p": 0.6, "q": 0.4}, periode_weken=2, laatheid_tolerantie=0.0),
    )
    q = plan(streng)
    assert q.laatheid == pytest.approx(10.0, abs=1e-6) and q.tekort == pytest.approx(2.0, abs=1e-6)


def test_solver_fast_path_without_the_lateness_stage_keeps_the_edf_bound() -> None:
    p = plan(klein(), laatheid_optimaliseren=False, afronden=False, solver="ipm", crossover=False)
    assert p.laatheid <= 10.2 + 1e-5 and p.tekort == pytest.approx(1.9, abs=1e-5)


def test_solver_reports_an_infeasible_statutory_term_and_meets_the_feasible_one() -> None:
    inst = Instantie(
        weken=3,
        capaciteit={"A": [5.0, 5.0, 5.0]},
        vragen=[
            Vraag("w1", "A", 12.0, 0, 1, {"p": 1.0}, wettelijk=True),
            Vraag("n1", "A", 3.0, 0, 0, {"p": 1.0}, prioriteit="hoog"),
        ],
        regels=Regels(gewichten={"p": 1.0}),
    )
    p = plan(inst)
    assert [w.id for w in p.wettelijk] == ["w1"]
    assert p.wettelijk[0].uren_te_laat == pytest.approx(2.0, abs=1e-6)
    assert "w1" in p.wettelijk[0].tekst
    # statutory work goes first: n1 (not statutory) waits although its deadline is earlier
    assert p.uitkomsten["n1"].eerste_week == 2 or p.uitkomsten["n1"].uren_na_horizon > 0


def test_demand_outside_the_horizon_goes_to_the_overflow_bucket() -> None:
    inst = Instantie(
        weken=2,
        capaciteit={"A": [5.0, 5.0]},
        vragen=[Vraag("later", "A", 4.0, 5, 8, {"p": 1.0}), Vraag("nul", "A", 0.0, 0, 1, {"p": 1.0})],
        regels=Regels(gewichten={"p": 1.0}),
    )
    for p in (plan(inst), edf(inst)):
        assert dict(p.uitkomsten["later"].uren_per_week) == {2: 4.0}
        assert p.uitkomsten["nul"].oplevering_week is None
        assert p.laatheid == 0.0


def test_solver_with_a_time_limit_of_zero_answers_with_the_edf_plan() -> None:
    p = plan(klein(), tijdslimiet_s=0.0)
    assert "EDF" in p.status
    assert p.uitkomsten == edf(klein()).uitkomsten
