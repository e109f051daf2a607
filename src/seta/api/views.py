"""Shared plumbing for API views: the actor of the request, validated input, answers with an ETag."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers
from rest_framework.response import Response

from seta.api.concurrency import with_etag
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

    def validated(
        self, serializer_class: type[serializers.BaseSerializer[Any]], *, partial: bool = False
    ) -> dict[str, Any]:
        """The request body checked by ``serializer_class`` (with the actor in its context); 400 if invalid."""
        invoer = serializer_class(
            data=self.request.data, partial=partial, context=self.get_serializer_context()
        )
        invoer.is_valid(raise_exception=True)
        return dict(invoer.validated_data)

    def respond(
        self,
        instance: Any,
        serializer_class: type[serializers.BaseSerializer[Any]] | None = None,
        *,
        status: int = 200,
    ) -> Response:
        """``instance`` serialized (by default with the view's serializer) with its version as ``ETag``."""
        serializer_class = serializer_class or self.get_serializer_class()  # type: ignore[attr-defined]
        data = serializer_class(instance, context=self.get_serializer_context()).data
        return with_etag(Response(data, status=status), instance)
