"""Web forms for functionarissen; the services validate, the forms only parse."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from seta.gemeenten.models import Functie, Gemeente, Portefeuille


class FunctionarisForm(forms.Form):
    functie = forms.ChoiceField(label="Functie", choices=Functie.choices)
    naam = forms.CharField(label="Naam", max_length=150)
    fractie = forms.CharField(
        label="Fractie",
        max_length=100,
        required=False,
        help_text="Verplicht voor een raadslid; voor een wethouder optioneel.",
    )
    portefeuilles = forms.ModelMultipleChoiceField(
        label="Portefeuilles",
        queryset=Portefeuille.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Alleen voor de burgemeester en wethouders.",
    )
    begindatum = forms.DateField(label="In functie vanaf", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, gemeente: Gemeente, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        veld = self.fields["portefeuilles"]
        assert isinstance(veld, forms.ModelMultipleChoiceField)
        veld.queryset = Portefeuille.objects.filter(gemeente=gemeente).order_by("naam")
        self.fields["begindatum"].initial = dt.date.today()


class BeeindigenForm(forms.Form):
    einddatum = forms.DateField(
        label="Laatste dag in functie",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Bijvoorbeeld 31-12-2026.",
    )
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)
