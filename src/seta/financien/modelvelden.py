"""The fields and forms of the verdeelmodel form: one form per part of the model (its key, its rules, each
part by kind with nested formsets for percentages, usage lines, stand-alone costs and sub-coalitions).

``modelformulier.Modelformulier`` puts them together; ``modelstand`` gives their initial data. The plain-language
explanations (:data:`UITLEG`) are the help texts next to the technical names (ADR 0036).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django import forms
from django.forms import BaseFormSet, formset_factory

SOORTEN = ("vast", "gebruik", "gezamenlijk")
SOORT_NAMEN = {"vast": "Vast bedrag", "gebruik": "Naar gebruik", "gezamenlijk": "Gezamenlijk product"}
BTW_KEUZES = [("vrijgesteld", "Vrijgesteld (koepelvrijstelling)"), ("21", "21 % btw")]
SLEUTEL_KEUZES = [
    ("bevolking", "Naar inwonertal"),
    ("inbreng", "Naar historische inbreng"),
    ("gelijk", "Gelijke delen"),
    ("percentages", "Vaste percentages per gemeente"),
    ("gewogen", "Gewogen mix van de soorten hierboven"),
]
GEWICHT_SOORTEN = ("bevolking", "inbreng", "gelijk", "percentages")
METHODE_KEUZES = [
    ("gelijk", "Gelijke delen"),
    ("bevolking", "Naar inwonertal van de deelnemers"),
    ("verdeelsleutel", "Naar de verdeelsleutel van het model"),
    ("shapley", "Shapley-waarde van de stand-alone kosten"),
]
GRONDSLAG_KEUZES = [
    ("realisatie", "Realisatie: geregistreerde uren"),
    ("raming", "Raming: afgesproken ramingen"),
]
URENSOORT_KEUZES = [
    ("opdracht", "Uren op bestuursopdrachten"),
    ("regulier", "Reguliere uren voor een gemeente"),
]

UITLEG = {
    "verdeelsleutel": "De verdeelsleutel zegt welk aandeel elke gemeente draagt van wat niet naar gebruik gaat: "
    "naar inwonertal, naar wat elke gemeente vroeger zelf uitgaf (inbreng), in gelijke delen, in vaste "
    "percentages of in een gewogen mix daarvan.",
    "shapley": "Shapley verdeelt de besparing van samen doen eerlijk: elke deelnemer betaalt wat het product "
    "hem alleen zou kosten, min zijn deel van wat samen doen bespaart. Wie meer aan de besparing bijdraagt, "
    "betaalt minder; samen betalen ze precies de gezamenlijke kosten.",
    "startperiode": "In de jaren van de startperiode wordt alles naar de verdeelsleutel verdeeld, ook gebruik en "
    "gezamenlijke producten, en wordt aan het eind van het jaar niets verrekend. Zo hoeven nieuwe partners de "
    "eerste jaren niet over de afrekening te praten.",
    "groeiplafond": "Het groeiplafond begrenst hoeveel de bijdrage (exclusief btw) van een gemeente mag stijgen "
    "ten opzichte van vorig jaar, in procenten. Wat erboven uitkomt, betalen de andere gemeenten naar de "
    "verdeelsleutel; staat iedereen op het plafond, dan meldt de berekening dat.",
    "gezamenlijk": "Een gezamenlijke opdracht heeft meer dan één opdrachtgevende gemeente. Noem hier een opdracht "
    "om die zelf te verdelen (bijvoorbeeld met Shapley); de andere gezamenlijke opdrachten volgen de regel "
    "van het model.",
}

_TEXT = {"class": "utrecht-textbox"}
_SELECT = {"class": "utrecht-select"}
_BEDRAG = {"class": "utrecht-textbox", "inputmode": "decimal", "autocomplete": "off"}


# --- fields ------------------------------------------------------------------------------------------------------
class BedragField(forms.CharField):
    """A non-negative amount as text: ``38,88`` or ``38.88`` (kept as given, a comma becomes a point)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("widget", forms.TextInput(attrs=_BEDRAG))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return value.replace(".", ",") if isinstance(value, str) and "e" not in value.lower() else value

    def clean(self, value: Any) -> str:
        tekst = str(super().clean(value) or "").strip().replace(" ", "")
        if not tekst:
            return ""
        if "," in tekst and "." in tekst:
            raise forms.ValidationError(
                "Gebruik één decimaalteken en geen scheidingsteken voor duizendtallen."
            )
        tekst = tekst.replace(",", ".")
        try:
            getal = Decimal(tekst)
        except InvalidOperation:
            raise forms.ValidationError(f"'{value}' is geen getal; schrijf bijvoorbeeld 1250,50.") from None
        if not getal.is_finite():
            raise forms.ValidationError(f"'{value}' is geen getal.")
        if getal < 0:
            raise forms.ValidationError("Mag niet negatief zijn.")
        return tekst


def _keuze(choices: Sequence[tuple[str, str]], **kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(choices=choices, widget=forms.Select(attrs=_SELECT), **kwargs)


def _vinkjes(choices: Sequence[tuple[str, str]], **kwargs: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        choices=choices, required=False, widget=forms.CheckboxSelectMultiple, **kwargs
    )


def _tekst(label: str, **kwargs: Any) -> forms.CharField:
    kwargs.setdefault("required", False)
    return forms.CharField(
        label=label, max_length=kwargs.pop("max_length", 200), widget=forms.TextInput(attrs=_TEXT), **kwargs
    )


def _volgorde(
    eerst: Sequence[str], alle: Sequence[tuple[str, str]], namen: Mapping[str, str]
) -> list[tuple[str, str]]:
    """Choices with ``eerst`` (the given values, in their order) first, then the rest: a list keeps its order."""
    bekend = dict(alle)
    keuzes = [(c, bekend.get(c) or namen.get(c) or c) for c in dict.fromkeys(eerst)]
    return keuzes + [(c, n) for c, n in alle if c not in dict.fromkeys(eerst)]


class _Basis(forms.Form):
    """A form with the hidden ``expliciet`` list (optional keys given with their default value)."""

    expliciet = forms.CharField(required=False, widget=forms.HiddenInput, max_length=400)

    def gegeven(self, sleutel: str) -> bool:
        return sleutel in (self.cleaned_data.get("expliciet") or "").split()


# --- small forms -------------------------------------------------------------------------------------------------
class BedragRijForm(forms.Form):
    """One amount of a gemeente (a percentage, a stand-alone cost); empty: the gemeente is not in the list."""

    gemeente = forms.CharField(widget=forms.HiddenInput, max_length=40)
    waarde = BedragField(label="Bedrag")

    def __init__(
        self, *args: Any, namen: Mapping[str, str] | None = None, label: str = "", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        code = self["gemeente"].value() or ""
        self.fields["waarde"].label = f"{label}{(namen or {}).get(code) or code}"


class _RijenSet(BaseFormSet):
    def __init__(self, *args: Any, namen: Mapping[str, str], label: str = "", **kwargs: Any) -> None:
        self.namen, self.label = namen, label
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {"namen": self.namen, "label": self.label}

    def als_mapping(self) -> dict[str, str]:
        return {
            f.cleaned_data["gemeente"]: f.cleaned_data["waarde"]
            for f in self.forms
            if f.cleaned_data.get("waarde")
        }


BedragenFormSet = cast(
    type[_RijenSet], formset_factory(BedragRijForm, formset=_RijenSet, extra=0, max_num=200, absolute_max=200)
)


class SleutelForm(_Basis):
    soort = _keuze(SLEUTEL_KEUZES, label="Soort verdeelsleutel", help_text=UITLEG["verdeelsleutel"])
    gewicht_bevolking = BedragField(label="Gewicht inwonertal (%)")
    gewicht_inbreng = BedragField(label="Gewicht inbreng (%)")
    gewicht_gelijk = BedragField(label="Gewicht gelijke delen (%)")
    gewicht_percentages = BedragField(label="Gewicht vaste percentages (%)")

    def __init__(self, *args: Any, optioneel: bool = False, namen: Mapping[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if optioneel:
            self.fields["soort"] = _keuze(
                [("", "De verdeelsleutel van het model"), *SLEUTEL_KEUZES],
                label="Verdeelsleutel van dit onderdeel",
                required=False,
                help_text="Meestal de verdeelsleutel van het model; kies alleen een andere als dit onderdeel anders "
                "verdeeld wordt.",
            )
        initial = kwargs.get("initial") or {}
        self.percentages = BedragenFormSet(
            self.data if self.is_bound else None,
            prefix=f"{self.prefix}-pct",
            initial=initial.get("percentages", []),
            namen=namen,
            label="Percentage ",
        )

    def is_valid(self) -> bool:
        return all([super().is_valid(), self.percentages.is_valid()])

    def configuratie(self) -> dict[str, Any] | None:
        d = self.cleaned_data
        if not d.get("soort"):
            return None
        sleutel: dict[str, Any] = {"soort": d["soort"]}
        percentages = self.percentages.als_mapping()
        if percentages or self.gegeven("percentages"):
            sleutel["percentages"] = percentages
        gewichten = {s: d[f"gewicht_{s}"] for s in GEWICHT_SOORTEN if d.get(f"gewicht_{s}")}
        if gewichten or self.gegeven("gewichten"):
            sleutel["gewichten"] = gewichten
        return sleutel


class GebruiksregelForm(_Basis):
    gemeente = _keuze([], label="Gemeente")
    uren = BedragField(label="Uren")
    tarief = BedragField(label="Uurtarief (€)", help_text="Leeg: het uurtarief van het onderdeel.")
    externe_kosten = BedragField(label="Externe kosten (€)")
    omschrijving = _tekst("Omschrijving")

    def __init__(self, *args: Any, keuzes: Sequence[tuple[str, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        gekozen = self["gemeente"].value() or ""
        cast(forms.ChoiceField, self.fields["gemeente"]).choices = _volgorde(
            [gekozen] if gekozen else [], keuzes, {}
        )

    def configuratie(self) -> dict[str, Any]:
        d = self.cleaned_data
        regel: dict[str, Any] = {"gemeente": d["gemeente"]}
        for veld, sleutel in (("uren", "uren"), ("tarief", "tarief"), ("externe_kosten", "externeKosten")):
            if d.get(veld):
                regel[sleutel] = d[veld]
        if d.get("omschrijving") or self.gegeven("omschrijving"):
            regel["omschrijving"] = d.get("omschrijving", "")
        return regel


class CoalitieForm(forms.Form):
    deelnemers = _vinkjes([], label="Deelnemers van deze deelcoalitie")
    bedrag = BedragField(label="Kosten als alleen zij het samen doen (€)", required=True)

    def __init__(self, *args: Any, keuzes: Sequence[tuple[str, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        gekozen = self["deelnemers"].value() or []
        cast(forms.ChoiceField, self.fields["deelnemers"]).choices = _volgorde(list(gekozen), keuzes, {})


class _KeuzeSet(BaseFormSet):
    def __init__(self, *args: Any, keuzes: Sequence[tuple[str, str]], **kwargs: Any) -> None:
        self.keuzes = keuzes
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {"keuzes": self.keuzes}


GebruiksregelFormSet = cast(
    type[_KeuzeSet],
    formset_factory(GebruiksregelForm, formset=_KeuzeSet, extra=0, max_num=500, absolute_max=500),
)
CoalitieFormSet = cast(
    type[_KeuzeSet], formset_factory(CoalitieForm, formset=_KeuzeSet, extra=0, max_num=100, absolute_max=100)
)


# --- the model and its rules ----------------------------------------------------------------------------------------
class AlgemeenForm(_Basis):
    naam = forms.CharField(label="Naam", max_length=120, widget=forms.TextInput(attrs=_TEXT))
    omschrijving = forms.CharField(
        label="Omschrijving",
        required=False,
        help_text="Voor wie het model leest: wat het doet en waarom.",
        widget=forms.Textarea(attrs={"class": "utrecht-textarea", "rows": 3}),
    )
    toelichting = forms.CharField(
        label="Toelichting in het JSON-bestand",
        required=False,
        max_length=2000,
        help_text="Optioneel; staat als 'omschrijving' in de JSON-export van het model.",
        widget=forms.TextInput(attrs=_TEXT),
    )

    def __init__(self, *args: Any, naam_bewerkbaar: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not naam_bewerkbaar:
            self.fields["naam"].widget = forms.HiddenInput()


class RegelsForm(_Basis):
    startperiode_van = forms.IntegerField(
        label="Startperiode vanaf jaar",
        required=False,
        min_value=1900,
        max_value=2200,
        help_text=UITLEG["startperiode"],
        widget=forms.NumberInput(attrs=_TEXT),
    )
    startperiode_tot = forms.IntegerField(
        label="Startperiode tot en met jaar",
        required=False,
        min_value=1900,
        max_value=2200,
        widget=forms.NumberInput(attrs=_TEXT),
    )
    groeiplafond = BedragField(
        label="Groeiplafond (% per jaar)", help_text=UITLEG["groeiplafond"] + " Leeg: geen plafond."
    )
    groeiplafond_btw = _keuze(
        [("", "Zoals de onderdelen"), *BTW_KEUZES],
        label="Btw op de correctie van het groeiplafond",
        required=False,
        help_text="Alleen nodig als de onderdelen verschillende btw hebben.",
    )
    gezamenlijk_methode = _keuze(
        METHODE_KEUZES,
        label="Andere gezamenlijke opdrachten verdelen",
        initial="verdeelsleutel",
        help_text=UITLEG["gezamenlijk"] + " " + UITLEG["shapley"],
    )

    def clean(self) -> dict[str, Any]:
        d = super().clean() or {}
        van, tot = d.get("startperiode_van"), d.get("startperiode_tot")
        if (van is None) != (tot is None):
            self.add_error(
                "startperiode_tot" if tot is None else "startperiode_van",
                "Vul beide jaren van de startperiode in, of geen van beide.",
            )
        return d

    def configuratie(self) -> dict[str, Any]:
        d = self.cleaned_data
        uit: dict[str, Any] = {}
        regels: dict[str, Any] = {}
        if d.get("startperiode_van") is not None and d.get("startperiode_tot") is not None:
            regels["startperiode"] = {"vanJaar": d["startperiode_van"], "totEnMetJaar": d["startperiode_tot"]}
        if d.get("groeiplafond"):
            regels["groeiplafond"] = {"percentage": d["groeiplafond"]}
            if d.get("groeiplafond_btw"):
                regels["groeiplafond"]["btw"] = d["groeiplafond_btw"]
        if regels or self.gegeven("regels"):
            uit["regels"] = regels
        methode = d.get("gezamenlijk_methode") or "verdeelsleutel"
        if methode != "verdeelsleutel" or self.gegeven("gezamenlijkeOpdrachten.methode"):
            uit["gezamenlijkeOpdrachten"] = {"methode": methode}
        elif self.gegeven("gezamenlijkeOpdrachten"):
            uit["gezamenlijkeOpdrachten"] = {}
        return uit


# --- a part -------------------------------------------------------------------------------------------------------
class OnderdeelForm(_Basis):
    soort = forms.ChoiceField(choices=[(s, s) for s in SOORTEN], widget=forms.HiddenInput)
    naam = forms.CharField(
        label="Naam van het onderdeel", max_length=120, widget=forms.TextInput(attrs=_TEXT)
    )
    omschrijving = _tekst("Omschrijving", max_length=2000)
    btw = _keuze(
        BTW_KEUZES,
        label="Btw",
        initial="vrijgesteld",
        help_text="Meestal vrijgesteld: de koepelvrijstelling geldt voor een samenwerkingsverband van gemeenten.",
    )
    # vast
    bedrag_bron = forms.ChoiceField(
        label="Bedrag",
        choices=[
            ("begroting", "De hele begroting van het jaar"),
            ("rest", "Wat van de begroting overblijft na de andere onderdelen"),
            ("bedrag", "Een vast bedrag (hieronder)"),
        ],
        initial="bedrag",
        widget=forms.RadioSelect,
    )
    # gebruik
    grondslag = _keuze(
        GRONDSLAG_KEUZES,
        label="Grondslag",
        initial="realisatie",
        help_text="Realisatie: achteraf, de geschreven uren. Raming: vooraf, de afgesproken ramingen van de opdrachten.",
    )
    urensoorten = _vinkjes(URENSOORT_KEUZES, label="Welke uren", help_text="Niets aangevinkt: allebei.")
    tarief = BedragField(
        label="Uurtarief (€)",
        help_text="Alleen voor zelf ingevulde regels: het tarief van een regel zonder eigen tarief.",
    )
    regels_bron = forms.ChoiceField(
        label="Regels",
        choices=[
            ("uren", "Uit de urenregistratie en de ramingen (de grondslag)"),
            ("regels", "Zelf ingevulde regels (hieronder)"),
        ],
        initial="uren",
        widget=forms.RadioSelect,
    )
    # gezamenlijk
    opdracht = _tekst(
        "Gezamenlijke opdracht (nummer)",
        max_length=40,
        help_text="Optioneel: het nummer van een gezamenlijke opdracht; dan komen bedrag en deelnemers uit de opdracht.",
    )
    deelnemers = _vinkjes(
        [], label="Deelnemers", help_text="Leeg bij een opdracht: de opdrachtgevers van de opdracht."
    )
    methode = _keuze(
        METHODE_KEUZES,
        label="Verdeling over de deelnemers",
        initial="verdeelsleutel",
        help_text=UITLEG["shapley"],
    )

    VELDEN = {
        "vast": {"bedrag_bron", "bedrag"},
        "gebruik": {"grondslag", "urensoorten", "tarief", "regels_bron"},
        "gezamenlijk": {"opdracht", "bedrag", "deelnemers", "methode"},
    }

    def __init__(self, *args: Any, soort: str, context: Mapping[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bedrag"] = BedragField(
            label="Bedrag (€)" if soort == "vast" else "Kosten van het product (€)"
        )
        self.soortcode, self.context = soort, context  # (``self.soort`` would be the field)
        for naam in {v for velden in self.VELDEN.values() for v in velden} - self.VELDEN[soort]:
            del self.fields[naam]
        data = self.data if self.is_bound else None
        initial = kwargs.get("initial") or {}
        keuzes = context["keuzes"]
        namen = context["namen"]
        self.sleutel = self.percentages = self.regels = self.standalone = self.coalities = None
        if soort == "vast":
            self.sleutel = SleutelForm(
                data,
                prefix=f"{self.prefix}-sleutel",
                optioneel=True,
                namen=namen,
                initial=initial.get("sleutel") or {},
            )
        elif soort == "gebruik":
            self.regels = GebruiksregelFormSet(
                data, prefix=f"{self.prefix}-regel", initial=initial.get("regels", []), keuzes=keuzes
            )
        else:
            cast(forms.ChoiceField, self.fields["deelnemers"]).choices = _volgorde(
                list(self["deelnemers"].value() or []), keuzes, namen
            )
            self.standalone = BedragenFormSet(
                data,
                prefix=f"{self.prefix}-sa",
                initial=initial.get("standalone", []),
                namen=namen,
                label="Stand-alone kosten ",
            )
            self.coalities = CoalitieFormSet(
                data, prefix=f"{self.prefix}-co", initial=initial.get("coalities", []), keuzes=keuzes
            )

    @property
    def soortnaam(self) -> str:
        return SOORT_NAMEN[self.soortcode]

    def onderdelen(self) -> list[Any]:
        return [x for x in (self.sleutel, self.regels, self.standalone, self.coalities) if x is not None]

    def is_valid(self) -> bool:
        return all([super().is_valid(), *[x.is_valid() for x in self.onderdelen()]])

    def clean(self) -> dict[str, Any]:
        d = super().clean() or {}
        if self.soortcode == "vast" and d.get("bedrag_bron") == "bedrag" and not d.get("bedrag"):
            self.add_error("bedrag", "Vul het bedrag in, of kies de begroting of de rest.")
        if self.soortcode == "gezamenlijk" and not d.get("opdracht") and not d.get("bedrag"):
            self.add_error("bedrag", "Vul de kosten van het product in, of noem een gezamenlijke opdracht.")
        return d

    def configuratie(self) -> dict[str, Any]:
        d = self.cleaned_data
        deel: dict[str, Any] = {"soort": self.soortcode, "naam": d["naam"]}
        if d.get("omschrijving") or self.gegeven("omschrijving"):
            deel["omschrijving"] = d.get("omschrijving", "")
        if self.soortcode == "vast":
            deel["bedrag"] = d["bedrag"] if d["bedrag_bron"] == "bedrag" else d["bedrag_bron"]
            assert self.sleutel is not None
            if (sleutel := self.sleutel.configuratie()) is not None:
                deel["verdeelsleutel"] = sleutel
        elif self.soortcode == "gebruik":
            if d["grondslag"] != "realisatie" or self.gegeven("grondslag"):
                deel["grondslag"] = d["grondslag"]
            if d.get("urensoorten") or self.gegeven("urensoorten"):
                deel["urensoorten"] = list(d.get("urensoorten") or [])
            if d.get("tarief"):
                deel["tarief"] = d["tarief"]
            if d["regels_bron"] == "regels":
                assert self.regels is not None
                deel["regels"] = [f.configuratie() for f in self.regels.forms]
        else:
            if d.get("opdracht"):
                deel["opdracht"] = d["opdracht"]
            if d.get("bedrag"):
                deel["bedrag"] = d["bedrag"]
            if d.get("deelnemers") or self.gegeven("deelnemers"):
                deel["deelnemers"] = list(d.get("deelnemers") or [])
            deel["methode"] = d["methode"]
            assert self.standalone is not None and self.coalities is not None
            standalone = self.standalone.als_mapping()
            if standalone or self.gegeven("standaloneKosten"):
                deel["standaloneKosten"] = standalone
            coalities = [
                {
                    "deelnemers": list(f.cleaned_data.get("deelnemers") or []),
                    "bedrag": f.cleaned_data["bedrag"],
                }
                for f in self.coalities.forms
            ]
            if coalities or self.gegeven("coalitiekosten"):
                deel["coalitiekosten"] = coalities
        if d["btw"] != "vrijgesteld" or self.gegeven("btw"):
            deel["btw"] = d["btw"]
        return deel


class _OnderdelenSet(BaseFormSet):
    def __init__(self, *args: Any, context: Mapping[str, Any], **kwargs: Any) -> None:
        self.context = context
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        soort = "vast"
        if index is not None and self.is_bound:
            soort = str(self.data.get(f"{self.prefix}-{index}-soort") or "vast")
        elif index is not None and self.initial and index < len(self.initial):
            soort = self.initial[index].get("soort", "vast")
        return {"soort": soort if soort in SOORTEN else "vast", "context": self.context}


OnderdelenFormSet = cast(
    type[_OnderdelenSet],
    formset_factory(OnderdeelForm, formset=_OnderdelenSet, extra=0, max_num=100, absolute_max=100),
)
