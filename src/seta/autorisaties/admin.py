"""Read-only admin views of API tokens (never the token itself: prefix, owner, made, last used) and of
failed login attempts."""

from __future__ import annotations

from django.contrib import admin

from seta.autorisaties.inloggen import BeheerInlogFormulier
from seta.autorisaties.models import ApiToken, Inlogpoging
from seta.core.admin import ReadOnlyAdmin


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ["prefix", "gebruiker", "aangemaakt_op", "laatst_gebruikt_op"]
    search_fields = ["prefix", "gebruiker__username"]
    fields = ("prefix", "gebruiker", "aangemaakt_op", "laatst_gebruikt_op")  # never sleutel_hash
    readonly_fields = fields


@admin.register(Inlogpoging)
class InlogpogingAdmin(ReadOnlyAdmin):
    list_display = ["tijdstip", "gebruikersnaam", "adres", "uitkomst"]
    list_filter = ["uitkomst"]
    search_fields = ["gebruikersnaam", "adres"]


# The admin's own login goes through the same lockout and says so when locked.
admin.site.login_form = BeheerInlogFormulier
