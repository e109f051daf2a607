"""The owner of saved scans sees them on the home page; nobody else does."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_scan_owner_sees_own_scans_on_home(user_named: Callable[[str], Any]) -> None:
    client = Client()
    client.force_login(user_named("secretaris.laren"))
    html = client.get("/").content.decode()
    assert "Mijn samenwerkingsscans" in html
    assert "Heumen zoekt een partner" in html


def test_other_user_does_not_see_those_scans(user_named: Callable[[str], Any]) -> None:
    client = Client()
    client.force_login(user_named("wethouder.laren"))
    html = client.get("/").content.decode()
    assert "Heumen zoekt een partner" not in html
