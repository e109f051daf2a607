"""API: /api/v1/catalogusitems (with nested normen) and /api/v1/taakvelden."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from seta.api.concurrency import expected_version
from seta.api.filters import IdFilter
from seta.api.views import ActorMixin
from seta.catalogus import selectors, services
from seta.catalogus.models import Catalogusitem, Soort, Taaksoort, Taakveld
from seta.catalogus.serializers import (
    CatalogusitemInvoerSerializer,
    CatalogusitemSerializer,
    CatalogusitemWijzigSerializer,
    TaakveldSerializer,
)


class CatalogusitemFilter(django_filters.FilterSet):
    samenwerkingsverband = django_filters.CharFilter(
        field_name="samenwerkingsverband__slug", label="Slug, bijv. bel."
    )
    soort = django_filters.ChoiceFilter(choices=Soort.choices)
    taaksoort = django_filters.ChoiceFilter(choices=Taaksoort.choices)
    eenheid = IdFilter(field_name="eenheid_id", label="Id van de eigenaar (eenheid).")
    taakveld = django_filters.CharFilter(
        method="filter_taakveld", label="Iv3-code (0.2) of hoofdtaakveld (0)."
    )
    taakgebied = django_filters.CharFilter(field_name="taakgebied__code")
    actief = django_filters.BooleanFilter()
    zoek = django_filters.CharFilter(method="filter_zoek", label="Zoek in naam, code en omschrijving.")

    class Meta:
        model = Catalogusitem
        fields = [
            "samenwerkingsverband",
            "soort",
            "taaksoort",
            "eenheid",
            "taakveld",
            "taakgebied",
            "actief",
            "zoek",
        ]

    def filter_taakveld(
        self, queryset: QuerySet[Catalogusitem], name: str, value: str
    ) -> QuerySet[Catalogusitem]:
        if "." in value:
            return queryset.filter(taakveld__code=value)
        return queryset.filter(taakveld__code__startswith=f"{value}.")

    def filter_zoek(
        self, queryset: QuerySet[Catalogusitem], name: str, value: str
    ) -> QuerySet[Catalogusitem]:
        return queryset.filter(
            Q(naam__icontains=value) | Q(code__icontains=value) | Q(omschrijving__icontains=value)
        )


@extend_schema_view(
    list=extend_schema(summary="Catalogus: producten, diensten en processen van de werkorganisatie"),
    retrieve=extend_schema(summary="Eén catalogusitem met zijn normen"),
    create=extend_schema(
        summary="Catalogusitem toevoegen (directeur, of teamleider van de eigenaar)",
        request=CatalogusitemInvoerSerializer,
        responses={201: CatalogusitemSerializer},
    ),
    partial_update=extend_schema(
        summary="Catalogusitem wijzigen; normen vervangt alle normen (If-Match)",
        request=CatalogusitemWijzigSerializer,
        responses={200: CatalogusitemSerializer, 412: None},
    ),
)
class CatalogusitemViewSet(
    ActorMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Catalogusitem],
):
    serializer_class = CatalogusitemSerializer
    filterset_class = CatalogusitemFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Catalogusitem]:
        return (
            selectors.catalogusitems_for(self.actor)
            .select_related("samenwerkingsverband")
            .prefetch_related("normen")
            .order_by("samenwerkingsverband__naam", "naam", "id")
        )

    def _fresh(self, item: Catalogusitem) -> Catalogusitem:
        return self.get_queryset().get(pk=item.pk)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        item = self.get_object()
        return self.respond(item)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        invoer = self.validated(CatalogusitemInvoerSerializer)
        item = self._fresh(services.create_catalogusitem(actor=self.actor, **invoer))
        return self.respond(item, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        item = self.get_object()
        invoer = self.validated(CatalogusitemWijzigSerializer)
        item = services.update_catalogusitem(
            actor=self.actor, item=item, expected_version=expected_version(request), **invoer
        )
        item = self._fresh(item)
        return self.respond(item)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(
        summary="Catalogusitem deactiveren (If-Match)", request=None, responses={200: CatalogusitemSerializer}
    )
    @action(detail=True, methods=["post"])
    def deactiveren(self, request: Request, pk: str | None = None) -> Response:
        item = self.get_object()
        item = services.deactivate_catalogusitem(
            actor=self.actor, item=item, expected_version=expected_version(request)
        )
        item = self._fresh(item)
        return self.respond(item)


@extend_schema_view(
    list=extend_schema(summary="Iv3-taakvelden (BBV, versie 2017+)"),
    retrieve=extend_schema(summary="Eén taakveld"),
)
class TaakveldViewSet(ActorMixin, viewsets.ReadOnlyModelViewSet[Taakveld]):
    serializer_class = TaakveldSerializer
    lookup_field = "code"
    lookup_value_regex = r"[0-9]+\.[0-9]+"

    def get_queryset(self) -> QuerySet[Taakveld]:
        return selectors.taakvelden_for(self.actor).order_by("volgorde", "code")


def register(router: DefaultRouter) -> None:
    router.register("catalogusitems", CatalogusitemViewSet, basename="catalogusitem")
    router.register("taakvelden", TaakveldViewSet, basename="taakveld")
