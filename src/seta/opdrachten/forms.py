"""Dutch forms of the commissioning pages. Fields are mostly optional here on purpose: the services
check the input and say in Dutch what is missing, so the API and the pages give the same messages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from seta.opdrachten import lifecycle
from seta.opdrachten.models import (
    GerichtAan,
    Overlegsoort,
    Prioriteit,
    Rag,
    Reikwijdte,
    Soortwijziging,
    Vertrouwelijkheid,
)

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEKST = forms.Textarea(attrs={"rows": 3, "class": "utrecht-textarea"})


def _style(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        w = field.widget
        if isinstance(w, forms.CheckboxInput):
            w.attrs.setdefault("class", "utrecht-checkbox")
        elif isinstance(w, forms.RadioSelect | forms.CheckboxSelectMultiple):
            continue
        elif isinstance(w, forms.Select):
            w.attrs.setdefault("class", "utrecht-select")
        elif isinstance(w, forms.Textarea):
            w.attrs.setdefault("class", "utrecht-textarea")
        else:
            w.attrs.setdefault("class", "utrecht-textbox")


class SetaForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class VersieForm(SetaForm):
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)


def _parse_mijlpalen(tekst: str) -> list[tuple[str, dt.date]]:
    """'2027-03-01 Concept gereed' per line."""
    result = []
    for nummer, regel in enumerate(tekst.splitlines(), start=1):
        regel = regel.strip()
        if not regel:
            continue
        datum_tekst, _, omschrijving = regel.partition(" ")
        try:
            datum = dt.date.fromisoformat(datum_tekst)
        except ValueError as exc:
            raise forms.ValidationError(
                f"Regel {nummer}: begin met een datum als 2027-03-01, gevolgd door de omschrijving."
            ) from exc
        if not omschrijving.strip():
            raise forms.ValidationError(f"Regel {nummer}: geef na de datum een omschrijving.")
        result.append((omschrijving.strip(), datum))
    return result


class KaderForm(VersieForm):
    """The frames of an assignment (drafting and sharpening)."""

    titel = forms.CharField(label="Titel", max_length=200, required=False)
    catalogusitem: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Product, dienst of proces (catalogus)", queryset=None, required=False, empty_label="— kies —"
    )
    vertrouwelijkheid = forms.ChoiceField(
        label="Vertrouwelijkheid",
        choices=Vertrouwelijkheid.choices,
        required=False,
        help_text="Vertrouwelijk: alleen het college, de secretaris en de beleidsregisseurs van de opdrachtgever(s) en de "
        "werkorganisatie zien de opdracht; de raad niet.",
    )
    deadline = forms.DateField(label="Deadline (proceskader)", widget=DATUM, required=False)
    vroegste_start = forms.DateField(
        label="Vroegste start",
        widget=DATUM,
        required=False,
        help_text="Niet eerder te beginnen dan deze datum (leeg: vanaf het opdragen).",
    )
    wettelijke_termijn = forms.CharField(
        label="Wettelijke termijn",
        max_length=200,
        required=False,
        help_text="Bij medebewind: de wettelijke grondslag van de deadline, bijv. 'Omgevingswet art. 16.64, acht "
        "weken'. De planning behandelt de deadline dan als harde eis.",
    )
    mijlpalen = forms.CharField(
        label="Mijlpalen",
        widget=TEKST,
        required=False,
        help_text="Eén per regel: een datum (2027-03-01) en een omschrijving.",
    )
    participatie_gewenst = forms.BooleanField(label="Participatie gewenst", required=False)
    participatie_toelichting = forms.CharField(label="Toelichting participatie", widget=TEKST, required=False)
    doelen = forms.CharField(label="Doelen (inhoudelijk kader)", widget=TEKST, required=False)
    politieke_wensen = forms.CharField(label="Politieke wensen", widget=TEKST, required=False)
    scope = forms.CharField(label="Scope", widget=TEKST, required=False)
    buiten_scope = forms.CharField(label="Buiten scope", widget=TEKST, required=False)
    doelgroep = forms.CharField(label="Doelgroep", max_length=200, required=False)
    reikwijdte = forms.ChoiceField(label="Reikwijdte", choices=Reikwijdte.choices, required=False)
    prioriteit = forms.ChoiceField(
        label="Prioriteit", choices=Prioriteit.choices, initial=Prioriteit.NORMAAL, required=False
    )
    dienstverleningskader = forms.CharField(
        label="Dienstverleningskader", widget=TEKST, required=False, help_text="Hoe worden inwoners bediend?"
    )
    max_uren = forms.DecimalField(
        label="Budgetkader: maximaal aantal uren", required=False, min_value=0, decimal_places=1
    )
    max_euro = forms.DecimalField(
        label="Budgetkader: maximaal bedrag (euro)", required=False, min_value=0, decimal_places=2
    )
    raadsbesluit_kenmerk = forms.CharField(
        label="Kaderstellend raadsbesluit (kenmerk)", max_length=100, required=False
    )
    raadsbesluit_datum = forms.DateField(label="Datum raadsbesluit", widget=DATUM, required=False)

    def __init__(self, *args: Any, catalogusitems: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["catalogusitem"].queryset = catalogusitems  # type: ignore[attr-defined]

    def clean_mijlpalen(self) -> list[tuple[str, dt.date]]:
        return _parse_mijlpalen(self.cleaned_data.get("mijlpalen") or "")

    def kaders(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if k not in {"versie", "mijlpalen"}}
        for k in (
            "participatie_toelichting",
            "doelen",
            "politieke_wensen",
            "scope",
            "buiten_scope",
            "doelgroep",
            "dienstverleningskader",
            "raadsbesluit_kenmerk",
            "titel",
            "wettelijke_termijn",
        ):
            data[k] = data.get(k) or ""
        for k in ("vertrouwelijkheid", "reikwijdte", "prioriteit"):
            if not data.get(k):
                data.pop(k, None)  # keep the model's default (or the current value)
        return data


class NieuweOpdrachtForm(KaderForm):
    samenwerkingsverband: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Samenwerkingsverband", queryset=None, empty_label=None
    )
    gemeenten: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label="Opdrachtgevende gemeente(n)",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Kies meer gemeenten voor een gezamenlijke opdracht (één product voor allen); elke gemeente besluit "
        "dan zelf.",
    )
    portefeuille = forms.ChoiceField(
        label="Portefeuille",
        required=False,
        help_text="De portefeuille van de wethouder onder wie de opdracht valt.",
    )
    field_order = ["samenwerkingsverband", "gemeenten", "portefeuille", "titel", "catalogusitem"]

    def __init__(
        self, *args: Any, verbanden: Any, gemeenten: Any, portefeuilles: list[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["samenwerkingsverband"].queryset = verbanden  # type: ignore[attr-defined]
        self.fields["gemeenten"].queryset = gemeenten  # type: ignore[attr-defined]
        self.fields["portefeuille"].choices = [("", "— kies —"), *((p, p) for p in portefeuilles)]  # type: ignore[attr-defined]
        del self.fields["versie"]
        self.order_fields(self.field_order)


class OvergangForm(VersieForm):
    reden = forms.CharField(label="Reden of toelichting", widget=TEKST, required=False)

    def __init__(self, *args: Any, actie: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actie = actie
        if actie in lifecycle.REDEN_VERPLICHT:
            self.fields["reden"].label = "Reden (verplicht)"

    def gegevens(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["expected_version"] = data.pop("versie", None)
        return data


class RamingForm(OvergangForm):
    uren = forms.DecimalField(label="Geraamde uren", required=False, min_value=0, decimal_places=1)
    externe_kosten = forms.DecimalField(
        label="Geraamde externe kosten (euro)", required=False, min_value=0, decimal_places=2
    )
    eenheid: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Uitvoerende eenheid", queryset=None, required=False, empty_label="— kies —"
    )
    opleverdatum = forms.DateField(label="Verwachte opleverdatum", widget=DATUM, required=False)

    def __init__(self, *args: Any, eenheden: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["eenheid"].queryset = eenheden  # type: ignore[attr-defined]


class VoortgangForm(OvergangForm):
    status = forms.ChoiceField(label="Status", choices=Rag.choices, widget=forms.RadioSelect, required=False)
    percentage_gereed = forms.IntegerField(
        label="Percentage gereed", min_value=0, max_value=100, required=False, initial=0
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reden"].label = "Toelichting op de voortgang (verplicht)"


class VaststellenForm(OvergangForm):
    naar_raad = forms.BooleanField(label="Ook aanbieden aan de gemeenteraad", required=False)


class AkkoordForm(OvergangForm):
    overschrijding_gezien = forms.BooleanField(
        label="Ik heb gezien dat de raming het kader overschrijdt",
        required=False,
        help_text="Verplicht als de raming boven het kader uitkomt; het wordt bij uw besluit vastgelegd.",
    )

    def __init__(self, *args: Any, overschrijding: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if overschrijding == "":  # known to stay within the frame: nothing to confirm
            del self.fields["overschrijding_gezien"]
        elif overschrijding:
            self.fields["overschrijding_gezien"].help_text = overschrijding


def overgang_form(
    actie: str, data: Any = None, *, initial: Any = None, prefix: str | None = None, **extra: Any
) -> OvergangForm:
    if actie in lifecycle.OVERSCHRIJDING_BEVESTIGEN:
        return AkkoordForm(
            data, actie=actie, initial=initial, prefix=prefix, overschrijding=extra.get("overschrijding")
        )
    if actie == "ramen":
        return RamingForm(data, actie=actie, initial=initial, prefix=prefix, eenheden=extra["eenheden"])
    if actie == "voortgang":
        return VoortgangForm(data, actie=actie, initial=initial, prefix=prefix)
    if actie == "vaststellen":
        return VaststellenForm(data, actie=actie, initial=initial, prefix=prefix)
    return OvergangForm(data, actie=actie, initial=initial, prefix=prefix)


class WijzigingsverzoekForm(SetaForm):
    soort = forms.ChoiceField(
        label="Wat wilt u wijzigen?", choices=Soortwijziging.choices, widget=forms.RadioSelect
    )
    toelichting = forms.CharField(label="Toelichting", widget=TEKST, required=False)
    nieuwe_scope = forms.CharField(label="Nieuwe scope", widget=TEKST, required=False)
    nieuwe_deadline = forms.DateField(label="Nieuwe deadline", widget=DATUM, required=False)
    nieuw_max_uren = forms.DecimalField(label="Nieuw maximum uren", required=False, min_value=0)
    nieuw_max_euro = forms.DecimalField(label="Nieuw maximum budget (euro)", required=False, min_value=0)


class BesluitWijzigingForm(VersieForm):
    toelichting = forms.CharField(label="Toelichting", widget=TEKST, required=False)


class VraagForm(SetaForm):
    gemeente: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Gericht aan het bestuur van", queryset=None, required=False, empty_label="— kies —"
    )
    gericht_aan = forms.ChoiceField(label="Gericht aan", choices=GerichtAan.choices)
    wethouder: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Wethouder (bij een vraag aan een wethouder)",
        queryset=None,
        required=False,
        empty_label="— kies —",
    )
    onderwerp = forms.CharField(label="Onderwerp", max_length=200, required=False)
    vraag = forms.CharField(
        label="Vraag",
        widget=TEKST,
        required=False,
        help_text="Welke richting of welk kader heeft de werkorganisatie nodig?",
    )
    uiterlijk = forms.DateField(label="Antwoord uiterlijk", widget=DATUM, required=False)

    def __init__(self, *args: Any, gemeenten: Any, wethouders: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten  # type: ignore[attr-defined]
        self.fields["wethouder"].queryset = wethouders  # type: ignore[attr-defined]


class AntwoordForm(VersieForm):
    antwoord = forms.CharField(label="Antwoord", widget=TEKST, required=False)
    besluit = forms.CharField(
        label="Besluit", widget=TEKST, required=False, help_text="Het besluit dat is genomen."
    )


class VraagIntrekkenForm(VersieForm):
    reden = forms.CharField(
        label="Reden",
        widget=TEKST,
        required=False,
        help_text="Waarom de vraag niet meer beantwoord hoeft te worden (komt in de historie).",
    )


class OverlegForm(SetaForm):
    soort = forms.ChoiceField(label="Soort overleg", choices=Overlegsoort.choices, widget=forms.RadioSelect)
    samenwerkingsverband: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Samenwerkingsverband", queryset=None, empty_label=None
    )
    gemeenten: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label="Gemeenten", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    thema = forms.CharField(label="Portefeuille of thema", max_length=150, required=False)
    titel = forms.CharField(label="Titel", max_length=200, required=False)
    datum = forms.DateField(label="Datum", widget=DATUM, required=False)
    locatie = forms.CharField(label="Locatie", max_length=150, required=False)

    def __init__(self, *args: Any, verbanden: Any, gemeenten: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["samenwerkingsverband"].queryset = verbanden  # type: ignore[attr-defined]
        self.fields["gemeenten"].queryset = gemeenten  # type: ignore[attr-defined]


class AgendapuntForm(SetaForm):
    onderwerp = forms.CharField(
        label="Onderwerp",
        max_length=200,
        required=False,
        help_text="Mag leeg blijven als u een opdracht of vraag kiest.",
    )
    bestuursopdracht: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Bestuursopdracht", queryset=None, required=False, empty_label="— geen —"
    )
    bestuursvraag: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Bestuursvraag", queryset=None, required=False, empty_label="— geen —"
    )
    toelichting = forms.CharField(label="Toelichting", widget=TEKST, required=False)

    def __init__(self, *args: Any, opdrachten: Any, vragen: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bestuursopdracht"].queryset = opdrachten  # type: ignore[attr-defined]
        self.fields["bestuursvraag"].queryset = vragen  # type: ignore[attr-defined]


class BesluitForm(SetaForm):
    tekst = forms.CharField(label="Besluit", widget=TEKST, required=False)
    agendapunt: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Bij agendapunt", queryset=None, required=False, empty_label="— geen —"
    )
    actiehouder = forms.CharField(label="Actiehouder", max_length=150, required=False)

    def __init__(
        self, *args: Any, agendapunten: Any, labels: dict[int, str] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agendapunt"].queryset = agendapunten  # type: ignore[attr-defined]
        if labels is not None:  # subjects as the reader may see them (selectors.agendapunt_weergave)
            self.fields["agendapunt"].label_from_instance = (  # type: ignore[attr-defined]
                lambda p: f"{p.volgnummer}. {labels.get(p.pk, p.onderwerp)}"
            )
