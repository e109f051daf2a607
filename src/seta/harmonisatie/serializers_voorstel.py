"""Serializers of harmonisation proposals (``api.py``, block "voorstellen"). Every order a proposal names goes through
``selectors_voorstel.genoemd`` (what the actor may see of it); the states are plain strings (no enum components)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from seta.api.fields import IdField, ToegestaneActiesField
from seta.harmonisatie import lifecycle
from seta.harmonisatie import raming as raming_app
from seta.harmonisatie import selectors_voorstel as selectors
from seta.harmonisatie.models import Harmonisatievoorstel, Voorstelpartij

STATUS_UITLEG = "Status: " + ", ".join(lifecycle.STATUSSEN) + "."
BESLUIT_UITLEG = "Besluit van het college: " + ", ".join(lifecycle.BESLUITEN) + "."
VORM_UITLEG = "Voorgestelde vorm: parallel of gezamenlijk."
OPDRACHT_UITLEG = (
    "Een genoemde opdracht zoals u die mag zien: zicht volledig (id, nummer, titel), concept (alleen gemeente en "
    "catalogusitem) of vertrouwelijk (alleen dat een partner een vergelijkbare vertrouwelijke opdracht heeft)."
)


def _opdracht(g: selectors.GenoemdeOpdracht | None) -> dict[str, Any] | None:
    if g is None:
        return None
    o = g.opdracht
    return {
        "zicht": g.zicht,
        "id": o.pk if o is not None else None,
        "nummer": o.nummer if o is not None else None,
        "titel": o.titel if o is not None else None,
        "tekst": g.tekst,
        "gemeenten": g.gemeenten,
        "catalogusitem": g.catalogusitem,
        "status": g.status,
    }


class VoorstelpartijSerializer(serializers.ModelSerializer[Voorstelpartij]):
    voorstel = serializers.IntegerField(source="voorstel_id", read_only=True)
    gemeente = serializers.IntegerField(source="gemeente_id", read_only=True)
    gemeente_naam = serializers.CharField(source="gemeente.naam", read_only=True)
    portefeuille = serializers.IntegerField(source="portefeuille_id", read_only=True, allow_null=True)
    portefeuille_naam = serializers.CharField(
        source="portefeuille.naam", read_only=True, allow_null=True, default=None
    )
    besluit = serializers.CharField(read_only=True, help_text=BESLUIT_UITLEG)
    besloten_door = serializers.SerializerMethodField()
    bron_opdracht = serializers.SerializerMethodField(help_text=OPDRACHT_UITLEG)
    resultaat_opdracht = serializers.SerializerMethodField(help_text=OPDRACHT_UITLEG)
    toegestane_acties = ToegestaneActiesField()

    class Meta:
        model = Voorstelpartij
        fields = [
            "id",
            "voorstel",
            "gemeente",
            "gemeente_naam",
            "portefeuille",
            "portefeuille_naam",
            "bron_opdracht",
            "besluit",
            "toelichting",
            "besloten_door",
            "besloten_rol",
            "besloten_op",
            "resultaat_opdracht",
            "toegestane_acties",
        ]
        read_only_fields = fields

    def get_besloten_door(self, partij: Voorstelpartij) -> str | None:
        u = partij.besloten_door
        return None if u is None else (u.get_full_name() or u.get_username())

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_bron_opdracht(self, partij: Voorstelpartij) -> dict[str, Any] | None:
        return _opdracht(selectors.genoemd(self.context["actor"], partij.bron_opdracht))

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_resultaat_opdracht(self, partij: Voorstelpartij) -> dict[str, Any] | None:
        return _opdracht(selectors.genoemd(self.context["actor"], partij.resultaat_opdracht))


class HarmonisatievoorstelSerializer(serializers.ModelSerializer[Harmonisatievoorstel]):
    samenwerkingsverband = serializers.IntegerField(source="samenwerkingsverband_id", read_only=True)
    samenwerkingsverband_naam = serializers.CharField(source="samenwerkingsverband.naam", read_only=True)
    catalogusitem = serializers.IntegerField(source="catalogusitem_id", read_only=True, allow_null=True)
    catalogusitem_naam = serializers.CharField(
        source="catalogusitem.naam", read_only=True, allow_null=True, default=None
    )
    status = serializers.CharField(read_only=True, help_text=STATUS_UITLEG)
    vorm = serializers.CharField(read_only=True, help_text=VORM_UITLEG)
    toegestane_acties = ToegestaneActiesField()

    class Meta:
        model = Harmonisatievoorstel
        fields = [
            "id",
            "nummer",
            "samenwerkingsverband",
            "samenwerkingsverband_naam",
            "catalogusitem",
            "catalogusitem_naam",
            "onderwerp",
            "vorm",
            "status",
            "uiterlijk",
            "verzonden_op",
            "afgerond_op",
            "toegestane_acties",
            "versie",
        ]
        read_only_fields = fields


class HarmonisatievoorstelDetailSerializer(HarmonisatievoorstelSerializer):
    """One proposal with its orders (as the actor may see them), its partijen and the estimate of each option."""

    leidende_opdracht = serializers.SerializerMethodField(help_text=OPDRACHT_UITLEG)
    opdrachten = serializers.SerializerMethodField(
        help_text="De vergelijkbare opdrachten. " + OPDRACHT_UITLEG
    )
    partijen = serializers.SerializerMethodField()
    raming = serializers.SerializerMethodField(
        help_text="De raming per optie (apart, parallel, gezamenlijk), vastgelegd bij verzenden; bij een concept de "
        "raming van nu. Kosten leeg: geen tarief."
    )
    resultaat_opdracht = serializers.SerializerMethodField(help_text=OPDRACHT_UITLEG)
    agendapunt = serializers.SerializerMethodField()
    uitkomst = serializers.SerializerMethodField(help_text="Wat het afgeronde voorstel opleverde, en waarom.")

    class Meta(HarmonisatievoorstelSerializer.Meta):
        fields = [
            *HarmonisatievoorstelSerializer.Meta.fields,
            "toelichting",
            "leidende_opdracht",
            "opdrachten",
            "partijen",
            "raming",
            "resultaat_opdracht",
            "agendapunt",
            "uitkomst",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_leidende_opdracht(self, v: Harmonisatievoorstel) -> dict[str, Any] | None:
        return _opdracht(selectors.genoemd(self.context["actor"], v.leidende_opdracht))

    @extend_schema_field({"type": "array", "items": {"type": "object"}})
    def get_opdrachten(self, v: Harmonisatievoorstel) -> list[dict[str, Any] | None]:
        return [_opdracht(g) for g in selectors.genoemde_opdrachten(self.context["actor"], v)]

    @extend_schema_field(VoorstelpartijSerializer(many=True))
    def get_partijen(self, v: Harmonisatievoorstel) -> Any:
        partijen = list(v.partijen.all())
        for p in partijen:
            p.voorstel = v
        return VoorstelpartijSerializer(partijen, many=True, context=self.context).data

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_raming(self, v: Harmonisatievoorstel) -> dict[str, Any]:
        if v.status == lifecycle.CONCEPT:
            return raming_app.voor_voorstel(self.context["actor"], v)
        return dict(v.raming or {})

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_resultaat_opdracht(self, v: Harmonisatievoorstel) -> dict[str, Any] | None:
        return _opdracht(selectors.genoemd(self.context["actor"], v.resultaat_opdracht))

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_agendapunt(self, v: Harmonisatievoorstel) -> dict[str, Any] | None:
        punt = v.agendapunt
        if punt is None:
            return None
        return {"id": punt.pk, "overleg": punt.overleg_id, "overlegTitel": punt.overleg.titel}

    def get_uitkomst(self, v: Harmonisatievoorstel) -> str:
        return selectors.uitkomst(v)


class VoorstelpartijInvoerSerializer(serializers.Serializer[Any]):
    gemeente = IdField(help_text="Id van de gemeente (een deelnemer van het samenwerkingsverband).")
    portefeuille = IdField(required=False, allow_null=True, default=None, help_text="Id van de portefeuille.")
    bron_opdracht = IdField(
        required=False, allow_null=True, default=None, help_text="Id van de eigen vergelijkbare opdracht."
    )


class HarmonisatievoorstelInvoerSerializer(serializers.Serializer[Any]):
    samenwerkingsverband = IdField(help_text="Id van het samenwerkingsverband.")
    onderwerp = serializers.CharField(max_length=200)
    toelichting = serializers.CharField(
        max_length=10_000, help_text='De vraag aan de colleges ("wilt u niet ook…?").'
    )
    vorm = serializers.CharField(max_length=20, help_text=VORM_UITLEG)
    catalogusitem = IdField(required=False, allow_null=True, default=None)
    opdrachten = serializers.ListField(child=IdField(), required=False, default=list, max_length=50)
    leidende_opdracht = IdField(required=False, allow_null=True, default=None)
    uiterlijk = serializers.DateField(required=False, allow_null=True, default=None)
    partijen = VoorstelpartijInvoerSerializer(many=True)


class HarmonisatievoorstelWijzigSerializer(serializers.Serializer[Any]):
    versie = serializers.IntegerField(required=False, min_value=0, help_text="In plaats van If-Match.")
    onderwerp = serializers.CharField(max_length=200, required=False)
    toelichting = serializers.CharField(max_length=10_000, required=False)
    vorm = serializers.CharField(max_length=20, required=False, help_text=VORM_UITLEG)
    catalogusitem = IdField(required=False, allow_null=True)
    leidende_opdracht = IdField(required=False, allow_null=True)
    uiterlijk = serializers.DateField(required=False, allow_null=True)


class VoorstelLeegInvoerSerializer(serializers.Serializer[Any]):
    versie = serializers.IntegerField(required=False, min_value=0, help_text="In plaats van If-Match.")


class VoorstelAgenderenInvoerSerializer(VoorstelLeegInvoerSerializer):
    overleg = IdField(
        help_text="Id van een gezamenlijk portefeuillehoudersoverleg met alle gemeenten van het voorstel."
    )


class VoorstelbesluitInvoerSerializer(VoorstelLeegInvoerSerializer):
    toelichting = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=10_000,
        help_text="Optioneel; afwijzen kan zonder reden.",
    )


class VoorstelgebeurtenisSerializer(serializers.Serializer[Any]):
    tijdstip = serializers.DateTimeField()
    wie = serializers.CharField()
    wat = serializers.CharField()
