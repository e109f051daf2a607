"""API representations of urenregels, weekstaten and imports (camelCase in JSON)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from seta.api.fields import IdField, ToegestaneActiesField
from seta.core import files
from seta.core.errors import InvalidInput
from seta.uren.models import Soort, Urenimport, Urenregel, Weekovergang, Weekstaat, Weekstatus


class UrenregelSerializer(serializers.ModelSerializer[Urenregel]):
    medewerker: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(
        read_only=True, help_text="Personeelsnummer (id) van de medewerker."
    )
    medewerker_naam = serializers.CharField(source="medewerker.naam", read_only=True)
    opdracht: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="nummer", read_only=True, allow_null=True, help_text="Nummer van de bestuursopdracht."
    )
    catalogusitem: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )
    gemeente: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="cbs_code",
        read_only=True,
        allow_null=True,
        help_text="CBS-code; leeg bij overhead of een gezamenlijke opdracht.",
    )
    week = serializers.SerializerMethodField(help_text="ISO-week, bijvoorbeeld 2026-W10.")
    weekstatus = serializers.CharField(source="weekstaat.status", read_only=True)

    class Meta:
        model = Urenregel
        fields = [
            "id",
            "medewerker",
            "medewerker_naam",
            "datum",
            "week",
            "weekstatus",
            "uren",
            "soort",
            "opdracht",
            "catalogusitem",
            "gemeente",
            "omschrijving",
            "bron",
            "versie",
        ]
        read_only_fields = fields

    def get_week(self, obj: Urenregel) -> str:
        return f"{obj.weekstaat.jaar}-W{obj.weekstaat.week:02d}"


class UrenregelInvoerSerializer(serializers.Serializer[Any]):
    medewerker = IdField(required=False, help_text="Standaard: uzelf. Alleen uw eigen uren kunt u schrijven.")
    datum = serializers.DateField()
    uren = serializers.DecimalField(max_digits=4, decimal_places=2)
    soort = serializers.ChoiceField(choices=Soort.choices)
    opdracht = serializers.CharField(
        required=False, allow_blank=True, help_text="Nummer van de bestuursopdracht (soort opdracht)."
    )
    catalogusitem = serializers.CharField(
        required=False, allow_blank=True, help_text="Code van het catalogusitem (soort regulier)."
    )
    gemeente = serializers.CharField(
        required=False, allow_blank=True, help_text="CBS-code van de gemeente (soort regulier)."
    )
    omschrijving = serializers.CharField(required=False, allow_blank=True, max_length=255, default="")


class UrenregelWijzigSerializer(serializers.Serializer[Any]):
    datum = serializers.DateField(required=False)
    uren = serializers.DecimalField(max_digits=4, decimal_places=2, required=False)
    soort = serializers.ChoiceField(choices=Soort.choices, required=False)
    opdracht = serializers.CharField(required=False, allow_blank=True)
    catalogusitem = serializers.CharField(required=False, allow_blank=True)
    gemeente = serializers.CharField(required=False, allow_blank=True)
    omschrijving = serializers.CharField(required=False, allow_blank=True, max_length=255)


class WeekovergangSerializer(serializers.ModelSerializer[Weekovergang]):
    door: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )

    class Meta:
        model = Weekovergang
        fields = ["van", "naar", "door", "tijdstip", "reden"]
        read_only_fields = fields


class WeekstaatSerializer(serializers.ModelSerializer[Weekstaat]):
    medewerker: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(read_only=True)
    medewerker_naam = serializers.CharField(source="medewerker.naam", read_only=True)
    eenheid = serializers.CharField(source="medewerker.eenheid.naam", read_only=True)
    iso_week = serializers.SerializerMethodField(help_text="Bijvoorbeeld 2026-W10.")
    maandag = serializers.DateField(read_only=True)
    totaal_uren = serializers.SerializerMethodField()
    goedgekeurd_door: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    historie = WeekovergangSerializer(source="overgangen", many=True, read_only=True)
    toegestane_acties = ToegestaneActiesField()

    class Meta:
        model = Weekstaat
        fields = [
            "id",
            "medewerker",
            "medewerker_naam",
            "eenheid",
            "jaar",
            "week",
            "iso_week",
            "maandag",
            "status",
            "totaal_uren",
            "ingediend_op",
            "goedgekeurd_op",
            "goedgekeurd_door",
            "historie",
            "toegestane_acties",
            "versie",
        ]
        read_only_fields = fields

    def get_iso_week(self, obj: Weekstaat) -> str:
        return f"{obj.jaar}-W{obj.week:02d}"

    def get_totaal_uren(self, obj: Weekstaat) -> str:
        totaal = getattr(obj, "totaal_uren", None)
        if totaal is None:
            totaal = sum((r.uren for r in obj.regels.all()), 0)
        return f"{totaal:.2f}"


class RedenSerializer(serializers.Serializer[Any]):
    reden = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Verplicht bij heropenen."
    )


class UrenimportSerializer(serializers.ModelSerializer[Urenimport]):
    samenwerkingsverband: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    ingelezen_door: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )

    class Meta:
        model = Urenimport
        fields = [
            "id",
            "samenwerkingsverband",
            "bestandsnaam",
            "sha256",
            "ingelezen_door",
            "tijdstip",
            "aantal_rijen",
            "aantal_nieuw",
        ]
        read_only_fields = fields


class UploadSerializer(serializers.Serializer[Any]):
    samenwerkingsverband = serializers.SlugField(
        help_text="Slug van het samenwerkingsverband, bijvoorbeeld bel."
    )
    bestand = serializers.FileField(help_text="CSV- of XLSX-export van een tijdschrijfsysteem.")

    def validate_bestand(self, value: Any) -> Any:
        try:
            files.check_size("uren", value.size or 0, value.name or "bestand")
        except InvalidInput as exc:
            raise serializers.ValidationError([m for msgs in exc.fields.values() for m in msgs]) from exc
        return value


class ImportverslagSerializer(serializers.Serializer[Any]):
    bestand = serializers.CharField()
    sha256 = serializers.CharField()
    rijen = serializers.IntegerField()
    nieuw = serializers.IntegerField()
    al_aanwezig = serializers.IntegerField()
    al_ingelezen = serializers.BooleanField()
    uren = serializers.DecimalField(max_digits=12, decimal_places=2)
    melding = serializers.CharField()


WEEKSTATUS = Weekstatus
