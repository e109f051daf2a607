"""Admin: a read-only window on the cooperations. Partners, boards and scope change through the web forms
and the API, which call the services (policy, validation, audit trail)."""

from __future__ import annotations

from django.contrib import admin

from seta.core.admin import ReadOnlyAdmin, ReadOnlyInline
from seta.samenwerkingsverbanden.models import (
    Besluitbevoegdheid,
    Bestuursbesluit,
    Bestuurslid,
    Deelnemer,
    Inbreng,
    Samenwerkingsverband,
    Taakgebied,
)


class DeelnemerInline(ReadOnlyInline):
    model = Deelnemer


class BestuurslidInline(ReadOnlyInline):
    model = Bestuurslid


@admin.register(Samenwerkingsverband)
class SamenwerkingsverbandAdmin(ReadOnlyAdmin):
    list_display = ["naam", "menu", "rechtsvorm", "gastheergemeente", "startdatum", "einddatum"]
    list_filter = ["menu", "rechtsvorm"]
    search_fields = ["naam", "afkorting", "slug"]
    inlines = [DeelnemerInline, BestuurslidInline]


@admin.register(Deelnemer)
class DeelnemerAdmin(ReadOnlyAdmin):
    list_display = [
        "gemeente",
        "samenwerkingsverband",
        "toetredingsdatum",
        "uittredingsdatum",
        "neemt_bestaande_afspraken_over",
    ]
    list_filter = ["samenwerkingsverband"]
    search_fields = ["gemeente__naam", "samenwerkingsverband__naam"]


@admin.register(Bestuurslid)
class BestuurslidAdmin(ReadOnlyAdmin):
    list_display = ["functionaris", "orgaan", "samenwerkingsverband", "voorzitter", "begindatum", "einddatum"]
    list_filter = ["samenwerkingsverband", "orgaan"]


@admin.register(Taakgebied)
class TaakgebiedAdmin(ReadOnlyAdmin):
    list_display = ["naam", "code", "volgorde"]
    search_fields = ["naam", "code"]


@admin.register(Inbreng)
class InbrengAdmin(ReadOnlyAdmin):
    list_display = ["taakgebied", "deelnemer", "vanaf", "tot"]
    list_filter = ["deelnemer__samenwerkingsverband", "taakgebied"]


@admin.register(Besluitbevoegdheid)
class BesluitbevoegdheidAdmin(ReadOnlyAdmin):
    list_display = ["samenwerkingsverband", "onderwerp", "orgaan"]
    list_filter = ["onderwerp", "orgaan"]


@admin.register(Bestuursbesluit)
class BestuursbesluitAdmin(ReadOnlyAdmin):
    list_display = ["samenwerkingsverband", "orgaan", "onderwerp", "kenmerk", "datum", "vastgelegd_door"]
    list_filter = ["orgaan", "onderwerp"]
    search_fields = ["kenmerk", "omschrijving"]
