"""API: /api/v1/begrotingen (+ opzetten, gereedheid, vaststellen), /tarieven, /verdeelmodellen (+ berekenen,
vaststellen, nieuwe-versie), /scenarios (+ vergelijking, exports via ?formaat=xlsx|csv|json, berekenen),
/afwijkingsdrempels, /afrekeningen; the advances are in ``voorschotten_api``, the join/leave scenarios in
``mutaties_api``."""

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

from seta.api.concurrency import expected_version, optional_version
from seta.api.filters import JaarFilter
from seta.api.parsers import PlainJSONParser
from seta.api.views import ActorMixin
from seta.autorisaties.actor import Actor
from seta.core.bounds import JAAR_MAX, JAAR_MIN, parse_jaar
from seta.core.errors import InvalidInput, NotFound
from seta.financien import exports, jaar, selectors, services
from seta.financien.models import (
    Afrekening,
    Afwijkingsdrempel,
    Begroting,
    Scenario,
    Tarief,
    Verdeelmodel,
)
from seta.financien.serializers import (
    AfrekeningInvoerSerializer,
    AfrekeningSerializer,
    AfwijkingsdrempelSerializer,
    BegrotingInvoerSerializer,
    BegrotingSerializer,
    BerekeningSerializer,
    DrempelInvoerSerializer,
    GereedheidSerializer,
    JaarOpzettenSerializer,
    ScenarioInvoerSerializer,
    ScenarioSerializer,
    ScenarioWijzigSerializer,
    TariefInvoerSerializer,
    TariefSerializer,
    VaststellenSerializer,
    VerdeelmodelInvoerSerializer,
    VerdeelmodelSerializer,
    VerdeelmodelWijzigSerializer,
)
from seta.gemeenten import selectors as gemeente_selectors
from seta.organisatie import selectors as organisatie_selectors
from seta.samenwerkingsverbanden import selectors as sv_selectors
from seta.samenwerkingsverbanden.besluiten import BesluitInvoer
from seta.samenwerkingsverbanden.models import Samenwerkingsverband

FORMATEN = ("xlsx", "csv", "json")
JAAR = OpenApiParameter(
    "jaar",
    {"type": "integer", "minimum": JAAR_MIN, "maximum": JAAR_MAX},
    required=True,
    description="Het jaar, bijvoorbeeld 2025.",
)
GRONDSLAG = OpenApiParameter(
    "grondslag",
    OpenApiTypes.STR,
    enum=["realisatie", "raming"],
    description="Overschrijft de grondslag van elk gebruiksonderdeel.",
)
FORMAAT = OpenApiParameter(
    "formaat", OpenApiTypes.STR, enum=list(FORMATEN), description="Download als XLSX, CSV of JSON."
)

_BEDRAGEN = {
    "type": "object",
    "additionalProperties": {"type": "string"},
    "description": "Per model (label).",
}
#: What ``exports.to_json`` writes: the comparison as a file (``?formaat=json``) and ``/vergelijking``.
VERGELIJKING: dict[str, Any] = {
    "type": "object",
    "required": ["jaar", "referentiemodel", "modellen", "gemeenten", "totalen", "waarschuwingen"],
    "properties": {
        "jaar": {"type": "integer"},
        "referentiemodel": {"type": "string", "description": "Label van het referentiemodel."},
        "modellen": {"type": "array", "items": {"type": "string"}},
        "gemeenten": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "gemeente": {"type": "string"},
                    "naam": {"type": "string"},
                    "bedragen": _BEDRAGEN,
                    "verschil": _BEDRAGEN,
                    "verschilProcent": {
                        "type": "object",
                        "additionalProperties": {"type": "string", "nullable": True},
                    },
                },
            },
        },
        "totalen": _BEDRAGEN,
        "waarschuwingen": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
}
#: ``?formaat=``: the comparison as XLSX, CSV or JSON instead of the record.
DOWNLOADS = {
    (200, exports.MIME["xlsx"]): OpenApiTypes.BINARY,
    (200, "text/csv"): OpenApiTypes.STR,
}


def _sv(actor: Actor, slug: str) -> Samenwerkingsverband:
    sv = sv_selectors.samenwerkingsverbanden_for(actor).filter(slug=slug).first()
    if sv is None:
        raise NotFound("Dit samenwerkingsverband bestaat niet (of is niet zichtbaar voor u).")
    return sv


def _jaar(request: Request) -> int:
    jaar = parse_jaar(request.query_params.get("jaar", ""))
    if jaar is None:
        raise InvalidInput(fields={"jaar": ["Geef het jaar op, bijvoorbeeld ?jaar=2025."]})
    return jaar


def _grondslag(request: Request) -> str:
    value = request.query_params.get("grondslag", "")
    if value not in ("", "realisatie", "raming"):
        raise InvalidInput(fields={"grondslag": ["Kies realisatie of raming."]})
    return value


class SvJaarFilter(django_filters.FilterSet):
    samenwerkingsverband = django_filters.CharFilter(
        field_name="samenwerkingsverband__slug", label="Slug, bijv. bel."
    )
    jaar = JaarFilter()


class BegrotingFilter(SvJaarFilter):
    class Meta:
        model = Begroting
        fields = ["samenwerkingsverband", "jaar"]


class TariefFilter(SvJaarFilter):
    class Meta:
        model = Tarief
        fields = ["samenwerkingsverband", "jaar"]


class AfrekeningFilter(SvJaarFilter):
    class Meta:
        model = Afrekening
        fields = ["samenwerkingsverband", "jaar"]


class ScenarioFilter(SvJaarFilter):
    class Meta:
        model = Scenario
        fields = ["samenwerkingsverband", "jaar"]


class VerdeelmodelFilter(django_filters.FilterSet):
    samenwerkingsverband = django_filters.CharFilter(
        field_name="samenwerkingsverband__slug", label="Slug, bijv. bel."
    )
    status = django_filters.CharFilter()
    naam = django_filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = Verdeelmodel
        fields = ["samenwerkingsverband", "status", "naam"]


@extend_schema_view(
    list=extend_schema(
        summary="Begrotingen per samenwerkingsverband en jaar (deelnemers zien elkaars cijfers)"
    ),
    retrieve=extend_schema(summary="Eén begroting met de bijdragen van de deelnemers"),
    create=extend_schema(
        summary="Begroting vastleggen of bijwerken (controller of directeur)",
        request=BegrotingInvoerSerializer,
        responses={201: BegrotingSerializer},
    ),
)
class BegrotingViewSet(
    ActorMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Begroting],
):
    serializer_class = BegrotingSerializer
    filterset_class = BegrotingFilter

    def get_queryset(self) -> QuerySet[Begroting]:
        return (
            selectors.begrotingen_for(self.actor)
            .select_related("bestuursbesluit__vastgelegd_door")
            .prefetch_related("bijdragen__gemeente")
            .order_by("samenwerkingsverband__naam", "-jaar", "id")
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        obj = self.get_object()
        return self.respond(obj)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self.validated(BegrotingInvoerSerializer)
        sv = _sv(self.actor, data.pop("samenwerkingsverband"))
        bijdragen = []
        fouten: dict[str, list[str]] = {}
        for i, b in enumerate(data.pop("bijdragen", [])):
            gemeente = (
                gemeente_selectors.gemeenten_for(self.actor).filter(cbs_code__iexact=b["gemeente"]).first()
            )
            if gemeente is None:
                fouten[f"bijdragen[{i}].gemeente"] = [f"'{b['gemeente']}' is geen bekende CBS-code."]
                continue
            bijdragen.append(
                services.Bijdrageinvoer(
                    gemeente, b.get("inbreng"), b.get("voorschot"), b.get("vorige_bijdrage")
                )
            )
        if fouten:
            raise InvalidInput(fields=fouten)
        begroting = services.save_budget(
            actor=self.actor,
            samenwerkingsverband=sv,
            bijdragen=bijdragen,
            expected_version=optional_version(request),
            version_required=True,
            **data,
        )
        begroting = self.get_queryset().get(pk=begroting.pk)
        return self.respond(begroting, BegrotingSerializer, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Begroting vaststellen (het bevoegde bestuursorgaan, standaard het AB; If-Match en besluit)",
        request=VaststellenSerializer,
        responses={200: BegrotingSerializer, 409: None, 412: None},
    )
    @action(detail=True, methods=["post"])
    def vaststellen(self, request: Request, pk: str | None = None) -> Response:
        obj = self.get_object()
        invoer = self.validated(VaststellenSerializer)
        begroting = jaar.adopt_budget(
            actor=self.actor,
            begroting=obj,
            besluit=BesluitInvoer.uit(invoer["besluit"]),
            expected_version=expected_version(request),
        )
        return self.respond(self.get_queryset().get(pk=begroting.pk), BegrotingSerializer)

    @extend_schema(
        summary="Nieuw jaar opzetten: begroting, bijdragen en tarieven van een vorig jaar, geïndexeerd, als concept (controller of directeur)",
        request=JaarOpzettenSerializer,
        responses={201: BegrotingSerializer, 409: None},
    )
    @action(detail=False, methods=["post"])
    def opzetten(self, request: Request) -> Response:
        data = self.validated(JaarOpzettenSerializer)
        sv = _sv(self.actor, data.pop("samenwerkingsverband"))
        begroting = jaar.prepare_year(actor=self.actor, samenwerkingsverband=sv, **data)
        return self.respond(
            self.get_queryset().get(pk=begroting.pk), BegrotingSerializer, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="Wat ontbreekt er nog om een jaar te berekenen (begroting, vaststelling, tarieven per eenheid en schaal, verdeelmodel)",
        parameters=[
            OpenApiParameter(
                "samenwerkingsverband", OpenApiTypes.STR, required=True, description="Slug, bijv. bel."
            ),
            JAAR,
        ],
        responses={200: GereedheidSerializer},
    )
    @action(detail=False, methods=["get"])
    def gereedheid(self, request: Request) -> Response:
        slug = request.query_params.get("samenwerkingsverband", "")
        j = parse_jaar(request.query_params.get("jaar", ""))
        fouten: dict[str, list[str]] = {}
        if j is None:
            fouten["jaar"] = ["Geef het jaar op, bijvoorbeeld ?jaar=2026."]
        if not slug:
            fouten["samenwerkingsverband"] = [
                "Geef het samenwerkingsverband op, bijv. ?samenwerkingsverband=bel."
            ]
        if fouten or j is None:
            raise InvalidInput(fields=fouten)
        sv = _sv(self.actor, slug)
        punten = jaar.readiness(self.actor, sv, j)
        body = {
            "samenwerkingsverband": sv.slug,
            "jaar": j,
            "gereed": all(p.ok for p in punten),
            "punten": [{"code": p.code, "ok": p.ok, "tekst": p.tekst} for p in punten],
        }
        return Response(GereedheidSerializer(body).data)


@extend_schema_view(
    list=extend_schema(summary="Integrale uurtarieven per jaar: per eenheid, per salarisschaal of standaard"),
    retrieve=extend_schema(summary="Eén tarief"),
    create=extend_schema(
        summary="Tarief vastleggen (controller of directeur)",
        request=TariefInvoerSerializer,
        responses={201: TariefSerializer},
    ),
    destroy=extend_schema(summary="Tarief verwijderen (controller of directeur)"),
)
class TariefViewSet(
    ActorMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet[Tarief],
):
    serializer_class = TariefSerializer
    filterset_class = TariefFilter

    def get_queryset(self) -> QuerySet[Tarief]:
        return selectors.tarieven_for(self.actor).order_by(
            "samenwerkingsverband__naam", "-jaar", "eenheid__naam", "schaal", "id"
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self.validated(TariefInvoerSerializer)
        sv = _sv(self.actor, data.pop("samenwerkingsverband"))
        code = data.pop("eenheid", "")
        eenheid = None
        if code:
            eenheid = (
                organisatie_selectors.eenheden_for(self.actor)
                .filter(samenwerkingsverband=sv, code=code)
                .first()
            )
            if eenheid is None:
                raise InvalidInput(fields={"eenheid": [f"Eenheid '{code}' bestaat niet in {sv}."]})
        tarief = services.set_tariff(actor=self.actor, samenwerkingsverband=sv, eenheid=eenheid, **data)
        return self.respond(tarief, TariefSerializer, status=status.HTTP_201_CREATED)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        services.delete_tariff(
            actor=self.actor, tarief=self.get_object(), expected_version=expected_version(request)
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(summary="Verdeelmodellen (alle versies)"),
    retrieve=extend_schema(summary="Eén versie van een verdeelmodel"),
    create=extend_schema(
        summary="Verdeelmodel opstellen (controller; versie 1, concept)",
        request=VerdeelmodelInvoerSerializer,
        responses={201: VerdeelmodelSerializer},
    ),
    partial_update=extend_schema(
        summary="Concept wijzigen (controller; If-Match). Een vastgesteld model wijzigt nooit: maak een nieuwe versie.",
        request=VerdeelmodelWijzigSerializer,
        responses={200: VerdeelmodelSerializer, 409: None, 412: None},
    ),
)
class VerdeelmodelViewSet(
    ActorMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Verdeelmodel],
):
    serializer_class = VerdeelmodelSerializer
    filterset_class = VerdeelmodelFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    # Plain JSON: the configuratie is a document of its own (keys like "GM0376" and "standaloneKosten" must
    # arrive untouched, so no camelCase-to-snake_case conversion); the other input fields are single words.
    parser_classes = [PlainJSONParser]

    def get_queryset(self) -> QuerySet[Verdeelmodel]:
        return (
            selectors.verdeelmodellen_for(self.actor)
            .select_related("vastgesteld_door", "bestuursbesluit__vastgelegd_door")
            .order_by("samenwerkingsverband__naam", "naam", "-volgnummer", "id")
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        obj = self.get_object()
        return self.respond(obj)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self.validated(VerdeelmodelInvoerSerializer)
        sv = _sv(self.actor, data.pop("samenwerkingsverband"))
        model = services.draft_model(actor=self.actor, samenwerkingsverband=sv, **data)
        return self.respond(model, VerdeelmodelSerializer, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        invoer = self.validated(VerdeelmodelWijzigSerializer)
        model = services.change_model(
            actor=self.actor,
            verdeelmodel=self.get_object(),
            expected_version=expected_version(request),
            **invoer,
        )
        return self.respond(model, VerdeelmodelSerializer)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(
        summary="Vaststellen (het bevoegde bestuursorgaan, standaard het AB; If-Match en besluit)",
        request=VaststellenSerializer,
        responses={200: VerdeelmodelSerializer, 409: None, 412: None},
    )
    @action(detail=True, methods=["post"])
    def vaststellen(self, request: Request, pk: str | None = None) -> Response:
        obj = self.get_object()
        invoer = self.validated(VaststellenSerializer)
        model = services.adopt_model(
            actor=self.actor,
            verdeelmodel=obj,
            besluit=BesluitInvoer.uit(invoer["besluit"]),
            expected_version=expected_version(request),
        )
        return self.respond(model, VerdeelmodelSerializer)

    @extend_schema(
        summary="Nieuwe versie (concept) maken van dit model (controller)",
        request=None,
        responses={201: VerdeelmodelSerializer},
    )
    @action(detail=True, methods=["post"], url_path="nieuwe-versie")
    def nieuwe_versie(self, request: Request, pk: str | None = None) -> Response:
        model = services.new_version(actor=self.actor, verdeelmodel=self.get_object())
        return self.respond(model, VerdeelmodelSerializer, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Verdeling van een jaar uitrekenen uit de database (GET: alleen tonen; POST: ook bewaren, controller)",
        parameters=[JAAR, GRONDSLAG],
        request=None,
        responses={200: OpenApiTypes.OBJECT, 201: BerekeningSerializer},
    )
    @action(detail=True, methods=["get", "post"])
    def berekenen(self, request: Request, pk: str | None = None) -> Response:
        model = self.get_object()
        jaar, grondslag = _jaar(request), _grondslag(request)
        if request.method == "POST":
            record = services.store_calculation(
                actor=self.actor, verdeelmodel=model, jaar=jaar, grondslag=grondslag
            )
            return Response(BerekeningSerializer(record).data, status=status.HTTP_201_CREATED)
        uitkomst = selectors.allocation(self.actor, model, jaar, grondslag)
        return Response({"invoer": uitkomst.document, "resultaat": uitkomst.to_json()})


def _download(tabel: selectors.Vergelijkingstabel, formaat: str, scenario: Scenario) -> HttpResponse:
    inhoud, mime = exports.export(tabel, formaat, titel=f"{scenario.naam} ({scenario.samenwerkingsverband})")
    response = HttpResponse(inhoud, content_type=mime)
    response["Content-Disposition"] = (
        f'attachment; filename="scenario-{scenario.pk}-{scenario.jaar}.{formaat}"'
    )
    return response


@extend_schema_view(
    list=extend_schema(summary="Scenario's: verdeelmodellen naast elkaar voor één jaar"),
    retrieve=extend_schema(
        summary="Eén scenario (met ?formaat=xlsx|csv|json: de vergelijking als bestand)",
        parameters=[FORMAAT],
        responses={
            (200, "application/json"): {
                "anyOf": [{"$ref": "#/components/schemas/Scenario"}, VERGELIJKING],
                "description": "Het scenario; met ?formaat=json de vergelijking.",
            },
            **DOWNLOADS,
        },
    ),
    create=extend_schema(
        summary="Scenario opstellen (controller)",
        request=ScenarioInvoerSerializer,
        responses={201: ScenarioSerializer},
    ),
    partial_update=extend_schema(
        summary="Scenario wijzigen (controller; If-Match)",
        request=ScenarioWijzigSerializer,
        responses={200: ScenarioSerializer, 412: None},
    ),
)
class ScenarioViewSet(
    ActorMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Scenario],
):
    serializer_class = ScenarioSerializer
    filterset_class = ScenarioFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Scenario]:
        return (
            selectors.scenarios_for(self.actor)
            .prefetch_related("verdeelmodellen")
            .order_by("samenwerkingsverband__naam", "-jaar", "naam", "id")
        )

    def _models(self, ids: list[int] | None, veld: str = "verdeelmodellen") -> list[Verdeelmodel]:
        if ids is None:
            return []
        modellen = list(selectors.verdeelmodellen_for(self.actor).filter(pk__in=ids))
        if len(modellen) != len(set(ids)):
            raise InvalidInput(
                fields={veld: ["Een of meer verdeelmodellen bestaan niet (of zijn niet zichtbaar voor u)."]}
            )
        return sorted(modellen, key=lambda m: ids.index(m.pk))

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response | HttpResponse:  # type: ignore[override]
        scenario = self.get_object()
        formaat = request.query_params.get("formaat")
        if formaat:
            if formaat not in FORMATEN:
                raise InvalidInput(fields={"formaat": ["Kies xlsx, csv of json."]})
            return _download(selectors.comparison(self.actor, scenario), formaat, scenario)
        return self.respond(scenario)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self.validated(ScenarioInvoerSerializer)
        sv = _sv(self.actor, data.pop("samenwerkingsverband"))
        modellen = self._models(data.pop("verdeelmodellen"))
        ref_id = data.pop("referentiemodel")
        referentie = self._models([ref_id], "referentiemodel")[0] if ref_id else None
        scenario = services.create_scenario(
            actor=self.actor,
            samenwerkingsverband=sv,
            verdeelmodellen=modellen,
            referentiemodel=referentie,
            **data,
        )
        return self.respond(scenario, ScenarioSerializer, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        scenario = self.get_object()
        data = self.validated(ScenarioWijzigSerializer)
        if "verdeelmodellen" in data:
            data["verdeelmodellen"] = self._models(data["verdeelmodellen"])
        if "referentiemodel" in data:
            data["referentiemodel"] = (
                self._models([data["referentiemodel"]], "referentiemodel")[0]
                if data["referentiemodel"]
                else None
            )
        scenario = services.change_scenario(
            actor=self.actor, scenario=scenario, expected_version=expected_version(request), **data
        )
        return self.respond(scenario, ScenarioSerializer)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(
        summary="De vergelijking per gemeente: bedragen per model, verschil in euro en procent (?formaat=xlsx|csv|json: als bestand)",
        parameters=[FORMAAT],
        responses={(200, "application/json"): VERGELIJKING, **DOWNLOADS},
    )
    @action(detail=True, methods=["get"])
    def vergelijking(self, request: Request, pk: str | None = None) -> Response | HttpResponse:
        scenario = self.get_object()
        tabel = selectors.comparison(self.actor, scenario)
        formaat = request.query_params.get("formaat", "")
        if formaat:
            if formaat not in FORMATEN:
                raise InvalidInput(fields={"formaat": ["Kies xlsx, csv of json."]})
            return _download(tabel, formaat, scenario)
        import json

        return Response(json.loads(exports.to_json(tabel)))

    @extend_schema(
        summary="Vergelijking uitrekenen en bij het scenario bewaren (controller)",
        request=None,
        responses={200: ScenarioSerializer},
    )
    @action(detail=True, methods=["post"])
    def berekenen(self, request: Request, pk: str | None = None) -> Response:
        scenario = services.calculate_scenario(
            actor=self.actor, scenario=self.get_object(), expected_version=expected_version(request)
        )
        return self.respond(scenario, ScenarioSerializer)


@extend_schema_view(
    list=extend_schema(summary="Drempels van het afwijkingssignaal (door het bestuur vastgesteld)"),
    retrieve=extend_schema(summary="Eén drempel"),
    create=extend_schema(
        summary="Drempel vaststellen (het bevoegde bestuursorgaan, standaard het DB; met besluit)",
        request=DrempelInvoerSerializer,
        responses={201: AfwijkingsdrempelSerializer},
    ),
)
class AfwijkingsdrempelViewSet(
    ActorMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Afwijkingsdrempel],
):
    serializer_class = AfwijkingsdrempelSerializer

    def get_queryset(self) -> QuerySet[Afwijkingsdrempel]:
        return (
            selectors.drempels_for(self.actor)
            .select_related("samenwerkingsverband", "vastgesteld_door", "bestuursbesluit__vastgelegd_door")
            .order_by("samenwerkingsverband__naam", "-vanaf_jaar", "id")
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self.validated(DrempelInvoerSerializer)
        sv = _sv(self.actor, data.pop("samenwerkingsverband"))
        besluit = BesluitInvoer.uit(data.pop("besluit"))
        drempel = services.set_threshold(actor=self.actor, samenwerkingsverband=sv, besluit=besluit, **data)
        return self.respond(drempel, AfwijkingsdrempelSerializer, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(
        summary="Afrekeningen: voorschot tegen realisatie per deelnemer, met afwijkingssignalen"
    ),
    retrieve=extend_schema(summary="Eén afrekening"),
    create=extend_schema(
        summary="Jaarafrekening maken of opnieuw berekenen (controller; zolang concept)",
        request=AfrekeningInvoerSerializer,
        responses={201: AfrekeningSerializer, 409: None},
    ),
)
class AfrekeningViewSet(
    ActorMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Afrekening],
):
    serializer_class = AfrekeningSerializer
    filterset_class = AfrekeningFilter

    def get_queryset(self) -> QuerySet[Afrekening]:
        return (
            selectors.afrekeningen_for(self.actor)
            .select_related("bestuursbesluit__vastgelegd_door", "drempel__bestuursbesluit__vastgelegd_door")
            .prefetch_related("regels__gemeente")
            .order_by("samenwerkingsverband__naam", "-jaar", "id")
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        obj = self.get_object()
        return self.respond(obj)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self.validated(AfrekeningInvoerSerializer)
        sv = _sv(self.actor, data["samenwerkingsverband"])
        model = None
        if data.get("verdeelmodel"):
            model = selectors.verdeelmodellen_for(self.actor).filter(pk=data["verdeelmodel"]).first()
            if model is None:
                raise InvalidInput(
                    fields={"verdeelmodel": ["Dit verdeelmodel bestaat niet (of is niet zichtbaar voor u)."]}
                )
        afrekening = services.settle_year(
            actor=self.actor, samenwerkingsverband=sv, jaar=data["jaar"], verdeelmodel=model
        )
        afrekening = self.get_queryset().get(pk=afrekening.pk)
        return self.respond(afrekening, AfrekeningSerializer, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Afrekening vaststellen (het bevoegde bestuursorgaan, standaard het AB; If-Match en besluit)",
        request=VaststellenSerializer,
        responses={200: AfrekeningSerializer, 409: None, 412: None},
    )
    @action(detail=True, methods=["post"])
    def vaststellen(self, request: Request, pk: str | None = None) -> Response:
        obj = self.get_object()
        invoer = self.validated(VaststellenSerializer)
        afrekening = services.adopt_settlement(
            actor=self.actor,
            afrekening=obj,
            besluit=BesluitInvoer.uit(invoer["besluit"]),
            expected_version=expected_version(request),
        )
        afrekening = self.get_queryset().get(pk=afrekening.pk)
        return self.respond(afrekening, AfrekeningSerializer)


def register(router: DefaultRouter) -> None:
    router.register("begrotingen", BegrotingViewSet, basename="begroting")
    router.register("tarieven", TariefViewSet, basename="tarief")
    router.register("verdeelmodellen", VerdeelmodelViewSet, basename="verdeelmodel")
    router.register("scenarios", ScenarioViewSet, basename="scenario")
    router.register("afwijkingsdrempels", AfwijkingsdrempelViewSet, basename="afwijkingsdrempel")
    router.register("afrekeningen", AfrekeningViewSet, basename="afrekening")
    from seta.financien import mutaties_api, voorschotten_api  # their own modules

    voorschotten_api.register(router)
    mutaties_api.register(router)
