"""API: /api/v1/gemeenten, /api/v1/functionarissen, /api/v1/portefeuilles."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from seta.api.concurrency import expected_version
from seta.api.views import ActorMixin
from seta.gemeenten import selectors, services
from seta.gemeenten.models import Functie, Functionaris, Gemeente, Portefeuille
from seta.gemeenten.serializers import (
    BeeindigenSerializer,
    FunctionarisInvoerSerializer,
    FunctionarisSerializer,
    GemeenteSerializer,
    PortefeuilleInvoerSerializer,
    PortefeuilleSerializer,
    PortefeuillesWijzigenSerializer,
)


class GemeenteFilter(django_filters.FilterSet):
    provincie = django_filters.CharFilter(
        field_name="provincie", lookup_expr="iexact", label="Provincie (naam)."
    )
    naam = django_filters.CharFilter(field_name="naam", lookup_expr="icontains", label="Deel van de naam.")
    bestaat = django_filters.BooleanFilter(
        field_name="opgeheven_op",
        lookup_expr="isnull",
        label="true: bestaande gemeenten; false: opgeheven gemeenten.",
    )

    class Meta:
        model = Gemeente
        fields = ["provincie", "naam", "bestaat"]


class FunctionarisFilter(django_filters.FilterSet):
    gemeente = django_filters.CharFilter(
        field_name="gemeente__cbs_code", lookup_expr="iexact", label="CBS-code."
    )
    functie = django_filters.ChoiceFilter(choices=Functie.choices)
    fractie = django_filters.CharFilter(lookup_expr="iexact")
    peildatum = django_filters.DateFilter(
        method="filter_peildatum", label="Alleen wie op deze datum in functie is."
    )
    actief = django_filters.BooleanFilter(
        method="filter_actief", label="true: nu in functie; false: vertrokken."
    )

    class Meta:
        model = Functionaris
        fields = ["gemeente", "functie", "fractie", "peildatum", "actief"]

    def filter_peildatum(
        self, queryset: QuerySet[Functionaris], name: str, value: Any
    ) -> QuerySet[Functionaris]:
        return queryset.filter(begindatum__lte=value).filter(
            Q(einddatum__isnull=True) | Q(einddatum__gte=value)
        )

    def filter_actief(
        self, queryset: QuerySet[Functionaris], name: str, value: Any
    ) -> QuerySet[Functionaris]:
        if value is None:
            return queryset
        vandaag = timezone.localdate()
        actief = Q(begindatum__lte=vandaag) & (Q(einddatum__isnull=True) | Q(einddatum__gte=vandaag))
        return queryset.filter(actief) if value else queryset.exclude(actief)


class PortefeuilleFilter(django_filters.FilterSet):
    gemeente = django_filters.CharFilter(
        field_name="gemeente__cbs_code", lookup_expr="iexact", label="CBS-code."
    )
    naam = django_filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = Portefeuille
        fields = ["gemeente", "naam"]


@extend_schema_view(
    list=extend_schema(
        summary="Gemeenten uit de referentielijst (CBS), met bron en peildatum van het inwonertal"
    ),
    retrieve=extend_schema(summary="Eén gemeente, op CBS-code"),
)
class GemeenteViewSet(ActorMixin, viewsets.ReadOnlyModelViewSet[Gemeente]):
    """The national reference list. Merged-away gemeenten stay, with ``opgehevenOp`` and ``opgegaanIn``."""

    serializer_class = GemeenteSerializer
    filterset_class = GemeenteFilter
    lookup_field = "cbs_code"
    lookup_url_kwarg = "cbsCode"
    lookup_value_regex = "[Gg][Mm][0-9]{4}"

    def get_queryset(self) -> QuerySet[Gemeente]:
        return selectors.gemeenten_for(self.actor).select_related("opgegaan_in").order_by("naam")

    def get_object(self) -> Gemeente:
        self.kwargs[self.lookup_url_kwarg] = str(self.kwargs[self.lookup_url_kwarg]).upper()
        return super().get_object()

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        gemeente = self.get_object()
        return self.respond(gemeente)

    @extend_schema(
        summary="Functionarissen van deze gemeente (standaard: wie nu in functie is)",
        responses=FunctionarisSerializer(many=True),
        parameters=[
            OpenApiParameter("functie", str, enum=Functie.values),
            OpenApiParameter("peildatum", str, description="JJJJ-MM-DD; standaard vandaag."),
        ],
        filters=False,
    )
    @action(detail=True, methods=["get"], filterset_class=None)
    def functionarissen(self, request: Request, cbsCode: str) -> Response:
        gemeente = self.get_object()
        params = request.query_params.copy()
        params.setdefault("peildatum", timezone.localdate().isoformat())
        params["gemeente"] = gemeente.cbs_code
        filterset = FunctionarisFilter(
            params, queryset=selectors.functionarissen_for(self.actor).prefetch_related("portefeuilles")
        )
        if not filterset.is_valid():
            from rest_framework.exceptions import ValidationError

            raise ValidationError(filterset.errors)
        qs = filterset.qs.order_by("functie", "naam")
        page = self.paginate_queryset(qs)
        data = FunctionarisSerializer(page if page is not None else qs, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)


@extend_schema_view(
    list=extend_schema(
        summary="Functionarissen: college, raad, griffier, gemeentesecretaris, beleidsregisseurs"
    ),
    retrieve=extend_schema(summary="Eén functionaris"),
    create=extend_schema(
        summary="Functionaris toevoegen (griffier of gemeentesecretaris van die gemeente)",
        request=FunctionarisInvoerSerializer,
        responses={201: FunctionarisSerializer},
    ),
    partial_update=extend_schema(
        summary="Portefeuilles van een collegelid wijzigen (If-Match)",
        request=PortefeuillesWijzigenSerializer,
        responses={200: FunctionarisSerializer, 412: None},
    ),
)
class FunctionarisViewSet(
    ActorMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Functionaris],
):
    serializer_class = FunctionarisSerializer
    filterset_class = FunctionarisFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Functionaris]:
        return (
            selectors.functionarissen_for(self.actor)
            .prefetch_related("portefeuilles")
            .order_by("gemeente__naam", "functie", "naam")
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        functionaris = self.get_object()
        return self.respond(functionaris)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        invoer = self.validated(FunctionarisInvoerSerializer)
        functionaris = services.add_functionaris(actor=self.actor, **invoer)
        return self.respond(functionaris, FunctionarisSerializer, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        functionaris = self.get_object()
        invoer = self.validated(PortefeuillesWijzigenSerializer)
        functionaris = services.set_portefeuilles(
            actor=self.actor,
            functionaris=functionaris,
            portefeuilles=invoer["portefeuilles"],
            expected_version=expected_version(request),
        )
        return self.respond(functionaris, FunctionarisSerializer)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(
        summary="Functie beëindigen (laatste dag in functie; If-Match)",
        request=BeeindigenSerializer,
        responses={200: FunctionarisSerializer, 412: None},
    )
    @action(detail=True, methods=["post"])
    def beeindigen(self, request: Request, pk: str | None = None) -> Response:
        functionaris = self.get_object()
        invoer = self.validated(BeeindigenSerializer)
        functionaris = services.end_functionaris(
            actor=self.actor,
            functionaris=functionaris,
            einddatum=invoer["einddatum"],
            expected_version=expected_version(request),
        )
        return self.respond(functionaris, FunctionarisSerializer)


@extend_schema_view(
    list=extend_schema(summary="Portefeuilles van collegeleden"),
    retrieve=extend_schema(summary="Eén portefeuille"),
    create=extend_schema(
        summary="Portefeuille toevoegen (griffier of gemeentesecretaris van die gemeente)",
        request=PortefeuilleInvoerSerializer,
        responses={201: PortefeuilleSerializer},
    ),
)
class PortefeuilleViewSet(
    ActorMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Portefeuille],
):
    serializer_class = PortefeuilleSerializer
    filterset_class = PortefeuilleFilter

    def get_queryset(self) -> QuerySet[Portefeuille]:
        return selectors.portefeuilles_for(self.actor).order_by("gemeente__naam", "naam")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        invoer = self.validated(PortefeuilleInvoerSerializer)
        portefeuille = services.create_portefeuille(actor=self.actor, **invoer)
        return Response(PortefeuilleSerializer(portefeuille).data, status=status.HTTP_201_CREATED)


def register(router: DefaultRouter) -> None:
    router.register("gemeenten", GemeenteViewSet, basename="gemeente")
    router.register("functionarissen", FunctionarisViewSet, basename="functionaris")
    router.register("portefeuilles", PortefeuilleViewSet, basename="portefeuille")
