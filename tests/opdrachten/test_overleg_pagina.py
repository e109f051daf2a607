"""The meeting's page offers the forms its ``toegestaneActies`` name, and a POST of a form the person may not use
is refused with 403 and the reason (the services decide, as through the API)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from seta.gemeenten.models import Gemeente
from seta.opdrachten import services
from seta.opdrachten.models import Overleg, Overlegsoort

from .conftest import Wereld

pytestmark = pytest.mark.django_db


def _overleg(wereld: Wereld) -> Overleg:
    return services.plan_meeting(
        actor=wereld.actor("directeur.bel"),
        soort=Overlegsoort.PORTEFEUILLEHOUDERSOVERLEG,
        samenwerkingsverband=wereld.bel,
        gemeenten=[Gemeente.objects.get(slug="blaricum")],
        thema="Sociaal domein",
        titel="Pagina-overleg",
        datum=timezone.localdate() + dt.timedelta(days=7),
    )


def _web(user_named: Callable[[str], Any], username: str) -> Client:
    web = Client()
    web.force_login(user_named(username))
    return web


def test_the_pool_adds_agenda_items_but_does_not_record_decisions(
    wereld: Wereld, user_named: Callable[[str], Any]
) -> None:
    overleg = _overleg(wereld)
    web = _web(user_named, "directeur.bel")
    pagina = web.get(f"/opdrachten/overleggen/{overleg.pk}").content.decode()
    assert 'value="agenda"' in pagina and 'value="besluit"' not in pagina
    punt = web.post(
        f"/opdrachten/overleggen/{overleg.pk}", {"formulier": "agenda", "agenda-onderwerp": "Begroting"}
    )
    assert punt.status_code == 302 and overleg.agendapunten.count() == 1
    besluit = web.post(
        f"/opdrachten/overleggen/{overleg.pk}", {"formulier": "besluit", "besluit-tekst": "Wij besluiten A."}
    )
    assert besluit.status_code == 403
    assert "U mag deze handeling niet uitvoeren." in besluit.content.decode()
    assert not overleg.besluiten.exists()


def test_the_bestuur_records_a_decision_on_the_page(wereld: Wereld, user_named: Callable[[str], Any]) -> None:
    overleg = _overleg(wereld)
    web = _web(user_named, "wethouder.blaricum")
    assert 'value="besluit"' in web.get(f"/opdrachten/overleggen/{overleg.pk}").content.decode()
    response = web.post(
        f"/opdrachten/overleggen/{overleg.pk}", {"formulier": "besluit", "besluit-tekst": "Wij besluiten A."}
    )
    assert response.status_code == 302 and overleg.besluiten.count() == 1
