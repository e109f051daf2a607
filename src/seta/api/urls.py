"""All API routes under /api/v1: each domain app contributes ``register(router)`` in its ``api.py``."""

from __future__ import annotations

import importlib

from django.urls import URLPattern, URLResolver, path, re_path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import DefaultRouter

from seta.api.exceptions import json_not_found

# Order matters only for the generated document; keep it in dependency order.
API_APPS = [
    "gemeenten",
    "samenwerkingsverbanden",
    "organisatie",
    "catalogus",
    "opdrachten",
    "uren",
    "financien",
    "dienstverlening",
    "nacalculatie",
    "signalen",
    "planning",
    "rapportage",
    "harmonisatie",
    "scan",
    "api",
]

router = DefaultRouter(trailing_slash=False)
router.include_root_view = False
extra: list[URLPattern | URLResolver] = []
for app in API_APPS:
    name = f"seta.{app}.api" if app != "api" else "seta.api.tokens"
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        continue
    module.register(router)
    extra.extend(getattr(module, "urlpatterns", []))

app_name = "api"
urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "openapi.json",
        SpectacularJSONAPIView.as_view(permission_classes=[], authentication_classes=[]),
        name="schema",
    ),
    *extra,
    *router.urls,
    re_path(r"^.*$", json_not_found),
]
