"""The scan wizard: my scans, partners (step 1), questions per theme, overview, result, PDF, comparison.

Views are thin: they parse the form, call a service or selector with the request's actor, and render.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from seta.autorisaties import policy
from seta.autorisaties.actor import actor_for
from seta.core.bounds import parse_id, parse_versie
from seta.core.errors import InvalidInput, NotFound, SetaError, StaleVersion
from seta.gemeenten import selectors as gemeente_selectors
from seta.scan import kern, selectors, services
from seta.scan.forms import HandmatigePartnerForm, NieuweScanForm, ThemaForm, ZoekGemeenteForm, keuzes, themas
from seta.scan.models import Casusvorm, Scansessie
from seta.scan.pdf import render_pdf
from seta.scan.services import PartnerInvoer
from seta.web.actions import page_status, refusal
from seta.web.forms import apply_errors

RISICO_KLASSE = {
    "hoog": "rood",
    "verhoogd": "oranje",
    "matig": "neutraal",
    "laag": "groen",
    "onbekend": "onbekend",
}
STATUS_LABEL = {
    "aanbevolen": "Best passend",
    "mogelijk": "Mogelijk",
    "minder passend": "Minder passend",
    "ontraden": "Afgeraden door de bron",
}


def _scan(request: HttpRequest, pk: int) -> Scansessie:
    try:
        return selectors.scansessie_for(actor_for(request.user), pk)
    except NotFound as exc:
        raise Http404(exc.detail) from exc


def _versie(request: HttpRequest) -> int | None:
    return parse_versie(request.POST.get("versie"))


def _stappen(scansessie: Scansessie) -> list[dict[str, Any]]:
    """The wizard's steps for the step indicator (partners, one per theme, overview)."""
    stappen = [
        {"titel": "Partners", "url": reverse("scan:partners", args=[scansessie.pk]), "key": "partners"}
    ]
    for index, (thema, _vragen) in enumerate(themas(), start=1):
        stappen.append(
            {
                "titel": thema.titel,
                "url": reverse("scan:vragen", args=[scansessie.pk, index]),
                "key": f"vragen-{index}",
            }
        )
    stappen.append(
        {"titel": "Overzicht", "url": reverse("scan:overzicht", args=[scansessie.pk]), "key": "overzicht"}
    )
    return stappen


def _wizard_context(scansessie: Scansessie, actief: str) -> dict[str, Any]:
    stappen = _stappen(scansessie)
    for nummer, stap in enumerate(stappen, start=1):
        stap["nummer"] = nummer
        stap["actief"] = stap["key"] == actief
    return {
        "scan": scansessie,
        "stappen": stappen,
        "aantal_stappen": len(stappen),
        "resultaat_actief": actief == "resultaat",
    }


# --- my scans ------------------------------------------------------------------------------------------
@login_required
def start(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    scans = list(selectors.scansessies_for(actor))
    return render(
        request,
        "scan/start.html",
        {
            "scans": scans,
            "form": NieuweScanForm(),
            "aantal_casussen": selectors.casussen_for(actor).filter(actief=True).count(),
        },
    )


@login_required
@require_POST
def nieuw(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    form = NieuweScanForm(request.POST)
    if form.is_valid():
        try:
            scan = services.create_scansessie(actor=actor, naam=form.cleaned_data["naam"])
        except InvalidInput as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"De scan '{scan.naam}' is aangemaakt. Kies eerst de partnergemeenten.")
            return redirect("scan:partners", pk=scan.pk)
    scans = list(selectors.scansessies_for(actor))
    return render(
        request, "scan/start.html", {"scans": scans, "form": form}, status=page_status(request, form)
    )


@login_required
@require_POST
def verwijderen(request: HttpRequest, pk: int) -> HttpResponse:
    scan = _scan(request, pk)
    services.delete_scansessie(
        actor=actor_for(request.user),
        scansessie=scan,
        expected_version=parse_versie(request.POST.get("versie")),
    )
    messages.success(request, f"De scan '{scan.naam}' is verwijderd.")
    return redirect("scan:start")


# --- step 1: partners ----------------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def partners(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    scan = _scan(request, pk)
    zoekform = ZoekGemeenteForm(request.GET or None)
    handform = HandmatigePartnerForm()
    status = 200
    if request.method == "POST":
        actie = request.POST.get("actie")
        try:
            if actie == "toevoegen":
                scan = services.add_partner(
                    actor=actor,
                    scansessie=scan,
                    partner=PartnerInvoer(gemeente=request.POST.get("gemeente", "")),
                    expected_version=_versie(request),
                )
                messages.success(request, f"{scan.partners.last()} is toegevoegd.")
                return redirect(f"{reverse('scan:partners', args=[scan.pk])}?{request.GET.urlencode()}")
            if actie == "verwijderen":
                scan = services.remove_partner(
                    actor=actor,
                    scansessie=scan,
                    partner_id=parse_id(request.POST.get("partner"), name="partner", default=0) or 0,
                    expected_version=_versie(request),
                )
                messages.success(request, "De partner is verwijderd.")
                return redirect("scan:partners", pk=scan.pk)
            if actie == "handmatig":
                handform = HandmatigePartnerForm(request.POST)
                if handform.is_valid():
                    data = handform.cleaned_data
                    scan = services.add_partner(
                        actor=actor,
                        scansessie=scan,
                        partner=PartnerInvoer(
                            naam=data["naam"], provincie=data["provincie"] or "", inwoners=data["inwoners"]
                        ),
                        expected_version=_versie(request),
                    )
                    messages.success(
                        request,
                        f"{data['naam']} is toegevoegd als gemeente die niet (meer) in de referentielijst staat.",
                    )
                    return redirect("scan:partners", pk=scan.pk)
                status = 400
        except StaleVersion as exc:
            return refusal(request, exc, back=reverse("scan:partners", args=[scan.pk]))
        except InvalidInput as exc:
            status = 400
            for veld, meldingen in exc.fields.items():
                if actie == "handmatig" and veld in handform.fields:
                    handform.add_error(veld, meldingen)
                else:
                    messages.error(request, " ".join(meldingen))
            scan = _scan(request, pk)

    resultaten: list[Any] = []
    opgeheven: list[Any] = []
    zoek = ""
    if zoekform.is_valid():
        zoek = (zoekform.cleaned_data.get("q") or "").strip()
        if zoek:
            gekozen = [p.gemeente_id for p in scan.partners.all() if p.gemeente_id]
            resultaten = list(
                gemeente_selectors.gemeenten_for(actor)
                .filter(
                    Q(naam__icontains=zoek) | Q(cbs_code__iexact=zoek) | Q(cbs_code__icontains=zoek.upper())
                )
                .exclude(pk__in=gekozen)
                .order_by("naam")[:25]
            )
            bekend = {g.naam.casefold() for g in resultaten}
            opgeheven = [p for p in kern.bekende_opgeheven_gemeenten(zoek) if p.naam.casefold() not in bekend]
    context = {
        **_wizard_context(scan, "partners"),
        "zoekform": zoekform,
        "handform": handform,
        "zoek": zoek,
        "resultaten": resultaten,
        "opgeheven": opgeheven,
        "partners": list(scan.partners.all()),
        "volgende": reverse("scan:vragen", args=[scan.pk, 1]),
    }
    return render(request, "scan/partners.html", context, status=status)


# --- steps 2..n: questions per theme ------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def vragen(request: HttpRequest, pk: int, stap: int) -> HttpResponse:
    actor = actor_for(request.user)
    scan = _scan(request, pk)
    groepen = themas()
    if not 1 <= stap <= len(groepen):
        raise Http404("Deze stap bestaat niet.")
    thema, lijst = groepen[stap - 1]
    namen = [p.naam for p in scan.partners.all()]
    status = 200
    if request.method == "POST":
        form = ThemaForm(request.POST, vragen=lijst, partner_namen=namen)
        if form.is_valid():
            try:
                scan = services.update_scansessie(
                    actor=actor,
                    scansessie=scan,
                    antwoorden=form.antwoorden(),
                    expected_version=_versie(request),
                )
            except StaleVersion as exc:
                return refusal(request, exc, back=reverse("scan:vragen", args=[scan.pk, stap]))
            except InvalidInput as exc:
                status = 400
                for veld, meldingen in exc.fields.items():
                    naam = veld.split(".", 1)[-1]
                    form.add_error(naam if naam in form.fields else None, meldingen)
            else:
                knop = request.POST.get("knop", "volgende")
                if knop == "vorige":
                    if stap == 1:
                        return redirect("scan:partners", pk=scan.pk)
                    return redirect("scan:vragen", pk=scan.pk, stap=stap - 1)
                if knop == "concept":
                    messages.success(
                        request, "Uw antwoorden zijn opgeslagen. U kunt later verder via 'Mijn scans'."
                    )
                    return redirect("scan:start")
                if stap < len(groepen):
                    return redirect("scan:vragen", pk=scan.pk, stap=stap + 1)
                return redirect("scan:overzicht", pk=scan.pk)
        else:
            status = 400
    else:
        form = ThemaForm(initial=dict(scan.antwoorden or {}), vragen=lijst, partner_namen=namen)
    items = [
        {
            "vraag": vraag,
            "veld": form[vraag.id],
            "keuzes": keuzes(vraag),
            "per_partner": form.per_partner_velden(vraag),
        }
        for vraag in lijst
    ]
    context = {
        **_wizard_context(scan, f"vragen-{stap}"),
        "thema": thema,
        "stap": stap,
        "items": items,
        "form": form,
        "laatste": stap == len(groepen),
    }
    return render(request, "scan/vragen.html", context, status=status)


# --- overview and calculation -------------------------------------------------------------------------
def _overzicht_context(scan: Scansessie) -> dict[str, Any]:
    antwoorden = scan.antwoorden or {}
    groepen = []
    for index, (thema, lijst) in enumerate(themas(), start=1):
        rijen = []
        for vraag in lijst:
            waarde = antwoorden.get(vraag.id)
            labels = dict(keuzes(vraag))
            label: str | None
            if isinstance(waarde, dict):
                label = "; ".join(f"{k}: {labels.get(str(v), v)}" for k, v in waarde.items())
            else:
                label = labels.get(str(waarde)) if waarde is not None else None
            rijen.append({"vraag": vraag, "antwoord": label, "ontbreekt": vraag.verplicht and waarde is None})
        groepen.append({"thema": thema, "stap": index, "rijen": rijen})
    return {**_wizard_context(scan, "overzicht"), "groepen": groepen, "partners": list(scan.partners.all())}


@login_required
def overzicht(request: HttpRequest, pk: int) -> HttpResponse:
    scan = _scan(request, pk)
    return render(request, "scan/overzicht.html", _overzicht_context(scan))


@login_required
@require_POST
def berekenen(request: HttpRequest, pk: int) -> HttpResponse:
    scan = _scan(request, pk)
    try:
        scan = services.calculate(
            actor=actor_for(request.user), scansessie=scan, expected_version=_versie(request)
        )
    except StaleVersion as exc:
        return refusal(request, exc, back=reverse("scan:overzicht", args=[scan.pk]))
    except InvalidInput as exc:
        context = _overzicht_context(scan)
        context["fouten"] = [
            (veld, melding) for veld, meldingen in exc.fields.items() for melding in meldingen
        ]
        return render(request, "scan/overzicht.html", context, status=400)
    return redirect("scan:resultaat", pk=scan.pk)


# --- the result, the PDF and the comparison ------------------------------------------------------------
def resultaat_context(scan: Scansessie) -> dict[str, Any]:
    """What the result page and the PDF show, prepared from the stored result JSON."""
    r = scan.resultaat or {}
    advies = r.get("advies") or {}
    menus = list(advies.get("menus") or [])
    for m in menus:
        m["status_label"] = STATUS_LABEL.get(m.get("status", ""), m.get("status", ""))
    namen = {m["menu"]: m["naam"] for m in menus}
    kolommen = ["menu_1", "menu_2", "menu_3"]
    figuur3 = [
        {"punt": p["punt"], "tekens": [p["tekens"].get(k, "") for k in kolommen]}
        for p in advies.get("figuur3") or []
    ]
    factoren = list(r.get("factoren") or [])
    titels = {}
    for f in factoren:
        f["klasse"] = RISICO_KLASSE.get(f.get("risico", ""), "onbekend")
        titels[f["factor"]] = f["titel"]
    vormen = dict(Casusvorm.choices)
    casussen = list(r.get("vergelijkbare_casussen") or [])
    for c in casussen:
        c["vorm_label"] = vormen.get(c.get("vorm", ""), c.get("vorm", ""))
        for g in c.get("genoemde_factoren") or []:
            g["factor_titel"] = titels.get(g.get("factor", ""), g.get("factor", ""))
    gevraagd = [f for f in factoren if f.get("soort") == "gevraagd"]
    berekend = [f for f in factoren if f.get("soort") == "berekend"]
    return {
        **_wizard_context(scan, "resultaat"),
        "r": r,
        "risico_klasse": RISICO_KLASSE.get(r.get("risico", ""), "onbekend"),
        "menus": menus,
        "aanbevolen": menus[0] if menus else None,
        "figuur3": figuur3,
        "figuur3_kolommen": [namen.get(k, k) for k in kolommen],
        "figuur3_bron": advies.get("figuur3_bron"),
        "werkpunten": advies.get("werkpunten") or [],
        "dealbreakers": advies.get("dealbreakers") or [],
        "gevoeligheid": advies.get("gevoeligheid") or [],
        "factorgroepen": [
            {
                "titel": "Gevraagde factoren: uw antwoorden op de vragenlijst",
                "antwoordkop": "Antwoord",
                "factoren": gevraagd,
            },
            {
                "titel": "Berekende factoren: uit de gegevens van de partners",
                "antwoordkop": "Gegeven",
                "factoren": berekend,
            },
        ],
        "bronnen": bronnen_van(r),
        "verhoogd": [f for f in factoren if f.get("risico") in ("verhoogd", "hoog")],
        "met_voorbehoud": [f for f in factoren if f.get("voorbehoud")],
        "casussen": casussen,
        "voorbehouden": r.get("voorbehouden") or [],
        "aantal_onbekend": len(r.get("onbekend") or []),
        "bron_document": "Samen en Toch Apart (SETA), brontekst van de samenwerkingsscan",
    }


def _regel_start(bron: dict[str, Any]) -> tuple[int, str]:
    eerste = str(bron.get("regels", "0")).split("-", 1)[0]
    return (int(eerste) if eerste.isdigit() else 0, str(bron.get("regels", "")))


def bronnen_van(data: Any) -> list[dict[str, Any]]:
    """Every seed passage cited anywhere in a result, once each, in the order of the text."""
    gevonden: dict[tuple[str, str], dict[str, Any]] = {}

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if set(value) >= {"regels", "titel"} and isinstance(value.get("titel"), str):
                gevonden.setdefault((str(value["regels"]), value["titel"]), value)
                return
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(data)
    return sorted(gevonden.values(), key=_regel_start)


@login_required
def resultaat(request: HttpRequest, pk: int) -> HttpResponse:
    scan = _scan(request, pk)
    if not scan.resultaat:
        messages.info(
            request, "Deze scan is nog niet berekend. Controleer de antwoorden en kies 'Bereken de uitkomst'."
        )
        return redirect("scan:overzicht", pk=scan.pk)
    return render(request, "scan/resultaat.html", resultaat_context(scan))


def pdf_response(request: HttpRequest, scan: Scansessie) -> HttpResponse:
    if not scan.resultaat:
        raise InvalidInput(
            "Deze scan is nog niet berekend.", fields={"resultaat": ["Bereken de scan eerst."]}
        )
    data = render_pdf(request, "scan/resultaat.html", resultaat_context(scan))
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="samenwerkingsscan-{scan.pk}.pdf"'
    return response


@login_required
def rapport_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    scan = _scan(request, pk)
    if not scan.resultaat:
        messages.info(request, "Bereken de scan eerst; daarna kunt u het rapport downloaden.")
        return redirect("scan:overzicht", pk=scan.pk)
    return pdf_response(request, scan)


@login_required
def vergelijk(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    eigen = list(selectors.scansessies_for(actor).filter(resultaat__isnull=False))
    gekozen: list[Scansessie] = []
    fouten: list[str] = []
    for sleutel in ("a", "b"):
        value = request.GET.get(sleutel)
        if not value:
            continue
        try:
            scan = selectors.scansessie_for(actor, value)
        except SetaError:
            raise Http404("Deze scan bestaat niet, of hij is niet van u.") from None
        if not scan.resultaat:
            fouten.append(f"De scan '{scan.naam}' is nog niet berekend.")
            continue
        gekozen.append(scan)
    kolommen = [resultaat_context(s) for s in gekozen]
    rijen: list[dict[str, Any]] = []
    if len(kolommen) == 2:
        titels: dict[str, str] = {}
        for k in kolommen:
            for f in k["r"].get("factoren", []):
                titels.setdefault(f["factor"], f["titel"])
        for factor_id, titel in titels.items():
            cellen = []
            for k in kolommen:
                f = next((x for x in k["r"].get("factoren", []) if x["factor"] == factor_id), None)
                cellen.append(f)
            rijen.append({"titel": titel, "cellen": cellen})
    return render(
        request,
        "scan/vergelijk.html",
        {
            "eigen": eigen,
            "kolommen": kolommen,
            "rijen": rijen,
            "fouten": fouten,
            "a": request.GET.get("a", ""),
            "b": request.GET.get("b", ""),
        },
        status=400 if fouten else 200,
    )


@login_required
def casussen(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    lijst = list(selectors.casussen_for(actor).order_by("jaar", "naam"))
    return render(
        request,
        "scan/casussen.html",
        {"casussen": lijst, "beheerder": policy.can(actor, "casus.wijzigen", None)},
    )
