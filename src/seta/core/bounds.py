"""The ranges every integer from outside must fall in, defined once for the API, the web and the services.

An id beyond 64 bits makes SQLite raise ``OverflowError`` (a server error) and can never exist anyway;
a year outside ``JAAR_MIN..JAAR_MAX`` is a typing error, not a plan. ``parse_int`` turns any text into
an int within a range or raises ``InvalidInput`` naming the parameter, so no caller writes ``int(...)``
on input.
"""

from __future__ import annotations

from typing import Any

from seta.core.errors import InvalidInput

ID_MIN = 1
ID_MAX = 2**63 - 1  # the largest value of a signed 64-bit column (SQLite INTEGER, PostgreSQL bigint)
JAAR_MIN = 2000
JAAR_MAX = 2100
VERSIE_MAX = 2**31 - 1  # VersionedModel.versie is a PositiveIntegerField


def parse_int(
    value: Any,
    *,
    name: str,
    minimum: int = -ID_MAX,
    maximum: int = ID_MAX,
    default: int | None = None,
    voorbeeld: str = "",
) -> int | None:
    """``value`` as an int in ``minimum..maximum``; ``default`` when empty; else ``InvalidInput`` on ``name``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return default
    if isinstance(value, bool):
        raise InvalidInput(fields={name: ["Moet een geheel getal zijn."]})
    try:
        number = int(value.strip() if isinstance(value, str) else value)
    except (TypeError, ValueError, OverflowError):
        hint = f", bijvoorbeeld {voorbeeld}" if voorbeeld else ""
        raise InvalidInput(fields={name: [f"Moet een geheel getal zijn{hint}."]}) from None
    if not minimum <= number <= maximum:
        raise InvalidInput(fields={name: [f"Moet tussen {minimum} en {maximum} liggen."]})
    return number


def parse_id(value: Any, *, name: str, default: int | None = None) -> int | None:
    """An id (``ID_MIN..ID_MAX``) or ``default`` when empty."""
    return parse_int(value, name=name, minimum=ID_MIN, maximum=ID_MAX, default=default)


def parse_jaar(value: Any, *, name: str = "jaar", default: int | None = None) -> int | None:
    """A year (``JAAR_MIN..JAAR_MAX``) or ``default`` when empty."""
    return parse_int(value, name=name, minimum=JAAR_MIN, maximum=JAAR_MAX, default=default, voorbeeld="2025")


def parse_versie(value: Any, *, name: str = "versie") -> int | None:
    """The version a web form was based on (``versie`` field), or None when absent or 0."""
    return parse_int(value, name=name, minimum=0, maximum=VERSIE_MAX, default=None) or None
