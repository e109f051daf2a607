"""Forms of the what-if page: the kind of change (radio buttons), then one fieldset per kind, each its own small
form rendered through ``web/_form.html``. Only the chosen kind's form is read; the service checks the meaning
(unknown unit, deadline before start, an assignment not in the plan …) and names every field."""

from __future__ import annotations

from typing import Any

from django import forms

from seta.opdrachten.models import Prioriteit
from seta.planning.services_watals import SOORT_LABELS

TEKST = {"class": "utrecht-textbox"}
GETAL = {"class": "utrecht-textbox", "inputmode": "decimal"}
KEUZE = {"class": "utrecht-select"}
DATUM = {"class": "utrecht-textbox", "type": "date"}


def _datum(label: str, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label, required=False, help_text=help_text, widget=forms.DateInput(DATUM, format="%Y-%m-%d")
    )


class SoortForm(forms.Form):
    samenwerkingsverband = forms.ChoiceField(label="Samenwerkingsverband", widget=forms.Select(KEUZE))
    soort = forms.ChoiceField(
        label="Wat wilt u uitproberen?",
        choices=list(SOORT_LABELS.items()),
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, verbanden: list[tuple[str, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["samenwerkingsverband"].choices = verbanden  # type: ignore[attr-defined]
        if len(verbanden) == 1:
            self.fields["samenwerkingsverband"].widget = forms.HiddenInput()


class NieuweOpdrachtForm(forms.Form):
    prefix = "nieuw"
    titel = forms.CharField(label="Werktitel", max_length=200, required=False, widget=forms.TextInput(TEKST))
    eenheid = forms.ChoiceField(label="Uitvoerende eenheid", required=False, widget=forms.Select(KEUZE))
    uren = forms.DecimalField(
        label="Geraamde uren", required=False, max_digits=9, decimal_places=1, widget=forms.TextInput(GETAL)
    )
    vroegste_start = _datum("Vroegste start", "Leeg: zo snel mogelijk.")
    deadline = _datum("Deadline")
    gemeenten = forms.MultipleChoiceField(
        label="Opdrachtgevende gemeente(n)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    prioriteit = forms.ChoiceField(
        label="Prioriteit", choices=Prioriteit.choices, initial="normaal", widget=forms.Select(KEUZE)
    )
    wettelijk = forms.BooleanField(
        label="Wettelijke termijn (medebewind)",
        required=False,
        widget=forms.CheckboxInput({"class": "utrecht-checkbox"}),
    )

    def __init__(
        self,
        *args: Any,
        eenheden: list[tuple[str, str]] = (),  # type: ignore[assignment]
        gemeenten: list[tuple[str, str]] = (),  # type: ignore[assignment]
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["eenheid"].choices = [("", "Kies een eenheid"), *eenheden]  # type: ignore[attr-defined]
        self.fields["gemeenten"].choices = gemeenten  # type: ignore[attr-defined]


class OpdrachtWijzigingForm(forms.Form):
    prefix = "opdracht"
    opdracht = forms.ChoiceField(label="Opdracht in het plan", required=False, widget=forms.Select(KEUZE))
    prioriteit = forms.ChoiceField(
        label="Nieuwe prioriteit",
        required=False,
        choices=[("", "Ongewijzigd"), *Prioriteit.choices],
        widget=forms.Select(KEUZE),
        help_text="Bij 'Een andere prioriteit'.",
    )
    deadline = _datum("Nieuwe deadline", "Bij 'Een andere deadline'.")

    def __init__(self, *args: Any, opdrachten: list[tuple[str, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["opdracht"].choices = [("", "Kies een opdracht"), *opdrachten]  # type: ignore[attr-defined]


class CapaciteitForm(forms.Form):
    prefix = "capaciteit"
    eenheid = forms.ChoiceField(label="Eenheid", required=False, widget=forms.Select(KEUZE))
    extra_uren_per_week = forms.DecimalField(
        label="Extra uren per week voor opdrachten",
        required=False,
        max_digits=7,
        decimal_places=1,
        help_text="Bijvoorbeeld inhuur van 24 uur per week. Of vul extra fte in.",
        widget=forms.TextInput(GETAL),
    )
    extra_fte = forms.DecimalField(
        label="Extra fte",
        required=False,
        max_digits=5,
        decimal_places=2,
        help_text="Werving: omgerekend met de uren per fte en de bruto-nettofactor van de planningsregels.",
        widget=forms.TextInput(GETAL),
    )
    van = _datum("Vanaf")
    tot = _datum("Tot en met", "Leeg: tot het einde van de planperiode.")

    def __init__(self, *args: Any, eenheden: list[tuple[str, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["eenheid"].choices = [("", "Kies een eenheid"), *eenheden]  # type: ignore[attr-defined]
