"""API of the samenwerkingsscan.

- ``/api/v1/scans``: your own scans (create, list, read, partial update with If-Match, delete);
  ``POST /scans/{id}/berekenen`` computes and stores the result; ``GET /scans/{id}/rapport.pdf`` (or
  ``GET /scans/{id}?formaat=pdf``) gives the printable report.
- ``/api/v1/scanvragen``: the questionnaire.
- ``/api/v1/casussen``: the case base (read for everyone; written by the beheerder).
- ``POST /api/v1/scan-berekening``: the stateless scan of a questionnaire file (the format of ``seta scan FILE``).

Question ids are keys in ``antwoorden``; they are never camel-cased, so that ``urgentie_college`` in
the questionnaire, the answer file, the API and the error messages is the same word.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.views import APIView

from seta.api import concurrency
from seta.api.exceptions import problem_exception_handler
from seta.api.pagination import Paginering
from seta.api.parsers import CamelCaseJSONParser
from seta.api.renderers import CamelCaseJSONRenderer, FileRenderer
from seta.api.views import ActorMixin
from seta.core.errors import InvalidInput, NotFound
from seta.scan import kern, selectors, services
from seta.scan.forms import themas
from seta.scan.models import Casus, Casusuitkomst, Casusvorm, Scansessie
from seta.scan.serializers import (
    CasusSerializer,
    ScansessieLijstSerializer,
    ScansessieSchrijfSerializer,
    ScansessieSerializer,
    VraagSerializer,
)
from seta.scan.services import PartnerInvoer

#: Keys whose contents are data (question ids, menu ids), not field names: never camel-cased.
DATA_KEYS = ("antwoorden", "tekens")


class ScanRenderer(CamelCaseJSONRenderer):
    json_underscoreize = {"ignore_fields": DATA_KEYS}


class ScanParser(CamelCaseJSONParser):
    json_underscoreize = {"ignore_fields": DATA_KEYS}


class PdfRenderer(FileRenderer):
    """Lets clients ask for ``Accept: application/pdf``; the views return the PDF bytes themselves
    (errors still come as problem+json)."""

    media_type = "application/pdf"
    format = "pdf"


def _keep_data_keys(exc: Exception, context: dict[str, Any]) -> Response | None:
    """The house problem+json handler, except that question ids inside ``antwoorden`` keep their spelling.

    The handler camel-cases every invalid parameter's name; a question id is data (a key of the
    ``antwoorden`` map, which is not camel-cased on the wire either), so ``antwoorden.urgentie_college``
    stays exactly the id of the questionnaire.
    """
    response = problem_exception_handler(exc, context)
    if isinstance(exc, InvalidInput) and response is not None and isinstance(response.data, dict):
        names = [name for name, msgs in exc.fields.items() for _ in msgs]
        params = response.data.get("invalidParams") or []
        if len(names) == len(params):
            for param, name in zip(params, names, strict=True):
                head, sep, tail = name.partition(".")
                if sep and head in DATA_KEYS:
                    param["name"] = f"{head}.{tail}"
    return response


class ScanExceptionsMixin:
    def get_exception_handler(self) -> Any:
        return _keep_data_keys


def _pdf(request: Request, scan: Scansessie) -> HttpResponse:
    from seta.scan.views import pdf_response

    return pdf_response(request._request, scan)


def _partners(data: Any) -> list[PartnerInvoer] | None:
    if data is None:
        return None
    return [
        PartnerInvoer.from_data(
            {k: v for k, v in dict(item).items() if v not in (None, "")}, f"partners[{i}]"
        )
        for i, item in enumerate(data)
    ]


class ScansessieFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Scansessie._meta.get_field("status").choices)

    class Meta:
        model = Scansessie
        fields = ["status"]


@extend_schema_view(
    list=extend_schema(summary="Mijn scans", responses=ScansessieLijstSerializer(many=True)),
    retrieve=extend_schema(
        summary="Eén scan (met ?formaat=pdf: het rapport als PDF)",
        parameters=[OpenApiParameter("formaat", str, enum=["json", "pdf"], required=False)],
        responses={200: ScansessieSerializer},
    ),
    create=extend_schema(
        summary="Scan starten", request=ScansessieSchrijfSerializer, responses={201: ScansessieSerializer}
    ),
    partial_update=extend_schema(
        summary="Concept opslaan: naam, partners of antwoorden wijzigen",
        request=ScansessieSchrijfSerializer,
        responses={200: ScansessieSerializer, 412: OpenApiResponse(description="Verouderde versie.")},
        parameters=[OpenApiParameter("If-Match", str, OpenApiParameter.HEADER, required=False)],
    ),
    destroy=extend_schema(summary="Scan verwijderen"),
)
class ScansessieViewSet(
    ScanExceptionsMixin,
    ActorMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet[Scansessie],
):
    """The samenwerkingsscans of the signed-in user (nobody else's: another user's scan gives 404)."""

    serializer_class = ScansessieSerializer
    filterset_class = ScansessieFilter
    renderer_classes = [ScanRenderer, PdfRenderer]
    parser_classes = [ScanParser]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[Scansessie]:
        return selectors.scansessies_for(self.actor)

    def get_serializer_class(self) -> Any:
        if self.action == "list":
            return ScansessieLijstSerializer
        if self.action in ("create", "partial_update"):
            return ScansessieSchrijfSerializer
        return ScansessieSerializer

    def get_object(self) -> Scansessie:
        return selectors.scansessie_for(self.actor, self.kwargs["pk"])

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        scan = self.get_object()
        if (
            request.query_params.get("formaat") == "pdf"
            or getattr(request.accepted_renderer, "format", "") == "pdf"
        ):
            return _pdf(request, scan)  # type: ignore[return-value]
        return self.respond(scan, ScansessieSerializer)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self.validated(ScansessieSchrijfSerializer)
        scan = services.create_scansessie(
            actor=self.actor,
            naam=data.get("naam", ""),
            partners=_partners(data.get("partners")) or [],
            antwoorden=data.get("antwoorden"),
            aantal_partners=data.get("aantal_partners"),
        )
        scan = selectors.scansessie_for(self.actor, scan.pk)
        return self.respond(scan, ScansessieSerializer, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        scan = self.get_object()
        data = self.validated(ScansessieSchrijfSerializer, partial=True)
        extra: dict[str, Any] = {}
        if "aantal_partners" in data:
            extra["aantal_partners"] = data["aantal_partners"]
        services.update_scansessie(
            actor=self.actor,
            scansessie=scan,
            expected_version=concurrency.expected_version(request),
            naam=data.get("naam"),
            partners=_partners(data.get("partners")),
            antwoorden=data.get("antwoorden"),
            **extra,
        )
        scan = selectors.scansessie_for(self.actor, scan.pk)
        return self.respond(scan, ScansessieSerializer)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.partial_update(request, *args, **kwargs)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        services.delete_scansessie(
            actor=self.actor,
            scansessie=self.get_object(),
            expected_version=concurrency.expected_version(request),
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Scan berekenen en de uitkomst bewaren",
        request=None,
        responses={200: ScansessieSerializer},
        parameters=[OpenApiParameter("If-Match", str, OpenApiParameter.HEADER, required=False)],
    )
    @action(detail=True, methods=["post"])
    def berekenen(self, request: Request, pk: str | None = None) -> Response:
        scan = services.calculate(
            actor=self.actor,
            scansessie=self.get_object(),
            expected_version=concurrency.expected_version(request),
        )
        scan = selectors.scansessie_for(self.actor, scan.pk)
        return self.respond(scan, ScansessieSerializer)

    @extend_schema(
        summary="Het rapport als PDF (A4, dezelfde opmaak als het scherm)",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
    )
    @action(
        detail=True, methods=["get"], url_path="rapport.pdf", renderer_classes=[PdfRenderer, ScanRenderer]
    )
    def rapport(self, request: Request, pk: str | None = None) -> HttpResponse:
        return _pdf(request, self.get_object())


class AlleVragen(Paginering):
    """The whole questionnaire on one page by default, in the house pagination shape."""

    page_size = 500


class VragenViewSet(ActorMixin, viewsets.ViewSet):
    """The questionnaire of the scan, in the order of the wizard (grouped by thema)."""

    renderer_classes = [ScanRenderer]
    lookup_value_regex = "[a-z][a-z0-9_]*"
    pagination_class = AlleVragen

    @staticmethod
    def _data() -> list[dict[str, Any]]:
        out = []
        for thema, lijst in themas():
            for vraag in lijst:
                schaal = None
                if vraag.soort == "schaal":
                    schaal = {
                        "min": vraag.schaal_min,
                        "max": vraag.schaal_max,
                        "labels": {str(k): v for k, v in (vraag.schaal_labels or {}).items()},
                    }
                out.append(
                    {
                        "id": vraag.id,
                        "thema": thema.titel,
                        "titel": vraag.titel,
                        "vraag": vraag.vraag,
                        "toelichting": vraag.toelichting,
                        "soort": vraag.soort,
                        "verplicht": vraag.verplicht,
                        "per": vraag.per,
                        "bron": {"regels": vraag.bron.regels, "titel": vraag.bron.titel},
                        "zie_ook": [{"regels": b.regels, "titel": b.titel} for b in vraag.zie_ook],
                        "schaal": schaal,
                        "opties": dict(vraag.opties) if vraag.opties else None,
                        "toegestane_waarden": [*vraag.toegestane_waarden(), kern.WEET_NIET],
                    }
                )
        return out

    @extend_schema(summary="De vragenlijst", responses=VraagSerializer(many=True))
    def list(self, request: Request) -> Response:
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(self._data(), request, view=self)
        return paginator.get_paginated_response(page)

    @extend_schema(summary="Eén vraag", responses=VraagSerializer)
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        for vraag in self._data():
            if vraag["id"] == pk:
                return Response(vraag)
        raise NotFound(f"Onbekende vraag '{pk}'.")


class CasusFilter(django_filters.FilterSet):
    uitkomst = django_filters.ChoiceFilter(choices=Casusuitkomst.choices)
    vorm = django_filters.ChoiceFilter(choices=Casusvorm.choices)

    class Meta:
        model = Casus
        fields = ["uitkomst", "vorm", "actief"]


@extend_schema_view(
    list=extend_schema(summary="De casusbank"),
    retrieve=extend_schema(summary="Eén casus"),
    create=extend_schema(summary="Casus toevoegen (beheerder)"),
    partial_update=extend_schema(
        summary="Casus wijzigen (beheerder)",
        parameters=[OpenApiParameter("If-Match", str, OpenApiParameter.HEADER)],
    ),
    destroy=extend_schema(summary="Casus verwijderen (beheerder)"),
)
class CasusViewSet(ScanExceptionsMixin, ActorMixin, viewsets.ModelViewSet[Casus]):
    """Historical cooperations and attempts the scan compares with; the beheerder maintains them."""

    serializer_class = CasusSerializer
    filterset_class = CasusFilter
    renderer_classes = [ScanRenderer]
    parser_classes = [ScanParser]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[Casus]:
        return selectors.casussen_for(self.actor).order_by("jaar", "naam")

    def get_object(self) -> Casus:
        return selectors.casus_for(self.actor, self.kwargs["pk"])

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        casus = self.get_object()
        return self.respond(casus, CasusSerializer)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self.validated(CasusSerializer)
        code = data.pop("code")
        casus = services.create_casus(actor=self.actor, code=code, **data)
        return self.respond(casus, CasusSerializer, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        casus = self.get_object()
        invoer = CasusSerializer(casus, data=request.data, partial=True)
        invoer.is_valid(raise_exception=True)
        casus = services.update_casus(
            actor=self.actor,
            casus=casus,
            expected_version=concurrency.expected_version(request),
            **invoer.validated_data,
        )
        return self.respond(casus, CasusSerializer)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.partial_update(request, *args, **kwargs)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        services.delete_casus(
            actor=self.actor, casus=self.get_object(), expected_version=concurrency.expected_version(request)
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class ScanBerekeningView(ScanExceptionsMixin, ActorMixin, APIView):
    """The stateless scan: post a questionnaire file (as for ``seta scan FILE``), get the result; nothing is stored."""

    renderer_classes = [ScanRenderer]
    parser_classes = [ScanParser]

    @extend_schema(
        summary="Scan van een vragenlijstbestand (niets wordt bewaard)",
        request=OpenApiTypes.OBJECT,
        description="De body volgt docs/schemas/scan-input.schema.json (hetzelfde formaat als `seta scan FILE`).",
        responses={200: OpenApiTypes.OBJECT},
        operation_id="scan_berekening",
    )
    def post(self, request: Request) -> Response:
        if not isinstance(request.data, dict):
            raise InvalidInput(fields={"body": ["Verwacht een JSON-object met 'partners' en 'antwoorden'."]})
        return Response(services.calculate_file(actor=self.actor, data=dict(request.data)))


def register(router: DefaultRouter) -> None:
    router.register("scans", ScansessieViewSet, basename="scan")
    router.register("scanvragen", VragenViewSet, basename="scanvraag")
    router.register("casussen", CasusViewSet, basename="casus")


def _urls() -> list[Any]:
    from django.urls import path

    return [path("scan-berekening", ScanBerekeningView.as_view(), name="scan-berekening")]


urlpatterns = _urls()
