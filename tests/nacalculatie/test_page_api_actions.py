"""The buttons of a cost booking on the assignment page are exactly its ``toegestaneActies`` in the API, for every
demo login that may read the assignment (both come from the action table ``nacalculatie.kostenpost``)."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from rest_framework.test import APIClient

from seta.autorisaties.actor import actor_for
from seta.nacalculatie import selectors
from seta.nacalculatie.models import Kostenpost

pytestmark = pytest.mark.django_db

WIJZIGEN = re.compile(r'href="/nacalculatie/kostenposten/(\d+)"')
VERWIJDEREN = re.compile(r'action="/nacalculatie/kostenposten/(\d+)/verwijderen"')


def test_cost_booking_buttons_equal_toegestane_acties_for_every_demo_login() -> None:
    post = (
        Kostenpost.objects.filter(bestuursopdracht__samenwerkingsverband__slug="bel")
        .order_by("bestuursopdracht__nummer", "pk")
        .first()
    )
    assert post is not None, "the demo books costs on BEL assignments"
    vergeleken, aangeboden, verschillen = 0, set(), []
    for user in get_user_model().objects.order_by("username"):
        if not selectors.kostenposten_for(actor_for(user)).filter(pk=post.pk).exists():
            continue
        web, api = Client(), APIClient()
        web.force_login(user)
        api.force_authenticate(user=user)
        html = web.get(f"/opdrachten/{post.bestuursopdracht_id}").content.decode()
        knoppen = [
            a
            for a, rx in (("wijzigen", WIJZIGEN), ("verwijderen", VERWIJDEREN))
            if str(post.pk) in rx.findall(html)
        ]
        acties = api.get(f"/api/v1/kostenposten/{post.pk}").json()["toegestaneActies"]
        vergeleken += 1
        aangeboden.update(acties)
        if knoppen != acties:
            verschillen.append((user.username, knoppen, acties))
    assert verschillen == []
    assert vergeleken > 10 and aangeboden == {"wijzigen", "verwijderen"}, (vergeleken, aangeboden)
