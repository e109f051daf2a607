"""API: GET /api/v1/naleving, compliance of the DVOs the caller may see, per partner × service × norm with
its figures per reporting period. Read only; the figures are computed from the cases on every request."""

from __future__ import annotations

import datetime as dt
from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from seta.api.fields import IdField, JaarField
from seta.api.pagination import Paginering
from seta.api.views import ActorMixin
from seta.core.errors import InvalidInput
from seta.dienstverlening import naleving_selectors
from seta.dienstverlening.meting import cijfers as kern
from seta.dienstverlening.models import Dagsoort, Normsoort
from seta.dienstverlening.naleving_selectors import Normregel
from seta.dienstverlening.naleving_weergave import normtekst

OORDELEN = [(k, v) for k, v in kern.OORDEEL_LABELS.items()]
TRENDS = [(k, v) for k, v in kern.TREND_LABELS.items()]


class NalevingParameters(serializers.Serializer[Any]):
    """The query parameters (camelCase)."""

    dvo = IdField(required=False, help_text="Id van een dienstverleningsovereenkomst.")
    gemeente = IdField(required=False, help_text="Id van een deelnemende gemeente.")
    catalogusitem = IdField(required=False, help_text="Id van een catalogusitem (dienst).")
    periodeVan = serializers.DateField(
        required=False, help_text="Alleen perioden die op of na deze datum eindigen (JJJJ-MM-DD)."
    )
    periodeTot = serializers.DateField(
        required=False, help_text="Alleen perioden die op of voor deze datum beginnen (JJJJ-MM-DD)."
    )
    jaar = JaarField(required=False, help_text="Alleen de perioden van dit jaar.")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        van, tot = attrs.get("periodeVan"), attrs.get("periodeTot")
        if van and tot and tot < van:
            raise serializers.ValidationError({"periodeTot": "Moet op of na periodeVan liggen."})
        return attrs


class PeriodecijfersSerializer(serializers.Serializer[Any]):
    periode = serializers.CharField(help_text="Code van de periode, bijv. 2026-K2.")
    naam = serializers.CharField(help_text="Bijvoorbeeld 2026 K2.")
    van = serializers.DateField()
    tot = serializers.DateField(help_text="Tot en met.")
    afgesloten = serializers.BooleanField(help_text="De periode is voorbij (telt mee voor een signaal).")
    ontvangen = serializers.IntegerField(help_text="Zaken ontvangen in de periode.")
    besloten = serializers.IntegerField(
        help_text="Zaken besloten in de periode: de basis van het percentage."
    )
    binnen_norm = serializers.IntegerField(help_text="Besloten zaken binnen de termijn.")
    percentage_binnen_norm = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    mediaan = serializers.DecimalField(
        max_digits=8,
        decimal_places=1,
        allow_null=True,
        help_text="Mediane doorlooptijd in de dagsoort van de norm.",
    )
    p90 = serializers.IntegerField(
        allow_null=True, help_text="90e percentiel (nearest rank) van de doorlooptijd."
    )
    open_over_termijn = serializers.IntegerField(
        help_text="Aan het eind van de periode open en over de termijn."
    )
    waarde = serializers.DecimalField(
        max_digits=10,
        decimal_places=1,
        allow_null=True,
        help_text="Gemeten waarde: score (kwaliteit), percentage (beschikbaarheid) of aantal (volume).",
    )
    oordeel = serializers.ChoiceField(choices=OORDELEN)
    trend = serializers.ChoiceField(
        choices=TRENDS, allow_null=True, help_text="Ten opzichte van de vorige periode."
    )


class NalevingSerializer(serializers.Serializer[Any]):
    dvo = serializers.IntegerField()
    dvo_kenmerk = serializers.CharField()
    gemeente = serializers.IntegerField()
    gemeente_naam = serializers.CharField()
    catalogusitem = serializers.IntegerField()
    catalogusitem_naam = serializers.CharField()
    norm = serializers.IntegerField()
    norm_omschrijving = serializers.CharField()
    normsoort = serializers.ChoiceField(choices=Normsoort.choices)
    eis = serializers.CharField(help_text="Wat de norm vraagt, bijv. 95 % binnen 8 weken.")
    termijn = serializers.IntegerField(allow_null=True)
    dagsoort = serializers.ChoiceField(choices=Dagsoort.choices, allow_blank=True)
    streefpercentage = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    minimumscore = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True)
    volume_min = serializers.IntegerField(allow_null=True)
    volume_max = serializers.IntegerField(allow_null=True)
    perioden = PeriodecijfersSerializer(many=True)


def _periode(c: kern.Periodecijfers) -> dict[str, Any]:
    return {
        "periode": c.periode.code,
        "naam": c.periode.label,
        "van": c.periode.start,
        "tot": c.periode.eind,
        "afgesloten": c.afgesloten,
        "ontvangen": c.ontvangen,
        "besloten": c.besloten,
        "binnen_norm": c.binnen_norm,
        "percentage_binnen_norm": c.percentage_binnen_norm,
        "mediaan": c.mediaan,
        "p90": c.p90,
        "open_over_termijn": c.open_over_termijn,
        "waarde": c.waarde,
        "oordeel": c.oordeel,
        "trend": c.trend,
    }


def _regel(r: Normregel, van: dt.date | None, tot: dt.date | None, jaar: int | None) -> dict[str, Any]:
    n = r.norm
    perioden = [
        c
        for c in r.cijfers
        if (van is None or c.periode.eind >= van)
        and (tot is None or c.periode.start <= tot)
        and (jaar is None or c.periode.jaar == jaar)
    ]
    return {
        "dvo": r.dvo.pk,
        "dvo_kenmerk": r.dvo.kenmerk,
        "gemeente": r.gemeente.pk,
        "gemeente_naam": r.gemeente.naam,
        "catalogusitem": r.catalogusitem.pk,
        "catalogusitem_naam": r.catalogusitem.naam,
        "norm": n.pk,
        "norm_omschrijving": n.omschrijving,
        "normsoort": n.soort,
        "eis": normtekst(r),
        "termijn": n.termijn,
        "dagsoort": n.dagsoort,
        "streefpercentage": n.streefpercentage,
        "minimumscore": n.minimumscore,
        "volume_min": n.volume_min,
        "volume_max": n.volume_max,
        "perioden": [_periode(c) for c in perioden],
    }


@extend_schema_view(
    list=extend_schema(
        summary="Naleving van de dienstverleningsovereenkomsten: per gemeente, dienst en norm de cijfers per periode",
        description=(
            "Per deelnemer × dienst × norm van elke DVO die u mag inzien: per rapportageperiode de besloten zaken, "
            "het percentage binnen de norm, de mediane en 90e-percentiel doorlooptijd, de open zaken over de "
            "termijn, de gemeten waarde, het oordeel (gehaald, niet gehaald, geen gegevens) en de trend. "
            "Berekend uit de zaken, zie docs/naleving.md."
        ),
        parameters=[NalevingParameters],
        responses=NalevingSerializer(many=True),
    )
)
class NalevingViewSet(ActorMixin, viewsets.ViewSet):
    pagination_class = Paginering

    def list(self, request: Request) -> Response:
        invoer = NalevingParameters(data=request.query_params)
        invoer.is_valid(raise_exception=True)
        p = invoer.validated_data
        dvos = naleving_selectors.dvos_voor_naleving(self.actor)
        if p.get("dvo") is not None:
            dvos = dvos.filter(pk=p["dvo"])
        if p.get("gemeente") is not None:
            dvos = dvos.filter(gemeente_id__in=[p["gemeente"]]) | dvos.filter(gemeente__isnull=True)
        regels: list[dict[str, Any]] = []
        for dvo in dvos.order_by("samenwerkingsverband__naam", "kenmerk", "-volgnummer"):
            for r in naleving_selectors.naleving_van(
                self.actor, dvo, gemeente_id=p.get("gemeente"), catalogusitem_id=p.get("catalogusitem")
            ):
                regels.append(_regel(r, p.get("periodeVan"), p.get("periodeTot"), p.get("jaar")))
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(regels, request, view=self)
        if page is None:  # pragma: no cover - the house pagination always pages
            raise InvalidInput(fields={"pagina": ["Ongeldige pagina."]})
        return paginator.get_paginated_response(NalevingSerializer(page, many=True).data)


def register(router: DefaultRouter) -> None:
    router.register("naleving", NalevingViewSet, basename="naleving")
