"""Web pages of the join and leave scenarios: the list per cooperation, the new-scenario form, the result."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from seta.autorisaties import policy
from seta.autorisaties.actor import actor_for
from seta.core.bounds import JAAR_MAX, JAAR_MIN, parse_versie
from seta.core.errors import SetaError
from seta.financien import mutaties, mutaties_api, selectors
from seta.financien.models import Deelnemersscenario, Mutatiesoort
from seta.gemeenten.models import Gemeente
from seta.web.actions import form_invalid, page_status, refusal, run

TEXT = {"class": "utrecht-textbox"}


class Getalveld(forms.DecimalField):
    """A decimal as Dutch users type it: a decimal comma is accepted (``2,5``)."""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


class DeelnemersscenarioForm(forms.Form):
    soort = forms.ChoiceField(
        label="Soort",
        choices=Mutatiesoort.choices,
        widget=forms.RadioSelect(attrs={"class": "utrecht-radio-button"}),
        help_text="Toetreding: een gemeente sluit aan onder de bestaande afspraken. Uittreding: een deelnemer stapt uit.",
    )
    gemeente = forms.ModelChoiceField(
        label="Gemeente",
        queryset=Gemeente.objects.none(),
        widget=forms.Select(attrs={"class": "utrecht-select"}),
        help_text="Bij toetreding een gemeente die nog geen deelnemer is, bij uittreding een deelnemer.",
    )
    datum = forms.DateField(
        label="Beoogde datum",
        widget=forms.DateInput(attrs={"class": "utrecht-textbox", "type": "date"}, format="%Y-%m-%d"),
        help_text="Meestal 1 januari van een volgend jaar.",
    )
    jaar = forms.IntegerField(
        label="Vergelijkingsjaar",
        min_value=JAAR_MIN,
        max_value=JAAR_MAX,
        required=False,
        widget=forms.NumberInput(attrs=TEXT),
        help_text="Het jaar waarvan begroting, uren en verdeelmodel worden gebruikt. Leeg: het lopende begrotingsjaar.",
    )
    inbreng = Getalveld(
        label="Veronderstelde inbreng (euro)",
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "decimal"}),
        help_text="Alleen bij toetreding en een verdeelsleutel naar inbreng: wat de nieuwe gemeente zou inbrengen. "
        "Leeg: naar inwonertal, zoals de huidige deelnemers gemiddeld inbrengen.",
    )
    percentage = Getalveld(
        label="Percentage bij vaste percentages",
        required=False,
        min_value=0,
        max_value=99,
        decimal_places=6,
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "decimal"}),
        help_text="Alleen bij toetreding en een sleutel met vaste percentages; de andere deelnemers schuiven naar rato op.",
    )
    overige_omschrijving = forms.CharField(
        label="Andere frictiekosten: omschrijving",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs=TEXT),
        help_text="Alleen bij uittreding, naast de regel uit de regeling, bijv. 'Ontvlechting ICT'.",
    )
    overige_bedrag = Getalveld(
        label="Andere frictiekosten: bedrag (euro)",
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "decimal"}),
    )
    omschrijving = forms.CharField(
        label="Toelichting",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"class": "utrecht-textarea", "rows": 3}),
    )

    def __init__(self, *args: Any, gemeenten: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if gemeenten is not None:
            self.fields["gemeente"].queryset = gemeenten  # type: ignore[attr-defined]


class UittredingsregelForm(forms.Form):
    jaren_overhead = Getalveld(
        label="Jaren aandeel in de overhead",
        min_value=0,
        max_value=20,
        decimal_places=2,
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "decimal"}),
        help_text="Zoveel jaar betaalt een uittredende gemeente haar aandeel in de overhead als frictiekosten.",
    )
    bron = forms.CharField(
        label="Bron",
        max_length=300,
        widget=forms.TextInput(attrs=TEXT),
        help_text="Waar de regel staat, bijv. 'Gemeenschappelijke regeling, artikel 38'.",
    )
    besluit = forms.CharField(
        label="Besluit", max_length=200, required=False, widget=forms.TextInput(attrs=TEXT)
    )


def _sv(actor: Any, slug: str | None, *, opstellen: bool = False) -> Any:
    verbanden = list(selectors.verbanden_for(actor).order_by("naam"))
    if opstellen:
        verbanden = [v for v in verbanden if policy.can(actor, "deelnemersscenario.opstellen", v)]
    if not verbanden:
        raise PermissionDenied
    return next((v for v in verbanden if v.slug == slug), verbanden[0]), verbanden


@login_required
def lijst(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    sv, verbanden = _sv(actor, request.GET.get("samenwerkingsverband"))
    context = {
        "sv": sv,
        "verbanden": verbanden,
        "scenarios": mutaties.deelnemersscenarios_for(actor).filter(samenwerkingsverband=sv),
        "regel": mutaties.uittredingsregels_for(actor).filter(samenwerkingsverband=sv).first(),
        "mag_opstellen": policy.can(actor, "deelnemersscenario.opstellen", sv),
    }
    if policy.can(actor, "uittredingsregel.vaststellen", sv):
        regel = context["regel"]
        context["regel_form"] = UittredingsregelForm(
            initial={"jaren_overhead": regel.jaren_overhead, "bron": regel.bron, "besluit": regel.besluit}
            if regel
            else {"jaren_overhead": 3}
        )
    return render(request, "financien/mutaties/lijst.html", context)


@login_required
@require_POST
def regel_vastleggen(request: HttpRequest, slug: str) -> HttpResponse:
    """The board records the frictional-cost rule of the cooperation's regulation."""
    actor = actor_for(request.user)
    sv = selectors.verbanden_for(actor).filter(slug=slug).first()
    if sv is None:
        raise Http404
    terug = f"{reverse('financien:deelnemersscenarios')}?samenwerkingsverband={sv.slug}"
    form = UittredingsregelForm(request.POST)
    if not form.is_valid():
        return refusal(request, form_invalid(form), back=terug)
    try:
        regel = mutaties.set_exit_rule(
            actor=actor,
            samenwerkingsverband=sv,
            expected_version=parse_versie(request.POST.get("versie")),
            **form.cleaned_data,
        )
    except SetaError as exc:
        return refusal(request, exc, back=terug)
    messages.success(request, f"De uittredingsregel is vastgelegd: {regel}.")
    return redirect(terug)


@login_required
@require_http_methods(["GET", "POST"])
def nieuw(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    sv, _verbanden = _sv(actor, request.GET.get("samenwerkingsverband"), opstellen=True)
    form = DeelnemersscenarioForm(
        request.POST or None,
        gemeenten=mutaties.alle_gemeenten(),
        initial={"soort": Mutatiesoort.UITTREDING, "datum": dt.date(timezone.localdate().year + 1, 1, 1)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        overige = []
        if data["overige_omschrijving"] or data["overige_bedrag"] is not None:
            overige = [{"omschrijving": data["overige_omschrijving"], "bedrag": data["overige_bedrag"]}]
        inbreng = data["inbreng"]
        if inbreng is None and data["soort"] == Mutatiesoort.TOETREDING:
            jaar = data["jaar"] or mutaties.standaardjaar(sv)
            inbreng = mutaties.veronderstelde_inbreng(sv, jaar, data["gemeente"]) if jaar else None
        uitkomst = run(
            request,
            lambda: mutaties.draft_member_scenario(
                actor=actor,
                samenwerkingsverband=sv,
                soort=data["soort"],
                gemeente=data["gemeente"],
                datum=data["datum"],
                jaar=data["jaar"],
                inbreng=inbreng,
                percentage=data["percentage"],
                overige_frictiekosten=overige,
                omschrijving=data["omschrijving"],
            ),
            form=form,
            rename={
                "overigeFrictiekosten[0].omschrijving": "overige_omschrijving",
                "overigeFrictiekosten[0].bedrag": "overige_bedrag",
                "overigeFrictiekosten": "overige_omschrijving",
            },
            fallback="gemeente",
        )
        if uitkomst.value is not None:
            messages.success(
                request, f"{uitkomst.value.naam} is berekend. Dit is een scenario, geen besluit."
            )
            return redirect("financien:deelnemersscenario", pk=uitkomst.value.pk)
    return render(
        request,
        "financien/mutaties/nieuw.html",
        {"form": form, "sv": sv},
        status=page_status(request, form),
    )


def _get(actor: Any, pk: int) -> Deelnemersscenario:
    obj = mutaties.deelnemersscenarios_for(actor).filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    obj = _get(actor, pk)
    formaat = request.GET.get("formaat")
    if formaat:
        return mutaties_api.download(obj, formaat)
    context = {
        "scenario": obj,
        "r": obj.resultaat or {},
        "acties": policy.toegestane_acties(actor, obj),
    }
    return render(request, "financien/mutaties/detail.html", context)


@login_required
@require_POST
def berekenen(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    obj = _get(actor, pk)
    try:
        mutaties.recalculate_member_scenario(
            actor=actor, scenario=obj, expected_version=parse_versie(request.POST.get("versie"))
        )
    except SetaError as exc:
        return refusal(request, exc, back=reverse("financien:deelnemersscenario", args=[obj.pk]))
    messages.success(request, "Het scenario is opnieuw berekend met de actuele cijfers.")
    return redirect("financien:deelnemersscenario", pk=obj.pk)
