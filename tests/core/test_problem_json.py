"""Errors come out of the API as application/problem+json, never as a stack trace."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_unknown_api_route_is_problem_json_with_version_header() -> None:
    response = APIClient().get("/api/v1/bestaat-niet")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response["API-Version"]
    body = response.json()
    assert body["status"] == 404
    assert body["title"] == "Niet gevonden"


def test_unauthenticated_is_401_problem_with_token_challenge() -> None:
    response = APIClient().get("/api/v1/mijn-token")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"].startswith("Token")


def test_token_lifecycle_through_api() -> None:
    user = get_user_model().objects.create_user("tokenproef", password="x")
    client = APIClient()
    client.force_authenticate(user=user)
    assert client.get("/api/v1/mijn-token").status_code == 404
    created = client.post("/api/v1/mijn-token")
    assert created.status_code == 201
    key = created.json()["sleutel"]
    token_client = APIClient()
    token_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert token_client.get("/api/v1/mijn-token").json()["prefix"] == created.json()["prefix"]
    assert client.delete("/api/v1/mijn-token").status_code == 204
    assert token_client.get("/api/v1/mijn-token").status_code == 401


def test_wrong_method_is_405_problem() -> None:
    user = get_user_model().objects.create_user("methodeproef", password="x")
    client = APIClient()
    client.force_authenticate(user=user)
    response = client.put("/api/v1/mijn-token", {}, format="json")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"
