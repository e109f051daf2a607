"""API of planning: /planningsregels (list, read, create, PATCH a concept, history, one ``POST …/{id}/<actie>`` per
action of the lifecycle table), /afwezigheden (CRUD) and ``GET /capaciteit`` (per unit and week).

``register`` also registers the plan's and the what-if's routes (``api_plan.py``, ``api_watals.py``) when those
modules exist.
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

import django_filters
from django.db.models import QuerySet
from django.urls import path
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.views import APIView

from seta.api.concurrency import expected_version
from seta.api.filters import IdFilter, JaarFilter
from seta.api.views import ActorMixin
from seta.autorisaties import policy
from seta.core.errors import InvalidInput, NotFound
from seta.organisatie import selectors as organisatie_selectors
from seta.planning import lifecycle, selectors, services
from seta.planning.kern import capaciteit as kern
from seta.planning.models import Afwezigheid, Afwezigheidsoort, Planningsregels
from seta.planning.serializers import (
    AfwezigheidInvoerSerializer,
    AfwezigheidSerializer,
    AfwezigheidWijzigSerializer,
    CapaciteitParameters,
    CapaciteitSerializer,
    PlanningsregelsInvoerSerializer,
    PlanningsregelsSerializer,
    PlanningsregelsWijzigSerializer,
    RegelgebeurtenisSerializer,
    RegelsactieInvoerSerializer,
    RegelsBesluitInvoerSerializer,
    velden_uit,
)
from seta.samenwerkingsverbanden import selectors as sv_selectors
from seta.samenwerkingsverbanden.besluiten import require_bevoegd
from seta.samenwerkingsverbanden.models import Besluitonderwerp

STALE = OpenApiResponse(description="Verouderde versie: het record is intussen gewijzigd (If-Match).")
CONFLICT = OpenApiResponse(description="De handeling past niet bij de huidige status (bijv. al vastgesteld).")
LEES = "planningsregels.lezen"


def _sv(actor: Any, pk: int) -> Any:
    sv = sv_selectors.samenwerkingsverbanden_for(actor).filter(pk=pk).first()
    if sv is None:
        raise InvalidInput(
            fields={"samenwerkingsverband": ["Dit samenwerkingsverband bestaat niet (of is niet zichtbaar)."]}
        )
    return sv


# --- rules --------------------------------------------------------------------------------------------------------
class RegelsFilter(django_filters.FilterSet):
    samenwerkingsverband = IdFilter(field_name="samenwerkingsverband_id")
    jaar = JaarFilter(field_name="jaar")
    status = django_filters.ChoiceFilter(choices=list(lifecycle.STATUS_LABELS.items()))

    class Meta:
        model = Planningsregels
        fields = ["samenwerkingsverband", "jaar", "status"]


@extend_schema_view(
    list=extend_schema(summary="Planningsregels die u mag zien, alle versies"),
    retrieve=extend_schema(summary="Eén versie van de planningsregels met het besluit en de acties (ETag)"),
    create=extend_schema(
        summary="Concept-planningsregels opstellen voor een jaar (directeur of controller van de werkorganisatie)",
        request=PlanningsregelsInvoerSerializer,
        responses={201: PlanningsregelsSerializer, 409: CONFLICT},
    ),
    partial_update=extend_schema(
        summary="Concept wijzigen (If-Match). Vastgestelde regels wijzigen nooit: stel een nieuwe versie op.",
        request=PlanningsregelsWijzigSerializer,
        responses={200: PlanningsregelsSerializer, 409: CONFLICT, 412: STALE},
    ),
)
class PlanningsregelsViewSet(
    ActorMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Planningsregels],
):
    serializer_class = PlanningsregelsSerializer
    filterset_class = RegelsFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Planningsregels]:
        return selectors.planningsregels_for(self.actor).order_by(
            "samenwerkingsverband__naam", "-jaar", "-volgnummer", "id"
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.respond(self.get_object())

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self.validated(PlanningsregelsInvoerSerializer)
        sv = _sv(self.actor, data.pop("samenwerkingsverband"))
        jaar = data.pop("jaar")
        regels = services.stel_regels_op(
            actor=self.actor, samenwerkingsverband=sv, jaar=jaar, **velden_uit(data)
        )
        return self.respond(regels, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        regels = self.get_object()
        policy.require(self.actor, "planningsregels.wijzigen", regels, read_action=LEES)
        data = self.validated(PlanningsregelsWijzigSerializer, partial=True)
        regels = services.wijzig_regels(
            actor=self.actor, regels=regels, expected_version=expected_version(request), **velden_uit(data)
        )
        return self.respond(regels)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(
        summary="Geschiedenis: elke versie-handeling met het besluit, nieuwste eerst",
        responses=RegelgebeurtenisSerializer(many=True),
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def historie(self, request: Request, pk: str | None = None) -> Response:
        regels = self.get_object()
        return Response(
            RegelgebeurtenisSerializer(selectors.historie_for(self.actor, regels), many=True).data
        )

    def _actie(self, request: Request, actie: str) -> Response:
        regels = self.get_object()
        # Refuse (403) before looking at the input, so a forbidden actor never learns about validation rules.
        if actie == lifecycle.VASTSTELLEN:  # the refusal names the deciding body
            require_bevoegd(
                self.actor,
                "planningsregels.vaststellen",
                regels,
                samenwerkingsverband=regels.samenwerkingsverband,
                onderwerp=Besluitonderwerp.PLANNINGSREGELS,
                read_action=LEES,
            )
        policy.require(self.actor, f"planningsregels.{actie}", regels, read_action=LEES)
        invoer = self.validated(
            RegelsBesluitInvoerSerializer if actie in lifecycle.MET_BESLUIT else RegelsactieInvoerSerializer
        )
        gegevens: dict[str, Any] = {"expected_version": expected_version(request)}
        if actie in lifecycle.MET_BESLUIT:
            gegevens["besluit"] = invoer["besluit"]
        uitkomst = services.voer_uit(actor=self.actor, regels=regels, actie=actie, gegevens=gegevens)
        return self.respond(
            uitkomst, status=status.HTTP_201_CREATED if actie == lifecycle.NIEUWE_VERSIE else 200
        )


def _action_route(actie: str) -> Any:
    rij = next(o for o in lifecycle.OVERGANGEN if o.actie == actie)
    beschrijving = (
        f"{rij.label}. Vanuit: {lifecycle.STATUS_LABELS[rij.van].lower()}. Wie: {rij.wie}."
        + (" Met het besluit (orgaan, kenmerk, datum)." if rij.besluit else "")
        + (" Antwoordt de nieuwe versie (concept)." if actie == lifecycle.NIEUWE_VERSIE else "")
        + " Stuur If-Match mee (de versie van de regels)."
    )

    def handler(self: PlanningsregelsViewSet, request: Request, pk: str | None = None) -> Response:
        return self._actie(request, actie)

    handler.__name__ = actie
    decorated = action(detail=True, methods=["post"], url_path=lifecycle.url_deel(actie), url_name=actie)(
        handler
    )
    return extend_schema(
        summary=rij.label,
        description=beschrijving,
        request=RegelsBesluitInvoerSerializer if rij.besluit else RegelsactieInvoerSerializer,
        responses={
            (201 if actie == lifecycle.NIEUWE_VERSIE else 200): PlanningsregelsSerializer,
            409: CONFLICT,
            412: STALE,
        },
        operation_id=f"planningsregels_{actie}",
    )(decorated)


for _actie in lifecycle.ACTIES:
    if _actie != lifecycle.WIJZIGEN:  # editing is PATCH …/{id}
        setattr(PlanningsregelsViewSet, _actie, _action_route(_actie))


# --- absences -----------------------------------------------------------------------------------------------------
class AfwezigheidFilter(django_filters.FilterSet):
    samenwerkingsverband = IdFilter(field_name="samenwerkingsverband_id")
    medewerker = IdFilter(field_name="medewerker_id")
    soort = django_filters.ChoiceFilter(choices=Afwezigheidsoort.choices)

    class Meta:
        model = Afwezigheid
        fields = ["samenwerkingsverband", "medewerker", "soort"]


@extend_schema_view(
    list=extend_schema(
        summary="Afwezigheden die u mag zien (persoonsgegevens: leiding van de werkorganisatie, teamleider, uzelf)"
    ),
    retrieve=extend_schema(summary="Eén afwezigheid (ETag)"),
    create=extend_schema(
        summary="Afwezigheid registreren boven het gewone patroon (teamleider van de eenheid of directeur)",
        request=AfwezigheidInvoerSerializer,
        responses={201: AfwezigheidSerializer},
    ),
    partial_update=extend_schema(
        summary="Afwezigheid wijzigen (If-Match)",
        request=AfwezigheidWijzigSerializer,
        responses={200: AfwezigheidSerializer, 412: STALE},
    ),
    destroy=extend_schema(summary="Afwezigheid verwijderen (If-Match)", responses={204: None, 412: STALE}),
)
class AfwezigheidViewSet(
    ActorMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet[Afwezigheid],
):
    serializer_class = AfwezigheidSerializer
    filterset_class = AfwezigheidFilter
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[Afwezigheid]:
        return selectors.afwezigheden_for(self.actor).order_by("medewerker__naam", "van", "id")

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.respond(self.get_object())

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = self.validated(AfwezigheidInvoerSerializer)
        medewerker = organisatie_selectors.medewerker_for(self.actor, data.pop("medewerker"))
        if medewerker is None:
            raise InvalidInput(
                fields={"medewerker": ["Deze medewerker bestaat niet (of is niet zichtbaar)."]}
            )
        afwezigheid = services.registreer_afwezigheid(actor=self.actor, medewerker=medewerker, **data)
        return self.respond(afwezigheid, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        afwezigheid = self.get_object()
        policy.require(self.actor, "afwezigheid.wijzigen", afwezigheid, read_action="afwezigheid.lezen")
        data = self.validated(AfwezigheidWijzigSerializer, partial=True)
        afwezigheid = services.wijzig_afwezigheid(
            actor=self.actor, afwezigheid=afwezigheid, expected_version=expected_version(request), **data
        )
        return self.respond(afwezigheid)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.partial_update(request, *args, **kwargs)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        services.verwijder_afwezigheid(
            actor=self.actor, afwezigheid=self.get_object(), expected_version=expected_version(request)
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- capacity -----------------------------------------------------------------------------------------------------
def _week(w: dt.date, cap: Any, i: int) -> dict[str, Any]:
    return {
        "week": w,
        "bruto": cap.bruto[i],
        "afwezig": cap.afwezig[i],
        "netto": cap.netto[i],
        "regulier": cap.regulier[i],
        "opdrachten": cap.opdrachten[i],
    }


def capaciteit_gegevens(actor: Any, sv: Any, startweek: dt.date, weken: int) -> dict[str, Any]:
    """The capacity answer (also the page's data): per unit the weeks and the total."""
    start = kern.maandag(startweek)
    regels, rijen = selectors.capaciteit_overzicht(actor, sv, start, weken)
    uren = float(regels.uren_per_fte_week) if regels else 36.0
    productief = float(regels.productieve_uren_per_fte_jaar) if regels else 1600.0
    weekdata = [start + dt.timedelta(weeks=i) for i in range(weken)]
    return {
        "samenwerkingsverband": sv.pk,
        "startweek": start,
        "weken": weken,
        "planningsregels": regels.pk if regels else None,
        "netto_factor": kern.netto_factor(uren, productief),
        "eenheden": [
            {
                "eenheid": r.eenheid.pk,
                "code": r.eenheid.code,
                "naam": r.eenheid.naam,
                "weken": [_week(w, kern.afgerond(r.capaciteit), i) for i, w in enumerate(weekdata)],
                "totaal": {"week": start, **kern.totalen_afgerond(r.capaciteit)},
            }
            for r in rijen
        ],
    }


class CapaciteitView(ActorMixin, APIView):
    """Capacity per unit and week of one cooperation (aggregates, no names)."""

    @extend_schema(
        summary="Capaciteit per eenheid en week (bruto, afwezig, netto, regulier, voor opdrachten)",
        description=(
            "Per eenheid met eigen medewerkers (niet die van onderliggende eenheden): contracturen, geregistreerde "
            "afwezigheid, netto na de bruto-nettofactor, het deel voor regulier werk en het deel voor "
            "bestuursopdrachten, in uren per week. Geaggregeerd, zonder namen. Zie docs/planning.md."
        ),
        parameters=[CapaciteitParameters],
        responses={200: CapaciteitSerializer},
        operation_id="capaciteit_ophalen",
    )
    def get(self, request: Request) -> Response:
        invoer = CapaciteitParameters(data=request.query_params)
        invoer.is_valid(raise_exception=True)
        p = invoer.validated_data
        sv = sv_selectors.samenwerkingsverbanden_for(self.actor).filter(pk=p["samenwerkingsverband"]).first()
        if sv is None:
            raise NotFound("Dit samenwerkingsverband bestaat niet (of is niet zichtbaar).")
        startweek = p.get("startweek") or timezone.localdate()
        data = capaciteit_gegevens(self.actor, sv, startweek, p["weken"])
        return Response(CapaciteitSerializer(data).data)


urlpatterns: list[Any] = [path("capaciteit", CapaciteitView.as_view(), name="capaciteit")]


def register(router: DefaultRouter) -> None:
    router.register("planningsregels", PlanningsregelsViewSet, basename="planningsregels")
    router.register("afwezigheden", AfwezigheidViewSet, basename="afwezigheid")
    for naam in ("seta.planning.api_plan", "seta.planning.api_watals"):
        try:
            module = importlib.import_module(naam)
        except ModuleNotFoundError as exc:
            if exc.name != naam:
                raise
            continue
        module.register(router)
        # their plain routes (``urlpatterns``) are served with ours: ``seta.api.urls`` reads this module's list
        for patroon in getattr(module, "urlpatterns", []):
            if patroon not in urlpatterns:
                urlpatterns.append(patroon)
