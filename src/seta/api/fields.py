"""Serializer fields shared by the apps' API representations: what the actor may do with a record,
and bounded integers for request bodies (an id or a year outside its range is a 400 naming the field;
ranges from ``seta.core.bounds``, shown in the OpenAPI document as ``minimum``/``maximum``).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from seta.autorisaties import policy
from seta.core.bounds import ID_MAX, ID_MIN, JAAR_MAX, JAAR_MIN


@extend_schema_field(serializers.ListField(child=serializers.CharField()))
class ToegestaneActiesField(serializers.Field):
    """``toegestaneActies``: what the requesting actor may do with the record now. The same function
    (``policy.toegestane_acties`` over the model's action table) decides the buttons on its page."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "help_text", "Wat u nu met dit record kunt doen (dezelfde knoppen als op de pagina)."
        )
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value: Any) -> list[str]:
        actor = self.context.get("actor")
        return [] if actor is None else policy.toegestane_acties(actor, value)


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
