"""Web pages: the list of gemeenten, one gemeente with its bestuur, and forms for functionarissen."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from seta.autorisaties import policy
from seta.autorisaties.actor import actor_for
from seta.core.errors import SetaError
from seta.gemeenten import selectors, services
from seta.gemeenten.forms import BeeindigenForm, FunctionarisForm
from seta.gemeenten.models import Gemeente
from seta.samenwerkingsverbanden import selectors as sv_selectors
from seta.web.actions import page_status
from seta.web.forms import apply_errors

PER_PAGINA = 50


@login_required
def lijst(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    qs = selectors.gemeenten_for(actor).select_related("opgegaan_in").order_by("naam")
    zoek = request.GET.get("zoek", "").strip()
    provincie = request.GET.get("provincie", "").strip()
    status = request.GET.get("status", "bestaand")
    if zoek:
        qs = qs.filter(naam__icontains=zoek) | qs.filter(cbs_code__iexact=zoek)
    if provincie:
        qs = qs.filter(provincie=provincie)
    if status == "bestaand":
        qs = qs.filter(opgeheven_op__isnull=True)
    elif status == "opgeheven":
        qs = qs.filter(opgeheven_op__isnull=False)
    pagina = Paginator(qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    params = request.GET.copy()
    params.pop("pagina", None)
    return render(
        request,
        "gemeenten/lijst.html",
        {
            "pagina": pagina,
            "zoek": zoek,
            "provincie": provincie,
            "status": status,
            "provincies": selectors.provincies(),
            "bronnen": selectors.bronnen(qs),
            "querystring": params.urlencode(),
        },
    )


GEEN_TOESTEMMING = "Alleen de griffier en de gemeentesecretaris van deze gemeente houden de samenstelling van raad en college bij."


def _geen_toestemming(request: HttpRequest) -> HttpResponse:
    return render(
        request, "web/error.html", {"titel": "Geen toestemming", "uitleg": GEEN_TOESTEMMING}, status=403
    )


def _gemeente(request: HttpRequest, slug: str) -> Gemeente:
    gemeente = selectors.gemeente_by_slug(actor_for(request.user), slug)
    if gemeente is None:
        raise Http404("Gemeente niet gevonden")
    return gemeente


@login_required
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    actor = actor_for(request.user)
    gemeente = _gemeente(request, slug)
    vandaag = timezone.localdate()
    deelnames = (
        sv_selectors.deelnemers_for(actor)
        .filter(gemeente=gemeente)
        .order_by("toetredingsdatum", "samenwerkingsverband__naam")
    )
    return render(
        request,
        "gemeenten/detail.html",
        {
            "gemeente": gemeente,
            "bestuur": selectors.bestuur_of(actor, gemeente, vandaag),
            "oud": selectors.oud_functionarissen(actor, gemeente, vandaag)[:20],
            "deelnames": deelnames,
            "opgegaan": selectors.gemeenten_for(actor).filter(opgegaan_in=gemeente).order_by("naam"),
            "mag_wijzigen": policy.can(actor, "gemeente.bestuur_wijzigen", gemeente),
            "vandaag": vandaag,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def functionaris_toevoegen(request: HttpRequest, slug: str) -> HttpResponse:
    actor = actor_for(request.user)
    gemeente = _gemeente(request, slug)
    if not policy.can(actor, "gemeente.bestuur_wijzigen", gemeente):
        return _geen_toestemming(request)
    form = FunctionarisForm(request.POST or None, gemeente=gemeente)
    if request.method == "POST" and form.is_valid():
        try:
            functionaris = services.add_functionaris(actor=actor, gemeente=gemeente, **form.cleaned_data)
        except SetaError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                f"{functionaris.naam} is toegevoegd als {functionaris.get_functie_display().lower()}.",
            )
            return redirect("gemeenten:detail", slug=gemeente.slug)
    return render(
        request,
        "gemeenten/functionaris_form.html",
        {"gemeente": gemeente, "form": form},
        status=page_status(request, form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def functionaris_beeindigen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    gemeente = _gemeente(request, slug)
    functionaris = selectors.functionarissen_for(actor).filter(gemeente=gemeente, pk=pk).first()
    if functionaris is None:
        raise Http404("Functionaris niet gevonden")
    if not policy.can(actor, "gemeente.bestuur_wijzigen", gemeente):
        return _geen_toestemming(request)
    form = BeeindigenForm(
        request.POST or None, initial={"versie": functionaris.versie, "einddatum": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.end_functionaris(
                actor=actor,
                functionaris=functionaris,
                einddatum=form.cleaned_data["einddatum"],
                expected_version=form.cleaned_data.get("versie"),
            )
        except SetaError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"De functie van {functionaris.naam} is beëindigd.")
            return redirect("gemeenten:detail", slug=gemeente.slug)
    return render(
        request,
        "gemeenten/functionaris_beeindigen.html",
        {"gemeente": gemeente, "functionaris": functionaris, "form": form},
        status=page_status(request, form),
    )
