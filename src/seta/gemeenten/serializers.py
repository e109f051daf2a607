"""API representations of gemeenten, functionarissen and portefeuilles (Dutch names, camelCase in JSON)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from seta.autorisaties.actor import ANONYMOUS, Actor
from seta.gemeenten import selectors
from seta.gemeenten.models import Functie, Functionaris, Gemeente, Portefeuille


@extend_schema_field(OpenApiTypes.STR)
class ScopedSlugField(serializers.SlugRelatedField):
    """A reference by a natural key, looked up only among the records the requesting actor may see."""

    def __init__(self, *, scope: Callable[[Actor], QuerySet[Any]], **kwargs: Any) -> None:
        self._scope = scope
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault(
            "does_not_exist", "'{value}' bestaat niet (of is niet zichtbaar voor u)."
        )
        kwargs["error_messages"].setdefault("invalid", "Ongeldige waarde.")
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        return self._scope(self.context.get("actor", ANONYMOUS))


@extend_schema_field(OpenApiTypes.INT)
class ScopedPrimaryKeyField(serializers.PrimaryKeyRelatedField):
    def __init__(self, *, scope: Callable[[Actor], QuerySet[Any]], **kwargs: Any) -> None:
        self._scope = scope
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault(
            "does_not_exist", "'{pk_value}' bestaat niet (of is niet zichtbaar voor u)."
        )
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        return self._scope(self.context.get("actor", ANONYMOUS))


class GemeenteSerializer(serializers.ModelSerializer[Gemeente]):
    opgegaan_in: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="cbs_code", read_only=True, allow_null=True
    )
    bestaat = serializers.BooleanField(read_only=True)

    class Meta:
        model = Gemeente
        fields = [
            "cbs_code",
            "naam",
            "slug",
            "provincie",
            "provincie_code",
            "inwoners",
            "peildatum_inwoners",
            "bron",
            "bestaat",
            "opgeheven_op",
            "opgegaan_in",
            "versie",
        ]
        read_only_fields = fields


class PortefeuilleSerializer(serializers.ModelSerializer[Portefeuille]):
    gemeente: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="cbs_code", read_only=True
    )

    class Meta:
        model = Portefeuille
        fields = ["id", "gemeente", "naam"]
        read_only_fields = fields


class PortefeuilleInvoerSerializer(serializers.Serializer[Any]):
    gemeente = ScopedSlugField(
        slug_field="cbs_code", scope=selectors.gemeenten_for, help_text="CBS-code, bijv. GM0376."
    )
    naam = serializers.CharField(max_length=100)


class PortefeuilleKortSerializer(serializers.ModelSerializer[Portefeuille]):
    class Meta:
        model = Portefeuille
        fields = ["id", "naam"]
        read_only_fields = fields


class FunctionarisSerializer(serializers.ModelSerializer[Functionaris]):
    gemeente: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="cbs_code", read_only=True
    )
    portefeuilles = PortefeuilleKortSerializer(many=True, read_only=True)
    orgaan = serializers.CharField(read_only=True)

    class Meta:
        model = Functionaris
        fields = [
            "id",
            "gemeente",
            "functie",
            "orgaan",
            "naam",
            "fractie",
            "portefeuilles",
            "begindatum",
            "einddatum",
            "versie",
        ]
        read_only_fields = fields


class FunctionarisInvoerSerializer(serializers.Serializer[Any]):
    gemeente = ScopedSlugField(
        slug_field="cbs_code", scope=selectors.gemeenten_for, help_text="CBS-code, bijv. GM0376."
    )
    functie = serializers.ChoiceField(choices=Functie.choices)
    naam = serializers.CharField(max_length=150)
    fractie = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    portefeuilles = ScopedPrimaryKeyField(
        scope=selectors.portefeuilles_for, many=True, required=False, default=list
    )
    begindatum = serializers.DateField()


class BeeindigenSerializer(serializers.Serializer[Any]):
    einddatum = serializers.DateField(help_text="De laatste dag in functie.")


class PortefeuillesWijzigenSerializer(serializers.Serializer[Any]):
    portefeuilles = ScopedPrimaryKeyField(scope=selectors.portefeuilles_for, many=True)
