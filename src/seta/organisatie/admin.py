"""Admin: a view on the werkorganisatie. Changes go through the web forms and the API, which call the
services (validation, policy, audit); the admin only adds competences, through the service as well."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from seta.autorisaties.actor import actor_for
from seta.core.admin import ReadOnlyAdmin
from seta.organisatie import services
from seta.organisatie.models import Competentie, Eenheid, Medewerker


@admin.register(Eenheid)
class EenheidAdmin(ReadOnlyAdmin):
    list_display = ["naam", "code", "soort", "samenwerkingsverband", "bovenliggend", "gastgemeente"]
    list_filter = ["samenwerkingsverband", "soort"]
    search_fields = ["naam", "code"]


@admin.register(Medewerker)
class MedewerkerAdmin(admin.ModelAdmin):
    """Only the login (gebruiker) can be changed, and only through :func:`services.link_gebruiker`."""

    list_display = [
        "naam",
        "samenwerkingsverband",
        "eenheid",
        "positie",
        "functietitel",
        "fte",
        "in_dienst",
        "uit_dienst",
    ]
    list_filter = ["samenwerkingsverband", "positie"]
    search_fields = ["naam", "functietitel"]
    list_select_related = ["samenwerkingsverband", "eenheid"]
    readonly_fields = [
        "naam",
        "samenwerkingsverband",
        "eenheid",
        "positie",
        "functietitel",
        "fte",
        "schaal",
        "afkomstig_van",
        "competenties",
        "in_dienst",
        "uit_dienst",
        "versie",
    ]
    fields = [*readonly_fields[:-1], "gebruiker", "versie"]
    autocomplete_fields = ["gebruiker"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Medewerker, form: Any, change: bool) -> None:
        original = Medewerker.objects.get(pk=obj.pk)
        services.link_gebruiker(
            actor=actor_for(request.user), medewerker=original, gebruiker=form.cleaned_data["gebruiker"]
        )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """Nothing else is written from the admin."""


class CompetentieForm(forms.ModelForm):
    class Meta:
        model = Competentie
        fields = ["naam"]

    def clean_naam(self) -> str:
        naam = str(self.cleaned_data["naam"]).strip()
        if Competentie.objects.filter(naam__iexact=naam).exists():
            raise ValidationError(f"De competentie {naam!r} bestaat al.")
        return naam


@admin.register(Competentie)
class CompetentieAdmin(admin.ModelAdmin):
    form = CompetentieForm
    list_display = ["naam"]
    search_fields = ["naam"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Competentie, form: Any, change: bool) -> None:
        obj.pk = services.create_competentie(actor=actor_for(request.user), naam=obj.naam).pk
