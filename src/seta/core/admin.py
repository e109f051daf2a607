from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from seta.core.models import AuditEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    """The admin as a window on the data: changes go through the web forms and the API, which call the
    services (policy, validation, audit trail). Nothing is added, changed or deleted here."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["tijdstip", "actor_naam", "actie", "object_type", "object_omschrijving"]
    list_filter = ["actie", "object_type"]
    search_fields = ["actor_naam", "object_omschrijving", "object_id"]
