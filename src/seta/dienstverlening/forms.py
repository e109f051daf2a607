"""Forms of the DVO pages: the concept's heading, a service with its norms, the escalation route, a decision."""

from __future__ import annotations

from typing import Any

from django import forms

from seta.dienstverlening.models import Dagsoort, Escalatieniveau, Rapportageritme
from seta.samenwerkingsverbanden.models import Bestuursorgaan

TEKST = {"class": "utrecht-textbox"}
GETAL = {"class": "utrecht-textbox", "inputmode": "decimal"}
KEUZE = {"class": "utrecht-select"}
DATUM = {"class": "utrecht-textbox", "type": "date"}


class VersieForm(forms.Form):
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class DvoForm(VersieForm):
    kenmerk = forms.CharField(
        label="Kenmerk", max_length=60, help_text="Bijvoorbeeld DVO-BEL-BLA.", widget=forms.TextInput(TEKST)
    )
    titel = forms.CharField(label="Titel", max_length=200, widget=forms.TextInput(TEKST))
    gemeente = forms.ChoiceField(
        label="Deelnemer",
        required=False,
        help_text="Leeg: één overeenkomst voor alle deelnemers, met een bijlage per deelnemer.",
        widget=forms.Select(KEUZE),
    )
    ingangsdatum = forms.DateField(label="Ingangsdatum", widget=forms.DateInput(DATUM, format="%Y-%m-%d"))
    einddatum = forms.DateField(
        label="Einddatum", required=False, widget=forms.DateInput(DATUM, format="%Y-%m-%d")
    )
    rapportageritme = forms.ChoiceField(
        label="Rapportageritme", choices=Rapportageritme.choices, widget=forms.Select(KEUZE)
    )
    openbaar = forms.BooleanField(
        label="Naleving openbaar voor alle deelnemers",
        required=False,
        help_text="Aan: de colleges en raden van alle deelnemers zien de overeenkomst en de nalevingscijfers.",
        widget=forms.CheckboxInput({"class": "utrecht-checkbox"}),
    )
    toelichting = forms.CharField(
        label="Toelichting",
        required=False,
        max_length=5000,
        widget=forms.Textarea({"class": "utrecht-textarea", "rows": 3}),
    )

    def __init__(self, *args: Any, gemeenten: list[tuple[str, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].choices = [("", "Alle deelnemers"), *gemeenten]  # type: ignore[attr-defined]


#: The norm slots of the service form: (prefix, soort, label). Two lead times (e.g. Wmo: onderzoek and beschikking).
NORMVAKKEN: list[tuple[str, str, str]] = [
    ("d1", "doorlooptijd", "Doorlooptijd"),
    ("d2", "doorlooptijd", "Tweede doorlooptijd"),
    ("k", "kwaliteit", "Kwaliteit of tevredenheid"),
    ("v", "volume", "Volume per rapportageperiode"),
    ("b", "beschikbaarheid", "Beschikbaarheid of openingstijden"),
]
NORMVELDEN: dict[str, list[str]] = {
    "doorlooptijd": ["termijn", "dagsoort", "streefpercentage", "wettelijke_grondslag"],
    "kwaliteit": ["minimumscore"],
    "volume": ["volume_min", "volume_max"],
    "beschikbaarheid": ["openingstijden", "streefpercentage"],
}


class AfspraakForm(VersieForm):
    """A catalogue service with its norms; a norm counts when its omschrijving is filled in."""

    catalogusitem = forms.ChoiceField(label="Dienst uit de catalogus", widget=forms.Select(KEUZE))
    gemeente = forms.ChoiceField(
        label="Bijlage van deelnemer",
        required=False,
        help_text="Alleen bij een overeenkomst voor alle deelnemers: leeg geldt voor allen.",
        widget=forms.Select(KEUZE),
    )
    toelichting = forms.CharField(
        label="Toelichting",
        required=False,
        max_length=5000,
        widget=forms.Textarea({"class": "utrecht-textarea", "rows": 2}),
    )

    def __init__(
        self,
        *args: Any,
        items: list[tuple[str, str]] = (),  # type: ignore[assignment]
        gemeenten: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["catalogusitem"].choices = [("", "Kies een dienst"), *items]  # type: ignore[attr-defined]
        if gemeenten is None:
            del self.fields["gemeente"]
        else:
            self.fields["gemeente"].choices = [("", "Alle deelnemers"), *gemeenten]  # type: ignore[attr-defined]
        for prefix, soort, label in NORMVAKKEN:
            self.fields[f"{prefix}_omschrijving"] = forms.CharField(
                label=f"{label}: omschrijving",
                required=False,
                max_length=200,
                help_text="Vul in om deze norm op te nemen, bijvoorbeeld 'Besluit na aanvraag'.",
                widget=forms.TextInput(TEKST),
            )
            for veld in NORMVELDEN[soort]:
                self.fields[f"{prefix}_{veld}"] = _normveld(soort, veld, label)

    def vakken(self) -> list[dict[str, Any]]:
        """The norm slots with their bound fields, for the template's fieldsets."""
        return [
            {
                "prefix": prefix,
                "label": label,
                "velden": [
                    self[f"{prefix}_omschrijving"],
                    *(self[f"{prefix}_{v}"] for v in NORMVELDEN[soort]),
                ],
            }
            for prefix, soort, label in NORMVAKKEN
        ]

    def normen(self) -> tuple[list[dict[str, Any]], dict[str, str]]:
        """The filled-in norms for the service, and the map from the service's field names to the form's."""
        normen: list[dict[str, Any]] = []
        rename: dict[str, str] = {}
        for prefix, soort, _label in NORMVAKKEN:
            omschrijving = (self.cleaned_data.get(f"{prefix}_omschrijving") or "").strip()
            if not omschrijving:
                continue
            i = len(normen)
            norm: dict[str, Any] = {"soort": soort, "omschrijving": omschrijving}
            rename[f"normen[{i}].omschrijving"] = f"{prefix}_omschrijving"
            rename[f"normen[{i}].soort"] = f"{prefix}_omschrijving"
            for veld in NORMVELDEN[soort]:
                waarde = self.cleaned_data.get(f"{prefix}_{veld}")
                norm[veld] = (
                    ""
                    if waarde is None and veld in ("dagsoort", "openingstijden", "wettelijke_grondslag")
                    else waarde
                )
                rename[f"normen[{i}].{veld}"] = f"{prefix}_{veld}"
            normen.append(norm)
        return normen, rename

    @staticmethod
    def initial_van(afspraak: Any) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "catalogusitem": str(afspraak.catalogusitem_id),
            "gemeente": afspraak.gemeente.slug if afspraak.gemeente_id else "",
            "toelichting": afspraak.toelichting,
        }
        vrij = list(NORMVAKKEN)
        for norm in afspraak.normen.all():
            vak = next((v for v in vrij if v[1] == norm.soort), None)
            if vak is None:
                continue
            vrij.remove(vak)
            initial[f"{vak[0]}_omschrijving"] = norm.omschrijving
            for veld in NORMVELDEN[norm.soort]:
                initial[f"{vak[0]}_{veld}"] = getattr(norm, veld)
        return initial


def _normveld(soort: str, veld: str, label: str) -> forms.Field:
    if veld == "termijn":
        return forms.IntegerField(
            label=f"{label}: termijn (dagen)",
            required=False,
            min_value=1,
            max_value=3650,
            help_text="Bijvoorbeeld 40 werkdagen of 56 kalenderdagen (8 weken).",
            widget=forms.NumberInput(GETAL),
        )
    if veld == "dagsoort":
        return forms.ChoiceField(
            label=f"{label}: soort dagen",
            required=False,
            choices=[("", "—"), *Dagsoort.choices],
            widget=forms.Select(KEUZE),
        )
    if veld == "streefpercentage":
        hulp = (
            "Aandeel zaken binnen de termijn, 0 tot en met 100."
            if soort == "doorlooptijd"
            else "Beschikbaarheid in procenten."
        )
        return forms.DecimalField(
            label=f"{label}: streefpercentage",
            required=False,
            min_value=0,
            max_value=100,
            max_digits=5,
            decimal_places=2,
            help_text=hulp,
            widget=forms.NumberInput(GETAL | {"step": "0.1"}),
        )
    if veld == "minimumscore":
        return forms.DecimalField(
            label=f"{label}: minimumscore",
            required=False,
            min_value=0,
            max_value=10,
            max_digits=4,
            decimal_places=1,
            help_text="Op een schaal van 10, bijvoorbeeld 7,0.",
            widget=forms.NumberInput(GETAL | {"step": "0.1"}),
        )
    if veld in ("volume_min", "volume_max"):
        return forms.IntegerField(
            label=f"{label}: {'minimaal' if veld == 'volume_min' else 'maximaal'} aantal zaken",
            required=False,
            min_value=0,
            max_value=10**9,
            widget=forms.NumberInput(GETAL),
        )
    if veld == "openingstijden":
        return forms.CharField(
            label=f"{label}: openingstijden",
            required=False,
            max_length=200,
            help_text="Bijvoorbeeld ma–vr 9.00–17.00 uur.",
            widget=forms.TextInput(TEKST),
        )
    return forms.CharField(
        label=f"{label}: wettelijke termijn",
        required=False,
        max_length=200,
        help_text="Bijvoorbeeld Awb art. 4:13 (8 weken).",
        widget=forms.TextInput(TEKST),
    )


class EscalatieForm(VersieForm):
    """The escalation route in order: up to five steps, a step counts when its level is chosen."""

    STAPPEN = 5

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(1, self.STAPPEN + 1):
            self.fields[f"niveau_{i}"] = forms.ChoiceField(
                label=f"Stap {i}: niveau",
                required=False,
                choices=[("", "—"), *Escalatieniveau.choices],
                widget=forms.Select(KEUZE),
            )
            self.fields[f"dagen_{i}"] = forms.IntegerField(
                label=f"Stap {i}: na dagen",
                required=False,
                min_value=0,
                max_value=3650,
                widget=forms.NumberInput(GETAL),
            )
            self.fields[f"omschrijving_{i}"] = forms.CharField(
                label=f"Stap {i}: omschrijving", required=False, max_length=200, widget=forms.TextInput(TEKST)
            )

    def stappen(self) -> tuple[list[dict[str, Any]], dict[str, str]]:
        stappen: list[dict[str, Any]] = []
        rename: dict[str, str] = {}
        for i in range(1, self.STAPPEN + 1):
            niveau = self.cleaned_data.get(f"niveau_{i}")
            if not niveau:
                continue
            j = len(stappen)
            rename |= {
                f"escalatie[{j}].niveau": f"niveau_{i}",
                f"escalatie[{j}].termijn_dagen": f"dagen_{i}",
                f"escalatie[{j}].omschrijving": f"omschrijving_{i}",
            }
            stappen.append(
                {
                    "niveau": niveau,
                    "termijn_dagen": self.cleaned_data.get(f"dagen_{i}"),
                    "omschrijving": self.cleaned_data.get(f"omschrijving_{i}") or "",
                }
            )
        return stappen, rename

    @staticmethod
    def initial_van(dvo: Any) -> dict[str, Any]:
        initial: dict[str, Any] = {"versie": dvo.versie}
        for i, stap in enumerate(dvo.escalatie.all(), start=1):
            initial |= {
                f"niveau_{i}": stap.niveau,
                f"dagen_{i}": stap.termijn_dagen,
                f"omschrijving_{i}": stap.omschrijving,
            }
        return initial


class BesluitForm(VersieForm):
    """The decision an action rests on, with the explicit confirmation of the person recording it."""

    orgaan = forms.ChoiceField(
        label="Besluit van", choices=Bestuursorgaan.choices, widget=forms.Select(KEUZE)
    )
    kenmerk = forms.CharField(
        label="Kenmerk van het besluit",
        max_length=200,
        help_text="Bijvoorbeeld B&W 2026-41 of DB 2026-11, agendapunt 4.",
        widget=forms.TextInput(TEKST),
    )
    datum = forms.DateField(
        label="Datum van de vergadering",
        help_text="De dag waarop is besloten (niet in de toekomst).",
        widget=forms.DateInput(DATUM),
    )
    bevestigd = forms.BooleanField(
        label="Ik bevestig dat dit besluit zo is genomen",
        error_messages={"required": "Bevestig dat dit besluit zo is genomen."},
        widget=forms.CheckboxInput({"class": "utrecht-checkbox"}),
    )

    def __init__(self, *args: Any, orgaan: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if orgaan:
            self.fields["orgaan"].initial = orgaan
