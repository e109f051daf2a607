"""Security headers on every response and API rate limits (issue 8, hardening)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

SRC = Path(__file__).resolve().parents[2] / "src" / "seta"


def test_pages_and_api_carry_csp_and_permissions_policy(user_named: Any) -> None:
    client = Client()
    client.force_login(user_named("wethouder.blaricum"))
    for response in (client.get("/"), client.get("/inloggen"), APIClient().get("/api/v1/gemeenten")):
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "style-src 'self'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert "camera=()" in response["Permissions-Policy"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"


def test_no_template_has_inline_scripts_styles_or_event_handlers() -> None:
    """What the CSP forbids is not in any template: <script> without src, <style>, style= and on…=."""
    bad = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", re.IGNORECASE)
    found = [
        f"{path.relative_to(SRC)}: {match.group(0)}"
        for path in SRC.rglob("templates/**/*.html")
        for match in bad.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not found, "\n".join(found)


def test_htmx_does_not_inject_its_indicator_styles(user_named: Any) -> None:
    client = Client()
    client.force_login(user_named("wethouder.blaricum"))
    html = client.get("/").content.decode()
    assert '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false}\'>' in html


def test_the_timeline_is_positioned_without_inline_styles(user_named: Any) -> None:
    client = Client()
    client.force_login(user_named("wethouder.blaricum"))
    html = client.get("/samenwerkingsverbanden/bel").content.decode()
    assert "sv-tijdlijn" in html and "data-links=" in html and "tijdlijn.js" in html
    assert " style=" not in html


@override_settings(SETA_API_RATES={"anon": "3/minute", "user": "5/minute"})
def test_api_rate_limit_answers_429_problem_json(user_named: Any) -> None:
    cache.clear()
    try:
        anonymous = APIClient()
        statuses = [anonymous.get("/api/v1/openapi.json").status_code for _ in range(4)]
        assert statuses[:3] == [200, 200, 200] and statuses[3] == 429
        client = APIClient()
        client.force_authenticate(user=user_named("raadslid.laren"))
        statuses = [client.get("/api/v1/gemeenten").status_code for _ in range(6)]
        assert statuses == [200] * 5 + [429]
        response = client.get("/api/v1/gemeenten")
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["title"] == "Te veel verzoeken"
        assert response["Retry-After"]
    finally:
        cache.clear()


def test_without_rates_there_is_no_limit(api_as: Any) -> None:
    client = api_as("raadslid.laren")
    assert {client.get("/api/v1/gemeenten").status_code for _ in range(30)} == {200}
