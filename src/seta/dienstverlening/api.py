"""API of dienstverlening: the case data (``zaken_api``); the merge adds the service agreements."""

from __future__ import annotations

from rest_framework.routers import DefaultRouter

from seta.dienstverlening import zaken_api


def register(router: DefaultRouter) -> None:
    zaken_api.register(router)
