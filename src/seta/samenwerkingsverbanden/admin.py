"""Admin registrations for samenwerkingsverbanden (the functional administrator's view of the data)."""

from __future__ import annotations

from django.contrib import admin

from seta.samenwerkingsverbanden.models import (
    Bestuurslid,
    Deelnemer,
    Inbreng,
    Samenwerkingsverband,
    Taakgebied,
)


class DeelnemerInline(admin.TabularInline):
    model = Deelnemer
    extra = 0
    autocomplete_fields = ["gemeente"]


class BestuurslidInline(admin.TabularInline):
    model = Bestuurslid
    extra = 0
    raw_id_fields = ["functionaris"]


@admin.register(Samenwerkingsverband)
class SamenwerkingsverbandAdmin(admin.ModelAdmin):
    list_display = ["naam", "menu", "rechtsvorm", "gastheergemeente", "startdatum", "einddatum"]
    list_filter = ["menu", "rechtsvorm"]
    search_fields = ["naam", "afkorting", "slug"]
    prepopulated_fields = {"slug": ["naam"]}
    autocomplete_fields = ["gastheergemeente"]
    readonly_fields = ["versie", "aangemaakt_op", "gewijzigd_op"]
    inlines = [DeelnemerInline, BestuurslidInline]


@admin.register(Deelnemer)
class DeelnemerAdmin(admin.ModelAdmin):
    list_display = [
        "gemeente",
        "samenwerkingsverband",
        "toetredingsdatum",
        "uittredingsdatum",
        "neemt_bestaande_afspraken_over",
    ]
    list_filter = ["samenwerkingsverband"]
    search_fields = ["gemeente__naam", "samenwerkingsverband__naam"]
    autocomplete_fields = ["gemeente"]


@admin.register(Bestuurslid)
class BestuurslidAdmin(admin.ModelAdmin):
    list_display = ["functionaris", "orgaan", "samenwerkingsverband", "voorzitter", "begindatum", "einddatum"]
    list_filter = ["samenwerkingsverband", "orgaan"]
    raw_id_fields = ["functionaris"]


@admin.register(Taakgebied)
class TaakgebiedAdmin(admin.ModelAdmin):
    list_display = ["naam", "code", "volgorde"]
    search_fields = ["naam", "code"]


@admin.register(Inbreng)
class InbrengAdmin(admin.ModelAdmin):
    list_display = ["taakgebied", "deelnemer", "vanaf", "tot"]
    list_filter = ["deelnemer__samenwerkingsverband", "taakgebied"]
    raw_id_fields = ["deelnemer"]
