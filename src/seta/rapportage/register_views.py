"""The public register (Woo, active publication): pages and feeds anyone may read, without logging in.

Every view is GET/HEAD only and never writes; every read goes through ``register_selectors`` (the policy's Q
objects of ``autorisaties/policy/register.py``); anything not public is a 404, like anything that does not exist.
The feeds (JSON and the DiWoo sitemap XML) and the stored PDFs carry ``ETag`` and ``Last-Modified`` and answer a
conditional GET with 304.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from seta.gemeenten.models import Gemeente
from seta.organisatie.models import Eenheid
from seta.rapportage import diwoo, document
from seta.rapportage import register_selectors as selectors
from seta.rapportage.kern import diwoo as kern_diwoo
from seta.samenwerkingsverbanden.models import Samenwerkingsverband

CACHE_CONTROL = "public, max-age=300"


def _sv(slug: str) -> Samenwerkingsverband:
    sv = selectors.verband(slug)
    if sv is None:
        raise Http404("Niet gevonden in het openbaar register")
    return sv


def _partner(sv: Samenwerkingsverband, slug: str) -> Gemeente:
    g = selectors.partner(sv, slug)
    if g is None:
        raise Http404("Niet gevonden in het openbaar register")
    return g


def _conditioneel(
    request: HttpRequest, response: HttpResponse, gewijzigd: dt.datetime | None
) -> HttpResponse:
    """ETag (the body's hash) and Last-Modified; a matching conditional GET becomes a 304."""
    etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
    response["ETag"] = etag
    response["Cache-Control"] = CACHE_CONTROL
    timestamp = int(gewijzigd.timestamp()) if gewijzigd is not None else None
    if timestamp is not None:
        response["Last-Modified"] = http_date(timestamp)
    conditional = get_conditional_response(request, etag=etag, last_modified=timestamp, response=response)
    return conditional if conditional is not None else response


# --- the organogram ---------------------------------------------------------------------------------------------
@dataclass
class Knoop:
    eenheid: Eenheid
    kinderen: list[Knoop] = field(default_factory=list)


def _organogram(eenheden: list[Eenheid]) -> list[Knoop]:
    knopen = {e.pk: Knoop(e) for e in eenheden}
    wortels: list[Knoop] = []
    for e in eenheden:
        ouder = knopen.get(e.bovenliggend_id) if e.bovenliggend_id else None
        (ouder.kinderen if ouder is not None else wortels).append(knopen[e.pk])
    return wortels


# --- pages ------------------------------------------------------------------------------------------------------
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    verbanden = [(sv, list(selectors.deelnemers(sv))) for sv in selectors.verbanden().order_by("naam")]
    return render(request, "rapportage/register/index.html", {"verbanden": verbanden})


def _lijsten(sv: Samenwerkingsverband, gemeente: Gemeente | None) -> dict[str, Any]:
    return {
        "rapportages": list(selectors.rapportages(sv, gemeente)),
        "besluiten": list(selectors.besluiten(sv, gemeente)),
        "raadsbesluiten": list(selectors.raadsbesluiten(sv, gemeente)),
        "opdrachten": list(selectors.opdrachten(sv, gemeente)),
    }


@require_safe
def verband(request: HttpRequest, sv: str) -> HttpResponse:
    s = _sv(sv)
    context = {"sv": s, "deelnemers": list(selectors.deelnemers(s)), **_lijsten(s, None)}
    return render(request, "rapportage/register/verband.html", context)


@require_safe
def gemeente(request: HttpRequest, sv: str, gemeente: str) -> HttpResponse:
    s = _sv(sv)
    g = _partner(s, gemeente)
    context = {"sv": s, "gemeente": g, "publisher": diwoo.gemeente_organisatie(g), **_lijsten(s, g)}
    return render(request, "rapportage/register/gemeente.html", context)


@require_safe
def organisatie(request: HttpRequest, sv: str) -> HttpResponse:
    s = _sv(sv)
    meta = diwoo.organisatie(s, request.build_absolute_uri)
    context = {
        "sv": s,
        "meta": meta,
        "categorie": kern_diwoo.CATEGORIEEN[meta.categorie],
        "deelnemers": list(selectors.deelnemers(s)),
        "organogram": _organogram(list(selectors.eenheden(s))),
    }
    return render(request, "rapportage/register/organisatie.html", context)


@require_safe
def opdracht(request: HttpRequest, sv: str, pk: int) -> HttpResponse:
    s = _sv(sv)
    o = selectors.opdracht(s, pk)
    if o is None:
        raise Http404("Niet gevonden in het openbaar register")
    meta = diwoo.opdracht(o, request.build_absolute_uri)
    context = {
        "sv": s,
        "o": o,
        "meta": meta,
        "categorie": kern_diwoo.CATEGORIEEN[meta.categorie],
        "opdrachtgevers": [og for og in o.opdrachtgevers.all() if og.teruggetrokken_op is None],
    }
    return render(request, "rapportage/register/opdracht.html", context)


@require_safe
def besluit(request: HttpRequest, sv: str, pk: int) -> HttpResponse:
    s = _sv(sv)
    b = selectors.besluit(s, pk)
    if b is None:
        raise Http404("Niet gevonden in het openbaar register")
    meta = diwoo.besluit(b, request.build_absolute_uri)
    context = {"sv": s, "b": b, "meta": meta, "categorie": kern_diwoo.CATEGORIEEN[meta.categorie]}
    return render(request, "rapportage/register/besluit.html", context)


@require_safe
def rapportage(request: HttpRequest, sv: str, pk: int) -> HttpResponse:
    s = _sv(sv)
    r = selectors.rapportage(s, pk)
    if r is None or r.inhoud is None:
        raise Http404("Niet gevonden in het openbaar register")
    meta = diwoo.rapportage(r, request.build_absolute_uri)
    context = {
        "sv": s,
        "r": r,
        "meta": meta,
        "categorie": kern_diwoo.CATEGORIEEN[meta.categorie],
        "inhoud_html": document.html(r.inhoud),
        "heeft_pdf": bool(r.pdf),
        "correctie": selectors.correctie_van(r) if r.status == "vervangen" else None,
    }
    return render(request, "rapportage/register/rapportage.html", context)


@require_safe
def rapportage_pdf(request: HttpRequest, sv: str, pk: int) -> HttpResponse:
    s = _sv(sv)
    r = selectors.rapportage(s, pk)
    if r is None or not r.pdf:
        raise Http404("Niet gevonden in het openbaar register")
    response = HttpResponse(bytes(r.pdf), content_type="application/pdf")
    naam = f"raadsrapportage-{s.slug}-{r.ontvanger.lower()}-{r.jaar}-{r.periode}-v{r.volgnummer}.pdf"
    response["Content-Disposition"] = f'inline; filename="{naam}"'
    return _conditioneel(request, response, r.gewijzigd_op)


# --- feeds ------------------------------------------------------------------------------------------------------
def _items(request: HttpRequest, s: Samenwerkingsverband, g: Gemeente | None) -> list[kern_diwoo.Metadata]:
    return diwoo.alles(s, request.build_absolute_uri, g)


def _json_feed(request: HttpRequest, s: Samenwerkingsverband, g: Gemeente | None) -> HttpResponse:
    items = _items(request, s, g)
    body = {
        "samenwerkingsverband": {"naam": s.naam, "slug": s.slug},
        "gemeente": None
        if g is None
        else {"naam": g.naam, "cbsCode": g.cbs_code, "uri": diwoo.gemeente_organisatie(g).uri},
        "aantal": len(items),
        "items": [kern_diwoo.naar_json(m) for m in items],
    }
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False, "indent": 1})
    return _conditioneel(request, response, selectors.laatst_gewijzigd(s))


def _xml_feed(request: HttpRequest, s: Samenwerkingsverband, g: Gemeente | None) -> HttpResponse:
    response = HttpResponse(
        kern_diwoo.sitemap_xml(_items(request, s, g)), content_type="application/xml; charset=utf-8"
    )
    return _conditioneel(request, response, selectors.laatst_gewijzigd(s))


def _infocat(nummer: str) -> kern_diwoo.Categorie:
    c = kern_diwoo.categorie_van_infocat(int(nummer)) if nummer.isdigit() and len(nummer) == 3 else None
    if c is None:
        raise Http404("Geen informatiecategorie met dit nummer")
    return c


@require_safe
def sitemapindex(request: HttpRequest, sv: str, nummer: str) -> HttpResponse:
    """The harvester's sitemap index of one information category (``sitemapindex-diwoo-infocatNNN.xml``)."""
    s = _sv(sv)
    c = _infocat(nummer)
    loc = request.build_absolute_uri(reverse("register:infocat_xml", args=[s.slug, nummer]))
    items = [m for m in _items(request, s, None) if m.categorie == c.code]
    lastmod = max((m.gewijzigd for m in items), default=None)
    body = kern_diwoo.sitemapindex_xml([(loc, lastmod)] if items else [])
    response = HttpResponse(body, content_type="application/xml; charset=utf-8")
    return _conditioneel(request, response, selectors.laatst_gewijzigd(s))


@require_safe
def infocat_xml(request: HttpRequest, sv: str, nummer: str) -> HttpResponse:
    """The DiWoo sitemap of one information category."""
    s = _sv(sv)
    c = _infocat(nummer)
    items = [m for m in _items(request, s, None) if m.categorie == c.code]
    response = HttpResponse(kern_diwoo.sitemap_xml(items), content_type="application/xml; charset=utf-8")
    return _conditioneel(request, response, selectors.laatst_gewijzigd(s))


@require_safe
def robots(request: HttpRequest) -> HttpResponse:
    """``Sitemap:`` lines for every cooperation and category in use: the content of the host's ``robots.txt``
    (mounted at ``/robots.txt`` by the deployment; the Woo-harvester looks there)."""
    regels = ["User-agent: *", "Allow: /register/"]
    for s in selectors.verbanden().order_by("slug"):
        gebruikt = {m.categorie for m in _items(request, s, None)}
        for c in kern_diwoo.CATEGORIEEN.values():
            if c.code in gebruikt:
                url = reverse("register:sitemapindex", args=[s.slug, c.infocat.removeprefix("infocat")])
                regels.append(f"Sitemap: {request.build_absolute_uri(url)}")
    return HttpResponse("\n".join(regels) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def feed_json(request: HttpRequest, sv: str) -> HttpResponse:
    return _json_feed(request, _sv(sv), None)


@require_safe
def diwoo_xml(request: HttpRequest, sv: str) -> HttpResponse:
    return _xml_feed(request, _sv(sv), None)


@require_safe
def gemeente_feed_json(request: HttpRequest, sv: str, gemeente: str) -> HttpResponse:
    s = _sv(sv)
    return _json_feed(request, s, _partner(s, gemeente))


@require_safe
def gemeente_diwoo_xml(request: HttpRequest, sv: str, gemeente: str) -> HttpResponse:
    s = _sv(sv)
    return _xml_feed(request, s, _partner(s, gemeente))
