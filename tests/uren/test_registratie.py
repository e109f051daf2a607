"""Time registration through the API and the services: targets, 24 hours a day, the week lifecycle, locking."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from seta.core.errors import Conflict, InvalidInput
from seta.core.models import AuditEvent
from seta.uren import selectors, services
from seta.uren.models import Urenregel, Weekstaat, Weekstatus

from .conftest import MAANDAG, WEEK

pytestmark = pytest.mark.django_db


def _post_hours(client: Any, **data: Any) -> Any:
    return client.post("/api/v1/urenregels", data, format="json")


def test_register_regular_work_via_api_and_filter(api_as: Any, item: Any, laren: Any, mw: Any) -> None:
    client = api_as("medewerker.bel")
    r = _post_hours(
        client,
        datum=MAANDAG.isoformat(),
        uren="7.5",
        soort="regulier",
        catalogusitem=item.code,
        gemeente=laren.cbs_code,
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["uren"] == "7.50" and body["gemeente"] == laren.cbs_code and body["week"] == "2026-W38"
    assert body["bron"] == "api" and r["ETag"] == 'W/"1"'
    lijst = client.get("/api/v1/urenregels", {"week": "2026-W38", "gemeente": laren.cbs_code}).json()
    assert [x["id"] for x in lijst["results"]] == [body["id"]]
    assert client.get("/api/v1/urenregels", {"week": "2026-W38", "gemeente": "GM0317"}).json()["count"] == 0


def test_target_rules_name_the_field(api_as: Any, item: Any) -> None:
    client = api_as("medewerker.bel")
    r = _post_hours(client, datum=MAANDAG.isoformat(), uren="2", soort="regulier", catalogusitem=item.code)
    assert r.status_code == 400
    assert {p["name"] for p in r.json()["invalidParams"]} == {"gemeente"}
    r = _post_hours(client, datum=MAANDAG.isoformat(), uren="2", soort="opdracht")
    assert {p["name"] for p in r.json()["invalidParams"]} == {"opdracht"}
    # a gemeente of another cooperation is not a partner
    r = _post_hours(
        client,
        datum=MAANDAG.isoformat(),
        uren="2",
        soort="regulier",
        catalogusitem=item.code,
        gemeente="GM0014",
    )
    assert r.status_code == 400 and "geen deelnemer" in r.json()["invalidParams"][0]["reason"]


def test_no_more_than_24_hours_a_day(actor_named: Any, mw: Any, item: Any, laren: Any) -> None:
    actor = actor_named("medewerker.bel")
    doel = services.Doel("regulier", catalogusitem=item, gemeente=laren)
    services.register_hours(actor=actor, medewerker=mw, datum=MAANDAG, uren="20", doel=doel)
    with pytest.raises(InvalidInput) as exc:
        services.register_hours(
            actor=actor, medewerker=mw, datum=MAANDAG, uren="4.25", doel=services.Doel("overhead")
        )
    assert "24 uur" in str(exc.value)
    services.register_hours(
        actor=actor, medewerker=mw, datum=MAANDAG, uren="4", doel=services.Doel("overhead")
    )
    with pytest.raises(InvalidInput):
        services.parse_uren("24.5")
    with pytest.raises(InvalidInput):
        services.parse_uren("1.005")
    with pytest.raises(InvalidInput):
        services.parse_uren("0")


def test_only_own_hours_are_written(api_as: Any, mw: Any, item: Any, laren: Any) -> None:
    client = api_as("teamleider.bel")
    r = _post_hours(
        client,
        medewerker=mw.pk,
        datum=MAANDAG.isoformat(),
        uren="1",
        soort="regulier",
        catalogusitem=item.code,
        gemeente=laren.cbs_code,
    )
    assert r.status_code == 403  # the teamleider may see the hours but not write them
    r = api_as("directeur.kempen").post(
        "/api/v1/urenregels",
        {"medewerker": mw.pk, "datum": MAANDAG.isoformat(), "uren": "1", "soort": "overhead"},
        format="json",
    )
    # Another cooperation may not know this medewerker exists: the same answer as for an unknown id.
    assert r.status_code == 400 and "bestaat niet" in str(r.json())


def test_week_lifecycle_locks_and_reopens_with_reason(
    careful_api_as: Any, mw: Any, item: Any, laren: Any
) -> None:
    medewerker = careful_api_as("medewerker.bel")
    teamleider = careful_api_as("teamleider.bel")
    regel = _post_hours(
        medewerker,
        datum=MAANDAG.isoformat(),
        uren="8",
        soort="regulier",
        catalogusitem=item.code,
        gemeente=laren.cbs_code,
    ).json()
    staat = Weekstaat.objects.get(medewerker=mw, jaar=WEEK[0], week=WEEK[1])

    # the teamleider cannot approve an open week; the medewerker cannot approve at all
    assert teamleider.post(f"/api/v1/weekstaten/{staat.pk}/goedkeuren").status_code == 409
    assert medewerker.post(f"/api/v1/weekstaten/{staat.pk}/indienen").status_code == 200
    assert medewerker.post(f"/api/v1/weekstaten/{staat.pk}/goedkeuren").status_code == 403
    r = teamleider.post(f"/api/v1/weekstaten/{staat.pk}/goedkeuren")
    assert r.status_code == 200 and r.json()["status"] == "goedgekeurd"

    # locked: no change, no delete, no new line in the week
    r = medewerker.patch(f"/api/v1/urenregels/{regel['id']}", {"uren": "6"}, format="json")
    assert r.status_code == 409 and "vergrendeld" in r.json()["detail"]
    assert medewerker.delete(f"/api/v1/urenregels/{regel['id']}").status_code == 409
    r = _post_hours(
        medewerker, datum=(MAANDAG + dt.timedelta(days=1)).isoformat(), uren="1", soort="overhead"
    )
    assert r.status_code == 409

    # reopening needs a reason, is kept in the history and the audit trail
    r = teamleider.post(f"/api/v1/weekstaten/{staat.pk}/heropenen", {"reden": ""}, format="json")
    assert r.status_code == 400 and r.json()["invalidParams"][0]["name"] == "reden"
    r = teamleider.post(
        f"/api/v1/weekstaten/{staat.pk}/heropenen", {"reden": "Verkeerde opdracht geboekt"}, format="json"
    )
    assert r.status_code == 200 and r.json()["status"] == "open"
    assert r.json()["historie"][-1]["reden"] == "Verkeerde opdracht geboekt"
    assert AuditEvent.objects.filter(
        actie="weekstaat.heropenen", object_id=str(staat.pk), toelichting="Verkeerde opdracht geboekt"
    ).exists()
    assert (
        medewerker.patch(f"/api/v1/urenregels/{regel['id']}", {"uren": "6"}, format="json").status_code == 200
    )


def test_stale_version_is_refused(api_as: Any, item: Any, laren: Any) -> None:
    client = api_as("medewerker.bel")
    regel = _post_hours(
        client,
        datum=MAANDAG.isoformat(),
        uren="3",
        soort="regulier",
        catalogusitem=item.code,
        gemeente=laren.cbs_code,
    ).json()
    assert (
        client.patch(
            f"/api/v1/urenregels/{regel['id']}", {"uren": "4"}, format="json", HTTP_IF_MATCH='W/"1"'
        ).status_code
        == 200
    )
    assert (
        client.patch(
            f"/api/v1/urenregels/{regel['id']}", {"uren": "5"}, format="json", HTTP_IF_MATCH='W/"1"'
        ).status_code
        == 412
    )


def test_save_week_grid_replaces_changed_cells_only(actor_named: Any, mw: Any, item: Any, laren: Any) -> None:
    actor = actor_named("medewerker.bel")
    staat = services.weekstaat_for_week(actor=actor, medewerker=mw, jaar=WEEK[0], week=WEEK[1])
    assert staat.pk is None  # reading a week never writes; saving creates its weekstaat
    doel = services.Doel("regulier", catalogusitem=item, gemeente=laren)
    staat = services.save_week(
        actor=actor,
        weekstaat=staat,
        rijen=[
            services.Weekrij(doel, [Decimal(8), Decimal(8), None, None, None, None, None]),
            services.Weekrij(services.Doel("overhead"), [None, None, Decimal(2), None, None, None, None]),
        ],
    )
    rooster = selectors.weekrooster(actor, Weekstaat.objects.get(pk=staat.pk))
    assert rooster.totaal == Decimal(18)
    assert rooster.dagtotalen[:3] == [Decimal(8), Decimal(8), Decimal(2)]
    eerste = set(Urenregel.objects.filter(weekstaat=staat, datum=MAANDAG).values_list("pk", flat=True))
    services.save_week(
        actor=actor,
        weekstaat=Weekstaat.objects.get(pk=staat.pk),
        rijen=[services.Weekrij(doel, [Decimal(8), Decimal(6), None, None, None, None, None])],
    )
    assert (
        set(Urenregel.objects.filter(weekstaat=staat, datum=MAANDAG).values_list("pk", flat=True)) == eerste
    )  # untouched
    assert Urenregel.objects.filter(weekstaat=staat).count() == 2
    with pytest.raises(InvalidInput) as exc:
        services.save_week(
            actor=actor,
            weekstaat=Weekstaat.objects.get(pk=staat.pk),
            rijen=[
                services.Weekrij(doel, [Decimal(20), None, None, None, None, None, None]),
                services.Weekrij(services.Doel("overhead"), [Decimal(5), None, None, None, None, None, None]),
            ],
        )
    assert "dag[0]" in exc.value.fields


def test_weekly_grid_page_saves_and_submits(
    client: Any, user_named: Any, mw: Any, item: Any, laren: Any
) -> None:
    client.force_login(user_named("medewerker.bel"))
    r = client.get("/uren/?week=2026-W38")
    assert r.status_code == 200
    html = r.content.decode()
    assert html.count("<h1") == 1 and "<caption" in html and 'for="nieuw-dag-0"' in html
    r = client.post(
        "/uren/?week=2026-W38",
        {
            "week": "2026-W38",
            "aantal_rijen": "0",
            "nieuw-doel": f"item:{item.pk}",
            "nieuw-gemeente": str(laren.pk),
            "nieuw-dag-0": "7,5",
            "nieuw-dag-1": "8",
        },
    )
    assert r.status_code == 302
    staat = Weekstaat.objects.get(medewerker=mw, jaar=WEEK[0], week=WEEK[1])
    assert sum(r.uren for r in staat.regels.all()) == Decimal("15.5")
    r = client.post("/uren/?week=2026-W38", {"week": "2026-W38", "actie": "indienen"})
    assert r.status_code == 302
    staat.refresh_from_db()
    assert staat.status == Weekstatus.INGEDIEND


def test_approval_page_lists_submitted_weeks_of_own_units(client: Any, user_named: Any) -> None:
    client.force_login(user_named("teamleider.bel"))
    r = client.get("/uren/goedkeuren")
    assert r.status_code == 200
    ingediend = selectors.te_beoordelen(
        __import__("seta.autorisaties.actor", fromlist=["actor_for"]).actor_for(user_named("teamleider.bel"))
    )
    assert ingediend.exists()
    assert ingediend.first().medewerker.naam in r.content.decode()
    client.force_login(user_named("teamleider.kempen"))
    r = client.get("/uren/goedkeuren")
    assert ingediend.first().medewerker.naam not in r.content.decode()


def test_conflict_on_submitting_twice(actor_named: Any, mw: Any) -> None:
    actor = actor_named("medewerker.bel")
    services.register_hours(
        actor=actor, medewerker=mw, datum=MAANDAG, uren="1", doel=services.Doel("overhead")
    )
    staat = Weekstaat.objects.get(medewerker=mw, jaar=WEEK[0], week=WEEK[1])
    services.submit_week(actor=actor, weekstaat=staat)
    with pytest.raises(Conflict):
        services.submit_week(actor=actor, weekstaat=staat)
