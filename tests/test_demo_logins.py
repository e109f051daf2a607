"""Every demo login reaches its home page with the password 'demo', and sees its roles there."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from seta.autorisaties.actor import actor_for

pytestmark = pytest.mark.django_db


def test_every_demo_user_logs_in_and_reaches_home() -> None:
    users = list(get_user_model().objects.order_by("username"))
    assert len(users) >= 70, "the demo has a login for every role in every municipality and pool"
    failures = []
    for user in users:
        client = Client()
        response = client.post("/inloggen", {"username": user.username, "password": "demo"})
        if response.status_code != 302:
            failures.append(f"{user.username}: login answered {response.status_code}")
            continue
        home = client.get("/")
        if home.status_code != 200:
            failures.append(f"{user.username}: home answered {home.status_code}")
            continue
        html = home.content.decode()
        for label in actor_for(user).rollen_labels:
            if label not in html:
                failures.append(f"{user.username}: role {label!r} not shown on the home page")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    ("username", "rol"),
    [
        ("burgemeester.blaricum", "Burgemeester"),
        ("wethouder.laren", "Wethouder"),
        ("raadslid.eemnes", "Raadslid"),
        ("griffier.laren", "Griffier"),
        ("secretaris.blaricum", "Gemeentesecretaris"),
        ("regisseur.ten-boer", "Beleidsregisseur"),
        ("directeur.kempen", "Directeur"),
        ("controller.gtb", "Controller"),
        ("teamleider.kempen", "Teamleider"),
        ("medewerker.gtb", "Medewerker"),
        ("beheerder", "Functioneel beheerder"),
    ],
)
def test_demo_usernames_follow_the_documented_pattern(username: str, rol: str) -> None:
    user = get_user_model().objects.get(username=username)
    assert rol in actor_for(user).rollen_labels
