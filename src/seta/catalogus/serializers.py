"""API representations of catalogusitems (with nested normen) and Iv3 taakvelden."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from seta.catalogus import selectors
from seta.catalogus.models import Catalogusitem, Maatwerkruimte, Norm, Soort, Taaksoort, Taakveld
from seta.gemeenten.serializers import ScopedPrimaryKeyField, ScopedSlugField
from seta.organisatie import selectors as organisatie_selectors
from seta.samenwerkingsverbanden import selectors as sv_selectors


def _taakgebieden(actor: Any) -> Any:
    return sv_selectors.taakgebieden_for(actor)


class TaakveldSerializer(serializers.ModelSerializer[Taakveld]):
    class Meta:
        model = Taakveld
        fields = ["code", "naam", "hoofdtaakveld"]
        read_only_fields = fields


class NormSerializer(serializers.ModelSerializer[Norm]):
    class Meta:
        model = Norm
        fields = ["id", "omschrijving", "waarde", "eenheid"]
        read_only_fields = ["id"]


class CatalogusitemSerializer(serializers.ModelSerializer[Catalogusitem]):
    samenwerkingsverband: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    eenheid_naam = serializers.CharField(source="eenheid.naam", read_only=True)
    taakveld: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    taakveld_naam = serializers.CharField(source="taakveld.naam", read_only=True)
    taakgebied: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )
    maatwerkruimte = serializers.ChoiceField(choices=Maatwerkruimte.choices, read_only=True)
    maatwerkruimte_uitleg = serializers.CharField(read_only=True)
    normen = NormSerializer(many=True, read_only=True)

    class Meta:
        model = Catalogusitem
        fields = [
            "id",
            "samenwerkingsverband",
            "code",
            "naam",
            "soort",
            "taaksoort",
            "maatwerkruimte",
            "maatwerkruimte_uitleg",
            "eenheid",
            "eenheid_naam",
            "taakveld",
            "taakveld_naam",
            "taakgebied",
            "omschrijving",
            "actief",
            "normen",
            "versie",
        ]
        read_only_fields = fields


class CatalogusitemInvoerSerializer(serializers.Serializer[Any]):
    samenwerkingsverband = ScopedSlugField(slug_field="slug", scope=sv_selectors.samenwerkingsverbanden_for)
    code = serializers.SlugField(max_length=40)
    naam = serializers.CharField(max_length=150)
    soort = serializers.ChoiceField(choices=Soort.choices)
    taaksoort = serializers.ChoiceField(choices=Taaksoort.choices)
    eenheid = ScopedPrimaryKeyField(scope=organisatie_selectors.eenheden_for)
    taakveld = ScopedSlugField(slug_field="code", scope=selectors.taakvelden_for)
    taakgebied = ScopedSlugField(
        slug_field="code", scope=_taakgebieden, required=False, allow_null=True, default=None
    )
    omschrijving = serializers.CharField(required=False, allow_blank=True, default="")
    normen = NormSerializer(many=True, required=False, default=list)


class CatalogusitemWijzigSerializer(serializers.Serializer[Any]):
    code = serializers.SlugField(max_length=40, required=False)
    naam = serializers.CharField(max_length=150, required=False)
    soort = serializers.ChoiceField(choices=Soort.choices, required=False)
    taaksoort = serializers.ChoiceField(choices=Taaksoort.choices, required=False)
    eenheid = ScopedPrimaryKeyField(scope=organisatie_selectors.eenheden_for, required=False)
    taakveld = ScopedSlugField(slug_field="code", scope=selectors.taakvelden_for, required=False)
    taakgebied = ScopedSlugField(slug_field="code", scope=_taakgebieden, required=False, allow_null=True)
    omschrijving = serializers.CharField(required=False, allow_blank=True)
    actief = serializers.BooleanField(required=False)
    normen = NormSerializer(many=True, required=False, help_text="Vervangt alle normen van het item.")
