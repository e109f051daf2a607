"""API: /api/v1/samenwerkingsverbanden, /deelnemers, /bestuursleden, /taakgebieden, /inbreng."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from seta.api.concurrency import expected_version
from seta.api.views import ActorMixin
from seta.samenwerkingsverbanden import selectors, services
from seta.samenwerkingsverbanden.models import (
    Bestuurslid,
    Bestuursorgaan,
    Deelnemer,
    Inbreng,
    Menu,
    Rechtsvorm,
    Samenwerkingsverband,
    Taakgebied,
)
from seta.samenwerkingsverbanden.serializers import (
    BestuurslidInvoerSerializer,
    BestuurslidSerializer,
    DeelnemerInvoerSerializer,
    DeelnemerSerializer,
    EinddatumSerializer,
    InbrengInvoerSerializer,
    InbrengSerializer,
    SamenwerkingsverbandInvoerSerializer,
    SamenwerkingsverbandSerializer,
    SamenwerkingsverbandWijzigSerializer,
    TaakgebiedSerializer,
    UitPoolSerializer,
    UittredenSerializer,
)

_PEILDATUM = "Alleen wat op deze datum (JJJJ-MM-DD) geldt."


class SamenwerkingsverbandFilter(django_filters.FilterSet):
    menu = django_filters.ChoiceFilter(choices=Menu.choices)
    rechtsvorm = django_filters.ChoiceFilter(choices=Rechtsvorm.choices)
    gemeente = django_filters.CharFilter(
        field_name="deelnemers__gemeente__cbs_code",
        lookup_expr="iexact",
        distinct=True,
        label="CBS-code van een deelnemer.",
    )
    actief = django_filters.BooleanFilter(
        field_name="einddatum", lookup_expr="isnull", label="true: nog niet beëindigd."
    )

    class Meta:
        model = Samenwerkingsverband
        fields = ["menu", "rechtsvorm", "gemeente", "actief"]


class DeelnemerFilter(django_filters.FilterSet):
    samenwerkingsverband = django_filters.CharFilter(
        field_name="samenwerkingsverband__slug", label="Slug, bijv. bel."
    )
    gemeente = django_filters.CharFilter(
        field_name="gemeente__cbs_code", lookup_expr="iexact", label="CBS-code."
    )
    peildatum = django_filters.DateFilter(method="filter_peildatum", label=_PEILDATUM)

    class Meta:
        model = Deelnemer
        fields = ["samenwerkingsverband", "gemeente", "peildatum"]

    def filter_peildatum(self, queryset: QuerySet[Deelnemer], name: str, value: Any) -> QuerySet[Deelnemer]:
        return queryset.filter(toetredingsdatum__lte=value).filter(
            Q(uittredingsdatum__isnull=True) | Q(uittredingsdatum__gt=value)
        )


class BestuurslidFilter(django_filters.FilterSet):
    samenwerkingsverband = django_filters.CharFilter(
        field_name="samenwerkingsverband__slug", label="Slug, bijv. bel."
    )
    orgaan = django_filters.ChoiceFilter(choices=Bestuursorgaan.choices)
    gemeente = django_filters.CharFilter(field_name="functionaris__gemeente__cbs_code", lookup_expr="iexact")
    peildatum = django_filters.DateFilter(method="filter_peildatum", label=_PEILDATUM)

    class Meta:
        model = Bestuurslid
        fields = ["samenwerkingsverband", "orgaan", "gemeente", "peildatum"]

    def filter_peildatum(
        self, queryset: QuerySet[Bestuurslid], name: str, value: Any
    ) -> QuerySet[Bestuurslid]:
        return selectors.bestuursleden_op(queryset, value)


class InbrengFilter(django_filters.FilterSet):
    samenwerkingsverband = django_filters.CharFilter(
        field_name="deelnemer__samenwerkingsverband__slug", label="Slug, bijv. bel."
    )
    gemeente = django_filters.CharFilter(field_name="deelnemer__gemeente__cbs_code", lookup_expr="iexact")
    taakgebied = django_filters.CharFilter(field_name="taakgebied__code")
    peildatum = django_filters.DateFilter(
        method="filter_peildatum", label="De scope op deze datum (JJJJ-MM-DD)."
    )

    class Meta:
        model = Inbreng
        fields = ["samenwerkingsverband", "gemeente", "taakgebied", "peildatum"]

    def filter_peildatum(self, queryset: QuerySet[Inbreng], name: str, value: Any) -> QuerySet[Inbreng]:
        return selectors.op_datum(queryset, value)


@extend_schema_view(
    list=extend_schema(summary="Samenwerkingsverbanden die u mag zien"),
    retrieve=extend_schema(summary="Eén samenwerkingsverband, op slug"),
    create=extend_schema(
        summary="Samenwerkingsverband oprichten (beheerder), met de deelnemers van het eerste uur",
        request=SamenwerkingsverbandInvoerSerializer,
        responses={201: SamenwerkingsverbandSerializer},
    ),
    partial_update=extend_schema(
        summary="Vorm wijzigen: menu, rechtsvorm, gastheergemeente, directie (dagelijks bestuur; If-Match)",
        request=SamenwerkingsverbandWijzigSerializer,
        responses={200: SamenwerkingsverbandSerializer, 412: None},
    ),
)
class SamenwerkingsverbandViewSet(
    ActorMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Samenwerkingsverband],
):
    serializer_class = SamenwerkingsverbandSerializer
    filterset_class = SamenwerkingsverbandFilter
    lookup_field = "slug"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Samenwerkingsverband]:
        return (
            selectors.samenwerkingsverbanden_for(self.actor)
            .select_related("gastheergemeente")
            .prefetch_related("deelnemers__gemeente")
            .order_by("naam")
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        sv = self.get_object()
        return self.respond(sv)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        invoer = self.validated(SamenwerkingsverbandInvoerSerializer)
        sv = services.create_samenwerkingsverband(actor=self.actor, **invoer)
        return self.respond(sv, SamenwerkingsverbandSerializer, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        sv = self.get_object()
        invoer = self.validated(SamenwerkingsverbandWijzigSerializer)
        sv = services.update_samenwerkingsverband(
            actor=self.actor,
            samenwerkingsverband=sv,
            expected_version=expected_version(request),
            **invoer,
        )
        return self.respond(sv, SamenwerkingsverbandSerializer)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.partial_update(request, *args, **kwargs)


@extend_schema_view(
    list=extend_schema(summary="Deelnemers (partnergemeenten) met toetredings- en uittredingsdatum"),
    retrieve=extend_schema(summary="Eén deelnemerschap"),
    create=extend_schema(
        summary="Gemeente laten toetreden (dagelijks bestuur); neemt de bestaande afspraken over",
        request=DeelnemerInvoerSerializer,
        responses={201: DeelnemerSerializer},
    ),
)
class DeelnemerViewSet(
    ActorMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Deelnemer],
):
    serializer_class = DeelnemerSerializer
    filterset_class = DeelnemerFilter

    def get_queryset(self) -> QuerySet[Deelnemer]:
        return selectors.deelnemers_for(self.actor).order_by(
            "samenwerkingsverband__naam", "toetredingsdatum", "gemeente__naam"
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        invoer = self.validated(DeelnemerInvoerSerializer)
        deelnemer = services.add_deelnemer(actor=self.actor, **invoer)
        return Response(DeelnemerSerializer(deelnemer).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Deelnemerschap beëindigen (dagelijks bestuur)",
        request=UittredenSerializer,
        responses={200: DeelnemerSerializer},
    )
    @action(detail=True, methods=["post"])
    def uittreden(self, request: Request, pk: str | None = None) -> Response:
        deelnemer = self.get_object()
        invoer = self.validated(UittredenSerializer)
        deelnemer = services.end_deelnemerschap(actor=self.actor, deelnemer=deelnemer, **invoer)
        return Response(DeelnemerSerializer(deelnemer).data)


@extend_schema_view(
    list=extend_schema(summary="Leden van algemeen en dagelijks bestuur"),
    retrieve=extend_schema(summary="Eén bestuurszetel"),
    create=extend_schema(
        summary="Collegelid van een deelnemer in het bestuur benoemen (dagelijks bestuur)",
        request=BestuurslidInvoerSerializer,
        responses={201: BestuurslidSerializer},
    ),
)
class BestuurslidViewSet(
    ActorMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Bestuurslid],
):
    serializer_class = BestuurslidSerializer
    filterset_class = BestuurslidFilter

    def get_queryset(self) -> QuerySet[Bestuurslid]:
        return selectors.bestuursleden_for(self.actor).order_by(
            "samenwerkingsverband__naam", "orgaan", "begindatum", "id"
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        invoer = self.validated(BestuurslidInvoerSerializer)
        lid = services.add_bestuurslid(actor=self.actor, **invoer)
        return Response(BestuurslidSerializer(lid).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Bestuurszetel beëindigen (dagelijks bestuur)",
        request=EinddatumSerializer,
        responses={200: BestuurslidSerializer},
    )
    @action(detail=True, methods=["post"])
    def beeindigen(self, request: Request, pk: str | None = None) -> Response:
        lid = self.get_object()
        invoer = self.validated(EinddatumSerializer)
        lid = services.end_bestuurslid(actor=self.actor, bestuurslid=lid, **invoer)
        return Response(BestuurslidSerializer(lid).data)


@extend_schema_view(
    list=extend_schema(summary="Taakgebieden die gemeenten in de pool kunnen inbrengen"),
    retrieve=extend_schema(summary="Eén taakgebied, op code"),
)
class TaakgebiedViewSet(ActorMixin, viewsets.ReadOnlyModelViewSet[Taakgebied]):
    serializer_class = TaakgebiedSerializer
    lookup_field = "code"

    def get_queryset(self) -> QuerySet[Taakgebied]:
        return selectors.taakgebieden_for(self.actor).order_by("volgorde", "naam")


@extend_schema_view(
    list=extend_schema(
        summary="Scope in de tijd (groeimodel): welke deelnemer welk taakgebied sinds wanneer"
    ),
    retrieve=extend_schema(summary="Eén ingebracht taakgebied"),
    create=extend_schema(
        summary="Taakgebied inbrengen (dagelijks bestuur); periodes per deelnemer en taakgebied overlappen niet",
        request=InbrengInvoerSerializer,
        responses={201: InbrengSerializer},
    ),
)
class InbrengViewSet(
    ActorMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Inbreng],
):
    serializer_class = InbrengSerializer
    filterset_class = InbrengFilter

    def get_queryset(self) -> QuerySet[Inbreng]:
        return selectors.inbreng_for(self.actor).order_by(
            "deelnemer__samenwerkingsverband__naam",
            "deelnemer__gemeente__naam",
            "vanaf",
            "taakgebied__volgorde",
            "id",
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        invoer = self.validated(InbrengInvoerSerializer)
        inbreng = services.bring_in_taakgebied(actor=self.actor, **invoer)
        return Response(InbrengSerializer(inbreng).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Taakgebied uit de pool halen (dagelijks bestuur)",
        request=UitPoolSerializer,
        responses={200: InbrengSerializer},
    )
    @action(detail=True, methods=["post"])
    def beeindigen(self, request: Request, pk: str | None = None) -> Response:
        inbreng = self.get_object()
        invoer = self.validated(UitPoolSerializer)
        inbreng = services.take_out_taakgebied(actor=self.actor, inbreng=inbreng, **invoer)
        return Response(InbrengSerializer(inbreng).data)


def register(router: DefaultRouter) -> None:
    router.register("samenwerkingsverbanden", SamenwerkingsverbandViewSet, basename="samenwerkingsverband")
    router.register("deelnemers", DeelnemerViewSet, basename="deelnemer")
    router.register("bestuursleden", BestuurslidViewSet, basename="bestuurslid")
    router.register("taakgebieden", TaakgebiedViewSet, basename="taakgebied")
    router.register("inbreng", InbrengViewSet, basename="inbreng")
