"""Serializer fields shared by the apps' API representations."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from seta.autorisaties import policy


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
