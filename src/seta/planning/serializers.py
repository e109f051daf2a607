"""API representations of the planning rules, absences and capacity (camelCase in JSON).

The rules' maps keyed by a code (``aandelen``, ``minima``: CBS code → percentage; ``regulierPerEenheid``: unit
code → percentage) are lists of ``{code, percentage}`` in the API, so the camelCase conversion never touches a
code; the service keeps them as maps.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from seta.api.fields import IdField, JaarField, ToegestaneActiesField
from seta.core.bounds import JAAR_MAX, JAAR_MIN
from seta.planning.models import Afwezigheid, Afwezigheidsoort, Grondslag, Meetperiode, Planningsregels
from seta.samenwerkingsverbanden.models import Bestuursbesluit
from seta.samenwerkingsverbanden.serializers import BestuursbesluitInvoerSerializer


class CodePercentageSerializer(serializers.Serializer[Any]):
    code = serializers.CharField(max_length=40, help_text="CBS-code (bijv. GM0376) of eenheidcode.")
    percentage = serializers.DecimalField(max_digits=6, decimal_places=2, min_value=0, max_value=100)


class PrioriteitsgewichtenSerializer(serializers.Serializer[Any]):
    hoog = serializers.DecimalField(max_digits=7, decimal_places=2, min_value=0, max_value=1000)
    normaal = serializers.DecimalField(max_digits=7, decimal_places=2, min_value=0, max_value=1000)
    laag = serializers.DecimalField(max_digits=7, decimal_places=2, min_value=0, max_value=1000)


def lijst(mapping: Any) -> list[dict[str, Any]]:
    if not isinstance(mapping, dict):
        return []
    return [{"code": str(k), "percentage": str(v)} for k, v in sorted(mapping.items())]


def kaart(rijen: list[dict[str, Any]]) -> dict[str, Any]:
    return {str(r["code"]): r["percentage"] for r in rijen}


class RegelsBesluitSerializer(serializers.ModelSerializer[Bestuursbesluit]):
    vastgelegd_door: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )

    class Meta:
        model = Bestuursbesluit
        fields = ["orgaan", "kenmerk", "datum", "omschrijving", "vastgelegd_door", "vastgelegd_op"]
        read_only_fields = fields


class PlanningsregelsSerializer(serializers.ModelSerializer[Planningsregels]):
    samenwerkingsverband = serializers.IntegerField(source="samenwerkingsverband_id", read_only=True)
    samenwerkingsverband_naam = serializers.CharField(source="samenwerkingsverband.naam", read_only=True)
    vervangt: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True, help_text="De versie die deze vervangt."
    )
    regulier_per_eenheid = serializers.SerializerMethodField(
        help_text="Afwijkend deel regulier werk per eenheid."
    )
    aandelen = serializers.SerializerMethodField(help_text="Bij grondslag vast: per deelnemer (CBS-code).")
    minima = serializers.SerializerMethodField(help_text="Gereserveerd minimum per deelnemer (CBS-code).")
    prioriteitsgewichten = serializers.SerializerMethodField()
    besluit_bestuur = RegelsBesluitSerializer(read_only=True, allow_null=True)
    toegestane_acties = ToegestaneActiesField()

    class Meta:
        model = Planningsregels
        fields = [
            "id",
            "samenwerkingsverband",
            "samenwerkingsverband_naam",
            "jaar",
            "volgnummer",
            "status",
            "uren_per_fte_week",
            "productieve_uren_per_fte_jaar",
            "regulier_pct",
            "regulier_per_eenheid",
            "grondslag",
            "aandelen",
            "minima",
            "prioriteitsgewichten",
            "meetperiode",
            "drempel_procentpunt",
            "toelichting",
            "besluit_bestuur",
            "vastgesteld_op",
            "vervangt",
            "toegestane_acties",
            "versie",
        ]
        read_only_fields = fields

    @extend_schema_field(CodePercentageSerializer(many=True))
    def get_regulier_per_eenheid(self, regels: Planningsregels) -> list[dict[str, Any]]:
        return lijst(regels.regulier_per_eenheid)

    @extend_schema_field(CodePercentageSerializer(many=True))
    def get_aandelen(self, regels: Planningsregels) -> list[dict[str, Any]]:
        return lijst(regels.aandelen)

    @extend_schema_field(CodePercentageSerializer(many=True))
    def get_minima(self, regels: Planningsregels) -> list[dict[str, Any]]:
        return lijst(regels.minima)

    @extend_schema_field(PrioriteitsgewichtenSerializer)
    def get_prioriteitsgewichten(self, regels: Planningsregels) -> dict[str, str]:
        g = regels.prioriteitsgewichten if isinstance(regels.prioriteitsgewichten, dict) else {}
        return {k: str(g.get(k, "")) for k in ("hoog", "normaal", "laag")}


class _RegelsVelden(serializers.Serializer[Any]):
    uren_per_fte_week = serializers.DecimalField(
        max_digits=4, decimal_places=1, required=False, min_value=1, max_value=40
    )
    productieve_uren_per_fte_jaar = serializers.DecimalField(
        max_digits=5, decimal_places=0, required=False, min_value=100, max_value=2080
    )
    regulier_pct = serializers.DecimalField(
        max_digits=5, decimal_places=2, required=False, min_value=0, max_value=100
    )
    regulier_per_eenheid = CodePercentageSerializer(many=True, required=False)
    grondslag = serializers.ChoiceField(choices=Grondslag.choices, required=False)
    aandelen = CodePercentageSerializer(many=True, required=False)
    minima = CodePercentageSerializer(many=True, required=False)
    prioriteitsgewichten = PrioriteitsgewichtenSerializer(required=False)
    meetperiode = serializers.ChoiceField(choices=Meetperiode.choices, required=False)
    drempel_procentpunt = serializers.DecimalField(
        max_digits=4, decimal_places=1, required=False, min_value=Decimal("0.5"), max_value=50
    )
    toelichting = serializers.CharField(required=False, allow_blank=True, max_length=5000)


def velden_uit(data: dict[str, Any]) -> dict[str, Any]:
    """The service's keyword arguments from the validated body (lists back to maps)."""
    uit = dict(data)
    for naam in ("regulier_per_eenheid", "aandelen", "minima"):
        if naam in uit:
            uit[naam] = kaart(uit[naam])
    if "prioriteitsgewichten" in uit:
        uit["prioriteitsgewichten"] = dict(uit["prioriteitsgewichten"])
    return uit


class PlanningsregelsInvoerSerializer(_RegelsVelden):
    samenwerkingsverband = IdField(help_text="Id van het samenwerkingsverband.")
    jaar = JaarField(help_text="Het jaar waarvoor de regels gelden.")


class PlanningsregelsWijzigSerializer(_RegelsVelden):
    """Only the fields sent are changed."""


class RegelsBesluitInvoerSerializer(serializers.Serializer[Any]):
    besluit = BestuursbesluitInvoerSerializer(
        help_text="Het besluit: orgaan, kenmerk en datum van de vergadering."
    )


class RegelsactieInvoerSerializer(serializers.Serializer[Any]):
    """No input besides the version (``If-Match`` or ``versie``)."""

    versie = serializers.IntegerField(required=False, min_value=0, help_text="In plaats van If-Match.")


class RegelgebeurtenisSerializer(serializers.Serializer[Any]):
    tijdstip = serializers.DateTimeField()
    wie = serializers.CharField()
    wat = serializers.CharField()


# --- absences -----------------------------------------------------------------------------------------------------
class AfwezigheidSerializer(serializers.ModelSerializer[Afwezigheid]):
    samenwerkingsverband = serializers.IntegerField(source="samenwerkingsverband_id", read_only=True)
    medewerker = serializers.IntegerField(source="medewerker_id", read_only=True)
    medewerker_naam = serializers.CharField(source="medewerker.naam", read_only=True)
    eenheid = serializers.CharField(source="medewerker.eenheid.code", read_only=True)
    toegestane_acties = ToegestaneActiesField()

    class Meta:
        model = Afwezigheid
        fields = [
            "id",
            "samenwerkingsverband",
            "medewerker",
            "medewerker_naam",
            "eenheid",
            "soort",
            "van",
            "tot",
            "percentage",
            "omschrijving",
            "toegestane_acties",
            "versie",
        ]
        read_only_fields = fields


class AfwezigheidInvoerSerializer(serializers.Serializer[Any]):
    medewerker = IdField(help_text="Id van de medewerker.")
    soort = serializers.ChoiceField(choices=Afwezigheidsoort.choices)
    van = serializers.DateField()
    tot = serializers.DateField(help_text="Tot en met.")
    percentage = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=1, max_value=100, required=False, default=Decimal(100)
    )
    omschrijving = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


class AfwezigheidWijzigSerializer(serializers.Serializer[Any]):
    soort = serializers.ChoiceField(choices=Afwezigheidsoort.choices, required=False)
    van = serializers.DateField(required=False)
    tot = serializers.DateField(required=False, help_text="Tot en met.")
    percentage = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=1, max_value=100, required=False
    )
    omschrijving = serializers.CharField(required=False, allow_blank=True, max_length=200)


# --- capacity -----------------------------------------------------------------------------------------------------
class CapaciteitParameters(serializers.Serializer[Any]):
    samenwerkingsverband = IdField(help_text="Id van het samenwerkingsverband.")
    startweek = serializers.DateField(
        required=False, help_text="Een dag in de eerste week (JJJJ-MM-DD); standaard deze week."
    )
    weken = serializers.IntegerField(
        required=False, default=13, min_value=1, max_value=156, help_text="Aantal weken (standaard 13)."
    )

    def validate_startweek(self, datum: Any) -> Any:
        if datum is not None and not JAAR_MIN <= datum.year <= JAAR_MAX:
            raise serializers.ValidationError(f"Kies een week tussen {JAAR_MIN} en {JAAR_MAX}.")
        return datum


class CapaciteitWeekSerializer(serializers.Serializer[Any]):
    week = serializers.DateField(help_text="Maandag van de week.")
    bruto = serializers.FloatField(help_text="Contracturen: fte × uren per fte per week.")
    afwezig = serializers.FloatField(help_text="Geregistreerde afwezigheid (uren).")
    netto = serializers.FloatField(help_text="(bruto − afwezig) × bruto-nettofactor.")
    regulier = serializers.FloatField(help_text="Gereserveerd voor regulier werk.")
    opdrachten = serializers.FloatField(help_text="Beschikbaar voor bestuursopdrachten.")


class CapaciteitEenheidSerializer(serializers.Serializer[Any]):
    eenheid = serializers.IntegerField(help_text="Id van de eenheid.")
    code = serializers.CharField()
    naam = serializers.CharField()
    weken = CapaciteitWeekSerializer(many=True)
    totaal = CapaciteitWeekSerializer(help_text="Opgeteld over de weken (week: de eerste week).")


class CapaciteitSerializer(serializers.Serializer[Any]):
    samenwerkingsverband = serializers.IntegerField()
    startweek = serializers.DateField()
    weken = serializers.IntegerField()
    planningsregels = serializers.IntegerField(
        allow_null=True, help_text="Id van de regels waarop de cijfers rusten; leeg: de standaardwaarden."
    )
    netto_factor = serializers.FloatField(help_text="Productieve uren / (uren per fte per week × 52).")
    eenheden = CapaciteitEenheidSerializer(many=True)
