"""Personal API tokens: show, create and revoke your own (``seta token USERNAME`` makes one too).

Tokens are stored hashed: the full token (``sleutel``) is in the answer to the POST that makes it and
nowhere else; reading shows the prefix, when it was made and when it was last used.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.views import APIView

from seta.api.views import ActorMixin
from seta.autorisaties import selectors
from seta.autorisaties import services as autorisatie_services
from seta.autorisaties.models import ApiToken
from seta.autorisaties.services import NieuwToken


class TokenSerializer(serializers.Serializer[ApiToken]):
    prefix = serializers.CharField(read_only=True, help_text="Het zichtbare begin van het token.")
    aangemaakt = serializers.DateTimeField(source="aangemaakt_op", read_only=True)
    laatst_gebruikt = serializers.DateTimeField(source="laatst_gebruikt_op", read_only=True, allow_null=True)


class NieuwTokenSerializer(serializers.Serializer[NieuwToken]):
    sleutel = serializers.CharField(
        read_only=True, help_text="Het volledige token; alleen in dit antwoord, bewaar het zelf."
    )
    prefix = serializers.CharField(source="token.prefix", read_only=True)
    aangemaakt = serializers.DateTimeField(source="token.aangemaakt_op", read_only=True)
    laatst_gebruikt = serializers.DateTimeField(
        source="token.laatst_gebruikt_op", read_only=True, allow_null=True
    )


class MijnTokenView(ActorMixin, APIView):
    """Your own personal API token (one per user)."""

    @extend_schema(responses=TokenSerializer, operation_id="mijn_token_ophalen")
    def get(self, request: Request) -> Response:
        token = selectors.eigen_token(request.user)
        if token is None:
            return Response(
                {
                    "type": "about:blank",
                    "title": "Niet gevonden",
                    "status": 404,
                    "detail": "U heeft nog geen token.",
                },
                status=404,
                content_type="application/problem+json",
            )
        return Response(TokenSerializer(token).data)

    @extend_schema(request=None, responses={201: NieuwTokenSerializer}, operation_id="mijn_token_vernieuwen")
    def post(self, request: Request) -> Response:
        nieuw = autorisatie_services.renew_token(actor=self.actor, user=request.user)
        return Response(NieuwTokenSerializer(nieuw).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={204: None}, operation_id="mijn_token_intrekken")
    def delete(self, request: Request) -> Response:
        autorisatie_services.revoke_token(actor=self.actor, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


def register(router: DefaultRouter) -> None:
    """Tokens are a single resource, not a router collection."""


def _urls() -> list[Any]:
    from django.urls import path

    return [path("mijn-token", MijnTokenView.as_view(), name="mijn-token")]


urlpatterns = _urls()
