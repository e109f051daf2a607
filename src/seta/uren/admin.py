"""Admin for urenregistratie: read-only (every write goes through the services and the pages)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from seta.uren.models import Urenimport, Urenregel, Weekstaat


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Weekstaat)
class WeekstaatAdmin(_ReadOnly):
    list_display = ["medewerker", "jaar", "week", "status", "goedgekeurd_door"]
    list_filter = ["status", "jaar", "samenwerkingsverband"]
    search_fields = ["medewerker__naam"]


@admin.register(Urenregel)
class UrenregelAdmin(_ReadOnly):
    list_display = ["medewerker", "datum", "uren", "soort", "opdracht", "catalogusitem", "gemeente", "bron"]
    list_filter = ["soort", "samenwerkingsverband"]
    search_fields = ["medewerker__naam", "omschrijving"]
    date_hierarchy = "datum"
    list_select_related = ["medewerker", "opdracht", "catalogusitem", "gemeente"]


@admin.register(Urenimport)
class UrenimportAdmin(_ReadOnly):
    list_display = [
        "bestandsnaam",
        "samenwerkingsverband",
        "tijdstip",
        "aantal_rijen",
        "aantal_nieuw",
        "ingelezen_door",
    ]
