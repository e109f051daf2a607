"""Shared plumbing for API views: the actor of the request."""

from __future__ import annotations

from typing import Any

from seta.autorisaties.actor import Actor, actor_for


class ActorMixin:
    request: Any

    @property
    def actor(self) -> Actor:
        return actor_for(self.request.user)

    def get_serializer_context(self) -> dict[str, Any]:
        context: dict[str, Any] = super().get_serializer_context()  # type: ignore[misc]
        context["actor"] = self.actor
        return context
