"""API of nacalculatie (picked up by ``seta/api/urls.py``): the repetition advantage (``herhaling_api.py``)."""

from __future__ import annotations

from rest_framework.routers import DefaultRouter

from seta.nacalculatie import herhaling_api


def register(router: DefaultRouter) -> None:
    herhaling_api.register(router)
