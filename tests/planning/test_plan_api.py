"""The plan's API: request a run (201 at once, 202 with Location in the background), one run with its summary and
shares, its outcomes scoped by the assignment read scope, its load; errors as problem+json; and the assignment's
``verwachteOplevering`` and ``planstatus``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.opdrachten.models import Bestuursopdracht
from seta.planning import selectors_plan, services_plan
from seta.planning.models import Planrun, Runstatus
from seta.samenwerkingsverbanden.models import Samenwerkingsverband

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(user_named: Callable[[str], Any]) -> Callable[[str], APIClient]:
    def client(username: str) -> APIClient:
        c = APIClient()
        c.force_authenticate(user_named(username))
        return c

    return client


@pytest.fixture
def run(db: Any) -> Planrun:
    run = selectors_plan.actueel_plan(Samenwerkingsverband.objects.get(slug="bel"))
    assert run is not None
    return run


def test_post_computes_at_once_and_answers_201(api: Callable[[str], APIClient]) -> None:
    r = api("directeur.bel").post(
        "/api/v1/planruns",
        {"samenwerkingsverband": "bel", "startweek": "2026-11-04", "weken": 30},
        format="json",
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["status"] == "gereed" and body["actueel"] is True
    assert body["startweek"] == "2026-11-02" and body["weken"] == 30
    assert body["resultaat"]["aantalPlanbaar"] > 0 and "edf" in body["resultaat"]
    assert {a["gemeenteNaam"] for a in body["aandelen"]} >= {"Laren", "Blaricum", "Eemnes"}


def test_post_in_the_background_answers_202_with_location(
    api: Callable[[str], APIClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    gestart: list[int] = []
    monkeypatch.setattr(services_plan, "kan_op_achtergrond", lambda: True)
    monkeypatch.setattr(services_plan, "start_achtergrond", lambda pk, *, actor: gestart.append(pk))
    r = api("controller.bel").post(
        "/api/v1/planruns", {"samenwerkingsverband": "bel", "achtergrond": True}, format="json"
    )
    assert r.status_code == 202, r.content
    assert r["Location"] == f"/api/v1/planruns/{r.json()['id']}"
    assert r.json()["status"] == "wachtrij" and gestart == [r.json()["id"]]
    # polling the run shows it waiting; a second request is refused while it runs
    assert api("controller.bel").get(r["Location"]).json()["status"] == "wachtrij"
    dubbel = api("controller.bel").post("/api/v1/planruns", {"samenwerkingsverband": "bel"}, format="json")
    assert dubbel.status_code == 409
    assert dubbel["Content-Type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    ("body", "velden"),
    [
        ({"samenwerkingsverband": "bel", "weken": 0}, {"weken"}),
        ({"samenwerkingsverband": "bel", "weken": 999, "startweek": "geen datum"}, {"weken", "startweek"}),
        ({"samenwerkingsverband": "bestaat-niet"}, {"samenwerkingsverband"}),
        ({}, {"samenwerkingsverband"}),
    ],
)
def test_bad_input_is_problem_json_naming_every_field(
    api: Callable[[str], APIClient], body: dict[str, Any], velden: set[str]
) -> None:
    r = api("directeur.bel").post("/api/v1/planruns", body, format="json")
    assert r.status_code == 400
    assert r["Content-Type"].startswith("application/problem+json")
    assert {p["name"] for p in r.json()["invalidParams"]} == velden


@pytest.mark.parametrize(
    ("wie", "status"), [("teamleider.bel", 403), ("wethouder.laren", 403), ("directeur.kempen", 400)]
)
def test_who_may_not_compute(api: Callable[[str], APIClient], wie: str, status: int) -> None:
    r = api(wie).post("/api/v1/planruns", {"samenwerkingsverband": "bel"}, format="json")
    assert r.status_code == status
    assert r["Content-Type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    ("wie", "ziet"),
    [
        ("directeur.bel", True),
        ("teamleider.bel", True),
        ("medewerker.bel", True),
        ("burgemeester.laren", True),
        ("wethouder.laren", True),
        ("raadslid.laren", True),
        ("regisseur.eemnes", True),
        ("directeur.kempen", False),
        ("raadslid.eersel", False),
    ],
)
def test_who_sees_the_run(api: Callable[[str], APIClient], run: Planrun, wie: str, ziet: bool) -> None:
    r = api(wie).get(f"/api/v1/planruns/{run.pk}")
    assert r.status_code == (200 if ziet else 404)
    lijst = api(wie).get("/api/v1/planruns").json()["results"]
    assert (run.pk in {x["id"] for x in lijst}) is ziet
    if ziet:
        assert r.json()["aandelen"], "the shares are visible to every principal"


def test_outcomes_are_scoped_by_the_assignment_read_scope(
    api: Callable[[str], APIClient], run: Planrun, actor_named: Callable[[str], Actor]
) -> None:
    alle = api("directeur.bel").get(f"/api/v1/planruns/{run.pk}/uitkomsten?paginaGrootte=500").json()
    assert alle["count"] == run.uitkomsten.count()
    laren = api("wethouder.laren").get(f"/api/v1/planruns/{run.pk}/uitkomsten?paginaGrootte=500").json()
    leesbaar = set(
        Bestuursopdracht.objects.filter(
            policy.scope(actor_named("wethouder.laren"), "opdrachten.bestuursopdracht")
        )
        .filter(pk__in=run.uitkomsten.values("bestuursopdracht_id"))
        .values_list("pk", flat=True)
    )
    assert {u["bestuursopdracht"] for u in laren["results"]} == leesbaar
    assert 0 < laren["count"] < alle["count"]
    # never a confidential title of another partner
    geheim = Bestuursopdracht.objects.filter(
        pk__in=run.uitkomsten.values("bestuursopdracht_id"), vertrouwelijkheid="vertrouwelijk"
    ).exclude(pk__in=leesbaar)
    titels = {u["titel"] for u in laren["results"]}
    assert not titels & set(geheim.values_list("titel", flat=True))
    u = alle["results"][0]
    assert {"planstatus", "uitleg", "verwachteOplevering", "deadline", "reden", "wekenTeLaat"} <= set(u)


@pytest.mark.parametrize(
    ("wie", "status"),
    [("directeur.bel", 200), ("teamleider.bel", 200), ("burgemeester.laren", 200), ("raadslid.laren", 403)],
)
def test_the_load_is_for_pool_and_board(
    api: Callable[[str], APIClient], run: Planrun, wie: str, status: int
) -> None:
    r = api(wie).get(f"/api/v1/planruns/{run.pk}/belasting?weken=4")
    assert r.status_code == status
    if status == 200:
        rijen = r.json()
        assert rijen and all(len(rij["weken"]) == 4 for rij in rijen)
        assert {"week", "gepland", "capaciteit", "vol"} <= set(rijen[0]["weken"][0])


@pytest.mark.parametrize("query", ["weken=0", "van=-1", "weken=abc", "van=1000"])
def test_bad_load_parameters_are_a_400(api: Callable[[str], APIClient], run: Planrun, query: str) -> None:
    r = api("directeur.bel").get(f"/api/v1/planruns/{run.pk}/belasting?{query}")
    assert r.status_code == 400 and r["Content-Type"].startswith("application/problem+json")


@pytest.mark.parametrize("pk", ["999999999", "abc", "0"])
def test_an_unknown_run_is_a_404(api: Callable[[str], APIClient], pk: str) -> None:
    assert api("directeur.bel").get(f"/api/v1/planruns/{pk}").status_code == 404
    assert api("directeur.bel").get(f"/api/v1/planruns/{pk}/uitkomsten").status_code == 404


def test_the_assignment_carries_its_expected_delivery_and_plan_status(
    api: Callable[[str], APIClient], run: Planrun
) -> None:
    u = run.uitkomsten.filter(planbaar=True, verwachte_oplevering__isnull=False).first()
    assert u is not None
    body = api("directeur.bel").get(f"/api/v1/bestuursopdrachten/{u.bestuursopdracht_id}").json()
    assert body["verwachteOplevering"] == u.verwachte_oplevering.isoformat()
    assert body["planstatus"] == selectors_plan.planstatus(u)
    niet = run.uitkomsten.filter(planbaar=False).first()
    assert niet is not None
    body = api("directeur.bel").get(f"/api/v1/bestuursopdrachten/{niet.bestuursopdracht_id}").json()
    assert body["verwachteOplevering"] is None and body["planstatus"] == "niet_planbaar"


def test_the_assignment_list_reads_the_plan_in_one_query(api: Callable[[str], APIClient]) -> None:
    client = api("directeur.bel")
    with CaptureQueriesContext(connection) as klein:
        client.get("/api/v1/bestuursopdrachten?paginaGrootte=5")
    with CaptureQueriesContext(connection) as groot:
        r = client.get("/api/v1/bestuursopdrachten?paginaGrootte=50")
    assert r.status_code == 200
    assert {x["planstatus"] for x in r.json()["results"]} <= set(selectors_plan.PLANSTATUSSEN)
    plan_queries = [q for q in groot.captured_queries if "planning_planuitkomst" in q["sql"]]
    assert len(plan_queries) == 1
    assert len(groot.captured_queries) <= len(klein.captured_queries) + 2


def test_a_run_still_running_has_no_result_yet(api: Callable[[str], APIClient]) -> None:
    bel = Samenwerkingsverband.objects.get(slug="bel")
    bezig = Planrun.objects.create(samenwerkingsverband=bel, status=Runstatus.BEZIG, startweek="2026-11-02")
    body = api("directeur.bel").get(f"/api/v1/planruns/{bezig.pk}").json()
    assert body["status"] == "bezig" and body["actueel"] is False and body["aandelen"] == []
