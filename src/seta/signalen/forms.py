"""The one form of signalen: handling a signal, with a note of what was done."""

from __future__ import annotations

from django import forms

from seta.signalen.services import AFHANDELING_MAX


class AfhandelForm(forms.Form):
    afhandeling = forms.CharField(
        label="Afhandeling",
        required=False,
        max_length=AFHANDELING_MAX,
        widget=forms.Textarea(attrs={"rows": 2, "class": "utrecht-textarea"}),
        help_text="Wat is er met dit signaal gedaan? (komt in de historie)",
    )
    terug = forms.CharField(widget=forms.HiddenInput, required=False)
