"""The board question's page: the asker (or the pool's directeur) withdraws it there, the addressee answers it
there; a refusal answers with its status and reason (403 not allowed, 409 no longer open, 412 stale version)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db.models import F
from django.test import Client
from django.utils import timezone

from seta.gemeenten.models import Gemeente
from seta.opdrachten import services
from seta.opdrachten.models import Bestuursvraag, Vraagstatus

from .conftest import Wereld

pytestmark = pytest.mark.django_db

INTREKKEN_FORM = 'action="/opdrachten/vragen/{}/intrekken"'


def _vraag(wereld: Wereld) -> Bestuursvraag:
    """A question of teamleider.bel to Blaricum's college."""
    return services.ask(
        actor=wereld.actor("teamleider.bel"),
        samenwerkingsverband=wereld.bel,
        gemeente=Gemeente.objects.get(slug="blaricum"),
        gericht_aan="college",
        onderwerp="Richting schuldhulp",
        vraag="Welke richting kiest het college?",
        uiterlijk=timezone.localdate() + dt.timedelta(days=14),
    )


def _web(user_named: Callable[[str], Any], username: str) -> Client:
    web = Client()
    web.force_login(user_named(username))
    return web


def _intrekken(web: Client, vraag: Bestuursvraag, versie: int) -> Any:
    return web.post(
        f"/opdrachten/vragen/{vraag.pk}/intrekken",
        {"intrekken-versie": versie, "intrekken-reden": "Het college besloot al in het overleg."},
    )


def test_the_asker_withdraws_the_question_on_its_page(
    wereld: Wereld, user_named: Callable[[str], Any]
) -> None:
    vraag = _vraag(wereld)
    web = _web(user_named, "teamleider.bel")
    pagina = web.get(f"/opdrachten/vragen/{vraag.pk}").content.decode()
    assert INTREKKEN_FORM.format(vraag.pk) in pagina and "Vraag intrekken" in pagina
    assert 'for="id_intrekken-reden"' in pagina, "the reason has a label"
    response = _intrekken(web, vraag, vraag.versie)
    assert response.status_code == 302
    vraag.refresh_from_db()
    assert vraag.status == Vraagstatus.INGETROKKEN
    # Withdrawn is final: no form any more, and a second withdrawal is a conflict.
    assert INTREKKEN_FORM.format(vraag.pk) not in web.get(f"/opdrachten/vragen/{vraag.pk}").content.decode()
    assert _intrekken(web, vraag, vraag.versie).status_code == 409


@pytest.mark.parametrize("username", ["controller.bel", "wethouder.blaricum", "medewerker.bel"])
def test_someone_else_may_not_withdraw_the_question(
    username: str, wereld: Wereld, user_named: Callable[[str], Any]
) -> None:
    vraag = _vraag(wereld)
    web = _web(user_named, username)
    pagina = web.get(f"/opdrachten/vragen/{vraag.pk}")
    assert pagina.status_code == 200 and INTREKKEN_FORM.format(vraag.pk) not in pagina.content.decode()
    response = _intrekken(web, vraag, vraag.versie)
    assert response.status_code == 403
    assert "U mag deze handeling niet uitvoeren." in response.content.decode(), "the reason"
    vraag.refresh_from_db()
    assert vraag.status == Vraagstatus.OPEN


def test_the_directeur_withdraws_a_question_of_the_pool(
    wereld: Wereld, user_named: Callable[[str], Any]
) -> None:
    vraag = _vraag(wereld)
    assert _intrekken(_web(user_named, "directeur.bel"), vraag, vraag.versie).status_code == 302
    vraag.refresh_from_db()
    assert vraag.status == Vraagstatus.INGETROKKEN


def test_withdrawing_with_a_stale_version_is_412(wereld: Wereld, user_named: Callable[[str], Any]) -> None:
    vraag = _vraag(wereld)
    gelezen = vraag.versie
    Bestuursvraag.objects.filter(pk=vraag.pk).update(
        versie=F("versie") + 1
    )  # saved by someone else meanwhile
    response = _intrekken(_web(user_named, "teamleider.bel"), vraag, gelezen)
    assert response.status_code == 412
    vraag.refresh_from_db()
    assert vraag.status == Vraagstatus.OPEN


def test_a_stranger_does_not_learn_the_question_exists(
    wereld: Wereld, user_named: Callable[[str], Any]
) -> None:
    vraag = _vraag(wereld)
    assert _intrekken(_web(user_named, "wethouder.laren"), vraag, vraag.versie).status_code == 404


def test_the_addressee_answers_on_the_page_and_others_get_403(
    wereld: Wereld, user_named: Callable[[str], Any]
) -> None:
    vraag = _vraag(wereld)
    antwoord = {"versie": vraag.versie, "antwoord": "Het college kiest voor vroegsignalering."}
    geweigerd = _web(user_named, "teamleider.bel").post(f"/opdrachten/vragen/{vraag.pk}", antwoord)
    assert geweigerd.status_code == 403
    web = _web(user_named, "wethouder.blaricum")
    assert (
        web.post(f"/opdrachten/vragen/{vraag.pk}", {**antwoord, "versie": vraag.versie - 1}).status_code
        == 412
    )
    assert web.post(f"/opdrachten/vragen/{vraag.pk}", antwoord).status_code == 302
    vraag.refresh_from_db()
    assert vraag.status == Vraagstatus.BEANTWOORD
