"""Forms of the scan wizard: naming a scan, finding and adding partners, and one form per theme."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Any

from django import forms

from seta.scan import kern
from seta.scan.scoring.model import paar_sleutel
from seta.scan.scoring.questions import Vraag

WEET_NIET_LABEL = "Weet niet"


@dataclass(frozen=True)
class Thema:
    slug: str
    titel: str
    uitleg: str
    vraag_ids: tuple[str, ...]


#: The questionnaire grouped by theme for the wizard's steps. A question the core adds later and that
#: is not listed here lands in the last theme ("Overige vragen"), so no question is ever skipped.
THEMAS: tuple[Thema, ...] = (
    Thema(
        "urgentie",
        "Urgentie en voordelen",
        "Voelen colleges, raden en ambtenaren dat het zo niet verder kan, en zien zij wat samenwerking oplevert?",
        (
            "urgentie_college",
            "urgentie_raad",
            "urgentie_ambtelijk",
            "voordelen_gezien",
            "snel_financieel_voordeel",
        ),
    ),
    Thema(
        "vertrouwen",
        "Vertrouwen en beeldvorming",
        "Hoe kijken de partners naar elkaar, en is er iets dat een van hen liever niet op tafel legt?",
        ("vertrouwen", "negatieve_beeldvorming", "lijk_in_de_kast", "knipperlichtrelatie"),
    ),
    Thema(
        "trekkers",
        "Trekkers, draagvlak en cultuur",
        "Wie trekt het proces, en gaan de ambtelijke organisaties mee?",
        (
            "gideonsbende",
            "gideonsbende_stabiel",
            "draagvlak_ambtenaren",
            "cultuurverschil",
            "tekst_en_uitleg",
            "alliantiemanagement",
        ),
    ),
    Thema(
        "vorm",
        "Voorkeuren en vorm",
        "Welke vorm spreekt de besturen en de inwoners aan, en wat verwachten zij ervan?",
        (
            "alternatief_voorkeur",
            "eigen_bestuur_behouden",
            "opvatting_burgers",
            "gastheer_acceptatie",
            "maatwerk_belangrijk",
            "eindperspectief_gewenst",
            "eenvoud_gewenst",
        ),
    ),
    Thema(
        "aanpak",
        "Aanpak en ingroeien",
        "Hoe beginnen de partners, en nemen zij de tijd om te leren werken met een werkorganisatie?",
        ("apolitiek_starten", "ingroeien"),
    ),
)


def themas() -> list[tuple[Thema, list[Vraag]]]:
    """The themes with their questions in questionnaire order; unlisted questions in 'Overige vragen'."""
    vragen = kern.vragenlijst()
    genoemd = {vid for thema in THEMAS for vid in thema.vraag_ids}
    result: list[tuple[Thema, list[Vraag]]] = []
    for thema in THEMAS:
        lijst = [v for v in vragen if v.id in thema.vraag_ids]
        lijst.sort(key=lambda v: thema.vraag_ids.index(v.id))
        if lijst:
            result.append((thema, lijst))
    overig = [v for v in vragen if v.id not in genoemd]
    if overig:
        result.append(
            (
                Thema(
                    "overig",
                    "Overige vragen",
                    "Nog enkele vragen uit de brontekst.",
                    tuple(v.id for v in overig),
                ),
                overig,
            )
        )
    return result


def keuzes(vraag: Vraag) -> list[tuple[str, str]]:
    """The radio options of a question, 'weet niet' always last."""
    if vraag.soort == "schaal":
        labels = vraag.schaal_labels or {}
        opties = []
        for waarde in vraag.toegestane_waarden():
            label = str(waarde)
            if waarde in labels:
                label = f"{waarde} – {labels[int(waarde)]}"
            opties.append((str(waarde), label))
    elif vraag.soort == "janee":
        opties = [("ja", "Ja"), ("nee", "Nee")]
    else:
        opties = [(k, v) for k, v in (vraag.opties or {}).items()]
    return [*opties, (kern.WEET_NIET, WEET_NIET_LABEL)]


class NieuweScanForm(forms.Form):
    naam = forms.CharField(
        label="Naam van de scan",
        max_length=150,
        help_text="Bijvoorbeeld 'Heumen zoekt een partner' of 'BEL met Huizen'.",
    )


class ZoekGemeenteForm(forms.Form):
    q = forms.CharField(
        label="Zoek een gemeente",
        max_length=100,
        required=False,
        help_text="Op naam of CBS-code (bijvoorbeeld Heumen of GM0252).",
    )


class HandmatigePartnerForm(forms.Form):
    naam = forms.CharField(label="Naam van de gemeente", max_length=100)
    provincie = forms.CharField(label="Provincie", max_length=50, required=False)
    inwoners = forms.IntegerField(
        label="Inwoners",
        min_value=1,
        required=False,
        help_text="Laat leeg als het onbekend is; de scan rekent het grootteverschil dan als onbekend.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "handmatig")
        super().__init__(*args, **kwargs)


def per_sleutels(vraag: Vraag, partner_namen: list[str]) -> list[str]:
    """The partners (``per: partner``) or pairs (``per: paar``) a question may be answered for."""
    if vraag.per == "partner":
        return list(partner_namen)
    if vraag.per == "paar":
        return [paar_sleutel(a, b) for a, b in combinations(partner_namen, 2)]
    return []


def per_veld(vraag_id: str, index: int) -> str:
    return f"{vraag_id}__per__{index}"


class ThemaForm(forms.Form):
    """One theme's questions as radio groups; every field optional (a draft may be incomplete).

    A question the seed distinguishes per partner (``per: partner``) or per pair (``per: paar``) also
    gets one optional select per partner or pair; filled in, they replace the plain answer (which
    then means nothing: the answers per partner are what counts).
    """

    def __init__(
        self, *args: Any, vragen: list[Vraag], partner_namen: list[str] | None = None, **kwargs: Any
    ) -> None:
        initial = dict(kwargs.pop("initial", None) or {})
        self.partner_namen = list(partner_namen or [])
        self.vragen = vragen
        for vraag in vragen:
            stored = initial.get(vraag.id)
            if isinstance(stored, dict):
                initial[vraag.id] = ""
                for i, sleutel in enumerate(per_sleutels(vraag, self.partner_namen)):
                    if sleutel in stored:
                        initial[per_veld(vraag.id, i)] = str(stored[sleutel])
            elif stored is not None:
                initial[vraag.id] = str(stored)
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        for vraag in vragen:
            self.fields[vraag.id] = forms.ChoiceField(
                label=vraag.vraag,
                choices=keuzes(vraag),
                required=False,
                widget=forms.RadioSelect,
                help_text=vraag.toelichting,
            )
            for i, sleutel in enumerate(per_sleutels(vraag, self.partner_namen)):
                self.fields[per_veld(vraag.id, i)] = forms.ChoiceField(
                    label=sleutel, choices=[("", "Zoals hierboven"), *keuzes(vraag)], required=False
                )

    def per_partner_velden(self, vraag: Vraag) -> list[Any]:
        """The bound per-partner (per-pair) fields of a question, for the template."""
        return [self[per_veld(vraag.id, i)] for i, _ in enumerate(per_sleutels(vraag, self.partner_namen))]

    def antwoorden(self) -> dict[str, Any]:
        """The answers as the service takes them: '' (not answered) removes an earlier answer.

        With any per-partner select filled in, the answer is ``{partner or pair: answer}``.
        """
        out: dict[str, Any] = {}
        for vraag in self.vragen:
            per = {
                sleutel: self.cleaned_data.get(per_veld(vraag.id, i))
                for i, sleutel in enumerate(per_sleutels(vraag, self.partner_namen))
                if self.cleaned_data.get(per_veld(vraag.id, i))
            }
            out[vraag.id] = per or self.cleaned_data.get(vraag.id) or None
        return out
