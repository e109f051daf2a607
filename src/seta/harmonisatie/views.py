"""Pages of harmonisation: the live panel of similar orders and the variant map. Thin: parse, pick the actor, call a
selector, render. A GET never writes (stale text vectors are embedded in memory only, ``zoeken.py``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from seta.autorisaties import policy
from seta.autorisaties.actor import actor_for
from seta.catalogus.models import Taaksoort
from seta.core.bounds import parse_id
from seta.core.errors import Forbidden
from seta.harmonisatie import selectors, varianten
from seta.samenwerkingsverbanden.models import Samenwerkingsverband

# --- similar orders (the draft form's panel) ----------------------------------------------------------------------------
FRAGMENT = "harmonisatie/_vergelijkbaar.html"


def _ids(waarden: list[str], naam: str) -> list[int]:
    return [i for w in waarden if (i := parse_id(w, name=naam)) is not None]


@login_required
@require_safe
def vergelijkbaar(request: HttpRequest) -> HttpResponse:
    """``GET /harmonisatie/vergelijkbaar?samenwerkingsverband=&titel=&doelen=&scope=&catalogusitem=&gemeenten=…``
    (the draft form's fields; or ``opdracht=<id>`` when sharpening). To htmx the fragment; without JavaScript (the
    form's button "Zoek vergelijkbare opdrachten") a page with the same fragment."""
    actor = actor_for(request.user)
    if not selectors.mag_zoeken(actor):
        raise Forbidden("U mag niet zoeken naar vergelijkbare opdrachten.")
    q = request.GET
    vraag = selectors.vraag_uit(
        actor,
        samenwerkingsverband_id=parse_id(q.get("samenwerkingsverband"), name="samenwerkingsverband"),
        catalogusitem_id=parse_id(q.get("catalogusitem"), name="catalogusitem"),
        opdracht_id=parse_id(q.get("opdracht"), name="opdracht"),
        gemeente_ids=_ids(q.getlist("gemeenten"), "gemeenten"),
        titel=q.get("titel", "")[:200],
        tekst="\n".join(q.get(v, "")[:5000] for v in ("doelen", "scope", "politieke_wensen") if q.get(v)),
    )
    hits = selectors.vergelijkbaar_voor_vraag(actor, vraag) if vraag.samenwerkingsverband is not None else []
    context = {
        "hits": hits,
        "vraag": vraag,
        "gezocht": bool(vraag.titel or vraag.tekst or vraag.opdracht),
        "zonder_verband": vraag.samenwerkingsverband is None,
    }
    if request.headers.get("HX-Request") == "true":
        return render(request, FRAGMENT, context)
    return render(request, "harmonisatie/vergelijkbaar.html", context)


# --- the variant map -----------------------------------------------------------------------------------------------------
def _verband(actor: object, sleutel: str) -> Samenwerkingsverband:
    from seta.samenwerkingsverbanden import selectors as sv_selectors

    qs = sv_selectors.samenwerkingsverbanden_for(actor)  # type: ignore[arg-type]
    sv = (
        qs.filter(pk=int(sleutel)).first()
        if sleutel.isdigit() and len(sleutel) < 19
        else qs.filter(slug=sleutel).first()
    )
    if sv is None:
        raise Http404
    return sv


@login_required
@require_safe
def variantenkaarten(request: HttpRequest) -> HttpResponse:
    """The cooperations whose variant map the actor may read (one: straight to it)."""
    actor = actor_for(request.user)
    if not policy.can(actor, "variantenkaart.lezen", None):
        raise Forbidden("U mag geen variantenkaart inzien.")
    lijst = varianten.verbanden(actor)
    if len(lijst) == 1:
        return redirect("harmonisatie:variantenkaart", sv=lijst[0].slug)
    return render(request, "harmonisatie/variantenkaarten.html", {"verbanden": lijst})


@login_required
@require_safe
def variantenkaart(request: HttpRequest, sv: str) -> HttpResponse:
    actor = actor_for(request.user)
    verband = _verband(actor, sv)
    items = varianten.kaarten(actor, verband)
    per_taaksoort = [
        (label, uitleg, [i for i in items if i.taaksoort == code])
        for code, label in Taaksoort.choices
        if (uitleg := varianten.TAAKSOORT_UITLEG.get(code, ""))
    ]
    return render(
        request,
        "harmonisatie/variantenkaart.html",
        {"sv": verband, "items": items, "per_taaksoort": [p for p in per_taaksoort if p[2]]},
    )


@login_required
@require_safe
def variantenkaart_item(request: HttpRequest, sv: str, item: int) -> HttpResponse:
    actor = actor_for(request.user)
    verband = _verband(actor, sv)
    kaart = varianten.kaart_van(actor, verband, item)
    if kaart is None:
        raise Http404
    return render(request, "harmonisatie/variantenkaart_item.html", {"sv": verband, "k": kaart})
