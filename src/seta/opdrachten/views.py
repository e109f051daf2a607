"""Pages of commissioning (Dutch): assignment list and page with its lifecycle buttons, forms, board questions,
meetings. Thin: parse the input, pick the actor, call a selector or service, render."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor, actor_for
from seta.autorisaties.policy.opdrachten import Opdrachtcontext, eigen_gemeente_ids, initiatief_van
from seta.catalogus import selectors as catalogus_selectors
from seta.core.bounds import parse_id
from seta.core.errors import Conflict, Forbidden, InvalidInput, NotFound, SetaError, StaleVersion
from seta.gemeenten import selectors as gemeente_selectors
from seta.gemeenten.models import Functie, Gemeente
from seta.opdrachten import forms, lifecycle, selectors, services
from seta.opdrachten.models import STATUS_CHOICES, Bestuursopdracht, Bestuursvraag, Initiatief, Vraagstatus
from seta.organisatie import selectors as organisatie_selectors
from seta.samenwerkingsverbanden import selectors as sv_selectors
from seta.web.actions import form_invalid, page_status, refusal, run
from seta.web.forms import apply_errors

PER_PAGINA = 25


def _get(fn: Any, *args: Any) -> Any:
    try:
        return fn(*args)
    except NotFound as exc:
        raise Http404 from exc


def _forbidden(request: HttpRequest, exc: Forbidden) -> HttpResponse:
    return render(request, "web/error.html", {"titel": "Geen toestemming", "uitleg": exc.detail}, status=403)


def _partner_gemeenten(actor: Actor) -> QuerySet[Gemeente]:
    """The partner gemeenten of the cooperations the actor may see."""
    return (
        gemeente_selectors.gemeenten_for(actor)
        .filter(pk__in=sv_selectors.deelnemers_for(actor).values("gemeente_id"))
        .order_by("naam")
    )


# --- list --------------------------------------------------------------------------------------------------------------------
@login_required
def lijst(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    qs = selectors.bestuursopdrachten_for(actor)
    g = request.GET
    gemeenten = _partner_gemeenten(actor)
    portefeuilles = gemeente_selectors.portefeuilles_for(actor)
    portefeuille_namen = sorted(set(portefeuilles.values_list("naam", flat=True)))
    eenheden = (
        organisatie_selectors.eenheden_for(actor)
        .select_related("samenwerkingsverband")
        .order_by("samenwerkingsverband__naam", "naam")
    )
    deadline_voor = _datum(g.get("deadline_voor"))
    gemeente = gemeenten.filter(slug=g.get("gemeente")).first() if g.get("gemeente") else None
    portefeuille_ids = (
        list(portefeuilles.filter(naam=g.get("portefeuille")).values_list("pk", flat=True))
        if g.get("portefeuille")
        else None
    )
    qs = selectors.filter_opdrachten(
        qs,
        gemeente=gemeente,
        status=g.get("status") or None,
        eenheid=parse_id(g.get("eenheid"), name="eenheid"),
        deadline_voor=deadline_voor,
        zoek=g.get("zoek") or None,
        samenwerkingsverband=parse_id(g.get("samenwerkingsverband"), name="samenwerkingsverband"),
        naar_raad={"ja": True, "nee": False}.get(g.get("naar_raad", "")),
    )
    if portefeuille_ids is not None:
        qs = selectors.met_opdrachtgever(qs, portefeuille_id__in=portefeuille_ids)
    sortering = {"deadline": "deadline", "nummer": "nummer", "status": "status"}.get(g.get("sorteer", ""))
    qs = qs.order_by(sortering, "id") if sortering else qs.order_by("-aangemaakt_op", "-id")
    pagina = Paginator(qs, PER_PAGINA).get_page(g.get("pagina"))
    params = g.copy()
    params.pop("pagina", None)
    kosten = _kosten_uit_raadsrapportages(actor, list(pagina))
    return render(
        request,
        "opdrachten/lijst.html",
        {
            "pagina": pagina,
            "kosten": kosten,
            "filters": g,
            "querystring": params.urlencode(),
            "gemeenten": gemeenten,
            "statussen": STATUS_CHOICES,
            "portefeuilles": portefeuille_namen,
            "eenheden": eenheden,
            "verbanden": sv_selectors.samenwerkingsverbanden_for(actor).order_by("naam"),
            "mag_aanmaken": policy.can(actor, "bestuursopdracht.aanmaken", None),
            "vandaag": timezone.localdate(),
        },
    )


def _kosten_uit_raadsrapportages(actor: Actor, opdrachten: list[Bestuursopdracht]) -> dict[str, Any] | None:
    """The cost so far per assignment on the page as the newest council report the actor reads states it (one
    query for the page, not one per row): ``o.kosten_raad`` is set on each row the reports name; None (no column)
    when no report names any of them."""
    from seta.rapportage import selectors as rapportage_selectors

    per_opdracht = rapportage_selectors.kosten_per_opdracht(actor, [o.pk for o in opdrachten])
    if not per_opdracht:
        return None
    for o in opdrachten:
        o.kosten_raad = per_opdracht.get(o.pk)  # type: ignore[attr-defined]
    return {"peildata": sorted({k["peildatum"] for k in per_opdracht.values()})}


def _datum(waarde: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(waarde) if waarde else None
    except ValueError:
        return None


# --- create and edit ---------------------------------------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def nieuw(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not policy.can(actor, "bestuursopdracht.aanmaken", None):
        return _forbidden(request, Forbidden("U mag geen bestuursopdrachten opstellen."))
    verbanden = sv_selectors.samenwerkingsverbanden_for(actor).order_by("naam")
    eigen = eigen_gemeente_ids(actor)
    gemeenten = _partner_gemeenten(actor)
    portefeuilles = sorted(
        set(
            gemeente_selectors.portefeuilles_for(actor)
            .filter(gemeente__in=gemeenten)
            .values_list("naam", flat=True)
        )
    )
    form = forms.NieuweOpdrachtForm(
        request.POST or None,
        verbanden=verbanden,
        gemeenten=gemeenten,
        portefeuilles=portefeuilles,
        catalogusitems=catalogus_selectors.catalogusitems_for(actor).filter(actief=True).order_by("naam"),
        initial={"gemeenten": list(eigen), "vertrouwelijkheid": "openbaar", "reikwijdte": "gemeente"},
    )
    if request.method == "POST" and form.is_valid():
        sv = form.cleaned_data["samenwerkingsverband"]
        pf_naam = form.cleaned_data.get("portefeuille") or ""
        opdrachtgevers = []
        for gemeente in form.cleaned_data.get("gemeenten") or []:
            pf = gemeente_selectors.portefeuilles_for(actor).filter(gemeente=gemeente, naam=pf_naam).first()
            regisseur = (
                gemeente_selectors.functionarissen_for(actor)
                .filter(gemeente=gemeente, functie=Functie.BELEIDSREGISSEUR, gebruiker_id=request.user.pk)
                .first()
            )
            opdrachtgevers.append(services.OpdrachtgeverInvoer(gemeente, pf, regisseur))
        initiatief = Initiatief(initiatief_van(actor))
        kaders = form.kaders()
        for k in ("samenwerkingsverband", "gemeenten", "portefeuille"):
            kaders.pop(k, None)
        try:
            opdracht = services.draft(
                actor=actor,
                samenwerkingsverband=sv,
                opdrachtgevers=opdrachtgevers,
                catalogusitem=kaders.pop("catalogusitem"),
                titel=kaders.pop("titel"),
                deadline=kaders.pop("deadline"),
                doelen=kaders.pop("doelen"),
                initiatief=initiatief,
                mijlpalen=form.cleaned_data["mijlpalen"],
                **kaders,
            )
        except InvalidInput as exc:
            apply_errors(form, exc, rename={"opdrachtgevers": "gemeenten"})
        except Forbidden as exc:
            apply_errors(form, exc)  # on top of the form, with its status (403)
        else:
            messages.success(request, f"Concept {opdracht.nummer} is opgesteld.")
            return redirect("opdrachten:detail", pk=opdracht.pk)
    context: dict[str, Any] = {
        "form": form,
        "titel": "Nieuwe bestuursopdracht",
        "intro": "Stel een concept op. Alleen het college (de portefeuillehouder of de burgemeester) kan het daarna "
        "opdragen aan de werkorganisatie.",
        "knop": "Concept opslaan",
        "terug": reverse("opdrachten:lijst"),
    }
    # --- harmonisatie (issue 13): the live panel of similar orders of the partners (harmonisatie/_paneel.html)
    from seta.harmonisatie import selectors as harmonisatie_selectors

    if harmonisatie_selectors.mag_zoeken(actor):
        context["vergelijkbaar_paneel"] = reverse("harmonisatie:vergelijkbaar")
    # --- end harmonisatie
    return render(request, "opdrachten/form.html", context, status=page_status(request, form))


@login_required
@require_http_methods(["GET", "POST"])
def wijzigen(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    opdracht = _get(selectors.bestuursopdracht_for, actor, pk)
    if not policy.can(actor, "bestuursopdracht.wijzigen", opdracht):
        return _forbidden(request, Forbidden("U mag de kaders van deze opdracht niet wijzigen."))
    initial = {f: getattr(opdracht, f) for f in services.KADERVELDEN}
    initial["versie"] = opdracht.versie
    initial["mijlpalen"] = "\n".join(
        f"{m.datum.isoformat()} {m.omschrijving}" for m in opdracht.mijlpalen.all()
    )
    form = forms.KaderForm(
        request.POST or None,
        initial=initial,
        catalogusitems=catalogus_selectors.catalogusitems_for(actor)
        .filter(samenwerkingsverband_id=opdracht.samenwerkingsverband_id)
        .order_by("naam"),
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.sharpen(
                actor=actor,
                opdracht=opdracht,
                expected_version=form.cleaned_data.get("versie"),
                changes=form.kaders(),
                mijlpalen=form.cleaned_data["mijlpalen"],
            )
        except StaleVersion as exc:
            form.add_error(None, exc.detail)
            status = 412
        except InvalidInput as exc:
            apply_errors(form, exc)
        except (Conflict, Forbidden) as exc:
            form.add_error(None, exc.detail)
            status = exc.status
        else:
            messages.success(request, "De kaders zijn bijgewerkt.")
            return redirect("opdrachten:detail", pk=opdracht.pk)
    context: dict[str, Any] = {
        "form": form,
        "titel": f"Kaders aanscherpen: {opdracht.nummer}",
        "opdracht": opdracht,
        "intro": "Zolang de opdracht een concept is, kunnen de kaders worden aangescherpt. Daarna gaat een wijziging via "
        "een wijzigingsverzoek.",
        "knop": "Kaders opslaan",
        "terug": reverse("opdrachten:detail", args=[opdracht.pk]),
    }
    # --- harmonisatie (issue 13): the live panel of similar orders of the partners (harmonisatie/_paneel.html)
    from seta.harmonisatie import selectors as harmonisatie_selectors

    if harmonisatie_selectors.mag_zoeken(actor, opdracht.samenwerkingsverband):
        context["vergelijkbaar_paneel"] = reverse("harmonisatie:vergelijkbaar")
    # --- end harmonisatie
    return render(request, "opdrachten/form.html", context, status=status)


# --- the assignment page -----------------------------------------------------------------------------------------------------
def _actie_forms(actor: Actor, opdracht: Bestuursopdracht) -> list[dict[str, Any]]:
    eenheden = organisatie_selectors.eenheden_for(actor).filter(
        samenwerkingsverband_id=opdracht.samenwerkingsverband_id
    )
    result = []
    for knop in selectors.allowed_actions(actor, opdracht):
        initial: dict[str, Any] = {"versie": opdracht.versie}
        if knop.actie == "ramen":
            initial.update(
                uren=opdracht.raming_uren,
                externe_kosten=opdracht.raming_externe_kosten,
                eenheid=opdracht.eenheid_id,
                opleverdatum=opdracht.raming_opleverdatum,
            )
        form = forms.overgang_form(
            knop.actie,
            initial=initial,
            prefix=knop.actie,
            eenheden=eenheden.order_by("naam"),
            overschrijding=knop.overschrijding,
        )
        result.append({"knop": knop, "form": form})
    return result


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    opdracht = _get(selectors.bestuursopdracht_for, actor, pk)
    verzoeken = list(
        opdracht.wijzigingsverzoeken.prefetch_related("goedgekeurd_door").order_by("-ingediend_op")
    )
    for v in verzoeken:
        v.besluit_form = (
            forms.BesluitWijzigingForm(initial={"versie": v.versie}, prefix=f"wv{v.pk}")
            if policy.toegestane_acties(actor, v)
            else None
        )
    context = {
        "opdracht": opdracht,
        "opdrachtgevers": opdracht.opdrachtgevers.all(),
        "historie": selectors.historie_for(actor, opdracht),
        "voortgang": opdracht.voortgang.all(),
        "mijlpalen": opdracht.mijlpalen.all(),
        "vragen": selectors.bestuursvragen_for(actor).filter(bestuursopdracht=opdracht),
        "verzoeken": verzoeken,
        "acties": _actie_forms(actor, opdracht),
        "mag_wijzigen": opdracht.status == lifecycle.CONCEPT
        and policy.can(actor, "bestuursopdracht.wijzigen", opdracht),
        "mag_verzoeken": opdracht.status in services.WIJZIGBAAR
        and policy.can(actor, "wijzigingsverzoek.indienen", opdracht),
        "mag_vragen": opdracht.status not in lifecycle.EINDSTATUSSEN
        and policy.can(
            actor,
            "bestuursvraag.stellen",
            Opdrachtcontext(
                opdracht.samenwerkingsverband_id,
                frozenset(og.gemeente_id for og in opdracht.opdrachtgevers.all()),
                bestuursopdracht=opdracht,
            ),
        ),
        "verwant": selectors.related_elsewhere(actor, opdracht),
        "toon_verwant": selectors.may_see_related(actor, opdracht),
        "in_gevaar": opdracht.deadline_in_gevaar(),
    }
    # --- nacalculatie (issue 10): the actuals against estimate and frame, rendered by nacalculatie/_sectie.html
    from seta.nacalculatie import selectors as nacalculatie_selectors

    context["nacalculatie"] = nacalculatie_selectors.sectie_for(actor, opdracht)
    # --- end nacalculatie
    # --- planning (issue 11): where the assignment stands in the current plan, rendered by planning/_plan_sectie.html
    from seta.planning import selectors_plan

    context["planning"] = selectors_plan.sectie_for(actor, opdracht)
    # --- end planning
    # --- harmonisatie (issue 13): similar orders of the other partners, rendered by harmonisatie/_opdracht_sectie.html
    from seta.harmonisatie import selectors as harmonisatie_selectors

    if harmonisatie_selectors.toon_bij_opdracht(actor, opdracht):
        context["vergelijkbare_opdrachten"] = harmonisatie_selectors.vergelijkbaar_voor_opdracht(
            actor, opdracht
        )
        context["toon_vergelijkbaar"] = True
    # --- end harmonisatie
    # --- harmonisation (issue 13): the pool may turn this assignment into a harmonisation proposal
    context["mag_harmoniseren"] = opdracht.vertrouwelijkheid == "openbaar" and policy.can(
        actor, "harmonisatievoorstel.opstellen", opdracht.samenwerkingsverband
    )
    # --- end harmonisation
    return render(request, "opdrachten/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def actie(request: HttpRequest, pk: int, actie: str) -> HttpResponse:
    actor = actor_for(request.user)
    if actie not in lifecycle.ACTIES:
        raise Http404
    opdracht = _get(selectors.bestuursopdracht_for, actor, pk)
    eenheden = (
        organisatie_selectors.eenheden_for(actor)
        .filter(samenwerkingsverband_id=opdracht.samenwerkingsverband_id)
        .order_by("naam")
    )
    form = forms.overgang_form(
        actie,
        request.POST or None,
        initial={"versie": opdracht.versie},
        prefix=actie,
        eenheden=eenheden,
        overschrijding=selectors.overschrijding_for(actor, opdracht).melding
        if actie in lifecycle.OVERSCHRIJDING_BEVESTIGEN
        else None,
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.perform(actor=actor, opdracht=opdracht, actie=actie, gegevens=form.gegevens())
        except StaleVersion as exc:
            form.add_error(None, exc.detail)
            status = 412
        except InvalidInput as exc:
            apply_errors(form, exc)
            status = 400
        except (Conflict, Forbidden) as exc:
            form.add_error(None, exc.detail)
            status = exc.status
        else:
            opdracht.refresh_from_db()
            messages.success(
                request, f"{lifecycle.ACTIE_LABELS[actie]}: vastgelegd. Status: {opdracht.status_label}."
            )
            return redirect("opdrachten:detail", pk=opdracht.pk)
    elif request.method == "GET" and not policy.can(actor, f"bestuursopdracht.{actie}", opdracht):
        return _forbidden(request, Forbidden())
    return render(
        request,
        "opdrachten/form.html",
        {
            "form": form,
            "titel": f"{lifecycle.ACTIE_LABELS[actie]}: {opdracht.nummer}",
            "opdracht": opdracht,
            "knop": lifecycle.ACTIE_LABELS[actie],
            "terug": reverse("opdrachten:detail", args=[opdracht.pk]),
            "actie_url": reverse("opdrachten:actie", args=[opdracht.pk, actie]),
            "actie": actie,
        },
        status=status,
    )


# --- change requests -----------------------------------------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def wijzigingsverzoek_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    opdracht = _get(selectors.bestuursopdracht_for, actor, pk)
    form = forms.WijzigingsverzoekForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            d = form.cleaned_data
            services.request_change(
                actor=actor,
                opdracht=opdracht,
                soort=d["soort"],
                toelichting=d.get("toelichting") or "",
                nieuwe_scope=d.get("nieuwe_scope") or "",
                nieuwe_deadline=d.get("nieuwe_deadline"),
                nieuw_max_uren=d.get("nieuw_max_uren"),
                nieuw_max_euro=d.get("nieuw_max_euro"),
            )
        except InvalidInput as exc:
            apply_errors(form, exc)
            status = 400
        except (Conflict, Forbidden) as exc:
            form.add_error(None, exc.detail)
            status = exc.status
        else:
            messages.success(
                request, "Het wijzigingsverzoek is ingediend; de opdrachtgever(s) beslissen erover."
            )
            return redirect("opdrachten:detail", pk=opdracht.pk)
    return render(
        request,
        "opdrachten/form.html",
        {
            "form": form,
            "titel": f"Wijzigingsverzoek: {opdracht.nummer}",
            "opdracht": opdracht,
            "intro": "Een wijziging van scope, deadline of budget heeft de goedkeuring van elke opdrachtgever nodig.",
            "knop": "Verzoek indienen",
            "terug": reverse("opdrachten:detail", args=[opdracht.pk]),
        },
        status=status,
    )


@login_required
@require_POST
def wijzigingsverzoek_besluit(request: HttpRequest, pk: int, besluit: str) -> HttpResponse:
    actor = actor_for(request.user)
    verzoek = _get(selectors.wijzigingsverzoek_for, actor, pk)
    form = forms.BesluitWijzigingForm(request.POST, prefix=f"wv{verzoek.pk}")
    if besluit not in {"goedkeuren", "afwijzen"}:
        raise Http404
    if form.is_valid():
        fn = services.approve_change if besluit == "goedkeuren" else services.reject_change
        try:
            fn(
                actor=actor,
                verzoek=verzoek,
                toelichting=form.cleaned_data.get("toelichting") or "",
                expected_version=form.cleaned_data.get("versie"),
            )
        except SetaError as exc:
            return refusal(
                request, exc, back=reverse("opdrachten:detail", args=[verzoek.bestuursopdracht_id])
            )
        messages.success(request, "Uw besluit over het wijzigingsverzoek is vastgelegd.")
    else:
        return refusal(
            request, form_invalid(form), back=reverse("opdrachten:detail", args=[verzoek.bestuursopdracht_id])
        )
    return redirect("opdrachten:detail", pk=verzoek.bestuursopdracht_id)


# --- board questions ----------------------------------------------------------------------------------------------------------
@login_required
def vragen(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    qs = selectors.bestuursvragen_for(actor)
    status = request.GET.get("status", "open")
    if status in Vraagstatus.values:
        qs = qs.filter(status=status)
    if request.GET.get("te_laat"):
        qs = selectors.te_late_vragen(qs)
    pagina = Paginator(qs.order_by("uiterlijk", "id"), PER_PAGINA).get_page(request.GET.get("pagina"))
    pagina.object_list = selectors.met_zichtbare_opdracht(actor, pagina.object_list)
    params = request.GET.copy()
    params.pop("pagina", None)
    return render(
        request,
        "opdrachten/vragen.html",
        {
            "pagina": pagina,
            "status": status,
            "statussen": Vraagstatus.choices,
            "te_laat": bool(request.GET.get("te_laat")),
            "querystring": params.urlencode(),
            "vandaag": timezone.localdate(),
            "mag_vragen": policy.can(actor, "bestuursvraag.stellen", None),
            "niet_zichtbaar": selectors.NIET_ZICHTBAAR,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def vraag_nieuw(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not policy.can(actor, "bestuursvraag.stellen", None):
        return _forbidden(
            request, Forbidden("Alleen de werkorganisatie en beleidsregisseurs stellen bestuursvragen.")
        )
    opdracht = None
    if request.GET.get("opdracht") or request.POST.get("opdracht"):
        opdracht = _get(
            selectors.bestuursopdracht_for, actor, request.GET.get("opdracht") or request.POST.get("opdracht")
        )
    if opdracht is not None:
        gemeenten = gemeente_selectors.gemeenten_for(actor).filter(
            pk__in=[og.gemeente_id for og in opdracht.actieve_opdrachtgevers]
        )
    else:
        gemeenten = _partner_gemeenten(actor)
    wethouders = (
        gemeente_selectors.functionarissen_for(actor)
        .actief()
        .filter(gemeente__in=gemeenten, functie=Functie.WETHOUDER)
        .order_by("gemeente__naam", "naam")
    )
    form = forms.VraagForm(
        request.POST or None,
        gemeenten=gemeenten,
        wethouders=wethouders,
        initial={"uiterlijk": timezone.localdate() + dt.timedelta(days=21)},
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        sv = opdracht.samenwerkingsverband if opdracht else None
        if sv is None and data.get("gemeente") is not None:
            sv = (
                sv_selectors.samenwerkingsverbanden_for(actor)
                .filter(deelnemers__gemeente=data["gemeente"])
                .first()
            )
        try:
            vraag = services.ask(
                actor=actor,
                gemeente=data.get("gemeente"),
                gericht_aan=data["gericht_aan"],
                onderwerp=data.get("onderwerp") or "",
                vraag=data.get("vraag") or "",
                uiterlijk=data.get("uiterlijk"),
                samenwerkingsverband=sv,
                bestuursopdracht=opdracht,
                wethouder=data.get("wethouder"),
            )
        except InvalidInput as exc:
            apply_errors(form, exc, rename={"samenwerkingsverband": "gemeente"})
            status = 400
        except Forbidden as exc:
            form.add_error(None, exc.detail)
            status = 403
        else:
            messages.success(request, "De bestuursvraag is gesteld.")
            return redirect("opdrachten:vraag", pk=vraag.pk)
    return render(
        request,
        "opdrachten/form.html",
        {
            "form": form,
            "titel": "Bestuursvraag stellen (ontlokken)",
            "opdracht": opdracht,
            "intro": "Vraag het college, een wethouder of de raad om richting of een ontbrekend kader.",
            "knop": "Vraag stellen",
            "terug": reverse("opdrachten:vragen"),
            "verborgen": {"opdracht": opdracht.pk} if opdracht else {},
        },
        status=status,
    )


def _vraag_pagina(
    request: HttpRequest,
    actor: Actor,
    obj: Bestuursvraag,
    *,
    antwoord_form: forms.AntwoordForm | None = None,
    intrek_form: forms.VraagIntrekkenForm | None = None,
) -> HttpResponse:
    """The question's page: its forms are the actions ``policy.toegestane_acties`` allows (as the API's
    ``toegestaneActies``); a form just refused is shown again with its errors and the refusal's status."""
    acties = policy.toegestane_acties(actor, obj)
    if antwoord_form is None and "beantwoorden" in acties:
        antwoord_form = forms.AntwoordForm(initial={"versie": obj.versie})
    if intrek_form is None and "intrekken" in acties:
        intrek_form = forms.VraagIntrekkenForm(initial={"versie": obj.versie}, prefix="intrekken")
    geweigerd = next((f for f in (antwoord_form, intrek_form) if f is not None and f.is_bound), None)
    return render(
        request,
        "opdrachten/vraag.html",
        {
            "vraag": obj,
            "opdracht": selectors.zichtbare_opdracht(actor, obj.bestuursopdracht),
            "niet_zichtbaar": selectors.NIET_ZICHTBAAR,
            "form": antwoord_form,
            "intrek_form": intrek_form,
            "vandaag": timezone.localdate(),
        },
        status=page_status(request, geweigerd),
    )


@login_required
@require_http_methods(["GET", "POST"])
def vraag(request: HttpRequest, pk: int) -> HttpResponse:
    """The question's page; a POST answers it (``services.answer``)."""
    actor = actor_for(request.user)
    obj = _get(selectors.bestuursvraag_for, actor, pk)
    if request.method != "POST":
        return _vraag_pagina(request, actor, obj)
    form = forms.AntwoordForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        uitkomst = run(
            request,
            lambda: services.answer(
                actor=actor,
                vraag=obj,
                antwoord=data.get("antwoord") or "",
                besluit=data.get("besluit") or "",
                expected_version=data.get("versie"),
            ),
            form=form,
        )
        if uitkomst.ok:
            messages.success(request, "Het antwoord en het besluit zijn vastgelegd.")
            return redirect("opdrachten:vraag", pk=obj.pk)
    return _vraag_pagina(request, actor, obj, antwoord_form=form)


@login_required
@require_POST
def vraag_intrekken(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw the question (``services.withdraw_question``): the asker or the pool's directeur."""
    actor = actor_for(request.user)
    obj = _get(selectors.bestuursvraag_for, actor, pk)
    form = forms.VraagIntrekkenForm(request.POST, prefix="intrekken")
    if form.is_valid():
        data = form.cleaned_data
        uitkomst = run(
            request,
            lambda: services.withdraw_question(
                actor=actor, vraag=obj, reden=data.get("reden") or "", expected_version=data.get("versie")
            ),
            form=form,
        )
        if uitkomst.ok:
            messages.success(request, "De vraag is ingetrokken.")
            return redirect("opdrachten:vraag", pk=obj.pk)
    return _vraag_pagina(request, actor, obj, intrek_form=form)


# --- meetings ------------------------------------------------------------------------------------------------------------------
@login_required
def overleggen(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    qs = selectors.overleggen_for(actor).order_by("-datum", "-id")
    pagina = Paginator(qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    return render(
        request,
        "opdrachten/overleggen.html",
        {
            "pagina": pagina,
            "mag_aanmaken": policy.can(actor, "overleg.aanmaken", None),
            "vandaag": timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def overleg_nieuw(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not policy.can(actor, "overleg.aanmaken", None):
        return _forbidden(request, Forbidden("U mag geen overleg plannen."))
    form = forms.OverlegForm(
        request.POST or None,
        verbanden=sv_selectors.samenwerkingsverbanden_for(actor).order_by("naam"),
        gemeenten=_partner_gemeenten(actor),
        initial={"soort": "portefeuillehoudersoverleg"},
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            o = services.plan_meeting(
                actor=actor,
                soort=d["soort"],
                samenwerkingsverband=d["samenwerkingsverband"],
                gemeenten=list(d.get("gemeenten") or []),
                thema=d.get("thema") or "",
                titel=d.get("titel") or "",
                datum=d.get("datum"),
                locatie=d.get("locatie") or "",
            )
        except InvalidInput as exc:
            apply_errors(form, exc)
            status = 400
        except Forbidden as exc:
            form.add_error(None, exc.detail)
            status = 403
        else:
            messages.success(request, "Het overleg is gepland.")
            return redirect("opdrachten:overleg", pk=o.pk)
    return render(
        request,
        "opdrachten/form.html",
        {
            "form": form,
            "titel": "Overleg plannen",
            "knop": "Overleg plannen",
            "terug": reverse("opdrachten:overleggen"),
            "intro": "Een portefeuillehoudersoverleg van één gemeente, of een gezamenlijk overleg van de wethouders van "
            "meerdere partners.",
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def overleg(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    obj = _get(selectors.overleg_for, actor, pk)
    gemeente_ids = [g.pk for g in obj.gemeenten.all()]
    opdrachten = (
        selectors.met_opdrachtgever(selectors.bestuursopdrachten_for(actor), gemeente_id__in=gemeente_ids)
        .filter(samenwerkingsverband=obj.samenwerkingsverband)
        .exclude(status__in=lifecycle.EINDSTATUSSEN)
        .order_by("nummer")
    )
    if obj.soort == "gezamenlijk":
        opdrachten = opdrachten.filter(vertrouwelijkheid="openbaar")
    vragen_qs = selectors.bestuursvragen_for(actor).filter(
        gemeente_id__in=gemeente_ids, status=Vraagstatus.OPEN
    )
    # The forms on the page are the API's ``toegestaneActies`` (the meeting's action table).
    acties = policy.toegestane_acties(actor, obj)
    mag_agenda = "agendapunt-toevoegen" in acties
    mag_besluiten = "besluit-vastleggen" in acties
    agenda_form = forms.AgendapuntForm(
        request.POST if request.POST.get("formulier") == "agenda" else None,
        opdrachten=opdrachten,
        vragen=vragen_qs,
        prefix="agenda",
    )
    agenda = [
        selectors.agendapunt_weergave(actor, p)
        for p in obj.agendapunten.select_related(
            "bestuursopdracht", "bestuursvraag__bestuursopdracht", "catalogusitem"
        ).prefetch_related(
            "bestuursopdracht__opdrachtgevers", "bestuursvraag__bestuursopdracht__opdrachtgevers"
        )
    ]
    besluit_form = forms.BesluitForm(
        request.POST if request.POST.get("formulier") == "besluit" else None,
        agendapunten=obj.agendapunten.all(),
        labels={p.id: p.onderwerp for p in agenda},
        prefix="besluit",
    )
    status = 200
    if request.method == "POST":
        soort = request.POST.get("formulier")
        try:
            # --- harmonisation (issue 13): a suggested proposal goes on the agenda through its own service
            if soort == "suggestie" and request.POST.get("harmonisatievoorstel"):
                from seta.harmonisatie import selectors_voorstel as hv_selectors
                from seta.harmonisatie import services as hv_services

                voorstel = hv_selectors.voorstel_for(
                    actor, parse_id(request.POST.get("harmonisatievoorstel"), name="harmonisatievoorstel")
                )
                try:
                    hv_services.agenderen(actor=actor, voorstel=voorstel, overleg=obj, expected_version=None)
                except Conflict as exc:
                    messages.error(request, str(exc))
                    return redirect("opdrachten:overleg", pk=obj.pk)
                messages.success(request, "Het harmonisatievoorstel staat op de agenda.")
                return redirect("opdrachten:overleg", pk=obj.pk)
            # --- end harmonisation
            if soort == "suggestie":
                item = (
                    catalogus_selectors.catalogusitems_for(actor)
                    .filter(
                        pk=parse_id(request.POST.get("catalogusitem"), name="catalogusitem", default=0) or 0
                    )
                    .first()
                )
                services.add_agenda_item(
                    actor=actor,
                    overleg=obj,
                    onderwerp=request.POST.get("onderwerp", ""),
                    catalogusitem=item,
                    toelichting="Voorgesteld door SETA: meerdere partners hebben verwante opdrachten.",
                )
                messages.success(request, "Het voorgestelde onderwerp staat op de agenda.")
                return redirect("opdrachten:overleg", pk=obj.pk)
            if soort == "agenda" and agenda_form.is_valid():
                services.add_agenda_item(actor=actor, overleg=obj, **dict(agenda_form.cleaned_data))
                messages.success(request, "Het agendapunt is toegevoegd.")
                return redirect("opdrachten:overleg", pk=obj.pk)
            if soort == "besluit" and besluit_form.is_valid():
                services.record_decision(
                    actor=actor,
                    overleg=obj,
                    tekst=besluit_form.cleaned_data.get("tekst") or "",
                    agendapunt=besluit_form.cleaned_data.get("agendapunt"),
                    actiehouder=besluit_form.cleaned_data.get("actiehouder") or "",
                )
                messages.success(request, "Het besluit is vastgelegd.")
                return redirect("opdrachten:overleg", pk=obj.pk)
            status = 400
        except InvalidInput as exc:
            apply_errors(agenda_form if soort == "agenda" else besluit_form, exc)
            status = 400
        except Forbidden as exc:
            return _forbidden(request, exc)
    return render(
        request,
        "opdrachten/overleg.html",
        {
            "overleg": obj,
            "agendapunten": agenda,
            "besluiten": [
                (b, next((p.onderwerp for p in agenda if p.id == b.agendapunt_id), "—"))
                for b in obj.besluiten.all()
            ],
            "suggesties": (suggesties := selectors.suggestions(actor, obj))[:10]
            + [s for s in suggesties[10:] if s.harmonisatievoorstel_id],
            # harmonisation (issue 13): the proposals the actor may put on the agenda
            "agenderen_ids": [
                s.harmonisatievoorstel_id
                for s in suggesties
                if s.harmonisatievoorstel_id
                and policy.can(actor, "harmonisatievoorstel.agenderen", obj.samenwerkingsverband)
            ],
            "agenda_form": agenda_form if mag_agenda else None,
            "besluit_form": besluit_form if mag_besluiten else None,
            "mag_agenda": mag_agenda,
        },
        status=status,
    )
