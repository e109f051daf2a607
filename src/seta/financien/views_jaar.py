"""Web pages of the year's cycle: a year per cooperation (budget, adoption, tariffs, readiness), setting up
a new year, the budget form and the tariffs grid (docs/financien-jaar.md)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor, actor_for
from seta.core.bounds import JAAR_MAX, JAAR_MIN, parse_versie
from seta.core.errors import Conflict, SetaError
from seta.financien import invoer, selectors, services
from seta.financien import jaar as jaarcyclus
from seta.financien.forms import BegrotingForm, BesluitForm, JaarOpzettenForm, ScenarioForm
from seta.samenwerkingsverbanden.besluiten import bevoegd_orgaan, require_bevoegd
from seta.samenwerkingsverbanden.models import Besluitonderwerp, Samenwerkingsverband
from seta.web.actions import form_invalid, page_status, refusal, run


def _sv(actor: Actor, slug: str, jaar: int | None = None) -> Samenwerkingsverband:
    if jaar is not None and not JAAR_MIN <= jaar <= JAAR_MAX:
        raise Http404  # a year outside the house range is no page
    sv = selectors.verbanden_for(actor).filter(slug=slug).first()
    if sv is None:
        raise Http404
    return sv


def _begroting(actor: Actor, sv: Samenwerkingsverband, jaar: int) -> Any:
    return (
        selectors.begrotingen_for(actor)
        .filter(samenwerkingsverband=sv, jaar=jaar)
        .select_related("bestuursbesluit__vastgelegd_door")
        .prefetch_related("bijdragen__gemeente")
        .first()
    )


def _jaarpagina(sv: Samenwerkingsverband, jaar: int) -> str:
    return reverse("financien:jaar", args=[sv.slug, jaar])


@login_required
def jaar(request: HttpRequest, slug: str, jaar: int) -> HttpResponse:
    actor = actor_for(request.user)
    sv = _sv(actor, slug, jaar)
    begroting = _begroting(actor, sv, jaar)
    acties = policy.toegestane_acties(actor, begroting) if begroting else []
    orgaan = bevoegd_orgaan(sv, Besluitonderwerp.BEGROTING)
    context = {
        "sv": sv,
        "jaar": jaar,
        "begroting": begroting,
        "mag_wijzigen": "wijzigen" in acties,
        "vaststel_form": BesluitForm(orgaan=orgaan, wat=f"de begroting {jaar}")
        if "vaststellen" in acties
        else None,
        "tarieven": jaarcyclus.tariff_grid(actor, sv, jaar),
        "mag_tarieven": policy.can(actor, "tarief.wijzigen", sv),
        "punten": jaarcyclus.readiness(actor, sv, jaar),
        "scenarios": selectors.scenarios_for(actor).filter(samenwerkingsverband=sv, jaar=jaar),
        "scenario_form": ScenarioForm(modellen=_modellen(actor, sv), initial={"naam": f"Verdeling {jaar}"})
        if policy.can(actor, "scenario.opstellen", sv)
        else None,
    }
    return render(request, "financien/jaar.html", context)


def _modellen(actor: Actor, sv: Samenwerkingsverband) -> Any:
    return (
        selectors.verdeelmodellen_for(actor).filter(samenwerkingsverband=sv).order_by("naam", "-volgnummer")
    )


@login_required
@require_POST
def scenario_maken(request: HttpRequest, slug: str, jaar: int) -> HttpResponse:
    """The controller compares models on the year and calculates the comparison at once."""
    actor = actor_for(request.user)
    sv = _sv(actor, slug, jaar)
    terug = _jaarpagina(sv, jaar)
    form = ScenarioForm(request.POST, modellen=_modellen(actor, sv))
    try:
        policy.require(actor, "scenario.opstellen", sv, read_action="scenario.lezen")
        if not form.is_valid():
            raise form_invalid(form)
        gekozen = [int(pk) for pk in request.POST.getlist("verdeelmodellen")]
        modellen = sorted(form.cleaned_data["verdeelmodellen"], key=lambda m: gekozen.index(m.pk))
        scenario = services.create_scenario(
            actor=actor,
            samenwerkingsverband=sv,
            naam=form.cleaned_data["naam"],
            jaar=jaar,
            verdeelmodellen=modellen,
            referentiemodel=modellen[0],
            grondslag=form.cleaned_data["grondslag"],
        )
        services.calculate_scenario(actor=actor, scenario=scenario)
    except SetaError as exc:
        return refusal(request, exc, back=terug)
    messages.success(request, f"Scenario {scenario.naam} is berekend.")
    return redirect("financien:scenario", pk=scenario.pk)


@login_required
@require_POST
def jaar_opzetten(request: HttpRequest, slug: str) -> HttpResponse:
    actor = actor_for(request.user)
    sv = _sv(actor, slug)
    terug = f"{reverse('financien:overzicht')}?samenwerkingsverband={sv.slug}"
    form = JaarOpzettenForm(request.POST)
    if not form.is_valid():
        return refusal(request, form_invalid(form), back=terug)
    try:
        begroting = jaarcyclus.prepare_year(actor=actor, samenwerkingsverband=sv, **form.cleaned_data)
    except SetaError as exc:
        return refusal(request, exc, back=terug)
    messages.success(
        request, f"Het jaar {begroting.jaar} is opgezet als concept; controleer de tarieven en de begroting."
    )
    return redirect(_jaarpagina(sv, begroting.jaar))


@login_required
@require_POST
def begroting_vaststellen(request: HttpRequest, slug: str, jaar: int) -> HttpResponse:
    actor = actor_for(request.user)
    sv = _sv(actor, slug, jaar)
    begroting = _begroting(actor, sv, jaar)
    if begroting is None:
        raise Http404
    terug = _jaarpagina(sv, jaar)
    form = BesluitForm(request.POST)
    try:
        require_bevoegd(  # a refusal first, then the form's errors
            actor,
            "begroting.vaststellen",
            begroting,
            samenwerkingsverband=sv,
            onderwerp=Besluitonderwerp.BEGROTING,
            read_action="begroting.lezen",
        )
        if not form.is_valid():
            raise form_invalid(form, "Vul het besluit in en bevestig het.")
        jaarcyclus.adopt_budget(
            actor=actor,
            begroting=begroting,
            besluit=form.besluit(),
            expected_version=parse_versie(request.POST.get("versie")),
        )
    except SetaError as exc:
        return refusal(request, exc, back=terug)
    messages.success(request, f"De begroting {jaar} is vastgesteld.")
    return redirect(terug)


def _bijdrage_initial(begroting: Any) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    if begroting is None:
        return initial
    initial.update(
        personeel=begroting.personeel,
        materieel=begroting.materieel,
        overhead=begroting.overhead,
        toelichting=begroting.toelichting,
    )
    for b in begroting.bijdragen.all():
        initial[f"inbreng_{b.gemeente_id}"] = b.inbreng
        initial[f"voorschot_{b.gemeente_id}"] = b.voorschot
        initial[f"vorige_bijdrage_{b.gemeente_id}"] = b.vorige_bijdrage
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def begroting_form(request: HttpRequest, slug: str, jaar: int) -> HttpResponse:
    actor = actor_for(request.user)
    sv = _sv(actor, slug, jaar)
    begroting = _begroting(actor, sv, jaar)
    if not policy.can(actor, "begroting.wijzigen", sv):
        raise PermissionDenied
    if begroting is not None and begroting.is_vastgesteld:
        return refusal(
            request,
            Conflict(f"De begroting {jaar} is vastgesteld en kan niet meer worden gewijzigd."),
            back=_jaarpagina(sv, jaar),
        )
    partners = invoer.partners_in_year(sv, jaar)
    form = BegrotingForm(request.POST or None, partners=partners, initial=_bijdrage_initial(begroting))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        bijdragen = [
            services.Bijdrageinvoer(
                g,
                data.get(f"inbreng_{g.pk}"),
                data.get(f"voorschot_{g.pk}"),
                data.get(f"vorige_bijdrage_{g.pk}"),
            )
            for g in partners
        ]
        uitkomst = run(
            request,
            lambda: services.save_budget(
                actor=actor,
                samenwerkingsverband=sv,
                jaar=jaar,
                personeel=data["personeel"],
                materieel=data["materieel"],
                overhead=data["overhead"],
                toelichting=data["toelichting"],
                bijdragen=bijdragen,
                expected_version=parse_versie(request.POST.get("versie")) if begroting else None,
            ),
            form=form,
            rename={
                f"bijdragen[{i}].{bron}": f"{doel}_{g.pk}"
                for i, g in enumerate(partners)
                for bron, doel in (
                    ("inbreng", "inbreng"),
                    ("voorschot", "voorschot"),
                    ("vorigeBijdrage", "vorige_bijdrage"),
                )
            },
        )
        if uitkomst.ok:
            messages.success(request, f"De begroting {jaar} is opgeslagen.")
            return redirect(_jaarpagina(sv, jaar))
    context = {"sv": sv, "jaar": jaar, "begroting": begroting, "form": form}
    return render(request, "financien/begroting_form.html", context, status=page_status(request, form))


@login_required
@require_http_methods(["GET", "POST"])
def tarieven(request: HttpRequest, slug: str, jaar: int) -> HttpResponse:
    actor = actor_for(request.user)
    sv = _sv(actor, slug, jaar)
    fouten: dict[str, list[str]] = {}
    waarden: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        cellen = jaarcyclus.tariff_grid(actor, sv, jaar)
        waarden = {c.sleutel: request.POST.get(c.sleutel, "") for c in cellen}
        try:
            aantal = jaarcyclus.save_tariffs(
                actor=actor, samenwerkingsverband=sv, jaar=jaar, tarieven=waarden
            )
        except SetaError as exc:
            if not hasattr(exc, "fields"):
                return refusal(request, exc, back=_jaarpagina(sv, jaar))
            fouten, status = exc.fields, exc.status
            messages.error(request, exc.detail)
        else:
            messages.success(request, f"{aantal} uurtarie{'f' if aantal == 1 else 'ven'} {jaar} opgeslagen.")
            return redirect(_jaarpagina(sv, jaar))
    cellen = jaarcyclus.tariff_grid(actor, sv, jaar)
    rijen = [
        {
            "cel": c,
            "waarde": waarden.get(c.sleutel, "" if c.uurtarief is None else f"{c.uurtarief:.2f}"),
            "fouten": fouten.get(c.sleutel, []),
        }
        for c in cellen
    ]
    context = {
        "sv": sv,
        "jaar": jaar,
        "rijen": rijen,
        "fouten": fouten,
        "mag_wijzigen": policy.can(actor, "tarief.wijzigen", sv),
    }
    return render(request, "financien/tarieven.html", context, status=status)
