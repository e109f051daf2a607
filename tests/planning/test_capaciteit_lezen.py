"""The capacity reader (``planning/capaciteit.py``) on the demo, the API ``GET /capaciteit`` and its page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from seta.organisatie.models import Eenheid, Medewerker
from seta.planning import selectors
from seta.planning.kern.capaciteit import netto_factor

from .regels_hulp import afwezigheid, medewerker_van, sv, vastgesteld

pytestmark = pytest.mark.django_db
START = dt.date(2027, 1, 4)  # a Monday


def test_every_unit_with_staff_has_its_own_capacity(actor_named: Any) -> None:
    regels = vastgesteld(actor_named, 2027)
    cap = selectors.capaciteit_voor(sv(), regels, START, 13)
    met_staf = set(
        Medewerker.objects.filter(samenwerkingsverband=sv(), in_dienst__lte=START)
        .exclude(uit_dienst__lt=START)
        .values_list("eenheid_id", flat=True)
    )
    assert met_staf <= set(cap)
    eenheid = Eenheid.objects.get(samenwerkingsverband=sv(), code="vergunningen")
    eigen = Medewerker.objects.filter(eenheid=eenheid, in_dienst__lte=START).exclude(uit_dienst__lt=START)
    fte = sum(float(m.fte) for m in eigen)  # its own staff only, not its sub-units'
    c = cap[eenheid.pk]
    assert c.bruto[0] == pytest.approx(fte * 36)
    assert c.netto[0] == pytest.approx((c.bruto[0] - c.afwezig[0]) * netto_factor(36, 1600))
    assert c.opdrachten[0] == pytest.approx(c.netto[0] * 0.4)


def test_rules_override_per_unit_and_defaults_without_rules(actor_named: Any) -> None:
    from .regels_hulp import concept

    regels = concept(actor_named, jaar=2028, regulier_per_eenheid={"vergunningen": 90})
    eenheid = Eenheid.objects.get(samenwerkingsverband=sv(), code="vergunningen")
    met = selectors.capaciteit_voor(sv(), regels, dt.date(2028, 1, 3), 4)[eenheid.pk]
    zonder = selectors.capaciteit_voor(sv(), None, dt.date(2028, 1, 3), 4)[eenheid.pk]
    assert met.regulier[0] == pytest.approx(met.netto[0] * 0.9)
    assert zonder.regulier[0] == pytest.approx(zonder.netto[0] * 0.6)


def test_an_absence_lowers_its_units_capacity(actor_named: Any) -> None:
    m = medewerker_van("medewerker.bel")
    voor = selectors.capaciteit_voor(sv(), None, START, 8)[m.eenheid_id]
    afwezigheid(actor_named("teamleider.bel"), m, van=dt.date(2027, 1, 18), dagen=11, pct=50)  # weeks 2 and 3
    na = selectors.capaciteit_voor(sv(), None, START, 8)[m.eenheid_id]
    verschil = [v - n for v, n in zip(voor.afwezig, na.afwezig, strict=True)]
    assert verschil[:2] == [0, 0] and verschil[4:] == [0, 0, 0, 0]
    assert -verschil[2] == pytest.approx(float(m.fte) * 36 * 0.5)
    assert na.opdrachten[2] < voor.opdrachten[2]


def test_a_leaver_counts_until_the_week_of_leaving(actor_named: Any) -> None:
    m = Medewerker.objects.filter(
        samenwerkingsverband=sv(), uit_dienst__isnull=True, gebruiker__isnull=True
    ).first()
    assert m is not None
    voor = selectors.capaciteit_voor(sv(), None, START, 6)[m.eenheid_id]
    Medewerker.objects.filter(pk=m.pk).update(uit_dienst=dt.date(2027, 1, 20))  # Wednesday of week 2
    na = selectors.capaciteit_voor(sv(), None, START, 6)[m.eenheid_id]
    assert na.bruto[2] == pytest.approx(voor.bruto[2])
    assert na.bruto[3] == pytest.approx(voor.bruto[3] - float(m.fte) * 36)


def test_capacity_api(api_as: Callable[[str], Any]) -> None:
    antwoord = api_as("teamleider.bel").get(
        "/api/v1/capaciteit", {"samenwerkingsverband": sv().pk, "startweek": "2027-01-06", "weken": 3}
    )
    assert antwoord.status_code == 200
    data = antwoord.json()
    assert data["startweek"] == "2027-01-04" and data["weken"] == 3 and data["planningsregels"]
    rij = data["eenheden"][0]
    assert {"eenheid", "code", "naam", "weken", "totaal"} <= set(rij) and len(rij["weken"]) == 3
    w = rij["weken"][0]
    assert w["opdrachten"] + w["regulier"] == pytest.approx(w["netto"], abs=0.11)
    assert (
        api_as("medewerker.bel").get("/api/v1/capaciteit", {"samenwerkingsverband": sv().pk}).status_code
        == 403
    )
    assert (
        api_as("raadslid.laren").get("/api/v1/capaciteit", {"samenwerkingsverband": sv().pk}).status_code
        == 403
    )
    assert (
        api_as("directeur.kempen").get("/api/v1/capaciteit", {"samenwerkingsverband": sv().pk}).status_code
        == 404
    )
    fout = api_as("directeur.bel").get("/api/v1/capaciteit", {"samenwerkingsverband": "bel", "weken": 0})
    assert fout.status_code == 400
    assert {p["name"] for p in fout.json()["invalidParams"]} == {"samenwerkingsverband", "weken"}


def test_capacity_page(client: Any, user_named: Any) -> None:
    client.force_login(user_named("wethouder.blaricum"))  # a DB member: aggregates, no names
    pagina = client.get("/planning/capaciteit/", {"samenwerkingsverband": "bel", "startweek": "2027-01-04"})
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert html.count("<h1") == 1 and "<caption" in html and 'scope="col"' in html and "wk 1" in html
    assert "Vergunningen" in html and "Eline Rijn" not in html
    assert client.get("/planning/capaciteit/", {"weken": "999"}).status_code == 400
    client.force_login(user_named("raadslid.laren"))
    assert client.get("/planning/capaciteit/").status_code == 404
