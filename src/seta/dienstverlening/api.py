"""API: /api/v1/dienstverleningsovereenkomsten (list, retrieve, create, PATCH a concept), its services
(``POST …/{id}/afspraken``, ``PATCH``/``DELETE …/{id}/afspraken/{afspraakId}``: a service with its norms is written
as a whole), its history, and one ``POST …/{id}/<actie>`` per action of the lifecycle table (``lifecycle.py``).

Every write of an existing DVO or of one of its parts needs the DVO's version (``If-Match`` or ``versie``) and
answers the DVO with its new ``ETag``: one version guards the whole agreement.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from seta.api.concurrency import expected_version, with_etag
from seta.api.views import ActorMixin
from seta.autorisaties import policy
from seta.catalogus import selectors as catalogus_selectors
from seta.core.bounds import parse_id
from seta.core.errors import InvalidInput, NotFound
from seta.dienstverlening import lifecycle, naleving_api, selectors, services, zaken_api
from seta.dienstverlening.models import Dienstverleningsovereenkomst, Dvostatus
from seta.dienstverlening.serializers import (
    DienstafspraakInvoerSerializer,
    DienstafspraakWijzigSerializer,
    DvoBesluitInvoerSerializer,
    DvoInvoerSerializer,
    DvoSerializer,
    DvoWijzigSerializer,
    GebeurtenisSerializer,
    LeegInvoerSerializer,
)
from seta.gemeenten import selectors as gemeenten_selectors
from seta.samenwerkingsverbanden import selectors as sv_selectors

DVO = Dienstverleningsovereenkomst
STALE = OpenApiResponse(description="Verouderde versie: de overeenkomst is intussen gewijzigd (If-Match).")
CONFLICT = OpenApiResponse(description="De handeling past niet bij de huidige status (bijv. al vastgesteld).")
AFSPRAAK_ID = OpenApiParameter(
    "afspraakId",
    {"type": "integer", "minimum": 1},
    OpenApiParameter.PATH,
    description="Id van de dienstafspraak.",
)


class DvoFilter(django_filters.FilterSet):
    samenwerkingsverband = django_filters.CharFilter(
        field_name="samenwerkingsverband__slug", label="Slug, bijv. bel."
    )
    gemeente = django_filters.CharFilter(
        field_name="gemeente__slug", label="Slug van de deelnemer, bijv. laren."
    )
    status = django_filters.ChoiceFilter(choices=Dvostatus.choices)

    class Meta:
        model = DVO
        fields = ["samenwerkingsverband", "gemeente", "status"]


def _gemeente(actor: Any, slug: str | None, veld: str = "gemeente") -> Any:
    if not slug:
        return None
    gemeente = gemeenten_selectors.gemeente_by_slug(actor, slug)
    if gemeente is None:
        raise InvalidInput(fields={veld: [f"Onbekende gemeente '{slug}'."]})
    return gemeente


def _item(actor: Any, pk: int | None) -> Any:
    if pk is None:
        return None
    item = catalogus_selectors.catalogusitem_for(actor, pk)
    if item is None:
        raise InvalidInput(
            fields={"catalogusitem": [f"Catalogusitem {pk} bestaat niet (of is niet zichtbaar)."]}
        )
    return item


@extend_schema_view(
    list=extend_schema(summary="Dienstverleningsovereenkomsten (DVO's) die u mag zien, alle versies"),
    retrieve=extend_schema(
        summary="Eén DVO met diensten, normen, escalatieroute, besluiten en de acties die u nu mag doen (ETag)"
    ),
    create=extend_schema(
        summary="Concept-DVO opstellen (directeur of controller van de werkorganisatie)",
        request=DvoInvoerSerializer,
        responses={201: DvoSerializer},
    ),
    partial_update=extend_schema(
        summary="Concept wijzigen (If-Match). Een vastgestelde DVO wijzigt nooit: stel een nieuwe versie op.",
        request=DvoWijzigSerializer,
        responses={200: DvoSerializer, 409: CONFLICT, 412: STALE},
    ),
)
class DvoViewSet(
    ActorMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[DVO],
):
    serializer_class = DvoSerializer
    filterset_class = DvoFilter
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[DVO]:
        return (
            selectors.dvos_for(self.actor)
            .prefetch_related(
                "afspraken__catalogusitem",
                "afspraken__gemeente",
                "afspraken__normen",
                "escalatie",
                "collegebesluiten__gemeente",
                "collegebesluiten__vastgelegd_door",
            )
            .order_by("samenwerkingsverband__naam", "kenmerk", "-volgnummer", "id")
        )

    def _antwoord(self, dvo: DVO, status_code: int = 200) -> Response:
        vers = self.get_queryset().get(pk=dvo.pk)
        return with_etag(
            Response(DvoSerializer(vers, context=self.get_serializer_context()).data, status=status_code),
            vers,
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._antwoord(self.get_object())

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self.validated(DvoInvoerSerializer)
        sv = sv_selectors.samenwerkingsverband_by_slug(self.actor, data.pop("samenwerkingsverband"))
        if sv is None:
            raise InvalidInput(
                fields={
                    "samenwerkingsverband": ["Dit samenwerkingsverband bestaat niet (of is niet zichtbaar)."]
                }
            )
        gemeente = _gemeente(self.actor, data.pop("gemeente"))
        escalatie = data.pop("escalatie", [])
        dvo = services.create_dvo(
            actor=self.actor, samenwerkingsverband=sv, gemeente=gemeente, escalatie=escalatie, **data
        )
        return self._antwoord(dvo, status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        dvo = self.get_object()
        changes = self.validated(DvoWijzigSerializer, partial=True)
        escalatie = changes.pop("escalatie", None)
        if "gemeente" in changes:
            changes["gemeente"] = _gemeente(self.actor, changes["gemeente"])
        dvo = services.update_dvo(
            actor=self.actor,
            dvo=dvo,
            changes=changes,
            escalatie=escalatie,
            expected_version=expected_version(request),
        )
        return self._antwoord(dvo)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(
        summary="Dienst met normen toevoegen aan een concept (If-Match van de DVO)",
        request=DienstafspraakInvoerSerializer,
        responses={201: DvoSerializer, 409: CONFLICT, 412: STALE},
    )
    @action(detail=True, methods=["post"], url_path="afspraken")
    def afspraken(self, request: Request, pk: str | None = None) -> Response:
        dvo = self.get_object()
        policy.require(self.actor, "dvo.wijzigen", dvo, read_action="dvo.lezen")
        data = self.validated(DienstafspraakInvoerSerializer)
        services.add_afspraak(
            actor=self.actor,
            dvo=dvo,
            catalogusitem=_item(self.actor, data["catalogusitem"]),
            gemeente=_gemeente(self.actor, data.get("gemeente")),
            toelichting=data.get("toelichting", ""),
            normen=data.get("normen", []),
            expected_version=expected_version(request),
        )
        return self._antwoord(dvo, status.HTTP_201_CREATED)

    def _afspraak(self, dvo: DVO, afspraak_id: str) -> Any:
        pk = parse_id(afspraak_id, name="afspraakId")
        afspraak = selectors.afspraken_for(self.actor).filter(dvo=dvo, pk=pk).first() if pk else None
        if afspraak is None:
            raise NotFound("Deze dienst hoort niet bij deze overeenkomst.")
        return afspraak

    @extend_schema(
        summary="Dienst van een concept wijzigen; normen vervangt alle normen (If-Match van de DVO)",
        parameters=[AFSPRAAK_ID],
        request=DienstafspraakWijzigSerializer,
        responses={200: DvoSerializer, 409: CONFLICT, 412: STALE},
    )
    @action(detail=True, methods=["patch"], url_path=r"afspraken/(?P<afspraakId>[^/.]+)")
    def afspraak(self, request: Request, pk: str | None = None, afspraakId: str = "") -> Response:
        dvo = self.get_object()
        afspraak = self._afspraak(dvo, afspraakId)
        policy.require(self.actor, "dvo.wijzigen", dvo, read_action="dvo.lezen")
        data = self.validated(DienstafspraakWijzigSerializer, partial=True)
        extra: dict[str, Any] = {}
        if "gemeente" in data:
            extra["gemeente"] = _gemeente(self.actor, data["gemeente"])
        services.change_afspraak(
            actor=self.actor,
            afspraak=afspraak,
            catalogusitem=_item(self.actor, data.get("catalogusitem")),
            normen=data.get("normen"),
            toelichting=data.get("toelichting"),
            expected_version=expected_version(request),
            **extra,
        )
        return self._antwoord(dvo)

    @extend_schema(
        summary="Dienst uit een concept verwijderen (If-Match van de DVO)",
        parameters=[AFSPRAAK_ID],
        request=None,
        responses={200: DvoSerializer, 409: CONFLICT, 412: STALE},
    )
    @afspraak.mapping.delete
    def afspraak_verwijderen(self, request: Request, pk: str | None = None, afspraakId: str = "") -> Response:
        dvo = self.get_object()
        afspraak = self._afspraak(dvo, afspraakId)
        services.remove_afspraak(
            actor=self.actor, afspraak=afspraak, expected_version=expected_version(request)
        )
        return self._antwoord(dvo)

    @extend_schema(
        summary="Geschiedenis: elke handeling uit de tabel en elke wijziging, nieuwste eerst",
        responses=GebeurtenisSerializer(many=True),
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def historie(self, request: Request, pk: str | None = None) -> Response:
        dvo = self.get_object()
        return Response(GebeurtenisSerializer(selectors.historie_for(self.actor, dvo), many=True).data)

    def _actie(self, request: Request, actie: str) -> Response:
        dvo = self.get_object()
        # Refuse (403) before looking at the input, so a forbidden actor never learns about validation rules.
        policy.require(self.actor, f"dvo.{actie}", dvo, read_action="dvo.lezen")
        invoer = self.validated(
            DvoBesluitInvoerSerializer if actie in lifecycle.MET_BESLUIT else LeegInvoerSerializer
        )
        gegevens: dict[str, Any] = {"expected_version": expected_version(request)}
        if actie in lifecycle.MET_BESLUIT:
            gegevens["besluit"] = invoer["besluit"]
            gegevens["gemeente"] = _gemeente(self.actor, invoer.get("gemeente"))
        uitkomst = services.perform(actor=self.actor, dvo=dvo, actie=actie, gegevens=gegevens)
        return self._antwoord(uitkomst, status.HTTP_201_CREATED if actie == lifecycle.NIEUWE_VERSIE else 200)


def _action_route(actie: str) -> Any:
    rij = next(o for o in lifecycle.OVERGANGEN if o.actie == actie)
    beschrijving = (
        f"{rij.label}. Vanuit: {lifecycle.STATUS_LABELS[rij.van].lower()}. Wie: {rij.wie}."
        + (" Met het besluit (orgaan, kenmerk, datum)." if rij.besluit else "")
        + (f" Voorwaarde: {rij.voorwaarde}." if rij.voorwaarde else "")
        + (" Antwoordt de nieuwe versie (concept)." if actie == lifecycle.NIEUWE_VERSIE else "")
        + " Stuur If-Match mee (de versie van de DVO)."
    )

    def handler(self: DvoViewSet, request: Request, pk: str | None = None) -> Response:
        return self._actie(request, actie)

    handler.__name__ = actie
    decorated = action(detail=True, methods=["post"], url_path=lifecycle.url_deel(actie), url_name=actie)(
        handler
    )
    return extend_schema(
        summary=rij.label,
        description=beschrijving,
        request=DvoBesluitInvoerSerializer if rij.besluit else LeegInvoerSerializer,
        responses={
            (201 if actie == lifecycle.NIEUWE_VERSIE else 200): DvoSerializer,
            409: CONFLICT,
            412: STALE,
        },
        operation_id=f"dvo_{actie}",
    )(decorated)


for _actie in lifecycle.ACTIES:
    if _actie != lifecycle.WIJZIGEN:  # editing is PATCH …/{id} and the afspraken routes
        setattr(DvoViewSet, _actie, _action_route(_actie))


def register(router: DefaultRouter) -> None:
    router.register("dienstverleningsovereenkomsten", DvoViewSet, basename="dienstverleningsovereenkomst")
    naleving_api.register(router)
    zaken_api.register(router)
