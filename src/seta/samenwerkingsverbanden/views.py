"""Web pages: the list of cooperations, one cooperation (partners, governance, scope timeline) and the
forms the dagelijks bestuur uses to add a partner or bring a taakgebied into the pool."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor, actor_for
from seta.core.errors import SetaError
from seta.gemeenten import selectors as gemeente_selectors
from seta.gemeenten.models import Functie
from seta.organisatie import selectors as organisatie_selectors
from seta.samenwerkingsverbanden import selectors, services
from seta.samenwerkingsverbanden.forms import DeelnemerForm, InbrengForm
from seta.samenwerkingsverbanden.models import Samenwerkingsverband
from seta.web.actions import page_status
from seta.web.forms import apply_errors

GEEN_TOEGANG = "Alleen de leden van het dagelijks bestuur (en de beheerder) wijzigen deelnemers en scope."


@login_required
def lijst(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    verbanden = (
        selectors.samenwerkingsverbanden_for(actor)
        .select_related("gastheergemeente")
        .prefetch_related("deelnemers__gemeente")
        .order_by("naam")
    )
    return render(request, "samenwerkingsverbanden/lijst.html", {"verbanden": verbanden})


def _sv(actor: Actor, slug: str) -> Samenwerkingsverband:
    sv = selectors.samenwerkingsverband_by_slug(actor, slug)
    if sv is None:
        raise Http404("Samenwerkingsverband niet gevonden")
    return sv


def _peildatum(request: HttpRequest, sv: Samenwerkingsverband) -> tuple[dt.date, str]:
    tekst = request.GET.get("peildatum", "").strip()
    if tekst:
        try:
            return dt.date.fromisoformat(tekst), ""
        except ValueError:
            return selectors.peildatum_van(
                sv
            ), f"'{tekst}' is geen datum (JJJJ-MM-DD); de scope van vandaag wordt getoond."
    return selectors.peildatum_van(sv), ""


@login_required
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    actor = actor_for(request.user)
    sv = _sv(actor, slug)
    vandaag = timezone.localdate()
    peildatum, peildatum_fout = _peildatum(request, sv)
    bestuursdatum = selectors.peildatum_van(sv, vandaag)
    deelnemers = (
        selectors.deelnemers_for(actor)
        .filter(samenwerkingsverband=sv)
        .order_by("toetredingsdatum", "gemeente__naam")
    )
    scope = selectors.op_datum(
        selectors.inbreng_for(actor).filter(deelnemer__samenwerkingsverband=sv), peildatum
    ).order_by("taakgebied__volgorde", "deelnemer__gemeente__naam")
    scope_per_taakgebied: dict[str, list[str]] = {}
    for i in scope:
        scope_per_taakgebied.setdefault(i.taakgebied.naam, []).append(i.deelnemer.gemeente.naam)
    directie = organisatie_selectors.directie_for(actor, sv)
    partner_ids = [d.gemeente_id for d in sv.deelnemers_op(bestuursdatum)]
    secretarissen = list(
        gemeente_selectors.functionarissen_for(actor)
        .filter(gemeente_id__in=partner_ids, functie=Functie.GEMEENTESECRETARIS)
        .actief(bestuursdatum)
        .order_by("gemeente__naam")
    )
    bronnen = sorted(
        {(d.gemeente.bron, d.gemeente.peildatum_inwoners) for d in deelnemers}, key=lambda b: b[1]
    )
    return render(
        request,
        "samenwerkingsverbanden/detail.html",
        {
            "sv": sv,
            "deelnemers": deelnemers,
            "bronnen": bronnen,
            "bestuur": selectors.bestuur_of(actor, sv, bestuursdatum),
            "bevoegdheden": selectors.besluitbevoegdheden_for(actor, sv),
            "bestuursdatum": bestuursdatum,
            "directie": directie,
            "secretarissen": secretarissen,
            "tijdlijn": selectors.tijdlijn_of(actor, sv, vandaag=vandaag),
            "peildatum": peildatum,
            "peildatum_fout": peildatum_fout,
            "scope_per_taakgebied": scope_per_taakgebied,
            "mag_wijzigen": policy.can(actor, "samenwerkingsverband.wijzigen", sv),
            "vandaag": vandaag,
        },
    )


def _geen_toegang(request: HttpRequest) -> HttpResponse:
    return render(
        request, "web/error.html", {"titel": "Geen toestemming", "uitleg": GEEN_TOEGANG}, status=403
    )


@login_required
@require_http_methods(["GET", "POST"])
def deelnemer_toevoegen(request: HttpRequest, slug: str) -> HttpResponse:
    actor = actor_for(request.user)
    sv = _sv(actor, slug)
    if not policy.can(actor, "samenwerkingsverband.wijzigen", sv):
        return _geen_toegang(request)
    gemeenten = gemeente_selectors.gemeenten_for(actor).filter(opgeheven_op__isnull=True).order_by("naam")
    form = DeelnemerForm(request.POST or None, gemeenten=gemeenten)
    if request.method == "POST" and form.is_valid():
        try:
            deelnemer = services.add_deelnemer(actor=actor, samenwerkingsverband=sv, **form.cleaned_data)
        except SetaError as exc:
            apply_errors(form, exc)
        else:
            overgenomen = deelnemer.inbreng.count()
            messages.success(
                request,
                f"{deelnemer.gemeente} treedt toe per {deelnemer.toetredingsdatum:%d-%m-%Y} en neemt de bestaande "
                f"afspraken over ({overgenomen} taakgebied{'en' if overgenomen != 1 else ''}).",
            )
            return redirect("samenwerkingsverbanden:detail", slug=sv.slug)
    return render(
        request,
        "samenwerkingsverbanden/deelnemer_form.html",
        {"sv": sv, "form": form},
        status=page_status(request, form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def inbreng_toevoegen(request: HttpRequest, slug: str) -> HttpResponse:
    actor = actor_for(request.user)
    sv = _sv(actor, slug)
    if not policy.can(actor, "samenwerkingsverband.wijzigen", sv):
        return _geen_toegang(request)
    deelnemers = (
        selectors.deelnemers_for(actor)
        .filter(samenwerkingsverband=sv, uittredingsdatum__isnull=True)
        .order_by("gemeente__naam")
    )
    form = InbrengForm(
        request.POST or None,
        deelnemers=deelnemers,
        taakgebieden=selectors.taakgebieden_for(actor).order_by("volgorde"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            inbreng = services.bring_in_taakgebied(actor=actor, **form.cleaned_data)
        except SetaError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                f"{inbreng.deelnemer.gemeente} brengt {inbreng.taakgebied} in per {inbreng.vanaf:%d-%m-%Y}.",
            )
            return redirect("samenwerkingsverbanden:detail", slug=sv.slug)
    return render(
        request,
        "samenwerkingsverbanden/inbreng_form.html",
        {"sv": sv, "form": form},
        status=page_status(request, form),
    )
