"""Reads of the access records (API tokens): never a record named by someone else's input."""

from __future__ import annotations

from typing import Any

from seta.autorisaties.models import ApiToken


def eigen_token(user: Any) -> ApiToken | None:
    """The user's own personal token record (prefix and dates only; the token itself is never stored)."""
    if user is None or not getattr(user, "pk", None):
        return None
    return ApiToken.objects.filter(gebruiker_id=user.pk).first()


def heeft_token(username: str) -> bool:
    """Whether the user already has a token (the command line warns that it will stop working)."""
    return ApiToken.objects.filter(gebruiker__username=username).exists()


def token_met_prefix(prefix: str | None) -> ApiToken | None:
    """The token record a presented token names by its visible prefix (authentication then checks the hash)."""
    if prefix is None:
        return None
    return ApiToken.objects.select_related("gebruiker").filter(prefix=prefix).first()
