"""API representations of the council reports, the reporting cycle and the subscriptions (camelCase in JSON).

``inhoud`` is data, not fields: it is served exactly as stored (the keys of ``kern/model.py``, snake_case), so a
client can check ``inhoudSha256`` over it (canonical JSON: keys sorted, separators ``,`` and ``:``, UTF-8).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from seta.api.fields import IdField, JaarField, ToegestaneActiesField
from seta.rapportage import lifecycle, selectors
from seta.rapportage.models import Abonnement, Raadsrapportage, Ritme
from seta.samenwerkingsverbanden.models import Bestuursbesluit
from seta.samenwerkingsverbanden.serializers import BestuursbesluitInvoerSerializer

INHOUD_UITLEG = (
    "De inhoud van de rapportage (het contract: src/seta/rapportage/kern/model.py), met de sleutels zoals "
    "opgeslagen. Voor een aangeboden rapportage de vastgelegde inhoud (SHA-256 in inhoudSha256, over de "
    "canonieke JSON: sleutels gesorteerd, scheidingstekens ',' en ':', UTF-8); voor een concept nu berekend."
)


class RapportagebesluitSerializer(serializers.ModelSerializer[Bestuursbesluit]):
    gemeente = serializers.IntegerField(
        source="gemeente_id", read_only=True, allow_null=True, help_text="Bij een collegebesluit."
    )

    class Meta:
        model = Bestuursbesluit
        fields = ["orgaan", "gemeente", "kenmerk", "datum", "omschrijving", "vastgelegd_op"]
        read_only_fields = fields


class RaadsrapportageSerializer(serializers.ModelSerializer[Raadsrapportage]):
    """A report in a list: its recipient, period, version and state (without the content)."""

    samenwerkingsverband = serializers.IntegerField(source="samenwerkingsverband_id", read_only=True)
    samenwerkingsverband_naam = serializers.CharField(source="samenwerkingsverband.naam", read_only=True)
    gemeente = serializers.IntegerField(
        source="gemeente_id", read_only=True, allow_null=True, help_text="Leeg: de gezamenlijke rapportage."
    )
    gemeente_naam = serializers.CharField(
        source="gemeente.naam", read_only=True, allow_null=True, default=None
    )
    gezamenlijk = serializers.BooleanField(source="is_gezamenlijk", read_only=True)
    naam = serializers.CharField(source="__str__", read_only=True)
    voorganger = serializers.IntegerField(
        source="voorganger_id", read_only=True, allow_null=True, help_text="De versie die deze corrigeert."
    )
    besluit = RapportagebesluitSerializer(read_only=True, allow_null=True)
    aangeboden_door: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    toegestane_acties = ToegestaneActiesField()

    class Meta:
        model = Raadsrapportage
        fields = [
            "id",
            "naam",
            "samenwerkingsverband",
            "samenwerkingsverband_naam",
            "gemeente",
            "gemeente_naam",
            "gezamenlijk",
            "jaar",
            "periode",
            "periode_naam",
            "begin",
            "eind",
            "volgnummer",
            "voorganger",
            "status",
            "toelichting_pool",
            "toelichting_gemeente",
            "correctiereden",
            "besluit",
            "aangeboden_op",
            "aangeboden_door",
            "inhoud_sha256",
            "pdf_sha256",
            "toegestane_acties",
            "versie",
        ]
        read_only_fields = fields


class RaadsrapportageDetailSerializer(RaadsrapportageSerializer):
    """One report with its content (``inhoud``)."""

    inhoud = serializers.SerializerMethodField(help_text=INHOUD_UITLEG)

    class Meta(RaadsrapportageSerializer.Meta):
        fields = [*RaadsrapportageSerializer.Meta.fields, "inhoud"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_inhoud(self, rapportage: Raadsrapportage) -> dict[str, Any]:
        return dict(selectors.weergave_inhoud(self.context["actor"], rapportage))


class RaadsrapportageInvoerSerializer(serializers.Serializer[Any]):
    samenwerkingsverband = IdField(help_text="Id van het samenwerkingsverband.")
    gemeente = IdField(
        required=False, allow_null=True, default=None, help_text="Id van de gemeente; leeg: de gezamenlijke."
    )
    jaar = JaarField()
    periode = serializers.CharField(
        max_length=20, help_text="De code van de periode in de cyclus, bijv. 'najaarsnota', 't2' of 'q3'."
    )


class LeegInvoerSerializer(serializers.Serializer[Any]):
    versie = serializers.IntegerField(required=False, min_value=0, help_text="In plaats van If-Match.")


class ToelichtingInvoerSerializer(LeegInvoerSerializer):
    tekst = serializers.CharField(
        allow_blank=True, max_length=10_000, trim_whitespace=False, help_text="De toelichting (geen opmaak)."
    )


class AanbiedenInvoerSerializer(LeegInvoerSerializer):
    besluit = BestuursbesluitInvoerSerializer(
        help_text=(
            "Het besluit: bij de rapportage van een gemeente het collegebesluit (orgaan 'college'), bij de "
            "gezamenlijke het besluit van het bevoegde orgaan (standaard het algemeen bestuur); kenmerk en datum."
        )
    )


class CorrigerenInvoerSerializer(LeegInvoerSerializer):
    reden = serializers.CharField(max_length=5000, help_text="Wat was er onjuist aan de aangeboden versie?")


INVOER: dict[str, type[serializers.Serializer[Any]]] = {
    lifecycle.TOELICHTEN_POOL: ToelichtingInvoerSerializer,
    lifecycle.TOELICHTEN_GEMEENTE: ToelichtingInvoerSerializer,
    lifecycle.AANBIEDEN: AanbiedenInvoerSerializer,
    lifecycle.CORRIGEREN: CorrigerenInvoerSerializer,
}


class RapportagegebeurtenisSerializer(serializers.Serializer[Any]):
    tijdstip = serializers.DateTimeField()
    wie = serializers.CharField()
    wat = serializers.CharField()


# --- the cycle ----------------------------------------------------------------------------------------------------
class RapportageperiodeSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    naam = serializers.CharField()
    begin = serializers.DateField()
    eind = serializers.DateField()
    aanbieden_uiterlijk = serializers.DateField(help_text="Einde van de periode + dagenNaPeriode.")


class WgrtermijnSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    naam = serializers.CharField()
    artikel = serializers.CharField()
    datum = serializers.DateField(allow_null=True, help_text="Leeg: hangt af van de vergadering van het AB.")
    toelichting = serializers.CharField()


class WgrkalenderSerializer(serializers.Serializer[Any]):
    bron = serializers.CharField()
    termijnen = WgrtermijnSerializer(many=True)


class RapportagecyclusSerializer(serializers.Serializer[Any]):
    samenwerkingsverband = serializers.IntegerField()
    samenwerkingsverband_naam = serializers.CharField()
    ritme = serializers.ChoiceField(choices=Ritme.choices)
    bron = serializers.CharField()
    dagen_na_periode = serializers.IntegerField()
    vastgelegd = serializers.BooleanField(help_text="Onwaar: de standaard (de P&C-cyclus), versie 0.")
    jaar = serializers.IntegerField(help_text="Het jaar van de perioden en de Wgr-kalender.")
    perioden = RapportageperiodeSerializer(many=True)
    wgr_kalender = WgrkalenderSerializer()
    toegestane_acties = serializers.ListField(child=serializers.CharField())
    versie = serializers.IntegerField()


class CyclusParameters(serializers.Serializer[Any]):
    jaar = JaarField(
        required=False, help_text="Het jaar van de perioden en de Wgr-kalender (standaard dit jaar)."
    )


class CyclusInvoerSerializer(serializers.Serializer[Any]):
    ritme = serializers.ChoiceField(choices=Ritme.choices)
    bron = serializers.CharField(
        max_length=300, allow_blank=True, help_text="Waar het ritme op berust (verordening, artikel)."
    )
    dagen_na_periode = serializers.IntegerField(min_value=1, max_value=365)
    versie = serializers.IntegerField(required=False, min_value=0, help_text="In plaats van If-Match.")


class CyclusWijzigSerializer(CyclusInvoerSerializer):
    """Only the fields sent are changed."""


# --- subscriptions ------------------------------------------------------------------------------------------------
class AbonnementSerializer(serializers.ModelSerializer[Abonnement]):
    samenwerkingsverband = serializers.IntegerField(source="samenwerkingsverband_id", read_only=True)
    samenwerkingsverband_naam = serializers.CharField(source="samenwerkingsverband.naam", read_only=True)
    gemeente = serializers.IntegerField(
        source="gemeente_id",
        read_only=True,
        allow_null=True,
        help_text="Leeg: alle rapportages van het verband.",
    )
    gemeente_naam = serializers.CharField(
        source="gemeente.naam", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = Abonnement
        fields = [
            "id",
            "samenwerkingsverband",
            "samenwerkingsverband_naam",
            "gemeente",
            "gemeente_naam",
            "aangemaakt_op",
        ]
        read_only_fields = fields


class AbonnementInvoerSerializer(serializers.Serializer[Any]):
    samenwerkingsverband = IdField(help_text="Id van het samenwerkingsverband.")
    gemeente = IdField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Id van de gemeente; leeg: alle rapportages van het verband, de gezamenlijke inbegrepen.",
    )
