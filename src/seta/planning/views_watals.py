"""Pages of the what-if (``/planning/wat-als/``: a form; the POST computes and shows the result on the same page,
saving nothing) and of a principal's own queue (``/planning/wachtrij/``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_safe

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor, actor_for
from seta.core.errors import Forbidden, NotFound
from seta.planning import selectors_watals as selectors
from seta.planning import services_watals as services
from seta.planning.forms_watals import CapaciteitForm, NieuweOpdrachtForm, OpdrachtWijzigingForm, SoortForm
from seta.planning.services_watals import CAPACITEIT, DEADLINE, NIEUWE_OPDRACHT, PRIORITEIT
from seta.web.actions import page_status, refusal, run

# The service names fields ``wijzigingen[0].<field>``; on the page they belong to the chosen kind's form.
HERNOEM: dict[str, dict[str, str]] = {
    NIEUWE_OPDRACHT: {
        f"wijzigingen[0].{v}": v
        for v in ("titel", "eenheid", "uren", "vroegste_start", "deadline", "gemeenten", "prioriteit")
    },
    PRIORITEIT: {"wijzigingen[0].opdracht": "opdracht", "wijzigingen[0].prioriteit": "prioriteit"},
    DEADLINE: {"wijzigingen[0].opdracht": "opdracht", "wijzigingen[0].deadline": "deadline"},
    CAPACITEIT: {
        f"wijzigingen[0].{v}": v for v in ("eenheid", "extra_uren_per_week", "extra_fte", "van", "tot")
    },
}


def _int(waarde: Any) -> int | None:
    try:
        return int(str(waarde))
    except (TypeError, ValueError):
        return None


def _wijziging(soort: str, d: dict[str, Any]) -> services.Wijziging:
    if soort == NIEUWE_OPDRACHT:
        return services.Wijziging(
            soort=soort,
            titel=d.get("titel") or "",
            eenheid=_int(d.get("eenheid")),
            uren=d.get("uren"),
            vroegste_start=d.get("vroegste_start"),
            deadline=d.get("deadline"),
            gemeenten=tuple(g for g in (_int(x) for x in d.get("gemeenten") or []) if g is not None),
            prioriteit=d.get("prioriteit") or "",
            wettelijk=bool(d.get("wettelijk")),
        )
    if soort in (PRIORITEIT, DEADLINE):
        return services.Wijziging(
            soort=soort,
            opdracht=_int(d.get("opdracht")),
            prioriteit=d.get("prioriteit") or "",
            deadline=d.get("deadline"),
        )
    extra_uren: Decimal | None = d.get("extra_uren_per_week")
    extra_fte: Decimal | None = d.get("extra_fte")
    van: dt.date | None = d.get("van")
    return services.Wijziging(
        soort=soort,
        eenheid=_int(d.get("eenheid")),
        extra_uren_per_week=extra_uren,
        extra_fte=extra_fte,
        van=van,
        tot=d.get("tot"),
    )


def _formulieren(
    actor: Actor, sv: Any, data: Any, initial: dict[str, dict[str, Any]]
) -> dict[str, forms.Form]:
    keuzes = selectors.keuzes(actor, sv)
    return {
        NIEUWE_OPDRACHT: NieuweOpdrachtForm(
            data,
            eenheden=keuzes.eenheden,
            gemeenten=keuzes.gemeenten,
            initial=initial.get(NIEUWE_OPDRACHT) or {"gemeenten": keuzes.eigen_gemeenten},
        ),
        "opdracht": OpdrachtWijzigingForm(
            data, opdrachten=keuzes.opdrachten, initial=initial.get("opdracht")
        ),
        CAPACITEIT: CapaciteitForm(data, eenheden=keuzes.eenheden, initial=initial.get(CAPACITEIT)),
    }


@login_required
@require_http_methods(["GET", "POST"])
def wat_als(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not policy.can(actor, "plan.wat_als", None):
        return refusal(
            request, Forbidden("Alleen de pool en de opdrachtgevers kunnen een wat-als uitproberen.")
        )
    verbanden = selectors.watals_verbanden_for(actor)
    if not verbanden:
        return refusal(request, NotFound("Er is geen samenwerkingsverband om een wat-als in te proberen."))
    bron = request.POST if request.method == "POST" else request.GET
    gekozen = next((sv for sv in verbanden if sv.slug == bron.get("samenwerkingsverband")), verbanden[0])
    initial: dict[str, dict[str, Any]] = {}
    soort_initial: dict[str, Any] = {"samenwerkingsverband": gekozen.slug, "soort": NIEUWE_OPDRACHT}
    voorstel = None
    if request.method == "GET" and (opdracht_pk := _int(request.GET.get("opdracht"))) is not None:
        voorstel = selectors.voorstel_uit_opdracht(actor, opdracht_pk)
        if voorstel is not None:
            gekozen = next((sv for sv in verbanden if sv.pk == voorstel.samenwerkingsverband_id), gekozen)
            soort_initial["samenwerkingsverband"] = gekozen.slug
            initial[NIEUWE_OPDRACHT] = voorstel.initial
    data = request.POST if request.method == "POST" else None
    soort_form = SoortForm(data, verbanden=[(sv.slug, sv.naam) for sv in verbanden], initial=soort_initial)
    formulieren = _formulieren(actor, gekozen, data, initial)
    uitkomst = None
    status_form: forms.Form | None = soort_form
    if request.method == "POST" and soort_form.is_valid():
        soort = soort_form.cleaned_data["soort"]
        form = formulieren["opdracht" if soort in (PRIORITEIT, DEADLINE) else soort]
        status_form = form
        if form.is_valid():
            wijziging = _wijziging(soort, form.cleaned_data)
            gedaan = run(
                request,
                lambda: services.wat_als(actor=actor, samenwerkingsverband=gekozen, wijzigingen=[wijziging]),
                form=form,
                rename=HERNOEM[soort],
            )
            uitkomst = gedaan.value
    return render(
        request,
        "planning/watals_pagina.html",
        {
            "soort_form": soort_form,
            "formulieren": formulieren,
            "sv": gekozen,
            "uitkomst": uitkomst,
            "voorstel": voorstel,
        },
        status=page_status(request, status_form),
    )


@login_required
@require_safe
def wachtrij(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    gemeenten = selectors.wachtrij_gemeenten_for(actor)
    if not gemeenten:
        return refusal(
            request,
            Forbidden("De wachtrij is er voor de gemeente: college, secretaris, beleidsregisseurs en raad."),
        )
    gevraagd = request.GET.get("gemeente")
    gemeente = gemeenten[0]
    if gevraagd:
        gemeente = next((g for g in gemeenten if str(g.pk) == gevraagd or g.slug == gevraagd), None)  # type: ignore[assignment]
        if gemeente is None:
            raise NotFound("Onbekende gemeente, of niet een van uw gemeenten.")
    rij = selectors.wachtrij(actor, gemeente)
    return render(
        request,
        "planning/watals_wachtrij.html",
        {
            "gemeenten": gemeenten,
            "gemeente": gemeente,
            "rij": rij,
            "can_wat_als": policy.can(actor, "plan.wat_als", None),
        },
    )


def _registreer_links() -> None:
    """Add the what-if and the queue to the planning index page (``views.PLANNING_LINKS``)."""
    from seta.planning import views as planning_views

    links = planning_views.PLANNING_LINKS
    if any(link[0] == "planning:wat-als" for link in links):
        return
    links += [
        (
            "planning:wachtrij",
            "Mijn wachtrij",
            "Waar de opdrachten van uw gemeente in het plan staan, waarom, en uw aandeel tegen uw recht.",
            lambda actor: policy.can(actor, "plan.wachtrij_lezen", None),
        ),
        (
            "planning:wat-als",
            "Wat als …?",
            "Probeer een nieuwe opdracht, een andere prioriteit of deadline, of extra capaciteit uit en zie wat "
            "er opschuift. Er wordt niets opgeslagen.",
            lambda actor: policy.can(actor, "plan.wat_als", None),
        ),
    ]


_registreer_links()
