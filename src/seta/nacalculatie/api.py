"""API: /api/v1/nacalculaties/{bestuursopdrachtId} (the actuals of one assignment, aggregated; ?formaat=csv|xlsx for
the export) and /kostenposten (list with filter bestuursopdracht, create, PATCH/DELETE with If-Match); the
repetition advantage of a catalogue item is in ``herhaling_api.py``."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from seta.api.concurrency import expected_version
from seta.api.filters import IdFilter
from seta.api.views import ActorMixin
from seta.core.errors import InvalidInput
from seta.nacalculatie import exports, herhaling_api, selectors, services
from seta.nacalculatie.models import Kostenpost
from seta.nacalculatie.serializers import (
    KostenpostInvoerSerializer,
    KostenpostSerializer,
    KostenpostWijzigSerializer,
    NacalculatieSerializer,
)
from seta.opdrachten.models import Bestuursopdracht

STALE = OpenApiResponse(description="Verouderde versie: het record is intussen gewijzigd (If-Match).")
CONFLICT = OpenApiResponse(description="In deze status van de opdracht worden geen kosten geboekt.")
FORMAAT = OpenApiParameter(
    "formaat",
    OpenApiTypes.STR,
    enum=["json", "csv", "xlsx"],
    required=False,
    description="json (standaard), of een download als csv of xlsx (per week en de kostenposten).",
)


@extend_schema_view(
    retrieve=extend_schema(
        summary="Nacalculatie van een bestuursopdracht: uren, kosten, raming, kader, per week, signaalgrenzen",
        parameters=[FORMAAT],
        responses={200: NacalculatieSerializer},
    ),
)
class NacalculatieViewSet(ActorMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Bestuursopdracht]):
    """The id is the bestuursopdracht's. Who may read the assignment reads its actuals, aggregated per week, unit
    and scale (no single lines of hours, no names)."""

    serializer_class = NacalculatieSerializer
    pagination_class = None

    def get_queryset(self) -> QuerySet[Bestuursopdracht]:
        return Bestuursopdracht.objects.none()  # retrieve only, through the selector

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response | HttpResponse:  # type: ignore[override]
        formaat = request.query_params.get("formaat", "json")
        if formaat not in ("json", *exports.MIME):
            raise InvalidInput(fields={"formaat": ["Kies json, csv of xlsx."]})
        opdracht = selectors.opdracht_for(self.actor, kwargs.get("pk"))
        weergave = selectors.nacalculatie_for(self.actor, opdracht)
        if formaat != "json":
            inhoud, mime, naam = exports.export(weergave, formaat)
            response = HttpResponse(inhoud, content_type=mime)
            response["Content-Disposition"] = f'attachment; filename="{naam}"'
            return response
        return Response(NacalculatieSerializer(weergave, context=self.get_serializer_context()).data)


class KostenpostFilter(django_filters.FilterSet):
    bestuursopdracht = IdFilter(field_name="bestuursopdracht_id")

    class Meta:
        model = Kostenpost
        fields = ["bestuursopdracht"]


@extend_schema_view(
    list=extend_schema(summary="Kostenposten: geboekte externe kosten van bestuursopdrachten"),
    retrieve=extend_schema(summary="Eén kostenpost"),
    create=extend_schema(
        summary="Externe kosten boeken (controller of directeur van de pool, teamleider van de eenheid)",
        request=KostenpostInvoerSerializer,
        responses={201: KostenpostSerializer, 409: CONFLICT},
    ),
    partial_update=extend_schema(
        summary="Kostenpost wijzigen (If-Match)",
        request=KostenpostWijzigSerializer,
        responses={200: KostenpostSerializer, 409: CONFLICT, 412: STALE},
    ),
    destroy=extend_schema(
        summary="Kostenpost verwijderen (If-Match)", responses={204: None, 409: CONFLICT, 412: STALE}
    ),
)
class KostenpostViewSet(
    ActorMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet[Kostenpost],
):
    serializer_class = KostenpostSerializer
    filterset_class = KostenpostFilter
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[Kostenpost]:
        return selectors.kostenposten_for(self.actor).order_by("bestuursopdracht_id", "datum", "id")

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.respond(self.get_object())

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self.validated(KostenpostInvoerSerializer)
        post = services.boek_kosten(actor=self.actor, opdracht=data.pop("bestuursopdracht"), **data)
        return self.respond(post, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        post = self.get_object()
        data = self.validated(KostenpostWijzigSerializer, partial=True)
        post = services.wijzig_kosten(
            actor=self.actor, kostenpost=post, expected_version=expected_version(request), **data
        )
        return self.respond(post)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.partial_update(request, *args, **kwargs)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        services.verwijder_kosten(
            actor=self.actor, kostenpost=self.get_object(), expected_version=expected_version(request)
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


def register(router: DefaultRouter) -> None:
    router.register("nacalculaties", NacalculatieViewSet, basename="nacalculatie")
    router.register("kostenposten", KostenpostViewSet, basename="kostenpost")
    herhaling_api.register(router)
