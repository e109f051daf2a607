"""API of the what-if and the principal's queue: ``POST /planning/wat-als`` (computes, saves nothing) and
``GET /planning/wachtrij?gemeente=<id>`` (one municipality's own assignments in the current plan, why, its share;
other partners only in aggregate). Registered by ``planning/api.py``."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from seta.api.fields import IdField
from seta.api.views import ActorMixin
from seta.core.errors import NotFound
from seta.gemeenten import selectors as gemeenten_selectors
from seta.opdrachten.models import Prioriteit
from seta.planning import selectors_watals, services_watals
from seta.samenwerkingsverbanden import selectors as sv_selectors


# --- what-if -------------------------------------------------------------------------------------------------
class WijzigingInvoerSerializer(serializers.Serializer[Any]):
    soort = serializers.ChoiceField(
        choices=list(services_watals.SOORT_LABELS.items()),
        help_text="nieuwe_opdracht, prioriteit, deadline of capaciteit.",
    )
    titel = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text="Nieuwe opdracht."
    )
    eenheid = IdField(required=False, allow_null=True, help_text="Nieuwe opdracht en capaciteit: de eenheid.")
    uren = serializers.DecimalField(
        required=False,
        allow_null=True,
        max_digits=9,
        decimal_places=1,
        help_text="Nieuwe opdracht: geraamde uren.",
    )
    vroegste_start = serializers.DateField(required=False, allow_null=True, help_text="Nieuwe opdracht.")
    deadline = serializers.DateField(
        required=False, allow_null=True, help_text="Nieuwe opdracht, of de nieuwe deadline (soort deadline)."
    )
    gemeenten = serializers.ListField(
        child=IdField(),
        required=False,
        max_length=50,
        help_text="Nieuwe opdracht: ids van de opdrachtgevers.",
    )
    prioriteit = serializers.ChoiceField(
        choices=Prioriteit.choices,
        required=False,
        allow_blank=True,
        help_text="Nieuwe opdracht, of de nieuwe prioriteit (soort prioriteit).",
    )
    wettelijk = serializers.BooleanField(required=False, default=False, help_text="Nieuwe opdracht.")
    opdracht = IdField(required=False, allow_null=True, help_text="Prioriteit en deadline: de opdracht.")
    extra_uren_per_week = serializers.DecimalField(
        required=False, allow_null=True, max_digits=7, decimal_places=1, help_text="Capaciteit (of extraFte)."
    )
    extra_fte = serializers.DecimalField(
        required=False,
        allow_null=True,
        max_digits=5,
        decimal_places=2,
        help_text="Capaciteit (of extraUrenPerWeek).",
    )
    van = serializers.DateField(required=False, allow_null=True, help_text="Capaciteit: eerste dag.")
    tot = serializers.DateField(
        required=False, allow_null=True, help_text="Capaciteit: laatste dag (leeg: tot het eind)."
    )


class WatalsInvoerSerializer(serializers.Serializer[Any]):
    samenwerkingsverband = IdField(help_text="Id van het samenwerkingsverband.")
    wijzigingen = WijzigingInvoerSerializer(many=True, help_text="Eén of meer wijzigingen (ten hoogste 10).")


class VerschuivingSerializer(serializers.Serializer[Any]):
    opdracht = serializers.IntegerField(
        source="opdracht_id", allow_null=True, help_text="Leeg: de nieuwe opdracht."
    )
    nummer = serializers.CharField()
    titel = serializers.CharField()
    gemeenten = serializers.CharField(help_text="De opdrachtgevers.")
    weken = serializers.IntegerField(help_text="Positief: later; negatief: eerder.")
    richting = serializers.CharField(help_text="later, eerder of nieuw.")
    voor = serializers.DateField(
        allow_null=True, help_text="Verwachte oplevering nu (leeg: na de planperiode)."
    )
    na = serializers.DateField(allow_null=True, help_text="Verwachte oplevering na de wijziging.")
    deadline = serializers.DateField(allow_null=True)
    te_laat = serializers.BooleanField(help_text="Te laat na de wijziging.")
    was_te_laat = serializers.BooleanField()


class EldersSerializer(serializers.Serializer[Any]):
    gemeenten = serializers.CharField(
        help_text="De partner(s) van deze opdrachten; titels worden niet getoond."
    )
    later = serializers.IntegerField()
    eerder = serializers.IntegerField()
    weken_later = serializers.IntegerField()
    uren = serializers.FloatField()
    te_laat = serializers.IntegerField()


class AandeelverschilSerializer(serializers.Serializer[Any]):
    gemeente = serializers.IntegerField(source="gemeente_id", allow_null=True)
    gemeente_naam = serializers.CharField(source="gemeente")
    recht_pct = serializers.FloatField()
    voor_pct = serializers.FloatField(help_text="Aandeel in de huidige meetperiode nu (%).")
    na_pct = serializers.FloatField(help_text="Aandeel in de huidige meetperiode na de wijziging (%).")
    voor_uren = serializers.FloatField()
    na_uren = serializers.FloatField()
    voor_tekort = serializers.FloatField()
    na_tekort = serializers.FloatField()


class WatalsuitkomstSerializer(serializers.Serializer[Any]):
    samenwerkingsverband = serializers.IntegerField(source="samenwerkingsverband.pk")
    wijzigingen = serializers.ListField(child=serializers.CharField(), help_text="Elke wijziging in woorden.")
    startweek = serializers.DateField()
    verschuivingen = VerschuivingSerializer(
        many=True, help_text="Opdrachten die u mag inzien (en de nieuwe)."
    )
    elders = EldersSerializer(
        many=True, help_text="Verschuivingen bij opdrachten die u niet mag inzien, per partner."
    )
    aandelen = AandeelverschilSerializer(many=True)
    tekort_voor = serializers.FloatField(help_text="Eerlijkheidstekort (uren) nu.")
    tekort_na = serializers.FloatField()
    laatheid_voor = serializers.FloatField(help_text="Uurweken te laat nu.")
    laatheid_na = serializers.FloatField()
    te_laat_voor = serializers.IntegerField()
    te_laat_na = serializers.IntegerField()
    niet_planbaar = serializers.IntegerField()


def _wijziging(d: dict[str, Any]) -> services_watals.Wijziging:
    return services_watals.Wijziging(
        soort=d["soort"],
        titel=d.get("titel") or "",
        eenheid=d.get("eenheid"),
        uren=d.get("uren"),
        vroegste_start=d.get("vroegste_start"),
        deadline=d.get("deadline"),
        gemeenten=tuple(d.get("gemeenten") or ()),
        prioriteit=d.get("prioriteit") or "",
        wettelijk=bool(d.get("wettelijk")),
        opdracht=d.get("opdracht"),
        extra_uren_per_week=d.get("extra_uren_per_week"),
        extra_fte=d.get("extra_fte"),
        van=d.get("van"),
        tot=d.get("tot"),
    )


class WatalsViewSet(ActorMixin, viewsets.ViewSet):
    @extend_schema(
        operation_id="planning_wat_als",
        summary="Wat als …? Bereken wat een wijziging doet met het plan (er wordt niets opgeslagen)",
        description=(
            "Plant het werk van het samenwerkingsverband zoals het nu is en met de wijzigingen (een nieuwe "
            "opdracht, een andere prioriteit of deadline, extra capaciteit), en geeft welke opdrachten "
            "opschuiven en hoe de aandelen veranderen. Titels alleen van opdrachten die u mag inzien; de rest "
            "per partner opgeteld. De pool mag alles uitproberen; een college, secretaris of beleidsregisseur "
            "alleen wijzigingen aan opdrachten van de eigen gemeente; extra capaciteit alleen de pool. "
            "Een POST, maar een berekening: er wordt niets opgeslagen (docs/planning.md)."
        ),
        request=WatalsInvoerSerializer,
        responses={200: WatalsuitkomstSerializer},
    )
    def create(self, request: Request) -> Response:
        invoer = WatalsInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        data = invoer.validated_data
        sv = (
            sv_selectors.samenwerkingsverbanden_for(self.actor)
            .filter(pk=data["samenwerkingsverband"])
            .first()
        )
        if sv is None:
            raise NotFound("Dit samenwerkingsverband bestaat niet (of is niet zichtbaar).")
        uitkomst = services_watals.wat_als(
            actor=self.actor,
            samenwerkingsverband=sv,
            wijzigingen=[_wijziging(w) for w in data["wijzigingen"]],
        )
        return Response(WatalsuitkomstSerializer(uitkomst).data)


# --- the queue -------------------------------------------------------------------------------------------------
class WachtrijParameters(serializers.Serializer[Any]):
    gemeente = IdField(help_text="Id van de gemeente (een van uw eigen gemeenten).")


class WachtregelSerializer(serializers.Serializer[Any]):
    opdracht = serializers.IntegerField(source="opdracht_id")
    nummer = serializers.CharField()
    titel = serializers.CharField()
    gemeenten = serializers.CharField()
    deadline = serializers.DateField()
    verwachte_oplevering = serializers.DateField(allow_null=True, help_text="Leeg: na de planperiode.")
    na_planperiode = serializers.BooleanField()
    te_laat = serializers.BooleanField()
    dagen_te_laat = serializers.IntegerField()
    waarom = serializers.CharField(help_text="Waarom de opdracht staat waar ze staat, in gewone taal.")
    uren = serializers.DecimalField(max_digits=10, decimal_places=1)


class NietPlanbaarSerializer(serializers.Serializer[Any]):
    opdracht = serializers.CharField()
    reden = serializers.CharField()

    def to_representation(self, instance: Any) -> dict[str, Any]:
        opdracht, reden = instance
        return {"opdracht": opdracht, "reden": reden}


class AandeeltekstSerializer(serializers.Serializer[Any]):
    periode_naam = serializers.CharField()
    ontvangen_pct = serializers.FloatField()
    recht_pct = serializers.FloatField()
    ontvangen = serializers.FloatField()
    recht = serializers.FloatField()
    tekort = serializers.FloatField()
    zin = serializers.CharField()


class WachtrijdeelSerializer(serializers.Serializer[Any]):
    samenwerkingsverband = serializers.IntegerField(source="samenwerkingsverband.pk")
    planrun = serializers.IntegerField(source="planrun.pk", allow_null=True, default=None)
    opdrachten = WachtregelSerializer(source="regels", many=True)
    niet_planbaar = NietPlanbaarSerializer(many=True)
    aandeel = AandeeltekstSerializer(allow_null=True, help_text="De huidige meetperiode.")
    aandelen = AandeeltekstSerializer(many=True, help_text="Elke meetperiode van het plan.")
    verborgen_eigen = serializers.IntegerField(
        help_text="Eigen opdrachten in het plan die u niet mag inzien."
    )
    andere_aantal = serializers.IntegerField(help_text="Opdrachten van andere partners in het plan (aantal).")
    andere_uren = serializers.DecimalField(max_digits=12, decimal_places=1)
    te_laat = serializers.IntegerField()


class WachtrijSerializer(serializers.Serializer[Any]):
    gemeente = serializers.IntegerField(source="gemeente.pk")
    gemeente_naam = serializers.CharField(source="gemeente.naam")
    delen = WachtrijdeelSerializer(
        many=True, help_text="Per samenwerkingsverband waarvan de gemeente partner is."
    )


class WachtrijViewSet(ActorMixin, viewsets.ViewSet):
    @extend_schema(
        operation_id="planning_wachtrij",
        summary="De wachtrij van een gemeente: haar opdrachten in het plan, waarom, en haar aandeel",
        description=(
            "Voor de eigen gemeente (college, secretaris, beleidsregisseurs, raad): de opdrachten in het huidige "
            "plan op volgorde van verwachte oplevering met deadline, te laat en waarom; het aandeel tegen het "
            "recht; niet-planbare opdrachten met de reden; andere partners alleen als aantal en uren."
        ),
        parameters=[WachtrijParameters],
        responses={200: WachtrijSerializer},
    )
    def list(self, request: Request) -> Response:
        invoer = WachtrijParameters(data=request.query_params)
        invoer.is_valid(raise_exception=True)
        gemeente = (
            gemeenten_selectors.gemeenten_for(self.actor).filter(pk=invoer.validated_data["gemeente"]).first()
        )
        if gemeente is None:
            raise NotFound("Deze gemeente bestaat niet.")
        return Response(WachtrijSerializer(selectors_watals.wachtrij(self.actor, gemeente)).data)


def register(router: DefaultRouter) -> None:
    router.register("planning/wat-als", WatalsViewSet, basename="planning-wat-als")
    router.register("planning/wachtrij", WachtrijViewSet, basename="planning-wachtrij")
