"""Web forms for catalogusitems and norms. They only parse input; the services decide and validate."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from seta.catalogus.models import Soort, Taaksoort, Taakveld
from seta.organisatie.models import Eenheid
from seta.samenwerkingsverbanden.models import Taakgebied

_SELECT = {"class": "utrecht-select"}


class CatalogusitemForm(forms.Form):
    naam = forms.CharField(label="Naam", max_length=150)
    code = forms.SlugField(
        label="Code", max_length=40, help_text="Korte naam in kleine letters, uniek in de catalogus."
    )
    soort = forms.ChoiceField(label="Soort", choices=Soort.choices, widget=forms.Select(attrs=_SELECT))
    taaksoort = forms.ChoiceField(
        label="Taaksoort",
        choices=Taaksoort.choices,
        widget=forms.Select(attrs=_SELECT),
        help_text="Bepaalt de maatwerkruimte: mechanisch medebewind geen, niet-mechanisch beperkt, autonoom volledig.",
    )
    eenheid = forms.ModelChoiceField(
        label="Eigenaar (eenheid)", queryset=Eenheid.objects.none(), widget=forms.Select(attrs=_SELECT)
    )
    taakveld = forms.ModelChoiceField(
        label="Taakveld (Iv3)",
        queryset=Taakveld.objects.all(),
        widget=forms.Select(attrs=_SELECT),
        help_text="De begrotingsindeling volgens het BBV, bijvoorbeeld 0.2 Burgerzaken.",
    )
    taakgebied = forms.ModelChoiceField(
        label="Taakgebied",
        queryset=Taakgebied.objects.all(),
        required=False,
        widget=forms.Select(attrs=_SELECT),
    )
    omschrijving = forms.CharField(
        label="Omschrijving",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "utrecht-textarea"}),
    )
    versie = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, eenheden: QuerySet[Eenheid], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["eenheid"].queryset = eenheden  # type: ignore[attr-defined]
        for name in ("naam", "code"):
            self.fields[name].widget.attrs["class"] = "utrecht-textbox"


class NormForm(forms.Form):
    omschrijving = forms.CharField(label="Norm", max_length=200, help_text="Bijvoorbeeld: doorlooptijd.")
    waarde = forms.DecimalField(label="Waarde", max_digits=10, decimal_places=2, min_value=0)
    eenheid = forms.CharField(
        label="Eenheid", max_length=30, help_text="Bijvoorbeeld werkdagen, weken of procent."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "utrecht-textbox"
