"""API: /api/v1/eenheden, /medewerkers, /competenties and /eenmansposten."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.views import APIView

from seta.api.concurrency import expected_version, with_etag
from seta.api.filters import IdFilter
from seta.api.views import ActorMixin
from seta.autorisaties import policy
from seta.core.errors import InvalidInput, NotFound
from seta.organisatie import selectors, services
from seta.organisatie.models import Competentie, Eenheid, Medewerker, Positie, Soort
from seta.organisatie.serializers import (
    CompetentieSerializer,
    EenheidInvoerSerializer,
    EenheidSerializer,
    EenheidWijzigSerializer,
    MedewerkerInvoerSerializer,
    MedewerkerSerializer,
    MedewerkerWijzigSerializer,
    RobuustheidSerializer,
    UitDienstSerializer,
)
from seta.samenwerkingsverbanden import selectors as sv_selectors


class EenheidFilter(django_filters.FilterSet):
    samenwerkingsverband = django_filters.CharFilter(
        field_name="samenwerkingsverband__slug", label="Slug, bijv. bel."
    )
    soort = django_filters.ChoiceFilter(choices=Soort.choices)
    bovenliggend = IdFilter(field_name="bovenliggend_id", label="Id van de bovenliggende eenheid.")
    gastgemeente = django_filters.CharFilter(
        field_name="gastgemeente__cbs_code", lookup_expr="iexact", label="CBS-code."
    )

    class Meta:
        model = Eenheid
        fields = ["samenwerkingsverband", "soort", "bovenliggend", "gastgemeente"]


class MedewerkerFilter(django_filters.FilterSet):
    samenwerkingsverband = django_filters.CharFilter(
        field_name="samenwerkingsverband__slug", label="Slug, bijv. bel."
    )
    eenheid = IdFilter(field_name="eenheid_id", label="Id van de eenheid.")
    personeelsnummer = django_filters.CharFilter(
        lookup_expr="iexact", label="Personeelsnummer (hoofdletters maken niet uit), bijv. BEL-00123."
    )
    positie = django_filters.ChoiceFilter(choices=Positie.choices)
    competentie = django_filters.CharFilter(
        method="filter_competentie", label="Naam of id van een competentie."
    )
    afkomstigVan = django_filters.CharFilter(  # camelCase: the query parameter name
        field_name="afkomstig_van__cbs_code",
        lookup_expr="iexact",
        label="CBS-code van de gemeente van herkomst.",
    )
    actief = django_filters.BooleanFilter(method="filter_actief", label="true: alleen wie nu in dienst is.")
    zoek = django_filters.CharFilter(method="filter_zoek", label="Zoek in naam en functie.")

    class Meta:
        model = Medewerker
        fields = [
            "samenwerkingsverband",
            "eenheid",
            "personeelsnummer",
            "positie",
            "competentie",
            "afkomstigVan",
            "actief",
            "zoek",
        ]

    def filter_competentie(
        self, queryset: QuerySet[Medewerker], name: str, value: str
    ) -> QuerySet[Medewerker]:
        if value.isdigit():
            return queryset.filter(competenties__id=int(value))
        return queryset.filter(competenties__naam__iexact=value)

    def filter_actief(
        self, queryset: QuerySet[Medewerker], name: str, value: bool | None
    ) -> QuerySet[Medewerker]:
        if value is None:
            return queryset
        return queryset.filter(selectors.actief_q()) if value else queryset.exclude(selectors.actief_q())

    def filter_zoek(self, queryset: QuerySet[Medewerker], name: str, value: str) -> QuerySet[Medewerker]:
        return queryset.filter(Q(naam__icontains=value) | Q(functietitel__icontains=value))


@extend_schema_view(
    list=extend_schema(summary="Eenheden van de werkorganisatie, met pad, bezetting en FTE"),
    retrieve=extend_schema(summary="Eén eenheid"),
    create=extend_schema(
        summary="Eenheid oprichten (directeur)",
        request=EenheidInvoerSerializer,
        responses={201: EenheidSerializer},
    ),
    partial_update=extend_schema(
        summary="Eenheid hernoemen, verplaatsen of onderbrengen (directeur; If-Match)",
        request=EenheidWijzigSerializer,
        responses={200: EenheidSerializer, 412: None},
    ),
)
class EenheidViewSet(
    ActorMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Eenheid],
):
    serializer_class = EenheidSerializer
    filterset_class = EenheidFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Eenheid]:
        return (
            selectors.eenheden_for(self.actor)
            .select_related("samenwerkingsverband", "gastgemeente")
            .order_by("samenwerkingsverband__naam", "naam", "id")
        )

    def _respond(self, eenheden: list[Eenheid], *, many: bool, status_code: int = 200) -> Response:
        info = selectors.boominfo_for(self.actor, {e.samenwerkingsverband_id for e in eenheden})
        context = {**self.get_serializer_context(), "boominfo": info}
        data = EenheidSerializer(eenheden if many else eenheden[0], many=many, context=context).data
        return Response(data, status=status_code)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        assert page is not None
        return self.get_paginated_response(self._respond(list(page), many=True).data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        eenheid = self.get_object()
        return with_etag(self._respond([eenheid], many=False), eenheid)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        invoer = EenheidInvoerSerializer(data=request.data, context=self.get_serializer_context())
        invoer.is_valid(raise_exception=True)
        eenheid = services.create_eenheid(actor=self.actor, **invoer.validated_data)
        return with_etag(self._respond([eenheid], many=False, status_code=status.HTTP_201_CREATED), eenheid)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        eenheid = self.get_object()
        invoer = EenheidWijzigSerializer(data=request.data, context=self.get_serializer_context())
        invoer.is_valid(raise_exception=True)
        eenheid = services.update_eenheid(
            actor=self.actor,
            eenheid=eenheid,
            expected_version=expected_version(request),
            **invoer.validated_data,
        )
        return with_etag(self._respond([eenheid], many=False), eenheid)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.partial_update(request, *args, **kwargs)


@extend_schema_view(
    list=extend_schema(summary="Medewerkers van de werkorganisatie (persoonsgegevens: pool en bestuur)"),
    retrieve=extend_schema(summary="Eén medewerker"),
    create=extend_schema(
        summary="Medewerker aannemen (directeur, of teamleider in de eigen eenheden)",
        request=MedewerkerInvoerSerializer,
        responses={201: MedewerkerSerializer},
    ),
    partial_update=extend_schema(
        summary="FTE, positie, functie, competenties of eenheid wijzigen (If-Match)",
        request=MedewerkerWijzigSerializer,
        responses={200: MedewerkerSerializer, 409: None, 412: None},
    ),
)
class MedewerkerViewSet(
    ActorMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Medewerker],
):
    serializer_class = MedewerkerSerializer
    filterset_class = MedewerkerFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Medewerker]:
        return (
            selectors.medewerkers_for(self.actor)
            .select_related("samenwerkingsverband", "afkomstig_van", "gebruiker", "eenheid")
            .prefetch_related("competenties")
            .order_by("samenwerkingsverband__naam", "naam", "id")
            .distinct()
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        medewerker = self.get_object()
        return with_etag(Response(self.get_serializer(medewerker).data), medewerker)

    def _fresh(self, medewerker: Medewerker) -> Medewerker:
        return self.get_queryset().get(pk=medewerker.pk)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        invoer = MedewerkerInvoerSerializer(data=request.data, context=self.get_serializer_context())
        invoer.is_valid(raise_exception=True)
        medewerker = self._fresh(services.hire_medewerker(actor=self.actor, **invoer.validated_data))
        return with_etag(
            Response(self.get_serializer(medewerker).data, status=status.HTTP_201_CREATED), medewerker
        )

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        medewerker = self.get_object()
        invoer = MedewerkerWijzigSerializer(data=request.data, context=self.get_serializer_context())
        invoer.is_valid(raise_exception=True)
        medewerker = services.update_medewerker(
            actor=self.actor,
            medewerker=medewerker,
            expected_version=expected_version(request),
            **invoer.validated_data,
        )
        medewerker = self._fresh(medewerker)
        return with_etag(Response(self.get_serializer(medewerker).data), medewerker)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(
        summary="Medewerker uit dienst (per datum, standaard vandaag)",
        request=UitDienstSerializer,
        responses={200: MedewerkerSerializer},
    )
    @action(detail=True, methods=["post"], url_path="uit-dienst")
    def uit_dienst(self, request: Request, pk: str | None = None) -> Response:
        medewerker = self.get_object()
        invoer = UitDienstSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        medewerker = services.end_medewerker(
            actor=self.actor,
            medewerker=medewerker,
            uit_dienst=invoer.validated_data["uit_dienst"],
            expected_version=expected_version(request),
        )
        medewerker = self._fresh(medewerker)
        return with_etag(Response(self.get_serializer(medewerker).data), medewerker)


@extend_schema_view(
    list=extend_schema(summary="Competenties (gedeelde lijst)"),
    retrieve=extend_schema(summary="Eén competentie"),
)
class CompetentieViewSet(ActorMixin, viewsets.ReadOnlyModelViewSet[Competentie]):
    serializer_class = CompetentieSerializer

    def get_queryset(self) -> QuerySet[Competentie]:
        return selectors.competenties_for(self.actor).order_by("naam")


class EenmanspostenView(ActorMixin, APIView):
    """Robustness: competences held by exactly one person, for the pool and per unit (seed lines 985-1004)."""

    @extend_schema(
        summary="Eenmansposten van een werkorganisatie",
        parameters=[
            OpenApiParameter(
                "samenwerkingsverband", OpenApiTypes.STR, required=True, description="Slug, bijv. bel."
            ),
        ],
        responses={200: RobuustheidSerializer},
        operation_id="eenmansposten_ophalen",
    )
    def get(self, request: Request) -> Response:
        slug = request.query_params.get("samenwerkingsverband")
        if not slug:
            raise InvalidInput(
                fields={"samenwerkingsverband": ["Geef de slug van het samenwerkingsverband, bijv. bel."]}
            )
        sv = sv_selectors.samenwerkingsverbanden_for(self.actor).filter(slug=slug).first()
        if sv is None or not policy.can(self.actor, "eenheid.lezen", sv):
            raise NotFound()
        rapport = selectors.robuustheid_for(self.actor, sv)
        return Response(RobuustheidSerializer(rapport).data)


def register(router: DefaultRouter) -> None:
    router.register("eenheden", EenheidViewSet, basename="eenheid")
    router.register("medewerkers", MedewerkerViewSet, basename="medewerker")
    router.register("competenties", CompetentieViewSet, basename="competentie")


urlpatterns = [path("eenmansposten", EenmanspostenView.as_view(), name="eenmansposten")]
