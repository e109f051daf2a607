"""Governance that holds (issue 8): a change of the frames voids earlier consents and is a history row with
before and after; an estimate above the frame is shown to the college, which must confirm it saw it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from seta.core.errors import InvalidInput
from seta.financien.models import Tarief
from seta.gemeenten.models import Gemeente
from seta.opdrachten import lifecycle, overschrijding, selectors, services
from seta.opdrachten.models import Bestuursopdracht, Statusovergang

Wereld = Any
DRIE = (("blaricum", "Sociaal domein"), ("laren", "Sociaal domein"), ("eemnes", "Sociaal domein"))


def _gezamenlijk_concept(wereld: Wereld) -> Bestuursopdracht:
    opdracht = services.draft(
        actor=wereld.actor("regisseur.blaricum"),
        samenwerkingsverband=wereld.bel,
        opdrachtgevers=[
            services.OpdrachtgeverInvoer(Gemeente.objects.get(slug=slug), wereld.portefeuille(slug, pf))
            for slug, pf in DRIE
        ],
        catalogusitem=wereld.item,
        titel="Gezamenlijk minimabeleid",
        deadline=timezone.localdate() + dt.timedelta(days=200),
        doelen="Armoede terugdringen.",
        max_uren=600,
    )
    for wie in ("burgemeester.blaricum", "burgemeester.laren"):
        opdracht = services.commission(actor=wereld.actor(wie), opdracht=opdracht)
    opdracht.refresh_from_db()
    assert opdracht.status == lifecycle.CONCEPT
    return opdracht


def _instemmingen(opdracht: Bestuursopdracht) -> dict[str, str]:
    return {og.gemeente.slug: og.instemming for og in opdracht.opdrachtgevers.select_related("gemeente")}


def test_sharpening_after_consent_voids_it_and_is_history_with_before_and_after(
    wereld: Wereld, api_as: Callable[[str | None], APIClient], client: Client, user_named: Any
) -> None:
    opdracht = _gezamenlijk_concept(wereld)
    assert _instemmingen(opdracht) == {"blaricum": "opdragen", "laren": "opdragen", "eemnes": ""}
    r = api_as("regisseur.eemnes").patch(
        f"/api/v1/bestuursopdrachten/{opdracht.pk}",
        {"maxUren": "900", "doelen": "Armoede halveren."},
        format="json",
        HTTP_IF_MATCH=f'W/"{opdracht.versie}"',
    )
    assert r.status_code == 200, r.content
    assert _instemmingen(opdracht) == {"blaricum": "", "laren": "", "eemnes": ""}
    assert all(og["instemmingVervallenOp"] for og in r.json()["opdrachtgevers"] if og["gemeente"] != "eemnes")

    # Eemnes's consent alone no longer commissions it: everyone decides again.
    opdracht = services.commission(actor=wereld.actor("burgemeester.eemnes"), opdracht=opdracht)
    opdracht.refresh_from_db()
    assert opdracht.status == lifecycle.CONCEPT
    assert "opdragen" in {
        k.actie for k in selectors.allowed_actions(wereld.actor("burgemeester.blaricum"), opdracht)
    }

    historie = (
        api_as("burgemeester.blaricum").get(f"/api/v1/bestuursopdrachten/{opdracht.pk}/historie").json()
    )
    rij = next(h for h in historie if h["actie"] == lifecycle.AANSCHERPEN)
    assert rij["wijzigingen"]["maxUren"] == {"van": "600.0", "naar": "900.0"}
    assert rij["wijzigingen"]["doelen"] == {"van": "Armoede terugdringen.", "naar": "Armoede halveren."}
    assert "Blaricum" in rij["reden"] and "Laren" in rij["reden"] and "vervallen" in rij["reden"]
    assert rij["gemeente"] == "eemnes"

    # Told: the others see it on their home page and on the assignment page.
    client.force_login(user_named("burgemeester.blaricum"))
    assert "uw instemming is vervallen" in client.get("/").content.decode()
    assert "Instemming vervallen" in client.get(f"/opdrachten/{opdracht.pk}").content.decode()
    # Deciding again clears the notice.
    services.commission(actor=wereld.actor("burgemeester.blaricum"), opdracht=opdracht)
    assert "uw instemming is vervallen" not in client.get("/").content.decode()


def test_sharpening_without_a_change_is_no_history_and_keeps_consents(wereld: Wereld) -> None:
    opdracht = _gezamenlijk_concept(wereld)
    services.sharpen(
        actor=wereld.actor("regisseur.eemnes"),
        opdracht=opdracht,
        expected_version=opdracht.versie,
        changes={"max_uren": Decimal("600")},
    )
    assert not opdracht.historie.filter(actie=lifecycle.AANSCHERPEN).exists()
    assert _instemmingen(opdracht)["blaricum"] == "opdragen"


def test_every_sharpening_is_a_history_row(wereld: Wereld) -> None:
    """Also the beleidsregisseur's sharpening of a single-principal draft nobody agreed to yet."""
    opdracht = wereld.draft()
    services.sharpen(
        actor=wereld.actor("regisseur.blaricum"),
        opdracht=opdracht,
        expected_version=opdracht.versie,
        changes={"scope": "Heel Blaricum"},
        mijlpalen=[("Startnotitie", timezone.localdate() + dt.timedelta(days=30))],
    )
    rij = opdracht.historie.get(actie=lifecycle.AANSCHERPEN)
    assert rij.wijzigingen["scope"] == {"van": "", "naar": "Heel Blaricum"}
    assert (
        rij.wijzigingen["mijlpalen"]["van"] == []
        and "Startnotitie" in rij.wijzigingen["mijlpalen"]["naar"][0]
    )
    assert rij.rol == "beleidsregisseur" and rij.kant == "gemeente"


def test_applied_change_request_voids_pending_consents_and_is_history(wereld: Wereld) -> None:
    opdracht = wereld.in_status(
        lifecycle.INTAKE, gemeenten=DRIE[:2], college=("burgemeester.blaricum", "burgemeester.laren")
    )
    services.accept(
        actor=wereld.actor("burgemeester.blaricum"), opdracht=opdracht, overschrijding_gezien=True
    )
    assert _instemmingen(opdracht)["blaricum"] == "akkoord"
    verzoek = services.request_change(
        actor=wereld.actor("teamleider.bel"),
        opdracht=opdracht,
        soort="budget",
        toelichting="Meer uren nodig.",
        nieuw_max_uren=300,
    )
    for wie in ("burgemeester.blaricum", "burgemeester.laren"):
        verzoek = services.approve_change(actor=wereld.actor(wie), verzoek=verzoek)
    assert _instemmingen(opdracht) == {"blaricum": "", "laren": ""}
    rij = opdracht.historie.get(actie=lifecycle.WIJZIGING_TOEPASSEN)
    assert rij.wijzigingen == {"max_uren": {"van": "100.0", "naar": "300.0"}}


# --- the estimate above the frame -----------------------------------------------------------------------------------------
def test_overrun_pure_function() -> None:
    o = overschrijding.bereken(
        max_uren=Decimal("450"),
        max_euro=None,
        raming_uren=Decimal("520"),
        raming_externe_kosten=Decimal("12000"),
        uurtarief=Decimal("85.50"),
        tariefjaar=2026,
    )
    assert o.overschreden and o.uren_boven_kader == Decimal("70")
    assert o.euro_uren_boven_kader == Decimal("5985.00")
    assert o.kosten_raming == Decimal("56460.00")
    assert o.melding == (
        "De raming overschrijdt het kader: 70 uur boven het kader (€ 5.985 tegen het uurtarief van € 85,50 voor 2026)."
    )
    zonder = overschrijding.bereken(
        max_uren=Decimal("450"),
        max_euro=Decimal("10000"),
        raming_uren=Decimal("520"),
        raming_externe_kosten=Decimal("12000"),
        uurtarief=None,
        tariefjaar=2031,
    )
    assert zonder.euro_uren_boven_kader is None and zonder.kosten_raming is None
    assert (
        "geen uurtarief voor 2031" in zonder.melding
        and "€ 2.000 externe kosten boven het budgetkader" in zonder.melding
    )
    binnen = overschrijding.bereken(
        max_uren=Decimal("450"),
        max_euro=Decimal("60000"),
        raming_uren=Decimal("400"),
        raming_externe_kosten=Decimal("0"),
        uurtarief=Decimal("100"),
        tariefjaar=2026,
    )
    assert not binnen.overschreden and binnen.melding == ""


def _boven_kader(wereld: Wereld) -> Bestuursopdracht:
    opdracht = wereld.in_status(lifecycle.OPGEDRAGEN)
    opdracht = services.take_in(actor=wereld.actor("teamleider.bel"), opdracht=opdracht)
    Bestuursopdracht.objects.filter(pk=opdracht.pk).update(max_uren=450)  # the frame the college set
    opdracht.refresh_from_db()
    return services.estimate(
        actor=wereld.actor("teamleider.bel"),
        opdracht=opdracht,
        uren=520,
        externe_kosten=12000,
        eenheid=wereld.werk_inkomen,
        opleverdatum=timezone.localdate() + dt.timedelta(days=150),
    )


def _tarief(wereld: Wereld) -> Decimal | None:
    jaar = timezone.localdate().year
    t = Tarief.objects.filter(
        samenwerkingsverband=wereld.bel, jaar=jaar, schaal=None, eenheid=wereld.werk_inkomen
    )
    t = t or Tarief.objects.filter(samenwerkingsverband=wereld.bel, jaar=jaar, schaal=None, eenheid=None)
    return t[0].uurtarief if t else None


def test_college_sees_the_overrun_and_must_confirm_it(
    wereld: Wereld, api_as: Callable[[str | None], APIClient], client: Client, user_named: Any
) -> None:
    opdracht = _boven_kader(wereld)
    api = api_as("wethouder.blaricum")
    gelezen = api.get(f"/api/v1/bestuursopdrachten/{opdracht.pk}")
    data, etag = gelezen.json(), gelezen["ETag"]
    over = data["overschrijding"]
    assert over is not None and Decimal(over["urenBovenKader"]) == Decimal("70")
    tarief = _tarief(wereld)
    if tarief is not None:
        assert Decimal(over["euroUrenBovenKader"]) == Decimal(70) * tarief
    else:
        assert over["euroUrenBovenKader"] is None and "geen uurtarief" in over["melding"]

    client.force_login(user_named("wethouder.blaricum"))
    html = client.get(f"/opdrachten/{opdracht.pk}").content.decode()
    assert "Boven het kader" in html and "70 uur boven het kader" in html
    assert "Ik heb gezien dat de raming het kader overschrijdt" in html

    url = f"/api/v1/bestuursopdrachten/{opdracht.pk}/akkoord"
    r = api.post(url, {"reden": "Akkoord"}, format="json", HTTP_IF_MATCH=etag)
    assert r.status_code == 400 and "overschrijdingGezien" in str(r.json())
    opdracht.refresh_from_db()
    assert opdracht.status == lifecycle.INTAKE
    r = api.post(url, {"reden": "Akkoord", "overschrijdingGezien": True}, format="json", HTTP_IF_MATCH=etag)
    assert r.status_code == 200 and r.json()["status"] == lifecycle.AKKOORD
    rij = Statusovergang.objects.filter(bestuursopdracht=opdracht, actie="akkoord").latest("tijdstip", "id")
    assert rij.overschrijding_gezien and rij.overschrijding["uren_boven_kader"] == "70.0"
    historie = api.get(f"/api/v1/bestuursopdrachten/{opdracht.pk}/historie").json()
    assert next(h for h in historie if h["actie"] == "akkoord")["overschrijdingGezien"] is True


def test_web_akkoord_needs_the_checkbox(wereld: Wereld, client: Client, user_named: Any) -> None:
    opdracht = _boven_kader(wereld)
    client.force_login(user_named("wethouder.blaricum"))
    url = f"/opdrachten/{opdracht.pk}/actie/akkoord"
    r = client.post(url, {"akkoord-versie": opdracht.versie, "akkoord-reden": "Prima"})
    assert r.status_code == 400 and "Bevestig dat u dit heeft gezien" in r.content.decode()
    r = client.post(
        url,
        {"akkoord-versie": opdracht.versie, "akkoord-reden": "Prima", "akkoord-overschrijding_gezien": "on"},
    )
    assert r.status_code == 302
    opdracht.refresh_from_db()
    assert opdracht.status == lifecycle.AKKOORD


def test_without_a_tariff_the_overrun_says_so(wereld: Wereld) -> None:
    opdracht = _boven_kader(wereld)
    Tarief.objects.filter(samenwerkingsverband=wereld.bel, jaar=timezone.localdate().year).delete()
    over = selectors.overschrijding_for(wereld.actor("wethouder.blaricum"), opdracht)
    assert over.uurtarief is None and over.euro_uren_boven_kader is None
    assert f"geen uurtarief voor {timezone.localdate().year}" in over.melding
    with pytest.raises(InvalidInput):
        services.accept(actor=wereld.actor("wethouder.blaricum"), opdracht=opdracht)


def test_within_the_frame_no_confirmation_is_asked(
    wereld: Wereld, api_as: Callable[[str | None], APIClient]
) -> None:
    opdracht = wereld.in_status(lifecycle.INTAKE)
    Bestuursopdracht.objects.filter(pk=opdracht.pk).update(max_uren=1000)
    api = api_as("wethouder.blaricum")
    gelezen = api.get(f"/api/v1/bestuursopdrachten/{opdracht.pk}")
    assert gelezen.json()["overschrijding"] is None
    r = api.post(
        f"/api/v1/bestuursopdrachten/{opdracht.pk}/akkoord", {}, format="json", HTTP_IF_MATCH=gelezen["ETag"]
    )
    assert r.status_code == 200
