"""Personal API token format and hashing (pure functions, no database).

A token reads ``seta_<8 hex>_<secret>``: its visible prefix ``seta_<8 hex>`` identifies the token (stored
as is, shown in the admin and on the account page), ``secret`` is 32 random bytes (URL-safe base64).
Only the SHA-256 of the whole token is stored; with 256 bits of entropy a fast hash is enough (there is
nothing to guess from, unlike a password). Tokens made before hashing (40 hex characters, printed by
``seta token`` until then) keep working: their prefix is their first 8 characters.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

PREFIX_LENGTH = 8
_NEW = re.compile(r"^(seta_[0-9a-f]{8})_[A-Za-z0-9_-]{43}$")
_LEGACY = re.compile(r"^[0-9a-f]{40}$")


def generate() -> tuple[str, str]:
    """A new token: ``(prefix, full token)``."""
    prefix = f"seta_{secrets.token_hex(PREFIX_LENGTH // 2)}"
    return prefix, f"{prefix}_{secrets.token_urlsafe(32)}"


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def prefix_of(token: str) -> str | None:
    """The visible prefix of a well-formed token, or None for anything that is not a token."""
    match = _NEW.match(token)
    if match:
        return match.group(1)
    if _LEGACY.match(token):
        return token[:PREFIX_LENGTH]
    return None


def matches(token: str, stored_hash: str) -> bool:
    """Whether ``token`` hashes to ``stored_hash``, compared in constant time."""
    return hmac.compare_digest(digest(token), stored_hash)
