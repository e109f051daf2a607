from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from seta.core.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["tijdstip", "actor_naam", "actie", "object_type", "object_omschrijving"]
    list_filter = ["actie", "object_type"]
    search_fields = ["actor_naam", "object_omschrijving", "object_id"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
