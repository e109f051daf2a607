"""API representations of the nacalculatie (read-only, from the core's result) and of the cost bookings."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from seta.api.fields import ToegestaneActiesField
from seta.gemeenten.serializers import ScopedPrimaryKeyField
from seta.nacalculatie.models import Kostenpost
from seta.opdrachten import selectors as opdracht_selectors


def _uren(**kw: Any) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True, **kw)


def _euro(**kw: Any) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True, **kw)


class WeekSerializer(serializers.Serializer[Any]):
    week = serializers.CharField(
        source="label", read_only=True, help_text='ISO 8601-week, bijvoorbeeld "2026-W14".'
    )
    uren_goedgekeurd = _uren()
    uren_niet_goedgekeurd = _uren(help_text="Ingediend of nog open.")
    kosten_uren = _euro(allow_null=True, help_text="Leeg: voor een deel van de uren is geen uurtarief.")
    externe_kosten = _euro()
    cumulatief_uren = _uren()
    cumulatief_kosten = _euro(allow_null=True)


class AandeelSerializer(serializers.Serializer[Any]):
    gemeente = serializers.CharField(source="naam", read_only=True)
    percentage = serializers.DecimalField(max_digits=5, decimal_places=1, read_only=True)
    bedrag = _euro()


class VerdelingSerializer(serializers.Serializer[Any]):
    regel = serializers.CharField(
        read_only=True, help_text="Welke regel de kosten verdeelt, met de aandelen."
    )
    totaal = _euro()
    onvolledig = serializers.BooleanField(read_only=True)
    aandelen = AandeelSerializer(many=True, read_only=True)


class KaderSerializer(serializers.Serializer[Any]):
    max_uren = _uren(allow_null=True)
    max_euro = _euro(allow_null=True, help_text="Het budgetkader geldt voor de externe kosten.")
    uren_boven_kader = _uren(source="kader.uren_boven_kader", allow_null=True)
    uren_boven_kader_goedgekeurd = _uren(source="kader.uren_boven_kader_goedgekeurd", allow_null=True)
    euro_boven_kader = _euro(source="kader.euro_boven_kader", allow_null=True)
    overschreden = serializers.BooleanField(source="kader.overschreden", read_only=True)
    overschreden_goedgekeurd = serializers.BooleanField(
        source="kader.overschreden_goedgekeurd", read_only=True
    )


class RamingSerializer(serializers.Serializer[Any]):
    uren = _uren(source="raming_uren", allow_null=True)
    externe_kosten = _euro(source="raming_externe_kosten", allow_null=True)
    kosten = _euro(source="raming_kosten", allow_null=True, help_text="Uren × uurtarief + externe kosten.")
    percentage_uren = serializers.DecimalField(
        max_digits=9, decimal_places=1, read_only=True, allow_null=True
    )
    percentage_kosten = serializers.DecimalField(
        max_digits=9, decimal_places=1, read_only=True, allow_null=True
    )
    resterend_uren = _uren(allow_null=True)
    resterend_kosten = _euro(allow_null=True)


class NacalculatieSerializer(serializers.Serializer[Any]):
    """``instance``: a ``selectors.Weergave``."""

    bestuursopdracht = serializers.IntegerField(source="opdracht.pk", read_only=True)
    nummer = serializers.CharField(source="opdracht.nummer", read_only=True)
    titel = serializers.CharField(source="opdracht.titel", read_only=True)
    uren_goedgekeurd = _uren(source="nacalculatie.uren_goedgekeurd")
    uren_niet_goedgekeurd = _uren(source="nacalculatie.uren_niet_goedgekeurd")
    uren = _uren(source="nacalculatie.uren")
    kosten_uren = _euro(source="nacalculatie.kosten_uren", allow_null=True)
    externe_kosten = _euro(source="nacalculatie.externe_kosten")
    totaal = _euro(source="nacalculatie.totaal", allow_null=True)
    ontbrekende_tarieven = serializers.ListField(
        source="nacalculatie.ontbrekende_tarieven", child=serializers.CharField(), read_only=True
    )
    raming = RamingSerializer(source="nacalculatie", read_only=True)
    kader = KaderSerializer(source="nacalculatie", read_only=True)
    drempels = serializers.SerializerMethodField(
        help_text="Bereikte signaalgrenzen: raming_90, raming_100, kader_overschreden."
    )
    weken = WeekSerializer(source="nacalculatie.weken", many=True, read_only=True)
    verdeling = VerdelingSerializer(source="nacalculatie.verdeling", read_only=True, allow_null=True)

    def get_drempels(self, obj: Any) -> list[str]:
        return sorted(obj.nacalculatie.drempels)


class KostenpostSerializer(serializers.ModelSerializer[Kostenpost]):
    toegestane_acties = ToegestaneActiesField()

    class Meta:
        model = Kostenpost
        fields = [
            "id",
            "bestuursopdracht",
            "datum",
            "bedrag",
            "omschrijving",
            "leverancier",
            "factuurnummer",
            "versie",
            "toegestane_acties",
        ]
        read_only_fields = fields


class KostenpostInvoerSerializer(serializers.Serializer[Any]):
    bestuursopdracht = ScopedPrimaryKeyField(scope=opdracht_selectors.bestuursopdrachten_for)
    datum = serializers.DateField()
    bedrag = serializers.DecimalField(max_digits=12, decimal_places=2, help_text="Excl. btw, groter dan nul.")
    omschrijving = serializers.CharField(max_length=200, allow_blank=True)
    leverancier = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    factuurnummer = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")


class KostenpostWijzigSerializer(serializers.Serializer[Any]):
    datum = serializers.DateField(required=False)
    bedrag = serializers.DecimalField(max_digits=12, decimal_places=2, required=False)
    omschrijving = serializers.CharField(max_length=200, required=False, allow_blank=True)
    leverancier = serializers.CharField(max_length=150, required=False, allow_blank=True)
    factuurnummer = serializers.CharField(max_length=60, required=False, allow_blank=True)
