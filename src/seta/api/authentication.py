"""Personal API tokens: ``Authorization: Token <token>``.

The token is looked up by its visible prefix and checked against the stored SHA-256 hash in constant
time (``seta.autorisaties.tokens``); the database never holds a usable token.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from rest_framework import authentication, exceptions

from seta.autorisaties import selectors, tokens
from seta.autorisaties import services as autorisatie_services
from seta.autorisaties.models import ApiToken

# "Last used" is written at most once a minute per token, not on every request.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


class TokenAuthentication(authentication.TokenAuthentication):
    keyword = "Token"

    def authenticate_credentials(self, key: str) -> tuple[Any, ApiToken]:
        prefix = tokens.prefix_of(key)
        token = selectors.token_met_prefix(prefix)
        # Hash even when nothing matched, so a miss costs what a hit costs.
        stored = token.sleutel_hash if token is not None else "0" * 64
        if not tokens.matches(key, stored) or token is None:
            raise exceptions.AuthenticationFailed("Ongeldig token.")
        if not token.gebruiker.is_active:
            raise exceptions.AuthenticationFailed("Gebruiker is niet actief of verwijderd.")
        now = timezone.now()
        if token.laatst_gebruikt_op is None or now - token.laatst_gebruikt_op > LAST_USED_RESOLUTION:
            autorisatie_services.markeer_gebruikt(token, now)
        return token.gebruiker, token
