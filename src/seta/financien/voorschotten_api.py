"""API of the advances (ADR 0035): /api/v1/voorschotschemas (+ opnieuw, vaststellen, verzenden,
?formaat=xlsx|csv) and /api/v1/voorschottermijnen."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from seta.api.concurrency import expected_version
from seta.api.filters import IdFilter, JaarFilter
from seta.api.views import ActorMixin
from seta.core.errors import InvalidInput
from seta.financien import exports, voorschotten
from seta.financien.api import SvJaarFilter, _sv
from seta.financien.models import Voorschotschema, Voorschotstatus, Voorschottermijn
from seta.financien.serializers import (
    VoorschotschemaInvoerSerializer,
    VoorschotschemaOpnieuwSerializer,
    VoorschotschemaSerializer,
    VoorschottermijnSerializer,
)

# --- voorschotten (advances, ADR 0035) -------------------------------------------------------------------------
VOORSCHOT_FORMAAT = OpenApiParameter(
    "formaat",
    OpenApiTypes.STR,
    enum=["xlsx", "csv"],
    description="Download als XLSX (deelnemers × termijnen en de facturen) of CSV (de facturen).",
)


class VoorschotschemaFilter(SvJaarFilter):
    status = django_filters.ChoiceFilter(choices=Voorschotstatus.choices)

    class Meta:
        model = Voorschotschema
        fields = ["samenwerkingsverband", "jaar", "status"]


class VoorschottermijnFilter(django_filters.FilterSet):
    samenwerkingsverband = django_filters.CharFilter(
        field_name="schema__samenwerkingsverband__slug", label="Slug, bijv. bel."
    )
    jaar = JaarFilter(field_name="schema__jaar")
    schema = IdFilter(field_name="schema_id")
    gemeente = django_filters.CharFilter(
        field_name="gemeente__cbs_code", lookup_expr="iexact", label="CBS-code, bijv. GM0317."
    )

    class Meta:
        model = Voorschottermijn
        fields = ["samenwerkingsverband", "jaar", "schema", "gemeente"]


_SCHEMA_ANTWOORD = {200: VoorschotschemaSerializer, 409: None, 412: None}


@extend_schema_view(
    list=extend_schema(summary="Voorschotschema's: per deelnemer de termijnen van het jaarvoorschot"),
    retrieve=extend_schema(
        summary="Eén voorschotschema (met ?formaat=xlsx|csv: als bestand)",
        parameters=[VOORSCHOT_FORMAAT],
        responses={
            (200, "application/json"): VoorschotschemaSerializer,
            (200, exports.MIME["xlsx"]): OpenApiTypes.BINARY,
            (200, "text/csv"): OpenApiTypes.STR,
        },
    ),
    create=extend_schema(
        summary="Voorschotten berekenen uit de begroting en het vastgestelde verdeelmodel (controller; concept)",
        request=VoorschotschemaInvoerSerializer,
        responses={201: VoorschotschemaSerializer, 409: None},
    ),
)
class VoorschotschemaViewSet(
    ActorMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Voorschotschema],
):
    serializer_class = VoorschotschemaSerializer
    filterset_class = VoorschotschemaFilter

    def get_queryset(self) -> QuerySet[Voorschotschema]:
        return (
            voorschotten.schemas_for(self.actor)
            .prefetch_related("termijnen__gemeente", "termijnen__schema__samenwerkingsverband")
            .order_by("samenwerkingsverband__naam", "-jaar", "id")
        )

    def _fresh(self, schema: Voorschotschema) -> Voorschotschema:
        return self.get_queryset().get(pk=schema.pk)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response | HttpResponse:  # type: ignore[override]
        schema = self.get_object()
        formaat = request.query_params.get("formaat")
        if formaat:
            if formaat not in ("xlsx", "csv"):
                raise InvalidInput(fields={"formaat": ["Kies xlsx of csv."]})
            inhoud, mime, naam = exports.schema_export(voorschotten.table(self.actor, schema), formaat)
            response = HttpResponse(inhoud, content_type=mime)
            response["Content-Disposition"] = f'attachment; filename="{naam}"'
            return response
        return self.respond(schema)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self.validated(VoorschotschemaInvoerSerializer)
        sv = _sv(self.actor, data.pop("samenwerkingsverband"))
        schema = voorschotten.calculate_schedule(actor=self.actor, samenwerkingsverband=sv, **data)
        return self.respond(self._fresh(schema), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Opnieuw berekenen, eventueel met een ander ritme of een andere vervaldag (controller; concept; If-Match)",
        request=VoorschotschemaOpnieuwSerializer,
        responses=_SCHEMA_ANTWOORD,
    )
    @action(detail=True, methods=["post"])
    def opnieuw(self, request: Request, pk: str | None = None) -> Response:
        data = self.validated(VoorschotschemaOpnieuwSerializer)
        schema = voorschotten.recalculate_schedule(
            actor=self.actor, schema=self.get_object(), expected_version=expected_version(request), **data
        )
        return self.respond(self._fresh(schema))

    @extend_schema(
        summary="Vaststellen: dit betalen de deelnemers; de afrekening rekent ermee (controller of directeur; If-Match)",
        request=None,
        responses=_SCHEMA_ANTWOORD,
    )
    @action(detail=True, methods=["post"])
    def vaststellen(self, request: Request, pk: str | None = None) -> Response:
        schema = voorschotten.adopt_schedule(
            actor=self.actor, schema=self.get_object(), expected_version=expected_version(request)
        )
        return self.respond(self._fresh(schema))

    @extend_schema(
        summary="Vastleggen dat de facturen zijn verzonden (controller of directeur; If-Match)",
        request=None,
        responses=_SCHEMA_ANTWOORD,
    )
    @action(detail=True, methods=["post"])
    def verzenden(self, request: Request, pk: str | None = None) -> Response:
        schema = voorschotten.send_schedule(
            actor=self.actor, schema=self.get_object(), expected_version=expected_version(request)
        )
        return self.respond(self._fresh(schema))


@extend_schema_view(
    list=extend_schema(
        summary="Voorschottermijnen (facturen): per deelnemer, termijn, vervaldatum en kenmerk"
    ),
    retrieve=extend_schema(summary="Eén voorschottermijn"),
)
class VoorschottermijnViewSet(
    ActorMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Voorschottermijn]
):
    serializer_class = VoorschottermijnSerializer
    filterset_class = VoorschottermijnFilter

    def get_queryset(self) -> QuerySet[Voorschottermijn]:
        return voorschotten.termijnen_for(self.actor).order_by(
            "schema__samenwerkingsverband__naam", "-schema__jaar", "gemeente__naam", "nummer", "id"
        )


def register(router: DefaultRouter) -> None:
    router.register("voorschotschemas", VoorschotschemaViewSet, basename="voorschotschema")
    router.register("voorschottermijnen", VoorschottermijnViewSet, basename="voorschottermijn")
