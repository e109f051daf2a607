"""API representations of service agreements (DVO), camelCase in JSON; percentages and scores are decimal strings."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from seta.api.fields import IdField, ToegestaneActiesField
from seta.dienstverlening import selectors
from seta.dienstverlening.models import (
    Dagsoort,
    Dienstafspraak,
    Dienstnorm,
    Dienstverleningsovereenkomst,
    Escalatieniveau,
    Escalatiestap,
    Normsoort,
    Rapportageritme,
)
from seta.samenwerkingsverbanden.models import Bestuursbesluit
from seta.samenwerkingsverbanden.serializers import BestuursbesluitInvoerSerializer


class DvoBesluitSerializer(serializers.ModelSerializer[Bestuursbesluit]):
    """A decision the DVO rests on: the board's, or one partner college's (``gemeente`` set)."""

    gemeente: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text="Alleen bij het besluit van een college.",
    )
    vastgelegd_door: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )

    class Meta:
        model = Bestuursbesluit
        fields = [
            "orgaan",
            "gemeente",
            "kenmerk",
            "datum",
            "omschrijving",
            "vastgelegd_door",
            "vastgelegd_op",
        ]
        read_only_fields = fields


class DienstnormSerializer(serializers.ModelSerializer[Dienstnorm]):
    dagsoort = serializers.ChoiceField(
        choices=Dagsoort.choices, allow_blank=True, read_only=True, help_text="Alleen bij een doorlooptijd."
    )
    tekst = serializers.SerializerMethodField(help_text="De norm in woorden, zoals op de pagina.")

    class Meta:
        model = Dienstnorm
        fields = [
            "id",
            "soort",
            "omschrijving",
            "termijn",
            "dagsoort",
            "wettelijke_grondslag",
            "streefpercentage",
            "minimumscore",
            "openingstijden",
            "volume_min",
            "volume_max",
            "tekst",
        ]
        read_only_fields = fields

    def get_tekst(self, norm: Dienstnorm) -> str:
        return selectors.norm_tekst(norm)


class DienstafspraakSerializer(serializers.ModelSerializer[Dienstafspraak]):
    catalogusitem = serializers.IntegerField(source="catalogusitem_id", read_only=True)
    catalogusitem_naam = serializers.CharField(source="catalogusitem.naam", read_only=True)
    gemeente: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text="Alleen bij een overeenkomst voor alle deelnemers: de bijlage van deze deelnemer.",
    )
    normen = DienstnormSerializer(many=True, read_only=True)

    class Meta:
        model = Dienstafspraak
        fields = ["id", "catalogusitem", "catalogusitem_naam", "gemeente", "toelichting", "normen"]
        read_only_fields = fields


class EscalatiestapSerializer(serializers.ModelSerializer[Escalatiestap]):
    class Meta:
        model = Escalatiestap
        fields = ["volgorde", "niveau", "termijn_dagen", "omschrijving"]
        read_only_fields = fields


class DvoSerializer(serializers.ModelSerializer[Dienstverleningsovereenkomst]):
    samenwerkingsverband: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    gemeente: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text="Leeg: één overeenkomst voor alle deelnemers.",
    )
    vorige: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True, help_text="De versie die deze vervangt."
    )
    aantal_diensten = serializers.SerializerMethodField()
    afspraken = DienstafspraakSerializer(many=True, read_only=True)
    escalatie = EscalatiestapSerializer(many=True, read_only=True)
    besluit_bestuur = DvoBesluitSerializer(read_only=True, allow_null=True)
    collegebesluiten = DvoBesluitSerializer(many=True, read_only=True)
    ontbrekende_colleges = serializers.SerializerMethodField(
        help_text="De gemeenten (slug) waarvan het college nog moet besluiten."
    )
    toegestane_acties = ToegestaneActiesField()

    class Meta:
        model = Dienstverleningsovereenkomst
        fields = [
            "id",
            "samenwerkingsverband",
            "gemeente",
            "kenmerk",
            "titel",
            "volgnummer",
            "vorige",
            "status",
            "ingangsdatum",
            "einddatum",
            "rapportageritme",
            "openbaar",
            "toelichting",
            "vastgesteld_op",
            "aantal_diensten",
            "afspraken",
            "escalatie",
            "besluit_bestuur",
            "collegebesluiten",
            "ontbrekende_colleges",
            "toegestane_acties",
            "versie",
        ]
        read_only_fields = fields

    def get_aantal_diensten(self, dvo: Dienstverleningsovereenkomst) -> int:
        return int(getattr(dvo, "aantal_diensten", None) or dvo.afspraken.count())

    def get_ontbrekende_colleges(self, dvo: Dienstverleningsovereenkomst) -> list[str]:
        if dvo.status != "concept":
            return []
        return [g.slug for g in selectors.ontbrekende_colleges(dvo)]


# --- input --------------------------------------------------------------------------------------------------------
class EscalatiestapInvoerSerializer(serializers.Serializer[Any]):
    niveau = serializers.ChoiceField(choices=Escalatieniveau.choices)
    termijn_dagen = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=0,
        max_value=3650,
        help_text="Na hoeveel dagen zonder oplossing.",
    )
    omschrijving = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


class DvoInvoerSerializer(serializers.Serializer[Any]):
    samenwerkingsverband = serializers.SlugField(help_text="Slug, bijv. bel.")
    gemeente = serializers.SlugField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Slug van de deelnemer; leeg: alle deelnemers.",
    )
    kenmerk = serializers.CharField(max_length=60)
    titel = serializers.CharField(max_length=200)
    ingangsdatum = serializers.DateField()
    einddatum = serializers.DateField(required=False, allow_null=True, default=None)
    rapportageritme = serializers.ChoiceField(
        choices=Rapportageritme.choices, default=Rapportageritme.KWARTAAL
    )
    openbaar = serializers.BooleanField(required=False, default=False)
    toelichting = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    escalatie = EscalatiestapInvoerSerializer(many=True, required=False, default=list)


class DvoWijzigSerializer(serializers.Serializer[Any]):
    """A concept's changes (only the fields sent); ``escalatie`` replaces the whole route."""

    gemeente = serializers.SlugField(required=False, allow_null=True)
    kenmerk = serializers.CharField(required=False, max_length=60)
    titel = serializers.CharField(required=False, max_length=200)
    ingangsdatum = serializers.DateField(required=False)
    einddatum = serializers.DateField(required=False, allow_null=True)
    rapportageritme = serializers.ChoiceField(required=False, choices=Rapportageritme.choices)
    openbaar = serializers.BooleanField(required=False)
    toelichting = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    escalatie = EscalatiestapInvoerSerializer(many=True, required=False)


class DienstnormInvoerSerializer(serializers.Serializer[Any]):
    soort = serializers.ChoiceField(choices=Normsoort.choices)
    omschrijving = serializers.CharField(max_length=200)
    termijn = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=3650)
    dagsoort = serializers.ChoiceField(choices=Dagsoort.choices, required=False, allow_blank=True, default="")
    wettelijke_grondslag = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    streefpercentage = serializers.DecimalField(
        max_digits=5, decimal_places=2, required=False, allow_null=True, min_value=0, max_value=100
    )
    minimumscore = serializers.DecimalField(
        max_digits=4, decimal_places=1, required=False, allow_null=True, min_value=0, max_value=10
    )
    openingstijden = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    volume_min = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=10**9)
    volume_max = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=10**9)


class DienstafspraakInvoerSerializer(serializers.Serializer[Any]):
    catalogusitem = IdField(help_text="Id van een catalogusitem van hetzelfde samenwerkingsverband.")
    gemeente = serializers.SlugField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Alleen bij een overeenkomst voor alle deelnemers.",
    )
    toelichting = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    normen = DienstnormInvoerSerializer(many=True, required=False, default=list)


class DienstafspraakWijzigSerializer(serializers.Serializer[Any]):
    catalogusitem = IdField(required=False)
    gemeente = serializers.SlugField(required=False, allow_null=True)
    toelichting = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    normen = DienstnormInvoerSerializer(
        many=True, required=False, help_text="Vervangt alle normen van de dienst."
    )


class DvoBesluitInvoerSerializer(serializers.Serializer[Any]):
    """``besluit: {orgaan, kenmerk, datum}``; for a college decision ``orgaan`` is ``college`` and, for a joint
    DVO, ``gemeente`` says which partner's college decided (when the person sits on more than one)."""

    besluit = BestuursbesluitInvoerSerializer(
        help_text="Het besluit: orgaan, kenmerk en datum van de vergadering."
    )
    gemeente = serializers.SlugField(required=False, allow_null=True, default=None)


class LeegInvoerSerializer(serializers.Serializer[Any]):
    """No input besides the version (``If-Match`` or ``versie``)."""

    versie = serializers.IntegerField(required=False, min_value=0, help_text="In plaats van If-Match.")


class GebeurtenisSerializer(serializers.Serializer[Any]):
    tijdstip = serializers.DateTimeField()
    wie = serializers.CharField()
    wat = serializers.CharField()
