"""Web pages of planning: the index, the board's planning rules (list, version, forms, adoption, new version),
the absences (list, form, delete with confirmation) and the capacity table (units × weeks).

``PLANNING_LINKS`` is the index page's list of subpages; the plan's and the what-if's view modules append their
own entries (``(url_name, label, description, visible(actor))``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor, actor_for
from seta.core.errors import Conflict, Forbidden, SetaError
from seta.organisatie import selectors as organisatie_selectors
from seta.planning import lifecycle, selectors, services
from seta.planning.forms import (
    RENAME,
    AfwezigheidForm,
    BesluitForm,
    NieuweRegelsForm,
    PeriodeForm,
    RegelsForm,
    VersieForm,
)
from seta.planning.kern import capaciteit as kern
from seta.planning.models import Afwezigheid, Planningsregels
from seta.samenwerkingsverbanden import selectors as sv_selectors
from seta.samenwerkingsverbanden.besluiten import bevoegd_orgaan
from seta.samenwerkingsverbanden.models import Besluitonderwerp, Bestuursorgaan
from seta.web.actions import form_invalid, page_status, refusal, run

ACTIE_VAN_URL = {lifecycle.url_deel(a): a for a in lifecycle.ACTIES if a != lifecycle.WIJZIGEN}


def _regels_lezen(actor: Actor) -> bool:
    return policy.can(actor, "planningsregels.lezen", None)


def _afwezigheid_lezen(actor: Actor) -> bool:
    return policy.can(actor, "afwezigheid.lezen", None)


def _capaciteit_lezen(actor: Actor) -> bool:
    return policy.can(actor, "capaciteit.lezen", None)


#: The index page's subpages: (url name, label, description, visible for the actor). Other modules append.
PLANNING_LINKS: list[tuple[str, str, str, Callable[[Actor], bool]]] = [
    (
        "planning:regels_lijst",
        "Planningsregels",
        "De regels van het bestuur: grondslag van de eerlijke verdeling, prioriteiten, meetperiode.",
        _regels_lezen,
    ),
    (
        "planning:capaciteit",
        "Capaciteit",
        "Per eenheid en week: contracturen, afwezigheid, netto, regulier werk en ruimte voor opdrachten.",
        _capaciteit_lezen,
    ),
    (
        "planning:afwezigheden",
        "Afwezigheden",
        "Afwezigheid boven het gewone patroon (ouderschapsverlof, langdurige ziekte, detachering).",
        _afwezigheid_lezen,
    ),
]


def ziet_planning(actor: Actor) -> bool:
    """The menu entry "Planning": anyone who may read rules or capacity."""
    return _regels_lezen(actor) or _capaciteit_lezen(actor)


@login_required
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    links = []
    for url_name, label, beschrijving, zichtbaar in PLANNING_LINKS:
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        if zichtbaar(actor):
            links.append({"url": url, "label": label, "beschrijving": beschrijving})
    return render(request, "planning/index.html", {"links": links})


# --- helpers ------------------------------------------------------------------------------------------------------
def _verbanden(actor: Actor, *, extra: str | None = None) -> list[Any]:
    """The cooperations whose rules the actor reads (or may draft)."""
    leesbaar = {
        sv
        for sv in sv_selectors.samenwerkingsverbanden_for(actor).order_by("naam")
        if policy.can(actor, "planningsregels.lezen", sv) or (extra and policy.can(actor, extra, sv))
    }
    return sorted(leesbaar, key=lambda v: v.naam)


def _kies(verbanden: list[Any], slug: str | None) -> Any:
    return next((v for v in verbanden if v.slug == slug), verbanden[0] if verbanden else None)


def _regels(actor: Actor, pk: int) -> Planningsregels:
    regels = selectors.regels_for(actor, pk)
    if regels is None:
        raise Http404
    return regels


def _weigering(regels: Planningsregels, actie: str) -> SetaError:
    if actie == lifecycle.WIJZIGEN and regels.status != lifecycle.CONCEPT:
        return Conflict(
            f"{regels} zijn {lifecycle.STATUS_LABELS[regels.status].lower()}: vastgestelde regels wijzigen niet. "
            "Stel een nieuwe versie op en laat die vaststellen."
        )
    if actie not in lifecycle.acties_vanuit(regels.status):
        return Conflict(f"'{lifecycle.ACTIE_LABELS.get(actie, actie)}' past niet bij de status van {regels}.")
    if actie == lifecycle.VASTSTELLEN:
        orgaan = bevoegd_orgaan(regels.samenwerkingsverband, Besluitonderwerp.PLANNINGSREGELS)
        return Forbidden(
            f"Alleen een lid van het {Bestuursorgaan(orgaan).label.lower()} stelt {regels} vast."
        )
    return Forbidden()


# --- rules --------------------------------------------------------------------------------------------------------
@login_required
@require_safe
def regels_lijst(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    verbanden = _verbanden(actor, extra="planningsregels.aanmaken")
    sv = _kies(verbanden, request.GET.get("samenwerkingsverband"))
    rijen = (
        list(
            selectors.planningsregels_for(actor)
            .filter(samenwerkingsverband=sv)
            .order_by("-jaar", "-volgnummer")
        )
        if sv
        else []
    )
    return render(
        request,
        "planning/regels_lijst.html",
        {
            "verbanden": verbanden,
            "sv": sv,
            "rijen": rijen,
            "mag_aanmaken": sv is not None and policy.can(actor, "planningsregels.aanmaken", sv),
        },
    )


def _besluit_form(regels: Planningsregels, data: Any = None) -> BesluitForm:
    return BesluitForm(
        data,
        orgaan=bevoegd_orgaan(regels.samenwerkingsverband, Besluitonderwerp.PLANNINGSREGELS),
        initial={"versie": regels.versie},
        prefix=lifecycle.VASTSTELLEN,
    )


def _knoppen(actor: Actor, regels: Planningsregels, formulieren: dict[str, Any] | None = None) -> list[Any]:
    formulieren = formulieren or {}
    knoppen = []
    for actie in policy.toegestane_acties(actor, regels):
        if actie == lifecycle.WIJZIGEN:
            continue
        form = formulieren.get(actie) or (
            _besluit_form(regels)
            if actie in lifecycle.MET_BESLUIT
            else VersieForm(initial={"versie": regels.versie}, prefix=actie)
        )
        knoppen.append(
            {
                "actie": actie,
                "url": reverse("planning:regels_actie", args=[regels.pk, lifecycle.url_deel(actie)]),
                "label": lifecycle.ACTIE_LABELS[actie],
                "form": form,
                "met_besluit": actie in lifecycle.MET_BESLUIT,
            }
        )
    return knoppen


def _detail_context(actor: Actor, regels: Planningsregels, formulieren: dict[str, Any] | None = None) -> Any:
    jaar = regels.jaar
    gewichten, basis = selectors.gewichten(regels.samenwerkingsverband, regels, jaar)
    namen = {
        d.gemeente_id: d.gemeente.naam
        for d in sv_selectors.deelnemers_for(actor).filter(samenwerkingsverband=regels.samenwerkingsverband)
    }
    return {
        "regels": regels,
        "status_label": lifecycle.STATUS_LABELS[regels.status],
        "mag_wijzigen": lifecycle.WIJZIGEN in policy.toegestane_acties(actor, regels),
        "knoppen": _knoppen(actor, regels, formulieren),
        "historie": selectors.historie_for(actor, regels),
        "opvolgers": list(regels.opvolgers.all().order_by("volgnummer")),
        "gewichten": [(namen.get(pk, str(pk)), pct) for pk, pct in kern.procenten(gewichten)],
        "gewichten_basis": basis,
        "netto_factor": kern.netto_factor(
            float(regels.uren_per_fte_week), float(regels.productieve_uren_per_fte_jaar)
        ),
    }


@login_required
@require_safe
def regels_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    regels = _regels(actor, pk)
    return render(request, "planning/regels_detail.html", _detail_context(actor, regels))


@login_required
@require_http_methods(["GET", "POST"])
def regels_nieuw(request: HttpRequest, slug: str) -> HttpResponse:
    actor = actor_for(request.user)
    sv = sv_selectors.samenwerkingsverband_by_slug(actor, slug)
    if sv is None:
        raise Http404
    if not policy.can(actor, "planningsregels.aanmaken", sv):
        return refusal(request, Forbidden(), back=reverse("planning:regels_lijst"))
    standaard = Planningsregels()
    initial = RegelsForm.initial_van(standaard) | {"jaar": timezone.localdate().year + 1}
    form = NieuweRegelsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        velden = form.velden()
        jaar = velden.pop("jaar")
        uitkomst = run(
            request,
            lambda: services.stel_regels_op(actor=actor, samenwerkingsverband=sv, jaar=jaar, **velden),
            form=form,
            rename=RENAME,
        )
        if uitkomst.ok and uitkomst.value is not None:
            return redirect("planning:regels_detail", uitkomst.value.pk)
    return render(
        request,
        "planning/regels_form.html",
        {"form": form, "sv": sv, "regels": None},
        status=page_status(request, form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def regels_wijzigen(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    regels = _regels(actor, pk)
    terug = reverse("planning:regels_detail", args=[regels.pk])
    if lifecycle.WIJZIGEN not in policy.toegestane_acties(actor, regels):
        return refusal(request, _weigering(regels, lifecycle.WIJZIGEN), back=terug)
    form = RegelsForm(request.POST or None, initial=RegelsForm.initial_van(regels))
    if request.method == "POST" and form.is_valid():
        versie = form.cleaned_data.get("versie")
        uitkomst = run(
            request,
            lambda: services.wijzig_regels(
                actor=actor, regels=regels, expected_version=versie, **form.velden()
            ),
            form=form,
            rename=RENAME,
        )
        if uitkomst.ok:
            return redirect(terug)
    return render(
        request,
        "planning/regels_form.html",
        {"form": form, "sv": regels.samenwerkingsverband, "regels": regels},
        status=page_status(request, form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def regels_actie(request: HttpRequest, pk: int, actie: str) -> HttpResponse:
    """The page of one action (GET: its form; POST: do it)."""
    actor = actor_for(request.user)
    regels = _regels(actor, pk)
    naam = ACTIE_VAN_URL.get(actie)
    if naam is None:
        raise Http404
    terug = reverse("planning:regels_detail", args=[regels.pk])
    if naam not in policy.toegestane_acties(actor, regels):
        return refusal(request, _weigering(regels, naam), back=terug)
    data = request.POST if request.method == "POST" else None
    form: Any = (
        _besluit_form(regels, data)
        if naam in lifecycle.MET_BESLUIT
        else VersieForm(data, initial={"versie": regels.versie}, prefix=naam)
    )
    context = {
        "regels": regels,
        "actie": naam,
        "label": lifecycle.ACTIE_LABELS[naam],
        "form": form,
        "met_besluit": naam in lifecycle.MET_BESLUIT,
    }
    if request.method != "POST":
        return render(request, "planning/regels_actie.html", context)
    if not form.is_valid():
        if naam not in lifecycle.MET_BESLUIT:
            return refusal(request, form_invalid(form), back=terug)
        return render(request, "planning/regels_actie.html", context, status=page_status(request, form))
    gegevens: dict[str, Any] = {"expected_version": form.cleaned_data.get("versie")}
    if naam in lifecycle.MET_BESLUIT:
        gegevens["besluit"] = {k: form.cleaned_data[k] for k in ("orgaan", "kenmerk", "datum")}
    uitkomst = run(
        request,
        lambda: services.voer_uit(actor=actor, regels=regels, actie=naam, gegevens=gegevens),
        form=form,
        rename={"besluit.orgaan": "orgaan", "besluit.kenmerk": "kenmerk", "besluit.datum": "datum"},
    )
    if not uitkomst.ok:
        if naam not in lifecycle.MET_BESLUIT:
            assert uitkomst.error is not None
            return refusal(request, uitkomst.error, back=terug)
        return render(request, "planning/regels_actie.html", context, status=page_status(request, form))
    assert uitkomst.value is not None
    return redirect("planning:regels_detail", uitkomst.value.pk)


# --- absences -----------------------------------------------------------------------------------------------------
def _afwezigheid(actor: Actor, pk: int) -> Afwezigheid:
    afwezigheid = selectors.afwezigheid_for(actor, pk)
    if afwezigheid is None:
        raise Http404
    return afwezigheid


@login_required
@require_safe
def afwezigheden(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not _afwezigheid_lezen(actor):
        raise Http404
    rijen = list(selectors.afwezigheden_for(actor).order_by("-tot", "medewerker__naam", "pk"))
    return render(
        request,
        "planning/afwezigheden.html",
        {
            "rijen": [{"a": a, "acties": policy.toegestane_acties(actor, a)} for a in rijen],
            "mag_registreren": policy.can(actor, "afwezigheid.registreren", None),
        },
    )


def _registreerbaar(actor: Actor) -> list[Any]:
    vandaag = timezone.localdate()
    return [
        m
        for m in organisatie_selectors.actieve_medewerkers_for(actor, vandaag)
        .select_related("eenheid")
        .order_by("naam")
        if policy.can(actor, "afwezigheid.registreren", m)
    ]


@login_required
@require_http_methods(["GET", "POST"])
def afwezigheid_nieuw(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    terug = reverse("planning:afwezigheden")
    if not policy.can(actor, "afwezigheid.registreren", None):
        return refusal(request, Forbidden(), back=terug)
    kandidaten = _registreerbaar(actor)
    form = AfwezigheidForm(
        request.POST or None,
        medewerkers=[(str(m.pk), f"{m.naam} ({m.eenheid.naam})") for m in kandidaten],
    )
    if request.method == "POST" and form.is_valid():
        medewerker = next((m for m in kandidaten if str(m.pk) == form.cleaned_data["medewerker"]), None)
        data = {k: form.cleaned_data[k] for k in ("soort", "van", "tot", "percentage", "omschrijving")}
        if medewerker is not None:
            uitkomst = run(
                request,
                lambda: services.registreer_afwezigheid(actor=actor, medewerker=medewerker, **data),
                form=form,
            )
            if uitkomst.ok:
                return redirect(terug)
    return render(
        request,
        "planning/afwezigheid_form.html",
        {"form": form, "afwezigheid": None},
        status=page_status(request, form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def afwezigheid_wijzigen(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    afwezigheid = _afwezigheid(actor, pk)
    terug = reverse("planning:afwezigheden")
    if not policy.can(actor, "afwezigheid.wijzigen", afwezigheid):
        return refusal(request, Forbidden(), back=terug)
    initial = {
        "versie": afwezigheid.versie,
        "soort": afwezigheid.soort,
        "van": afwezigheid.van,
        "tot": afwezigheid.tot,
        "percentage": afwezigheid.percentage,
        "omschrijving": afwezigheid.omschrijving,
    }
    form = AfwezigheidForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("soort", "van", "tot", "percentage", "omschrijving")}
        uitkomst = run(
            request,
            lambda: services.wijzig_afwezigheid(
                actor=actor, afwezigheid=afwezigheid, expected_version=form.cleaned_data.get("versie"), **data
            ),
            form=form,
        )
        if uitkomst.ok:
            return redirect(terug)
    return render(
        request,
        "planning/afwezigheid_form.html",
        {"form": form, "afwezigheid": afwezigheid},
        status=page_status(request, form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def afwezigheid_verwijderen(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    afwezigheid = _afwezigheid(actor, pk)
    terug = reverse("planning:afwezigheden")
    if not policy.can(actor, "afwezigheid.verwijderen", afwezigheid):
        return refusal(request, Forbidden(), back=terug)
    form = VersieForm(request.POST or None, initial={"versie": afwezigheid.versie})
    if request.method == "POST":
        if not form.is_valid():
            return refusal(request, form_invalid(form), back=terug)
        uitkomst = run(
            request,
            lambda: services.verwijder_afwezigheid(
                actor=actor, afwezigheid=afwezigheid, expected_version=form.cleaned_data.get("versie")
            ),
        )
        if uitkomst.ok:
            return redirect(terug)
        assert uitkomst.error is not None
        return refusal(request, uitkomst.error, back=terug)
    return render(
        request, "planning/afwezigheid_verwijderen.html", {"afwezigheid": afwezigheid, "form": form}
    )


# --- capacity -----------------------------------------------------------------------------------------------------
def _nl(getal: float) -> str:
    """Dutch notation with one decimal: 1.234,5."""
    tekst = f"{getal:,.1f}"
    return tekst.replace(",", "_").replace(".", ",").replace("_", ".")


@login_required
@require_safe
def capaciteit(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    verbanden = [
        sv
        for sv in sv_selectors.samenwerkingsverbanden_for(actor).order_by("naam")
        if policy.can(actor, "capaciteit.lezen", sv)
    ]
    if not verbanden:
        raise Http404
    sv = _kies(verbanden, request.GET.get("samenwerkingsverband"))
    periode = PeriodeForm(request.GET or None)
    startweek: dt.date = timezone.localdate()
    weken = 13
    if periode.is_bound and periode.is_valid():
        startweek = periode.cleaned_data.get("startweek") or startweek
        weken = periode.cleaned_data.get("weken") or weken
    elif periode.is_bound:
        raise form_invalid(periode, "De gekozen periode is ongeldig.")
    start = kern.maandag(startweek)
    regels, rijen = selectors.capaciteit_overzicht(actor, sv, start, weken)
    weekdata = [start + dt.timedelta(weeks=i) for i in range(weken)]
    tabel = []
    for r in rijen:
        cap = kern.afgerond(r.capaciteit)
        tabel.append(
            {
                "eenheid": r.eenheid,
                "cellen": [
                    {
                        "opdrachten": _nl(cap.opdrachten[i]),
                        "netto": _nl(cap.netto[i]),
                        "afwezig": cap.afwezig[i] > 0,
                    }
                    for i in range(weken)
                ],
                "totaal": {k: _nl(v) for k, v in kern.totalen_afgerond(r.capaciteit).items()},
            }
        )
    return render(
        request,
        "planning/capaciteit.html",
        {
            "verbanden": verbanden,
            "sv": sv,
            "periode": periode
            if periode.is_bound
            else PeriodeForm(initial={"startweek": start, "weken": weken}),
            "weken": [{"maandag": w, "nummer": w.isocalendar()[1]} for w in weekdata],
            "tabel": tabel,
            "regels": regels,
            "start": start,
            "aantal": weken,
            "netto_factor": _nl(
                100
                * kern.netto_factor(
                    float(regels.uren_per_fte_week) if regels else 36.0,
                    float(regels.productieve_uren_per_fte_jaar) if regels else 1600.0,
                )
            ),
        },
    )
