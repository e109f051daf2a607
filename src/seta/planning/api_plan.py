"""API of the plan: ``/api/v1/planruns`` (list, request a run, one run with its summary and shares), its outcomes
(``…/{id}/uitkomsten``, scoped by the assignment read scope, paginated) and its load per unit and week
(``…/{id}/belasting``, pool and board). Registered by ``planning/api.py``'s ``register``.

``POST /planruns`` answers 201 with the run when it was computed at once (small instances), 202 with
``Location`` when it is computed in the background (ADR 0044): poll ``GET /planruns/{id}`` until ``status`` is
``gereed`` or ``mislukt``.
"""

from __future__ import annotations

from typing import Any, cast

import django_filters
from django.db.models import QuerySet
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from seta.api.pagination import Paginering
from seta.api.views import ActorMixin
from seta.autorisaties import policy
from seta.core.errors import InvalidInput
from seta.planning import selectors_plan, services_plan
from seta.planning.models import Planrun, Planuitkomst, Runstatus
from seta.samenwerkingsverbanden import selectors as sv_selectors

CONFLICT = OpenApiResponse(description="Er wordt al een plan berekend voor dit samenwerkingsverband.")


# --- output ---------------------------------------------------------------------------------------------------------
class CijfersSerializer(serializers.Serializer[Any]):
    methode = serializers.CharField(help_text="highs (de oplosser) of edf (de vergelijking).")
    status = serializers.CharField(help_text="De status van de oplosser.")
    laatheid = serializers.FloatField(help_text="Uurweken te laat, gewogen naar prioriteit.")
    laatheid_ongewogen = serializers.FloatField(help_text="Uurweken te laat, ongewogen.")
    tekort = serializers.FloatField(
        help_text="De eerlijkheidsmaat: het grootste tekort van een partner in een periode (uren)."
    )
    rekentijd_s = serializers.FloatField()
    wettelijk_onhaalbaar = serializers.IntegerField()


class PlanaandeelSerializer(serializers.Serializer[Any]):
    partner = serializers.CharField(help_text="CBS-code van de gemeente.")
    gemeente = serializers.IntegerField(allow_null=True)
    gemeente_naam = serializers.CharField()
    periode = serializers.IntegerField(help_text="Index van de meetperiode (0 = de eerste).")
    periode_naam = serializers.CharField()
    van = serializers.DateField()
    tot = serializers.DateField(help_text="Tot en met.")
    ontvangen = serializers.FloatField(help_text="Geplande uren voor deze partner in de periode.")
    recht = serializers.FloatField(help_text="Het eerlijke deel in uren (gewogen max-min, naar de vraag).")
    tekort = serializers.FloatField(help_text="max(0, recht - ontvangen), uren.")
    ontvangen_pct = serializers.FloatField(help_text="Aandeel in de geplande opdrachturen (%).")
    recht_pct = serializers.FloatField(help_text="Het recht volgens de grondslag (%).")
    verschil_pct = serializers.FloatField(help_text="ontvangenPct - rechtPct (procentpunt).")


class WettelijkSerializer(serializers.Serializer[Any]):
    opdracht = serializers.IntegerField(allow_null=True)
    nummer = serializers.CharField()
    deadline = serializers.DateField(allow_null=True)
    uren_te_laat = serializers.FloatField()
    weken = serializers.ListField(child=serializers.CharField())
    tekst = serializers.CharField()


class ResultaatSerializer(serializers.Serializer[Any]):
    """The aggregate figures of a run (every reader of the run)."""

    methode = serializers.CharField(required=False)
    status = serializers.CharField(required=False)
    laatheid = serializers.FloatField(required=False)
    laatheid_ongewogen = serializers.FloatField(required=False)
    tekort = serializers.FloatField(required=False)
    rekentijd_ms = serializers.IntegerField(required=False)
    edf = CijfersSerializer(allow_null=True, required=False)
    periode_weken = serializers.IntegerField(required=False)
    drempel_procentpunt = serializers.FloatField(required=False)
    grondslag = serializers.CharField(required=False)
    aantal_vragen = serializers.IntegerField(required=False)
    aantal_planbaar = serializers.IntegerField(required=False)
    niet_planbaar = serializers.IntegerField(required=False)
    te_laat = serializers.IntegerField(required=False)
    na_planperiode = serializers.IntegerField(required=False)


RESULTAAT_VELDEN = tuple(ResultaatSerializer().fields)


class PlanrunSerializer(serializers.ModelSerializer[Planrun]):
    samenwerkingsverband: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    weken = serializers.IntegerField(source="aantal_weken", read_only=True)
    actueel = serializers.SerializerMethodField(
        help_text="Dit is het huidige plan van het samenwerkingsverband."
    )

    class Meta:
        model = Planrun
        fields = [
            "id",
            "samenwerkingsverband",
            "status",
            "status_label",
            "actueel",
            "startweek",
            "weken",
            "aangevraagd_op",
            "gestart_op",
            "gereed_op",
            "rekentijd_ms",
            "foutmelding",
        ]
        read_only_fields = fields

    def get_actueel(self, obj: Planrun) -> bool:
        context = cast("dict[str, Any]", self.context)  # shared by the rows of a list
        cache: dict[int, int | None] = context.setdefault("_actueel", {})
        if obj.samenwerkingsverband_id not in cache:
            run = selectors_plan.actueel_plan(obj.samenwerkingsverband_id)
            cache[obj.samenwerkingsverband_id] = run.pk if run else None
        return cache[obj.samenwerkingsverband_id] == obj.pk


class PlanrunDetailSerializer(PlanrunSerializer):
    resultaat = serializers.SerializerMethodField()
    aandelen = serializers.SerializerMethodField(
        help_text="Per partner en meetperiode het ontvangen aandeel tegen het recht (elke opdrachtgever ziet dit)."
    )
    wettelijk = serializers.SerializerMethodField(
        help_text="Wettelijke termijnen die niet haalbaar zijn (alleen opdrachten die u mag inzien)."
    )

    class Meta(PlanrunSerializer.Meta):
        fields = [*PlanrunSerializer.Meta.fields, "resultaat", "aandelen", "wettelijk"]
        read_only_fields = fields

    @extend_schema_field(ResultaatSerializer())
    def get_resultaat(self, obj: Planrun) -> dict[str, Any]:
        r = obj.resultaat or {}
        return ResultaatSerializer({k: r[k] for k in RESULTAAT_VELDEN if k in r}).data

    @extend_schema_field(PlanaandeelSerializer(many=True))
    def get_aandelen(self, obj: Planrun) -> list[Any]:
        actor = self.context["actor"]
        if not policy.can(actor, "plan.aandelen_lezen", obj):
            return []
        return list(PlanaandeelSerializer(selectors_plan.aandelen(actor, obj), many=True).data)

    @extend_schema_field(WettelijkSerializer(many=True))
    def get_wettelijk(self, obj: Planrun) -> list[Any]:
        rijen = selectors_plan.wettelijk_for(self.context["actor"], obj)
        return list(WettelijkSerializer(rijen, many=True).data)


class PlanuitkomstSerializer(serializers.ModelSerializer[Planuitkomst]):
    nummer = serializers.CharField(source="bestuursopdracht.nummer", read_only=True)
    titel = serializers.CharField(source="bestuursopdracht.titel", read_only=True)
    planstatus = serializers.SerializerMethodField()
    weken_te_laat = serializers.SerializerMethodField()
    uitleg = serializers.SerializerMethodField(help_text="Waarom de opdracht staat waar ze staat.")

    class Meta:
        model = Planuitkomst
        fields = [
            "id",
            "bestuursopdracht",
            "nummer",
            "titel",
            "planbaar",
            "reden",
            "wettelijk",
            "planstatus",
            "uren_gepland",
            "uren_na_horizon",
            "eerste_week",
            "verwachte_oplevering",
            "deadline",
            "dagen_te_laat",
            "weken_te_laat",
            "uitleg",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=list(selectors_plan.PLANSTATUS_LABELS.items())))
    def get_planstatus(self, obj: Planuitkomst) -> str:
        return selectors_plan.planstatus(obj)

    def get_weken_te_laat(self, obj: Planuitkomst) -> int:
        return int((obj.uitleg or {}).get("weken_te_laat", 0))

    def get_uitleg(self, obj: Planuitkomst) -> str:
        return selectors_plan.uitleg_tekst(obj)


class BelastingcelSerializer(serializers.Serializer[Any]):
    week = serializers.DateField(help_text="De maandag van de week.")
    gepland = serializers.DecimalField(max_digits=9, decimal_places=1)
    capaciteit = serializers.DecimalField(
        max_digits=9, decimal_places=1, help_text="Capaciteit voor opdrachten."
    )
    vol = serializers.BooleanField(help_text="Meer dan 95 % van de capaciteit gepland.")


class BelastingrijSerializer(serializers.Serializer[Any]):
    eenheid = serializers.IntegerField(source="eenheid_id")
    eenheid_naam = serializers.CharField(source="eenheid")
    weken = BelastingcelSerializer(source="cellen", many=True)


# --- input ----------------------------------------------------------------------------------------------------------
class PlanrunInvoerSerializer(serializers.Serializer[Any]):
    samenwerkingsverband = serializers.SlugField(help_text="Slug van het samenwerkingsverband, bijv. bel.")
    startweek = serializers.DateField(
        required=False, help_text="Een dag in de eerste week van het plan (standaard: deze week)."
    )
    weken = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=services_plan.WEKEN_MAX,
        help_text="Aantal weken (standaard 65).",
    )
    achtergrond = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="true: op de achtergrond; false: direct; weglaten: op de achtergrond vanaf 2.000 vragen.",
    )


class BelastingParameters(serializers.Serializer[Any]):
    van = serializers.IntegerField(required=False, min_value=0, max_value=services_plan.WEKEN_MAX, default=0)
    weken = serializers.IntegerField(required=False, min_value=1, max_value=services_plan.WEKEN_MAX)


class PlanrunFilter(django_filters.FilterSet):
    samenwerkingsverband = django_filters.CharFilter(
        field_name="samenwerkingsverband__slug", label="Slug, bijv. bel."
    )
    status = django_filters.ChoiceFilter(choices=Runstatus.choices)

    class Meta:
        model = Planrun
        fields = ["samenwerkingsverband", "status"]


@extend_schema_view(
    list=extend_schema(summary="Planruns die u mag zien (nieuwste eerst)"),
    retrieve=extend_schema(
        summary="Eén planrun: status, samenvatting, aandelen per partner, wettelijke termijnen in gevaar",
        responses=PlanrunDetailSerializer,
    ),
    create=extend_schema(
        summary="Plan (opnieuw) berekenen (directeur of controller van de werkorganisatie)",
        description=(
            "Bouwt de invoer uit de opgedragen opdrachten, de capaciteit en de planningsregels en berekent het "
            "plan. 201: direct berekend (kleine instanties). 202 met Location: wordt op de achtergrond berekend; "
            "vraag GET /planruns/{id} op tot de status gereed of mislukt is."
        ),
        request=PlanrunInvoerSerializer,
        responses={201: PlanrunDetailSerializer, 202: PlanrunSerializer, 409: CONFLICT},
    ),
)
class PlanrunViewSet(
    ActorMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Planrun],
):
    serializer_class = PlanrunSerializer
    filterset_class = PlanrunFilter
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self) -> QuerySet[Planrun]:
        return selectors_plan.planruns_for(self.actor).order_by("-aangevraagd_op", "-pk")

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        run = selectors_plan.planrun_for(self.actor, kwargs.get("pk"))
        return Response(PlanrunDetailSerializer(run, context=self.get_serializer_context()).data)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self.validated(PlanrunInvoerSerializer)
        sv = sv_selectors.samenwerkingsverband_by_slug(self.actor, data["samenwerkingsverband"])
        if sv is None:
            raise InvalidInput(
                fields={
                    "samenwerkingsverband": ["Dit samenwerkingsverband bestaat niet (of is niet zichtbaar)."]
                }
            )
        run = services_plan.vraag_plan_aan(
            actor=self.actor,
            samenwerkingsverband=sv,
            startweek=data.get("startweek"),
            weken=data.get("weken", services_plan.invoer_mod.STANDAARD_WEKEN),
            achtergrond=data.get("achtergrond"),
        )
        run = selectors_plan.planrun_for(self.actor, run.pk)
        if run.status in (Runstatus.WACHTRIJ, Runstatus.BEZIG):
            antwoord = Response(
                PlanrunSerializer(run, context=self.get_serializer_context()).data, status=202
            )
            antwoord["Location"] = f"/api/v1/planruns/{run.pk}"
            return antwoord
        return Response(
            PlanrunDetailSerializer(run, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        summary="De uitkomsten van een planrun per opdracht (alleen opdrachten die u mag inzien)",
        responses=PlanuitkomstSerializer(many=True),
    )
    @action(detail=True, methods=["get"], pagination_class=Paginering)
    def uitkomsten(self, request: Request, pk: str | None = None) -> Response:
        run = selectors_plan.planrun_for(self.actor, pk)
        qs = selectors_plan.uitkomsten_for(self.actor, run)
        paginator = Paginering()
        page = paginator.paginate_queryset(qs, request, view=self)
        if page is None:  # pragma: no cover - the house pagination always pages
            raise InvalidInput(fields={"pagina": ["Ongeldige pagina."]})
        return paginator.get_paginated_response(PlanuitkomstSerializer(page, many=True).data)

    @extend_schema(
        summary="Belasting per eenheid en week: gepland tegen de capaciteit voor opdrachten (pool en bestuur)",
        parameters=[
            OpenApiParameter(
                "van",
                {"type": "integer", "minimum": 0, "maximum": services_plan.WEKEN_MAX},
                description="Eerste week (index, 0 = de startweek).",
            ),
            OpenApiParameter(
                "weken",
                {"type": "integer", "minimum": 1, "maximum": services_plan.WEKEN_MAX},
                description="Aantal weken (standaard: de hele planperiode).",
            ),
        ],
        responses=BelastingrijSerializer(many=True),
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def belasting(self, request: Request, pk: str | None = None) -> Response:
        run = selectors_plan.planrun_for(self.actor, pk)
        invoer = BelastingParameters(data=request.query_params)
        invoer.is_valid(raise_exception=True)
        p = invoer.validated_data
        rijen = selectors_plan.belasting(self.actor, run, van=p.get("van", 0), weken=p.get("weken"))
        return Response(BelastingrijSerializer(rijen, many=True).data)


def register(router: DefaultRouter) -> None:
    router.register("planruns", PlanrunViewSet, basename="planrun")
