"""Web pages of financiën: overview, verdeelmodel (with its allocation), scenario comparison, settlement."""

from __future__ import annotations

import json
from typing import Any

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
from seta.core.bounds import parse_versie
from seta.core.errors import InvalidInput, SetaError
from seta.financien import exports, grafiek, selectors, services
from seta.financien.forms import BerekenForm, BesluitForm, DrempelForm, JaarOpzettenForm, VerdeelmodelForm
from seta.financien.models import Afrekening, Scenario
from seta.samenwerkingsverbanden.besluiten import bevoegd_orgaan, require_bevoegd
from seta.samenwerkingsverbanden.models import Besluitonderwerp
from seta.web.actions import form_invalid, page_status, refusal, run


def _get(qs: Any, pk: int) -> Any:
    obj = qs.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


@login_required
def overzicht(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    verbanden = list(selectors.verbanden_for(actor).order_by("naam"))
    if not verbanden:
        raise PermissionDenied
    slug = request.GET.get("samenwerkingsverband")
    sv = next((v for v in verbanden if v.slug == slug), verbanden[0])
    huidig_jaar = timezone.localdate().year
    context: dict[str, Any] = {
        "verbanden": verbanden,
        "sv": sv,
        "begrotingen": selectors.begrotingen_for(actor)
        .filter(samenwerkingsverband=sv)
        .select_related("bestuursbesluit")
        .prefetch_related("bijdragen__gemeente"),
        "tarieven": selectors.tarieven_for(actor)
        .filter(samenwerkingsverband=sv)
        .order_by("-jaar", "eenheid__naam", "schaal"),
        "modellen": selectors.verdeelmodellen_for(actor)
        .filter(samenwerkingsverband=sv)
        .order_by("naam", "-volgnummer"),
        "scenarios": selectors.scenarios_for(actor).filter(samenwerkingsverband=sv),
        "afrekeningen": selectors.afrekeningen_for(actor).filter(samenwerkingsverband=sv),
        "drempels": selectors.drempels_for(actor)
        .filter(samenwerkingsverband=sv)
        .select_related("bestuursbesluit__vastgelegd_door"),
        "mag_opstellen": policy.can(actor, "verdeelmodel.opstellen", sv),
        "drempel_form": DrempelForm(
            orgaan=bevoegd_orgaan(sv, Besluitonderwerp.AFWIJKINGSDREMPEL), wat="deze drempel"
        )
        if policy.can(actor, "drempel.vaststellen", sv)
        else None,
        "huidig_jaar": huidig_jaar,
    }
    jaren = {b.jaar for b in context["begrotingen"]}
    laatste = max(jaren, default=huidig_jaar - 1)
    context["huidig_zonder_begroting"] = huidig_jaar not in jaren
    if policy.can(actor, "begroting.opzetten", sv):  # proposes the year after the last budget
        context["opzet_form"] = JaarOpzettenForm(initial={"jaar": laatste + 1, "van_jaar": laatste})
    return render(request, "financien/overzicht.html", context)


@login_required
@require_POST
def drempel_vaststellen(request: HttpRequest, slug: str) -> HttpResponse:
    """The board sets the threshold of the deviation alert."""
    actor = actor_for(request.user)
    sv = selectors.verbanden_for(actor).filter(slug=slug).first()
    if sv is None:
        raise Http404
    terug = f"{reverse('financien:overzicht')}?samenwerkingsverband={sv.slug}"
    form = DrempelForm(request.POST)
    try:
        require_bevoegd(  # a refusal first, then the form's errors
            actor,
            "drempel.vaststellen",
            sv,
            samenwerkingsverband=sv,
            onderwerp=Besluitonderwerp.AFWIJKINGSDREMPEL,
            read_action="drempel.lezen",
        )
        if not form.is_valid():
            raise form_invalid(form)
        drempel = services.set_threshold(
            actor=actor,
            samenwerkingsverband=sv,
            vanaf_jaar=form.cleaned_data["vanaf_jaar"],
            procentpunten=form.cleaned_data["procentpunten"],
            bedrag=form.cleaned_data["bedrag"],
            besluit=form.besluit(),
        )
    except SetaError as exc:
        return refusal(request, exc, back=terug)
    messages.success(request, f"{drempel} is vastgesteld.")
    return redirect(terug)


@login_required
@require_http_methods(["GET", "POST"])
def verdeelmodel_nieuw(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    verbanden = [v for v in selectors.verbanden_for(actor) if policy.can(actor, "verdeelmodel.opstellen", v)]
    sv = next(
        (v for v in verbanden if v.slug == request.GET.get("samenwerkingsverband")),
        verbanden[0] if verbanden else None,
    )
    if sv is None:
        raise PermissionDenied
    voorbeeld = {
        "verdeelsleutel": {"soort": "bevolking"},
        "onderdelen": [
            {"soort": "vast", "naam": "Werkorganisatie", "bedrag": "begroting", "btw": "vrijgesteld"}
        ],
    }
    form = VerdeelmodelForm(
        request.POST or None, initial={"configuratie": json.dumps(voorbeeld, indent=2, ensure_ascii=False)}
    )
    if request.method == "POST" and form.is_valid():
        uitkomst = run(
            request,
            lambda: services.draft_model(actor=actor, samenwerkingsverband=sv, **form.cleaned_data),
            form=form,
            fallback="configuratie",
        )
        if uitkomst.value is not None:
            model = uitkomst.value
            messages.success(request, f"Verdeelmodel {model.label} is als concept opgeslagen.")
            return redirect("financien:verdeelmodel", pk=model.pk)
    return render(
        request,
        "financien/verdeelmodel_form.html",
        {"form": form, "sv": sv, "model": None},
        status=page_status(request, form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def verdeelmodel(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    model = _get(selectors.verdeelmodellen_for(actor), pk)
    bereken = BerekenForm(request.GET or None, initial={"jaar": 2025})
    uitkomst = None
    fout = None
    if bereken.is_valid():
        try:
            uitkomst = selectors.allocation(
                actor, model, bereken.cleaned_data["jaar"], bereken.cleaned_data["grondslag"]
            )
        except InvalidInput as exc:
            fout = exc
    bewerk = None
    acties = policy.toegestane_acties(actor, model)
    if "wijzigen" in acties:
        bewerk = VerdeelmodelForm(
            request.POST or None,
            bewerk_naam=False,
            initial={
                "omschrijving": model.omschrijving,
                "configuratie": json.dumps(model.configuratie, indent=2, ensure_ascii=False),
            },
        )
        if request.method == "POST" and bewerk.is_valid():
            formulier = bewerk
            gewijzigd = run(
                request,
                lambda: services.change_model(
                    actor=actor,
                    verdeelmodel=model,
                    expected_version=parse_versie(request.POST.get("versie")),
                    configuratie=formulier.cleaned_data["configuratie"],
                    omschrijving=formulier.cleaned_data["omschrijving"],
                ),
                form=bewerk,
                fallback="configuratie",
            )
            if gewijzigd.ok:
                messages.success(request, "Het concept is gewijzigd.")
                return redirect("financien:verdeelmodel", pk=model.pk)
    elif request.method == "POST":
        raise PermissionDenied
    context = {
        "model": model,
        "configuratie": json.dumps(selectors.configuratie_for(actor, model), indent=2, ensure_ascii=False),
        "bereken": bereken,
        "uitkomst": uitkomst.to_json()["verdelingen"][0] if uitkomst else None,
        "fout": fout,
        "bewerk": bewerk,
        "versies": selectors.verdeelmodellen_for(actor)
        .filter(samenwerkingsverband=model.samenwerkingsverband, naam=model.naam)
        .order_by("-volgnummer"),
        "mag_vaststellen": "vaststellen" in acties,
        "mag_nieuwe_versie": "nieuwe-versie" in acties,
        "vaststel_form": BesluitForm(
            orgaan=bevoegd_orgaan(model.samenwerkingsverband, Besluitonderwerp.VERDEELMODEL),
            wat="dit verdeelmodel",
        ),
    }
    return render(request, "financien/verdeelmodel.html", context, status=page_status(request, bewerk))


@login_required
@require_POST
def verdeelmodel_vaststellen(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    model = _get(selectors.verdeelmodellen_for(actor), pk)
    terug = reverse("financien:verdeelmodel", args=[model.pk])
    form = BesluitForm(request.POST)
    try:
        require_bevoegd(  # a refusal first, then the form's errors
            actor,
            "verdeelmodel.vaststellen",
            model,
            samenwerkingsverband=model.samenwerkingsverband,
            onderwerp=Besluitonderwerp.VERDEELMODEL,
            read_action="verdeelmodel.lezen",
        )
        if not form.is_valid():
            raise form_invalid(form, "Vul het besluit in en bevestig het.")
        services.adopt_model(
            actor=actor,
            verdeelmodel=model,
            besluit=form.besluit(),
            expected_version=parse_versie(request.POST.get("versie")),
        )
    except SetaError as exc:
        return refusal(request, exc, back=terug)
    messages.success(request, f"{model.label} is vastgesteld.")
    return redirect(terug)


@login_required
@require_POST
def verdeelmodel_nieuwe_versie(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    model = _get(selectors.verdeelmodellen_for(actor), pk)
    try:
        nieuw = services.new_version(actor=actor, verdeelmodel=model)
    except SetaError as exc:
        return refusal(request, exc, back=reverse("financien:verdeelmodel", args=[model.pk]))
    messages.success(request, f"{nieuw.label} is als concept gemaakt.")
    return redirect("financien:verdeelmodel", pk=nieuw.pk)


@login_required
def scenario(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    obj: Scenario = _get(selectors.scenarios_for(actor), pk)
    formaat = request.GET.get("formaat")
    try:
        tabel = selectors.comparison(actor, obj)
    except InvalidInput as exc:
        return render(request, "financien/scenario.html", {"scenario": obj, "fout": exc}, status=200)
    if formaat in ("xlsx", "csv", "json"):
        inhoud, mime = exports.export(tabel, formaat, titel=f"{obj.naam} ({obj.samenwerkingsverband})")
        response = HttpResponse(inhoud, content_type=mime)
        response["Content-Disposition"] = f'attachment; filename="scenario-{obj.pk}-{obj.jaar}.{formaat}"'
        return response
    modellen = {m.label: m for m in obj.verdeelmodellen.all()}
    context = {
        "scenario": obj,
        "tabel": tabel,
        "grafiek": grafiek.bar_chart(tabel, ident=f"scenario-{obj.pk}"),
        "modellen": [modellen.get(naam) for naam in tabel.modellen],
        "verdelingen": tabel.verdelingen,
        "mag_berekenen": policy.can(actor, "scenario.opstellen", obj),
    }
    return render(request, "financien/scenario.html", context)


@login_required
@require_POST
def scenario_berekenen(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    obj = _get(selectors.scenarios_for(actor), pk)
    try:
        services.calculate_scenario(
            actor=actor, scenario=obj, expected_version=parse_versie(request.POST.get("versie"))
        )
    except SetaError as exc:
        return refusal(request, exc, back=reverse("financien:scenario", args=[obj.pk]))
    messages.success(request, "De vergelijking is opnieuw berekend en bewaard.")
    return redirect("financien:scenario", pk=obj.pk)


@login_required
def afrekening(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    obj: Afrekening = _get(selectors.afrekeningen_for(actor), pk)
    regels = list(obj.regels.select_related("gemeente"))
    acties = policy.toegestane_acties(actor, obj)
    totaal = {
        "voorschot": sum(r.voorschot for r in regels),
        "realisatie": sum(r.realisatie for r in regels),
        "te_betalen": sum(r.te_betalen for r in regels),
        "te_ontvangen": sum(r.te_ontvangen for r in regels),
    }
    context = {
        "afrekening": obj,
        "regels": regels,
        "totaal": totaal,
        "mag_opnieuw": "opnieuw" in acties,
        "mag_vaststellen": "vaststellen" in acties,
        "vaststel_form": BesluitForm(
            orgaan=bevoegd_orgaan(obj.samenwerkingsverband, Besluitonderwerp.AFREKENING),
            wat=f"de afrekening {obj.jaar}",
        ),
    }
    return render(request, "financien/afrekening.html", context)


@login_required
@require_POST
def afrekening_actie(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    obj: Afrekening = _get(selectors.afrekeningen_for(actor), pk)
    try:
        if request.POST.get("actie") == "vaststellen":
            require_bevoegd(  # a refusal first, then the form's errors
                actor,
                "afrekening.vaststellen",
                obj,
                samenwerkingsverband=obj.samenwerkingsverband,
                onderwerp=Besluitonderwerp.AFREKENING,
                read_action="afrekening.lezen",
            )
            form = BesluitForm(request.POST)
            if not form.is_valid():
                raise form_invalid(form, "Vul het besluit in en bevestig het.")
            services.adopt_settlement(
                actor=actor,
                afrekening=obj,
                besluit=form.besluit(),
                expected_version=parse_versie(request.POST.get("versie")),
            )
            messages.success(request, f"De afrekening {obj.jaar} is vastgesteld.")
        else:
            services.settle_year(
                actor=actor,
                samenwerkingsverband=obj.samenwerkingsverband,
                jaar=obj.jaar,
                verdeelmodel=obj.verdeelmodel,
            )
            messages.success(request, f"De afrekening {obj.jaar} is opnieuw berekend.")
    except SetaError as exc:
        return refusal(request, exc, back=reverse("financien:afrekening", args=[obj.pk]))
    return redirect("financien:afrekening", pk=obj.pk)
