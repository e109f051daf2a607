"""Web forms for the dagelijks bestuur: a partner joins, a partner brings a taakgebied into the pool."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from seta.gemeenten.models import Gemeente
from seta.samenwerkingsverbanden.models import Deelnemer, Taakgebied


class DeelnemerForm(forms.Form):
    gemeente = forms.ModelChoiceField(
        label="Gemeente", queryset=Gemeente.objects.none(), empty_label="Kies een gemeente"
    )
    toetredingsdatum = forms.DateField(
        label="Toetredingsdatum",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="De nieuwe deelnemer neemt de bestaande afspraken over: alle taakgebieden die op deze datum in de "
        "pool zitten, gelden vanaf dan ook voor deze gemeente.",
    )

    def __init__(self, *args: Any, gemeenten: QuerySet[Gemeente], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten  # type: ignore[attr-defined]


class InbrengForm(forms.Form):
    deelnemer = forms.ModelChoiceField(
        label="Deelnemer", queryset=Deelnemer.objects.none(), empty_label="Kies een deelnemer"
    )
    taakgebied = forms.ModelChoiceField(
        label="Taakgebied", queryset=Taakgebied.objects.none(), empty_label="Kies een taakgebied"
    )
    vanaf = forms.DateField(label="In de pool vanaf", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(
        self, *args: Any, deelnemers: QuerySet[Deelnemer], taakgebieden: QuerySet[Taakgebied], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["deelnemer"].queryset = deelnemers  # type: ignore[attr-defined]
        self.fields["deelnemer"].label_from_instance = lambda d: d.gemeente.naam  # type: ignore[attr-defined]
        self.fields["taakgebied"].queryset = taakgebieden  # type: ignore[attr-defined]
