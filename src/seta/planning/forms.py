"""Forms of the planning pages: the rules, a decision, an absence, the capacity period."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms

from seta.planning.models import Afwezigheidsoort, Grondslag, Meetperiode
from seta.samenwerkingsverbanden.models import Bestuursorgaan

TEKST = {"class": "utrecht-textbox"}
GETAL = {"class": "utrecht-textbox", "inputmode": "decimal"}
KEUZE = {"class": "utrecht-select"}
DATUM = {"class": "utrecht-textbox", "type": "date"}
VAK = {"class": "utrecht-textarea", "rows": 3}


class VersieForm(forms.Form):
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


def _kaart_tekst(waarde: Any) -> str:
    if not isinstance(waarde, dict):
        return ""
    return "\n".join(f"{k}: {v}" for k, v in sorted(waarde.items()))


class KaartVeld(forms.CharField):
    """A map ``{code: percentage}`` typed as one ``code: percentage`` per line."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.Textarea(VAK))
        kwargs.setdefault("max_length", 5000)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return _kaart_tekst(value) if isinstance(value, dict) else value

    def clean(self, value: Any) -> dict[str, Any]:
        tekst = super().clean(value) or ""
        uit: dict[str, Any] = {}
        for nummer, regel in enumerate(tekst.splitlines(), start=1):
            regel = regel.strip()
            if not regel:
                continue
            code, _, pct = regel.partition(":")
            try:
                uit[code.strip()] = Decimal(pct.strip().replace(",", "."))
            except InvalidOperation:
                raise forms.ValidationError(
                    f"Regel {nummer}: schrijf 'code: percentage', bijvoorbeeld 'GM0376: 40'."
                ) from None
        return uit


class RegelsForm(VersieForm):
    uren_per_fte_week = forms.DecimalField(
        label="Uren per fte per week",
        max_digits=4,
        decimal_places=1,
        help_text="Contracturen van een voltijdse medewerker (standaard 36).",
        widget=forms.TextInput(GETAL),
    )
    productieve_uren_per_fte_jaar = forms.DecimalField(
        label="Productieve uren per fte per jaar",
        max_digits=5,
        decimal_places=0,
        help_text="Na verlof, verzuim, opleiding en overhead (standaard 1.600 van 36 × 52 = 1.872).",
        widget=forms.TextInput(GETAL),
    )
    regulier_pct = forms.DecimalField(
        label="Deel voor regulier werk (%)",
        max_digits=5,
        decimal_places=2,
        help_text="Gereserveerd voor catalogusdiensten en medebewind; de rest is voor bestuursopdrachten.",
        widget=forms.TextInput(GETAL),
    )
    regulier_per_eenheid = KaartVeld(
        label="Afwijkend deel regulier werk per eenheid",
        help_text="Eén regel per eenheid: eenheidcode: percentage, bijvoorbeeld 'vergunningen: 75'.",
    )
    grondslag = forms.ChoiceField(
        label="Grondslag van de eerlijke verdeling", choices=Grondslag.choices, widget=forms.Select(KEUZE)
    )
    aandelen = KaartVeld(
        label="Vaste aandelen",
        help_text="Alleen bij vaste aandelen: één regel per deelnemer, CBS-code: percentage (samen 100).",
    )
    minima = KaartVeld(
        label="Gereserveerd minimum per deelnemer",
        help_text="Optioneel: CBS-code: percentage van de opdrachtcapaciteit dat die deelnemer minstens krijgt.",
    )
    gewicht_hoog = forms.DecimalField(
        label="Gewicht prioriteit hoog", max_digits=7, decimal_places=2, widget=forms.TextInput(GETAL)
    )
    gewicht_normaal = forms.DecimalField(
        label="Gewicht prioriteit normaal", max_digits=7, decimal_places=2, widget=forms.TextInput(GETAL)
    )
    gewicht_laag = forms.DecimalField(
        label="Gewicht prioriteit laag", max_digits=7, decimal_places=2, widget=forms.TextInput(GETAL)
    )
    meetperiode = forms.ChoiceField(
        label="Meetperiode van de eerlijkheid", choices=Meetperiode.choices, widget=forms.Select(KEUZE)
    )
    drempel_procentpunt = forms.DecimalField(
        label="Drempel van het dominantiesignaal (procentpunt)",
        max_digits=4,
        decimal_places=1,
        widget=forms.TextInput(GETAL),
    )
    toelichting = forms.CharField(
        label="Toelichting", required=False, max_length=5000, widget=forms.Textarea(VAK)
    )

    @classmethod
    def initial_van(cls, regels: Any) -> dict[str, Any]:
        gewichten = regels.prioriteitsgewichten if isinstance(regels.prioriteitsgewichten, dict) else {}
        return {
            "versie": regels.versie,
            "uren_per_fte_week": regels.uren_per_fte_week,
            "productieve_uren_per_fte_jaar": regels.productieve_uren_per_fte_jaar,
            "regulier_pct": regels.regulier_pct,
            "regulier_per_eenheid": regels.regulier_per_eenheid,
            "grondslag": regels.grondslag,
            "aandelen": regels.aandelen,
            "minima": regels.minima,
            "gewicht_hoog": gewichten.get("hoog"),
            "gewicht_normaal": gewichten.get("normaal"),
            "gewicht_laag": gewichten.get("laag"),
            "meetperiode": regels.meetperiode,
            "drempel_procentpunt": regels.drempel_procentpunt,
            "toelichting": regels.toelichting,
        }

    def velden(self) -> dict[str, Any]:
        """The service's keyword arguments."""
        data = dict(self.cleaned_data)
        data.pop("versie", None)
        data["prioriteitsgewichten"] = {
            "hoog": data.pop("gewicht_hoog"),
            "normaal": data.pop("gewicht_normaal"),
            "laag": data.pop("gewicht_laag"),
        }
        return data


#: service error names -> form fields (the priority weights are three fields on the form)
RENAME = {
    "prioriteitsgewichten.hoog": "gewicht_hoog",
    "prioriteitsgewichten.normaal": "gewicht_normaal",
    "prioriteitsgewichten.laag": "gewicht_laag",
    "prioriteitsgewichten": "gewicht_hoog",
}


class NieuweRegelsForm(RegelsForm):
    jaar = forms.IntegerField(label="Jaar", min_value=2000, max_value=2100, widget=forms.TextInput(GETAL))

    field_order = ["jaar"]


class BesluitForm(VersieForm):
    orgaan = forms.ChoiceField(
        label="Orgaan",
        choices=[(k, v) for k, v in Bestuursorgaan.choices if k != Bestuursorgaan.COLLEGE],
        widget=forms.Select(KEUZE),
    )
    kenmerk = forms.CharField(
        label="Kenmerk van het besluit",
        max_length=200,
        help_text="Bijvoorbeeld DB BEL 2026-10, agendapunt 4.",
        widget=forms.TextInput(TEKST),
    )
    datum = forms.DateField(
        label="Datum van de vergadering", widget=forms.DateInput(DATUM, format="%Y-%m-%d")
    )

    def __init__(self, *args: Any, orgaan: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if orgaan and not self.is_bound:
            self.initial.setdefault("orgaan", orgaan)


class AfwezigheidForm(VersieForm):
    medewerker = forms.ChoiceField(label="Medewerker", widget=forms.Select(KEUZE))
    soort = forms.ChoiceField(label="Soort", choices=Afwezigheidsoort.choices, widget=forms.Select(KEUZE))
    van = forms.DateField(label="Eerste dag", widget=forms.DateInput(DATUM, format="%Y-%m-%d"))
    tot = forms.DateField(label="Laatste dag (tot en met)", widget=forms.DateInput(DATUM, format="%Y-%m-%d"))
    percentage = forms.DecimalField(
        label="Deel van de werktijd afwezig (%)",
        max_digits=5,
        decimal_places=2,
        initial=Decimal(100),
        help_text="100 voor geheel afwezig; 40 voor twee dagen per week.",
        widget=forms.TextInput(GETAL),
    )
    omschrijving = forms.CharField(
        label="Omschrijving", required=False, max_length=200, widget=forms.TextInput(TEKST)
    )

    def __init__(
        self,
        *args: Any,
        medewerkers: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if medewerkers is None:
            del self.fields["medewerker"]
        else:
            self.fields["medewerker"].choices = [("", "Kies een medewerker"), *medewerkers]  # type: ignore[attr-defined]


class PeriodeForm(forms.Form):
    startweek = forms.DateField(
        label="Eerste week",
        required=False,
        help_text="Een dag in de eerste week.",
        widget=forms.DateInput(DATUM, format="%Y-%m-%d"),
    )
    weken = forms.TypedChoiceField(
        label="Periode",
        coerce=int,
        required=False,
        choices=[(4, "4 weken"), (8, "8 weken"), (13, "13 weken (kwartaal)"), (26, "26 weken (halfjaar)")],
        widget=forms.Select(KEUZE),
    )

    def clean_startweek(self) -> Any:
        datum = self.cleaned_data.get("startweek")
        if datum is not None and not 2000 <= datum.year <= 2100:
            raise forms.ValidationError("Kies een week tussen 2000 en 2100.")
        return datum
