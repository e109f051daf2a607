"""The form to book (or correct) an external cost; the service validates, the form only parses."""

from __future__ import annotations

from typing import Any

from django import forms


class KostenpostForm(forms.Form):
    datum = forms.DateField(
        label="Datum",
        widget=forms.DateInput(attrs={"type": "date", "class": "utrecht-textbox"}, format="%Y-%m-%d"),
    )
    bedrag = forms.DecimalField(
        label="Bedrag (excl. btw)",
        max_digits=12,
        decimal_places=2,
        help_text="In euro, bijvoorbeeld 1250,00.",
        localize=True,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox", "inputmode": "decimal"}),
    )
    omschrijving = forms.CharField(
        label="Omschrijving", max_length=200, widget=forms.TextInput(attrs={"class": "utrecht-textbox"})
    )
    leverancier = forms.CharField(
        label="Leverancier",
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox"}),
    )
    factuurnummer = forms.CharField(
        label="Factuurnummer",
        max_length=60,
        required=False,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox"}),
    )
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bedrag"].error_messages["invalid"] = "Vul een bedrag in euro's in, bijvoorbeeld 1250,00."


class VerwijderForm(forms.Form):
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)
