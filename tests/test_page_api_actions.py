"""A record's page and the API offer the same actions: the buttons on the page of a bestuursopdracht are
exactly its ``toegestaneActies`` in the API, for every demo login and a sample of assignments in every
state (both come from ``selectors.allowed_actions`` → ``policy.toegestane_acties``)."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from rest_framework.test import APIClient

from seta.autorisaties.actor import actor_for
from seta.opdrachten import selectors
from seta.opdrachten.models import Bestuursopdracht

pytestmark = pytest.mark.django_db

ACTIE_FORM = re.compile(r'<form method="post" action="/opdrachten/(\d+)/actie/([a-z_]+)"')


def _sample() -> list[Bestuursopdracht]:
    """Per state: a confidential one, a joint one and two others (so every state and side is exercised)."""
    result: dict[int, Bestuursopdracht] = {}
    for status in Bestuursopdracht.objects.values_list("status", flat=True).distinct():
        qs = Bestuursopdracht.objects.filter(status=status).order_by("pk")
        for o in [
            qs.filter(vertrouwelijkheid="vertrouwelijk").first(),
            next(
                (x for x in qs.prefetch_related("opdrachtgevers")[:40] if x.opdrachtgevers.count() > 1), None
            ),
            *qs[:2],
        ]:
            if o is not None:
                result[o.pk] = o
    return list(result.values())


def test_page_buttons_equal_toegestane_acties_for_every_demo_login() -> None:
    sample = _sample()
    assert len({o.status for o in sample}) >= 8, "the demo has assignments in most states"
    ids = [o.pk for o in sample]
    mismatches = []
    compared = offered = 0
    for user in get_user_model().objects.order_by("username"):
        zichtbaar = list(
            selectors.bestuursopdrachten_for(actor_for(user)).filter(pk__in=ids).values_list("pk", flat=True)
        )
        if not zichtbaar:
            continue
        web = Client()
        web.force_login(user)
        api = APIClient()
        api.force_authenticate(user=user)
        for pk in zichtbaar:
            page = web.get(f"/opdrachten/{pk}")
            assert page.status_code == 200, (user.username, pk, page.status_code)
            knoppen = [actie for nr, actie in ACTIE_FORM.findall(page.content.decode()) if int(nr) == pk]
            body = api.get(f"/api/v1/bestuursopdrachten/{pk}")
            assert body.status_code == 200, (user.username, pk, body.status_code)
            acties = body.json()["toegestaneActies"]
            compared += 1
            offered += bool(acties)
            if knoppen != acties:
                mismatches.append(f"{user.username} on {pk}: page {knoppen}, API {acties}")
    assert mismatches == []
    assert compared > 100 and offered > 10, (compared, offered)


def test_the_parser_finds_the_buttons() -> None:
    """The page's action forms have the shape the test parses (else it would compare empty lists)."""
    html = '<form method="post" action="/opdrachten/12/actie/opdragen" class="seta-form">'
    assert ACTIE_FORM.findall(html) == [("12", "opdragen")]
