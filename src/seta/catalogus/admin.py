"""Admin: a view on the catalogus. Changes go through the web forms and the API (services, policy, audit)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from seta.catalogus.models import Catalogusitem, Norm, Taakveld


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class NormInline(admin.TabularInline):
    model = Norm
    extra = 0

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Catalogusitem)
class CatalogusitemAdmin(ReadOnlyAdmin):
    list_display = [
        "naam",
        "code",
        "samenwerkingsverband",
        "soort",
        "taaksoort",
        "eenheid",
        "taakveld",
        "actief",
    ]
    list_filter = ["samenwerkingsverband", "soort", "taaksoort", "actief"]
    search_fields = ["naam", "code"]
    list_select_related = ["samenwerkingsverband", "eenheid", "taakveld"]
    inlines = [NormInline]


@admin.register(Taakveld)
class TaakveldAdmin(ReadOnlyAdmin):
    list_display = ["code", "naam", "hoofdtaakveld"]
    search_fields = ["code", "naam"]
