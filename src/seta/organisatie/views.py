"""Web pages of the werkorganisatie: the tree per cooperation, a unit, the people list, and the forms."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor, actor_for
from seta.autorisaties.policy.organisatie import personeel_sv_ids
from seta.catalogus import selectors as catalogus_selectors
from seta.core.bounds import parse_id
from seta.core.errors import SetaError
from seta.organisatie import selectors, services
from seta.organisatie.forms import EenheidForm, MedewerkerForm, UitDienstForm
from seta.organisatie.models import Eenheid, Medewerker, Positie
from seta.samenwerkingsverbanden import selectors as sv_selectors
from seta.samenwerkingsverbanden.models import Samenwerkingsverband
from seta.web.actions import form_invalid, page_status, refusal
from seta.web.forms import apply_errors

PER_PAGINA = 50


def _verband(actor: Actor, slug: str) -> Samenwerkingsverband:
    sv = sv_selectors.samenwerkingsverbanden_for(actor).filter(slug=slug).first()
    if sv is None or not policy.can(actor, "eenheid.lezen", sv):
        raise Http404("Samenwerkingsverband niet gevonden")
    return sv


def _eenheid(actor: Actor, pk: int) -> Eenheid:
    eenheid = selectors.eenheid_for(actor, pk)
    if eenheid is None:
        raise Http404("Eenheid niet gevonden")
    return eenheid


def _medewerker(actor: Actor, pk: int) -> Medewerker:
    medewerker = selectors.medewerker_for(actor, pk)
    if medewerker is None:
        raise Http404("Medewerker niet gevonden")
    return medewerker


# --- tree -------------------------------------------------------------------------------------------------
@login_required
def boom(request: HttpRequest) -> HttpResponse:
    """The organisation tree; an index of cooperations when the actor sees several."""
    actor = actor_for(request.user)
    actief = selectors.actief_q(prefix="medewerkers__")
    verbanden = list(
        sv_selectors.samenwerkingsverbanden_for(actor)
        .annotate(
            aantal_eenheden=Count("eenheden", distinct=True),
            aantal_medewerkers=Count("medewerkers", filter=actief, distinct=True),
        )
        .order_by("naam")
    )
    if len(verbanden) == 1:
        return redirect("organisatie:verband", slug=verbanden[0].slug)
    return render(request, "organisatie/index.html", {"verbanden": verbanden})


@login_required
def verband(request: HttpRequest, slug: str) -> HttpResponse:
    actor = actor_for(request.user)
    sv = _verband(actor, slug)
    wortels = selectors.boom_for(actor, sv)
    rapport = selectors.robuustheid_for(actor, sv)
    return render(
        request,
        "organisatie/boom.html",
        {
            "sv": sv,
            "wortels": wortels,
            "totaal_aantal": sum(k.aantal_totaal for k in wortels),
            "totaal_fte": sum(k.fte_totaal for k in wortels),
            "rapport": rapport,
            "mag_wijzigen": policy.can(actor, "eenheid.wijzigen", sv),
            "toon_gastgemeente": any(k.gastgemeente_id for k in _alle(wortels)),
        },
    )


def _alle(knopen: list[selectors.Knoop]) -> list[selectors.Knoop]:
    result: list[selectors.Knoop] = []
    for k in knopen:
        result.append(k)
        result.extend(_alle(k.kinderen))
    return result


@login_required
def eenheid(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    e = _eenheid(actor, pk)
    sv = e.samenwerkingsverband
    knopen = selectors.boominfo_for(actor, [sv.pk])
    knoop = knopen[e.pk]
    mag_medewerkers_zien = policy.can(actor, "medewerker.lezen", e)
    medewerkers: list[Medewerker] = []
    if mag_medewerkers_zien:
        medewerkers = list(
            selectors.actieve_medewerkers_for(actor)
            .filter(eenheid=e)
            .select_related("afkomstig_van")
            .prefetch_related("competenties")
            .order_by("positie", "naam")
        )
        volgorde = {p: i for i, p in enumerate(Positie.values)}
        medewerkers.sort(key=lambda m: (volgorde.get(m.positie, 9), m.naam))
    items = list(
        catalogus_selectors.catalogusitems_for(actor).filter(eenheid=e, actief=True).order_by("naam")
    )
    rapport = selectors.robuustheid_for(actor, sv)
    return render(
        request,
        "organisatie/eenheid.html",
        {
            "eenheid": e,
            "sv": sv,
            "knoop": knoop,
            "medewerkers": medewerkers,
            "mag_medewerkers_zien": mag_medewerkers_zien,
            "items": items,
            "eenmansposten": rapport.per_eenheid.get(e.pk, []),
            "met_namen": rapport.met_namen,
            "mag_wijzigen": policy.can(actor, "eenheid.wijzigen", e),
            "mag_aannemen": policy.can(
                actor, "medewerker.wijzigen", Medewerker(samenwerkingsverband_id=sv.pk, eenheid_id=e.pk)
            ),
            "mag_wijzigen_medewerkers": policy.can(
                actor, "medewerker.wijzigen", Medewerker(samenwerkingsverband_id=sv.pk, eenheid_id=e.pk)
            ),
        },
    )


# --- people -----------------------------------------------------------------------------------------------
def _personeel_sv_ids(actor: Actor) -> set[int] | None:
    """Cooperations whose staff the actor may list (None: all, for the beheerder)."""
    return personeel_sv_ids(actor)


@login_required
def mensen(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    sv_ids = _personeel_sv_ids(actor)
    if sv_ids is not None and not sv_ids:
        raise PermissionDenied("Alleen de werkorganisatie en haar bestuur zien personeelsgegevens.")
    verbanden = sv_selectors.samenwerkingsverbanden_for(actor).order_by("naam")
    if sv_ids is not None:
        verbanden = verbanden.filter(pk__in=sv_ids)
    verbanden_lijst = list(verbanden)
    g = request.GET
    gekozen_sv = next((v for v in verbanden_lijst if v.slug == g.get("samenwerkingsverband")), None)
    if gekozen_sv is None and len(verbanden_lijst) == 1:
        gekozen_sv = verbanden_lijst[0]

    qs = (
        selectors.medewerkers_for(actor)
        .select_related("samenwerkingsverband", "afkomstig_van", "eenheid")
        .prefetch_related("competenties")
        .order_by("naam", "id")
    )
    if gekozen_sv is not None:
        qs = qs.filter(samenwerkingsverband=gekozen_sv)
    status = g.get("status", "actief")
    if status == "actief":
        qs = qs.filter(selectors.actief_q())
    elif status == "uit":
        qs = qs.exclude(selectors.actief_q())
    filters: dict[str, Any] = {"status": status}
    eenheid_id = parse_id(g.get("eenheid"), name="eenheid")
    if eenheid_id is not None:
        filters["eenheid"] = eenheid_id
        ids = {filters["eenheid"]}
        if gekozen_sv is not None:
            knopen = selectors.boominfo_for(actor, [gekozen_sv.pk])
            knoop = knopen.get(filters["eenheid"])
            if knoop is not None:
                ids = {k.id for k in _alle([knoop])}
        qs = qs.filter(eenheid_id__in=ids)
    if g.get("positie") in Positie.values:
        filters["positie"] = g["positie"]
        qs = qs.filter(positie=g["positie"])
    competentie_id = parse_id(g.get("competentie"), name="competentie")
    if competentie_id is not None:
        filters["competentie"] = competentie_id
        qs = qs.filter(competenties__id=filters["competentie"])
    if g.get("afkomstig_van"):
        filters["afkomstig_van"] = g["afkomstig_van"]
        qs = qs.filter(afkomstig_van__slug=g["afkomstig_van"])
    zoek = g.get("zoek", "").strip()
    if zoek:
        filters["zoek"] = zoek
        qs = qs.filter(
            Q(naam__icontains=zoek) | Q(functietitel__icontains=zoek) | Q(personeelsnummer__iexact=zoek)
        )

    pagina = Paginator(qs.distinct(), PER_PAGINA).get_page(g.get("pagina"))
    params = g.copy()
    params.pop("pagina", None)
    eenheden = (
        selectors.eenheden_for(actor).filter(samenwerkingsverband=gekozen_sv).order_by("naam")
        if gekozen_sv
        else []
    )
    bestuur = []
    if gekozen_sv is not None:
        vandaag = timezone.localdate()
        bestuur = list(
            sv_selectors.bestuursleden_op(
                sv_selectors.bestuursleden_for(actor).filter(samenwerkingsverband=gekozen_sv), vandaag
            )
            .select_related("functionaris__gemeente")
            .order_by("orgaan", "functionaris__gemeente__naam", "functionaris__naam")
        )
    return render(
        request,
        "organisatie/mensen.html",
        {
            "pagina": pagina,
            "verbanden": verbanden_lijst,
            "gekozen_sv": gekozen_sv,
            "eenheden": eenheden,
            "posities": Positie.choices,
            "competenties": selectors.competenties_for(actor).order_by("naam"),
            "partners": selectors.partners_of(gekozen_sv) if gekozen_sv else [],
            "filters": filters,
            "zoek": zoek,
            "querystring": params.urlencode(),
            "bestuur": bestuur,
        },
    )


@login_required
def medewerker(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    m = _medewerker(actor, pk)
    return render(
        request,
        "organisatie/medewerker.html",
        {
            "m": m,
            "mag_wijzigen": policy.can(actor, "medewerker.wijzigen", m),
            "uit_dienst_form": UitDienstForm(
                initial={"uit_dienst": timezone.localdate(), "versie": m.versie}
            ),
        },
    )


# --- forms ------------------------------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def eenheid_nieuw(request: HttpRequest, slug: str) -> HttpResponse:
    actor = actor_for(request.user)
    sv = _verband(actor, slug)
    if not policy.can(actor, "eenheid.wijzigen", sv):
        raise PermissionDenied
    kwargs: dict[str, Any] = {
        "eenheden": selectors.eenheden_for(actor).filter(samenwerkingsverband=sv).order_by("naam"),
        "partners": selectors.partners_of(sv),
    }
    initial: dict[str, Any] = {"bovenliggend": request.GET.get("bovenliggend")}
    if sv.gastheergemeente_id:
        initial["gastgemeente"] = sv.gastheergemeente_id
    form = EenheidForm(request.POST or None, initial=initial, **kwargs)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "versie"}
        try:
            e = services.create_eenheid(actor=actor, samenwerkingsverband=sv, **data)
        except SetaError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"Eenheid {e.naam} is aangemaakt.")
            return redirect("organisatie:eenheid", pk=e.pk)
    return render(
        request,
        "organisatie/eenheid_form.html",
        {"form": form, "sv": sv, "eenheid": None},
        status=page_status(request, form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def eenheid_wijzigen(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    e = _eenheid(actor, pk)
    sv = e.samenwerkingsverband
    if not policy.can(actor, "eenheid.wijzigen", e):
        raise PermissionDenied
    kwargs: dict[str, Any] = {
        "eenheden": selectors.eenheden_for(actor)
        .filter(samenwerkingsverband=sv)
        .exclude(pk=e.pk)
        .order_by("naam"),
        "partners": selectors.partners_of(sv),
    }
    initial = {
        "naam": e.naam,
        "code": e.code,
        "soort": e.soort,
        "bovenliggend": e.bovenliggend_id,
        "gastgemeente": e.gastgemeente_id,
        "omschrijving": e.omschrijving,
        "versie": e.versie,
    }
    form = EenheidForm(request.POST or None, initial=initial, **kwargs)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        versie = data.pop("versie", None)
        try:
            services.update_eenheid(actor=actor, eenheid=e, expected_version=versie, **data)
        except SetaError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "De eenheid is gewijzigd.")
            return redirect("organisatie:eenheid", pk=e.pk)
    return render(
        request,
        "organisatie/eenheid_form.html",
        {"form": form, "sv": sv, "eenheid": e},
        status=page_status(request, form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def medewerker_nieuw(request: HttpRequest, eenheid_pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    e = _eenheid(actor, eenheid_pk)
    sv = e.samenwerkingsverband
    if not policy.can(actor, "medewerker.lezen", sv):
        raise Http404
    eenheden = selectors.beheerbare_eenheden_for(actor, sv, "medewerker.wijzigen")
    if not eenheden.filter(pk=e.pk).exists():
        raise PermissionDenied
    form = MedewerkerForm(
        request.POST or None,
        initial={
            "eenheid": e.pk,
            "positie": Positie.MEDEWERKER,
            "fte": "1.00",
            "in_dienst": timezone.localdate(),
        },
        eenheden=eenheden,
        partners=selectors.partners_of(sv),
        nieuw=True,
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "versie"}
        try:
            m = services.hire_medewerker(actor=actor, **data)
        except SetaError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"{m.naam} is in dienst genomen.")
            return redirect("organisatie:medewerker", pk=m.pk)
    return render(
        request,
        "organisatie/medewerker_form.html",
        {"form": form, "sv": sv, "eenheid": e, "m": None},
        status=page_status(request, form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def medewerker_wijzigen(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    m = _medewerker(actor, pk)
    sv = m.samenwerkingsverband
    if not policy.can(actor, "medewerker.wijzigen", m):
        raise PermissionDenied
    eenheden = selectors.beheerbare_eenheden_for(actor, sv, "medewerker.wijzigen")
    initial = {
        "naam": m.naam,
        "personeelsnummer": m.personeelsnummer,
        "functietitel": m.functietitel,
        "eenheid": m.eenheid_id,
        "positie": m.positie,
        "fte": m.fte,
        "schaal": m.schaal,
        "afkomstig_van": m.afkomstig_van_id,
        "competenties": list(m.competenties.all()),
        "versie": m.versie,
    }
    form = MedewerkerForm(
        request.POST or None,
        initial=initial,
        eenheden=eenheden,
        partners=selectors.partners_of(sv),
        nieuw=False,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        versie = data.pop("versie", None)
        competenties = data.pop("competenties")
        # Send only what changed, so a teamleider editing FTE does not trip the manager-appointment rule.
        changes = {k: v for k, v in data.items() if initial.get(k) != (v.pk if hasattr(v, "pk") else v)}
        try:
            services.update_medewerker(
                actor=actor, medewerker=m, expected_version=versie, competenties=competenties, **changes
            )
        except SetaError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "De gegevens van de medewerker zijn gewijzigd.")
            return redirect("organisatie:medewerker", pk=m.pk)
    return render(
        request,
        "organisatie/medewerker_form.html",
        {"form": form, "sv": sv, "eenheid": m.eenheid, "m": m},
        status=page_status(request, form),
    )


@login_required
@require_POST
def medewerker_uit_dienst(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    m = _medewerker(actor, pk)
    form = UitDienstForm(request.POST)
    if form.is_valid():
        try:
            services.end_medewerker(
                actor=actor,
                medewerker=m,
                uit_dienst=form.cleaned_data["uit_dienst"],
                expected_version=form.cleaned_data.get("versie"),
            )
        except SetaError as exc:
            return refusal(request, exc, back=reverse("organisatie:medewerker", args=[m.pk]))
        messages.success(request, f"{m.naam} is uit dienst per {form.cleaned_data['uit_dienst']:%d-%m-%Y}.")
    else:
        return refusal(
            request,
            form_invalid(form, "Geef een geldige datum uit dienst."),
            back=reverse("organisatie:medewerker", args=[m.pk]),
        )
    return redirect("organisatie:medewerker", pk=m.pk)
