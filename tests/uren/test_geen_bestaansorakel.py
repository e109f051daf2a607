"""The hours API must not tell a user of another cooperation whether a staff id or an assignment number exists
(issue 8): the medewerker is resolved among the staff the actor may see and the right to write is checked before
the target is looked up, so an existing and a non-existing id (or number) get the same answer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from seta.opdrachten.models import Bestuursopdracht
from seta.organisatie.models import Medewerker

from .conftest import MAANDAG

ONBESTAAND_ID = 987654
ONBESTAAND_NUMMER = "BEL-2026-999"


def _antwoord(client: APIClient, medewerker: int | None, opdracht: str) -> tuple[int, str]:
    data: dict[str, Any] = {"datum": str(MAANDAG), "uren": "2", "soort": "opdracht", "opdracht": opdracht}
    if medewerker is not None:
        data["medewerker"] = medewerker
    r = client.post("/api/v1/urenregels", data, format="json")
    # The message must not differ either (it names the id the caller sent, so normalise that).
    tekst = r.content.decode().replace(str(medewerker), "ID").replace(opdracht, "NR")
    return r.status_code, tekst


@pytest.mark.parametrize("wie", ["directeur.kempen", "medewerker.kempen", "teamleider.kempen"])
def test_other_cooperation_learns_nothing_about_bel_ids(
    wie: str, api_as: Callable[[str | None], APIClient], mw: Medewerker
) -> None:
    bestaand = Bestuursopdracht.objects.filter(samenwerkingsverband__slug="bel").order_by("nummer").first()
    assert bestaand is not None
    client = api_as(wie)
    for opdracht in (bestaand.nummer, ONBESTAAND_NUMMER):
        assert _antwoord(client, mw.pk, opdracht) == _antwoord(client, ONBESTAAND_ID, opdracht), opdracht
    assert _antwoord(client, mw.pk, bestaand.nummer) == _antwoord(client, mw.pk, ONBESTAAND_NUMMER)
    assert _antwoord(client, ONBESTAAND_ID, bestaand.nummer)[0] in (400, 404)


def test_own_medewerker_cannot_probe_confidential_numbers_of_other_units(
    api_as: Callable[[str | None], APIClient], mw: Medewerker
) -> None:
    """medewerker.bel may not open a confidential assignment of another unit: same answer as for a non-existing one."""
    geheim = (
        Bestuursopdracht.objects.filter(samenwerkingsverband__slug="bel", vertrouwelijkheid="vertrouwelijk")
        .exclude(eenheid_id=mw.eenheid_id)
        .first()
    )
    assert geheim is not None
    client = api_as("medewerker.bel")
    assert _antwoord(client, None, geheim.nummer) == _antwoord(client, None, ONBESTAAND_NUMMER)
