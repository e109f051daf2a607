"""Form plumbing shared by the apps' web views."""

from __future__ import annotations

from collections.abc import Mapping

from django import forms

from seta.core.errors import InvalidInput, SetaError


def apply_errors(
    form: forms.BaseForm,
    exc: SetaError,
    *,
    rename: Mapping[str, str] | None = None,
    fallback: str | None = None,
) -> None:
    """Show a service's error on a form.

    An ``InvalidInput`` puts each message next to the field it names (``rename`` maps a service's field
    name to the form's); a name the form does not have goes to ``fallback`` (prefixed with the name)
    when given, else to the top of the form. Any other error, or one without fields, goes to the top.
    The error's HTTP status stays on the form for ``seta.web.actions.page_status`` (403, 409, 412, …).
    """
    form.seta_status = exc.status  # type: ignore[attr-defined]
    if not (isinstance(exc, InvalidInput) and exc.fields):
        form.add_error(None, exc.detail)
        return
    rename = rename or {}
    for naam, berichten in exc.fields.items():
        veld = rename.get(naam, naam)
        prefix = ""
        target: str | None = None
        if veld in form.fields:
            target = veld
        elif fallback is not None and fallback in form.fields:
            target, prefix = fallback, f"{naam}: "
        for bericht in berichten:
            form.add_error(target, prefix + bericht)
