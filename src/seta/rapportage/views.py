"""Web pages of the council reports (mounted at /rapportage/): the list (grouped per cooperation and recipient,
newest first, with filters and subscriptions), a report (its body, status, decision, downloads, the lifecycle's
buttons with their forms, history, and for a sent report its hash), an action's page, the downloads (PDF, XLSX),
drafting a new one and the cycle with the Wgr calendar.

Every read goes through ``selectors``, every write through ``services`` (``seta.web.actions.run``); who may do
what is the policy's (``policy.toegestane_acties``, ``policy.can``).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor, actor_for
from seta.autorisaties.policy.opdrachten import eigen_gemeente_ids
from seta.core.bounds import parse_id, parse_jaar
from seta.core.errors import Conflict, Forbidden, SetaError
from seta.rapportage import document, lifecycle, selectors, services
from seta.rapportage.forms import (
    ALLE_RADEN,
    RENAME,
    AanbiedenForm,
    CorrigerenForm,
    CyclusForm,
    OpstellenForm,
    ToelichtingForm,
    VersieForm,
)
from seta.rapportage.models import Raadsrapportage
from seta.samenwerkingsverbanden import selectors as sv_selectors
from seta.samenwerkingsverbanden.besluiten import BesluitInvoer, bevoegd_orgaan
from seta.samenwerkingsverbanden.models import Besluitonderwerp, Bestuursorgaan
from seta.web.actions import page_status, refusal, run

ACTIE_VAN_URL = {lifecycle.url_deel(a): a for a in lifecycle.ACTIES}
TOELICHTINGEN = {
    lifecycle.TOELICHTEN_POOL: ("toelichting_pool", "Toelichting van de werkorganisatie"),
    lifecycle.TOELICHTEN_GEMEENTE: ("toelichting_gemeente", "Toelichting van de gemeentesecretaris"),
}


def _rapportage(actor: Actor, pk: int) -> Raadsrapportage:
    rapportage = selectors.rapportage_for(actor, pk)
    if rapportage is None:
        raise Http404
    return rapportage


def _ontvanger(r: Raadsrapportage) -> str:
    return r.gemeente.naam if r.gemeente is not None else "Alle raden (gezamenlijke rapportage)"


# --- the list ---------------------------------------------------------------------------------------------------
def _groepen(actor: Actor, rijen: list[Raadsrapportage], abonnementen: list[Any]) -> list[dict[str, Any]]:
    """The reports per cooperation and recipient; the actor's own municipalities' (and their joint) first."""
    eigen = eigen_gemeente_ids(actor)
    eigen_sv = {r.samenwerkingsverband_id for r in rijen if r.gemeente_id in eigen}
    groepen: dict[tuple[int, str], dict[str, Any]] = {}
    for r in rijen:
        sleutel = (r.samenwerkingsverband_id, r.ontvanger)
        groep = groepen.get(sleutel)
        if groep is None:
            eigen_groep = r.gemeente_id in eigen or (
                r.gemeente_id is None and r.samenwerkingsverband_id in eigen_sv
            )
            abonnement = next(
                (
                    a
                    for a in abonnementen
                    if a.samenwerkingsverband_id == r.samenwerkingsverband_id
                    and a.gemeente_id == r.gemeente_id
                ),
                None,
            )
            groep = groepen[sleutel] = {
                "sv": r.samenwerkingsverband,
                "gemeente": r.gemeente,
                "titel": f"{_ontvanger(r)} · {r.samenwerkingsverband.naam}",
                "eigen": eigen_groep,
                "id": f"g-{r.samenwerkingsverband_id}-{r.ontvanger}",
                "concepten": [],
                "laatste": None,
                "eerdere": [],
                "abonnement": abonnement,
                "mag_abonneren": abonnement is None
                and policy.can(actor, "abonnement.nemen", r.samenwerkingsverband),
            }
        if r.status == lifecycle.CONCEPT:
            groep["concepten"].append(r)
        elif groep["laatste"] is None and r.status == lifecycle.AANGEBODEN:
            groep["laatste"] = r
        else:
            groep["eerdere"].append(r)
    return sorted(
        groepen.values(),
        key=lambda g: (
            not g["eigen"],
            g["sv"].naam,
            g["gemeente"] is None,
            g["gemeente"].naam if g["gemeente"] is not None else "",
        ),
    )


def _perioden(verbanden: list[Any], jaar: int) -> list[tuple[str, str]]:
    uit: dict[str, str] = {}
    for sv in verbanden:
        for p in selectors.perioden_van(sv, jaar):
            uit.setdefault(p.periode.code, p.periode.naam)
    return list(uit.items())


@login_required
@require_safe
def lijst(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    g = request.GET
    alle = selectors.rapportages_for(actor).select_related("samenwerkingsverband", "gemeente", "besluit")
    jaar = parse_jaar(g.get("jaar"))
    gemeente_id = parse_id(g.get("gemeente"), name="gemeente")
    periode = (g.get("periode") or "")[:20]
    gefilterd = alle
    if jaar:
        gefilterd = gefilterd.filter(jaar=jaar)
    if gemeente_id:
        gefilterd = gefilterd.filter(gemeente_id=gemeente_id)
    if periode:
        gefilterd = gefilterd.filter(periode=periode)
    rijen = list(gefilterd.order_by("-jaar", "-eind", "-volgnummer", "pk"))
    abonnementen = list(selectors.abonnementen_for(actor).select_related("samenwerkingsverband", "gemeente"))
    keuzes = list(
        alle.values_list("jaar", "gemeente_id", "gemeente__naam", "periode", "periode_naam").distinct()
    )
    verbanden = list(selectors.verbanden_voor_opstellen(actor))
    return render(
        request,
        "rapportage/lijst.html",
        {
            "groepen": _groepen(actor, rijen, abonnementen),
            "aantal": len(rijen),
            "filters": g,
            "jaren": sorted({k[0] for k in keuzes}, reverse=True),
            "gemeenten": sorted({(k[1], k[2]) for k in keuzes if k[1] is not None}, key=lambda k: k[1]),
            "perioden": sorted({(k[3], k[4]) for k in keuzes}, key=lambda k: k[1]),
            "abonnementen": abonnementen,
            "mag_opstellen": bool(verbanden),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def opstellen(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    terug = reverse("rapportage:lijst")
    verbanden = list(selectors.verbanden_voor_opstellen(actor))
    if not verbanden:
        return refusal(request, Forbidden("U mag geen raadsrapportages opstellen."), back=terug)
    vandaag = timezone.localdate()
    deelnemers = list(
        sv_selectors.deelnemers_for(actor)
        .filter(samenwerkingsverband__in=verbanden)
        .select_related("gemeente", "samenwerkingsverband")
        .order_by("gemeente__naam")
    )
    gemeenten = list(
        dict.fromkeys(
            (
                str(d.gemeente_id),
                d.gemeente.naam + (f" ({d.samenwerkingsverband.naam})" if len(verbanden) > 1 else ""),
            )
            for d in deelnemers
        )
    )
    periode_keuzes = _perioden(verbanden, vandaag.year)
    form = OpstellenForm(
        request.POST or None,
        verbanden=[(str(v.pk), v.naam) for v in verbanden],
        gemeenten=gemeenten,
        perioden=periode_keuzes,
        initial={"jaar": vandaag.year},
    )
    if request.method == "POST" and form.is_valid():
        sv = next(v for v in verbanden if str(v.pk) == form.cleaned_data["samenwerkingsverband"])
        keuze = form.cleaned_data["gemeente"]
        gemeente = (
            None
            if keuze == ALLE_RADEN
            else next((d.gemeente for d in deelnemers if str(d.gemeente_id) == keuze), None)
        )
        uitkomst = run(
            request,
            lambda: services.opstellen(
                actor=actor,
                samenwerkingsverband=sv,
                gemeente=gemeente,
                jaar=form.cleaned_data["jaar"],
                periode=form.cleaned_data["periode"],
            ),
            form=form,
            rename=RENAME,
        )
        if uitkomst.ok and uitkomst.value is not None:
            return redirect("rapportage:detail", uitkomst.value.pk)
    return render(request, "rapportage/opstellen.html", {"form": form}, status=page_status(request, form))


# --- one report -------------------------------------------------------------------------------------------------
def _actie_form(rapportage: Raadsrapportage, actie: str, data: Any = None) -> Any:
    initial = {"versie": rapportage.versie}
    if actie in TOELICHTINGEN:
        veld, label = TOELICHTINGEN[actie]
        return ToelichtingForm(
            data, label=label, initial=initial | {"tekst": getattr(rapportage, veld)}, prefix=actie
        )
    if actie == lifecycle.AANBIEDEN:
        orgaan = (
            bevoegd_orgaan(rapportage.samenwerkingsverband, Besluitonderwerp.RAADSRAPPORTAGE)
            if rapportage.is_gezamenlijk
            else Bestuursorgaan.COLLEGE
        )
        return AanbiedenForm(
            data,
            gezamenlijk=rapportage.is_gezamenlijk,
            orgaan=orgaan,
            initial=initial | {"datum": timezone.localdate()},
            prefix=actie,
        )
    if actie == lifecycle.CORRIGEREN:
        return CorrigerenForm(data, initial=initial, prefix=actie)
    return VersieForm(data, initial=initial, prefix=actie)


def _knoppen(
    actor: Actor, rapportage: Raadsrapportage, formulieren: dict[str, Any] | None = None
) -> list[Any]:
    formulieren = formulieren or {}
    return [
        {
            "actie": actie,
            "url": reverse("rapportage:actie", args=[rapportage.pk, lifecycle.url_deel(actie)]),
            "label": lifecycle.ACTIE_LABELS[actie],
            "form": formulieren.get(actie) or _actie_form(rapportage, actie),
        }
        for actie in policy.toegestane_acties(actor, rapportage)
    ]


def _versies(actor: Actor, rapportage: Raadsrapportage) -> list[Raadsrapportage]:
    return list(
        selectors.rapportages_for(actor)
        .filter(
            samenwerkingsverband_id=rapportage.samenwerkingsverband_id,
            ontvanger=rapportage.ontvanger,
            jaar=rapportage.jaar,
            periode=rapportage.periode,
        )
        .order_by("volgnummer")
    )


def _detail_context(
    actor: Actor, rapportage: Raadsrapportage, formulieren: dict[str, Any] | None = None
) -> Any:
    inhoud = selectors.weergave_inhoud(actor, rapportage)
    return {
        "r": rapportage,
        "ontvanger": _ontvanger(rapportage),
        "inhoud": inhoud,
        "body": document.html(inhoud),
        "knoppen": _knoppen(actor, rapportage, formulieren),
        "geschiedenis": selectors.geschiedenis(actor, rapportage),
        "versies": _versies(actor, rapportage),
        "bevroren": rapportage.is_bevroren,
    }


@login_required
@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    rapportage = _rapportage(actor, pk)
    return render(request, "rapportage/detail.html", _detail_context(actor, rapportage))


def _weigering(rapportage: Raadsrapportage, actie: str) -> SetaError:
    if actie not in lifecycle.acties_vanuit(rapportage.status, gezamenlijk=rapportage.is_gezamenlijk):
        return Conflict(
            f"'{lifecycle.ACTIE_LABELS.get(actie, actie)}' past niet bij de status van {rapportage} "
            f"({rapportage.status_label.lower()})."
        )
    if actie == lifecycle.AANBIEDEN:
        if rapportage.gemeente is not None:
            return Forbidden(
                f"Alleen het college van {rapportage.gemeente.naam} biedt deze rapportage aan de raad aan."
            )
        orgaan = bevoegd_orgaan(rapportage.samenwerkingsverband, Besluitonderwerp.RAADSRAPPORTAGE)
        return Forbidden(
            f"Alleen een lid van het {Bestuursorgaan(orgaan).label.lower()} stelt {rapportage} vast."
        )
    return Forbidden()


@login_required
@require_http_methods(["GET", "POST"])
def actie(request: HttpRequest, pk: int, actie: str) -> HttpResponse:
    """The page of one action (GET: its form; POST: do it)."""
    actor = actor_for(request.user)
    rapportage = _rapportage(actor, pk)
    naam = ACTIE_VAN_URL.get(actie)
    if naam is None:
        raise Http404
    terug = reverse("rapportage:detail", args=[rapportage.pk])
    if naam not in policy.toegestane_acties(actor, rapportage):
        return refusal(request, _weigering(rapportage, naam), back=terug)
    data = request.POST if request.method == "POST" else None
    form = _actie_form(rapportage, naam, data)
    context = {"r": rapportage, "actie": naam, "label": lifecycle.ACTIE_LABELS[naam], "form": form}
    if request.method != "POST":
        return render(request, "rapportage/actie.html", context)
    if not form.is_valid():
        return render(request, "rapportage/actie.html", context, status=page_status(request, form))
    versie = form.cleaned_data.get("versie")

    def doe() -> Raadsrapportage:
        if naam in TOELICHTINGEN:
            return services.toelichten(
                actor=actor,
                rapportage=rapportage,
                actie=naam,
                tekst=form.cleaned_data.get("tekst") or "",
                expected_version=versie,
            )
        if naam == lifecycle.AANBIEDEN:
            b = form.besluit()
            return services.aanbieden(
                actor=actor,
                rapportage=rapportage,
                besluit=BesluitInvoer(orgaan=b["orgaan"], kenmerk=b["kenmerk"], datum=b["datum"]),
                expected_version=versie,
            )
        return services.corrigeren(
            actor=actor, rapportage=rapportage, reden=form.cleaned_data["reden"], expected_version=versie
        )

    uitkomst = run(request, doe, form=form, rename=RENAME)
    if not uitkomst.ok:
        return render(request, "rapportage/actie.html", context, status=page_status(request, form))
    assert uitkomst.value is not None
    return redirect("rapportage:detail", uitkomst.value.pk)


def _bestandsnaam(r: Raadsrapportage, ext: str) -> str:
    wie = r.gemeente.naam if r.gemeente is not None else "alle-raden"
    versie = f"-v{r.volgnummer}" if r.volgnummer > 1 else ""
    naam = f"raadsrapportage-{r.periode}-{r.jaar}-{wie}{versie}".lower().replace(" ", "-")
    return "".join(c for c in naam if c.isalnum() or c in "-_") + f".{ext}"


@login_required
@require_safe
def pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The frozen PDF of a sent report (byte for byte what the council got); a concept's, rendered now."""
    actor = actor_for(request.user)
    rapportage = _rapportage(actor, pk)
    response = HttpResponse(selectors.pdf_van(actor, rapportage), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_bestandsnaam(rapportage, "pdf")}"'
    return response


@login_required
@require_safe
def xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    rapportage = _rapportage(actor, pk)
    inhoud = document.xlsx(selectors.weergave_inhoud(actor, rapportage))
    response = HttpResponse(
        inhoud, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(rapportage, "xlsx")}"'
    return response


# --- the cycle --------------------------------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def cyclus(request: HttpRequest, slug: str) -> HttpResponse:
    actor = actor_for(request.user)
    sv = sv_selectors.samenwerkingsverband_by_slug(actor, slug)
    if sv is None or not policy.can(actor, "rapportagecyclus.lezen", sv):
        raise Http404
    vandaag = timezone.localdate()
    jaar = parse_jaar(request.GET.get("jaar"), default=vandaag.year + 1) or vandaag.year + 1
    huidig = selectors.cyclus_van(sv)
    mag_wijzigen = policy.can(actor, "rapportagecyclus.wijzigen", sv)
    form: CyclusForm | None = None
    if mag_wijzigen:
        initial = {
            "ritme": huidig.ritme,
            "bron": huidig.bron,
            "dagen_na_periode": huidig.dagen_na_periode,
            "versie": huidig.versie if huidig.pk else None,
        }
        form = CyclusForm(request.POST if request.method == "POST" else None, initial=initial)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            uitkomst = run(
                request,
                lambda: services.cyclus_instellen(
                    actor=actor,
                    samenwerkingsverband=sv,
                    ritme=data["ritme"],
                    bron=data.get("bron") or "",
                    dagen_na_periode=data["dagen_na_periode"],
                    expected_version=data.get("versie"),
                ),
                form=form,
                rename=RENAME,
            )
            if uitkomst.ok:
                return redirect("rapportage:cyclus", sv.slug)
    elif request.method == "POST":
        return refusal(request, Forbidden("U mag de rapportagecyclus niet wijzigen."), back=request.path)
    return render(
        request,
        "rapportage/cyclus.html",
        {
            "sv": sv,
            "cyclus": huidig,
            "perioden": selectors.perioden_van(sv, jaar),
            "kalender": selectors.wgr_kalender(sv, jaar),
            "jaar": jaar,
            "vorig_jaar": jaar - 1,
            "volgend_jaar": jaar + 1,
            "form": form,
        },
        status=page_status(request, form),
    )


# --- subscriptions ----------------------------------------------------------------------------------------------
@login_required
@require_POST
def abonneren(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    terug = reverse("rapportage:lijst")
    sv_id = parse_id(request.POST.get("samenwerkingsverband"), name="samenwerkingsverband")
    gemeente_id = parse_id(request.POST.get("gemeente"), name="gemeente")
    sv = next((v for v in sv_selectors.samenwerkingsverbanden_for(actor) if v.pk == sv_id), None)
    if sv is None:
        raise Http404
    gemeente = None
    if gemeente_id is not None:
        deelnemer = (
            sv_selectors.deelnemers_for(actor)
            .filter(samenwerkingsverband=sv, gemeente_id=gemeente_id)
            .select_related("gemeente")
            .first()
        )
        if deelnemer is None:
            raise Http404
        gemeente = deelnemer.gemeente
    uitkomst = run(
        request, lambda: services.abonneren(actor=actor, samenwerkingsverband=sv, gemeente=gemeente)
    )
    if not uitkomst.ok:
        assert uitkomst.error is not None
        return refusal(request, uitkomst.error, back=terug)
    wie = gemeente.naam if gemeente is not None else sv.naam
    messages.success(request, f"U krijgt voortaan een e-mail bij een nieuwe raadsrapportage van {wie}.")
    return redirect(terug)


@login_required
@require_POST
def opzeggen(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    terug = reverse("rapportage:lijst")
    abonnement = selectors.abonnement_for(actor, pk)
    if abonnement is None:
        raise Http404
    uitkomst = run(request, lambda: services.opzeggen(actor=actor, abonnement=abonnement))
    if not uitkomst.ok:
        assert uitkomst.error is not None
        return refusal(request, uitkomst.error, back=terug)
    messages.success(request, "Uw abonnement is opgezegd.")
    return redirect(terug)
