"""API rate limits: per client address for anonymous requests, per user otherwise (429 problem+json).

The rates are read from ``settings.SETA_API_RATES`` at each request (DRF's own classes read theirs once,
at import), so a deployment sets them by environment and the tests switch them off (``tests/conftest.py``)
and back on with ``override_settings``. An empty or missing rate means no limit.
"""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


def _rate(scope: str | None) -> str | None:
    return getattr(settings, "SETA_API_RATES", {}).get(scope) or None


class AnoniemeLimiet(AnonRateThrottle):
    def get_rate(self) -> str | None:
        return _rate(self.scope)


class GebruikerLimiet(UserRateThrottle):
    def get_rate(self) -> str | None:
        return _rate(self.scope)
