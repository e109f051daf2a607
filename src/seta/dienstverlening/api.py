"""API of dienstverlening. (Minimal for the compliance branch: the merge adds the DVO resources.)"""

from __future__ import annotations

from rest_framework.routers import DefaultRouter

from seta.dienstverlening import naleving_api


def register(router: DefaultRouter) -> None:
    naleving_api.register(router)
