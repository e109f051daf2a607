"""The verdeelmodel as a form: Django forms and formsets that convert to and from ``Verdeelmodel.configuratie``.

The stored configuration (the model part of ``docs/schemas/allocate-input.schema.json`` with SETA's
extensions, see ``invoer.py``) stays the one truth; this module only maps it onto form fields and back,
exactly (ADR 0036):

- :func:`stand_uit_configuratie` turns a configuration into the forms' initial data (the *stand*, "state"),
  refusing what a form cannot show (unknown fields, wrong types) with the JSON path;
- :class:`Modelformulier` holds the forms: the model (name, descriptions), its key, its rules, and a
  formset of parts (each of one kind: ``vast``, ``gebruik``, ``gezamenlijk``) with nested formsets for
  percentages, usage lines, stand-alone costs and sub-coalitions. ``configuratie()`` is the JSON again;
- an optional key whose value is its default (``"btw": "vrijgesteld"``, ``"omschrijving": ""``, an empty
  list) is written back only when the source had it: each form keeps those keys in a hidden ``expliciet``
  field. Amounts are kept as the text that was given (a comma becomes a decimal point), so ``"48500000.00"``
  stays ``"48500000.00"``; a JSON number becomes a decimal string (the core reads both exactly);
- :meth:`Modelformulier.fouten_van` puts a service's or the core's errors (``configuratie.onderdelen[2].bedrag``)
  next to the field they name.

Adding or removing a part, a usage line or a sub-coalition is a submit button (``actie``) that re-renders
the page with the changed stand (:meth:`Modelformulier.stand` reads the submitted values without validating);
it works without JavaScript.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django import forms
from django.forms import BaseFormSet, formset_factory

from seta.core.errors import InvalidInput, SetaError
from seta.financien import modelstand

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

    def heeft(self, sleutel: str) -> bool:
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
        if percentages or self.heeft("percentages"):
            sleutel["percentages"] = percentages
        gewichten = {s: d[f"gewicht_{s}"] for s in GEWICHT_SOORTEN if d.get(f"gewicht_{s}")}
        if gewichten or self.heeft("gewichten"):
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
        if d.get("omschrijving") or self.heeft("omschrijving"):
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
        if regels or self.heeft("regels"):
            uit["regels"] = regels
        methode = d.get("gezamenlijk_methode") or "verdeelsleutel"
        if methode != "verdeelsleutel" or self.heeft("gezamenlijkeOpdrachten.methode"):
            uit["gezamenlijkeOpdrachten"] = {"methode": methode}
        elif self.heeft("gezamenlijkeOpdrachten"):
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
        if d.get("omschrijving") or self.heeft("omschrijving"):
            deel["omschrijving"] = d.get("omschrijving", "")
        if self.soortcode == "vast":
            deel["bedrag"] = d["bedrag"] if d["bedrag_bron"] == "bedrag" else d["bedrag_bron"]
            assert self.sleutel is not None
            if (sleutel := self.sleutel.configuratie()) is not None:
                deel["verdeelsleutel"] = sleutel
        elif self.soortcode == "gebruik":
            if d["grondslag"] != "realisatie" or self.heeft("grondslag"):
                deel["grondslag"] = d["grondslag"]
            if d.get("urensoorten") or self.heeft("urensoorten"):
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
            if d.get("deelnemers") or self.heeft("deelnemers"):
                deel["deelnemers"] = list(d.get("deelnemers") or [])
            deel["methode"] = d["methode"]
            assert self.standalone is not None and self.coalities is not None
            standalone = self.standalone.als_mapping()
            if standalone or self.heeft("standaloneKosten"):
                deel["standaloneKosten"] = standalone
            coalities = [
                {
                    "deelnemers": list(f.cleaned_data.get("deelnemers") or []),
                    "bedrag": f.cleaned_data["bedrag"],
                }
                for f in self.coalities.forms
            ]
            if coalities or self.heeft("coalitiekosten"):
                deel["coalitiekosten"] = coalities
        if d["btw"] != "vrijgesteld" or self.heeft("btw"):
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


# --- the whole form -------------------------------------------------------------------------------------------------
def _waarden(form: forms.BaseForm) -> dict[str, Any]:
    """A bound form's submitted values, as initial data (nothing validated)."""
    return {naam: form[naam].value() for naam in form.fields}


class Modelformulier:
    """Every form of one verdeelmodel. Bound: ``Modelformulier(request.POST, ...)``; else ``stand=...``."""

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        stand: Mapping[str, Any] | None = None,
        gemeenten: Sequence[tuple[str, str]] = (),
        naam_bewerkbaar: bool = True,
    ) -> None:
        stand = stand or {}
        self.codes = [c for c, _ in gemeenten]
        namen = dict(gemeenten)
        keuzes = [(c, f"{n} ({c})") for c, n in gemeenten]
        self.context = {"namen": namen, "keuzes": keuzes}
        self.algemeen = AlgemeenForm(
            data, prefix="model", initial=stand.get("algemeen"), naam_bewerkbaar=naam_bewerkbaar
        )
        self.sleutel = SleutelForm(
            data, prefix="sleutel", initial=stand.get("sleutel") or {"soort": "bevolking"}, namen=namen
        )
        self.regels = RegelsForm(data, prefix="regels", initial=stand.get("regels"))
        self.onderdelen = OnderdelenFormSet(
            data, prefix="onderdeel", initial=list(stand.get("onderdelen", [])), context=self.context
        )
        for i, form in enumerate(self.onderdelen.forms):
            naam = form["naam"].value() or ""
            form.kop = f"Onderdeel {i + 1}: {form.soortnaam}" + (f" '{naam}'" if naam else "")

    def is_valid(self) -> bool:
        return all(
            [
                self.algemeen.is_valid(),
                self.sleutel.is_valid(),
                self.regels.is_valid(),
                self.onderdelen.is_valid(),
                *[f.is_valid() for f in self.onderdelen.forms],
            ]
        )

    def configuratie(self) -> dict[str, Any]:
        """The configuration as JSON-ready data (after ``is_valid()``)."""
        a = self.algemeen.cleaned_data
        config: dict[str, Any] = {}
        if a.get("naam"):
            config["naam"] = a["naam"]
        if a.get("toelichting") or self.algemeen.heeft("omschrijving"):
            config["omschrijving"] = a.get("toelichting", "")
        config["verdeelsleutel"] = self.sleutel.configuratie()
        config["onderdelen"] = [f.configuratie() for f in self.onderdelen.forms]
        config.update(self.regels.configuratie())
        return config

    # --- re-rendering with a part more or less ---------------------------------------------------------------------
    def stand(self) -> dict[str, Any]:
        """The submitted values as a stand (for re-rendering after adding or removing something)."""

        def rijen(formset: Any) -> list[dict[str, Any]]:
            return [_waarden(f) for f in formset.forms] if formset is not None else []

        def sleutel(form: SleutelForm) -> dict[str, Any]:
            return {**_waarden(form), "percentages": rijen(form.percentages)}

        onderdelen = []
        for form in self.onderdelen.forms:
            deel = {**_waarden(form), "soort": form.soortcode}
            if form.sleutel is not None:
                deel["sleutel"] = sleutel(form.sleutel)
            deel["regels"] = rijen(form.regels)
            deel["standalone"] = rijen(form.standalone)
            deel["coalities"] = rijen(form.coalities)
            onderdelen.append(deel)
        return {
            "algemeen": _waarden(self.algemeen),
            "sleutel": sleutel(self.sleutel),
            "regels": _waarden(self.regels),
            "onderdelen": onderdelen,
        }

    # --- errors of a service or the core next to their field -------------------------------------------------------
    def _doel(self, pad: str) -> tuple[forms.BaseForm, str | None]:
        stappen = modelstand.stappen(pad)
        if not stappen or stappen[0][0].startswith("$"):
            return self.algemeen, None
        (eerste, index), rest = stappen[0], stappen[1:]
        if eerste == "naam":
            return self.algemeen, "naam"
        if eerste == "omschrijving":
            return self.algemeen, "toelichting"
        if eerste == "verdeelsleutel":
            return self._sleutel_doel(self.sleutel, rest)
        if eerste == "regels":
            veld = {
                "vanJaar": "startperiode_van",
                "totEnMetJaar": "startperiode_tot",
                "percentage": "groeiplafond",
                "btw": "groeiplafond_btw",
            }
            if rest and rest[0][0] == "startperiode":
                return self.regels, veld.get(rest[-1][0], "startperiode_van")
            if rest and rest[0][0] == "groeiplafond":
                return self.regels, veld.get(rest[-1][0], "groeiplafond")
            return self.regels, None
        if eerste == "gezamenlijkeOpdrachten":
            return self.regels, "gezamenlijk_methode"
        if eerste == "onderdelen" and index is not None and index < len(self.onderdelen.forms):
            return self._deel_doel(self.onderdelen.forms[index], rest)
        return self.algemeen, None

    @staticmethod
    def _rij(formset: Any, code: str, form: forms.BaseForm) -> tuple[forms.BaseForm, str | None]:
        for rij in formset.forms if formset is not None else []:
            if rij["gemeente"].value() == code:
                return rij, "waarde"
        return form, None

    def _sleutel_doel(
        self, form: SleutelForm, rest: list[tuple[str, int | None]]
    ) -> tuple[forms.BaseForm, str | None]:
        if not rest or rest[0][0] == "soort":
            return form, "soort"
        if rest[0][0] == "percentages":
            return self._rij(form.percentages, rest[1][0], form) if len(rest) > 1 else (form, "soort")
        if rest[0][0] == "gewichten" and len(rest) > 1 and f"gewicht_{rest[1][0]}" in form.fields:
            return form, f"gewicht_{rest[1][0]}"
        return form, "soort"

    def _deel_doel(
        self, form: OnderdeelForm, rest: list[tuple[str, int | None]]
    ) -> tuple[forms.BaseForm, str | None]:
        if not rest:
            return form, None
        (stap, index), verder = rest[0], rest[1:]
        if stap == "verdeelsleutel" and form.sleutel is not None:
            return self._sleutel_doel(form.sleutel, verder)
        if stap == "regels" and form.regels is not None:
            if index is not None and index < len(form.regels.forms):
                veld = {"externeKosten": "externe_kosten"}.get(verder[0][0], verder[0][0]) if verder else None
                regel = form.regels.forms[index]
                return regel, veld if veld in regel.fields else None
            return form, "regels_bron"
        if stap == "standaloneKosten" and form.standalone is not None:
            return self._rij(form.standalone, verder[0][0], form) if verder else (form, "methode")
        if (
            stap == "coalitiekosten"
            and form.coalities is not None
            and index is not None
            and index < len(form.coalities.forms)
        ):
            coalitie = form.coalities.forms[index]
            return coalitie, verder[0][0] if verder and verder[0][0] in coalitie.fields else None
        if stap == "bedrag" and form.soortcode == "vast" and form["bedrag_bron"].value() != "bedrag":
            return form, "bedrag_bron"
        return form, stap if stap in form.fields else None

    def fouten_van(self, exc: SetaError) -> None:
        """Put a service's (or the core's) error next to the fields it names; the rest above the form."""
        if not (isinstance(exc, InvalidInput) and exc.fields):
            self.algemeen.add_error(None, exc.detail)
            return
        for pad, berichten in exc.fields.items():
            form, veld = self._doel(pad)
            for bericht in berichten:
                form.add_error(veld, bericht if veld else f"{_leesbaar(pad)}: {bericht}")

    def alle_forms(self) -> list[tuple[str, forms.BaseForm]]:
        """Every form with the words that say where it is (for the error summary)."""
        uit: list[tuple[str, forms.BaseForm]] = [("", self.algemeen), ("Verdeelsleutel: ", self.sleutel)]
        uit += [("Verdeelsleutel: ", f) for f in self.sleutel.percentages.forms]
        uit.append(("Regels: ", self.regels))
        for form in self.onderdelen.forms:
            kop = f"{form.kop}: "
            uit.append((kop, form))
            if form.sleutel is not None:
                uit += [(kop, form.sleutel), *[(kop, f) for f in form.sleutel.percentages.forms]]
            for j, f in enumerate(form.regels.forms if form.regels is not None else []):
                uit.append((f"{kop}regel {j + 1}: ", f))
            uit += [(kop, f) for f in (form.standalone.forms if form.standalone is not None else [])]
            for k, f in enumerate(form.coalities.forms if form.coalities is not None else []):
                uit.append((f"{kop}deelcoalitie {k + 1}: ", f))
        return uit

    def fouten(self) -> list[tuple[str, str, str]]:
        """The error summary: (anchor, where, message) per error, the anchor pointing at the field."""
        uit: list[tuple[str, str, str]] = []
        for waar, form in self.alle_forms():
            if not form.is_bound:
                continue
            for naam, berichten in form.errors.items():
                if naam == "__all__":
                    uit += [("", waar.rstrip(": "), str(b)) for b in berichten]
                    continue
                bf = form[naam]
                anker = f"{bf.auto_id}-groep" if bf.use_fieldset else bf.id_for_label
                uit += [(anker, f"{waar}{bf.label}", str(b)) for b in berichten]
        for fout in self.onderdelen.non_form_errors():
            uit.append(("", "Onderdelen", str(fout)))
        return uit


def _leesbaar(pad: str) -> str:
    return pad.removeprefix("configuratie.").removeprefix("verdeelmodel.")


def toegevoegd(stand: dict[str, Any], actie: str, codes: Sequence[str]) -> dict[str, Any] | None:
    """The stand after a button that adds or removes something (``actie``); None for another button.

    ``toevoegen:vast``, ``verwijder:2`` (part 3), ``regel:2``, ``verwijder-regel:2:0``, ``coalitie:2``,
    ``verwijder-coalitie:2:1``, ``omhoog:2``."""
    soort, _, rest = actie.partition(":")
    delen = stand["onderdelen"]
    try:
        nummers = [int(x) for x in rest.split(":")] if rest and soort != "toevoegen" else []
    except ValueError:
        return None
    if soort == "toevoegen" and rest in SOORTEN:
        delen.append(modelstand.leeg_onderdeel(rest, codes))
    elif nummers and not 0 <= nummers[0] < len(delen):
        return None
    elif soort == "verwijder" and len(nummers) == 1:
        del delen[nummers[0]]
    elif soort == "omhoog" and len(nummers) == 1 and nummers[0] > 0:
        i = nummers[0]
        delen[i - 1], delen[i] = delen[i], delen[i - 1]
    elif soort == "regel" and len(nummers) == 1:
        delen[nummers[0]].setdefault("regels", []).append({"gemeente": codes[0] if codes else ""})
        delen[nummers[0]]["regels_bron"] = "regels"
    elif soort == "coalitie" and len(nummers) == 1:
        delen[nummers[0]].setdefault("coalities", []).append({"deelnemers": []})
    elif soort in ("verwijder-regel", "verwijder-coalitie") and len(nummers) == 2:
        lijst = delen[nummers[0]].get("regels" if soort == "verwijder-regel" else "coalities", [])
        if not 0 <= nummers[1] < len(lijst):
            return None
        del lijst[nummers[1]]
    else:
        return None
    return stand
