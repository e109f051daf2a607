"""API of the council reports: /raadsrapportages (list, read with the content, create = opstellen, one
``POST …/{id}/<actie>`` per action of the lifecycle table, the PDF, the history), /rapportagecycli (per
cooperation: the cycle with its periods and the Wgr calendar; PUT/PATCH with If-Match) and /abonnementen (one's
own subscriptions: list, create, delete).
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from seta.api.concurrency import expected_version, with_etag
from seta.api.filters import IdFilter, JaarFilter
from seta.api.renderers import CamelCaseJSONRenderer, FileRenderer
from seta.api.views import ActorMixin
from seta.autorisaties import policy
from seta.core.errors import InvalidInput, NotFound
from seta.gemeenten import selectors as gemeente_selectors
from seta.rapportage import lifecycle, selectors, services
from seta.rapportage.models import Abonnement, Raadsrapportage
from seta.rapportage.serializers import (
    INVOER,
    AbonnementInvoerSerializer,
    AbonnementSerializer,
    CyclusInvoerSerializer,
    CyclusParameters,
    RaadsrapportageDetailSerializer,
    RaadsrapportageInvoerSerializer,
    RaadsrapportageSerializer,
    RapportagecyclusSerializer,
    RapportagegebeurtenisSerializer,
)
from seta.samenwerkingsverbanden import selectors as sv_selectors
from seta.samenwerkingsverbanden.models import Samenwerkingsverband

STALE = OpenApiResponse(description="Verouderde versie: het record is intussen gewijzigd (If-Match).")
CONFLICT = OpenApiResponse(
    description="De handeling past niet bij de huidige status (bijv. al aangeboden: corrigeer dan)."
)
LEES = "raadsrapportage.lezen"


class RapportageRenderer(CamelCaseJSONRenderer):
    """camelCase JSON, except the report's content: served as stored, so its hash can be checked."""

    json_underscoreize = {"ignore_fields": ("inhoud",)}


class PdfRenderer(FileRenderer):
    media_type = "application/pdf"
    format = "pdf"


def _sv(actor: Any, pk: int) -> Samenwerkingsverband:
    sv = sv_selectors.samenwerkingsverbanden_for(actor).filter(pk=pk).first()
    if sv is None:
        raise InvalidInput(
            fields={"samenwerkingsverband": ["Dit samenwerkingsverband bestaat niet (of is niet zichtbaar)."]}
        )
    return sv


def _gemeente(actor: Any, pk: int | None) -> Any:
    if pk is None:
        return None
    gemeente = gemeente_selectors.gemeenten_for(actor).filter(pk=pk).first()
    if gemeente is None:
        raise InvalidInput(fields={"gemeente": ["Deze gemeente bestaat niet."]})
    return gemeente


# --- reports ------------------------------------------------------------------------------------------------------
class RapportageFilter(django_filters.FilterSet):
    samenwerkingsverband = IdFilter(field_name="samenwerkingsverband_id")
    gemeente = IdFilter(field_name="gemeente_id")
    gezamenlijk = django_filters.BooleanFilter(field_name="gemeente", lookup_expr="isnull")
    jaar = JaarFilter(field_name="jaar")
    periode = django_filters.CharFilter(field_name="periode", max_length=20)
    status = django_filters.ChoiceFilter(choices=list(lifecycle.STATUS_LABELS.items()))

    class Meta:
        model = Raadsrapportage
        fields = ["samenwerkingsverband", "gemeente", "gezamenlijk", "jaar", "periode", "status"]


@extend_schema_view(
    list=extend_schema(
        summary="Raadsrapportages die u mag zien, alle versies (aangeboden: iedereen; concepten: wie ze opstelt en "
        "het college)"
    ),
    retrieve=extend_schema(
        summary="Eén raadsrapportage met de inhoud en de acties (ETag)",
        responses=RaadsrapportageDetailSerializer,
    ),
    create=extend_schema(
        summary="Een concept-raadsrapportage opstellen voor een periode (directeur of controller)",
        request=RaadsrapportageInvoerSerializer,
        responses={201: RaadsrapportageDetailSerializer, 409: CONFLICT},
    ),
)
class RaadsrapportageViewSet(
    ActorMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Raadsrapportage],
):
    serializer_class = RaadsrapportageSerializer
    filterset_class = RapportageFilter
    renderer_classes = [RapportageRenderer]
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self) -> QuerySet[Raadsrapportage]:
        return selectors.rapportages_for(self.actor).order_by(
            "-jaar", "-eind", "samenwerkingsverband__naam", "gemeente__naam", "-volgnummer", "id"
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.respond(self.get_object(), RaadsrapportageDetailSerializer)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self.validated(RaadsrapportageInvoerSerializer)
        sv = _sv(self.actor, data["samenwerkingsverband"])
        rapportage = services.opstellen(
            actor=self.actor,
            samenwerkingsverband=sv,
            gemeente=_gemeente(self.actor, data.get("gemeente")),
            jaar=data["jaar"],
            periode=data["periode"],
        )
        return self.respond(rapportage, RaadsrapportageDetailSerializer, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="De rapportage als PDF: de vastgelegde PDF van een aangeboden rapportage, van een concept nu gemaakt",
        description="Een aangeboden rapportage: precies de opgeslagen bytes (SHA-256 in pdfSha256).",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
    )
    @action(detail=True, methods=["get"], renderer_classes=[PdfRenderer, RapportageRenderer])
    def pdf(self, request: Request, pk: str | None = None) -> HttpResponse:
        rapportage = self.get_object()
        inhoud = selectors.pdf_van(self.actor, rapportage)
        response = HttpResponse(inhoud, content_type="application/pdf")
        naam = f"raadsrapportage-{rapportage.jaar}-{rapportage.periode}-{rapportage.ontvanger}-v{rapportage.volgnummer}"
        response["Content-Disposition"] = f'inline; filename="{naam.lower()}.pdf"'
        return response

    @extend_schema(
        summary="Geschiedenis: elke handeling met het besluit, nieuwste eerst",
        responses=RapportagegebeurtenisSerializer(many=True),
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def geschiedenis(self, request: Request, pk: str | None = None) -> Response:
        rapportage = self.get_object()
        return Response(
            RapportagegebeurtenisSerializer(selectors.geschiedenis(self.actor, rapportage), many=True).data
        )

    def _actie(self, request: Request, actie: str) -> Response:
        rapportage = self.get_object()
        # Refuse (403/404) before looking at the input, so a forbidden actor never learns the validation rules.
        if actie == lifecycle.AANBIEDEN:
            services.require_aanbieden(actor=self.actor, rapportage=rapportage)
        policy.require(self.actor, f"raadsrapportage.{actie}", rapportage, read_action=LEES)
        invoer = self.validated(INVOER[actie])
        gegevens: dict[str, Any] = {"expected_version": expected_version(request), **invoer}
        uitkomst = services.voer_uit(actor=self.actor, rapportage=rapportage, actie=actie, gegevens=gegevens)
        return self.respond(
            uitkomst,
            RaadsrapportageDetailSerializer,
            status=status.HTTP_201_CREATED if actie == lifecycle.CORRIGEREN else 200,
        )


def _action_route(actie: str) -> Any:
    rij = next(o for o in lifecycle.OVERGANGEN if o.actie == actie)
    beschrijving = (
        f"{rij.label}. Vanuit: {lifecycle.STATUS_LABELS[rij.van].lower()}. Wie: {rij.wie}."
        + (" Met het besluit (orgaan, kenmerk, datum); legt de inhoud en de PDF vast." if rij.besluit else "")
        + (" Alleen bij de rapportage van een gemeente." if rij.alleen_gemeente else "")
        + (" Antwoordt de nieuwe versie (concept)." if actie == lifecycle.CORRIGEREN else "")
        + " Stuur If-Match mee (de versie van de rapportage)."
    )

    def handler(self: RaadsrapportageViewSet, request: Request, pk: str | None = None) -> Response:
        return self._actie(request, actie)

    handler.__name__ = actie
    decorated = action(detail=True, methods=["post"], url_path=lifecycle.url_deel(actie), url_name=actie)(
        handler
    )
    return extend_schema(
        summary=rij.label,
        description=beschrijving,
        request=INVOER[actie],
        responses={
            (201 if actie == lifecycle.CORRIGEREN else 200): RaadsrapportageDetailSerializer,
            409: CONFLICT,
            412: STALE,
        },
        operation_id=f"raadsrapportages_{actie}",
    )(decorated)


for _actie in lifecycle.ACTIES:
    setattr(RaadsrapportageViewSet, _actie, _action_route(_actie))


# --- the cycle ----------------------------------------------------------------------------------------------------
def cyclus_gegevens(actor: Any, sv: Samenwerkingsverband, jaar: int) -> dict[str, Any]:
    """The cycle's answer (also the page's data): the cycle, the periods of ``jaar`` and the Wgr calendar."""
    cyclus = selectors.cyclus_van(sv)
    kalender = selectors.wgr_kalender(sv, jaar)
    return {
        "samenwerkingsverband": sv.pk,
        "samenwerkingsverband_naam": sv.naam,
        "ritme": cyclus.ritme,
        "bron": cyclus.bron,
        "dagen_na_periode": cyclus.dagen_na_periode,
        "vastgelegd": cyclus.pk is not None,
        "jaar": jaar,
        "perioden": [
            {
                "code": p.periode.code,
                "naam": p.periode.volledige_naam,
                "begin": p.periode.begin,
                "eind": p.periode.eind,
                "aanbieden_uiterlijk": p.aanbieden_uiterlijk,
            }
            for p in selectors.perioden_van(sv, jaar)
        ],
        "wgr_kalender": {
            "bron": kalender.bron,
            "termijnen": [
                {
                    "code": t.code,
                    "naam": t.naam,
                    "artikel": t.artikel,
                    "datum": t.datum,
                    "toelichting": t.toelichting,
                }
                for t in kalender.termijnen
            ],
        },
        "toegestane_acties": ["wijzigen"] if policy.can(actor, "rapportagecyclus.wijzigen", sv) else [],
        "versie": cyclus.versie,
    }


@extend_schema_view(
    list=extend_schema(
        summary="De rapportagecyclus per samenwerkingsverband, met de perioden en de Wgr-kalender",
        parameters=[CyclusParameters],
        responses=RapportagecyclusSerializer(many=True),
    ),
    retrieve=extend_schema(
        summary="De rapportagecyclus van één samenwerkingsverband (id van het verband; ETag)",
        parameters=[CyclusParameters],
        responses=RapportagecyclusSerializer,
    ),
    update=extend_schema(
        summary='De rapportagecyclus instellen (directeur of controller; If-Match, W/"0" voor de standaard)',
        request=CyclusInvoerSerializer,
        responses={200: RapportagecyclusSerializer, 412: STALE},
    ),
    partial_update=extend_schema(
        summary="De rapportagecyclus deels wijzigen (If-Match)",
        request=CyclusInvoerSerializer(partial=True),
        responses={200: RapportagecyclusSerializer, 412: STALE},
    ),
)
class RapportagecyclusViewSet(ActorMixin, viewsets.GenericViewSet[Samenwerkingsverband]):
    serializer_class = RapportagecyclusSerializer
    http_method_names = ["get", "put", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Samenwerkingsverband]:
        return sv_selectors.samenwerkingsverbanden_for(self.actor).order_by("naam", "id")

    def _jaar(self) -> int:
        invoer = CyclusParameters(data=self.request.query_params)
        invoer.is_valid(raise_exception=True)
        return int(invoer.validated_data.get("jaar") or timezone.localdate().year)

    def _antwoord(self, sv: Samenwerkingsverband, jaar: int) -> Response:
        data = cyclus_gegevens(self.actor, sv, jaar)
        return with_etag(Response(RapportagecyclusSerializer(data).data), selectors.cyclus_van(sv))

    def list(self, request: Request) -> Response:
        jaar = self._jaar()
        pagina = self.paginate_queryset(self.get_queryset())
        rijen = [cyclus_gegevens(self.actor, sv, jaar) for sv in (pagina or [])]
        return self.get_paginated_response(RapportagecyclusSerializer(rijen, many=True).data)

    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return self._antwoord(self.get_object(), self._jaar())

    def update(self, request: Request, pk: str | None = None) -> Response:
        return self._wijzig(partial=False)

    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        return self._wijzig(partial=True)

    def _wijzig(self, *, partial: bool) -> Response:
        sv = self.get_object()
        policy.require(self.actor, "rapportagecyclus.wijzigen", sv, read_action="rapportagecyclus.lezen")
        data = self.validated(CyclusInvoerSerializer, partial=partial)
        huidig = selectors.cyclus_van(sv)
        services.cyclus_instellen(
            actor=self.actor,
            samenwerkingsverband=sv,
            ritme=data.get("ritme", huidig.ritme),
            bron=data.get("bron", huidig.bron),
            dagen_na_periode=data.get("dagen_na_periode", huidig.dagen_na_periode),
            expected_version=expected_version(self.request),
        )
        return self._antwoord(sv, self._jaar())


# --- subscriptions ------------------------------------------------------------------------------------------------
@extend_schema_view(
    list=extend_schema(
        summary="Uw abonnementen op raadsrapportages (een e-mail met een link bij publicatie)"
    ),
    retrieve=extend_schema(summary="Eén abonnement van u"),
    create=extend_schema(
        summary="Abonneren op de rapportages van een samenwerkingsverband (of van één gemeente daarin)",
        request=AbonnementInvoerSerializer,
        responses={201: AbonnementSerializer, 409: CONFLICT},
    ),
    destroy=extend_schema(summary="Abonnement opzeggen", responses={204: None}),
)
class AbonnementViewSet(
    ActorMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet[Abonnement],
):
    serializer_class = AbonnementSerializer
    http_method_names = ["get", "post", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[Abonnement]:
        return selectors.abonnementen_for(self.actor).order_by(
            "samenwerkingsverband__naam", "gemeente__naam", "id"
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self.validated(AbonnementInvoerSerializer)
        sv = _sv(self.actor, data["samenwerkingsverband"])
        abonnement = services.abonneren(
            actor=self.actor, samenwerkingsverband=sv, gemeente=_gemeente(self.actor, data.get("gemeente"))
        )
        return Response(AbonnementSerializer(abonnement).data, status=status.HTTP_201_CREATED)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        abonnement = selectors.abonnement_for(self.actor, kwargs.get("pk"))
        if abonnement is None:
            raise NotFound()
        services.opzeggen(actor=self.actor, abonnement=abonnement)
        return Response(status=status.HTTP_204_NO_CONTENT)


def register(router: DefaultRouter) -> None:
    router.register("raadsrapportages", RaadsrapportageViewSet, basename="raadsrapportage")
    router.register("rapportagecycli", RapportagecyclusViewSet, basename="rapportagecyclus")
    router.register("abonnementen", AbonnementViewSet, basename="abonnement")
