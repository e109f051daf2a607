"""API representations of scans, the questionnaire and the case base (Dutch field names, camelCase on the wire).

Serializers only shape data; every write goes through :mod:`seta.scan.services`.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from seta.scan.models import Casus, Scanpartner, Scansessie


class ScanpartnerSerializer(serializers.ModelSerializer[Scanpartner]):
    gemeente = serializers.CharField(
        source="cbs_code",
        allow_null=True,
        required=False,
        help_text="CBS-code uit de referentielijst, bijvoorbeeld GM0252.",
    )

    class Meta:
        model = Scanpartner
        fields = ["gemeente", "naam", "provincie", "inwoners", "handmatig"]
        read_only_fields = ["handmatig"]


class PartnerInvoerSerializer(serializers.Serializer[Any]):
    """One partner as input: ``gemeente`` (a CBS code), or ``naam`` (+ provincie, inwoners) for one that no longer exists."""

    gemeente = serializers.CharField(required=False, allow_null=True, allow_blank=True)
    naam = serializers.CharField(required=False, allow_blank=True)
    provincie = serializers.CharField(required=False, allow_blank=True)
    inwoners = serializers.IntegerField(required=False, allow_null=True)


class ScansessieSerializer(serializers.ModelSerializer[Scansessie]):
    partners = ScanpartnerSerializer(many=True, read_only=True)
    eigenaar = serializers.CharField(source="eigenaar.username", read_only=True)
    antwoorden = serializers.DictField(
        read_only=True,
        help_text="Antwoorden per vraag-id (zie /api/v1/scanvragen); ontbrekend = 'weet niet'.",
    )
    resultaat = serializers.JSONField(
        read_only=True, allow_null=True, help_text="De uitkomst, zoals `seta scan --format json` die geeft."
    )

    class Meta:
        model = Scansessie
        fields = [
            "id",
            "naam",
            "eigenaar",
            "status",
            "partners",
            "aantal_partners",
            "antwoorden",
            "resultaat",
            "resultaat_versie",
            "berekend_op",
            "versie",
            "aangemaakt_op",
            "gewijzigd_op",
        ]
        read_only_fields = fields


class ScansessieLijstSerializer(serializers.ModelSerializer[Scansessie]):
    partners = ScanpartnerSerializer(many=True, read_only=True)

    class Meta:
        model = Scansessie
        fields = ["id", "naam", "status", "partners", "berekend_op", "versie", "gewijzigd_op"]
        read_only_fields = fields


class ScansessieSchrijfSerializer(serializers.Serializer[Any]):
    """Input for create and partial update; only the given fields change."""

    naam = serializers.CharField(required=False, max_length=150)
    partners = PartnerInvoerSerializer(many=True, required=False)
    antwoorden = serializers.DictField(
        required=False,
        help_text=(
            "Vraag-id → antwoord (geheel getal, 'ja'/'nee', een optie of 'weet niet'); null wist een antwoord. "
            "Bij een vraag met per = 'partner' of 'paar' mag het antwoord een object zijn: "
            '{partnernaam: antwoord} of {"A + B": antwoord}.'
        ),
    )
    aantal_partners = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    versie = serializers.IntegerField(required=False, help_text="Alternatief voor de If-Match-kop.")


class BronSerializer(serializers.Serializer[Any]):
    regels = serializers.CharField()
    titel = serializers.CharField()


class VraagSerializer(serializers.Serializer[Any]):
    """One question of the questionnaire (read only; it lives in data/vragen.yaml)."""

    id = serializers.CharField()
    thema = serializers.CharField()
    titel = serializers.CharField()
    vraag = serializers.CharField()
    toelichting = serializers.CharField()
    soort = serializers.ChoiceField(choices=["schaal", "janee", "keuze"])
    verplicht = serializers.BooleanField()
    per = serializers.ChoiceField(
        choices=["scan", "partner", "paar"],
        help_text=(
            "'partner': mag per partnergemeente beantwoord worden ({partnernaam: antwoord}); "
            "'paar': per paar partners ({\"A + B\": antwoord}); 'scan': één antwoord voor alle partners."
        ),
    )
    bron = BronSerializer()
    zie_ook = BronSerializer(many=True)
    schaal = serializers.DictField(allow_null=True)
    opties = serializers.DictField(child=serializers.CharField(), allow_null=True)
    toegestane_waarden = serializers.ListField(child=serializers.JSONField())


class CasusSerializer(serializers.ModelSerializer[Casus]):
    class Meta:
        model = Casus
        fields = [
            "id",
            "code",
            "naam",
            "jaar",
            "vorm",
            "uitkomst",
            "partners",
            "aantal_partners",
            "genoemde_factoren",
            "antwoorden",
            "bron",
            "toelichting",
            "interpretatie",
            "actief",
            "versie",
            "aangemaakt_op",
            "gewijzigd_op",
        ]
        read_only_fields = ["id", "versie", "aangemaakt_op", "gewijzigd_op"]
        extra_kwargs: dict[str, dict[str, Any]] = {"code": {"validators": []}}
