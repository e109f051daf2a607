"""API: /api/v1/deelnemersscenarios (join and leave scenarios: list, detail, create, berekenen; downloads
with ?formaat=xlsx|csv) and /api/v1/uittredingsregels (the frictional-cost rule per cooperation).

Registered by ``financien/api.py``. A scenario is a calculation, never a decision: no endpoint here
changes a partner's membership."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from seta.api.concurrency import expected_version, optional_version
from seta.api.fields import IdField, JaarField, ToegestaneActiesField
from seta.api.filters import JaarFilter
from seta.api.views import ActorMixin
from seta.core.errors import InvalidInput, NotFound
from seta.financien import mutaties, mutaties_export, selectors
from seta.financien.models import Deelnemersscenario, Mutatiesoort, Uittredingsregel
from seta.gemeenten import selectors as gemeente_selectors
from seta.samenwerkingsverbanden import selectors as sv_selectors

FORMAAT = OpenApiParameter(
    "formaat", OpenApiTypes.STR, enum=list(mutaties_export.FORMATEN), description="Download als XLSX of CSV."
)
DOWNLOADS = {
    (200, mutaties_export.MIME["xlsx"]): OpenApiTypes.BINARY,
    (200, "text/csv"): OpenApiTypes.STR,
}


# --- serializers ------------------------------------------------------------------------------------------------
class DeelnemersscenarioSerializer(serializers.ModelSerializer[Deelnemersscenario]):
    samenwerkingsverband: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    gemeente: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="cbs_code", read_only=True
    )
    gemeentenaam = serializers.CharField(source="gemeente.naam", read_only=True)
    naam = serializers.CharField(read_only=True)
    verdeelmodel: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(read_only=True)
    resultaat = serializers.JSONField(read_only=True, allow_null=True)
    parameters = serializers.JSONField(read_only=True)
    toegestane_acties = ToegestaneActiesField()

    class Meta:
        model = Deelnemersscenario
        fields = [
            "id",
            "samenwerkingsverband",
            "naam",
            "soort",
            "gemeente",
            "gemeentenaam",
            "datum",
            "jaar",
            "verdeelmodel",
            "parameters",
            "omschrijving",
            "resultaat",
            "berekend_op",
            "versie",
            "toegestane_acties",
        ]
        read_only_fields = fields


class FrictiepostSerializer(serializers.Serializer[Any]):
    omschrijving = serializers.CharField(max_length=200)
    bedrag = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)


class DeelnemersscenarioInvoerSerializer(serializers.Serializer[Any]):
    samenwerkingsverband = serializers.SlugField(max_length=100)
    soort = serializers.ChoiceField(choices=Mutatiesoort.choices)
    gemeente = serializers.CharField(max_length=10, help_text="CBS-code, bijv. GM0406.")
    datum = serializers.DateField(help_text="Beoogde datum van toetreding of uittreding.")
    jaar = JaarField(
        required=False, allow_null=True, default=None, help_text="Leeg: het lopende begrotingsjaar."
    )
    verdeelmodel = IdField(
        required=False, allow_null=True, default=None, help_text="Leeg: het vastgestelde model."
    )
    inbreng = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
        allow_null=True,
        default=None,
        help_text="Toetreding: veronderstelde inbreng (nodig bij een sleutel naar inbreng).",
    )
    percentage = serializers.DecimalField(
        max_digits=9,
        decimal_places=6,
        min_value=0,
        max_value=99,
        required=False,
        allow_null=True,
        default=None,
        help_text="Toetreding: percentage bij een sleutel met vaste percentages.",
    )
    overige_frictiekosten = FrictiepostSerializer(many=True, required=False, default=list)
    omschrijving = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class UittredingsregelSerializer(serializers.ModelSerializer[Uittredingsregel]):
    samenwerkingsverband: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )

    class Meta:
        model = Uittredingsregel
        fields = ["id", "samenwerkingsverband", "jaren_overhead", "bron", "besluit", "versie"]
        read_only_fields = fields


class UittredingsregelInvoerSerializer(serializers.Serializer[Any]):
    samenwerkingsverband = serializers.SlugField(max_length=100)
    jaren_overhead = serializers.DecimalField(max_digits=4, decimal_places=2, min_value=0, max_value=20)
    bron = serializers.CharField(max_length=300)
    besluit = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


# --- views ------------------------------------------------------------------------------------------------------
class DeelnemersscenarioFilter(django_filters.FilterSet):
    samenwerkingsverband = django_filters.CharFilter(
        field_name="samenwerkingsverband__slug", label="Slug, bijv. bel."
    )
    soort = django_filters.ChoiceFilter(choices=Mutatiesoort.choices)
    jaar = JaarFilter()

    class Meta:
        model = Deelnemersscenario
        fields = ["samenwerkingsverband", "soort", "jaar"]


def download(scenario: Deelnemersscenario, formaat: str) -> HttpResponse:
    if formaat not in mutaties_export.FORMATEN:
        raise InvalidInput(fields={"formaat": ["Kies xlsx of csv."]})
    if not scenario.resultaat:
        raise InvalidInput(fields={"formaat": ["Dit scenario is nog niet berekend."]})
    inhoud, mime = mutaties_export.export(
        f"{scenario.naam} ({scenario.samenwerkingsverband})", scenario.resultaat, formaat
    )
    response = HttpResponse(inhoud, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="deelnemersscenario-{scenario.pk}.{formaat}"'
    return response


@extend_schema_view(
    list=extend_schema(summary="Deelnemersscenario's: wat als een gemeente toetreedt of uittreedt"),
    retrieve=extend_schema(
        summary="Eén deelnemersscenario (met ?formaat=xlsx|csv: de tabellen als bestand)",
        parameters=[FORMAAT],
        responses={(200, "application/json"): DeelnemersscenarioSerializer, **DOWNLOADS},
    ),
    create=extend_schema(
        summary="Deelnemersscenario opstellen en berekenen (controller; geen besluit)",
        request=DeelnemersscenarioInvoerSerializer,
        responses={201: DeelnemersscenarioSerializer},
    ),
)
class DeelnemersscenarioViewSet(
    ActorMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Deelnemersscenario],
):
    serializer_class = DeelnemersscenarioSerializer
    filterset_class = DeelnemersscenarioFilter
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self) -> QuerySet[Deelnemersscenario]:
        return mutaties.deelnemersscenarios_for(self.actor).order_by("samenwerkingsverband__naam", "-id")

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response | HttpResponse:  # type: ignore[override]
        scenario = self.get_object()
        formaat = request.query_params.get("formaat")
        if formaat:
            return download(scenario, formaat)
        return self.respond(scenario)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self.validated(DeelnemersscenarioInvoerSerializer)
        sv = (
            sv_selectors.samenwerkingsverbanden_for(self.actor)
            .filter(slug=data["samenwerkingsverband"])
            .first()
        )
        if sv is None:
            raise NotFound("Dit samenwerkingsverband bestaat niet (of is niet zichtbaar voor u).")
        gemeente = gemeente_selectors.gemeente_by_cbs_code(self.actor, data["gemeente"])
        if gemeente is None:
            raise InvalidInput(fields={"gemeente": [f"Er is geen gemeente met CBS-code {data['gemeente']}."]})
        model = None
        if data["verdeelmodel"] is not None:
            model = selectors.verdeelmodellen_for(self.actor).filter(pk=data["verdeelmodel"]).first()
            if model is None:
                raise InvalidInput(
                    fields={"verdeelmodel": ["Dit verdeelmodel bestaat niet (of is niet zichtbaar)."]}
                )
        scenario = mutaties.draft_member_scenario(
            actor=self.actor,
            samenwerkingsverband=sv,
            soort=data["soort"],
            gemeente=gemeente,
            datum=data["datum"],
            jaar=data["jaar"],
            verdeelmodel=model,
            inbreng=data["inbreng"],
            percentage=data["percentage"],
            overige_frictiekosten=[dict(p) for p in data["overige_frictiekosten"]],
            omschrijving=data["omschrijving"],
        )
        return self.respond(scenario, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Opnieuw berekenen met de actuele cijfers van het jaar (controller; If-Match)",
        request=None,
        responses={200: DeelnemersscenarioSerializer},
    )
    @action(detail=True, methods=["post"])
    def berekenen(self, request: Request, pk: str | None = None) -> Response:
        scenario = mutaties.recalculate_member_scenario(
            actor=self.actor, scenario=self.get_object(), expected_version=expected_version(request)
        )
        return self.respond(scenario)


@extend_schema_view(
    list=extend_schema(summary="Uittredingsregels: frictiekosten zoals de regeling ze vaststelt"),
    retrieve=extend_schema(summary="Eén uittredingsregel"),
    create=extend_schema(
        summary="Uittredingsregel vastleggen of wijzigen (AB/DB)",
        request=UittredingsregelInvoerSerializer,
        responses={201: UittredingsregelSerializer},
    ),
)
class UittredingsregelViewSet(
    ActorMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Uittredingsregel],
):
    serializer_class = UittredingsregelSerializer

    def get_queryset(self) -> QuerySet[Uittredingsregel]:
        return mutaties.uittredingsregels_for(self.actor).order_by("samenwerkingsverband__naam", "id")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self.validated(UittredingsregelInvoerSerializer)
        sv = (
            sv_selectors.samenwerkingsverbanden_for(self.actor)
            .filter(slug=data.pop("samenwerkingsverband"))
            .first()
        )
        if sv is None:
            raise NotFound("Dit samenwerkingsverband bestaat niet (of is niet zichtbaar voor u).")
        regel = mutaties.set_exit_rule(
            actor=self.actor,
            samenwerkingsverband=sv,
            expected_version=optional_version(request),
            version_required=True,
            **data,
        )
        return self.respond(regel, status=status.HTTP_201_CREATED)


def register(router: DefaultRouter) -> None:
    router.register("deelnemersscenarios", DeelnemersscenarioViewSet, basename="deelnemersscenario")
    router.register("uittredingsregels", UittredingsregelViewSet, basename="uittredingsregel")
