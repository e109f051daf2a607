"""Forms of the council report's pages: drafting, the explanations, the decision that sends it, a correction, the
cycle and a subscription. Each carries the version it was shown with (``versie``, the If-Match of a page)."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from seta.rapportage.models import Ritme
from seta.samenwerkingsverbanden.models import Bestuursorgaan

TEKST = {"class": "utrecht-textbox"}
GETAL = {"class": "utrecht-textbox", "inputmode": "numeric"}
KEUZE = {"class": "utrecht-select"}
DATUM = {"class": "utrecht-textbox", "type": "date"}
VAK = {"class": "utrecht-textarea", "rows": 8}

ALLE_RADEN = "alle"

#: service field names -> form field names (errors of the service next to the field)
RENAME = {
    "besluit.orgaan": "orgaan",
    "besluit.kenmerk": "kenmerk",
    "besluit.datum": "datum",
    "expected_version": "versie",
    "samenwerkingsverband": "samenwerkingsverband",
}


class VersieForm(forms.Form):
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class OpstellenForm(forms.Form):
    """A new concept: the cooperation, the municipality (or all councils), the year and the period."""

    samenwerkingsverband = forms.ChoiceField(label="Samenwerkingsverband", widget=forms.Select(KEUZE))
    gemeente = forms.ChoiceField(
        label="Voor de raad van",
        help_text="Een gemeente, of 'alle raden' voor de gezamenlijke rapportage die het bestuur vaststelt.",
        widget=forms.Select(KEUZE),
    )
    jaar = forms.IntegerField(label="Jaar", min_value=2000, max_value=2100, widget=forms.NumberInput(GETAL))
    periode = forms.ChoiceField(
        label="Periode",
        help_text="De perioden van de planning & control-cyclus van het samenwerkingsverband.",
        widget=forms.Select(KEUZE),
    )

    def __init__(
        self,
        *args: Any,
        verbanden: list[tuple[str, str]],
        gemeenten: list[tuple[str, str]],
        perioden: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["samenwerkingsverband"]).choices = verbanden
        cast(forms.ChoiceField, self.fields["gemeente"]).choices = [
            (ALLE_RADEN, "Alle raden (gezamenlijke rapportage)"),
            *gemeenten,
        ]
        cast(forms.ChoiceField, self.fields["periode"]).choices = perioden


class ToelichtingForm(VersieForm):
    tekst = forms.CharField(
        label="Toelichting",
        required=False,
        max_length=20000,
        help_text="Uw eigen uitleg bij de cijfers van deze periode; de raad leest hem zoals u hem schrijft.",
        widget=forms.Textarea(VAK),
    )

    def __init__(self, *args: Any, label: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if label:
            self.fields["tekst"].label = label


class AanbiedenForm(VersieForm):
    """The decision that sends the report: the college's (a municipality's report) or the board's (the joint one)."""

    orgaan = forms.ChoiceField(label="Orgaan", widget=forms.Select(KEUZE), required=False)
    kenmerk = forms.CharField(
        label="Kenmerk van het besluit",
        max_length=200,
        help_text="Bijvoorbeeld 'B&W Laren 2026-11-10, besluit 12'.",
        widget=forms.TextInput(TEKST),
    )
    datum = forms.DateField(label="Datum van het besluit", widget=forms.DateInput(DATUM, format="%Y-%m-%d"))

    def __init__(self, *args: Any, gezamenlijk: bool = False, orgaan: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.gezamenlijk = gezamenlijk
        if gezamenlijk:
            self.fields["orgaan"].required = True
            cast(forms.ChoiceField, self.fields["orgaan"]).choices = [
                (k, v) for k, v in Bestuursorgaan.choices if k != Bestuursorgaan.COLLEGE
            ]
            if orgaan and not self.is_bound:
                self.initial.setdefault("orgaan", orgaan)
        else:
            del self.fields["orgaan"]

    def besluit(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "orgaan": data.get("orgaan") or Bestuursorgaan.COLLEGE,
            "kenmerk": data["kenmerk"],
            "datum": data["datum"],
        }


class CorrigerenForm(VersieForm):
    reden = forms.CharField(
        label="Reden van de correctie",
        max_length=2000,
        help_text="Wat er in de aangeboden versie niet klopte; de raad leest de reden bij de nieuwe versie.",
        widget=forms.Textarea({"class": "utrecht-textarea", "rows": 4}),
    )


class CyclusForm(VersieForm):
    ritme = forms.ChoiceField(label="Ritme", choices=Ritme.choices, widget=forms.Select(KEUZE))
    bron = forms.CharField(
        label="Grondslag",
        max_length=300,
        required=False,
        help_text="Waar het ritme op berust, bijvoorbeeld 'Financiële verordening BEL Combinatie, art. 6'.",
        widget=forms.TextInput(TEKST),
    )
    dagen_na_periode = forms.IntegerField(
        label="Aanbieden binnen (dagen na de periode)",
        min_value=0,
        max_value=365,
        widget=forms.NumberInput(GETAL),
    )
