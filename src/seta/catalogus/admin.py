"""Admin: a view on the catalogus. Changes go through the web forms and the API (services, policy, audit)."""

from __future__ import annotations

from django.contrib import admin

from seta.catalogus.models import Catalogusitem, Norm, Taakveld
from seta.core.admin import ReadOnlyAdmin, ReadOnlyInline


class NormInline(ReadOnlyInline):
    model = Norm


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
