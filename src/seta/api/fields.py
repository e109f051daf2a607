"""Bounded integer fields for request bodies: an id or a year outside its range is a 400 naming the field.

Ranges from ``seta.core.bounds``; the OpenAPI document shows them as ``minimum``/``maximum``.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from seta.core.bounds import ID_MAX, ID_MIN, JAAR_MAX, JAAR_MIN


class IdField(serializers.IntegerField):
    """The id of a related record (``ID_MIN..ID_MAX``), so it never overflows a 64-bit column."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", ID_MIN)
        kwargs.setdefault("max_value", ID_MAX)
        super().__init__(**kwargs)


class JaarField(serializers.IntegerField):
    """A year in ``JAAR_MIN..JAAR_MAX``."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", JAAR_MIN)
        kwargs.setdefault("max_value", JAAR_MAX)
        super().__init__(**kwargs)
