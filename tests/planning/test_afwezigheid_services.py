"""Absences: registered by the teamleider (or directeur) through the service, validated by field, audited,
changed and removed with the version; the API's CRUD; the capacity they take."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from seta.autorisaties.actor import Actor
from seta.core.errors import Forbidden, InvalidInput, NotFound, StaleVersion
from seta.core.models import AuditEvent
from seta.planning import services
from seta.planning.models import Afwezigheid

from .regels_hulp import afwezigheid, medewerker_in, medewerker_van

pytestmark = pytest.mark.django_db
Actors = Callable[[str], Actor]


def test_the_demo_registered_absences_through_the_teamleider() -> None:
    rijen = list(Afwezigheid.objects.filter(samenwerkingsverband__slug="bel"))
    assert len(rijen) >= 2 and {"verlof", "ziekte"} <= {a.soort for a in rijen}
    assert {a.geregistreerd_door.username for a in rijen} == {"teamleider.bel"}


def test_register_change_and_remove(actor_named: Actors) -> None:
    teamleider = actor_named("teamleider.bel")
    m = medewerker_van("medewerker.bel")
    a = afwezigheid(teamleider, m)
    assert a.samenwerkingsverband.slug == "bel" and a.percentage == Decimal(100)
    assert AuditEvent.objects.filter(actie="afwezigheid.registreren", object_id=str(a.pk)).exists()
    a = services.wijzig_afwezigheid(actor=teamleider, afwezigheid=a, expected_version=a.versie, percentage=50)
    assert a.percentage == Decimal(50)
    with pytest.raises(StaleVersion):
        services.wijzig_afwezigheid(actor=teamleider, afwezigheid=a, expected_version=1, percentage=60)
    with pytest.raises(Forbidden):  # the person reads their own absence, does not write it
        services.wijzig_afwezigheid(
            actor=actor_named("medewerker.bel"), afwezigheid=a, expected_version=a.versie
        )
    with pytest.raises(NotFound):  # personal data: the municipality side does not learn it exists
        services.verwijder_afwezigheid(
            actor=actor_named("wethouder.blaricum"), afwezigheid=a, expected_version=a.versie
        )
    services.verwijder_afwezigheid(actor=teamleider, afwezigheid=a, expected_version=a.versie)
    assert not Afwezigheid.objects.filter(pk=a.pk).exists()
    assert AuditEvent.objects.filter(actie="afwezigheid.verwijderen", object_id=str(a.pk)).exists()


def test_only_the_leading_teamleider_and_the_directeur(actor_named: Actors) -> None:
    buiten = medewerker_in("bel", "vergunningen")
    with pytest.raises(Forbidden):
        afwezigheid(actor_named("teamleider.bel"), buiten)
    with pytest.raises(Forbidden):
        afwezigheid(actor_named("controller.bel"), buiten)
    with pytest.raises(Forbidden):  # never for oneself
        afwezigheid(actor_named("teamleider.bel"), medewerker_van("teamleider.bel"))
    with pytest.raises(NotFound):
        afwezigheid(actor_named("directeur.kempen"), buiten)
    assert afwezigheid(actor_named("directeur.bel"), buiten).pk


@pytest.mark.parametrize(
    ("velden", "veld"),
    [
        ({"soort": "vakantie"}, "soort"),
        ({"van": None}, "van"),
        ({"tot": "morgen"}, "tot"),
        ({"van": dt.date(2027, 3, 1), "tot": dt.date(2027, 2, 1)}, "tot"),
        ({"van": dt.date(1990, 1, 1), "tot": dt.date(1990, 2, 1)}, "van"),
        ({"percentage": 0}, "percentage"),
        ({"percentage": 101}, "percentage"),
        ({"percentage": "veel"}, "percentage"),
        ({"omschrijving": "x" * 201}, "omschrijving"),
    ],
)
def test_every_field_is_validated(actor_named: Actors, velden: dict[str, Any], veld: str) -> None:
    data: dict[str, Any] = {
        "soort": "ziekte",
        "van": dt.date(2027, 2, 1),
        "tot": dt.date(2027, 3, 1),
        "percentage": 100,
        "omschrijving": "",
    } | velden
    with pytest.raises(InvalidInput) as exc:
        services.registreer_afwezigheid(
            actor=actor_named("teamleider.bel"), medewerker=medewerker_van("medewerker.bel"), **data
        )
    assert veld in exc.value.fields, exc.value.fields


def test_absences_api_crud(api_as: Callable[[str], Any]) -> None:
    teamleider = api_as("teamleider.bel")
    m = medewerker_van("medewerker.bel")
    nieuw = teamleider.post(
        "/api/v1/afwezigheden",
        {"medewerker": m.pk, "soort": "verlof", "van": "2027-03-01", "tot": "2027-03-31", "percentage": "40"},
        format="json",
    )
    assert nieuw.status_code == 201, nieuw.json()
    url = f"/api/v1/afwezigheden/{nieuw.json()['id']}"
    assert nieuw.json()["toegestaneActies"] == ["wijzigen", "verwijderen"]
    assert teamleider.patch(url, {"percentage": "60"}, format="json").status_code == 428
    gewijzigd = teamleider.patch(url, {"tot": "2027-02-01"}, format="json", HTTP_IF_MATCH=nieuw["ETag"])
    assert gewijzigd.status_code == 400 and "tot" in {p["name"] for p in gewijzigd.json()["invalidParams"]}
    gewijzigd = teamleider.patch(url, {"percentage": "60"}, format="json", HTTP_IF_MATCH=nieuw["ETag"])
    assert gewijzigd.status_code == 200 and gewijzigd.json()["percentage"] == "60.00"
    zelf = api_as("medewerker.bel")
    assert zelf.get(url).status_code == 200 and zelf.get(url).json()["toegestaneActies"] == []
    assert api_as("wethouder.blaricum").get(url).status_code == 404
    assert api_as("wethouder.blaricum").get("/api/v1/afwezigheden").json()["results"] == []
    assert teamleider.delete(url).status_code == 428
    assert teamleider.delete(url, HTTP_IF_MATCH=nieuw["ETag"]).status_code == 412
    assert teamleider.delete(url, HTTP_IF_MATCH=gewijzigd["ETag"]).status_code == 204
    slecht = teamleider.post("/api/v1/afwezigheden", {"medewerker": 10**6, "soort": "x"}, format="json")
    assert slecht.status_code == 400 and slecht["Content-Type"].startswith("application/problem+json")
