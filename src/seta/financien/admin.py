"""Admin for financiën: read-only (writes go through the services: versioning, adoption, audit)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from seta.financien.models import (
    Afrekening,
    Afwijkingsdrempel,
    Begroting,
    Berekening,
    Deelnemersscenario,
    Scenario,
    Tarief,
    Uittredingsregel,
    Verdeelmodel,
)


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Begroting)
class BegrotingAdmin(_ReadOnly):
    list_display = ["samenwerkingsverband", "jaar", "personeel", "materieel", "overhead"]


@admin.register(Tarief)
class TariefAdmin(_ReadOnly):
    list_display = ["samenwerkingsverband", "jaar", "eenheid", "schaal", "uurtarief"]
    list_filter = ["jaar", "samenwerkingsverband"]


@admin.register(Verdeelmodel)
class VerdeelmodelAdmin(_ReadOnly):
    list_display = ["naam", "volgnummer", "samenwerkingsverband", "status", "vastgesteld_op"]
    list_filter = ["status", "samenwerkingsverband"]


@admin.register(Scenario)
class ScenarioAdmin(_ReadOnly):
    list_display = ["naam", "samenwerkingsverband", "jaar", "berekend_op"]


@admin.register(Berekening)
class BerekeningAdmin(_ReadOnly):
    list_display = ["verdeelmodel", "jaar", "grondslag", "berekend_op", "berekend_door"]


@admin.register(Afwijkingsdrempel)
class AfwijkingsdrempelAdmin(_ReadOnly):
    list_display = ["samenwerkingsverband", "vanaf_jaar", "procentpunten", "bedrag", "vastgesteld_op"]


@admin.register(Afrekening)
class AfrekeningAdmin(_ReadOnly):
    list_display = ["samenwerkingsverband", "jaar", "verdeelmodel", "status", "verrekend"]


@admin.register(Deelnemersscenario)
class DeelnemersscenarioAdmin(_ReadOnly):
    list_display = ["__str__", "samenwerkingsverband", "soort", "jaar", "berekend_op"]
    list_filter = ["soort", "samenwerkingsverband"]


@admin.register(Uittredingsregel)
class UittredingsregelAdmin(_ReadOnly):
    list_display = ["samenwerkingsverband", "jaren_overhead", "bron", "besluit"]
