"""API: /api/v1/urenregels, /api/v1/weekstaten (+ indienen, goedkeuren, heropenen), /api/v1/urenimports."""

from __future__ import annotations

import re
from typing import Any

import django_filters
from django.db.models import QuerySet, Sum
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from seta.api.concurrency import expected_version
from seta.api.filters import IdFilter, JaarFilter
from seta.api.parsers import CamelCaseMultiPartParser
from seta.api.views import ActorMixin
from seta.autorisaties import policy
from seta.core.errors import InvalidInput, NotFound
from seta.organisatie import selectors as organisatie_selectors
from seta.organisatie.models import Medewerker
from seta.samenwerkingsverbanden import selectors as sv_selectors
from seta.uren import selectors, services
from seta.uren.models import Soort, Urenimport, Urenregel, Weekstaat, Weekstatus
from seta.uren.serializers import (
    ImportverslagSerializer,
    RedenSerializer,
    UploadSerializer,
    UrenimportSerializer,
    UrenregelInvoerSerializer,
    UrenregelSerializer,
    UrenregelWijzigSerializer,
    WeekstaatSerializer,
)

_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)


def _parse_week(value: str) -> tuple[int, int]:
    match = _WEEK.match(value.strip())
    if not match:
        raise InvalidInput(fields={"week": [f"'{value}' is geen ISO-week; gebruik bijvoorbeeld 2026-W10."]})
    return int(match.group(1)), int(match.group(2))


class UrenregelFilter(django_filters.FilterSet):
    medewerker = IdFilter(field_name="medewerker_id", label="Personeelsnummer (id) van de medewerker.")
    week = django_filters.CharFilter(method="filter_week", label="ISO-week, bijvoorbeeld 2026-W10.")
    gemeente = django_filters.CharFilter(
        field_name="gemeente__cbs_code", lookup_expr="iexact", label="CBS-code."
    )
    opdracht = django_filters.CharFilter(
        field_name="opdracht__nummer", lookup_expr="iexact", label="Nummer van de opdracht."
    )
    soort = django_filters.ChoiceFilter(choices=Soort.choices)
    vanaf = django_filters.DateFilter(
        field_name="datum", lookup_expr="gte", label="Datum vanaf (jjjj-mm-dd)."
    )
    tot = django_filters.DateFilter(
        field_name="datum", lookup_expr="lte", label="Datum tot en met (jjjj-mm-dd)."
    )

    class Meta:
        model = Urenregel
        fields = ["medewerker", "week", "gemeente", "opdracht", "soort", "vanaf", "tot"]

    def filter_week(self, queryset: QuerySet[Urenregel], name: str, value: str) -> QuerySet[Urenregel]:
        jaar, week = _parse_week(value)
        return queryset.filter(weekstaat__jaar=jaar, weekstaat__week=week)


def _own_or_given(view: ActorMixin, medewerker_id: int | None) -> Medewerker:
    if medewerker_id is None:
        eigen = selectors.eigen_medewerker(view.actor)
        if eigen is None:
            raise InvalidInput(
                fields={
                    "medewerker": ["U bent geen medewerker van een werkorganisatie; geef de medewerker op."]
                }
            )
        return eigen
    # Resolved among the staff the actor may see, and the right to write checked before anything else is looked
    # up: a user of another cooperation gets the same answer for an existing and a non-existing id or number.
    medewerker = organisatie_selectors.medewerkers_for(view.actor).filter(pk=medewerker_id).first()
    if medewerker is None:
        raise InvalidInput(fields={"medewerker": [f"Medewerker {medewerker_id} bestaat niet."]})
    return medewerker


@extend_schema_view(
    list=extend_schema(
        summary="Urenregels (eigen uren; teamleider: eenheid; directeur en controller: werkorganisatie)"
    ),
    retrieve=extend_schema(summary="Eén urenregel"),
    create=extend_schema(
        summary="Uren schrijven (alleen eigen uren, in een open week)",
        request=UrenregelInvoerSerializer,
        responses={201: UrenregelSerializer},
    ),
    partial_update=extend_schema(
        summary="Urenregel wijzigen (If-Match)",
        request=UrenregelWijzigSerializer,
        responses={200: UrenregelSerializer, 412: None},
    ),
    destroy=extend_schema(summary="Urenregel verwijderen (open week)"),
)
class UrenregelViewSet(
    ActorMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet[Urenregel],
):
    serializer_class = UrenregelSerializer
    filterset_class = UrenregelFilter
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[Urenregel]:
        return selectors.urenregels_for(self.actor).order_by("datum", "id")

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        regel = self.get_object()
        return self.respond(regel)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self.validated(UrenregelInvoerSerializer)
        medewerker = _own_or_given(self, data.get("medewerker"))
        policy.require(self.actor, "urenregel.schrijven", medewerker, read_action="weekstaat.lezen")
        doel = services.doel_from_codes(
            medewerker,
            data["soort"],
            data.get("opdracht", ""),
            data.get("catalogusitem", ""),
            data.get("gemeente", ""),
            actor=self.actor,
        )
        regel = services.register_hours(
            actor=self.actor,
            medewerker=medewerker,
            datum=data["datum"],
            uren=data["uren"],
            doel=doel,
            omschrijving=data.get("omschrijving", ""),
            bron="api",
        )
        return self.respond(regel, UrenregelSerializer, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        regel = self.get_object()
        data = self.validated(UrenregelWijzigSerializer)
        doel = None
        if any(k in data for k in ("soort", "opdracht", "catalogusitem", "gemeente")):
            policy.require(self.actor, "urenregel.schrijven", regel, read_action="urenregel.lezen")
            doel = services.doel_from_codes(
                regel.medewerker,
                data.get("soort", regel.soort),
                data.get("opdracht", regel.opdracht.nummer if regel.opdracht else ""),
                data.get("catalogusitem", regel.catalogusitem.code if regel.catalogusitem else ""),
                data.get(
                    "gemeente",
                    regel.gemeente.cbs_code if regel.gemeente and regel.soort == Soort.REGULIER else "",
                ),
                actor=self.actor,
            )
        regel = services.change_hours(
            actor=self.actor,
            urenregel=regel,
            expected_version=expected_version(request),
            uren=data.get("uren"),
            datum=data.get("datum"),
            doel=doel,
            omschrijving=data.get("omschrijving"),
        )
        return self.respond(regel, UrenregelSerializer)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.partial_update(request, *args, **kwargs)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        regel = self.get_object()
        services.delete_hours(actor=self.actor, urenregel=regel, expected_version=expected_version(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class WeekstaatFilter(django_filters.FilterSet):
    medewerker = IdFilter(field_name="medewerker_id")
    jaar = JaarFilter()
    week = django_filters.CharFilter(method="filter_week", label="ISO-week (2026-W10) of weeknummer.")
    status = django_filters.ChoiceFilter(choices=Weekstatus.choices)
    eenheid = IdFilter(field_name="medewerker__eenheid_id")

    class Meta:
        model = Weekstaat
        fields = ["medewerker", "jaar", "week", "status", "eenheid"]

    def filter_week(self, queryset: QuerySet[Weekstaat], name: str, value: str) -> QuerySet[Weekstaat]:
        if value.isdigit():
            return queryset.filter(week=int(value))
        jaar, week = _parse_week(value)
        return queryset.filter(jaar=jaar, week=week)


@extend_schema_view(
    list=extend_schema(
        summary="Weekstaten (eigen; teamleider: eenheid; directeur en controller: werkorganisatie)"
    ),
    retrieve=extend_schema(summary="Eén weekstaat met historie"),
)
class WeekstaatViewSet(
    ActorMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Weekstaat]
):
    serializer_class = WeekstaatSerializer
    filterset_class = WeekstaatFilter

    def get_queryset(self) -> QuerySet[Weekstaat]:
        return (
            selectors.weekstaten_for(self.actor)
            .annotate(totaal_uren=Sum("regels__uren"))
            .prefetch_related("overgangen__door")
            .select_related("goedgekeurd_door")
            .order_by("-jaar", "-week", "medewerker__naam", "id")
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        staat = self.get_object()
        return self.respond(staat)

    def _after(self, staat: Weekstaat) -> Response:
        staat = self.get_queryset().get(pk=staat.pk)
        return self.respond(staat, WeekstaatSerializer)

    @extend_schema(
        summary="Week indienen (de medewerker zelf)",
        request=None,
        responses={200: WeekstaatSerializer, 409: None, 412: None},
    )
    @action(detail=True, methods=["post"])
    def indienen(self, request: Request, pk: str | None = None) -> Response:
        staat = self.get_object()
        return self._after(
            services.submit_week(
                actor=self.actor, weekstaat=staat, expected_version=expected_version(request)
            )
        )

    @extend_schema(
        summary="Week goedkeuren en vergrendelen (teamleider van de eenheid of directeur)",
        request=None,
        responses={200: WeekstaatSerializer, 409: None, 412: None},
    )
    @action(detail=True, methods=["post"])
    def goedkeuren(self, request: Request, pk: str | None = None) -> Response:
        staat = self.get_object()
        return self._after(
            services.approve_week(
                actor=self.actor, weekstaat=staat, expected_version=expected_version(request)
            )
        )

    @extend_schema(
        summary="Week heropenen met reden (teamleider van de eenheid of directeur)",
        request=RedenSerializer,
        responses={200: WeekstaatSerializer, 409: None, 412: None},
    )
    @action(detail=True, methods=["post"])
    def heropenen(self, request: Request, pk: str | None = None) -> Response:
        staat = self.get_object()
        invoer = self.validated(RedenSerializer)
        return self._after(
            services.reopen_week(
                actor=self.actor,
                weekstaat=staat,
                reden=invoer["reden"],
                expected_version=expected_version(request),
            )
        )


@extend_schema_view(
    list=extend_schema(summary="Ingelezen urenbestanden (controller en directeur)"),
    retrieve=extend_schema(summary="Eén ingelezen bestand"),
    create=extend_schema(
        summary="Urenbestand (CSV of XLSX) inlezen: alles of niets, opnieuw inlezen verdubbelt niets",
        request={"multipart/form-data": UploadSerializer},
        responses={201: ImportverslagSerializer, 200: ImportverslagSerializer},
    ),
)
class UrenimportViewSet(
    ActorMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Urenimport],
):
    serializer_class = UrenimportSerializer
    parser_classes = [CamelCaseMultiPartParser]  # the house parser: a NUL in a field is a 400

    def get_queryset(self) -> QuerySet[Urenimport]:
        return (
            selectors.urenimports_for(self.actor)
            .select_related("samenwerkingsverband", "ingelezen_door")
            .order_by("-tijdstip", "-id")
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        invoer = self.validated(UploadSerializer)
        sv = (
            sv_selectors.samenwerkingsverbanden_for(self.actor)
            .filter(slug=invoer["samenwerkingsverband"])
            .first()
        )
        if sv is None:
            raise NotFound("Dit samenwerkingsverband bestaat niet (of is niet zichtbaar voor u).")
        bestand = invoer["bestand"]
        verslag = services.import_hours(
            actor=self.actor, samenwerkingsverband=sv, bestandsnaam=bestand.name, inhoud=bestand.read()
        )
        data = {**verslag.__dict__, "melding": str(verslag)}
        return Response(
            ImportverslagSerializer(data).data,
            status=status.HTTP_200_OK if verslag.al_ingelezen else status.HTTP_201_CREATED,
        )


def register(router: DefaultRouter) -> None:
    router.register("urenregels", UrenregelViewSet, basename="urenregel")
    router.register("weekstaten", WeekstaatViewSet, basename="weekstaat")
    router.register("urenimports", UrenimportViewSet, basename="urenimport")
