"""Admin: a read-only window on the reference list and the functionarissen. The one thing the functional
administrator does here is link a login to a functionaris (which hands out the roles), through the service."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from seta.autorisaties.actor import actor_for
from seta.core.admin import ReadOnlyAdmin
from seta.gemeenten import services
from seta.gemeenten.models import Functionaris, Gemeente, Portefeuille


@admin.register(Gemeente)
class GemeenteAdmin(ReadOnlyAdmin):
    list_display = ["naam", "cbs_code", "provincie", "inwoners", "peildatum_inwoners", "opgeheven_op"]
    list_filter = ["provincie", ("opgeheven_op", admin.EmptyFieldListFilter)]
    search_fields = ["naam", "cbs_code"]


@admin.register(Portefeuille)
class PortefeuilleAdmin(ReadOnlyAdmin):
    list_display = ["naam", "gemeente"]
    search_fields = ["naam", "gemeente__naam"]


@admin.register(Functionaris)
class FunctionarisAdmin(admin.ModelAdmin):
    """Only the login (gebruiker) can be changed, and only through :func:`services.link_gebruiker`."""

    list_display = ["naam", "functie", "gemeente", "fractie", "begindatum", "einddatum", "gebruiker"]
    list_filter = ["functie"]
    search_fields = ["naam", "gemeente__naam", "fractie"]
    fields = [
        "naam",
        "functie",
        "gemeente",
        "fractie",
        "portefeuilles",
        "begindatum",
        "einddatum",
        "gebruiker",
        "versie",
    ]
    readonly_fields = [
        "naam",
        "functie",
        "gemeente",
        "fractie",
        "portefeuilles",
        "begindatum",
        "einddatum",
        "versie",
    ]
    autocomplete_fields = ["gebruiker"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Functionaris, form: Any, change: bool) -> None:
        original = Functionaris.objects.get(pk=obj.pk)
        services.link_gebruiker(
            actor=actor_for(request.user), functionaris=original, gebruiker=form.cleaned_data["gebruiker"]
        )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """Nothing else is written from the admin."""
