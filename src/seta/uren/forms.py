"""Forms of urenregistratie: the import upload and the reason to reopen a week (the grid is hand-built)."""

from __future__ import annotations

from typing import Any

from django import forms

from seta.core import files
from seta.core.errors import InvalidInput
from seta.samenwerkingsverbanden.models import Samenwerkingsverband


class ImportForm(forms.Form):
    samenwerkingsverband = forms.ModelChoiceField(
        label="Samenwerkingsverband",
        queryset=Samenwerkingsverband.objects.none(),
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )
    bestand = forms.FileField(
        label="Bestand",
        help_text="Een CSV- of XLSX-export met de kolommen medewerker, datum, uren, code, gemeente en omschrijving. "
        "Bij één fout wordt niets ingelezen; hetzelfde bestand nogmaals inlezen verdubbelt niets.",
        widget=forms.ClearableFileInput(attrs={"class": "utrecht-textbox", "accept": ".csv,.xlsx"}),
    )

    def __init__(self, *args: Any, verbanden: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if verbanden is not None:
            self.fields["samenwerkingsverband"].queryset = verbanden  # type: ignore[attr-defined]

    def clean_bestand(self) -> Any:
        bestand = self.cleaned_data["bestand"]
        try:
            files.check_size("uren", bestand.size or 0, bestand.name or "bestand")
        except InvalidInput as exc:
            raise forms.ValidationError([m for msgs in exc.fields.values() for m in msgs]) from exc
        return bestand


class HeropenForm(forms.Form):
    reden = forms.CharField(
        label="Reden van heropenen",
        help_text="Verplicht; de reden komt in de historie van de week en in de audittrail.",
        widget=forms.Textarea(attrs={"class": "utrecht-textarea", "rows": 3}),
    )
