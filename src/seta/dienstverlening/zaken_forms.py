"""Web forms of the case data. They only parse input; the services in ``zaken.py`` decide and validate."""

from __future__ import annotations

from typing import Any

from django import forms

from seta.catalogus.models import Catalogusitem
from seta.core import files
from seta.core.errors import InvalidInput
from seta.gemeenten.models import Gemeente
from seta.samenwerkingsverbanden.models import Samenwerkingsverband

_SELECT = {"class": "utrecht-select"}
_TEXT = {"class": "utrecht-textbox"}
_DATE = {"class": "utrecht-textbox", "type": "date"}


class PeriodeForm(forms.Form):
    periode_van = forms.DateField(label="Periode van", widget=forms.DateInput(attrs=_DATE, format="%Y-%m-%d"))
    periode_tot = forms.DateField(
        label="Periode tot en met",
        help_text="Alle zaken die in deze periode zijn ontvangen, worden vervangen door die uit het bestand.",
        widget=forms.DateInput(attrs=_DATE, format="%Y-%m-%d"),
    )


class ImportForm(PeriodeForm):
    samenwerkingsverband = forms.ModelChoiceField(
        label="Samenwerkingsverband",
        queryset=Samenwerkingsverband.objects.none(),
        widget=forms.Select(attrs=_SELECT),
    )
    gemeente = forms.ModelChoiceField(
        label="Gemeente",
        queryset=Gemeente.objects.none(),
        required=False,
        empty_label="Alle deelnemers",
        help_text="Leeg: het bestand bevat de zaken van alle deelnemers. Met een gemeente: alleen die van deze "
        "gemeente worden vervangen.",
        widget=forms.Select(attrs=_SELECT),
    )
    bestand = forms.FileField(
        label="Bestand",
        help_text="Een CSV- of XLSX-export met de kolommen identificatie, zaaktype, gemeente, ontvangen, besloten, "
        "opgeschorte_dagen, uiterste_datum, resultaat en tevredenheid. Bij één fout wordt niets ingelezen.",
        widget=forms.ClearableFileInput(attrs={"class": "utrecht-textbox", "accept": ".csv,.xlsx"}),
    )
    field_order = ["samenwerkingsverband", "gemeente", "periode_van", "periode_tot", "bestand"]

    def __init__(self, *args: Any, verbanden: Any, gemeenten: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["samenwerkingsverband"].queryset = verbanden  # type: ignore[attr-defined]
        self.fields["gemeente"].queryset = gemeenten  # type: ignore[attr-defined]

    def clean_bestand(self) -> Any:
        bestand = self.cleaned_data["bestand"]
        try:
            files.check_size("zaken", bestand.size or 0, bestand.name or "bestand")
        except InvalidInput as exc:
            raise forms.ValidationError([m for msgs in exc.fields.values() for m in msgs]) from exc
        return bestand


class KoppelingForm(forms.Form):
    zaaktype = forms.CharField(
        label="Zaaktype",
        max_length=300,
        help_text="De code van het zaaktype in het zaaksysteem (bijvoorbeeld BEL-OMGVERG) of de URL van het "
        "zaaktype in de Catalogi API.",
        widget=forms.TextInput(attrs=_TEXT),
    )
    catalogusitem = forms.ModelChoiceField(
        label="Catalogusitem", queryset=Catalogusitem.objects.none(), widget=forms.Select(attrs=_SELECT)
    )
    omschrijving = forms.CharField(
        label="Omschrijving", max_length=200, required=False, widget=forms.TextInput(attrs=_TEXT)
    )
    versie = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, items: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["catalogusitem"].queryset = items  # type: ignore[attr-defined]


class ZaaksysteemForm(forms.Form):
    gemeente = forms.ModelChoiceField(
        label="Gemeente", queryset=Gemeente.objects.none(), widget=forms.Select(attrs=_SELECT)
    )
    naam = forms.CharField(label="Naam", max_length=100, required=False, widget=forms.TextInput(attrs=_TEXT))
    api_root = forms.URLField(
        label="Adres van de Zaken API",
        max_length=300,
        assume_scheme="https",
        help_text="Bijvoorbeeld https://zaken.laren.nl/zaken/api/v1.",
        widget=forms.URLInput(attrs=_TEXT),
    )
    client_id = forms.CharField(label="Client-id", max_length=100, widget=forms.TextInput(attrs=_TEXT))
    geheim_variabele = forms.CharField(
        label="Omgevingsvariabele met het geheim",
        max_length=100,
        help_text="De naam van de omgevingsvariabele op de server, bijvoorbeeld SETA_ZGW_LAREN_GEHEIM. Het geheim "
        "zelf wordt nooit in SETA opgeslagen.",
        widget=forms.TextInput(attrs=_TEXT),
    )
    timeout_seconden = forms.IntegerField(
        label="Time-out (seconden)",
        min_value=1,
        max_value=120,
        initial=10,
        widget=forms.NumberInput(attrs=_TEXT),
    )
    actief = forms.BooleanField(label="Actief", required=False, initial=True)
    versie = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, gemeenten: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten  # type: ignore[attr-defined]
