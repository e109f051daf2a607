"""API: GET /api/v1/catalogusitems/{id}/herhalingsvoordeel — the item's delivered assignments with their
approved hours and the fitted learning curve (``nacalculatie/herhaling.py``). 404 when the item may not be
read, 403 when it may but the actor is not of its pool."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from seta.api.views import ActorMixin
from seta.catalogus import selectors as catalogus_selectors
from seta.core.bounds import parse_id
from seta.core.errors import InvalidInput, NotFound
from seta.nacalculatie import herhaling


class HerhalingSerializer(serializers.Serializer[Any]):
    n = serializers.IntegerField(help_text="De hoeveelste oplevering van dit catalogusitem (1 = de eerste).")
    bestuursopdracht = serializers.IntegerField(source="opdracht.pk")
    nummer = serializers.CharField(source="opdracht.nummer")
    opgeleverd_op = serializers.DateField(source="opdracht.opgeleverd_op")
    uren = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        allow_null=True,
        help_text="Goedgekeurde uren; null als er geen zijn.",
    )
    verwacht = serializers.DecimalField(
        max_digits=14, decimal_places=0, allow_null=True, help_text="Uren volgens de leercurve (afgerond)."
    )


class LeercurveSerializer(serializers.Serializer[Any]):
    a = serializers.FloatField(help_text="Uren van de eerste herhaling volgens de curve (a in a·n^b).")
    b = serializers.FloatField(help_text="De exponent b in a·n^b.")
    leerfactor = serializers.FloatField(
        help_text="2^b: wat elke verdubbeling van het aantal herhalingen kost."
    )
    leerfactor_procent = serializers.DecimalField(max_digits=6, decimal_places=0)
    r2 = serializers.FloatField(help_text="R² van de fit op log(uren) tegen log(n).")
    punten = serializers.IntegerField(help_text="Aantal opgeleverde opdrachten met uren in de fit.")
    volgende_n = serializers.IntegerField()
    voorspelling = serializers.DecimalField(
        source="voorspelling_uren",
        max_digits=14,
        decimal_places=0,
        help_text="Verwachte uren voor de volgende.",
    )


class HerhalingsvoordeelSerializer(serializers.Serializer[Any]):
    catalogusitem = serializers.IntegerField(source="catalogusitem.pk")
    naam = serializers.CharField(source="catalogusitem.naam")
    voldoende = serializers.BooleanField(
        help_text="Of er genoeg opgeleverde opdrachten met uren zijn voor een curve."
    )
    minimum = serializers.IntegerField(help_text="Het minimum aantal opdrachten met uren voor een curve.")
    herhalingen = HerhalingSerializer(many=True)
    leercurve = LeercurveSerializer(source="curve", allow_null=True)
    samenvatting = serializers.CharField()


class HerhalingsvoordeelViewSet(ActorMixin, viewsets.ViewSet):
    @extend_schema(
        summary="Herhalingsvoordeel: eerdere opleveringen van dit catalogusitem en de leercurve (werkorganisatie)",
        parameters=[
            OpenApiParameter(
                "id", OpenApiTypes.INT64, OpenApiParameter.PATH, description="Id van het catalogusitem."
            )
        ],
        responses={200: HerhalingsvoordeelSerializer},
    )
    @action(detail=True, methods=["get"], url_path="herhalingsvoordeel")
    def herhalingsvoordeel(self, request: Request, pk: str | None = None) -> Response:
        try:
            item_id = parse_id(pk, name="id")
        except InvalidInput as exc:  # an id that cannot exist: no such item
            raise NotFound() from exc
        item = catalogus_selectors.catalogusitem_for(self.actor, item_id)
        if item is None:
            raise NotFound()
        voordeel = herhaling.herhalingsvoordeel_for(self.actor, item)
        return Response(HerhalingsvoordeelSerializer(voordeel).data)


def register(router: DefaultRouter) -> None:
    router.register("catalogusitems", HerhalingsvoordeelViewSet, basename="herhalingsvoordeel")
