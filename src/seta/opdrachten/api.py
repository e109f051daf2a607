"""API: /api/v1/bestuursopdrachten (each lifecycle transition its own POST), /wijzigingsverzoeken,
/bestuursvragen and /overleggen (with agendapunten, besluiten and suggesties)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from seta.api.concurrency import expected_version, with_etag
from seta.api.filters import IdFilter
from seta.api.views import ActorMixin
from seta.autorisaties import policy
from seta.core.errors import InvalidInput
from seta.opdrachten import lifecycle, selectors, services
from seta.opdrachten.models import (
    STATUS_CHOICES,
    Bestuursopdracht,
    Bestuursvraag,
    GerichtAan,
    Initiatief,
    Overleg,
    Overlegsoort,
    Vertrouwelijkheid,
    Vraagstatus,
    Wijzigingsstatus,
    Wijzigingsverzoek,
)
from seta.opdrachten.serializers import (
    OVERGANG_INVOER,
    AgendapuntInvoerSerializer,
    AgendapuntSerializer,
    AntwoordInvoerSerializer,
    BesluitInvoerSerializer,
    BesluitSerializer,
    BesluitToelichtingSerializer,
    BestuursopdrachtInvoerSerializer,
    BestuursopdrachtSerializer,
    BestuursvraagInvoerSerializer,
    BestuursvraagSerializer,
    KaderInvoerSerializer,
    OvergangInvoerSerializer,
    OverlegInvoerSerializer,
    OverlegSerializer,
    StatusovergangSerializer,
    SuggestieSerializer,
    VerwantSerializer,
    VoortgangSerializer,
    WijzigingsverzoekInvoerSerializer,
    WijzigingsverzoekSerializer,
)
from seta.planning import selectors_plan

STALE = OpenApiResponse(description="Verouderde versie: het record is intussen gewijzigd (If-Match).")
CONFLICT = OpenApiResponse(description="De handeling past niet bij de huidige status.")


class BestuursopdrachtFilter(django_filters.FilterSet):
    gemeente = django_filters.CharFilter(
        method="filter_gemeente", label="Slug van een opdrachtgevende gemeente."
    )
    samenwerkingsverband = django_filters.CharFilter(field_name="samenwerkingsverband__slug")
    status = django_filters.MultipleChoiceFilter(choices=STATUS_CHOICES)
    portefeuille = IdFilter(method="filter_portefeuille", label="Id van een portefeuille.")
    eenheid = IdFilter(field_name="eenheid_id")
    catalogusitem = IdFilter(field_name="catalogusitem_id")
    vertrouwelijkheid = django_filters.ChoiceFilter(choices=Vertrouwelijkheid.choices)
    initiatief = django_filters.ChoiceFilter(choices=Initiatief.choices)
    deadlineVoor = django_filters.DateFilter(field_name="deadline", lookup_expr="lte")
    deadlineNa = django_filters.DateFilter(field_name="deadline", lookup_expr="gte")
    zoek = django_filters.CharFilter(method="filter_zoek")

    class Meta:
        model = Bestuursopdracht
        fields = [
            "gemeente",
            "samenwerkingsverband",
            "status",
            "portefeuille",
            "eenheid",
            "catalogusitem",
            "vertrouwelijkheid",
            "initiatief",
            "deadlineVoor",
            "deadlineNa",
            "zoek",
        ]

    def filter_gemeente(
        self, qs: QuerySet[Bestuursopdracht], name: str, value: str
    ) -> QuerySet[Bestuursopdracht]:
        return selectors.met_opdrachtgever(qs, gemeente__slug=value)

    def filter_portefeuille(
        self, qs: QuerySet[Bestuursopdracht], name: str, value: int
    ) -> QuerySet[Bestuursopdracht]:
        return selectors.met_opdrachtgever(qs, portefeuille_id=value)

    def filter_zoek(
        self, qs: QuerySet[Bestuursopdracht], name: str, value: str
    ) -> QuerySet[Bestuursopdracht]:
        return qs.filter(Q(titel__icontains=value) | Q(nummer__icontains=value))


@extend_schema_view(
    list=extend_schema(summary="Bestuursopdrachten die u mag zien (gefilterd)"),
    retrieve=extend_schema(
        summary="Eén bestuursopdracht met kaders, raming en de acties die u nu mag doen (ETag)"
    ),
    create=extend_schema(
        summary="Concept-opdracht opstellen (beleidsregisseur, secretaris, college; of voorstel van de werkorganisatie)",
        request=BestuursopdrachtInvoerSerializer,
        responses={201: BestuursopdrachtSerializer},
    ),
    partial_update=extend_schema(
        summary="Kaders van een concept aanscherpen (If-Match verplicht aan te raden)",
        request=KaderInvoerSerializer,
        responses={200: BestuursopdrachtSerializer, 409: CONFLICT, 412: STALE},
    ),
)
class BestuursopdrachtViewSet(
    ActorMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Bestuursopdracht],
):
    serializer_class = BestuursopdrachtSerializer
    filterset_class = BestuursopdrachtFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Bestuursopdracht]:
        return selectors_plan.met_planuitkomst(  # planning (issue 11): the current plan's outcome, one query
            selectors.bestuursopdrachten_for(self.actor)
            .prefetch_related("mijlpalen")
            .order_by("-aangemaakt_op", "-id")
        )

    def _antwoord(self, opdracht: Bestuursopdracht, status_code: int = 200) -> Response:
        vers = self.get_queryset().get(pk=opdracht.pk)
        context = {**self.get_serializer_context(), "detail": True}
        return with_etag(
            Response(BestuursopdrachtSerializer(vers, context=context).data, status=status_code), vers
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._antwoord(self.get_object())

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self.validated(BestuursopdrachtInvoerSerializer)
        opdrachtgevers = [
            services.OpdrachtgeverInvoer(og["gemeente"], og["portefeuille"], og.get("beleidsregisseur"))
            for og in data.pop("opdrachtgevers")
        ]
        mijlpalen = [(m["omschrijving"], m["datum"]) for m in data.pop("mijlpalen", [])]
        opdracht = services.draft(
            actor=self.actor,
            samenwerkingsverband=data.pop("samenwerkingsverband"),
            opdrachtgevers=opdrachtgevers,
            catalogusitem=data.pop("catalogusitem", None),
            titel=data.pop("titel", ""),
            deadline=data.pop("deadline", None),
            doelen=data.pop("doelen", ""),
            initiatief=data.pop("initiatief"),
            mijlpalen=mijlpalen,
            **data,
        )
        return self._antwoord(opdracht, status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        opdracht = self.get_object()
        changes = self.validated(KaderInvoerSerializer, partial=True)
        mijlpalen = changes.pop("mijlpalen", None)
        opdracht = services.sharpen(
            actor=self.actor,
            opdracht=opdracht,
            expected_version=expected_version(request),
            changes=changes,
            mijlpalen=[(m["omschrijving"], m["datum"]) for m in mijlpalen] if mijlpalen is not None else None,
        )
        return self._antwoord(opdracht)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.partial_update(request, *args, **kwargs)

    def _overgang(self, request: Request, actie: str) -> Response:
        opdracht = self.get_object()
        # Refuse (403) before looking at the input, so a forbidden actor never learns about validation rules.
        policy.require(
            self.actor, f"bestuursopdracht.{actie}", opdracht, read_action="bestuursopdracht.lezen"
        )
        invoer = self.validated(OVERGANG_INVOER.get(actie, OvergangInvoerSerializer))
        gegevens = {**invoer, "expected_version": expected_version(request)}
        return self._antwoord(
            services.perform(actor=self.actor, opdracht=opdracht, actie=actie, gegevens=gegevens)
        )

    @extend_schema(
        summary="Geschiedenis: elke statusovergang en elk deelbesluit",
        responses=StatusovergangSerializer(many=True),
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def historie(self, request: Request, pk: str | None = None) -> Response:
        opdracht = self.get_object()
        return Response(
            StatusovergangSerializer(selectors.historie_for(self.actor, opdracht), many=True).data
        )

    @extend_schema(
        summary="Voortgangsrapportages (rood/oranje/groen)", responses=VoortgangSerializer(many=True)
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def voortgangsrapportages(self, request: Request, pk: str | None = None) -> Response:
        opdracht = self.get_object()
        return Response(VoortgangSerializer(opdracht.voortgang.all(), many=True).data)

    @extend_schema(
        summary="Harmonisatie: aantallen verwante openbare opdrachten van andere partners (geen inhoud)",
        responses=VerwantSerializer(many=True),
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def verwant(self, request: Request, pk: str | None = None) -> Response:
        opdracht = self.get_object()
        return Response(VerwantSerializer(selectors.related_elsewhere(self.actor, opdracht), many=True).data)


def _transition_action(actie: str) -> Any:
    invoer = OVERGANG_INVOER.get(actie, OvergangInvoerSerializer)
    rijen = [o for o in lifecycle.OVERGANGEN if o.actie == actie]
    van = ", ".join(dict.fromkeys(o.van for o in rijen))
    rollen = ", ".join(sorted(rijen[0].rollen))
    beschrijving = (
        f"{lifecycle.ACTIE_LABELS[actie]}. Vanuit: {van}. Kant: {rijen[0].kant}; rollen: {rollen}."
        + (
            " Gezamenlijke opdracht: elke opdrachtgever besluit zelf; de status verandert pas als allen besloten."
            if rijen[0].gezamenlijk
            else ""
        )
        + (" Een reden is verplicht." if rijen[0].reden_verplicht else "")
        + " Stuur If-Match mee om gelijktijdige wijzigingen te voorkomen."
    )

    def handler(self: BestuursopdrachtViewSet, request: Request, pk: str | None = None) -> Response:
        return self._overgang(request, actie)

    handler.__name__ = actie  # DRF maps the HTTP method to this name
    decorated = action(detail=True, methods=["post"], url_path=actie, url_name=actie)(handler)
    return extend_schema(
        summary=lifecycle.ACTIE_LABELS[actie],
        description=beschrijving,
        request=invoer,
        responses={200: BestuursopdrachtSerializer, 409: CONFLICT, 412: STALE},
        operation_id=f"bestuursopdracht_{actie}",
    )(decorated)


for _actie in lifecycle.ACTIES:
    setattr(BestuursopdrachtViewSet, _actie, _transition_action(_actie))


# --- wijzigingsverzoeken -------------------------------------------------------------------------------------------------
class WijzigingsverzoekFilter(django_filters.FilterSet):
    bestuursopdracht = IdFilter(field_name="bestuursopdracht_id")
    status = django_filters.ChoiceFilter(choices=Wijzigingsstatus.choices)

    class Meta:
        model = Wijzigingsverzoek
        fields = ["bestuursopdracht", "status"]


@extend_schema_view(
    list=extend_schema(summary="Wijzigingsverzoeken (scope, deadline, budget)"),
    retrieve=extend_schema(summary="Eén wijzigingsverzoek"),
    create=extend_schema(
        summary="Wijzigingsverzoek indienen",
        request=WijzigingsverzoekInvoerSerializer,
        responses={201: WijzigingsverzoekSerializer, 409: CONFLICT},
    ),
)
class WijzigingsverzoekViewSet(
    ActorMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Wijzigingsverzoek],
):
    serializer_class = WijzigingsverzoekSerializer
    filterset_class = WijzigingsverzoekFilter

    def get_queryset(self) -> QuerySet[Wijzigingsverzoek]:
        return selectors.wijzigingsverzoeken_for(self.actor).order_by("-ingediend_op", "-id")

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        obj = self.get_object()
        return self.respond(obj)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self.validated(WijzigingsverzoekInvoerSerializer)
        verzoek = services.request_change(actor=self.actor, opdracht=data.pop("bestuursopdracht"), **data)
        return self.respond(verzoek, status=status.HTTP_201_CREATED)

    def _besluit(self, request: Request, goedkeuren: bool) -> Response:
        verzoek = self.get_object()
        invoer = self.validated(BesluitToelichtingSerializer)
        fn = services.approve_change if goedkeuren else services.reject_change
        verzoek = fn(
            actor=self.actor,
            verzoek=verzoek,
            toelichting=invoer["toelichting"],
            expected_version=expected_version(request),
        )
        verzoek = self.get_queryset().get(pk=verzoek.pk)
        return self.respond(verzoek)

    @extend_schema(
        summary="Goedkeuren namens uw college (alle opdrachtgevers moeten goedkeuren)",
        request=BesluitToelichtingSerializer,
        responses={200: WijzigingsverzoekSerializer, 409: CONFLICT, 412: STALE},
    )
    @action(detail=True, methods=["post"])
    def goedkeuren(self, request: Request, pk: str | None = None) -> Response:
        return self._besluit(request, True)

    @extend_schema(
        summary="Afwijzen namens uw college (met toelichting)",
        request=BesluitToelichtingSerializer,
        responses={200: WijzigingsverzoekSerializer, 409: CONFLICT, 412: STALE},
    )
    @action(detail=True, methods=["post"])
    def afwijzen(self, request: Request, pk: str | None = None) -> Response:
        return self._besluit(request, False)


# --- bestuursvragen -----------------------------------------------------------------------------------------------------
class BestuursvraagFilter(django_filters.FilterSet):
    gemeente = django_filters.CharFilter(field_name="gemeente__slug")
    samenwerkingsverband = django_filters.CharFilter(field_name="samenwerkingsverband__slug")
    bestuursopdracht = IdFilter(field_name="bestuursopdracht_id")
    status = django_filters.ChoiceFilter(choices=Vraagstatus.choices)
    gerichtAan = django_filters.ChoiceFilter(field_name="gericht_aan", choices=GerichtAan.choices)
    teLaat = django_filters.BooleanFilter(
        method="filter_te_laat", label="Alleen open vragen over de uiterste datum."
    )

    class Meta:
        model = Bestuursvraag
        fields = ["gemeente", "samenwerkingsverband", "bestuursopdracht", "status", "gerichtAan", "teLaat"]

    def filter_te_laat(self, qs: QuerySet[Bestuursvraag], name: str, value: bool) -> QuerySet[Bestuursvraag]:
        laat = Q(status=Vraagstatus.OPEN, uiterlijk__lt=timezone.localdate())
        return qs.filter(laat) if value else qs.exclude(laat)


@extend_schema_view(
    list=extend_schema(summary="Bestuursvragen (ontlokken)"),
    retrieve=extend_schema(summary="Eén bestuursvraag"),
    create=extend_schema(
        summary="Vraag het bestuur om richting of een ontbrekend kader",
        request=BestuursvraagInvoerSerializer,
        responses={201: BestuursvraagSerializer},
    ),
)
class BestuursvraagViewSet(
    ActorMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Bestuursvraag],
):
    serializer_class = BestuursvraagSerializer
    filterset_class = BestuursvraagFilter

    def get_queryset(self) -> QuerySet[Bestuursvraag]:
        return selectors.bestuursvragen_for(self.actor).order_by("uiterlijk", "id")

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        obj = self.get_object()
        return self.respond(obj)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        invoer = self.validated(BestuursvraagInvoerSerializer)
        vraag = services.ask(actor=self.actor, **invoer)
        return self.respond(vraag, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Beantwoorden en het besluit vastleggen (college, wethouder of griffier namens de raad)",
        request=AntwoordInvoerSerializer,
        responses={200: BestuursvraagSerializer, 409: CONFLICT, 412: STALE},
    )
    @action(detail=True, methods=["post"])
    def beantwoorden(self, request: Request, pk: str | None = None) -> Response:
        vraag = self.get_object()
        invoer = self.validated(AntwoordInvoerSerializer)
        vraag = services.answer(
            actor=self.actor, vraag=vraag, expected_version=expected_version(request), **invoer
        )
        return self.respond(vraag)

    @extend_schema(
        summary="Vraag intrekken (vragensteller of directeur)",
        request=OvergangInvoerSerializer,
        responses={200: BestuursvraagSerializer, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"])
    def intrekken(self, request: Request, pk: str | None = None) -> Response:
        vraag = self.get_object()
        invoer = self.validated(OvergangInvoerSerializer)
        vraag = services.withdraw_question(
            actor=self.actor, vraag=vraag, reden=invoer["reden"], expected_version=expected_version(request)
        )
        return self.respond(vraag)


# --- overleggen ---------------------------------------------------------------------------------------------------------
class OverlegFilter(django_filters.FilterSet):
    soort = django_filters.ChoiceFilter(choices=Overlegsoort.choices)
    samenwerkingsverband = django_filters.CharFilter(field_name="samenwerkingsverband__slug")
    gemeente = django_filters.CharFilter(field_name="gemeenten__slug", distinct=True)
    vanaf = django_filters.DateFilter(field_name="datum", lookup_expr="gte")
    tot = django_filters.DateFilter(field_name="datum", lookup_expr="lte")

    class Meta:
        model = Overleg
        fields = ["soort", "samenwerkingsverband", "gemeente", "vanaf", "tot"]


@extend_schema_view(
    list=extend_schema(summary="Overleggen: portefeuillehoudersoverleg en gezamenlijk overleg"),
    retrieve=extend_schema(summary="Eén overleg met agenda en besluitenlijst"),
    create=extend_schema(
        summary="Overleg plannen", request=OverlegInvoerSerializer, responses={201: OverlegSerializer}
    ),
)
class OverlegViewSet(
    ActorMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Overleg],
):
    serializer_class = OverlegSerializer
    filterset_class = OverlegFilter

    def get_queryset(self) -> QuerySet[Overleg]:
        return selectors.met_agenda(selectors.overleggen_for(self.actor)).order_by("-datum", "-id")

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        obj = self.get_object()
        return self.respond(obj)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        invoer = self.validated(OverlegInvoerSerializer)
        overleg = services.plan_meeting(actor=self.actor, **invoer)
        overleg = self.get_queryset().get(pk=overleg.pk)
        return self.respond(overleg, status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["GET"], summary="Agenda van het overleg", responses=AgendapuntSerializer(many=True)
    )
    @extend_schema(
        methods=["POST"],
        summary="Agendapunt toevoegen (opdracht, vraag of gezamenlijk onderwerp)",
        request=AgendapuntInvoerSerializer,
        responses={201: AgendapuntSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def agendapunten(self, request: Request, pk: str | None = None) -> Response:
        overleg = self.get_object()
        if request.method == "GET":
            return Response(
                AgendapuntSerializer(
                    overleg.agendapunten.select_related("bestuursopdracht", "bestuursvraag"),
                    many=True,
                    context=self.get_serializer_context(),
                ).data
            )
        invoer = self.validated(AgendapuntInvoerSerializer)
        punt = services.add_agenda_item(actor=self.actor, overleg=overleg, **invoer)
        return Response(
            AgendapuntSerializer(punt, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(methods=["GET"], summary="Besluitenlijst", responses=BesluitSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        summary="Besluit vastleggen (bestuurskant)",
        request=BesluitInvoerSerializer,
        responses={201: BesluitSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def besluiten(self, request: Request, pk: str | None = None) -> Response:
        overleg = self.get_object()
        if request.method == "GET":
            return Response(BesluitSerializer(overleg.besluiten.all(), many=True).data)
        data = self.validated(BesluitInvoerSerializer)
        punt_id = data.pop("agendapunt")
        punt = overleg.agendapunten.filter(pk=punt_id).first() if punt_id else None
        if punt_id and punt is None:
            raise InvalidInput(fields={"agendapunt": ["Dit agendapunt hoort niet bij dit overleg."]})
        besluit = services.record_decision(actor=self.actor, overleg=overleg, agendapunt=punt, **data)
        return Response(BesluitSerializer(besluit).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Voorgestelde agendapunten: onderwerpen waarop meerdere partners verwante opdrachten hebben",
        responses=SuggestieSerializer(many=True),
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def suggesties(self, request: Request, pk: str | None = None) -> Response:
        overleg = self.get_object()
        return Response(SuggestieSerializer(selectors.suggestions(self.actor, overleg), many=True).data)


def register(router: DefaultRouter) -> None:
    router.register("bestuursopdrachten", BestuursopdrachtViewSet, basename="bestuursopdracht")
    router.register("wijzigingsverzoeken", WijzigingsverzoekViewSet, basename="wijzigingsverzoek")
    router.register("bestuursvragen", BestuursvraagViewSet, basename="bestuursvraag")
    router.register("overleggen", OverlegViewSet, basename="overleg")
