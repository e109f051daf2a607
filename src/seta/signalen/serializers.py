"""API representation of a signal (camelCase on the wire) and the body of handling it."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from seta.api.fields import ToegestaneActiesField
from seta.signalen.models import Signaal
from seta.signalen.services import AFHANDELING_MAX


class SignaalSerializer(serializers.ModelSerializer[Signaal]):
    samenwerkingsverband: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    gemeente: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    afgehandeld = serializers.SerializerMethodField(help_text="Of het signaal is afgehandeld.")
    afgehandeld_door: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    toegestane_acties = ToegestaneActiesField()

    class Meta:
        model = Signaal
        fields = [
            "id",
            "samenwerkingsverband",
            "gemeente",
            "doelgroep",
            "soort",
            "titel",
            "tekst",
            "link",
            "bestuursopdracht",
            "aangemaakt_op",
            "afgehandeld",
            "afgehandeld_op",
            "afgehandeld_door",
            "afhandeling",
            "toegestane_acties",
        ]
        read_only_fields = fields
        extra_kwargs = {"bestuursopdracht": {"allow_null": True}}

    def get_afgehandeld(self, obj: Signaal) -> bool:
        return obj.afgehandeld_op is not None


class AfhandelingInvoerSerializer(serializers.Serializer[Any]):
    afhandeling = serializers.CharField(
        allow_blank=True,
        required=False,
        default="",
        max_length=AFHANDELING_MAX,
        help_text="Wat er met het signaal is gedaan.",
    )
