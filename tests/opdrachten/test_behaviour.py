"""Concurrency (412), overdue questions on the home pages, meeting suggestions, the lifecycle table,
joint cancellation, and the demo's volume and consistency."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from seta.core.errors import Conflict, Forbidden, InvalidInput
from seta.opdrachten import lifecycle, selectors, services
from seta.opdrachten.models import Bestuursopdracht, Bestuursvraag, Overleg, Statusovergang

Wereld = Any


# --- concurrency ------------------------------------------------------------------------------------------------------
def test_stale_if_match_is_refused_with_412(
    wereld: Wereld, api_as: Callable[[str | None], APIClient]
) -> None:
    opdracht = wereld.draft()
    client = api_as("regisseur.blaricum")
    url = f"/api/v1/bestuursopdrachten/{opdracht.pk}"
    etag = client.get(url)["ETag"]
    assert client.patch(url, {"scope": "Eerste versie"}, format="json", HTTP_IF_MATCH=etag).status_code == 200
    r = client.patch(url, {"scope": "Tweede, op een oude versie"}, format="json", HTTP_IF_MATCH=etag)
    assert r.status_code == 412
    assert r["Content-Type"].startswith("application/problem+json")
    assert "intussen door iemand anders gewijzigd" in r.json()["detail"]
    assert Bestuursopdracht.objects.get(pk=opdracht.pk).scope == "Eerste versie"
    # A transition based on a stale version is refused too.
    r = api_as("wethouder.blaricum").post(f"{url}/opdragen", {}, format="json", HTTP_IF_MATCH=etag)
    assert r.status_code == 412


def test_stale_form_is_refused_with_a_dutch_message(wereld: Wereld, user_named: Callable[[str], Any]) -> None:
    opdracht = wereld.draft()
    web = Client()
    web.force_login(user_named("regisseur.blaricum"))
    pagina = web.get(f"/opdrachten/{opdracht.pk}/kaders").content.decode()
    versie = re.search(r'name="versie" value="(\d+)"', pagina)
    assert versie is not None
    # Someone else changes the frames in the meantime.
    services.sharpen(
        actor=wereld.actor("secretaris.blaricum"),
        opdracht=opdracht,
        expected_version=opdracht.versie,
        changes={"scope": "Door de secretaris"},
    )
    r = web.post(
        f"/opdrachten/{opdracht.pk}/kaders",
        {
            "versie": versie.group(1),
            "titel": "Mijn titel",
            "catalogusitem": wereld.item.pk,
            "deadline": (timezone.localdate() + dt.timedelta(days=100)).isoformat(),
            "doelen": "Doelen",
            "scope": "Van mij",
        },
    )
    assert r.status_code == 412
    assert "Dit record is intussen door iemand anders gewijzigd" in r.content.decode()
    assert Bestuursopdracht.objects.get(pk=opdracht.pk).scope == "Door de secretaris"


def test_stale_transition_form_is_refused(wereld: Wereld, user_named: Callable[[str], Any]) -> None:
    opdracht = wereld.in_status(lifecycle.OPGEDRAGEN)
    web = Client()
    web.force_login(user_named("teamleider.bel"))
    r = web.post(
        f"/opdrachten/{opdracht.pk}/actie/intake", {"intake-versie": opdracht.versie - 1, "intake-reden": ""}
    )
    assert r.status_code == 412
    assert "gewijzigd" in r.content.decode()
    assert Bestuursopdracht.objects.get(pk=opdracht.pk).status == lifecycle.OPGEDRAGEN


# --- overdue questions on the home pages ---------------------------------------------------------------------------------
def _home(user_named: Callable[[str], Any], username: str) -> str:
    web = Client()
    web.force_login(user_named(username))
    return web.get("/").content.decode()


def test_overdue_questions_show_on_the_principals_and_the_directors_home(
    wereld: Wereld, user_named: Callable[[str], Any]
) -> None:
    vandaag = timezone.localdate()
    te_laat = Bestuursvraag.objects.filter(gemeente__slug="blaricum", status="open", uiterlijk__lt=vandaag)
    assert te_laat.exists(), "the demo has an overdue question for Blaricum"
    vraag = te_laat.filter(gericht_aan__in=["wethouder", "college"]).first()
    assert vraag is not None
    link = f'href="/opdrachten/vragen/{vraag.pk}"'
    wethouder = _home(user_named, "wethouder.blaricum")
    assert "Bestuursvragen voor u" in wethouder and link in wethouder and "te laat" in wethouder
    directeur = _home(user_named, "directeur.bel")
    assert "Te late bestuursvragen" in directeur and link in directeur
    # Another municipality's principal does not see Blaricum's questions.
    assert link not in _home(user_named, "wethouder.laren")
    # Once answered, it is no longer overdue.
    services.answer(
        actor=wereld.actor("wethouder.blaricum"),
        vraag=vraag,
        antwoord="Breedtesport.",
        besluit="Kader gesteld.",
    )
    assert link not in _home(user_named, "directeur.bel")


@pytest.mark.parametrize(
    ("username", "titels"),
    [
        (
            "wethouder.blaricum",
            ["Opdrachten in mijn portefeuille", "Wacht op uw besluit", "Bestuursvragen voor u"],
        ),
        ("regisseur.eemnes", ["Pijplijn van Eemnes", "Deadlines in gevaar"]),
        ("teamleider.bel", ["Intake-wachtrij", "Werk van mijn eenheid"]),
        ("medewerker.bel", ["Mijn werk: voortgang rapporteren"]),
        ("raadslid.laren", ["Wat de werkorganisatie voor ons doet"]),
        ("griffier.eemnes", ["Wat de werkorganisatie voor ons doet", "Vragen aan de raad"]),
        ("directeur.bel", ["Alle opdrachten per partner", "Te late bestuursvragen", "Deadlines in gevaar"]),
    ],
)
def test_home_panels_per_role_have_meaningful_data(
    username: str, titels: list[str], actor_named: Callable[[str], Any]
) -> None:
    from seta.opdrachten.home import panels

    gevonden = {p.titel: p for p in panels(actor_named(username))}
    for titel in titels:
        assert titel in gevonden, f"{username} misses panel {titel}"
        ctx = gevonden[titel].context
        inhoud = ctx.get("aantal", ctx.get("totaal", len(ctx.get("rijen", [])) or ctx.get("lopend", 0)))
        assert inhoud, f"{username}: panel {titel} is empty"


# --- meetings -------------------------------------------------------------------------------------------------------------
def test_joint_meeting_suggests_items_where_several_partners_have_related_assignments(
    wereld: Wereld, api_as: Callable[[str | None], APIClient]
) -> None:
    overleg = Overleg.objects.get(titel="Gezamenlijk portefeuillehoudersoverleg sociaal domein BEL")
    client = api_as("regisseur.eemnes")
    voor = client.get(f"/api/v1/overleggen/{overleg.pk}/suggesties").json()
    assert voor, "the demo's joint BEL meeting has suggestions"
    for s in voor:
        assert len(s["gemeenten"]) >= 2
    # A new pair of related assignments (same catalogue item, two partners) becomes a suggestion.
    item = wereld.bel.catalogusitems.get(code="schuldhulp")
    for slug in ("blaricum", "eemnes"):
        from seta.gemeenten.models import Gemeente

        concept = services.draft(
            actor=wereld.actor(f"regisseur.{slug}"),
            samenwerkingsverband=wereld.bel,
            opdrachtgevers=[
                services.OpdrachtgeverInvoer(
                    Gemeente.objects.get(slug=slug), wereld.portefeuille(slug, "Sociaal domein")
                )
            ],
            catalogusitem=item,
            titel=f"Vroegsignalering {slug}",
            deadline=timezone.localdate() + dt.timedelta(days=90),
            doelen="Schulden eerder zien.",
        )
        # Drafts are not counted (the partners may not see them); commissioned ones are (issue 8).
        services.commission(actor=wereld.actor(f"burgemeester.{slug}"), opdracht=concept)
    na = client.get(f"/api/v1/overleggen/{overleg.pk}/suggesties").json()
    schuld = [s for s in na if s["catalogusitem"] == item.pk]
    assert schuld and {"Blaricum", "Eemnes"} <= set(schuld[0]["gemeenten"])
    # Putting it on the agenda removes the suggestion; the confidential contents of others never show.
    r = client.post(
        f"/api/v1/overleggen/{overleg.pk}/agendapunten", {"catalogusitem": item.pk}, format="json"
    )
    assert r.status_code == 201
    assert all(
        s["catalogusitem"] != item.pk
        for s in client.get(f"/api/v1/overleggen/{overleg.pk}/suggesties").json()
    )
    # The decision list is the bestuur's: the pool may set the agenda but not record decisions.
    punt = r.json()["id"]
    assert (
        api_as("teamleider.bel")
        .post(f"/api/v1/overleggen/{overleg.pk}/besluiten", {"tekst": "x"}, format="json")
        .status_code
        == 403
    )
    r = api_as("wethouder.blaricum").post(
        f"/api/v1/overleggen/{overleg.pk}/besluiten",
        {"tekst": "Eén aanpak vroegsignalering.", "agendapunt": punt},
        format="json",
    )
    assert r.status_code == 201


def test_a_single_municipality_meeting_has_no_suggestions(actor_named: Callable[[str], Any]) -> None:
    overleg = Overleg.objects.filter(soort="portefeuillehoudersoverleg", gemeenten__slug="blaricum").first()
    assert overleg is not None
    assert selectors.suggestions(actor_named("wethouder.blaricum"), overleg) == []


def test_related_assignments_show_counts_only(
    wereld: Wereld, api_as: Callable[[str | None], APIClient]
) -> None:
    opdracht = Bestuursopdracht.objects.get(titel="Toeristisch-recreatief plan Laren (rode rand)")
    r = api_as("regisseur.laren").get(f"/api/v1/bestuursopdrachten/{opdracht.pk}/verwant")
    assert r.status_code == 200
    rijen = {v["gemeente"]: v for v in r.json()}
    assert rijen["Blaricum"]["zelfdeCatalogusitem"] >= 1
    assert set(rijen["Blaricum"]) == {"gemeente", "zelfdeCatalogusitem", "zelfdeTaakveld"}
    # A councillor gets no hint (it is for those who can act on it).
    assert api_as("raadslid.laren").get(f"/api/v1/bestuursopdrachten/{opdracht.pk}/verwant").json() == []


# --- joint decisions ------------------------------------------------------------------------------------------------------
def test_one_partner_cancelling_a_joint_assignment_withdraws_only_itself(wereld: Wereld) -> None:
    gezamenlijk = (("blaricum", "Sociaal domein"), ("laren", "Financiën"))
    opdracht = wereld.in_status(
        lifecycle.IN_UITVOERING, gemeenten=gezamenlijk, college=("wethouder.blaricum", "wethouder.laren")
    )
    opdracht = services.cancel(actor=wereld.actor("wethouder.laren"), opdracht=opdracht, reden="Laren stopt.")
    assert opdracht.status == lifecycle.IN_UITVOERING
    assert [og.gemeente.slug for og in opdracht.actieve_opdrachtgevers] == ["blaricum"]
    with pytest.raises(Forbidden):  # Laren withdrew: it no longer decides
        services.hold(actor=wereld.actor("wethouder.laren"), opdracht=opdracht, reden="x")
    opdracht = services.cancel(
        actor=wereld.actor("wethouder.blaricum"), opdracht=opdracht, reden="Ook Blaricum stopt."
    )
    assert opdracht.status == lifecycle.GEANNULEERD


def test_withdrawal_completes_a_decision_the_others_already_took(wereld: Wereld) -> None:
    gezamenlijk = (("blaricum", "Sociaal domein"), ("laren", "Financiën"))
    opdracht = wereld.in_status(
        lifecycle.OPGELEVERD, gemeenten=gezamenlijk, college=("wethouder.blaricum", "wethouder.laren")
    )
    opdracht = services.adopt(actor=wereld.actor("wethouder.blaricum"), opdracht=opdracht)
    assert opdracht.status == lifecycle.OPGELEVERD
    opdracht = services.cancel(
        actor=wereld.actor("wethouder.laren"), opdracht=opdracht, reden="Niet meer nodig."
    )
    opdracht.refresh_from_db()
    assert opdracht.status == lifecycle.VASTGESTELD


def test_wrong_state_and_missing_reason_are_refused(wereld: Wereld) -> None:
    opdracht = wereld.in_status(lifecycle.CONCEPT)
    with pytest.raises(Conflict):
        services.start(actor=wereld.actor("teamleider.bel"), opdracht=opdracht)
    opdracht = wereld.in_status(lifecycle.OPGELEVERD)
    with pytest.raises(InvalidInput) as exc:
        services.return_for_rework(actor=wereld.actor("wethouder.blaricum"), opdracht=opdracht, reden="  ")
    assert "reden" in exc.value.fields
    with pytest.raises(Conflict):
        services.sharpen(
            actor=wereld.actor("regisseur.blaricum"),
            opdracht=opdracht,
            expected_version=None,
            changes={"scope": "later"},
        )


def test_lifecycle_table_is_complete() -> None:
    assert lifecycle.bereikbaar() == set(lifecycle.STATUSSEN)
    for status in lifecycle.STATUSSEN:
        if status not in lifecycle.EINDSTATUSSEN:
            assert lifecycle.acties_vanuit(status), f"{status} is a dead end"
    for o in lifecycle.OVERGANGEN:
        assert o.kant in {"gemeente", "pool"}
        if o.kant == "gemeente":
            assert o.rollen == {lifecycle.COLLEGE}, "only the college decides on the municipality side"
        else:
            assert lifecycle.COLLEGE not in o.rollen, "the pool never decides for a municipality"
    assert all(o.kant == "gemeente" for o in lifecycle.OVERGANGEN if o.actie == "annuleren")


# --- the demo -------------------------------------------------------------------------------------------------------------
def test_demo_volume_and_states(db: Any) -> None:
    totaal = Bestuursopdracht.objects.count()
    assert totaal >= 150
    per_status = Counter(Bestuursopdracht.objects.values_list("status", flat=True))
    assert set(per_status) == set(lifecycle.STATUSSEN)
    per_sv = Counter(Bestuursopdracht.objects.values_list("samenwerkingsverband__slug", flat=True))
    assert set(per_sv) == {"bel", "gtb", "kempen"}
    gtb = Bestuursopdracht.objects.filter(samenwerkingsverband__slug="gtb")
    assert all(
        h.tijdstip.year <= 2018 and h.tijdstip.year >= 2009
        for h in Statusovergang.objects.filter(bestuursopdracht__in=gtb)
    )
    gezamenlijk = [
        o
        for o in Bestuursopdracht.objects.filter(samenwerkingsverband__slug="bel").prefetch_related(
            "opdrachtgevers"
        )
        if len(o.opdrachtgevers.all()) > 1
    ]
    assert len(gezamenlijk) >= 3
    assert (
        Overleg.objects.filter(soort="gezamenlijk", besluiten__isnull=False)
        .values("samenwerkingsverband__slug")
        .distinct()
        .count()
        == 2
    )
    assert Bestuursvraag.objects.filter(status="open", uiterlijk__lt=timezone.localdate()).count() >= 3
    from seta.opdrachten.models import Voortgangsrapportage, Wijzigingsverzoek

    assert Voortgangsrapportage.objects.count() >= 100
    assert Wijzigingsverzoek.objects.filter(status="goedgekeurd").exists()


def test_demo_history_follows_the_lifecycle_table(db: Any) -> None:
    rijen: dict[int, list[Statusovergang]] = {}
    for h in Statusovergang.objects.order_by("bestuursopdracht_id", "tijdstip", "id"):
        rijen.setdefault(h.bestuursopdracht_id, []).append(h)
    statussen = dict(Bestuursopdracht.objects.values_list("pk", "status"))
    for oid, historie in rijen.items():
        assert historie[0].actie == "aanmaken" and historie[0].naar == lifecycle.CONCEPT
        status = lifecycle.CONCEPT
        for h in historie[1:]:
            if h.deelbesluit:
                assert h.van == h.naar == status
                continue
            assert h.van == status, f"opdracht {oid}: {h}"
            assert any(
                o.van == h.van and o.naar == h.naar and o.actie == h.actie for o in lifecycle.OVERGANGEN
            ), h
            status = h.naar
        assert status == statussen[oid]


# --- query-count guards ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("username", ["directeur.bel", "wethouder.blaricum", "beheerder"])
def test_list_pages_do_not_query_per_row(
    username: str, user_named: Callable[[str], Any], django_assert_max_num_queries: Any
) -> None:
    web = Client()
    web.force_login(user_named(username))
    web.get("/opdrachten/")  # warm up (session, caches)
    with django_assert_max_num_queries(25):
        assert web.get("/opdrachten/?sorteer=deadline").status_code == 200
    api = APIClient()
    api.force_authenticate(user=user_named(username))
    # 13: one of them is the prefetch of every listed assignment's outcome in the current plan (planning)
    with django_assert_max_num_queries(13):
        r = api.get("/api/v1/bestuursopdrachten", {"paginaGrootte": 100})
    assert r.status_code == 200 and len(r.json()["results"]) > 10


@pytest.mark.parametrize("pad", ["wijzigingsverzoeken", "bestuursvragen", "overleggen"])
def test_other_list_endpoints_do_not_query_per_row(pad: str, user_named: Callable[[str], Any]) -> None:
    api = APIClient()
    api.force_authenticate(user=user_named("beheerder"))
    api.get(f"/api/v1/{pad}", {"paginaGrootte": 1})  # warm up
    with CaptureQueriesContext(connection) as klein:
        assert api.get(f"/api/v1/{pad}", {"paginaGrootte": 2}).status_code == 200
    with CaptureQueriesContext(connection) as groot:
        r = api.get(f"/api/v1/{pad}", {"paginaGrootte": 100})
    assert r.status_code == 200 and len(r.json()["results"]) > 2
    assert len(groot.captured_queries) <= len(klein.captured_queries) <= 8


@pytest.mark.parametrize("pagina", ["/opdrachten/vragen", "/opdrachten/overleggen"])
def test_question_and_meeting_pages_have_bounded_queries(
    pagina: str, user_named: Callable[[str], Any], django_assert_max_num_queries: Any
) -> None:
    web = Client()
    web.force_login(user_named("beheerder"))
    web.get(pagina)  # warm up (session, caches)
    with django_assert_max_num_queries(12):
        assert web.get(pagina).status_code == 200


def test_planning_a_joint_meeting_says_what_is_wrong(
    wereld: Wereld, api_as: Callable[[str | None], APIClient]
) -> None:
    client = api_as("regisseur.laren")
    basis = {
        "soort": "gezamenlijk",
        "samenwerkingsverband": "bel",
        "thema": "Wonen",
        "titel": "Woonoverleg BEL",
        "datum": (timezone.localdate() + dt.timedelta(days=20)).isoformat(),
    }
    r = client.post("/api/v1/overleggen", {**basis, "gemeenten": ["laren"]}, format="json")
    assert r.status_code == 400
    assert {p["name"] for p in r.json()["invalidParams"]} == {"gemeenten"}
    r = client.post("/api/v1/overleggen", {**basis, "gemeenten": ["laren", "eemnes"]}, format="json")
    assert r.status_code == 201, r.json()
    # A confidential assignment never goes on a joint agenda.
    geheim = wereld.draft(gemeenten=(("laren", "Financiën"),), door="regisseur.laren", vertrouwelijk=True)
    r2 = client.post(
        f"/api/v1/overleggen/{r.json()['id']}/agendapunten", {"bestuursopdracht": geheim.pk}, format="json"
    )
    assert r2.status_code == 400
    assert "vertrouwelijke" in r2.json()["invalidParams"][0]["reason"]


def test_user_doc_lists_every_action_of_the_table() -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "opdrachten.md").read_text(encoding="utf-8")
    for actie in lifecycle.ACTIES:
        assert f"`{actie}`" in doc, f"docs/opdrachten.md does not describe {actie}"
    for status in lifecycle.STATUSSEN:
        assert status in doc
