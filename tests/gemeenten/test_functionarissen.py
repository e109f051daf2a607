"""Functionarissen and portefeuilles through the services, and the demo's municipality-side logins."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from seta.autorisaties.actor import Actor, Rol
from seta.core.errors import Forbidden, InvalidInput, StaleVersion
from seta.core.models import AuditEvent
from seta.gemeenten import services
from seta.gemeenten.demo import DEMO_GEMEENTEN
from seta.gemeenten.models import Functie, Functionaris, Gemeente, Portefeuille

ActorNamed = Callable[[str], Actor]


def test_every_role_in_every_demo_gemeente_has_a_login(actor_named: ActorNamed) -> None:
    rollen = {
        "burgemeester": Rol.BURGEMEESTER,
        "wethouder": Rol.WETHOUDER,
        "raadslid": Rol.RAADSLID,
        "griffier": Rol.GRIFFIER,
        "secretaris": Rol.GEMEENTESECRETARIS,
        "regisseur": Rol.BELEIDSREGISSEUR,
    }
    for slug in DEMO_GEMEENTEN:
        gemeente = Gemeente.objects.get(slug=slug)
        for login, rol in rollen.items():
            actor = actor_named(f"{login}.{slug}")
            assert actor.heeft(rol, gemeente_id=gemeente.pk), f"{login}.{slug}"
            assert actor.user.check_password("demo")
        assert len(actor_named(f"wethouder.{slug}").portefeuilles()) >= 2


def test_demo_bestuur_is_complete(db: Any) -> None:
    for slug, (n_wethouders, n_raad, _) in DEMO_GEMEENTEN.items():
        actief = Functionaris.objects.filter(gemeente__slug=slug).actief()
        assert actief.filter(functie=Functie.BURGEMEESTER).count() == 1
        assert 2 <= actief.filter(functie=Functie.WETHOUDER).count() == n_wethouders <= 4
        assert 9 <= actief.filter(functie=Functie.RAADSLID).count() == n_raad <= 15
        assert actief.filter(functie=Functie.GRIFFIER).count() == 1
        assert actief.filter(functie=Functie.GEMEENTESECRETARIS).count() == 1
        assert 2 <= actief.filter(functie=Functie.BELEIDSREGISSEUR).count() <= 3
        assert not actief.filter(functie=Functie.RAADSLID, fractie="").exists()


def test_griffier_adds_a_raadslid_with_audit(actor_named: ActorNamed) -> None:
    laren = Gemeente.objects.get(slug="laren")
    f = services.add_functionaris(
        actor=actor_named("griffier.laren"),
        gemeente=laren,
        functie=Functie.RAADSLID,
        naam="Nieuw Raadslid",
        fractie="D66",
        begindatum=dt.date(2026, 9, 1),
    )
    event = AuditEvent.objects.get(object_type="gemeenten.functionaris", object_id=str(f.pk))
    assert event.actie == "functionaris.aanmaken" and event.actor_naam == "griffier.laren"
    assert event.na is not None and event.na["naam"] == "Nieuw Raadslid"


def test_griffier_of_another_gemeente_may_not(actor_named: ActorNamed) -> None:
    blaricum = Gemeente.objects.get(slug="blaricum")
    with pytest.raises(Forbidden):
        services.add_functionaris(
            actor=actor_named("griffier.laren"),
            gemeente=blaricum,
            functie=Functie.RAADSLID,
            naam="X",
            fractie="VVD",
            begindatum=dt.date(2026, 9, 1),
        )
    with pytest.raises(Forbidden):
        services.add_functionaris(
            actor=actor_named("wethouder.blaricum"),
            gemeente=blaricum,
            functie=Functie.RAADSLID,
            naam="X",
            fractie="VVD",
            begindatum=dt.date(2026, 9, 1),
        )


def test_validation_names_every_field(actor_named: ActorNamed) -> None:
    laren = Gemeente.objects.get(slug="laren")
    vreemd = Portefeuille.objects.filter(gemeente__slug="blaricum").first()
    assert vreemd is not None
    with pytest.raises(InvalidInput) as info:
        services.add_functionaris(
            actor=actor_named("secretaris.laren"),
            gemeente=laren,
            functie=Functie.RAADSLID,
            naam=" ",
            fractie="",
            begindatum=dt.date(2026, 9, 1),
            portefeuilles=[vreemd],
        )
    assert set(info.value.fields) == {"naam", "fractie", "portefeuilles"}
    assert (
        len(info.value.fields["portefeuilles"]) == 2
    )  # not a college member, and another gemeente's portfolio


def test_one_burgemeester_at_a_time(actor_named: ActorNamed) -> None:
    laren = Gemeente.objects.get(slug="laren")
    actor = actor_named("secretaris.laren")
    with pytest.raises(InvalidInput) as info:
        services.add_functionaris(
            actor=actor,
            gemeente=laren,
            functie=Functie.BURGEMEESTER,
            naam="Tweede",
            begindatum=dt.date(2026, 9, 1),
        )
    assert "functie" in info.value.fields
    zittend = Functionaris.objects.actief().get(gemeente=laren, functie=Functie.BURGEMEESTER)
    services.end_functionaris(actor=actor, functionaris=zittend, einddatum=dt.date(2026, 8, 31))
    nieuw = services.add_functionaris(
        actor=actor,
        gemeente=laren,
        functie=Functie.BURGEMEESTER,
        naam="Opvolger",
        begindatum=dt.date(2026, 9, 1),
    )
    assert nieuw.pk


def test_end_functionaris_checks_dates_and_version(actor_named: ActorNamed) -> None:
    actor = actor_named("griffier.eemnes")
    raadslid = Functionaris.objects.filter(gemeente__slug="eemnes", functie=Functie.RAADSLID).first()
    assert raadslid is not None
    with pytest.raises(InvalidInput) as info:
        services.end_functionaris(
            actor=actor, functionaris=raadslid, einddatum=raadslid.begindatum - dt.timedelta(days=1)
        )
    assert "einddatum" in info.value.fields
    with pytest.raises(StaleVersion):
        services.end_functionaris(
            actor=actor,
            functionaris=raadslid,
            einddatum=dt.date(2026, 12, 31),
            expected_version=raadslid.versie + 5,
        )
    services.end_functionaris(
        actor=actor, functionaris=raadslid, einddatum=dt.date(2026, 12, 31), expected_version=raadslid.versie
    )
    raadslid.refresh_from_db()
    assert raadslid.einddatum == dt.date(2026, 12, 31) and raadslid.versie == 2


def test_portefeuilles(actor_named: ActorNamed) -> None:
    actor = actor_named("secretaris.bladel")
    bladel = Gemeente.objects.get(slug="bladel")
    nieuw = services.create_portefeuille(actor=actor, gemeente=bladel, naam="Dierenwelzijn")
    with pytest.raises(InvalidInput):
        services.create_portefeuille(actor=actor, gemeente=bladel, naam="dierenwelzijn")
    wethouder = Functionaris.objects.actief().filter(gemeente=bladel, functie=Functie.WETHOUDER).first()
    assert wethouder is not None
    services.set_portefeuilles(
        actor=actor, functionaris=wethouder, portefeuilles=[*wethouder.portefeuilles.all(), nieuw]
    )
    assert wethouder.portefeuilles.filter(pk=nieuw.pk).exists()
    raadslid = Functionaris.objects.filter(gemeente=bladel, functie=Functie.RAADSLID).first()
    assert raadslid is not None
    with pytest.raises(InvalidInput):
        services.set_portefeuilles(actor=actor, functionaris=raadslid, portefeuilles=[nieuw])
