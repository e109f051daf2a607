"""Web pages of the case data: the import of a period (with its errors or its summary), the list of imports,
the zaaktype mapping and the case systems (Zaken API's). Every POST calls a service through ``web.actions.run``.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor, actor_for
from seta.core.bounds import parse_versie
from seta.core.errors import InvalidInput, SetaError
from seta.dienstverlening import zaken, zaken_selectors
from seta.dienstverlening.models import Zaakimport, Zaaksysteem, Zaaktypekoppeling
from seta.dienstverlening.zaken_forms import ImportForm, KoppelingForm, PeriodeForm, ZaaksysteemForm
from seta.samenwerkingsverbanden import selectors as sv_selectors
from seta.web.actions import page_status, refusal, run

PER_PAGINA = 50
_PLAATS = re.compile(r"^(?P<bron>.*?), (?P<rij>rij [0-9]+|zaak .+?)(?:, (?:kolom|veld) (?P<kolom>.+))?$")


def foutregels(exc: InvalidInput) -> list[dict[str, str]]:
    """The import's errors as table rows: file (or API), row (or zaak), column, message."""
    regels = []
    for key, berichten in exc.fields.items():
        match = _PLAATS.match(key)
        for bericht in berichten:
            tekst = bericht[len(key) + 2 :] if bericht.startswith(f"{key}: ") else bericht
            if match:
                regels.append(
                    {
                        "bron": match["bron"],
                        "rij": match["rij"],
                        "kolom": match["kolom"] or "",
                        "bericht": tekst,
                    }
                )
            else:
                bron, _, rest = tekst.partition(": ")
                regels.append(
                    {"bron": bron if rest else "", "rij": "", "kolom": key, "bericht": rest or tekst}
                )
    return regels


def _verdeel(form: Any, exc: SetaError) -> list[dict[str, str]]:
    """A refused import: messages about a form field go next to it, the rest (rows) into the errors table.

    ``run`` was called without the form, so the refusal's summary is already in the messages."""
    if not isinstance(exc, InvalidInput):
        return []
    velden = {k: v for k, v in exc.fields.items() if k in form.fields}
    for naam, berichten in velden.items():
        for bericht in berichten:
            form.add_error(naam, bericht)
    rest = InvalidInput(exc.detail, fields={k: v for k, v in exc.fields.items() if k not in velden})
    regels = foutregels(rest)
    if regels:
        form.add_error(
            "bestand" if "bestand" in form.fields else None,
            f"{len(regels)} fout(en) in de zaken; zie de tabel 'Fouten per rij en kolom' hieronder. "
            "Er is niets opgeslagen.",
        )
    return regels


# --- import -----------------------------------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def importeren(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    verbanden = zaken_selectors.verbanden_voor(actor, "zaken.importeren")
    if not verbanden:
        raise PermissionDenied
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        verbanden=sv_selectors.samenwerkingsverbanden_for(actor).filter(pk__in=[v.pk for v in verbanden]),
        gemeenten=zaken_selectors.gemeenten_van(actor, verbanden[0] if len(verbanden) == 1 else None),
        initial={"samenwerkingsverband": verbanden[0].pk} if len(verbanden) == 1 else None,
    )
    resultaat: Zaakimport | None = None
    fouten: list[dict[str, str]] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        uitkomst = run(
            request,
            lambda: zaken.importeer(
                actor=actor,
                samenwerkingsverband=data["samenwerkingsverband"],
                gemeente=data["gemeente"],
                periode_van=data["periode_van"],
                periode_tot=data["periode_tot"],
                bestand=data["bestand"],
            ),
        )
        if uitkomst.ok:
            resultaat = uitkomst.value
        elif uitkomst.error is not None:
            fouten = _verdeel(form, uitkomst.error)
    return render(
        request,
        "dienstverlening/zaken_importeren.html",
        {"form": form, "resultaat": resultaat, "fouten": fouten},
        status=page_status(request, form),
    )


@login_required
def imports(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not policy.can(actor, "zaakimport.lezen", None):
        raise PermissionDenied
    qs = zaken_selectors.zaakimports_for(actor).order_by("-tijdstip", "-id")
    pagina = Paginator(qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    return render(
        request,
        "dienstverlening/zaken_imports.html",
        {"pagina": pagina, "mag_importeren": bool(zaken_selectors.verbanden_voor(actor, "zaken.importeren"))},
    )


# --- mapping ------------------------------------------------------------------------------------------------------
def _koppeling(actor: Actor, pk: int) -> Zaaktypekoppeling:
    koppeling = zaken_selectors.koppeling_for(actor, pk)
    if koppeling is None:
        raise Http404("Zaaktypekoppeling niet gevonden")
    return koppeling


@login_required
@require_http_methods(["GET", "POST"])
def koppelingen(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    verbanden = list(sv_selectors.samenwerkingsverbanden_for(actor).order_by("naam"))
    slug = request.GET.get("samenwerkingsverband")
    gekozen = next((v for v in verbanden if v.slug == slug), verbanden[0] if verbanden else None)
    mag = gekozen is not None and policy.can(actor, "zaaktypekoppeling.beheren", gekozen)
    form = None
    if mag and gekozen is not None:
        form = KoppelingForm(request.POST or None, items=zaken_selectors.catalogusitems_van(actor, gekozen))
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            uitkomst = run(
                request,
                lambda: zaken.create_koppeling(
                    actor=actor,
                    samenwerkingsverband=gekozen,
                    zaaktype=data["zaaktype"],
                    catalogusitem=data["catalogusitem"],
                    omschrijving=data["omschrijving"],
                ),
                form=form,
            )
            if uitkomst.ok:
                messages.success(request, f"Zaaktype {data['zaaktype']} is gekoppeld.")
                return redirect(
                    f"{reverse('dienstverlening:zaken_koppelingen')}?samenwerkingsverband={gekozen.slug}"
                )
    elif request.method == "POST":
        raise PermissionDenied
    rijen = (
        zaken_selectors.koppelingen_for(actor).filter(samenwerkingsverband=gekozen).order_by("zaaktype", "id")
        if gekozen
        else []
    )
    return render(
        request,
        "dienstverlening/zaken_koppelingen.html",
        {"verbanden": verbanden, "gekozen": gekozen, "koppelingen": rijen, "form": form, "mag_beheren": mag},
        status=page_status(request, form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def koppeling_wijzigen(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    koppeling = _koppeling(actor, pk)
    if not policy.can(actor, "zaaktypekoppeling.beheren", koppeling):
        raise PermissionDenied
    form = KoppelingForm(
        request.POST or None,
        items=zaken_selectors.catalogusitems_van(actor, koppeling.samenwerkingsverband),
        initial={
            "zaaktype": koppeling.zaaktype,
            "catalogusitem": koppeling.catalogusitem_id,
            "omschrijving": koppeling.omschrijving,
            "versie": koppeling.versie,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        versie = data.pop("versie", None)
        uitkomst = run(
            request,
            lambda: zaken.update_koppeling(actor=actor, koppeling=koppeling, expected_version=versie, **data),
            form=form,
        )
        if uitkomst.ok:
            messages.success(request, "De zaaktypekoppeling is gewijzigd.")
            return redirect(
                f"{reverse('dienstverlening:zaken_koppelingen')}?samenwerkingsverband={koppeling.samenwerkingsverband.slug}"
            )
    return render(
        request,
        "dienstverlening/zaken_koppeling_form.html",
        {"form": form, "koppeling": koppeling},
        status=page_status(request, form),
    )


@login_required
@require_POST
def koppeling_verwijderen(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    koppeling = _koppeling(actor, pk)
    terug = f"{reverse('dienstverlening:zaken_koppelingen')}?samenwerkingsverband={koppeling.samenwerkingsverband.slug}"
    try:
        zaken.delete_koppeling(
            actor=actor, koppeling=koppeling, expected_version=parse_versie(request.POST.get("versie"))
        )
    except SetaError as exc:
        return refusal(request, exc, back=terug)
    messages.success(request, f"De koppeling van {koppeling.zaaktype} is verwijderd.")
    return redirect(terug)


# --- case systems -------------------------------------------------------------------------------------------------
def _zaaksysteem(actor: Actor, pk: int) -> Zaaksysteem:
    zaaksysteem = zaken_selectors.zaaksysteem_for(actor, pk)
    if zaaksysteem is None:
        raise Http404("Zaaksysteem niet gevonden")
    return zaaksysteem


def _zaaksysteem_data(form: ZaaksysteemForm) -> tuple[dict[str, Any], int | None]:
    data = dict(form.cleaned_data)
    return data, data.pop("versie", None)


@login_required
@require_http_methods(["GET", "POST"])
def zaaksystemen(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not policy.can(actor, "zaaksysteem.lezen", None):
        raise PermissionDenied
    verbanden = [
        v
        for v in sv_selectors.samenwerkingsverbanden_for(actor).order_by("naam")
        if policy.can(actor, "zaaksysteem.lezen", v)
    ]
    slug = request.GET.get("samenwerkingsverband")
    gekozen = next((v for v in verbanden if v.slug == slug), verbanden[0] if verbanden else None)
    mag = gekozen is not None and policy.can(actor, "zaaksysteem.beheren", gekozen)
    form = None
    if mag and gekozen is not None:
        form = ZaaksysteemForm(request.POST or None, gemeenten=zaken_selectors.gemeenten_van(actor, gekozen))
        if request.method == "POST" and form.is_valid():
            data, _ = _zaaksysteem_data(form)
            uitkomst = run(
                request,
                lambda: zaken.create_zaaksysteem(actor=actor, samenwerkingsverband=gekozen, **data),
                form=form,
            )
            if uitkomst.ok:
                messages.success(request, "Het zaaksysteem is ingesteld.")
                return redirect(
                    f"{reverse('dienstverlening:zaken_zaaksystemen')}?samenwerkingsverband={gekozen.slug}"
                )
    elif request.method == "POST":
        raise PermissionDenied
    rijen = zaken_selectors.zaaksystemen_for(actor).filter(samenwerkingsverband=gekozen) if gekozen else []
    return render(
        request,
        "dienstverlening/zaken_zaaksystemen.html",
        {
            "verbanden": verbanden,
            "gekozen": gekozen,
            "zaaksystemen": rijen,
            "form": form,
            "mag_beheren": mag,
        },
        status=page_status(request, form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def zaaksysteem_wijzigen(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    zaaksysteem = _zaaksysteem(actor, pk)
    if not policy.can(actor, "zaaksysteem.beheren", zaaksysteem):
        raise PermissionDenied
    form = ZaaksysteemForm(
        request.POST or None,
        gemeenten=zaken_selectors.gemeenten_van(actor, zaaksysteem.samenwerkingsverband),
        initial={
            "gemeente": zaaksysteem.gemeente_id,
            "naam": zaaksysteem.naam,
            "api_root": zaaksysteem.api_root,
            "client_id": zaaksysteem.client_id,
            "geheim_variabele": zaaksysteem.geheim_variabele,
            "timeout_seconden": zaaksysteem.timeout_seconden,
            "actief": zaaksysteem.actief,
            "versie": zaaksysteem.versie,
        },
    )
    if request.method == "POST" and form.is_valid():
        data, versie = _zaaksysteem_data(form)
        uitkomst = run(
            request,
            lambda: zaken.update_zaaksysteem(
                actor=actor, zaaksysteem=zaaksysteem, expected_version=versie, **data
            ),
            form=form,
        )
        if uitkomst.ok:
            messages.success(request, "Het zaaksysteem is gewijzigd.")
            return redirect(
                f"{reverse('dienstverlening:zaken_zaaksystemen')}?samenwerkingsverband={zaaksysteem.samenwerkingsverband.slug}"
            )
    return render(
        request,
        "dienstverlening/zaken_zaaksysteem_form.html",
        {"form": form, "zaaksysteem": zaaksysteem},
        status=page_status(request, form),
    )


@login_required
@require_POST
def zaaksysteem_verwijderen(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    zaaksysteem = _zaaksysteem(actor, pk)
    terug = f"{reverse('dienstverlening:zaken_zaaksystemen')}?samenwerkingsverband={zaaksysteem.samenwerkingsverband.slug}"
    try:
        zaken.delete_zaaksysteem(
            actor=actor, zaaksysteem=zaaksysteem, expected_version=parse_versie(request.POST.get("versie"))
        )
    except SetaError as exc:
        return refusal(request, exc, back=terug)
    messages.success(request, f"{zaaksysteem.naam} is verwijderd.")
    return redirect(terug)


@login_required
@require_http_methods(["GET", "POST"])
def zaaksysteem_ophalen(request: HttpRequest, pk: int) -> HttpResponse:
    """Fetch a period from the Zaken API; the result page is the import's (errors table or summary)."""
    actor = actor_for(request.user)
    zaaksysteem = _zaaksysteem(actor, pk)
    if not policy.can(actor, "zaken.ophalen", zaaksysteem):
        raise PermissionDenied
    form = PeriodeForm(request.POST or None)
    resultaat: Zaakimport | None = None
    fouten: list[dict[str, str]] = []
    if request.method == "POST" and form.is_valid():
        uitkomst = run(
            request,
            lambda: zaken.haal_op(
                actor=actor,
                zaaksysteem=zaaksysteem,
                periode_van=form.cleaned_data["periode_van"],
                periode_tot=form.cleaned_data["periode_tot"],
            ),
        )
        if uitkomst.ok:
            resultaat = uitkomst.value
        elif uitkomst.error is not None:
            fouten = _verdeel(form, uitkomst.error)
    return render(
        request,
        "dienstverlening/zaken_opgehaald.html",
        {"form": form, "zaaksysteem": zaaksysteem, "resultaat": resultaat, "fouten": fouten},
        status=page_status(request, form),
    )
