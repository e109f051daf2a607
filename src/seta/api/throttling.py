"""API rate limits: per client address for anonymous requests, per user otherwise (429 problem+json).

The rates are read from ``settings.SETA_API_RATES`` at each request (DRF's own classes read theirs once,
at import), so a deployment sets them by environment and the tests switch them off (``tests/conftest.py``)
and back on with ``override_settings``. An empty or missing rate means no limit.
"""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class _FromSettings:
    scope: str

    def get_rate(self) -> str | None:
        return getattr(settings, "SETA_API_RATES", {}).get(self.scope) or None


class AnoniemeLimiet(_FromSettings, AnonRateThrottle):
    pass


class GebruikerLimiet(_FromSettings, UserRateThrottle):
    pass
