"""API representations of financiën (camelCase in JSON). Amounts are decimal strings."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from seta.api.fields import IdField, JaarField, ToegestaneActiesField
from seta.financien.models import (
    Afrekening,
    Afrekeningsregel,
    Afwijkingsdrempel,
    Begroting,
    Berekening,
    Deelnemersbijdrage,
    Grondslag,
    Ritme,
    Scenario,
    Tarief,
    Verdeelmodel,
    Voorschotschema,
    Voorschottermijn,
)
from seta.samenwerkingsverbanden.serializers import BestuursbesluitInvoerSerializer, BestuursbesluitSerializer


def _besluit() -> BestuursbesluitSerializer:
    return BestuursbesluitSerializer(
        source="bestuursbesluit",
        read_only=True,
        allow_null=True,
        help_text="Het bestuursbesluit waarop de vaststelling berust (leeg zolang niet vastgesteld).",
    )


class DeelnemersbijdrageSerializer(serializers.ModelSerializer[Deelnemersbijdrage]):
    gemeente: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="cbs_code", read_only=True
    )
    naam = serializers.CharField(source="gemeente.naam", read_only=True)

    class Meta:
        model = Deelnemersbijdrage
        fields = ["gemeente", "naam", "inbreng", "voorschot", "vorige_bijdrage"]
        read_only_fields = fields


class BegrotingSerializer(serializers.ModelSerializer[Begroting]):
    samenwerkingsverband: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    totaal = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)
    bijdragen = DeelnemersbijdrageSerializer(many=True, read_only=True)
    besluit = _besluit()
    toegestane_acties = ToegestaneActiesField()

    class Meta:
        model = Begroting
        fields = [
            "id",
            "samenwerkingsverband",
            "jaar",
            "status",
            "personeel",
            "materieel",
            "overhead",
            "totaal",
            "toelichting",
            "bijdragen",
            "besluit",
            "toegestane_acties",
            "versie",
        ]
        read_only_fields = fields


class BijdrageInvoerSerializer(serializers.Serializer[Any]):
    gemeente = serializers.CharField(help_text="CBS-code van de deelnemer.")
    inbreng = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, allow_null=True)
    voorschot = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, allow_null=True)
    vorige_bijdrage = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True
    )


class BegrotingInvoerSerializer(serializers.Serializer[Any]):
    samenwerkingsverband = serializers.SlugField()
    jaar = JaarField()
    personeel = serializers.DecimalField(max_digits=14, decimal_places=2)
    materieel = serializers.DecimalField(max_digits=14, decimal_places=2)
    overhead = serializers.DecimalField(max_digits=14, decimal_places=2)
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")
    bijdragen = BijdrageInvoerSerializer(many=True, required=False)


class TariefSerializer(serializers.ModelSerializer[Tarief]):
    samenwerkingsverband: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    eenheid: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )
    grondslag = serializers.CharField(read_only=True)

    class Meta:
        model = Tarief
        fields = [
            "id",
            "samenwerkingsverband",
            "jaar",
            "eenheid",
            "schaal",
            "grondslag",
            "uurtarief",
            "omschrijving",
            "versie",
        ]
        read_only_fields = fields


class TariefInvoerSerializer(serializers.Serializer[Any]):
    samenwerkingsverband = serializers.SlugField()
    jaar = JaarField()
    uurtarief = serializers.DecimalField(max_digits=8, decimal_places=2)
    eenheid = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Code van de eenheid (leeg: geen)."
    )
    schaal = serializers.IntegerField(required=False, allow_null=True, default=None)
    omschrijving = serializers.CharField(required=False, allow_blank=True, default="")


class VerdeelmodelSerializer(serializers.ModelSerializer[Verdeelmodel]):
    samenwerkingsverband: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    versienummer = serializers.IntegerField(source="volgnummer", read_only=True)
    titel = serializers.CharField(
        source="label", read_only=True, help_text="Naam met versie, zoals in vergelijkingen."
    )
    voorganger: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True
    )
    vastgesteld_door: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    configuratie = serializers.JSONField(
        read_only=True,
        help_text="Het modeldeel van docs/schemas/allocate-input.schema.json met SETA-uitbreidingen (docs/uren.md).",
    )
    besluit = _besluit()
    toegestane_acties = ToegestaneActiesField()

    class Meta:
        model = Verdeelmodel
        fields = [
            "id",
            "samenwerkingsverband",
            "naam",
            "versienummer",
            "titel",
            "status",
            "omschrijving",
            "configuratie",
            "voorganger",
            "vastgesteld_op",
            "vastgesteld_door",
            "besluit",
            "toegestane_acties",
            "versie",
        ]
        read_only_fields = fields

    def to_representation(self, instance: Verdeelmodel) -> Any:
        data = super().to_representation(instance)
        from seta.financien import selectors

        actor = self.context.get("actor")
        if actor is not None:  # never a number or title of an assignment the reader may not open
            data["configuratie"] = selectors.configuratie_for(actor, instance)
        return data


class ConfiguratieField(serializers.JSONField):
    """A verdeelmodel's configuration: a JSON object (anything else is a 400, not a server error)."""

    def to_internal_value(self, data: Any) -> Any:
        value = super().to_internal_value(data)
        if not isinstance(value, dict):
            raise serializers.ValidationError("De configuratie moet een JSON-object zijn ({ … }).")
        return value


class VerdeelmodelInvoerSerializer(serializers.Serializer[Any]):
    samenwerkingsverband = serializers.SlugField()
    naam = serializers.CharField(max_length=120)
    omschrijving = serializers.CharField(required=False, allow_blank=True, default="")
    configuratie = ConfiguratieField()


class VerdeelmodelWijzigSerializer(serializers.Serializer[Any]):
    omschrijving = serializers.CharField(required=False, allow_blank=True)
    configuratie = ConfiguratieField(required=False)


class VaststellenSerializer(serializers.Serializer[Any]):
    besluit = BestuursbesluitInvoerSerializer(help_text="Het besluit van het bevoegde bestuursorgaan.")


class JaarOpzettenSerializer(serializers.Serializer[Any]):
    samenwerkingsverband = serializers.SlugField()
    jaar = JaarField(help_text="Het jaar dat u opzet, bijv. 2026.")
    van_jaar = JaarField(help_text="Het jaar waarvan begroting en tarieven worden overgenomen.")
    loonindex = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=-10, max_value=25, help_text="Procent, bijv. 3.50."
    )
    prijsindex = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=-10, max_value=25, help_text="Procent, bijv. 2.10."
    )


class GereedheidspuntSerializer(serializers.Serializer[Any]):
    code = serializers.CharField(help_text="begroting, begroting_vastgesteld, tarieven of verdeelmodel.")
    ok = serializers.BooleanField()
    tekst = serializers.CharField()


class GereedheidSerializer(serializers.Serializer[Any]):
    samenwerkingsverband = serializers.CharField()
    jaar = serializers.IntegerField()
    gereed = serializers.BooleanField(help_text="Alles is aanwezig om het jaar te berekenen.")
    punten = GereedheidspuntSerializer(many=True)


class BerekeningSerializer(serializers.ModelSerializer[Berekening]):
    berekend_door: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )

    class Meta:
        model = Berekening
        fields = [
            "id",
            "verdeelmodel",
            "jaar",
            "grondslag",
            "invoer",
            "resultaat",
            "berekend_op",
            "berekend_door",
        ]
        read_only_fields = fields


class ScenarioSerializer(serializers.ModelSerializer[Scenario]):
    samenwerkingsverband: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    verdeelmodellen: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True
    )
    referentiemodel: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True
    )

    class Meta:
        model = Scenario
        fields = [
            "id",
            "samenwerkingsverband",
            "naam",
            "jaar",
            "grondslag",
            "omschrijving",
            "verdeelmodellen",
            "referentiemodel",
            "resultaat",
            "berekend_op",
            "versie",
        ]
        read_only_fields = fields


class ScenarioInvoerSerializer(serializers.Serializer[Any]):
    samenwerkingsverband = serializers.SlugField()
    naam = serializers.CharField(max_length=150)
    jaar = JaarField()
    verdeelmodellen = serializers.ListField(child=IdField(), min_length=1)
    referentiemodel = IdField(required=False, allow_null=True, default=None)
    grondslag = serializers.ChoiceField(
        choices=[("", "zoals elk model"), *Grondslag.choices], required=False, default=""
    )
    omschrijving = serializers.CharField(required=False, allow_blank=True, default="")


class ScenarioWijzigSerializer(serializers.Serializer[Any]):
    naam = serializers.CharField(max_length=150, required=False)
    jaar = JaarField(required=False)
    verdeelmodellen = serializers.ListField(child=IdField(), min_length=1, required=False)
    referentiemodel = IdField(required=False, allow_null=True)
    grondslag = serializers.ChoiceField(choices=[("", "zoals elk model"), *Grondslag.choices], required=False)
    omschrijving = serializers.CharField(required=False, allow_blank=True)


class AfrekeningsregelSerializer(serializers.ModelSerializer[Afrekeningsregel]):
    gemeente: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="cbs_code", read_only=True
    )
    naam = serializers.CharField(source="gemeente.naam", read_only=True)

    class Meta:
        model = Afrekeningsregel
        fields = [
            "gemeente",
            "naam",
            "voorschot",
            "realisatie",
            "saldo",
            "te_betalen",
            "te_ontvangen",
            "niet_verrekend",
            "sleutelaandeel",
            "urenaandeel",
            "geleverde_uren",
            "afwijking_procentpunten",
            "afwijking_bedrag",
            "signaal",
        ]
        read_only_fields = fields


class AfwijkingsdrempelSerializer(serializers.ModelSerializer[Afwijkingsdrempel]):
    samenwerkingsverband: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    besluit = _besluit()
    vastgesteld_door: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )

    class Meta:
        model = Afwijkingsdrempel
        fields = [
            "id",
            "samenwerkingsverband",
            "vanaf_jaar",
            "procentpunten",
            "bedrag",
            "besluit",
            "vastgesteld_op",
            "vastgesteld_door",
            "versie",
        ]
        read_only_fields = fields


class DrempelInvoerSerializer(serializers.Serializer[Any]):
    samenwerkingsverband = serializers.SlugField()
    vanaf_jaar = JaarField()
    procentpunten = serializers.DecimalField(
        max_digits=5, decimal_places=2, required=False, allow_null=True, default=None
    )
    bedrag = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True, default=None
    )
    besluit = BestuursbesluitInvoerSerializer(
        help_text="Het besluit van het bevoegde bestuursorgaan (standaard het DB)."
    )


class AfrekeningSerializer(serializers.ModelSerializer[Afrekening]):
    samenwerkingsverband: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    verdeelmodel: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(read_only=True)
    verdeelmodel_label = serializers.CharField(source="verdeelmodel.label", read_only=True)
    drempel = AfwijkingsdrempelSerializer(read_only=True, allow_null=True)
    regels = AfrekeningsregelSerializer(many=True, read_only=True)
    vastgesteld_door: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    besluit = _besluit()
    toegestane_acties = ToegestaneActiesField()

    class Meta:
        model = Afrekening
        fields = [
            "id",
            "samenwerkingsverband",
            "jaar",
            "verdeelmodel",
            "verdeelmodel_label",
            "status",
            "verrekend",
            "drempel",
            "signalen",
            "regels",
            "berekend_op",
            "vastgesteld_op",
            "vastgesteld_door",
            "besluit",
            "toegestane_acties",
            "versie",
        ]
        read_only_fields = fields


class AfrekeningInvoerSerializer(serializers.Serializer[Any]):
    samenwerkingsverband = serializers.SlugField()
    jaar = JaarField()
    verdeelmodel = IdField(
        required=False, allow_null=True, default=None, help_text="Standaard: het vastgestelde model."
    )


# --- voorschotten (advances, ADR 0035) -------------------------------------------------------------------------
class VoorschottermijnSerializer(serializers.ModelSerializer[Voorschottermijn]):
    schema: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(read_only=True)
    samenwerkingsverband: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        source="schema.samenwerkingsverband", slug_field="slug", read_only=True
    )
    jaar = serializers.IntegerField(source="schema.jaar", read_only=True)
    gemeente: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="cbs_code", read_only=True
    )
    naam = serializers.CharField(source="gemeente.naam", read_only=True)

    class Meta:
        model = Voorschottermijn
        fields = [
            "id",
            "schema",
            "samenwerkingsverband",
            "jaar",
            "gemeente",
            "naam",
            "nummer",
            "periode",
            "periode_begin",
            "periode_eind",
            "vervaldatum",
            "bedrag",
            "factuurkenmerk",
        ]
        read_only_fields = fields


class VoorschotdeelnemerSerializer(serializers.Serializer[Any]):
    """A partner's yearly advance as the allocation gave it (excl. VAT, VAT, incl. VAT)."""

    gemeente = serializers.CharField(help_text="CBS-code.")
    naam = serializers.CharField()
    totaal_excl_btw = serializers.DecimalField(max_digits=16, decimal_places=2)
    btw = serializers.DecimalField(max_digits=16, decimal_places=2)
    totaal_incl_btw = serializers.DecimalField(
        max_digits=16, decimal_places=2, help_text="Het jaarvoorschot: de som van de termijnen."
    )


class VoorschotschemaSerializer(serializers.ModelSerializer[Voorschotschema]):
    samenwerkingsverband: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    begroting: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(read_only=True)
    verdeelmodel: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(read_only=True)
    verdeelmodel_label = serializers.CharField(source="verdeelmodel.label", read_only=True)
    deelnemers = serializers.SerializerMethodField()
    termijnen = VoorschottermijnSerializer(many=True, read_only=True)
    berekend_door: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    vastgesteld_door: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    verzonden_door: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    toegestane_acties = ToegestaneActiesField()

    class Meta:
        model = Voorschotschema
        fields = [
            "id",
            "samenwerkingsverband",
            "jaar",
            "begroting",
            "begrotingstotaal",
            "verdeelmodel",
            "verdeelmodel_label",
            "ritme",
            "vervaldag",
            "status",
            "totaal",
            "deelnemers",
            "termijnen",
            "berekend_op",
            "berekend_door",
            "vastgesteld_op",
            "vastgesteld_door",
            "verzonden_op",
            "verzonden_door",
            "toegestane_acties",
            "versie",
        ]
        read_only_fields = fields

    @extend_schema_field(VoorschotdeelnemerSerializer(many=True))
    def get_deelnemers(self, obj: Voorschotschema) -> list[dict[str, Any]]:
        return [
            {
                "gemeente": b["gemeente"],
                "naam": b["naam"],
                "totaal_excl_btw": b["totaalExclBtw"],
                "btw": b["btw"],
                "totaal_incl_btw": b["totaalInclBtw"],
            }
            for b in (obj.resultaat or {}).get("bijdragen", [])
        ]


class VoorschotschemaInvoerSerializer(serializers.Serializer[Any]):
    samenwerkingsverband = serializers.SlugField()
    jaar = JaarField()
    ritme = serializers.ChoiceField(choices=Ritme.choices, required=False, default=Ritme.KWARTAAL)
    vervaldag = serializers.IntegerField(
        min_value=1,
        max_value=28,
        required=False,
        allow_null=True,
        default=None,
        help_text="Dag van de eerste maand van elke termijn (naar de eerstvolgende werkdag); leeg: eerste werkdag.",
    )


class VoorschotschemaOpnieuwSerializer(serializers.Serializer[Any]):
    ritme = serializers.ChoiceField(choices=Ritme.choices, required=False)
    vervaldag = serializers.IntegerField(min_value=1, max_value=28, required=False, allow_null=True)
