"""Web pages of service agreements (DVO): the list per cooperation, the agreement with its services and norms,
the forms of a concept, and the decisions (buttons from the lifecycle table, ``policy.toegestane_acties``)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor, actor_for
from seta.catalogus import selectors as catalogus_selectors
from seta.core.errors import Conflict, Forbidden, InvalidInput, SetaError
from seta.dienstverlening import lifecycle, selectors, services
from seta.dienstverlening.forms import AfspraakForm, BesluitForm, DvoForm, EscalatieForm, VersieForm
from seta.dienstverlening.models import Dienstverleningsovereenkomst
from seta.gemeenten import selectors as gemeenten_selectors
from seta.samenwerkingsverbanden import selectors as sv_selectors
from seta.samenwerkingsverbanden.besluiten import bevoegd_orgaan
from seta.samenwerkingsverbanden.models import Besluitonderwerp, Bestuursorgaan
from seta.web.actions import form_invalid, page_status, refusal, run

DVO = Dienstverleningsovereenkomst
ACTIE_VAN_URL = {lifecycle.url_deel(a): a for a in lifecycle.ACTIES if a != lifecycle.WIJZIGEN}


def _dvo(actor: Actor, pk: int) -> DVO:
    dvo = selectors.dvo_for(actor, pk)
    if dvo is None:
        raise Http404
    return dvo


def _gemeenten(actor: Actor, sv: Any) -> list[tuple[str, str]]:
    deelnemers = sv_selectors.deelnemers_for(actor).filter(samenwerkingsverband=sv).order_by("gemeente__naam")
    return list(dict.fromkeys((d.gemeente.slug, d.gemeente.naam) for d in deelnemers))


def _gemeente(actor: Actor, slug: str | None) -> Any:
    if not slug:
        return None
    gemeente = gemeenten_selectors.gemeente_by_slug(actor, slug)
    if gemeente is None:
        raise InvalidInput(fields={"gemeente": ["Onbekende gemeente."]})
    return gemeente


def _weigering(actor: Actor, obj: Any, actie: str) -> SetaError:
    """Why an action is refused: the state (409, naming why) or the person (403)."""
    if isinstance(obj, DVO):
        if actie == lifecycle.WIJZIGEN and obj.status != lifecycle.CONCEPT:
            return Conflict(
                f"{obj} is {lifecycle.STATUS_LABELS[obj.status].lower()}: een vastgestelde overeenkomst wijzigt niet. "
                "Stel een nieuwe versie op en laat die vaststellen."
            )
        if actie not in lifecycle.acties_vanuit(obj.status):
            return Conflict(
                f"'{lifecycle.ACTIE_LABELS.get(actie, actie)}' past niet bij de status van {obj}."
            )
        if actie == lifecycle.VASTSTELLEN:
            orgaan = bevoegd_orgaan(obj.samenwerkingsverband, Besluitonderwerp.DVO)
            return Forbidden(
                f"Alleen een lid van het {Bestuursorgaan(orgaan).label.lower()} stelt {obj} vast."
            )
    return Forbidden()


def _versie(form: Any) -> int | None:
    return form.cleaned_data.get("versie")


# --- list ---------------------------------------------------------------------------------------------------------
@login_required
@require_safe
def lijst(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    dvos = selectors.dvos_for(actor)
    leesbaar = set(dvos.values_list("samenwerkingsverband_id", flat=True))
    verbanden = [
        sv
        for sv in sv_selectors.samenwerkingsverbanden_for(actor).order_by("naam")
        if sv.pk in leesbaar or policy.can(actor, "dvo.aanmaken", sv)
    ]
    slug = request.GET.get("samenwerkingsverband")
    sv = next((v for v in verbanden if v.slug == slug), verbanden[0] if verbanden else None)
    rijen = list(dvos.filter(samenwerkingsverband=sv).order_by("kenmerk", "-volgnummer")) if sv else []
    return render(
        request,
        "dienstverlening/dvo_lijst.html",
        {
            "verbanden": verbanden,
            "sv": sv,
            "dvos": rijen,
            "mag_aanmaken": sv is not None and policy.can(actor, "dvo.aanmaken", sv),
        },
    )


# --- detail and actions ---------------------------------------------------------------------------------------------
def _besluit_orgaan(dvo: DVO, actie: str) -> str:
    if actie == lifecycle.COLLEGEBESLUIT:
        return Bestuursorgaan.COLLEGE
    return bevoegd_orgaan(dvo.samenwerkingsverband, Besluitonderwerp.DVO)


def _detail_context(actor: Actor, dvo: DVO, formulieren: dict[str, Any] | None = None) -> dict[str, Any]:
    acties = policy.toegestane_acties(actor, dvo)
    formulieren = formulieren or {}
    knoppen = []
    for actie in acties:
        if actie == lifecycle.WIJZIGEN:
            continue
        form = formulieren.get(actie)
        if form is None:
            if actie in lifecycle.MET_BESLUIT:
                form = BesluitForm(
                    orgaan=_besluit_orgaan(dvo, actie), initial={"versie": dvo.versie}, prefix=actie
                )
            else:
                form = VersieForm(initial={"versie": dvo.versie}, prefix=actie)
        knoppen.append(
            {
                "actie": actie,
                "url": reverse("dienstverlening:dvo_actie", args=[dvo.pk, lifecycle.url_deel(actie)]),
                "label": lifecycle.ACTIE_LABELS[actie],
                "form": form,
                "met_besluit": actie in lifecycle.MET_BESLUIT,
            }
        )
    afspraken = [
        {"afspraak": a, "normen": [(n, selectors.norm_tekst(n)) for n in a.normen.all()]}
        for a in dvo.afspraken.all()
    ]
    return {
        "dvo": dvo,
        "afspraken": afspraken,
        "knoppen": knoppen,
        "mag_wijzigen": lifecycle.WIJZIGEN in acties,
        "collegebesluiten": sorted(
            dvo.collegebesluiten.all(), key=lambda b: b.gemeente.naam if b.gemeente else ""
        ),
        "ontbrekend": selectors.ontbrekende_colleges(dvo) if dvo.status == lifecycle.CONCEPT else [],
        "opvolgers": list(dvo.opvolgers.all()),
        "historie": selectors.historie_for(actor, dvo),
        "status_label": lifecycle.STATUS_LABELS[dvo.status],
    }


@login_required
@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    dvo = _dvo(actor, pk)
    return render(request, "dienstverlening/dvo_detail.html", _detail_context(actor, dvo))


@login_required
@require_POST
def actie(request: HttpRequest, pk: int, actie: str) -> HttpResponse:
    actor = actor_for(request.user)
    dvo = _dvo(actor, pk)
    naam = ACTIE_VAN_URL.get(actie)
    if naam is None:
        raise Http404
    terug = reverse("dienstverlening:dvo_detail", args=[dvo.pk])
    if naam in lifecycle.MET_BESLUIT:
        form: Any = BesluitForm(request.POST, orgaan=_besluit_orgaan(dvo, naam), prefix=naam)
    else:
        form = VersieForm(request.POST, prefix=naam)
    if not policy.can(actor, f"dvo.{naam}", dvo):
        return refusal(request, _weigering(actor, dvo, naam), back=terug)
    if not form.is_valid():
        if naam not in lifecycle.MET_BESLUIT:
            return refusal(request, form_invalid(form), back=terug)
        return render(
            request,
            "dienstverlening/dvo_detail.html",
            _detail_context(actor, dvo, {naam: form}),
            status=page_status(request, form),
        )
    gegevens: dict[str, Any] = {"expected_version": _versie(form)}
    if naam in lifecycle.MET_BESLUIT:
        gegevens["besluit"] = {k: form.cleaned_data[k] for k in ("orgaan", "kenmerk", "datum")}
    uitkomst = run(
        request,
        lambda: services.perform(actor=actor, dvo=dvo, actie=naam, gegevens=gegevens),
        form=form,
        rename={"besluit.orgaan": "orgaan", "besluit.kenmerk": "kenmerk", "besluit.datum": "datum"},
    )
    if not uitkomst.ok:
        if naam not in lifecycle.MET_BESLUIT:
            assert uitkomst.error is not None
            return refusal(request, uitkomst.error, back=terug)
        vers = _dvo(actor, pk)
        return render(
            request,
            "dienstverlening/dvo_detail.html",
            _detail_context(actor, vers, {naam: form}),
            status=page_status(request, form),
        )
    assert uitkomst.value is not None
    return redirect("dienstverlening:dvo_detail", uitkomst.value.pk)


# --- forms of a concept -----------------------------------------------------------------------------------------------
def _dvo_gegevens(actor: Actor, form: DvoForm) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    data.pop("versie", None)
    data["gemeente"] = _gemeente(actor, data.get("gemeente"))
    return data


@login_required
@require_http_methods(["GET", "POST"])
def nieuw(request: HttpRequest, slug: str) -> HttpResponse:
    actor = actor_for(request.user)
    sv = sv_selectors.samenwerkingsverband_by_slug(actor, slug)
    if sv is None:
        raise Http404
    if not policy.can(actor, "dvo.aanmaken", sv):
        return refusal(request, _weigering(actor, sv, "aanmaken"), back=reverse("dienstverlening:dvo_lijst"))
    gemeenten = _gemeenten(actor, sv)
    form = DvoForm(request.POST or None, gemeenten=gemeenten, initial={"rapportageritme": "kwartaal"})
    if request.method == "POST" and form.is_valid():
        uitkomst = run(
            request,
            lambda: services.create_dvo(actor=actor, samenwerkingsverband=sv, **_dvo_gegevens(actor, form)),
            form=form,
        )
        if uitkomst.ok and uitkomst.value is not None:
            return redirect("dienstverlening:dvo_detail", uitkomst.value.pk)
    return render(
        request,
        "dienstverlening/dvo_form.html",
        {"form": form, "sv": sv, "dvo": None},
        status=page_status(request, form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def wijzigen(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    dvo = _dvo(actor, pk)
    terug = reverse("dienstverlening:dvo_detail", args=[dvo.pk])
    if lifecycle.WIJZIGEN not in policy.toegestane_acties(actor, dvo):
        return refusal(request, _weigering(actor, dvo, "wijzigen"), back=terug)
    initial = {
        "versie": dvo.versie,
        "kenmerk": dvo.kenmerk,
        "titel": dvo.titel,
        "gemeente": dvo.gemeente.slug if dvo.gemeente else "",
        "ingangsdatum": dvo.ingangsdatum,
        "einddatum": dvo.einddatum,
        "rapportageritme": dvo.rapportageritme,
        "openbaar": dvo.openbaar,
        "toelichting": dvo.toelichting,
    }
    form = DvoForm(
        request.POST or None, gemeenten=_gemeenten(actor, dvo.samenwerkingsverband), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        uitkomst = run(
            request,
            lambda: services.update_dvo(
                actor=actor, dvo=dvo, changes=_dvo_gegevens(actor, form), expected_version=_versie(form)
            ),
            form=form,
        )
        if uitkomst.ok:
            return redirect(terug)
    return render(
        request,
        "dienstverlening/dvo_form.html",
        {"form": form, "sv": dvo.samenwerkingsverband, "dvo": dvo},
        status=page_status(request, form),
    )


def _afspraak_form(
    actor: Actor, dvo: DVO, data: Any = None, initial: dict[str, Any] | None = None
) -> AfspraakForm:
    items = catalogus_selectors.catalogusitems_for(actor).filter(
        samenwerkingsverband=dvo.samenwerkingsverband, actief=True
    )
    return AfspraakForm(
        data,
        items=[(str(i.pk), i.naam) for i in items.order_by("naam")],
        gemeenten=_gemeenten(actor, dvo.samenwerkingsverband) if dvo.gemeente_id is None else None,
        initial=initial,
    )


def _item(actor: Actor, pk: str) -> Any:
    return catalogus_selectors.catalogusitem_for(actor, pk)


@login_required
@require_http_methods(["GET", "POST"])
def dienst(request: HttpRequest, pk: int, afspraak_pk: int | None = None) -> HttpResponse:
    """Add a service with its norms to a concept, or change one (``afspraak_pk``)."""
    actor = actor_for(request.user)
    dvo = _dvo(actor, pk)
    terug = reverse("dienstverlening:dvo_detail", args=[dvo.pk])
    afspraak = None
    if afspraak_pk is not None:
        afspraak = next((a for a in dvo.afspraken.all() if a.pk == afspraak_pk), None)
        if afspraak is None:
            raise Http404
    if lifecycle.WIJZIGEN not in policy.toegestane_acties(actor, dvo):
        return refusal(request, _weigering(actor, dvo, "wijzigen"), back=terug)
    initial = {"versie": dvo.versie, **(AfspraakForm.initial_van(afspraak) if afspraak else {})}
    form = _afspraak_form(actor, dvo, request.POST or None, initial)
    if request.method == "POST" and form.is_valid():
        normen, rename = form.normen()
        gemeente = _gemeente(actor, form.cleaned_data.get("gemeente"))
        item = _item(actor, form.cleaned_data["catalogusitem"])
        if afspraak is None:
            uitkomst: Any = run(
                request,
                lambda: services.add_afspraak(
                    actor=actor,
                    dvo=dvo,
                    catalogusitem=item,
                    gemeente=gemeente,
                    normen=normen,
                    toelichting=form.cleaned_data.get("toelichting", ""),
                    expected_version=_versie(form),
                ),
                form=form,
                rename=rename,
            )
        else:
            uitkomst = run(
                request,
                lambda: services.change_afspraak(
                    actor=actor,
                    afspraak=afspraak,
                    catalogusitem=item,
                    gemeente=gemeente,
                    normen=normen,
                    toelichting=form.cleaned_data.get("toelichting", ""),
                    expected_version=_versie(form),
                ),
                form=form,
                rename=rename,
            )
        if uitkomst.ok:
            return redirect(terug)
    return render(
        request,
        "dienstverlening/dvo_dienst.html",
        {"form": form, "dvo": dvo, "afspraak": afspraak},
        status=page_status(request, form),
    )


@login_required
@require_POST
def dienst_verwijderen(request: HttpRequest, pk: int, afspraak_pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    dvo = _dvo(actor, pk)
    terug = reverse("dienstverlening:dvo_detail", args=[dvo.pk])
    afspraak = next((a for a in dvo.afspraken.all() if a.pk == afspraak_pk), None)
    if afspraak is None:
        raise Http404
    form = VersieForm(request.POST)
    if not form.is_valid():
        return refusal(request, form_invalid(form), back=terug)
    uitkomst = run(
        request,
        lambda: services.remove_afspraak(actor=actor, afspraak=afspraak, expected_version=_versie(form)),
    )
    if not uitkomst.ok:
        assert uitkomst.error is not None
        return refusal(request, uitkomst.error, back=terug)
    return redirect(terug)


@login_required
@require_http_methods(["GET", "POST"])
def escalatie(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    dvo = _dvo(actor, pk)
    terug = reverse("dienstverlening:dvo_detail", args=[dvo.pk])
    if lifecycle.WIJZIGEN not in policy.toegestane_acties(actor, dvo):
        return refusal(request, _weigering(actor, dvo, "wijzigen"), back=terug)
    form = EscalatieForm(request.POST or None, initial=EscalatieForm.initial_van(dvo))
    if request.method == "POST" and form.is_valid():
        stappen, rename = form.stappen()
        uitkomst = run(
            request,
            lambda: services.set_escalatie(
                actor=actor, dvo=dvo, stappen=stappen, expected_version=_versie(form)
            ),
            form=form,
            rename=rename,
        )
        if uitkomst.ok:
            return redirect(terug)
    return render(
        request,
        "dienstverlening/dvo_escalatie.html",
        {"form": form, "dvo": dvo},
        status=page_status(request, form),
    )
