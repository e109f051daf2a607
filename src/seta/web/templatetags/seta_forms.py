"""Form helpers for the shared form template: link inputs to their description and error message."""

from __future__ import annotations

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def met_beschrijving(field: BoundField) -> SafeString:
    """Render ``field`` with ``aria-describedby`` (help text, error) and ``aria-invalid`` when in error."""
    ids = []
    if field.help_text:
        ids.append(f"{field.id_for_label}-hulp")
    if field.errors:
        ids.append(f"{field.id_for_label}-fout")
    attrs: dict[str, str | bool] = {}
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)
