"""API: /api/v1/signalen (the actor's signals) and POST /api/v1/signalen/{id}/afhandelen.

A signal has no version: it changes once, from open to handled, under a row lock; a second handling is a
409, so no ``If-Match`` is asked (docs/signalen.md)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import F, QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from seta.api.views import ActorMixin
from seta.signalen import selectors, services
from seta.signalen.models import Signaal, Signaalsoort
from seta.signalen.serializers import AfhandelingInvoerSerializer, SignaalSerializer


class SignaalFilter(django_filters.FilterSet):
    soort = django_filters.ChoiceFilter(choices=Signaalsoort.choices)
    afgehandeld = django_filters.BooleanFilter(
        field_name="afgehandeld_op",
        lookup_expr="isnull",
        exclude=True,
        label="Alleen afgehandelde (true) of open (false).",
    )
    gemeente = django_filters.CharFilter(field_name="gemeente__slug", label="Slug van de gemeente.")
    samenwerkingsverband = django_filters.CharFilter(field_name="samenwerkingsverband__slug")

    class Meta:
        model = Signaal
        fields = ["soort", "afgehandeld", "gemeente", "samenwerkingsverband"]


@extend_schema_view(
    list=extend_schema(summary="Uw signalen (open eerst)"),
    retrieve=extend_schema(summary="Eén signaal"),
)
class SignaalViewSet(
    ActorMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet[Signaal],
):
    serializer_class = SignaalSerializer
    filterset_class = SignaalFilter

    def get_queryset(self) -> QuerySet[Signaal]:
        return selectors.signalen_for(self.actor).order_by(
            F("afgehandeld_op").asc(nulls_first=True), "-aangemaakt_op", "-pk"
        )

    def _antwoord(self, signaal: Signaal) -> Response:
        return Response(SignaalSerializer(signaal, context=self.get_serializer_context()).data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._antwoord(self.get_object())

    @extend_schema(
        summary="Signaal afhandelen (eenmaal), met wat ermee is gedaan",
        request=AfhandelingInvoerSerializer,
        responses={
            200: SignaalSerializer,
            409: OpenApiResponse(description="Het signaal is al afgehandeld."),
        },
    )
    @action(detail=True, methods=["post"])
    def afhandelen(self, request: Request, pk: str | None = None) -> Response:
        signaal = self.get_object()
        invoer = self.validated(AfhandelingInvoerSerializer)
        signaal = services.handel_af(actor=self.actor, signaal=signaal, afhandeling=invoer["afhandeling"])
        return self._antwoord(selectors.signaal_for(self.actor, signaal.pk))


def register(router: DefaultRouter) -> None:
    router.register("signalen", SignaalViewSet, basename="signaal")
