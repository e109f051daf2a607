"""The repetition advantage of a catalogue item on the demo's series of tourism plans (``demo_herhaling``): who
sees it (the pool; 403 for a partner who reads the item, 404 for another cooperation), what it counts (delivered
assignments in order of delivery, approved hours, confidential ones only for who may read them), and where it
shows (the ramen form of an assignment in intake, the catalogue item's page)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from seta.catalogus.models import Catalogusitem
from seta.nacalculatie import herhaling
from seta.opdrachten.models import Bestuursopdracht
from seta.organisatie.models import Eenheid, Medewerker

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(db: Any) -> Catalogusitem:
    return Catalogusitem.objects.get(samenwerkingsverband__slug="bel", code="toeristisch-plan")


def test_the_demo_series_gives_a_curve(item: Catalogusitem, actor_named: Callable[[str], Any]) -> None:
    voordeel = herhaling.herhalingsvoordeel_for(actor_named("directeur.bel"), item)
    assert [h.n for h in voordeel.herhalingen] == list(range(1, len(voordeel.herhalingen) + 1))
    datums = [h.opdracht.opgeleverd_op for h in voordeel.herhalingen]
    assert datums == sorted(datums)
    assert all(h.opdracht.status in ("opgeleverd", "vastgesteld") for h in voordeel.herhalingen)
    met_uren = [h.uren for h in voordeel.herhalingen if h.uren is not None]
    assert met_uren[-4:] == [Decimal(312), Decimal(286), Decimal(277), Decimal(259)]
    curve = voordeel.curve
    assert curve is not None and curve.punten >= 4 and curve.b < 0
    # the four demo points 312, 286, 277, 259 at n = 1..4: log-log slope b ≈ -0.128, each doubling 2^b ≈ 91.5 %
    # (an earlier delivery of the item without hours would shift n and steepen it)
    assert Decimal(80) <= curve.leerfactor_procent <= Decimal(95)
    assert curve.volgende_n == len(voordeel.herhalingen) + 1
    assert voordeel.samenvatting.startswith(
        "De laatste drie opdrachten 'Toeristisch-recreatief plan' kostten 286, 277 en 259 uur; leercurve: elke verdubbeling"
    )
    assert "verwachting voor de volgende:" in voordeel.samenvatting and "R² 0," in voordeel.samenvatting


def test_too_few_deliveries_say_so(actor_named: Callable[[str], Any]) -> None:
    item = Catalogusitem.objects.get(samenwerkingsverband__slug="bel", code="sportnota")
    voordeel = herhaling.herhalingsvoordeel_for(actor_named("directeur.bel"), item)
    assert voordeel.curve is None
    assert voordeel.samenvatting.startswith("Onvoldoende gegevens: ")
    assert "(minimaal 3)" in voordeel.samenvatting


def test_a_confidential_assignment_counts_only_for_who_may_read_it(
    item: Catalogusitem, actor_named: Callable[[str], Any], user_named: Callable[[str], Any]
) -> None:
    medewerker = Medewerker.objects.get(gebruiker=user_named("medewerker.bel"))
    ander = (
        Eenheid.objects.filter(samenwerkingsverband=item.samenwerkingsverband)
        .exclude(pk=medewerker.eenheid_id)
        .first()
    )
    laatste = (
        Bestuursopdracht.objects.filter(catalogusitem=item, status="vastgesteld")
        .order_by("-opgeleverd_op")
        .first()
    )
    assert ander is not None and laatste is not None
    Bestuursopdracht.objects.filter(pk=laatste.pk).update(vertrouwelijkheid="vertrouwelijk", eenheid=ander)
    directeur = herhaling.herhalingsvoordeel_for(actor_named("directeur.bel"), item)
    mw = herhaling.herhalingsvoordeel_for(actor_named("medewerker.bel"), item)
    assert laatste.pk in [h.opdracht.pk for h in directeur.herhalingen]
    assert laatste.pk not in [h.opdracht.pk for h in mw.herhalingen]
    assert len(mw.herhalingen) == len(directeur.herhalingen) - 1


@pytest.mark.parametrize(
    ("login", "status"),
    [
        ("directeur.bel", 200),
        ("controller.bel", 200),
        ("teamleider.bel", 200),
        ("medewerker.bel", 200),
        ("beheerder", 200),
        ("wethouder.laren", 403),
        ("raadslid.laren", 403),
        ("regisseur.eemnes", 403),
        ("directeur.kempen", 404),
        ("wethouder.bergeijk", 404),
    ],
)
def test_api_for_the_pool_only(
    login: str, status: int, item: Catalogusitem, api_as: Callable[[str], Any]
) -> None:
    antwoord = api_as(login).get(f"/api/v1/catalogusitems/{item.pk}/herhalingsvoordeel")
    assert antwoord.status_code == status, antwoord.content
    if status == 200:
        body = antwoord.json()
        assert body["catalogusitem"] == item.pk and body["voldoende"] is True and body["minimum"] == 3
        assert (
            body["leercurve"]["punten"] >= 4
            and body["leercurve"]["volgendeN"] == len(body["herhalingen"]) + 1
        )
        assert {"n", "bestuursopdracht", "nummer", "opgeleverdOp", "uren", "verwacht"} <= set(
            body["herhalingen"][0]
        )
        assert body["samenvatting"].startswith("De laatste drie")


def test_api_unknown_item_is_404(api_as: Callable[[str], Any]) -> None:
    assert (
        api_as("directeur.bel").get("/api/v1/catalogusitems/999999999/herhalingsvoordeel").status_code == 404
    )
    assert api_as("directeur.bel").get("/api/v1/catalogusitems/abc/herhalingsvoordeel").status_code in (
        400,
        404,
    )


def _web(user_named: Callable[[str], Any], login: str) -> Client:
    web = Client()
    web.force_login(user_named(login))
    return web


def test_shown_on_the_estimate_form_to_the_pool(
    item: Catalogusitem, user_named: Callable[[str], Any]
) -> None:
    opdracht = Bestuursopdracht.objects.filter(catalogusitem=item, status="intake").order_by("pk").first()
    assert opdracht is not None
    web = _web(user_named, "directeur.bel")
    html = web.get(f"/opdrachten/{opdracht.pk}").content.decode()
    assert f'action="/opdrachten/{opdracht.pk}/actie/ramen"' in html
    assert "<strong>Herhalingsvoordeel:</strong> De laatste drie opdrachten" in html
    html = web.get(f"/opdrachten/{opdracht.pk}/actie/ramen").content.decode()
    assert "Herhalingsvoordeel:" in html and "verwachting voor de volgende" in html
    # The college on the same page: no estimate form, no comparison.
    html = _web(user_named, "burgemeester.laren").get(f"/opdrachten/{opdracht.pk}").content.decode()
    assert "Herhalingsvoordeel" not in html


def test_shown_on_the_item_page_to_the_pool(item: Catalogusitem, user_named: Callable[[str], Any]) -> None:
    html = _web(user_named, "teamleider.bel").get(f"/catalogus/{item.pk}").content.decode()
    assert ">Herhalingsvoordeel</h2>" in html and "elke verdubbeling" in html
    assert html.count("<h1") == 1
    assert (
        "Herhalingsvoordeel"
        not in _web(user_named, "raadslid.laren").get(f"/catalogus/{item.pk}").content.decode()
    )
