"""Forms of financiën: a verdeelmodel (its configuration as JSON), adoption, settlement, threshold."""

from __future__ import annotations

import json
from typing import Any

from django import forms

from seta.api.parsers import TeDiepGenest, json_uit_tekst
from seta.core import files
from seta.core.bounds import JAAR_MAX, JAAR_MIN

TE_DIEP = (
    f"De configuratie is te diep genest (meer dan {files.NESTING_LIMIT} lagen lijsten of objecten in elkaar)."
)


class VerdeelmodelForm(forms.Form):
    naam = forms.CharField(
        label="Naam", max_length=120, widget=forms.TextInput(attrs={"class": "utrecht-textbox"})
    )
    omschrijving = forms.CharField(
        label="Omschrijving",
        required=False,
        widget=forms.Textarea(attrs={"class": "utrecht-textarea", "rows": 3}),
    )
    configuratie = forms.CharField(
        label="Configuratie (JSON)",
        help_text="Het modeldeel van het invoerschema (docs/schemas/allocate-input.schema.json): verdeelsleutel, "
        'onderdelen en regels. Een vast onderdeel mag als bedrag "begroting" of "rest" hebben; een gebruiksonderdeel '
        "zonder regels haalt de uren uit de urenregistratie (zie docs/uren.md).",
        widget=forms.Textarea(
            attrs={"class": "utrecht-textarea seta-code", "rows": 18, "spellcheck": "false"}
        ),
    )

    def __init__(self, *args: Any, bewerk_naam: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not bewerk_naam:
            del self.fields["naam"]

    def clean_configuratie(self) -> dict[str, Any]:
        try:
            value = json_uit_tekst(self.cleaned_data["configuratie"])
        except TeDiepGenest as exc:
            raise forms.ValidationError(str(exc)) from exc
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                f"Geen geldige JSON: {exc.msg} (regel {exc.lineno}, kolom {exc.colno})."
            ) from exc
        if files.nesting_depth(value) > files.NESTING_LIMIT:
            raise forms.ValidationError(TE_DIEP)
        if not isinstance(value, dict):
            raise forms.ValidationError("De configuratie moet een JSON-object zijn ({ … }).")
        return value


class VaststellenForm(forms.Form):
    besluit = forms.CharField(
        label="Besluit van het algemeen bestuur",
        help_text="Kenmerk van het besluit, bijvoorbeeld AB 2025-11, agendapunt 4.",
        max_length=200,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox"}),
    )
    datum = forms.DateField(
        label="Datum van het besluit",
        widget=forms.DateInput(attrs={"class": "utrecht-textbox", "type": "date"}),
    )


class BerekenForm(forms.Form):
    jaar = forms.IntegerField(
        label="Jaar",
        min_value=JAAR_MIN,
        max_value=JAAR_MAX,
        widget=forms.NumberInput(attrs={"class": "utrecht-textbox"}),
    )
    grondslag = forms.ChoiceField(
        label="Grondslag van het gebruik",
        required=False,
        choices=[
            ("", "Zoals het model zegt"),
            ("realisatie", "Realisatie (geregistreerde uren)"),
            ("raming", "Raming (afgesproken ramingen)"),
        ],
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )


class DrempelForm(forms.Form):
    vanaf_jaar = forms.IntegerField(
        label="Geldt vanaf jaar",
        min_value=JAAR_MIN,
        max_value=JAAR_MAX,
        widget=forms.NumberInput(attrs={"class": "utrecht-textbox"}),
    )
    procentpunten = forms.DecimalField(
        label="Drempel in procentpunten",
        required=False,
        min_value=0,
        decimal_places=2,
        help_text="Signaal als het aandeel geleverde uren meer dan dit afwijkt van het sleutelaandeel.",
        widget=forms.NumberInput(attrs={"class": "utrecht-textbox", "step": "0.01"}),
    )
    bedrag = forms.DecimalField(
        label="Drempel in euro",
        required=False,
        min_value=0,
        decimal_places=2,
        help_text="Signaal als de afwijking in uren maal het standaardtarief meer is dan dit bedrag.",
        widget=forms.NumberInput(attrs={"class": "utrecht-textbox", "step": "0.01"}),
    )
    besluit = forms.CharField(
        label="Besluit",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox"}),
    )


class VoorschotForm(forms.Form):
    """Compute (or recompute) a year's advances: rhythm and due day."""

    jaar = forms.IntegerField(
        label="Jaar",
        min_value=JAAR_MIN,
        max_value=JAAR_MAX,
        widget=forms.NumberInput(attrs={"class": "utrecht-textbox"}),
    )
    ritme = forms.ChoiceField(
        label="Ritme",
        choices=[("maand", "Per maand (12 termijnen)"), ("kwartaal", "Per kwartaal (4 termijnen)")],
        initial="kwartaal",
        widget=forms.RadioSelect,
    )
    vervaldag = forms.IntegerField(
        label="Vervaldag",
        required=False,
        min_value=1,
        max_value=28,
        help_text="Dag van de eerste maand van elke termijn; valt die in een weekend of op een feestdag, dan de "
        "eerstvolgende werkdag. Leeg: de eerste werkdag van de termijn.",
        widget=forms.NumberInput(attrs={"class": "utrecht-textbox"}),
    )

    def __init__(self, *args: Any, met_jaar: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not met_jaar:
            del self.fields["jaar"]
