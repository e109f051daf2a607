"""Web pages of the catalogus: the filtered list, an item with its norms and maatwerkruimte, and forms."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor, actor_for
from seta.catalogus import selectors, services
from seta.catalogus.forms import CatalogusitemForm, NormForm
from seta.catalogus.models import (
    MAATWERKRUIMTE,
    MAATWERKRUIMTE_UITLEG,
    Catalogusitem,
    Maatwerkruimte,
    Soort,
    Taaksoort,
)
from seta.core.bounds import parse_id
from seta.core.errors import SetaError
from seta.dienstverlening import selectors as dvo_selectors
from seta.organisatie import selectors as organisatie_selectors
from seta.samenwerkingsverbanden import selectors as sv_selectors
from seta.samenwerkingsverbanden.models import Samenwerkingsverband
from seta.web.actions import page_status, refusal
from seta.web.forms import apply_errors

PER_PAGINA = 50


def _item(actor: Actor, pk: int) -> Catalogusitem:
    item = selectors.catalogusitem_for(actor, pk)
    if item is None:
        raise Http404("Catalogusitem niet gevonden")
    return item


def _taaksoorten() -> list[dict[str, str]]:
    return [
        {
            "waarde": t.value,
            "label": t.label,
            "ruimte": Maatwerkruimte(MAATWERKRUIMTE[t.value]).label,
            "uitleg": MAATWERKRUIMTE_UITLEG[MAATWERKRUIMTE[t.value]],
        }
        for t in Taaksoort
    ]


def _mag_toevoegen(actor: Actor, sv: Samenwerkingsverband) -> bool:
    return organisatie_selectors.beheerbare_eenheden_for(actor, sv, "catalogusitem.wijzigen").exists()


@login_required
def lijst(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    g = request.GET
    verbanden = list(sv_selectors.samenwerkingsverbanden_for(actor).order_by("naam"))
    gekozen_sv = next((v for v in verbanden if v.slug == g.get("samenwerkingsverband")), None)
    if gekozen_sv is None and len(verbanden) == 1:
        gekozen_sv = verbanden[0]
    qs = (
        selectors.catalogusitems_for(actor)
        .select_related("samenwerkingsverband")
        .order_by("samenwerkingsverband__naam", "naam", "id")
    )
    filters: dict[str, Any] = {}
    if gekozen_sv is not None:
        qs = qs.filter(samenwerkingsverband=gekozen_sv)
    if g.get("soort") in Soort.values:
        filters["soort"] = g["soort"]
        qs = qs.filter(soort=g["soort"])
    if g.get("taaksoort") in Taaksoort.values:
        filters["taaksoort"] = g["taaksoort"]
        qs = qs.filter(taaksoort=g["taaksoort"])
    if g.get("hoofdtaakveld", "").isdigit():
        filters["hoofdtaakveld"] = g["hoofdtaakveld"]
        qs = qs.filter(taakveld__code__startswith=f"{g['hoofdtaakveld']}.")
    eenheid = parse_id(g.get("eenheid"), name="eenheid")
    if eenheid is not None:
        filters["eenheid"] = eenheid
        qs = qs.filter(eenheid_id=eenheid)
    status = g.get("status", "actief")
    filters["status"] = status
    if status == "actief":
        qs = qs.filter(actief=True)
    elif status == "inactief":
        qs = qs.filter(actief=False)
    zoek = g.get("zoek", "").strip()
    if zoek:
        qs = qs.filter(Q(naam__icontains=zoek) | Q(code__icontains=zoek) | Q(omschrijving__icontains=zoek))
    pagina = Paginator(qs, PER_PAGINA).get_page(g.get("pagina"))
    params = g.copy()
    params.pop("pagina", None)
    hoofdtaakvelden = sorted(
        {(t.code.split(".")[0], t.hoofdtaakveld) for t in selectors.taakvelden_for(actor)},
        key=lambda x: int(x[0]),
    )
    return render(
        request,
        "catalogus/lijst.html",
        {
            "pagina": pagina,
            "verbanden": verbanden,
            "gekozen_sv": gekozen_sv,
            "soorten": Soort.choices,
            "taaksoorten": _taaksoorten(),
            "hoofdtaakvelden": hoofdtaakvelden,
            "eenheden": organisatie_selectors.eenheden_for(actor)
            .filter(samenwerkingsverband=gekozen_sv)
            .order_by("naam")
            if gekozen_sv
            else [],
            "filters": filters,
            "zoek": zoek,
            "querystring": params.urlencode(),
            "mag_toevoegen": gekozen_sv is not None and _mag_toevoegen(actor, gekozen_sv),
        },
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    item = _item(actor, pk)
    mag_wijzigen = policy.can(actor, "catalogusitem.wijzigen", item)
    return render(
        request,
        "catalogus/detail.html",
        {
            "item": item,
            "mag_wijzigen": mag_wijzigen,
            "norm_form": NormForm() if mag_wijzigen else None,
            "dvos": list(dvo_selectors.dvos_van_item(actor, item)),
        },
    )


def _form_data(form: CatalogusitemForm) -> tuple[dict[str, Any], int | None]:
    data = dict(form.cleaned_data)
    versie = data.pop("versie", None)
    return data, versie


@login_required
@require_http_methods(["GET", "POST"])
def nieuw(request: HttpRequest, slug: str) -> HttpResponse:
    actor = actor_for(request.user)
    sv = sv_selectors.samenwerkingsverbanden_for(actor).filter(slug=slug).first()
    if sv is None:
        raise Http404
    eenheden = organisatie_selectors.beheerbare_eenheden_for(actor, sv, "catalogusitem.wijzigen")
    if not eenheden.exists():
        raise PermissionDenied
    form = CatalogusitemForm(request.POST or None, eenheden=eenheden)
    if request.method == "POST" and form.is_valid():
        data, _ = _form_data(form)
        try:
            item = services.create_catalogusitem(actor=actor, samenwerkingsverband=sv, **data)
        except SetaError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"{item.naam} is aan de catalogus toegevoegd.")
            return redirect("catalogus:detail", pk=item.pk)
    return render(
        request,
        "catalogus/form.html",
        {"form": form, "sv": sv, "item": None, "taaksoorten": _taaksoorten()},
        status=page_status(request, form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def wijzigen(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    item = _item(actor, pk)
    if not policy.can(actor, "catalogusitem.wijzigen", item):
        raise PermissionDenied
    sv = item.samenwerkingsverband
    eenheden = organisatie_selectors.beheerbare_eenheden_for(actor, sv, "catalogusitem.wijzigen")
    initial = {
        "naam": item.naam,
        "code": item.code,
        "soort": item.soort,
        "taaksoort": item.taaksoort,
        "eenheid": item.eenheid_id,
        "taakveld": item.taakveld_id,
        "taakgebied": item.taakgebied_id,
        "omschrijving": item.omschrijving,
        "versie": item.versie,
    }
    form = CatalogusitemForm(request.POST or None, initial=initial, eenheden=eenheden)
    if request.method == "POST" and form.is_valid():
        data, versie = _form_data(form)
        try:
            services.update_catalogusitem(actor=actor, item=item, expected_version=versie, **data)
        except SetaError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Het catalogusitem is gewijzigd.")
            return redirect("catalogus:detail", pk=item.pk)
    return render(
        request,
        "catalogus/form.html",
        {"form": form, "sv": sv, "item": item, "taaksoorten": _taaksoorten()},
        status=page_status(request, form),
    )


@login_required
@require_POST
def deactiveren(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    item = _item(actor, pk)
    try:
        services.deactivate_catalogusitem(actor=actor, item=item)
    except SetaError as exc:
        return refusal(request, exc, back=reverse("catalogus:detail", args=[item.pk]))
    messages.success(request, f"{item.naam} is gedeactiveerd.")
    return redirect("catalogus:detail", pk=item.pk)


@login_required
@require_POST
def norm_toevoegen(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    item = _item(actor, pk)
    if not policy.can(actor, "catalogusitem.wijzigen", item):
        raise PermissionDenied
    form = NormForm(request.POST)
    if form.is_valid():
        try:
            services.add_norm(actor=actor, item=item, **form.cleaned_data)
        except SetaError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "De norm is toegevoegd.")
            return redirect("catalogus:detail", pk=item.pk)
    return render(
        request,
        "catalogus/detail.html",
        {"item": item, "mag_wijzigen": True, "norm_form": form},
        status=page_status(request, form),
    )


@login_required
@require_POST
def norm_verwijderen(request: HttpRequest, pk: int, norm_pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    item = _item(actor, pk)
    norm = next((n for n in item.normen.all() if n.pk == norm_pk), None)
    if norm is None:
        raise Http404
    try:
        services.remove_norm(actor=actor, norm=norm)
    except SetaError as exc:
        return refusal(request, exc, back=reverse("catalogus:detail", args=[item.pk]))
    messages.success(request, "De norm is verwijderd.")
    return redirect("catalogus:detail", pk=item.pk)
