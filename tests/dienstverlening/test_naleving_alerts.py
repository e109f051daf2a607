"""Alerts of compliance: a norm missed in two consecutive completed periods raises NORM_GEMIST once."""

from __future__ import annotations

import datetime as dt

import pytest

from seta.autorisaties.actor import system_actor
from seta.dienstverlening import naleving
from seta.signalen.models import Signaal

from . import naleving_fixtures as f

pytestmark = pytest.mark.django_db
ACTOR = system_actor("demo")


def _kwartaal(nw: f.NalevingWereld, kwartaal: int, binnen: int) -> list[Signaal]:
    van = dt.date(2025, 3 * kwartaal - 2, 1)
    tot = (dt.date(2025, 3 * kwartaal + 1, 1) if kwartaal < 4 else dt.date(2026, 1, 1)) - dt.timedelta(days=1)
    imp = f.importeer(nw.bel, nw.laren, van, tot)
    f.zaken_in_kwartaal(imp, nw.omgevingsvergunning, nw.laren, jaar=2025, kwartaal=kwartaal, binnen=binnen)
    return naleving.na_import(actor=ACTOR, zaakimport=imp, vandaag=f.VANDAAG)


def test_two_missed_periods_running_raise_the_alert(nw: f.NalevingWereld) -> None:
    assert _kwartaal(nw, 1, 10) == []
    assert _kwartaal(nw, 2, 7) == []  # missed once: no alert
    nieuw = _kwartaal(nw, 3, 6)
    assert {(s.doelgroep, s.gemeente_id) for s in nieuw} == {
        ("beleidsregisseur", nw.laren.pk),
        ("pool", None),
    }
    signaal = nieuw[0]
    assert signaal.soort == "norm_gemist"
    assert signaal.titel == "Norm twee perioden op rij niet gehaald: Omgevingsvergunning bouwen, Laren"
    assert signaal.tekst.startswith(
        "Omgevingsvergunning bouwen, Laren: 70,0 % binnen 8 weken in 2025 K2 en 60,0 % in 2025 K3; "
        "de norm is 95 % binnen 8 weken"
    )
    assert (
        "Escalatieroute: 1. Beleidsregisseur van de gemeente (na 10 dagen); 2. Gemeentesecretaris"
        in signaal.tekst
    )
    assert (
        signaal.link
        == f"/dienstverlening/naleving/{nw.dvo_laren.pk}/normen/{nw.norm_laren.pk}/gemeenten/{nw.laren.pk}"
    )


def test_missed_non_consecutively_raises_nothing(nw: f.NalevingWereld) -> None:
    assert _kwartaal(nw, 1, 7) == []
    assert _kwartaal(nw, 2, 10) == []
    assert _kwartaal(nw, 3, 5) == []
    assert not Signaal.objects.filter(soort="norm_gemist").exists()


def test_a_reimport_never_doubles_the_alert(nw: f.NalevingWereld) -> None:
    _kwartaal(nw, 1, 7)
    assert len(_kwartaal(nw, 2, 8)) == 2
    # re-import K2 with the same figures: the finding exists already
    imp = f.importeer(nw.bel, nw.laren, dt.date(2025, 4, 1), dt.date(2025, 6, 30))
    f.zaken_in_kwartaal(imp, nw.omgevingsvergunning, nw.laren, jaar=2025, kwartaal=2, binnen=8)
    assert naleving.na_import(actor=ACTOR, zaakimport=imp, vandaag=f.VANDAAG) == []
    assert Signaal.objects.filter(soort="norm_gemist").count() == 2


def test_the_check_on_request_finds_what_an_import_would(nw: f.NalevingWereld, actor_named) -> None:
    imp = f.importeer(nw.bel, nw.laren, dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    for k in (1, 2):
        f.zaken_in_kwartaal(imp, nw.omgevingsvergunning, nw.laren, jaar=2025, kwartaal=k, binnen=5)
    from seta.core.errors import Forbidden, NotFound

    with pytest.raises(NotFound):
        naleving.controleer(
            actor=actor_named("directeur.kempen"), samenwerkingsverband=nw.bel, vandaag=f.VANDAAG
        )
    with pytest.raises(Forbidden):
        naleving.controleer(
            actor=actor_named("raadslid.laren"), samenwerkingsverband=nw.bel, vandaag=f.VANDAAG
        )
    nieuw = naleving.controleer(
        actor=actor_named("controller.bel"), samenwerkingsverband=nw.bel, vandaag=f.VANDAAG
    )
    assert len(nieuw) == 2
    assert "2025 K1" in nieuw[0].tekst and "2025 K2" in nieuw[0].tekst
    assert (
        naleving.controleer(
            actor=actor_named("controller.bel"), samenwerkingsverband=nw.bel, vandaag=f.VANDAAG
        )
        == []
    )


def test_a_concept_dvo_and_an_open_period_raise_nothing(nw: f.NalevingWereld) -> None:
    nw.dvo_laren.status = "concept"
    nw.dvo_laren.save()
    _kwartaal(nw, 1, 5)
    assert _kwartaal(nw, 2, 5) == []
    nw.dvo_laren.status = "vastgesteld"
    nw.dvo_laren.save()
    imp = f.importeer(nw.bel, nw.laren, dt.date(2025, 4, 1), dt.date(2025, 6, 30))
    # K2 still running on 15 June: not complete, so no pair yet
    assert naleving.na_import(actor=ACTOR, zaakimport=imp, vandaag=dt.date(2025, 6, 15)) == []
    assert len(naleving.na_import(actor=ACTOR, zaakimport=imp, vandaag=f.VANDAAG)) == 2


def test_the_beleidsregisseur_and_the_pool_read_the_alert(nw: f.NalevingWereld, actor_named) -> None:
    from seta.signalen import selectors as signaal_selectors

    _kwartaal(nw, 1, 5)
    _kwartaal(nw, 2, 5)
    assert (
        signaal_selectors.signalen_for(actor_named("regisseur.laren")).filter(soort="norm_gemist").count()
        == 1
    )
    assert (
        signaal_selectors.signalen_for(actor_named("directeur.bel")).filter(soort="norm_gemist").count() == 1
    )
    assert (
        signaal_selectors.signalen_for(actor_named("regisseur.blaricum")).filter(soort="norm_gemist").count()
        == 0
    )


def test_the_demo_channel_may_run_the_check(nw: f.NalevingWereld) -> None:
    imp = f.importeer(nw.bel, nw.blaricum, dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    for k in (1, 2):
        f.zaken_in_kwartaal(imp, nw.omgevingsvergunning, nw.blaricum, jaar=2025, kwartaal=k, binnen=5)
    nieuw = naleving.controleer(actor=ACTOR, samenwerkingsverband=nw.bel, vandaag=f.VANDAAG)
    assert {s.gemeente_id for s in nieuw} == {nw.blaricum.pk, None}
