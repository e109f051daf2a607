"""Web pages of compliance (naleving): choose a DVO, a DVO's figures per partner, service and norm, one
norm's periods, and the export. Read only (GET)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from seta.autorisaties.actor import actor_for
from seta.core.bounds import parse_id, parse_jaar
from seta.core.errors import InvalidInput
from seta.dienstverlening import naleving, naleving_export, naleving_selectors, naleving_weergave
from seta.dienstverlening.meting import cijfers as kern
from seta.dienstverlening.naleving_selectors import Normregel


def _dvo(actor: Any, pk: int) -> Any:
    dvo = naleving_selectors.dvo_voor_naleving(actor, pk)
    if dvo is None:
        raise Http404
    return dvo


def _groepen(regels: list[Normregel]) -> list[dict[str, Any]]:
    """Rows per partner, each norm with its last periods, for the DVO page."""
    per_gemeente: dict[int, dict[str, Any]] = {}
    for r in regels:
        groep = per_gemeente.setdefault(r.gemeente.pk, {"gemeente": r.gemeente, "normen": [], "gemist": 0})
        recent = r.recentst_afgesloten
        if recent is not None and recent.oordeel == kern.NIET_GEHAALD:
            groep["gemist"] += 1
        groep["normen"].append(
            {
                "regel": r,
                "eis": naleving_weergave.normtekst(r),
                "rijen": naleving_weergave.rijen(r, laatste=True),
            }
        )
    return list(per_gemeente.values())


@login_required
@require_safe
def overzicht(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    verbanden = list(naleving_selectors.verbanden_met_naleving(actor))
    slug = request.GET.get("samenwerkingsverband", "")
    sv = next((v for v in verbanden if v.slug == slug), verbanden[0] if verbanden else None)
    jaar = parse_jaar(request.GET.get("jaar"))
    gemeente_id = parse_id(request.GET.get("gemeente"), name="gemeente")
    dvos = list(naleving_selectors.dvos_voor_naleving(actor).filter(samenwerkingsverband=sv)) if sv else []
    gemeenten = sorted({g for d in dvos for g in naleving_selectors.deelnemers_van(d)}, key=lambda g: g.naam)
    if gemeente_id is not None:
        dvos = [d for d in dvos if d.gemeente_id in (None, gemeente_id)]
    context = {
        "verbanden": verbanden,
        "sv": sv,
        "dvos": dvos,
        "gemeenten": gemeenten,
        "gemeente_id": gemeente_id,
        "jaar": jaar,
        "jaren": list(range(timezone.localdate().year, timezone.localdate().year - 5, -1)),
    }
    return render(request, "dienstverlening/naleving_overzicht.html", context)


def _filters(request: HttpRequest) -> tuple[int | None, int | None]:
    return parse_id(request.GET.get("gemeente"), name="gemeente"), parse_jaar(request.GET.get("jaar"))


@login_required
@require_safe
def dvo(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    obj = _dvo(actor, pk)
    gemeente_id, jaar = _filters(request)
    regels = naleving_selectors.in_periode(
        naleving_selectors.naleving_van(actor, obj, gemeente_id=gemeente_id), jaar
    )
    context = {
        "dvo": obj,
        "groepen": _groepen(regels),
        "gemeenten": naleving_selectors.deelnemers_van(obj),
        "gemeente_id": gemeente_id,
        "jaar": jaar,
        "jaren": list(range(timezone.localdate().year, obj.ingangsdatum.year - 1, -1)),
        "escalatieroute": naleving.escalatieroute(obj),
        "query": request.GET.urlencode(),
    }
    return render(request, "dienstverlening/naleving_dvo.html", context)


@login_required
@require_safe
def norm(request: HttpRequest, pk: int, norm_pk: int, gemeente_pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    obj = _dvo(actor, pk)
    regel = next(
        (
            r
            for r in naleving_selectors.naleving_van(actor, obj, gemeente_id=gemeente_pk)
            if r.norm.pk == norm_pk
        ),
        None,
    )
    if regel is None:
        raise Http404
    context = {
        "dvo": obj,
        "regel": regel,
        "eis": naleving_weergave.normtekst(regel),
        "rijen": list(reversed(naleving_weergave.rijen(regel))),
        "escalatieroute": naleving.escalatieroute(obj),
    }
    return render(request, "dienstverlening/naleving_norm.html", context)


@login_required
@require_safe
def export(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    obj = _dvo(actor, pk)
    formaat = request.GET.get("formaat", "csv")
    if formaat not in naleving_export.MIME:
        raise InvalidInput(fields={"formaat": ["Kies csv of xlsx."]})
    gemeente_id, jaar = _filters(request)
    regels = naleving_selectors.in_periode(
        naleving_selectors.naleving_van(actor, obj, gemeente_id=gemeente_id), jaar
    )
    inhoud, mime = naleving_export.export(
        regels, formaat, titel=f"Naleving {obj.kenmerk} versie {obj.volgnummer}"
    )
    response = HttpResponse(inhoud, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="naleving-{obj.pk}.{formaat}"'
    return response
