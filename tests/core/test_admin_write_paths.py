"""The admin never bypasses the services: it is read-only, except linking a login, which goes through a service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from seta.autorisaties.actor import Rol, actor_for
from seta.core.errors import Forbidden
from seta.core.models import AuditEvent
from seta.gemeenten import services as gemeente_services
from seta.gemeenten.models import Functie, Functionaris
from seta.organisatie import services as organisatie_services
from seta.organisatie.models import Medewerker

pytestmark = pytest.mark.django_db

READ_ONLY = [
    "gemeenten/gemeente",
    "gemeenten/portefeuille",
    "samenwerkingsverbanden/samenwerkingsverband",
    "samenwerkingsverbanden/deelnemer",
    "samenwerkingsverbanden/bestuurslid",
    "samenwerkingsverbanden/inbreng",
    "samenwerkingsverbanden/taakgebied",
    "organisatie/eenheid",
    "catalogus/catalogusitem",
    "core/auditevent",
]


@pytest.fixture
def beheerder_client(user_named: Callable[[str], Any]) -> Client:
    client = Client()
    client.force_login(user_named("beheerder"))
    return client


@pytest.mark.parametrize("model", READ_ONLY)
def test_admin_cannot_add_domain_records(beheerder_client: Client, model: str) -> None:
    assert beheerder_client.get(f"/beheer/{model}/add/").status_code == 403


def test_beheerder_links_a_login_to_a_functionaris_through_the_admin(
    beheerder_client: Client, user_named: Callable[[str], Any]
) -> None:
    nieuw = get_user_model().objects.create_user("nieuwe.wethouder", password="x")
    functionaris = Functionaris.objects.filter(functie=Functie.WETHOUDER, gebruiker__isnull=True).first()
    assert functionaris is not None
    before = AuditEvent.objects.count()
    response = beheerder_client.post(
        f"/beheer/gemeenten/functionaris/{functionaris.pk}/change/", {"gebruiker": nieuw.pk}
    )
    assert response.status_code == 302, response.content[:500]
    functionaris.refresh_from_db()
    assert functionaris.gebruiker_id == nieuw.pk
    assert AuditEvent.objects.count() == before + 1
    assert AuditEvent.objects.order_by("-id").first().actie == "functionaris.gebruiker_koppelen"  # type: ignore[union-attr]
    assert actor_for(get_user_model().objects.get(pk=nieuw.pk)).heeft(
        Rol.WETHOUDER, gemeente_id=functionaris.gemeente_id
    )


def test_only_the_beheerder_links_logins(actor_named: Callable[[str], Any]) -> None:
    functionaris = Functionaris.objects.filter(functie=Functie.RAADSLID, gebruiker__isnull=True).first()
    medewerker = Medewerker.objects.filter(gebruiker__isnull=True).first()
    assert functionaris is not None and medewerker is not None
    for username in ["secretaris.laren", "griffier.laren", "directeur.bel", "wethouder.blaricum"]:
        actor = actor_named(username)
        with pytest.raises(Forbidden):
            gemeente_services.link_gebruiker(actor=actor, functionaris=functionaris, gebruiker=actor.user)
        with pytest.raises(Forbidden):
            organisatie_services.link_gebruiker(actor=actor, medewerker=medewerker, gebruiker=actor.user)


def test_a_login_belongs_to_one_medewerker(
    actor_named: Callable[[str], Any], user_named: Callable[[str], Any]
) -> None:
    from seta.core.errors import InvalidInput

    medewerker = Medewerker.objects.filter(gebruiker__isnull=True).first()
    assert medewerker is not None
    with pytest.raises(InvalidInput) as exc:
        organisatie_services.link_gebruiker(
            actor=actor_named("beheerder"), medewerker=medewerker, gebruiker=user_named("medewerker.bel")
        )
    assert "gebruiker" in exc.value.fields
