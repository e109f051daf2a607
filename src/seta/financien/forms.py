"""Forms of financiën: a verdeelmodel (its configuration as JSON), adoption, settlement, threshold."""

from __future__ import annotations

import json
from typing import Any

from django import forms

from seta.api.parsers import TeDiepGenest, json_uit_tekst
from seta.core import files
from seta.core.bounds import JAAR_MAX, JAAR_MIN
from seta.samenwerkingsverbanden.besluiten import BesluitInvoer, orgaan_label
from seta.samenwerkingsverbanden.models import Bestuursorgaan

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


class BesluitForm(forms.Form):
    """The board decision an adoption rests on, with the explicit confirmation of the person recording it."""

    orgaan = forms.ChoiceField(
        label="Besluit van",
        choices=Bestuursorgaan.choices,
        help_text="Het orgaan dat hierover beslist volgens de regeling van het samenwerkingsverband.",
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )
    kenmerk = forms.CharField(
        label="Kenmerk van het besluit",
        help_text="Bijvoorbeeld AB 2025-07, agendapunt 4.",
        max_length=200,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox"}),
    )
    datum = forms.DateField(
        label="Datum van de vergadering",
        help_text="De dag waarop het bestuur besloot (niet in de toekomst).",
        widget=forms.DateInput(attrs={"class": "utrecht-textbox", "type": "date"}),
    )
    bevestigd = forms.BooleanField(
        label="Ik bevestig dat het bestuur dit heeft besloten",
        error_messages={"required": "Bevestig dat het bestuur dit heeft besloten."},
        widget=forms.CheckboxInput(attrs={"class": "utrecht-checkbox"}),
    )

    def __init__(self, *args: Any, orgaan: str | None = None, wat: str = "dit", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if orgaan:
            self.fields["orgaan"].initial = orgaan
            self.fields[
                "bevestigd"
            ].label = f"Ik bevestig dat het {orgaan_label(orgaan)} {wat} heeft besloten"

    def besluit(self) -> BesluitInvoer:
        return BesluitInvoer(
            orgaan=self.cleaned_data["orgaan"],
            kenmerk=self.cleaned_data["kenmerk"],
            datum=self.cleaned_data["datum"],
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


class DrempelForm(BesluitForm):
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
        max_digits=5,
        decimal_places=2,
        help_text="Signaal als het aandeel geleverde uren meer dan dit afwijkt van het sleutelaandeel.",
        widget=forms.NumberInput(attrs={"class": "utrecht-textbox", "step": "0.01"}),
    )
    bedrag = forms.DecimalField(
        label="Drempel in euro",
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        help_text="Signaal als de afwijking in uren maal het standaardtarief meer is dan dit bedrag.",
        widget=forms.NumberInput(attrs={"class": "utrecht-textbox", "step": "0.01"}),
    )
    field_order = ["vanaf_jaar", "procentpunten", "bedrag", "orgaan", "kenmerk", "datum", "bevestigd"]


class JaarOpzettenForm(forms.Form):
    jaar = forms.IntegerField(
        label="Op te zetten jaar",
        min_value=JAAR_MIN,
        max_value=JAAR_MAX,
        widget=forms.NumberInput(attrs={"class": "utrecht-textbox"}),
    )
    van_jaar = forms.IntegerField(
        label="Overnemen van jaar",
        min_value=JAAR_MIN,
        max_value=JAAR_MAX,
        help_text="Begroting, bijdragen van de deelnemers en alle uurtarieven van dit jaar worden overgenomen.",
        widget=forms.NumberInput(attrs={"class": "utrecht-textbox"}),
    )
    loonindex = forms.DecimalField(
        label="Loonindex (%)",
        min_value=-10,
        max_value=25,
        max_digits=5,
        decimal_places=2,
        localize=True,  # 3,5 as well as 3.5
        help_text="Voor de personeelslasten en de uurtarieven, bijvoorbeeld 3,5 uit de kaderbrief.",
        widget=forms.NumberInput(attrs={"class": "utrecht-textbox", "step": "0.01"}),
    )
    prijsindex = forms.DecimalField(
        label="Prijsindex (%)",
        min_value=-10,
        max_value=25,
        max_digits=5,
        decimal_places=2,
        localize=True,  # 3,5 as well as 3.5
        help_text="Voor de materiële lasten; de overhead volgt loon- en prijsindex naar verhouding.",
        widget=forms.NumberInput(attrs={"class": "utrecht-textbox", "step": "0.01"}),
    )


class BegrotingForm(forms.Form):
    """The budget's three cost types; the partners' figures are added per partner by the view."""

    personeel = forms.DecimalField(
        label="Personeelslasten",
        min_value=0,
        max_digits=14,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"class": "utrecht-textbox", "step": "0.01"}),
    )
    materieel = forms.DecimalField(
        label="Materiële lasten",
        min_value=0,
        max_digits=14,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"class": "utrecht-textbox", "step": "0.01"}),
    )
    overhead = forms.DecimalField(
        label="Overhead",
        min_value=0,
        max_digits=14,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"class": "utrecht-textbox", "step": "0.01"}),
    )
    toelichting = forms.CharField(
        label="Toelichting",
        required=False,
        widget=forms.Textarea(attrs={"class": "utrecht-textarea", "rows": 3}),
    )

    def __init__(self, *args: Any, partners: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.partners = list(partners)
        for g in self.partners:
            for veld, label in (
                ("inbreng", "historische inbreng"),
                ("voorschot", "voorschot (incl. btw)"),
                ("vorige_bijdrage", "bijdrage vorig jaar (excl. btw)"),
            ):
                self.fields[f"{veld}_{g.pk}"] = forms.DecimalField(
                    label=f"{g.naam}: {label}",
                    required=False,
                    min_value=0,
                    max_digits=14,
                    decimal_places=2,
                    widget=forms.NumberInput(attrs={"class": "utrecht-textbox", "step": "0.01"}),
                )


class _Modelkeuze(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.label} ({obj.get_status_display().lower()})"


class ScenarioForm(forms.Form):
    """A comparison of verdeelmodellen on one year, made from the year page (the first model is the reference)."""

    naam = forms.CharField(
        label="Naam van het scenario",
        max_length=150,
        widget=forms.TextInput(attrs={"class": "utrecht-textbox"}),
    )
    verdeelmodellen = _Modelkeuze(
        label="Verdeelmodellen",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text="Het eerste gekozen model is het referentiemodel van de vergelijking.",
    )
    grondslag = forms.ChoiceField(
        label="Grondslag van het gebruik",
        required=False,
        choices=[
            ("", "Zoals elk model zegt"),
            ("realisatie", "Realisatie (geregistreerde uren)"),
            ("raming", "Raming (afgesproken ramingen)"),
        ],
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )

    def __init__(self, *args: Any, modellen: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        veld = self.fields["verdeelmodellen"]
        assert isinstance(veld, forms.ModelMultipleChoiceField)
        veld.queryset = modellen
