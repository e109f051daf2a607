"""API of harmonisation: similar orders, proposals with their answers, and the variant map."""

from __future__ import annotations

from rest_framework.routers import BaseRouter


def register(router: BaseRouter) -> None:
    """Register this app's viewsets on ``router``."""
