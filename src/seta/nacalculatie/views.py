"""Pages of the nacalculatie: booking and correcting external costs, and the exports (the section on the
assignment page is ``_sectie.html``, filled by ``selectors.sectie_for``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from seta.autorisaties import policy
from seta.autorisaties.actor import actor_for
from seta.core.errors import NotFound
from seta.nacalculatie import exports, selectors, services
from seta.nacalculatie.forms import KostenpostForm, VerwijderForm
from seta.opdrachten.models import Bestuursopdracht
from seta.web.actions import form_invalid, page_status, refusal, run


def _terug(opdracht_id: int) -> str:
    return reverse("opdrachten:detail", args=[opdracht_id]) + "#h-nacalculatie"


def _formulier(
    request: HttpRequest, form: KostenpostForm, opdracht: Bestuursopdracht, titel: str, knop: str
) -> HttpResponse:
    return render(
        request,
        "nacalculatie/kostenpost_form.html",
        {"form": form, "opdracht": opdracht, "titel": titel, "knop": knop, "terug": _terug(opdracht.pk)},
        status=page_status(request, form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def boeken(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    opdracht = selectors.opdracht_for(actor, pk)
    policy.require(actor, "kostenpost.boeken", opdracht)
    form = KostenpostForm(request.POST or None, prefix="kp")
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        uitkomst = run(
            request,
            lambda: services.boek_kosten(
                actor=actor,
                opdracht=opdracht,
                datum=d["datum"],
                bedrag=d["bedrag"],
                omschrijving=d["omschrijving"],
                leverancier=d.get("leverancier") or "",
                factuurnummer=d.get("factuurnummer") or "",
            ),
            form=form,
        )
        if uitkomst.ok:
            messages.success(request, "De kosten zijn geboekt.")
            return redirect(_terug(opdracht.pk))
    return _formulier(request, form, opdracht, f"Kosten boeken: {opdracht.nummer}", "Kosten boeken")


@login_required
@require_http_methods(["GET", "POST"])
def wijzigen(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    post = selectors.kostenpost_for(actor, pk)
    policy.require(actor, "kostenpost.wijzigen", post)
    initial = {
        "datum": post.datum,
        "bedrag": post.bedrag,
        "omschrijving": post.omschrijving,
        "leverancier": post.leverancier,
        "factuurnummer": post.factuurnummer,
        "versie": post.versie,
    }
    form = KostenpostForm(request.POST or None, initial=initial, prefix="kp")
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        uitkomst = run(
            request,
            lambda: services.wijzig_kosten(
                actor=actor,
                kostenpost=post,
                expected_version=d.get("versie"),
                datum=d["datum"],
                bedrag=d["bedrag"],
                omschrijving=d["omschrijving"],
                leverancier=d.get("leverancier") or "",
                factuurnummer=d.get("factuurnummer") or "",
            ),
            form=form,
        )
        if uitkomst.ok:
            messages.success(request, "De kostenpost is gewijzigd.")
            return redirect(_terug(post.bestuursopdracht_id))
    return _formulier(
        request, form, post.bestuursopdracht, f"Kostenpost wijzigen: {post.omschrijving}", "Opslaan"
    )


@login_required
@require_POST
def verwijderen(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    post = selectors.kostenpost_for(actor, pk)
    form = VerwijderForm(request.POST)
    terug = _terug(post.bestuursopdracht_id)
    if not form.is_valid():
        return refusal(request, form_invalid(form), back=terug)
    uitkomst = run(
        request,
        lambda: services.verwijder_kosten(
            actor=actor, kostenpost=post, expected_version=form.cleaned_data.get("versie")
        ),
    )
    if not uitkomst.ok and uitkomst.error is not None:
        return refusal(request, uitkomst.error, back=terug)
    messages.success(request, "De kostenpost is verwijderd.")
    return redirect(terug)


@login_required
def export(request: HttpRequest, pk: int, formaat: str) -> HttpResponse:
    if formaat not in exports.MIME:
        raise NotFound()
    actor = actor_for(request.user)
    opdracht = selectors.opdracht_for(actor, pk)
    inhoud, mime, naam = exports.export(selectors.nacalculatie_for(actor, opdracht), formaat)
    response = HttpResponse(inhoud, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response
