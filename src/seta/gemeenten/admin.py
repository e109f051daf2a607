"""Admin registrations: the reference list is read-mostly; changes go through the services where they matter."""

from __future__ import annotations

from django.contrib import admin

from seta.gemeenten.models import Functionaris, Gemeente, Portefeuille


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ["naam", "cbs_code", "provincie", "inwoners", "peildatum_inwoners", "opgeheven_op"]
    list_filter = ["provincie", ("opgeheven_op", admin.EmptyFieldListFilter)]
    search_fields = ["naam", "cbs_code"]
    readonly_fields = ["versie", "aangemaakt_op", "gewijzigd_op"]
    autocomplete_fields = ["opgegaan_in"]


@admin.register(Portefeuille)
class PortefeuilleAdmin(admin.ModelAdmin):
    list_display = ["naam", "gemeente"]
    list_filter = ["gemeente__provincie"]
    search_fields = ["naam", "gemeente__naam"]
    autocomplete_fields = ["gemeente"]


@admin.register(Functionaris)
class FunctionarisAdmin(admin.ModelAdmin):
    list_display = ["naam", "functie", "gemeente", "fractie", "begindatum", "einddatum", "gebruiker"]
    list_filter = ["functie"]
    search_fields = ["naam", "gemeente__naam", "fractie"]
    autocomplete_fields = ["gemeente", "gebruiker"]
    filter_horizontal = ["portefeuilles"]
    readonly_fields = ["versie", "aangemaakt_op", "gewijzigd_op"]
