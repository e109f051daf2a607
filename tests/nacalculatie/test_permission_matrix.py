"""Who reads an assignment's actuals and who books, changes its external costs — through the API, as the people
would. The expected table is written out by hand below.

The assignment is Blaricum's (BEL), carried out by the unit werk-inkomen, in uitvoering; ``vertr`` is a confidential
one of the same kind. Columns: ``lees`` GET /nacalculaties/{id}; ``vertr`` the same for the confidential one;
``boek`` POST /kostenposten (201; 400 when the assignment is not visible to the person: the id "does not exist");
``wijz`` PATCH /kostenposten/{id} with If-Match.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from seta.nacalculatie import services
from seta.nacalculatie.models import Kostenpost

pytestmark = pytest.mark.django_db

TABEL = """
rol                      lees vertr boek wijz
burgemeester.blaricum    200  200   403  403
wethouder.blaricum       200  200   403  403
secretaris.blaricum      200  200   403  403
regisseur.blaricum       200  200   403  403
raadslid.blaricum        200  404   403  403
griffier.blaricum        200  404   403  403
wethouder.laren          404  404   400  404
raadslid.laren           404  404   400  404
burgemeester.eemnes      404  404   400  404
wethouder.bergeijk       404  404   400  404
raadslid.eersel          404  404   400  404
directeur.kempen         404  404   400  404
teamleider.kempen        404  404   400  404
medewerker.kempen        404  404   400  404
directeur.bel            200  200   201  200
controller.bel           200  200   201  200
teamleider.bel           200  200   201  200
teamleider2.bel          200  200   403  403
medewerker.bel           200  200   403  403
beheerder                200  200   403  403
"""


def _verwacht() -> dict[str, dict[str, int]]:
    regels = [r.split() for r in TABEL.strip().splitlines()]
    kop = regels[0][1:]
    return {r[0]: dict(zip(kop, map(int, r[1:]), strict=True)) for r in regels[1:]}


def test_permission_matrix(bouwer: Any, api_as: Any, teamleider2: Any) -> None:
    opdracht = bouwer.opdracht()
    vertrouwelijk = bouwer.opdracht(vertrouwelijk=True)
    vandaag = timezone.localdate()
    post = services.boek_kosten(
        actor=bouwer.actor("controller.bel"),
        opdracht=opdracht,
        datum=vandaag,
        bedrag="100",
        omschrijving="Zaal",
    )
    gekregen: dict[str, dict[str, int]] = {}
    for wie in _verwacht():
        client = api_as(wie)
        versie = Kostenpost.objects.get(pk=post.pk).versie
        gekregen[wie] = {
            "lees": client.get(f"/api/v1/nacalculaties/{opdracht.pk}").status_code,
            "vertr": client.get(f"/api/v1/nacalculaties/{vertrouwelijk.pk}").status_code,
            "boek": client.post(
                "/api/v1/kostenposten",
                {
                    "bestuursopdracht": opdracht.pk,
                    "datum": str(vandaag),
                    "bedrag": "10.00",
                    "omschrijving": "Porto",
                },
                format="json",
            ).status_code,
            "wijz": client.patch(
                f"/api/v1/kostenposten/{post.pk}",
                {"omschrijving": f"Zaal ({wie})"},
                format="json",
                HTTP_IF_MATCH=f'W/"{versie}"',
            ).status_code,
        }
    verschillen = {
        wie: (verwacht, gekregen[wie]) for wie, verwacht in _verwacht().items() if gekregen[wie] != verwacht
    }
    assert not verschillen, verschillen


def test_the_list_shows_bookings_only_of_readable_assignments(bouwer: Any, api_as: Any) -> None:
    vertrouwelijk = bouwer.opdracht(vertrouwelijk=True)
    services.boek_kosten(
        actor=bouwer.actor("directeur.bel"),
        opdracht=vertrouwelijk,
        datum=timezone.localdate(),
        bedrag="100",
        omschrijving="Advies",
    )
    for wie, aantal in (
        ("raadslid.blaricum", 0),
        ("wethouder.laren", 0),
        ("wethouder.blaricum", 1),
        ("beheerder", 1),
    ):
        data = api_as(wie).get(f"/api/v1/kostenposten?bestuursopdracht={vertrouwelijk.pk}").json()
        assert data["count"] == aantal, wie
