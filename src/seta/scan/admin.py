"""Admin for the case base (casusbank): the beheerder edits and extends the historical cases.

Saves and deletes go through :mod:`seta.scan.services`, so the core validates every case and each
change leaves an audit event. Scans are private to their owner and are not shown here.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest

from seta.autorisaties import policy
from seta.autorisaties.actor import actor_for
from seta.core.errors import SetaError
from seta.scan import selectors, services
from seta.scan.models import Casus


class CasusAdminForm(forms.ModelForm):
    class Meta:
        model = Casus
        fields = [
            "code",
            "naam",
            "jaar",
            "vorm",
            "uitkomst",
            "actief",
            "partners",
            "aantal_partners",
            "genoemde_factoren",
            "antwoorden",
            "bron",
            "toelichting",
            "interpretatie",
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        probe = Casus(**{k: v for k, v in cleaned.items() if k in self.Meta.fields})
        from seta.scan import kern

        for veld, meldingen in kern.check_casus(probe.as_data()).items():
            target = veld if veld in self.fields else None
            for melding in meldingen:
                self.add_error(target, melding)
        return cleaned


@admin.register(Casus)
class CasusAdmin(admin.ModelAdmin):
    form = CasusAdminForm
    list_display = ["naam", "jaar", "vorm", "uitkomst", "actief"]
    list_filter = ["uitkomst", "vorm", "actief"]
    search_fields = ["naam", "code", "toelichting"]
    readonly_fields = ["versie", "aangemaakt_op", "gewijzigd_op"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and policy.can(actor_for(request.user), "casus.wijzigen", None))

    def save_model(self, request: HttpRequest, obj: Casus, form: Any, change: bool) -> None:
        actor = actor_for(request.user)
        velden = {k: form.cleaned_data[k] for k in services.CASUS_VELDEN if k in form.cleaned_data}
        try:
            if change:
                fresh = selectors.casus_for(actor, obj.pk)
                saved = services.update_casus(
                    actor=actor, casus=fresh, code=form.cleaned_data["code"], **velden
                )
            else:
                saved = services.create_casus(actor=actor, code=form.cleaned_data["code"], **velden)
        except SetaError as exc:
            messages.error(request, str(exc))
            raise
        obj.pk = saved.pk
        obj.versie = saved.versie

    def delete_model(self, request: HttpRequest, obj: Casus) -> None:
        services.delete_casus(actor=actor_for(request.user), casus=obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        actor = actor_for(request.user)
        for casus in queryset:
            services.delete_casus(actor=actor, casus=casus)
