"""Selectors, services, alerts, API and page of the nacalculatie, on assignments built through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from seta.core.errors import Conflict, InvalidInput, NotFound, PreconditionRequired, StaleVersion
from seta.nacalculatie import selectors, services
from seta.nacalculatie.models import Kostenpost
from seta.opdrachten import lifecycle
from seta.opdrachten.models import Bestuursopdracht
from seta.signalen.models import Signaal
from seta.uren import services as uren_services

pytestmark = pytest.mark.django_db
VANDAAG = timezone.localdate()


def _signalen(opdracht: Bestuursopdracht, soort: str) -> list[tuple[str, str | None]]:
    return sorted(
        (s.doelgroep, s.gemeente.slug if s.gemeente else None)
        for s in Signaal.objects.filter(bestuursopdracht=opdracht, soort=soort)
    )


# --- selectors ------------------------------------------------------------------------------------------------
def test_approved_and_not_yet_approved_hours_per_week(bouwer: Any, actor_named: Any, keur_goed: Any) -> None:
    opdracht = bouwer.opdracht()
    week1 = bouwer.schrijf(opdracht, 30)
    bouwer.schrijf(opdracht, 10, week=1)
    keur_goed(week1)
    n = selectors.nacalculatie_for(actor_named("wethouder.blaricum"), opdracht).nacalculatie
    assert [w.label for w in n.weken] == ["2026-W47", "2026-W48"]
    assert (n.uren_goedgekeurd, n.uren_niet_goedgekeurd) == (Decimal(30), Decimal(10))
    assert (n.weken[0].uren_goedgekeurd, n.weken[1].uren_niet_goedgekeurd) == (Decimal(30), Decimal(10))
    # medewerker.bel is schaal 7: 75,02 an hour in 2026
    assert n.kosten_uren == Decimal("3000.80") and n.ontbrekende_tarieven == ()
    assert n.raming_uren == Decimal(120) and n.percentage_uren == Decimal("33.3")


def test_confidential_assignment_stays_invisible(bouwer: Any, actor_named: Any, api_as: Any) -> None:
    opdracht = bouwer.opdracht(vertrouwelijk=True)
    for wie in ("raadslid.blaricum", "wethouder.laren", "medewerker.kempen", "directeur.kempen"):
        with pytest.raises(NotFound):
            selectors.nacalculatie_for(actor_named(wie), opdracht)
        assert api_as(wie).get(f"/api/v1/nacalculaties/{opdracht.pk}").status_code == 404
    assert selectors.nacalculatie_for(actor_named("wethouder.blaricum"), opdracht).opdracht == opdracht
    assert (
        selectors.nacalculatie_for(actor_named("medewerker.bel"), opdracht).opdracht == opdracht
    )  # own unit


def test_joint_assignment_shares_by_the_rule(bouwer: Any, actor_named: Any) -> None:
    opdracht = bouwer.opdracht(
        gemeenten=(("blaricum", "Sociaal domein"), ("laren", "Sociaal domein")),
        college=("wethouder.blaricum", "burgemeester.laren"),
    )
    services.boek_kosten(
        actor=actor_named("controller.bel"),
        opdracht=opdracht,
        datum=VANDAAG,
        bedrag="1000.01",
        omschrijving="Zaal",
    )
    n = selectors.nacalculatie_for(actor_named("wethouder.laren"), opdracht).nacalculatie
    assert n.verdeling is not None
    assert [a.naam for a in n.verdeling.aandelen] == ["Blaricum", "Laren"]
    assert sum(a.bedrag for a in n.verdeling.aandelen) == n.totaal == Decimal("1000.01")
    assert sum(a.percentage for a in n.verdeling.aandelen) == Decimal("100.0")
    # BEL's adopted model "BEL hybride" splits joint assignments by its key (inbreng), restricted to the two
    assert n.verdeling.regel.startswith("verdeeld naar de verdeelsleutel 2026: Blaricum ")
    assert n.verdeling.regel.endswith("(verdeelmodel BEL hybride)")
    assert n.verdeling.aandelen[0].percentage != Decimal("50.0")


# --- services ---------------------------------------------------------------------------------------------------
def test_booking_validation_names_every_field(bouwer: Any, actor_named: Any) -> None:
    opdracht = bouwer.opdracht()
    with pytest.raises(InvalidInput) as exc:
        services.boek_kosten(
            actor=actor_named("controller.bel"),
            opdracht=opdracht,
            datum=dt.date.today() + dt.timedelta(days=3),
            bedrag="0",
            omschrijving="  ",
        )
    assert set(exc.value.fields) == {"datum", "bedrag", "omschrijving"}
    with pytest.raises(InvalidInput) as exc:
        services.boek_kosten(
            actor=actor_named("controller.bel"),
            opdracht=opdracht,
            datum=opdracht.opgedragen_op - dt.timedelta(days=1),
            bedrag="12.345",
            omschrijving="Drukwerk",
        )
    assert set(exc.value.fields) == {"datum", "bedrag"}
    assert "vóór de opdracht" in exc.value.fields["datum"][0]


def test_booking_only_while_work_happens(bouwer: Any, actor_named: Any) -> None:
    opdracht = bouwer.opdracht(lifecycle.INTAKE)
    with pytest.raises(Conflict):
        services.boek_kosten(
            actor=actor_named("controller.bel"),
            opdracht=opdracht,
            datum=VANDAAG,
            bedrag="10",
            omschrijving="x",
        )


def test_change_and_delete_need_the_current_version(bouwer: Any, actor_named: Any) -> None:
    controller = actor_named("controller.bel")
    post = services.boek_kosten(
        actor=controller, opdracht=bouwer.opdracht(), datum=VANDAAG, bedrag="250", omschrijving="Zaal"
    )
    post = services.wijzig_kosten(
        actor=controller, kostenpost=post, expected_version=post.versie, bedrag="300"
    )
    assert post.bedrag == Decimal("300") and post.versie == 2
    with pytest.raises(StaleVersion):
        services.wijzig_kosten(actor=controller, kostenpost=post, expected_version=1, bedrag="310")
    with pytest.raises(StaleVersion):
        services.verwijder_kosten(actor=controller, kostenpost=post, expected_version=1)
    services.verwijder_kosten(actor=controller, kostenpost=post, expected_version=2)
    assert not Kostenpost.objects.filter(pk=post.pk).exists()


# --- alerts -----------------------------------------------------------------------------------------------------
def test_alerts_at_90_and_100_percent_once_each(bouwer: Any, keur_goed: Any) -> None:
    opdracht = bouwer.opdracht()  # estimate 120 hours, frame 1000 hours
    bouwer.schrijf(opdracht, 100)  # 83 %
    assert not Signaal.objects.filter(bestuursopdracht=opdracht).exists()
    staten = bouwer.schrijf(opdracht, 10, week=1)  # 110 hours: 91,6 %
    assert _signalen(opdracht, "raming_90") == [("college", "blaricum"), ("pool", None)]
    signaal = Signaal.objects.get(bestuursopdracht=opdracht, soort="raming_90", doelgroep="college")
    assert signaal.tekst.startswith(
        f"{opdracht.nummer} Minimabeleid (nacalculatie): 91,6 % van de geraamde 120 uur"
    )
    assert "(110 uur)" in signaal.tekst and "wijzigingsverzoek of stoppen" in signaal.tekst
    assert signaal.link == reverse("opdrachten:detail", args=[opdracht.pk]) + "#h-nacalculatie"
    keur_goed(staten)  # the same actuals approved: no second signal
    services.controleer(actor=bouwer.actor("directeur.bel"), opdrachten=[opdracht.pk])
    assert Signaal.objects.filter(bestuursopdracht=opdracht, soort="raming_90").count() == 2
    assert not Signaal.objects.filter(bestuursopdracht=opdracht, soort="raming_100").exists()
    bouwer.schrijf(opdracht, 10, week=2)  # 120 hours: 100 %
    assert _signalen(opdracht, "raming_100") == [("college", "blaricum"), ("pool", None)]
    assert not Signaal.objects.filter(bestuursopdracht=opdracht, soort="kader_overschreden").exists()


def test_frame_crossed_by_hours_and_by_external_costs(bouwer: Any, actor_named: Any) -> None:
    opdracht = bouwer.opdracht(max_uren=50, max_euro=Decimal("6000"))
    bouwer.schrijf(opdracht, 51)
    assert _signalen(opdracht, "kader_overschreden") == [("college", "blaricum"), ("pool", None)]
    tekst = Signaal.objects.filter(bestuursopdracht=opdracht, soort="kader_overschreden").first().tekst
    assert "1 uur boven het kader van 50 uur" in tekst

    tweede = bouwer.opdracht(max_euro=Decimal("6000"))
    services.boek_kosten(
        actor=actor_named("teamleider.bel"),
        opdracht=tweede,
        datum=VANDAAG,
        bedrag="6000",
        omschrijving="Bureau",
    )
    assert not Signaal.objects.filter(
        bestuursopdracht=tweede, soort="kader_overschreden"
    ).exists()  # at, not above
    services.boek_kosten(
        actor=actor_named("teamleider.bel"),
        opdracht=tweede,
        datum=VANDAAG,
        bedrag="0.01",
        omschrijving="Porto",
    )
    assert _signalen(tweede, "kader_overschreden") == [("college", "blaricum"), ("pool", None)]


def test_alert_fires_from_the_approval_path(bouwer: Any, actor_named: Any) -> None:
    opdracht = bouwer.opdracht()
    staat = bouwer.schrijf_zonder_service(opdracht, 110)
    assert not Signaal.objects.filter(bestuursopdracht=opdracht).exists()
    staat.medewerker.refresh_from_db()
    staat = uren_services.submit_week(actor=actor_named("medewerker.bel"), weekstaat=staat)
    Signaal.objects.filter(bestuursopdracht=opdracht).delete()  # only the approval below may raise it now
    uren_services.approve_week(actor=actor_named("teamleider.bel"), weekstaat=staat)
    assert _signalen(opdracht, "raming_90") == [("college", "blaricum"), ("pool", None)]


def test_no_alerts_for_adopted_assignments(bouwer: Any) -> None:
    opdracht = bouwer.opdracht(lifecycle.VASTGESTELD)
    bouwer.schrijf_zonder_service(opdracht, 130)
    assert services.controleer(actor=bouwer.actor("directeur.bel"), opdrachten=[opdracht]) == []


# --- API --------------------------------------------------------------------------------------------------------
def test_api_nacalculatie_and_exports(bouwer: Any, api_as: Any, actor_named: Any) -> None:
    opdracht = bouwer.opdracht()
    bouwer.schrijf(opdracht, 12)
    services.boek_kosten(
        actor=actor_named("controller.bel"),
        opdracht=opdracht,
        datum=VANDAAG,
        bedrag="99.50",
        omschrijving="=SOM(A1)",
    )
    r = api_as("raadslid.blaricum").get(f"/api/v1/nacalculaties/{opdracht.pk}")
    assert r.status_code == 200, r.content
    data = r.json()
    assert data["urenNietGoedgekeurd"] == "12.00" and data["urenGoedgekeurd"] == "0.00"
    assert data["weken"][0]["week"] == "2026-W47"
    assert data["externeKosten"] == "99.50"
    assert data["raming"]["uren"] == "120.00" and data["kader"]["maxUren"] == "1000.00"
    assert data["drempels"] == [] and data["verdeling"] is None
    csv = api_as("directeur.bel").get(f"/api/v1/nacalculaties/{opdracht.pk}?formaat=csv")
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    tekst = csv.content.decode("utf-8-sig")
    assert "2026-W47" in tekst and "'=SOM(A1)" in tekst  # formula-safe
    xlsx = api_as("directeur.bel").get(f"/api/v1/nacalculaties/{opdracht.pk}?formaat=xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert api_as("directeur.bel").get(f"/api/v1/nacalculaties/{opdracht.pk}?formaat=pdf").status_code == 400


def test_api_kostenposten(bouwer: Any, api_as: Any) -> None:
    opdracht = bouwer.opdracht()
    controller = api_as("controller.bel")
    r = controller.post(
        "/api/v1/kostenposten",
        {"bestuursopdracht": opdracht.pk, "datum": str(VANDAAG), "bedrag": "120.00", "omschrijving": "Zaal"},
        format="json",
    )
    assert r.status_code == 201, r.content
    post = r.json()
    assert post["toegestaneActies"] == ["wijzigen", "verwijderen"]
    lijst = api_as("wethouder.blaricum").get(f"/api/v1/kostenposten?bestuursopdracht={opdracht.pk}").json()
    assert [p["id"] for p in lijst["results"]] == [post["id"]]
    assert lijst["results"][0]["toegestaneActies"] == []
    url = f"/api/v1/kostenposten/{post['id']}"
    assert controller.patch(url, {"bedrag": "130.00"}, format="json").status_code == 428
    assert (
        controller.patch(url, {"bedrag": "130.00"}, format="json", HTTP_IF_MATCH='W/"7"').status_code == 412
    )
    r = controller.patch(url, {"bedrag": "130.00"}, format="json", HTTP_IF_MATCH='W/"1"')
    assert r.status_code == 200 and r.json()["bedrag"] == "130.00" and r["ETag"] == 'W/"2"'
    r = controller.patch(url, {"bedrag": "-1"}, format="json", HTTP_IF_MATCH='W/"2"')
    assert r.status_code == 400 and "bedrag" in str(r.json())
    assert controller.delete(url).status_code == 428
    assert controller.delete(url, HTTP_IF_MATCH='W/"2"').status_code == 204


# --- page -------------------------------------------------------------------------------------------------------
def test_page_section_and_booking(bouwer: Any, client: Any, user_named: Any) -> None:
    opdracht = bouwer.opdracht()
    bouwer.schrijf(opdracht, 8)
    detail = reverse("opdrachten:detail", args=[opdracht.pk])
    client.force_login(user_named("wethouder.blaricum"))
    html = client.get(detail).content.decode()
    assert 'id="h-nacalculatie"' in html and "2026-W47" in html and "Externe kosten boeken" not in html
    client.force_login(user_named("controller.bel"))
    html = client.get(detail).content.decode()
    assert "Externe kosten boeken" in html and "nacalculatie als CSV" in html
    boek = reverse("nacalculatie:boeken", args=[opdracht.pk])
    r = client.post(boek, {"kp-datum": "", "kp-bedrag": "1250,50", "kp-omschrijving": ""})
    assert r.status_code == 400
    r = client.post(boek, {"kp-datum": str(VANDAAG), "kp-bedrag": "1250,50", "kp-omschrijving": "Drukwerk"})
    assert r.status_code == 302
    post = Kostenpost.objects.get(bestuursopdracht=opdracht)
    assert post.bedrag == Decimal("1250.50")
    html = client.get(detail).content.decode()
    assert "€ 1.250,50" in html and "Drukwerk" in html
    r = client.post(reverse("nacalculatie:verwijderen", args=[post.pk]), {"versie": post.versie})
    assert r.status_code == 302 and not Kostenpost.objects.filter(pk=post.pk).exists()
    assert client.get(reverse("nacalculatie:export", args=[opdracht.pk, "xlsx"])).status_code == 200
    client.force_login(user_named("wethouder.blaricum"))
    assert (
        client.post(boek, {"kp-datum": str(VANDAAG), "kp-bedrag": "1", "kp-omschrijving": "x"}).status_code
        == 403
    )


__all__ = ["PreconditionRequired"]


def test_alert_fires_from_the_hours_import(bouwer: Any, actor_named: Any) -> None:
    import csv
    import io

    opdracht = bouwer.opdracht()
    mw = bouwer.medewerker()
    out = io.StringIO()
    rijen = [
        [mw.personeelsnummer, f"2026-11-{16 + d:02d}", "22", opdracht.nummer, "", "Import"] for d in range(5)
    ]
    csv.writer(out, delimiter=";").writerows(
        [["medewerker", "datum", "uren", "code", "gemeente", "omschrijving"], *rijen]
    )
    verslag = uren_services.import_hours(
        actor=actor_named("controller.bel"),
        samenwerkingsverband=bouwer.bel,
        bestandsnaam="uren.csv",
        inhoud=out.getvalue().encode("utf-8"),
    )
    assert verslag.nieuw == 5
    assert _signalen(opdracht, "raming_90") == [("college", "blaricum"), ("pool", None)]
    assert not Signaal.objects.filter(
        bestuursopdracht=opdracht, soort="raming_100"
    ).exists()  # 110 of 120 hours


def test_a_missing_tariff_is_reported_not_invented(bouwer: Any, actor_named: Any, api_as: Any) -> None:
    from seta.financien.models import Tarief

    assert not Tarief.objects.filter(samenwerkingsverband=bouwer.bel, jaar=2027).exists()
    opdracht = bouwer.opdracht()
    bouwer.schrijf(opdracht, 8)  # 2026: at the tariff
    bouwer.schrijf(opdracht, 8, week=7)  # 2027-W01: the pool has no tariffs for 2027 yet
    n = selectors.nacalculatie_for(actor_named("directeur.bel"), opdracht).nacalculatie
    assert n.kosten_uren is None and n.totaal is None and n.percentage_kosten is None
    assert n.kosten_uren_bekend == Decimal("600.16")  # 8 x 75,02
    assert n.ontbrekende_tarieven == (f"2027 eenheid {bouwer.medewerker().eenheid.naam} schaal 7",)
    assert [w.kosten_uren for w in n.weken] == [Decimal("600.16"), None]
    data = api_as("directeur.bel").get(f"/api/v1/nacalculaties/{opdracht.pk}").json()
    assert data["kostenUren"] is None and data["ontbrekendeTarieven"] == list(n.ontbrekende_tarieven)
