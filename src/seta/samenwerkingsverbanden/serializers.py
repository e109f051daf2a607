"""API representations of samenwerkingsverbanden, deelnemers, bestuursleden, taakgebieden and inbreng."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from seta.gemeenten import selectors as gemeente_selectors
from seta.gemeenten.serializers import ScopedPrimaryKeyField, ScopedSlugField
from seta.samenwerkingsverbanden import selectors
from seta.samenwerkingsverbanden.models import (
    Bestuursbesluit,
    Bestuurslid,
    Bestuursorgaan,
    Deelnemer,
    Inbreng,
    Menu,
    Rechtsvorm,
    Samenwerkingsverband,
    Taakgebied,
)


class SamenwerkingsverbandSerializer(serializers.ModelSerializer[Samenwerkingsverband]):
    gastheergemeente: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="cbs_code", read_only=True, allow_null=True
    )
    deelnemers = serializers.SerializerMethodField(help_text="CBS-codes van alle deelnemers, ooit.")

    class Meta:
        model = Samenwerkingsverband
        fields = [
            "slug",
            "naam",
            "afkorting",
            "menu",
            "rechtsvorm",
            "gastheergemeente",
            "werkorganisatie",
            "gemeentesecretaris_is_directeur",
            "startdatum",
            "einddatum",
            "omschrijving",
            "deelnemers",
            "versie",
        ]
        read_only_fields = fields

    def get_deelnemers(self, sv: Samenwerkingsverband) -> list[str]:
        return sorted({d.gemeente.cbs_code for d in sv.deelnemers.all()})


class SamenwerkingsverbandInvoerSerializer(serializers.Serializer[Any]):
    naam = serializers.CharField(max_length=150)
    slug = serializers.SlugField(max_length=60)
    afkorting = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    menu = serializers.ChoiceField(choices=Menu.choices)
    rechtsvorm = serializers.ChoiceField(choices=Rechtsvorm.choices)
    gastheergemeente = ScopedSlugField(
        slug_field="cbs_code",
        scope=gemeente_selectors.gemeenten_for,
        required=False,
        allow_null=True,
        default=None,
    )
    werkorganisatie = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    gemeentesecretaris_is_directeur = serializers.BooleanField(required=False, default=False)
    startdatum = serializers.DateField()
    omschrijving = serializers.CharField(required=False, allow_blank=True, default="")
    deelnemers = ScopedSlugField(slug_field="cbs_code", scope=gemeente_selectors.gemeenten_for, many=True)


class SamenwerkingsverbandWijzigSerializer(serializers.Serializer[Any]):
    naam = serializers.CharField(max_length=150, required=False)
    afkorting = serializers.CharField(max_length=30, required=False, allow_blank=True)
    menu = serializers.ChoiceField(choices=Menu.choices, required=False)
    rechtsvorm = serializers.ChoiceField(choices=Rechtsvorm.choices, required=False)
    gastheergemeente = ScopedSlugField(
        slug_field="cbs_code", scope=gemeente_selectors.gemeenten_for, required=False, allow_null=True
    )
    werkorganisatie = serializers.CharField(max_length=150, required=False, allow_blank=True)
    gemeentesecretaris_is_directeur = serializers.BooleanField(required=False)
    omschrijving = serializers.CharField(required=False, allow_blank=True)
    einddatum = serializers.DateField(required=False, allow_null=True)


class DeelnemerSerializer(serializers.ModelSerializer[Deelnemer]):
    samenwerkingsverband: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    gemeente: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="cbs_code", read_only=True
    )
    gemeentenaam = serializers.CharField(source="gemeente.naam", read_only=True)
    inwoners = serializers.IntegerField(source="gemeente.inwoners", read_only=True)
    peildatum_inwoners = serializers.DateField(source="gemeente.peildatum_inwoners", read_only=True)
    bron_inwoners = serializers.CharField(source="gemeente.bron", read_only=True)

    class Meta:
        model = Deelnemer
        fields = [
            "id",
            "samenwerkingsverband",
            "gemeente",
            "gemeentenaam",
            "toetredingsdatum",
            "uittredingsdatum",
            "neemt_bestaande_afspraken_over",
            "inwoners",
            "peildatum_inwoners",
            "bron_inwoners",
        ]
        read_only_fields = fields


class DeelnemerInvoerSerializer(serializers.Serializer[Any]):
    samenwerkingsverband = ScopedSlugField(slug_field="slug", scope=selectors.samenwerkingsverbanden_for)
    gemeente = ScopedSlugField(slug_field="cbs_code", scope=gemeente_selectors.gemeenten_for)
    toetredingsdatum = serializers.DateField()


class UittredenSerializer(serializers.Serializer[Any]):
    uittredingsdatum = serializers.DateField(
        help_text="De eerste dag dat de gemeente geen deelnemer meer is."
    )


class BestuurslidSerializer(serializers.ModelSerializer[Bestuurslid]):
    samenwerkingsverband: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    gemeente = serializers.CharField(source="functionaris.gemeente.cbs_code", read_only=True)
    naam = serializers.CharField(source="functionaris.naam", read_only=True)
    functie = serializers.CharField(source="functionaris.functie", read_only=True)

    class Meta:
        model = Bestuurslid
        fields = [
            "id",
            "samenwerkingsverband",
            "orgaan",
            "functionaris",
            "naam",
            "functie",
            "gemeente",
            "voorzitter",
            "begindatum",
            "einddatum",
        ]
        read_only_fields = fields


class BestuurslidInvoerSerializer(serializers.Serializer[Any]):
    samenwerkingsverband = ScopedSlugField(slug_field="slug", scope=selectors.samenwerkingsverbanden_for)
    orgaan = serializers.ChoiceField(choices=Bestuursorgaan.choices)
    functionaris = ScopedPrimaryKeyField(scope=gemeente_selectors.functionarissen_for)
    begindatum = serializers.DateField()
    voorzitter = serializers.BooleanField(required=False, default=False)


class EinddatumSerializer(serializers.Serializer[Any]):
    einddatum = serializers.DateField(help_text="De laatste dag in het bestuur.")


class TaakgebiedSerializer(serializers.ModelSerializer[Taakgebied]):
    class Meta:
        model = Taakgebied
        fields = ["code", "naam", "volgorde"]


class InbrengSerializer(serializers.ModelSerializer[Inbreng]):
    samenwerkingsverband = serializers.CharField(source="deelnemer.samenwerkingsverband.slug", read_only=True)
    gemeente = serializers.CharField(source="deelnemer.gemeente.cbs_code", read_only=True)
    taakgebied: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )

    class Meta:
        model = Inbreng
        fields = ["id", "samenwerkingsverband", "deelnemer", "gemeente", "taakgebied", "vanaf", "tot"]
        read_only_fields = fields


class InbrengInvoerSerializer(serializers.Serializer[Any]):
    deelnemer = ScopedPrimaryKeyField(scope=selectors.deelnemers_for)
    taakgebied = ScopedSlugField(slug_field="code", scope=selectors.taakgebieden_for)
    vanaf = serializers.DateField()
    tot = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="Eerste dag niet meer ingebracht."
    )


class UitPoolSerializer(serializers.Serializer[Any]):
    tot = serializers.DateField(help_text="De eerste dag dat het taakgebied niet meer in de pool zit.")


class BestuursbesluitSerializer(serializers.ModelSerializer[Bestuursbesluit]):
    """A recorded board decision: which body, its reference and date, who recorded it and when."""

    vastgelegd_door: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )

    class Meta:
        model = Bestuursbesluit
        fields = [
            "orgaan",
            "onderwerp",
            "kenmerk",
            "datum",
            "omschrijving",
            "vastgelegd_door",
            "vastgelegd_op",
        ]
        read_only_fields = fields


class BestuursbesluitInvoerSerializer(serializers.Serializer[Any]):
    """The decision an adoption rests on (``besluit: {orgaan, kenmerk, datum}``)."""

    orgaan = serializers.ChoiceField(
        choices=Bestuursorgaan.choices, help_text="Het orgaan dat besloot; het moet het bevoegde orgaan zijn."
    )
    kenmerk = serializers.CharField(max_length=200, help_text="Kenmerk van het besluit, bijv. AB 2025-07.")
    datum = serializers.DateField(help_text="Datum van de vergadering (niet in de toekomst).")
    omschrijving = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
