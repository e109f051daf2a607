"""Pages of signalen (Dutch): the actor's signals (open first), one signal, and handling it.
Thin: parse the input, pick the actor, call a selector or the service (through ``seta.web.actions.run``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import F, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor, actor_for
from seta.core.errors import NotFound
from seta.signalen import selectors, services
from seta.signalen.forms import AfhandelForm
from seta.signalen.models import Signaal, Signaalsoort
from seta.web.actions import page_status, run, safe_next

PER_PAGINA = 25
STATUSSEN = [("open", "Open"), ("afgehandeld", "Afgehandeld"), ("alle", "Alle")]


def _signaal(actor: Actor, pk: int) -> Signaal:
    try:
        return selectors.signaal_for(actor, pk)
    except NotFound as exc:
        raise Http404 from exc


def _verwijzing(signaal: Signaal) -> str:
    """The record the signal is about: its own link (a path on this site), else its assignment's page."""
    if signaal.link.startswith("/") and not signaal.link.startswith("//"):
        return signaal.link
    if signaal.bestuursopdracht_id is not None:
        return reverse("opdrachten:detail", args=[signaal.bestuursopdracht_id])
    return ""


def _met_formulier(actor: Actor, signalen: Any, terug: str) -> list[Any]:
    """Each signal with its form "Afhandelen" when ``policy.toegestane_acties`` offers it (as the API)."""
    result = []
    for s in signalen:
        s.acties = policy.toegestane_acties(actor, s)
        s.verwijzing = _verwijzing(s)
        s.form = (
            AfhandelForm(prefix=f"s{s.pk}", initial={"terug": terug}) if "afhandelen" in s.acties else None
        )
        result.append(s)
    return result


def _gefilterd(request: HttpRequest, qs: QuerySet[Signaal]) -> tuple[QuerySet[Signaal], str, str]:
    status = request.GET.get("status", "alle")
    if status == "open":
        qs = qs.filter(afgehandeld_op__isnull=True)
    elif status == "afgehandeld":
        qs = qs.filter(afgehandeld_op__isnull=False)
    else:
        status = "alle"
    soort = request.GET.get("soort", "")
    if soort in Signaalsoort.values:
        qs = qs.filter(soort=soort)
    else:
        soort = ""
    return qs, status, soort


@login_required
def lijst(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    qs, status, soort = _gefilterd(request, selectors.signalen_for(actor))
    qs = qs.order_by(F("afgehandeld_op").asc(nulls_first=True), "-aangemaakt_op", "-pk")
    pagina = Paginator(qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    params = request.GET.copy()
    params.pop("pagina", None)
    pagina.object_list = _met_formulier(actor, pagina.object_list, request.get_full_path())
    return render(
        request,
        "signalen/lijst.html",
        {
            "pagina": pagina,
            "status": status,
            "statussen": STATUSSEN,
            "soort": soort,
            "soorten": Signaalsoort.choices,
            "querystring": params.urlencode(),
            "aantal_open": selectors.open_signalen_for(actor).count(),
            "heeft_signalen": policy.signalen.heeft_signalen(actor),
        },
    )


def _detail_pagina(
    request: HttpRequest, actor: Actor, signaal: Signaal, form: AfhandelForm | None = None
) -> HttpResponse:
    (weergave,) = _met_formulier(actor, [signaal], reverse("signalen:detail", args=[signaal.pk]))
    fout = ""
    if form is not None and weergave.form is not None:
        weergave.form = form  # the refused form, with its errors
    elif form is not None and form.errors:  # e.g. handled meanwhile: no form to show the reason on
        fout = " ".join(str(m) for berichten in form.errors.values() for m in berichten)
    return render(
        request,
        "signalen/detail.html",
        {"signaal": weergave, "fout": fout},
        status=page_status(request, form),
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    return _detail_pagina(request, actor, _signaal(actor, pk))


@login_required
@require_POST
def afhandelen(request: HttpRequest, pk: int) -> HttpResponse:
    """Handle the signal (``services.handel_af``); back to the page it was handled on."""
    actor = actor_for(request.user)
    signaal = _signaal(actor, pk)
    form = AfhandelForm(request.POST, prefix=f"s{signaal.pk}")
    if form.is_valid():
        data = form.cleaned_data
        uitkomst = run(
            request,
            lambda: services.handel_af(
                actor=actor, signaal=signaal, afhandeling=data.get("afhandeling") or ""
            ),
            form=form,
        )
        if uitkomst.ok:
            messages.success(request, f"Signaal afgehandeld: {signaal.titel}.")
            return redirect(
                safe_next(request, data.get("terug"), reverse("signalen:detail", args=[signaal.pk]))
            )
    return _detail_pagina(request, actor, signaal, form)
