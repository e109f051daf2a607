"""Web forms for eenheden and medewerkers. They only parse input; the services decide and validate."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet

from seta.gemeenten.models import Gemeente
from seta.organisatie.models import Competentie, Eenheid, Positie, Soort


class EenheidForm(forms.Form):
    naam = forms.CharField(label="Naam", max_length=150)
    code = forms.SlugField(
        label="Code",
        max_length=40,
        help_text="Korte naam in kleine letters, uniek binnen de werkorganisatie.",
    )
    soort = forms.ChoiceField(
        label="Soort", choices=Soort.choices, widget=forms.Select(attrs={"class": "utrecht-select"})
    )
    bovenliggend = forms.ModelChoiceField(
        label="Valt onder",
        queryset=Eenheid.objects.none(),
        required=False,
        empty_label="(geen: bovenste niveau)",
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )
    gastgemeente = forms.ModelChoiceField(
        label="Ondergebracht bij",
        queryset=Gemeente.objects.none(),
        required=False,
        empty_label="(niet bij één gemeente ondergebracht)",
        help_text="Menu 1: de deelnemer waar deze eenheid is ondergebracht; menu 3: de gastheergemeente.",
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )
    omschrijving = forms.CharField(
        label="Omschrijving",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "utrecht-textarea"}),
    )
    versie = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, eenheden: QuerySet[Eenheid], partners: QuerySet[Gemeente], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bovenliggend"].queryset = eenheden  # type: ignore[attr-defined]
        self.fields["gastgemeente"].queryset = partners  # type: ignore[attr-defined]
        for name in ("naam", "code"):
            self.fields[name].widget.attrs["class"] = "utrecht-textbox"


class MedewerkerForm(forms.Form):
    naam = forms.CharField(label="Naam", max_length=150)
    personeelsnummer = forms.CharField(
        label="Personeelsnummer",
        max_length=20,
        required=False,
        help_text="Zoals het tijdschrijfsysteem de medewerker noemt, bijv. BEL-00123. "
        "Uniek binnen de werkorganisatie.",
    )
    functietitel = forms.CharField(label="Functie", max_length=150, required=False)
    eenheid = forms.ModelChoiceField(
        label="Eenheid",
        queryset=Eenheid.objects.none(),
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )
    positie = forms.ChoiceField(
        label="Positie",
        choices=Positie.choices,
        help_text="Alleen de directeur benoemt een directeur, controller of teamleider.",
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )
    fte = forms.DecimalField(
        label="FTE", max_digits=4, decimal_places=2, initial=Decimal("1.00"), help_text="Tussen 0,01 en 1,50."
    )
    schaal = forms.IntegerField(label="Salarisschaal", required=False, min_value=1, max_value=18)
    afkomstig_van = forms.ModelChoiceField(
        label="Afkomstig van",
        queryset=Gemeente.objects.none(),
        required=False,
        empty_label="(onbekend of van buiten)",
        help_text="De deelnemende gemeente waar de medewerker vóór de samenwerking werkte.",
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )
    competenties = forms.ModelMultipleChoiceField(
        label="Competenties",
        queryset=Competentie.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"class": "utrecht-select", "size": 8}),
        help_text="Houd Ctrl (of Cmd) ingedrukt om meer te kiezen.",
    )
    in_dienst = forms.DateField(
        label="In dienst per",
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "utrecht-textbox"}),
    )
    versie = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        eenheden: QuerySet[Eenheid],
        partners: QuerySet[Gemeente],
        nieuw: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["eenheid"].queryset = eenheden  # type: ignore[attr-defined]
        self.fields["afkomstig_van"].queryset = partners  # type: ignore[attr-defined]
        if not nieuw:
            del self.fields["in_dienst"]
        for name in ("naam", "personeelsnummer", "functietitel", "fte", "schaal"):
            self.fields[name].widget.attrs["class"] = "utrecht-textbox"


class UitDienstForm(forms.Form):
    uit_dienst = forms.DateField(
        label="Uit dienst per", widget=forms.DateInput(attrs={"type": "date", "class": "utrecht-textbox"})
    )
    versie = forms.IntegerField(required=False, widget=forms.HiddenInput)
