"""API representations of eenheden, medewerkers, competenties and eenmansposten (camelCase in JSON)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from seta.gemeenten import selectors as gemeente_selectors
from seta.gemeenten.serializers import ScopedPrimaryKeyField, ScopedSlugField
from seta.organisatie import selectors
from seta.organisatie.models import Competentie, Eenheid, Medewerker, Positie, Soort
from seta.samenwerkingsverbanden import selectors as sv_selectors


class EenheidSerializer(serializers.ModelSerializer[Eenheid]):
    samenwerkingsverband: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    gastgemeente: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="cbs_code",
        read_only=True,
        allow_null=True,
        help_text="CBS-code van de gemeente waar de eenheid is ondergebracht.",
    )
    pad = serializers.SerializerMethodField(help_text="Namen van de bovenliggende eenheden tot en met deze.")
    aantal_medewerkers = serializers.SerializerMethodField(
        help_text="Medewerkers in dienst in deze eenheid zelf."
    )
    fte = serializers.SerializerMethodField(help_text="FTE van de medewerkers in deze eenheid zelf.")
    aantal_medewerkers_totaal = serializers.SerializerMethodField(
        help_text="Inclusief alle onderliggende eenheden."
    )
    fte_totaal = serializers.SerializerMethodField(help_text="Inclusief alle onderliggende eenheden.")

    class Meta:
        model = Eenheid
        fields = [
            "id",
            "samenwerkingsverband",
            "code",
            "naam",
            "soort",
            "bovenliggend",
            "pad",
            "gastgemeente",
            "omschrijving",
            "aantal_medewerkers",
            "fte",
            "aantal_medewerkers_totaal",
            "fte_totaal",
            "versie",
        ]
        read_only_fields = fields

    def _knoop(self, eenheid: Eenheid) -> selectors.Knoop | None:
        info: dict[int, selectors.Knoop] = self.context.get("boominfo", {})
        return info.get(eenheid.pk)

    def get_pad(self, eenheid: Eenheid) -> list[str]:
        knoop = self._knoop(eenheid)
        return knoop.pad if knoop else [eenheid.naam]

    def get_aantal_medewerkers(self, eenheid: Eenheid) -> int:
        knoop = self._knoop(eenheid)
        return knoop.aantal if knoop else 0

    def get_fte(self, eenheid: Eenheid) -> Decimal:
        knoop = self._knoop(eenheid)
        return knoop.fte if knoop else Decimal("0")

    def get_aantal_medewerkers_totaal(self, eenheid: Eenheid) -> int:
        knoop = self._knoop(eenheid)
        return knoop.aantal_totaal if knoop else 0

    def get_fte_totaal(self, eenheid: Eenheid) -> Decimal:
        knoop = self._knoop(eenheid)
        return knoop.fte_totaal if knoop else Decimal("0")


class EenheidInvoerSerializer(serializers.Serializer[Any]):
    samenwerkingsverband = ScopedSlugField(slug_field="slug", scope=sv_selectors.samenwerkingsverbanden_for)
    naam = serializers.CharField(max_length=150)
    code = serializers.SlugField(max_length=40)
    soort = serializers.ChoiceField(choices=Soort.choices, default=Soort.TEAM)
    bovenliggend = ScopedPrimaryKeyField(
        scope=selectors.eenheden_for, required=False, allow_null=True, default=None
    )
    gastgemeente = ScopedSlugField(
        slug_field="cbs_code",
        scope=gemeente_selectors.gemeenten_for,
        required=False,
        allow_null=True,
        default=None,
    )
    omschrijving = serializers.CharField(required=False, allow_blank=True, default="")


class EenheidWijzigSerializer(serializers.Serializer[Any]):
    naam = serializers.CharField(max_length=150, required=False)
    code = serializers.SlugField(max_length=40, required=False)
    soort = serializers.ChoiceField(choices=Soort.choices, required=False)
    bovenliggend = ScopedPrimaryKeyField(scope=selectors.eenheden_for, required=False, allow_null=True)
    gastgemeente = ScopedSlugField(
        slug_field="cbs_code", scope=gemeente_selectors.gemeenten_for, required=False, allow_null=True
    )
    omschrijving = serializers.CharField(required=False, allow_blank=True)


class CompetentieSerializer(serializers.ModelSerializer[Competentie]):
    class Meta:
        model = Competentie
        fields = ["id", "naam"]
        read_only_fields = fields


class MedewerkerSerializer(serializers.ModelSerializer[Medewerker]):
    samenwerkingsverband: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    afkomstig_van: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="cbs_code", read_only=True, allow_null=True
    )
    eenheid_naam = serializers.CharField(source="eenheid.naam", read_only=True)
    competenties = serializers.SerializerMethodField(help_text="Namen van de competenties.")
    gebruiker = serializers.CharField(
        source="gebruiker.username", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = Medewerker
        fields = [
            "id",
            "samenwerkingsverband",
            "naam",
            "personeelsnummer",
            "eenheid",
            "eenheid_naam",
            "positie",
            "functietitel",
            "fte",
            "schaal",
            "afkomstig_van",
            "competenties",
            "gebruiker",
            "in_dienst",
            "uit_dienst",
            "versie",
        ]
        read_only_fields = fields

    def get_competenties(self, medewerker: Medewerker) -> list[str]:
        return sorted(c.naam for c in medewerker.competenties.all())


class MedewerkerInvoerSerializer(serializers.Serializer[Any]):
    eenheid = ScopedPrimaryKeyField(scope=selectors.eenheden_for)
    naam = serializers.CharField(max_length=150)
    personeelsnummer = serializers.CharField(
        max_length=20,
        required=False,
        allow_blank=True,
        default="",
        help_text="Nummer in het tijdschrijfsysteem, bijv. BEL-00123; uniek binnen het samenwerkingsverband.",
    )
    functietitel = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    positie = serializers.ChoiceField(choices=Positie.choices, default=Positie.MEDEWERKER)
    fte = serializers.DecimalField(max_digits=4, decimal_places=2, default=Decimal("1.00"))
    schaal = serializers.IntegerField(required=False, allow_null=True, default=None)
    afkomstig_van = ScopedSlugField(
        slug_field="cbs_code",
        scope=gemeente_selectors.gemeenten_for,
        required=False,
        allow_null=True,
        default=None,
    )
    competenties = ScopedSlugField(
        slug_field="naam", scope=selectors.competenties_for, many=True, required=False, default=list
    )
    in_dienst = serializers.DateField(required=False, default=None)


class MedewerkerWijzigSerializer(serializers.Serializer[Any]):
    eenheid = ScopedPrimaryKeyField(scope=selectors.eenheden_for, required=False)
    naam = serializers.CharField(max_length=150, required=False)
    personeelsnummer = serializers.CharField(max_length=20, required=False, allow_blank=True)
    functietitel = serializers.CharField(max_length=150, required=False, allow_blank=True)
    positie = serializers.ChoiceField(choices=Positie.choices, required=False)
    fte = serializers.DecimalField(max_digits=4, decimal_places=2, required=False)
    schaal = serializers.IntegerField(required=False, allow_null=True)
    afkomstig_van = ScopedSlugField(
        slug_field="cbs_code", scope=gemeente_selectors.gemeenten_for, required=False, allow_null=True
    )
    competenties = ScopedSlugField(
        slug_field="naam", scope=selectors.competenties_for, many=True, required=False
    )


class UitDienstSerializer(serializers.Serializer[Any]):
    uit_dienst = serializers.DateField(required=False, default=None, help_text="Standaard: vandaag.")


class EenmanspostSerializer(serializers.Serializer[Any]):
    competentie = serializers.CharField(source="competentie.naam")
    eenheid = serializers.IntegerField(source="eenheid.pk", allow_null=True, default=None)
    eenheid_naam = serializers.CharField(source="eenheid.naam", allow_null=True, default=None)
    houder = serializers.SerializerMethodField(
        help_text="De enige medewerker met deze competentie; alleen voor wie medewerkers mag zien."
    )

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "properties": {"id": {"type": "integer"}, "naam": {"type": "string"}},
        }
    )
    def get_houder(self, post: selectors.Eenmanspost) -> dict[str, Any] | None:
        if post.houder is None:
            return None
        return {"id": post.houder.pk, "naam": post.houder.naam}


class EenheidEenmanspostenSerializer(serializers.Serializer[Any]):
    eenheid = serializers.IntegerField()
    eenheid_naam = serializers.CharField()
    eenmansposten = EenmanspostSerializer(many=True)


class RobuustheidSerializer(serializers.Serializer[Any]):
    samenwerkingsverband = serializers.CharField(source="samenwerkingsverband.slug")
    peildatum = serializers.DateField()
    aantal_medewerkers = serializers.IntegerField()
    aantal_competenties = serializers.IntegerField()
    pool = EenmanspostSerializer(
        many=True, help_text="Competenties die in de hele werkorganisatie één houder hebben."
    )
    per_eenheid = serializers.SerializerMethodField(help_text="Per eenheid (met onderliggende eenheden).")

    @extend_schema_field(EenheidEenmanspostenSerializer(many=True))
    def get_per_eenheid(self, rapport: selectors.Robuustheidsrapport) -> list[dict[str, Any]]:
        result = []
        for eid, posten in sorted(rapport.per_eenheid.items(), key=lambda kv: rapport.eenheden[kv[0]].naam):
            if posten:
                result.append(
                    {
                        "eenheid": eid,
                        "eenheid_naam": rapport.eenheden[eid].naam,
                        "eenmansposten": EenmanspostSerializer(posten, many=True).data,
                    }
                )
        return result
