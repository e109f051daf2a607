"""API of harmonisation proposals: ``/harmonisatievoorstellen`` and ``/voorstelpartijen`` (registered by ``api.register``)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from seta.api.concurrency import expected_version, with_etag
from seta.api.filters import IdFilter
from seta.api.renderers import CamelCaseJSONRenderer
from seta.api.views import ActorMixin
from seta.autorisaties import policy
from seta.catalogus import selectors as catalogus_selectors
from seta.core.errors import InvalidInput
from seta.gemeenten import selectors as gemeente_selectors
from seta.harmonisatie import lifecycle, services
from seta.harmonisatie import selectors_voorstel as voorstel_selectors
from seta.harmonisatie.models import Harmonisatievoorstel, Voorstelpartij
from seta.harmonisatie.serializers_voorstel import (
    HarmonisatievoorstelDetailSerializer,
    HarmonisatievoorstelInvoerSerializer,
    HarmonisatievoorstelSerializer,
    HarmonisatievoorstelWijzigSerializer,
    VoorstelAgenderenInvoerSerializer,
    VoorstelbesluitInvoerSerializer,
    VoorstelgebeurtenisSerializer,
    VoorstelLeegInvoerSerializer,
    VoorstelpartijSerializer,
)
from seta.opdrachten import selectors as opdrachten_selectors
from seta.samenwerkingsverbanden import selectors as sv_selectors

# --- voorstellen (harmonisation proposals; issue 13, helper h-voorstel) --------------------------------------------

STALE = OpenApiResponse(description="Verouderde versie: het voorstel is intussen gewijzigd (If-Match).")
CONFLICT = OpenApiResponse(description="De handeling past niet bij de huidige status van het voorstel.")
LEES = "harmonisatievoorstel.lezen"


def _opdracht(actor: Any, pk: int | None, veld: str, fouten: dict[str, list[str]]) -> Any:
    if pk is None:
        return None
    o = opdrachten_selectors.bestuursopdrachten_for(actor).filter(pk=pk).first()
    if o is None:
        fouten.setdefault(veld, []).append(
            "Een van de opdrachten bestaat niet of u heeft er geen toegang toe."
        )
    return o


def _invoer_objecten(actor: Any, data: dict[str, Any]) -> dict[str, Any]:
    """Ids of the body to records the actor may read; every unknown id is named (400)."""
    fouten: dict[str, list[str]] = {}
    uit: dict[str, Any] = {}
    if "catalogusitem" in data:
        pk = data["catalogusitem"]
        item = catalogus_selectors.catalogusitems_for(actor).filter(pk=pk).first() if pk is not None else None
        if pk is not None and item is None:
            fouten["catalogusitem"] = ["Dit catalogusitem bestaat niet."]
        uit["catalogusitem"] = item
    if "leidende_opdracht" in data:
        uit["leidende_opdracht"] = _opdracht(actor, data["leidende_opdracht"], "leidende_opdracht", fouten)
    if "opdrachten" in data:
        uit["opdrachten"] = [_opdracht(actor, pk, "opdrachten", fouten) for pk in data["opdrachten"]]
    if "partijen" in data:
        gemeenten = gemeente_selectors.gemeenten_for(actor)
        partijen = []
        for p in data["partijen"]:
            g = gemeenten.filter(pk=p["gemeente"]).first()
            if g is None:
                fouten.setdefault("partijen", []).append("Een van de gemeenten bestaat niet.")
                continue
            pf = g.portefeuilles.filter(pk=p["portefeuille"]).first() if p.get("portefeuille") else None
            if p.get("portefeuille") and pf is None:
                fouten.setdefault("partijen", []).append(f"Deze portefeuille is niet van {g}.")
            bron = _opdracht(actor, p.get("bron_opdracht"), "partijen", fouten)
            partijen.append(services.PartijInvoer(gemeente=g, portefeuille=pf, bron_opdracht=bron))
        uit["partijen"] = partijen
    if fouten:
        raise InvalidInput(fields=fouten)
    return uit


class VoorstelFilter(django_filters.FilterSet):
    samenwerkingsverband = IdFilter(field_name="samenwerkingsverband_id")
    status = django_filters.ChoiceFilter(choices=list(lifecycle.STATUS_LABELS.items()))

    class Meta:
        model = Harmonisatievoorstel
        fields = ["samenwerkingsverband", "status"]


@extend_schema_view(
    list=extend_schema(
        summary="Harmonisatievoorstellen die u mag zien (de werkorganisatie: alle; een college: verzonden aan haar)"
    ),
    retrieve=extend_schema(
        summary="Eén harmonisatievoorstel met de opdrachten, de partijen en de raming per optie (ETag)",
        responses=HarmonisatievoorstelDetailSerializer,
    ),
    create=extend_schema(
        summary="Een harmonisatievoorstel opstellen (directeur of teamleider van de werkorganisatie)",
        request=HarmonisatievoorstelInvoerSerializer,
        responses={201: HarmonisatievoorstelDetailSerializer},
    ),
    partial_update=extend_schema(
        summary="Een concept bewerken (If-Match)",
        request=HarmonisatievoorstelWijzigSerializer,
        responses={200: HarmonisatievoorstelDetailSerializer, 409: CONFLICT, 412: STALE},
    ),
)
class HarmonisatievoorstelViewSet(
    ActorMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Harmonisatievoorstel],
):
    serializer_class = HarmonisatievoorstelSerializer
    filterset_class = VoorstelFilter
    renderer_classes = [CamelCaseJSONRenderer]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Harmonisatievoorstel]:
        return voorstel_selectors.voorstellen_for(self.actor).order_by("-aangemaakt_op", "-id")

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.respond(self.get_object(), HarmonisatievoorstelDetailSerializer)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self.validated(HarmonisatievoorstelInvoerSerializer)
        sv = (
            sv_selectors.samenwerkingsverbanden_for(self.actor)
            .filter(pk=data["samenwerkingsverband"])
            .first()
        )
        if sv is None:
            raise InvalidInput(fields={"samenwerkingsverband": ["Dit samenwerkingsverband bestaat niet."]})
        policy.require(self.actor, "harmonisatievoorstel.opstellen", sv)
        objecten = _invoer_objecten(self.actor, data)
        voorstel = services.opstellen(
            actor=self.actor,
            samenwerkingsverband=sv,
            onderwerp=data["onderwerp"],
            toelichting=data["toelichting"],
            vorm=data["vorm"],
            uiterlijk=data.get("uiterlijk"),
            **objecten,
        )
        return self.respond(voorstel, HarmonisatievoorstelDetailSerializer, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        voorstel = self.get_object()
        policy.require(self.actor, f"harmonisatievoorstel.{lifecycle.WIJZIGEN}", voorstel, read_action=LEES)
        data = self.validated(HarmonisatievoorstelWijzigSerializer, partial=True)
        data.pop("versie", None)
        wijzigingen = {k: v for k, v in data.items() if k not in ("catalogusitem", "leidende_opdracht")}
        wijzigingen.update(_invoer_objecten(self.actor, data))
        voorstel = services.wijzigen(
            actor=self.actor, voorstel=voorstel, expected_version=expected_version(request), **wijzigingen
        )
        return self.respond(
            voorstel_selectors.voorstel_for(self.actor, voorstel.pk), HarmonisatievoorstelDetailSerializer
        )

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:  # PUT is not offered
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(
        summary="Geschiedenis: elke handeling en elk besluit van een college, nieuwste eerst",
        responses=VoorstelgebeurtenisSerializer(many=True),
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def geschiedenis(self, request: Request, pk: str | None = None) -> Response:
        voorstel = self.get_object()
        return Response(
            VoorstelgebeurtenisSerializer(
                voorstel_selectors.geschiedenis(self.actor, voorstel), many=True
            ).data
        )

    @extend_schema(
        summary="Verzenden aan de colleges: legt de raming per optie vast (If-Match)",
        request=VoorstelLeegInvoerSerializer,
        responses={200: HarmonisatievoorstelDetailSerializer, 409: CONFLICT, 412: STALE},
    )
    @action(detail=True, methods=["post"])
    def verzenden(self, request: Request, pk: str | None = None) -> Response:
        voorstel = self.get_object()
        policy.require(self.actor, f"harmonisatievoorstel.{lifecycle.VERZENDEN}", voorstel, read_action=LEES)
        self.validated(VoorstelLeegInvoerSerializer)
        voorstel = services.verzenden(
            actor=self.actor, voorstel=voorstel, expected_version=expected_version(request)
        )
        return self.respond(
            voorstel_selectors.voorstel_for(self.actor, voorstel.pk), HarmonisatievoorstelDetailSerializer
        )

    @extend_schema(
        summary="Agenderen in een gezamenlijk portefeuillehoudersoverleg (If-Match)",
        request=VoorstelAgenderenInvoerSerializer,
        responses={200: HarmonisatievoorstelDetailSerializer, 409: CONFLICT, 412: STALE},
    )
    @action(detail=True, methods=["post"])
    def agenderen(self, request: Request, pk: str | None = None) -> Response:
        voorstel = self.get_object()
        policy.require(self.actor, f"harmonisatievoorstel.{lifecycle.AGENDEREN}", voorstel, read_action=LEES)
        data = self.validated(VoorstelAgenderenInvoerSerializer)
        overleg = opdrachten_selectors.overleggen_for(self.actor).filter(pk=data["overleg"]).first()
        if overleg is None:
            raise InvalidInput(
                fields={"overleg": ["Dit overleg bestaat niet of u heeft er geen toegang toe."]}
            )
        services.agenderen(
            actor=self.actor, voorstel=voorstel, overleg=overleg, expected_version=expected_version(request)
        )
        return self.respond(
            voorstel_selectors.voorstel_for(self.actor, voorstel.pk), HarmonisatievoorstelDetailSerializer
        )

    @extend_schema(
        summary="Intrekken (If-Match)",
        request=VoorstelLeegInvoerSerializer,
        responses={200: HarmonisatievoorstelDetailSerializer, 409: CONFLICT, 412: STALE},
    )
    @action(detail=True, methods=["post"])
    def intrekken(self, request: Request, pk: str | None = None) -> Response:
        voorstel = self.get_object()
        policy.require(self.actor, f"harmonisatievoorstel.{lifecycle.INTREKKEN}", voorstel, read_action=LEES)
        self.validated(VoorstelLeegInvoerSerializer)
        voorstel = services.intrekken(
            actor=self.actor, voorstel=voorstel, expected_version=expected_version(request)
        )
        return self.respond(
            voorstel_selectors.voorstel_for(self.actor, voorstel.pk), HarmonisatievoorstelDetailSerializer
        )


@extend_schema_view(
    retrieve=extend_schema(
        summary="Eén partij bij een harmonisatievoorstel: het besluit van haar college (ETag: de versie van het "
        "voorstel)",
        responses=VoorstelpartijSerializer,
    ),
)
class VoorstelpartijViewSet(ActorMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Voorstelpartij]):
    serializer_class = VoorstelpartijSerializer
    renderer_classes = [CamelCaseJSONRenderer]
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self) -> QuerySet[Voorstelpartij]:
        return Voorstelpartij.objects.filter(voorstel__in=voorstel_selectors.voorstellen_for(self.actor))

    def get_object(self) -> Voorstelpartij:
        return voorstel_selectors.partij_for(self.actor, self.kwargs.get("pk"))

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        partij = self.get_object()
        data = VoorstelpartijSerializer(partij, context=self.get_serializer_context()).data
        return with_etag(Response(data), partij.voorstel)

    def _besluit(self, request: Request, actie: str) -> Response:
        partij = self.get_object()
        policy.require(self.actor, f"voorstelpartij.{actie}", partij, read_action="voorstelpartij.lezen")
        data = self.validated(VoorstelbesluitInvoerSerializer)
        functie = services.aanvaarden if actie == lifecycle.AANVAARDEN else services.afwijzen
        partij = functie(
            actor=self.actor,
            partij=partij,
            toelichting=data.get("toelichting", ""),
            expected_version=expected_version(request),
        )
        voorstel = voorstel_selectors.voorstel_for(self.actor, partij.voorstel_id)
        return self.respond(voorstel, HarmonisatievoorstelDetailSerializer)

    @extend_schema(
        summary="Aanvaarden namens het college (burgemeester of de wethouder van de portefeuille; If-Match: de versie "
        "van het voorstel)",
        request=VoorstelbesluitInvoerSerializer,
        responses={200: HarmonisatievoorstelDetailSerializer, 409: CONFLICT, 412: STALE},
    )
    @action(detail=True, methods=["post"])
    def aanvaarden(self, request: Request, pk: str | None = None) -> Response:
        return self._besluit(request, lifecycle.AANVAARDEN)

    @extend_schema(
        summary="Afwijzen namens het college: zonder reden mogelijk, kost niets (If-Match: de versie van het voorstel)",
        request=VoorstelbesluitInvoerSerializer,
        responses={200: HarmonisatievoorstelDetailSerializer, 409: CONFLICT, 412: STALE},
    )
    @action(detail=True, methods=["post"])
    def afwijzen(self, request: Request, pk: str | None = None) -> Response:
        return self._besluit(request, lifecycle.AFWIJZEN)


def register_voorstellen(router: BaseRouter) -> None:
    router.register("harmonisatievoorstellen", HarmonisatievoorstelViewSet, basename="harmonisatievoorstel")
    router.register("voorstelpartijen", VoorstelpartijViewSet, basename="voorstelpartij")


# --- end voorstellen -------------------------------------------------------------------------------------------------
