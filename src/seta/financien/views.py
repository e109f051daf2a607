"""Web pages of financiën: overview, verdeelmodel (with its allocation), scenario comparison, settlement."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from seta.autorisaties import policy
from seta.autorisaties.actor import actor_for
from seta.core.bounds import parse_versie
from seta.core.errors import Conflict, Forbidden, InvalidInput, SetaError
from seta.financien import exports, grafiek, modelformulier, modelstand, selectors, services, voorschotten
from seta.financien.forms import (
    BerekenForm,
    BesluitForm,
    DrempelForm,
    JaarOpzettenForm,
    JsonImportForm,
    VoorbeeldForm,
    VoorschotForm,
)
from seta.financien.modelformulier import Modelformulier
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
        "voorschotschemas": voorschotten.schemas_for(actor).filter(samenwerkingsverband=sv),
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
    """A new model, drafted through the form (``_formulier_pagina``)."""
    actor = actor_for(request.user)
    verbanden = [v for v in selectors.verbanden_for(actor) if policy.can(actor, "verdeelmodel.opstellen", v)]
    sv = next(
        (v for v in verbanden if v.slug == request.GET.get("samenwerkingsverband")),
        verbanden[0] if verbanden else None,
    )
    if sv is None:
        raise PermissionDenied
    return _formulier_pagina(request, actor, sv, None)


@login_required
@require_safe
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
    acties = policy.toegestane_acties(actor, model)
    context = {
        "model": model,
        "configuratie": json.dumps(selectors.configuratie_for(actor, model), indent=2, ensure_ascii=False),
        "bereken": bereken,
        "uitkomst": uitkomst.to_json()["verdelingen"][0] if uitkomst else None,
        "fout": fout,
        "mag_wijzigen": "wijzigen" in acties,
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
    return render(request, "financien/verdeelmodel.html", context)


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
    volgens_schema = voorschotten.advances_for_settlement(actor, obj)
    context = {
        "afrekening": obj,
        "regels": regels,
        "totaal": totaal,
        "schema": voorschotten.schema_for_year(actor, obj.samenwerkingsverband_id, obj.jaar),
        "volgens_schema": None
        if volgens_schema is None
        else [(r, volgens_schema.get(r.gemeente_id, Decimal(0))) for r in regels],
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


# --- the verdeelmodel as a form ----------------------------------------------------------------------------------
VOORBEELDMODEL = {
    "verdeelsleutel": {"soort": "bevolking"},
    "onderdelen": [{"soort": "vast", "naam": "Werkorganisatie", "bedrag": "begroting", "btw": "vrijgesteld"}],
}
BEWERKACTIES = ("toevoegen:", "verwijder", "omhoog:", "regel:", "coalitie:")


def _voorbeeldjaar(actor: Any, sv: Any) -> int:
    """This year if it has a budget, else the latest year with one (else this year)."""
    from django.utils import timezone

    jaren = set(
        selectors.begrotingen_for(actor).filter(samenwerkingsverband=sv).values_list("jaar", flat=True)
    )
    jaar = timezone.localdate().year
    return jaar if jaar in jaren or not jaren else max(jaren)


def _voorbeeld(
    actor: Any, sv: Any, formulier: Modelformulier, voorbeeld: VoorbeeldForm
) -> dict[str, Any] | None:
    """The preview of the form's unsaved configuration (a read: nothing is stored); errors go onto the form."""
    if not (formulier.is_valid() and voorbeeld.is_valid()):
        return None
    try:
        uitkomst = selectors.preview(
            actor,
            sv,
            formulier.configuratie(),
            voorbeeld.cleaned_data["jaar"],
            voorbeeld.cleaned_data["grondslag"],
        )
    except SetaError as exc:
        formulier.fouten_van(exc)
        return None
    return dict(uitkomst.to_json()["verdelingen"][0])


def _formulier_pagina(request: HttpRequest, actor: Any, sv: Any, model: Any) -> HttpResponse:
    """The form of a new model (``model`` None) or of a concept. Buttons (``actie``):

    - ``opslaan``: ``services.draft_model`` / ``services.change_model`` (with ``versie``);
    - ``voorbeeld``: the allocation of the unsaved form for the chosen year, shown below it; a POST that writes
      NOTHING (the same as the live preview, for a browser without JavaScript);
    - ``toevoegen:<soort>``, ``verwijder:<i>``, ``omhoog:<i>``, ``regel:<i>``, ``coalitie:<i>``,
      ``verwijder-regel:<i>:<j>``, ``verwijder-coalitie:<i>:<j>``: re-render with a part, usage line or
      sub-coalition more or less; nothing is stored until ``opslaan``;
    - ``importeren``: the separate JSON form fills the form (nothing is stored).
    """
    gemeenten = selectors.partners_for(actor, sv)
    codes = [c for c, _ in gemeenten]
    bewerk_naam = model is None
    actie = str(request.POST.get("actie") or "opslaan") if request.method == "POST" else ""
    importeer = JsonImportForm()
    gekozen = str(request.POST.get("voorbeeld-jaar") or "")
    voorbeeld = VoorbeeldForm(
        request.POST if actie == "voorbeeld" else None,
        prefix="voorbeeld",
        initial={
            "jaar": int(gekozen) if gekozen.isdigit() and len(gekozen) == 4 else _voorbeeldjaar(actor, sv),
            "grondslag": request.POST.get("voorbeeld-grondslag", ""),
        },
    )
    uitkomst = None
    status = 200

    def uit_configuratie(config: Any) -> Modelformulier:
        stand = modelstand.stand_uit_configuratie(
            config,
            codes,
            omschrijving=model.omschrijving if model else "",
            naam=model.naam if model else None,
        )
        return Modelformulier(stand=stand, gemeenten=gemeenten, naam_bewerkbaar=bewerk_naam)

    if not actie:
        formulier = uit_configuratie(model.configuratie if model else VOORBEELDMODEL)
    elif actie == "importeren":
        importeer = JsonImportForm(request.POST, request.FILES)
        formulier = uit_configuratie(model.configuratie if model else VOORBEELDMODEL)
        if importeer.is_valid():
            try:
                formulier = uit_configuratie(importeer.cleaned_data["configuratie"])
                messages.info(
                    request, "De JSON is in het formulier gezet. Controleer het en sla het concept op."
                )
            except InvalidInput as exc:
                for pad, berichten in exc.fields.items():
                    importeer.add_error(None, f"{pad}: {' '.join(berichten)}")
        if importeer.errors:
            status = 400
    else:
        formulier = Modelformulier(request.POST, gemeenten=gemeenten, naam_bewerkbaar=bewerk_naam)
        if actie.startswith(BEWERKACTIES):
            stand = modelformulier.toegevoegd(formulier.stand(), actie, codes)
            if stand is None:
                return refusal(request, InvalidInput(fields={"actie": [f"Onbekende knop '{actie[:40]}'."]}))
            formulier = Modelformulier(stand=stand, gemeenten=gemeenten, naam_bewerkbaar=bewerk_naam)
        elif actie == "voorbeeld":
            uitkomst = _voorbeeld(actor, sv, formulier, voorbeeld)
            status = 200 if uitkomst is not None else 400
        elif formulier.is_valid():
            config = formulier.configuratie()
            omschrijving = formulier.algemeen.cleaned_data.get("omschrijving", "")
            if model is None:
                call = lambda: services.draft_model(  # noqa: E731
                    actor=actor,
                    samenwerkingsverband=sv,
                    naam=formulier.algemeen.cleaned_data["naam"],
                    configuratie=config,
                    omschrijving=omschrijving,
                )
            else:
                call = lambda: services.change_model(  # noqa: E731
                    actor=actor,
                    verdeelmodel=model,
                    expected_version=parse_versie(request.POST.get("versie")),
                    configuratie=config,
                    omschrijving=omschrijving,
                )
            gedaan = run(request, call)  # a refusal's message on top, its status for the page
            if gedaan.error is not None:
                formulier.fouten_van(gedaan.error)
                status = page_status(request)
            elif gedaan.value is not None:
                if model is None:
                    messages.success(request, f"Verdeelmodel {gedaan.value.label} is als concept opgeslagen.")
                else:
                    messages.success(request, "Het concept is gewijzigd.")
                return redirect("financien:verdeelmodel", pk=gedaan.value.pk)
        else:
            status = 400
    context = {
        "sv": sv,
        "model": model,
        "formulier": formulier,
        "fouten": formulier.fouten(),
        "importeer": importeer,
        "voorbeeld": voorbeeld,
        "uitkomst": uitkomst,
        "uitleg": modelformulier.UITLEG,
        "soorten": modelformulier.SOORT_NAMEN,
    }
    return render(request, "financien/verdeelmodel_formulier.html", context, status=status)


def _bewerkbaar(request: HttpRequest, pk: int) -> tuple[Any, Any]:
    """The concept the actor may change; a vastgesteld model is refused with 409, another's with 403."""
    actor = actor_for(request.user)
    model = _get(selectors.verdeelmodellen_for(actor), pk)
    if "wijzigen" not in policy.toegestane_acties(actor, model):
        if policy.can(actor, "verdeelmodel.opstellen", model):
            raise Conflict(
                f"{model.label} is vastgesteld en kan niet meer worden gewijzigd; maak een nieuwe versie."
            )
        raise Forbidden("Alleen de controller van het samenwerkingsverband wijzigt een verdeelmodel.")
    if selectors.configuratie_for(actor, model) != model.configuratie:
        # the form would show (and keep) a joint assignment the actor may not open (ADR 0029)
        raise Forbidden(
            f"{model.label} noemt een gezamenlijke opdracht die u niet mag inzien; u kunt het niet in het "
            "formulier wijzigen."
        )
    return actor, model


# --- voorschotten (advances, ADR 0035) -------------------------------------------------------------------------
def _sv_of(request: HttpRequest, slug: str) -> Any:
    sv = selectors.verbanden_for(actor_for(request.user)).filter(slug=slug).first()
    if sv is None:
        raise Http404
    return sv


@login_required
@require_http_methods(["GET", "POST"])
def verdeelmodel_bewerken(request: HttpRequest, pk: int) -> HttpResponse:
    """The concept in the form (``_formulier_pagina``)."""
    try:
        actor, model = _bewerkbaar(request, pk)
    except SetaError as exc:
        return refusal(request, exc, back=reverse("financien:verdeelmodel", args=[pk]))
    return _formulier_pagina(request, actor, model.samenwerkingsverband, model)


@login_required
@require_http_methods(["GET", "POST"])
def voorschotten_overzicht(request: HttpRequest, slug: str) -> HttpResponse:
    """The schedules of a cooperation; the controller computes a year's advances here."""
    actor = actor_for(request.user)
    sv = _sv_of(request, slug)
    mag_berekenen = policy.can(actor, "voorschotschema.berekenen", sv)
    form = None
    if mag_berekenen:
        form = VoorschotForm(
            request.POST or None, initial={"jaar": timezone.localdate().year, "ritme": "kwartaal"}
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            uitkomst = run(
                request,
                lambda: voorschotten.calculate_schedule(
                    actor=actor,
                    samenwerkingsverband=sv,
                    jaar=data["jaar"],
                    ritme=data["ritme"],
                    vervaldag=data["vervaldag"],
                ),
                form=form,
                fallback="jaar",
            )
            if uitkomst.value is not None:
                messages.success(request, f"De voorschotten {uitkomst.value.jaar} zijn berekend (concept).")
                return redirect("financien:voorschotschema", pk=uitkomst.value.pk)
    elif request.method == "POST":
        raise PermissionDenied
    context = {
        "sv": sv,
        "schemas": voorschotten.schemas_for(actor).filter(samenwerkingsverband=sv),
        "form": form,
    }
    return render(request, "financien/voorschotten.html", context, status=page_status(request, form))


@login_required
def voorschotschema(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    schema = _get(voorschotten.schemas_for(actor), pk)
    tabel = voorschotten.table(actor, schema)
    formaat = request.GET.get("formaat")
    if formaat in ("xlsx", "csv"):
        inhoud, mime, naam = exports.schema_export(tabel, formaat)
        response = HttpResponse(inhoud, content_type=mime)
        response["Content-Disposition"] = f'attachment; filename="{naam}"'
        return response
    if formaat:
        raise InvalidInput(fields={"formaat": ["Kies xlsx of csv."]})
    acties = policy.toegestane_acties(actor, schema)
    context = {
        "schema": schema,
        "tabel": tabel,
        "acties": acties,
        "opnieuw_form": VoorschotForm(
            met_jaar=False, initial={"ritme": schema.ritme, "vervaldag": schema.vervaldag}
        )
        if "opnieuw" in acties
        else None,
    }
    return render(request, "financien/voorschotschema.html", context)


@login_required
@require_POST
def verdeelmodel_voorbeeld(request: HttpRequest, slug: str) -> HttpResponse:
    """The live preview (htmx): the form's unsaved configuration calculated for the chosen year, as a fragment.

    A POST only because the form is long; it WRITES NOTHING (``selectors.preview`` is a read). Answered 200
    also with errors (htmx swaps only 2xx answers): the fragment lists each error with a link to its field."""
    actor = actor_for(request.user)
    sv = selectors.verbanden_for(actor).filter(slug=slug).first()
    if sv is None:
        raise Http404
    policy.require(actor, "verdeelmodel.opstellen", sv, read_action="verdeelmodel.lezen")
    gemeenten = selectors.partners_for(actor, sv)
    bewerk_naam = "model-naam" in request.POST and request.POST.get("versie") is None
    formulier = Modelformulier(request.POST, gemeenten=gemeenten, naam_bewerkbaar=bewerk_naam)
    voorbeeld = VoorbeeldForm(request.POST, prefix="voorbeeld")
    uitkomst = _voorbeeld(actor, sv, formulier, voorbeeld)
    fouten = formulier.fouten() + [
        (voorbeeld[naam].id_for_label, str(voorbeeld[naam].label), " ".join(str(m) for m in b))
        for naam, b in voorbeeld.errors.items()
        if naam != "__all__"
    ]
    return render(
        request, "financien/_modelvoorbeeld.html", {"uitkomst": uitkomst, "fouten": fouten, "live": True}
    )


@login_required
@require_safe
def verdeelmodel_json(request: HttpRequest, pk: int) -> HttpResponse:
    """JSON downloaden: the configuration as the actor may see it (``selectors.configuratie_for``)."""
    actor = actor_for(request.user)
    model = _get(selectors.verdeelmodellen_for(actor), pk)
    inhoud = json.dumps(selectors.configuratie_for(actor, model), indent=2, ensure_ascii=False)
    response = HttpResponse(inhoud + "\n", content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="verdeelmodel-{model.pk}-versie-{model.volgnummer}.json"'
    )
    return response


@login_required
@require_POST
def voorschotschema_actie(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    schema = _get(voorschotten.schemas_for(actor), pk)
    terug = reverse("financien:voorschotschema", args=[schema.pk])
    actie = request.POST.get("actie")
    versie = parse_versie(request.POST.get("versie"))
    try:
        if actie == "opnieuw":
            form = VoorschotForm(request.POST, met_jaar=False)
            if not form.is_valid():
                return refusal(request, form_invalid(form), back=terug)
            voorschotten.recalculate_schedule(
                actor=actor,
                schema=schema,
                expected_version=versie,
                ritme=form.cleaned_data["ritme"],
                vervaldag=form.cleaned_data["vervaldag"],
            )
            messages.success(request, f"De voorschotten {schema.jaar} zijn opnieuw berekend.")
        elif actie == "vaststellen":
            voorschotten.adopt_schedule(actor=actor, schema=schema, expected_version=versie)
            messages.success(request, f"De voorschotten {schema.jaar} zijn vastgesteld.")
        elif actie == "verzenden":
            voorschotten.send_schedule(actor=actor, schema=schema, expected_version=versie)
            messages.success(request, f"De facturen van de voorschotten {schema.jaar} staan als verzonden.")
        else:
            raise InvalidInput(fields={"actie": ["Kies opnieuw, vaststellen of verzenden."]})
    except SetaError as exc:
        return refusal(request, exc, back=terug)
    return redirect(terug)
