"""Forms of financiën: importing a verdeelmodel as JSON, its preview year, adoption, settlement, threshold.

The verdeelmodel itself is edited in ``modelformulier.py`` (fields and formsets, not raw JSON)."""

from __future__ import annotations

import json
from typing import Any

from django import forms

from seta.api.parsers import TeDiepGenest, json_uit_tekst
from seta.core import files
from seta.core.bounds import JAAR_MAX, JAAR_MIN
from seta.core.errors import InvalidInput
from seta.samenwerkingsverbanden.besluiten import BesluitInvoer, orgaan_label
from seta.samenwerkingsverbanden.models import Bestuursorgaan

TE_DIEP = (
    f"De configuratie is te diep genest (meer dan {files.NESTING_LIMIT} lagen lijsten of objecten in elkaar)."
)


class JsonImportForm(forms.Form):
    """A verdeelmodel as JSON, pasted or uploaded, to fill the model form with (nothing is saved by it).

    Accepted: the model part (``verdeelsleutel``, ``onderdelen``, …, as ``JSON downloaden`` gives it) or a
    whole input file of ``seta allocate`` with one ``verdeelmodel`` (or a list ``verdeelmodellen`` of one)."""

    json = forms.CharField(
        label="JSON plakken",
        required=False,
        widget=forms.Textarea(
            attrs={"class": "utrecht-textarea seta-code", "rows": 8, "spellcheck": "false"}
        ),
    )
    bestand = forms.FileField(label="Of een JSON-bestand kiezen", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        tekst = data.get("json") or ""
        bestand = data.get("bestand")
        if bestand is not None:
            try:
                files.check_size("verdeling", bestand.size or 0, bestand.name or "bestand")
                tekst = files.decode_text(bestand.read(), bestand.name or "bestand")
            except InvalidInput as exc:
                raise forms.ValidationError(
                    {"bestand": [m for ms in exc.fields.values() for m in ms]}
                ) from exc
        veld = "bestand" if bestand is not None else "json"
        if not tekst.strip():
            raise forms.ValidationError({"json": "Plak de JSON van een verdeelmodel of kies een bestand."})
        try:
            value = json_uit_tekst(tekst)
        except TeDiepGenest as exc:
            raise forms.ValidationError({veld: str(exc)}) from exc
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                {veld: f"Geen geldige JSON: {exc.msg} (regel {exc.lineno}, kolom {exc.colno})."}
            ) from exc
        except ValueError as exc:
            raise forms.ValidationError({veld: f"Geen geldige JSON: {exc}."}) from exc
        if files.nesting_depth(value) > files.NESTING_LIMIT:
            raise forms.ValidationError({veld: TE_DIEP})
        if not isinstance(value, dict):
            raise forms.ValidationError({veld: "De JSON moet een object zijn ({ … })."})
        if "verdeelmodellen" in value and isinstance(value["verdeelmodellen"], list):
            if len(value["verdeelmodellen"]) != 1:
                namen = ", ".join(str(m.get("naam")) for m in value["verdeelmodellen"] if isinstance(m, dict))
                raise forms.ValidationError(
                    {
                        veld: f"Het bestand heeft {len(value['verdeelmodellen'])} verdeelmodellen ({namen}); "
                        "importeer er één tegelijk."
                    }
                )
            value = value["verdeelmodellen"][0]
        elif "verdeelmodel" in value:
            value = value["verdeelmodel"]
        if not isinstance(value, dict):
            raise forms.ValidationError({veld: "Het verdeelmodel moet een object zijn ({ … })."})
        data["configuratie"] = value
        return data


class VoorbeeldForm(forms.Form):
    """The year (and basis) of the form's live preview."""

    jaar = forms.IntegerField(
        label="Voorbeeld voor het jaar",
        min_value=JAAR_MIN,
        max_value=JAAR_MAX,
        widget=forms.NumberInput(attrs={"class": "utrecht-textbox"}),
    )
    grondslag = forms.ChoiceField(
        label="Grondslag van het gebruik in het voorbeeld",
        required=False,
        choices=[
            ("", "Zoals het model zegt"),
            ("realisatie", "Realisatie (geregistreerde uren)"),
            ("raming", "Raming (afgesproken ramingen)"),
        ],
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )


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


def _bedragveld(label: str, *, required: bool = True) -> forms.DecimalField:
    """An amount in euros of the budget (0 or more, to the cent)."""
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"class": "utrecht-textbox", "step": "0.01"}),
    )


class BegrotingForm(forms.Form):
    """The budget's three cost types; the partners' figures are added per partner by the view."""

    personeel = _bedragveld("Personeelslasten")
    materieel = _bedragveld("Materiële lasten")
    overhead = _bedragveld("Overhead")
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
                self.fields[f"{veld}_{g.pk}"] = _bedragveld(f"{g.naam}: {label}", required=False)


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
