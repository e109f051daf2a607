"""Dutch first, English available on explicit choice."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_dutch_by_default_even_for_an_english_browser() -> None:
    response = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").get("/inloggen")
    assert response["Content-Language"] == "nl"
    assert "Direct naar de inhoud" in response.content.decode()


def test_english_after_choosing_it() -> None:
    client = Client()
    client.post("/i18n/setlang/", {"language": "en", "next": "/inloggen"})
    response = client.get("/inloggen")
    assert response["Content-Language"] == "en"
    html = response.content.decode()
    assert "Skip to content" in html
    assert "Log in to SETA" in html
