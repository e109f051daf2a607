"""Who reads and who handles which signal: every demo role against the four test signals, through the selector,
the policy, the API (200, or 404: nobody else learns that a signal exists) and the page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from seta.autorisaties import policy
from seta.signalen import selectors

pytestmark = pytest.mark.django_db

# login → the test signals it reads (and may handle): pool (BEL), college (Laren), regie (Eemnes), kempen (pool)
LEZERS: dict[str, set[str]] = {
    "directeur.bel": {"pool"},
    "controller.bel": {"pool"},
    "teamleider.bel": set(),
    "medewerker.bel": set(),
    "burgemeester.laren": {"college"},
    "wethouder.laren": {"college"},
    "secretaris.laren": {"college"},
    "raadslid.laren": set(),
    "griffier.laren": set(),
    "regisseur.laren": set(),
    "regisseur.eemnes": {"regie"},
    "burgemeester.eemnes": set(),
    "raadslid.eemnes": set(),
    "directeur.kempen": {"kempen"},
    "controller.kempen": {"kempen"},
    "teamleider.kempen": set(),
    "beheerder": {"pool", "college", "regie", "kempen"},
}
NAMEN = {"pool": "pool", "college": "college_laren", "regie": "regie_eemnes", "kempen": "pool_kempen"}


@pytest.mark.parametrize("login", sorted(LEZERS))
def test_who_reads_which_signal(login: str, signalen: Any, actor_named: Callable[[str], Any]) -> None:
    actor = actor_named(login)
    ids = {getattr(signalen, NAMEN[k]).pk: k for k in NAMEN}
    gezien = {ids[pk] for pk in selectors.signalen_for(actor).filter(pk__in=ids).values_list("pk", flat=True)}
    assert gezien == LEZERS[login]
    for k in ids.values():
        signaal = getattr(signalen, NAMEN[k])
        assert policy.can(actor, "signaal.lezen", signaal) is (k in LEZERS[login])
        assert policy.can(actor, "signaal.afhandelen", signaal) is (k in LEZERS[login])
        assert (policy.toegestane_acties(actor, signaal) == ["afhandelen"]) is (k in LEZERS[login])


@pytest.mark.parametrize("login", sorted(LEZERS))
def test_api_reads_and_handles_as_the_matrix_says(
    login: str, signalen: Any, api_as: Callable[[str], Any]
) -> None:
    api = api_as(login)
    for k, naam in NAMEN.items():
        signaal = getattr(signalen, naam)
        mag = k in LEZERS[login]
        antwoord = api.get(f"/api/v1/signalen/{signaal.pk}")
        assert antwoord.status_code == (200 if mag else 404), (login, k)
        if mag:
            assert antwoord.json()["toegestaneActies"] == ["afhandelen"]
        gehandeld = api.post(
            f"/api/v1/signalen/{signaal.pk}/afhandelen", {"afhandeling": "Gezien"}, format="json"
        )
        assert gehandeld.status_code == (200 if mag else 404), (login, k, gehandeld.content)
        if mag:
            body = gehandeld.json()
            assert body["afgehandeld"] is True and body["afhandeling"] == "Gezien"
            assert body["toegestaneActies"] == []
            assert api.post(f"/api/v1/signalen/{signaal.pk}/afhandelen", {}, format="json").status_code == 409


@pytest.mark.parametrize("login", ["directeur.bel", "raadslid.laren", "regisseur.eemnes", "medewerker.bel"])
def test_page_and_handling_through_the_web(
    login: str, signalen: Any, user_named: Callable[[str], Any]
) -> None:
    web = Client()
    web.force_login(user_named(login))
    for k, naam in NAMEN.items():
        signaal = getattr(signalen, naam)
        mag = k in LEZERS[login]
        assert web.get(f"/signalen/{signaal.pk}").status_code == (200 if mag else 404)
        antwoord = web.post(
            f"/signalen/{signaal.pk}/afhandelen", {f"s{signaal.pk}-afhandeling": "Besproken in het MT"}
        )
        assert antwoord.status_code == (302 if mag else 404), (login, k)
        if mag:
            signaal.refresh_from_db()
            assert signaal.afhandeling == "Besproken in het MT"
            # A second time: the page says why, with 409.
            opnieuw = web.post(
                f"/signalen/{signaal.pk}/afhandelen", {f"s{signaal.pk}-afhandeling": "nog eens"}
            )
            assert opnieuw.status_code == 409
            assert "al afgehandeld" in opnieuw.content.decode()
