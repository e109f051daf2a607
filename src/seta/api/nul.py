"""A NUL character in input: no database stores it in text (PostgreSQL refuses it outright, so a lookup
with one was a server error there), so it is invalid input everywhere. Every layer that meets one (the
query-string middleware and the house parsers of JSON, form and multipart bodies) answers the same 400 naming the parameter."""

from __future__ import annotations

from typing import Any

from seta.core.errors import InvalidInput

NUL = "\x00"


def nul_in(value: Any, name: str = "") -> str | None:
    """The name of the first key or string in ``value`` that holds a NUL character, else None.

    No database stores it in text (PostgreSQL refuses it outright), so it is invalid input everywhere.
    """
    if isinstance(value, str):
        return name if NUL in value else None
    if hasattr(value, "lists"):  # a QueryDict: each key may repeat
        for key, items in value.lists():
            if NUL in key or any(isinstance(v, str) and NUL in v for v in items):
                return f"{name}.{key}" if name else key
        return None
    if isinstance(value, dict):
        for key, item in value.items():
            child = f"{name}.{key}" if name else str(key)
            if NUL in str(key):
                return child
            found = nul_in(item, child)
            if found is not None:
                return found
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            found = nul_in(item, f"{name}[{index}]" if name else f"[{index}]")
            if found is not None:
                return found
    return None


def nul_error(name: str) -> InvalidInput:
    """The 400 for a NUL character in ``name`` (the name shown with ``\\x00`` for the character itself)."""
    return InvalidInput(
        "De invoer bevat een ongeldig teken (NUL).",
        fields={(name or "nonFieldErrors").replace(NUL, "\\x00"): ["Mag geen NUL-teken bevatten."]},
    )
