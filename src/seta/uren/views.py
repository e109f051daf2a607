"""Web pages of urenregistratie: my week (the grid), a week of someone else, approvals, import."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor, actor_for
from seta.core.bounds import JAAR_MIN, parse_int, parse_versie
from seta.core.errors import InvalidInput, SetaError
from seta.uren import selectors, services
from seta.uren.forms import HeropenForm, ImportForm
from seta.uren.models import Weekstaat, Weekstatus
from seta.web.actions import page_status, refusal, run, safe_next


def _week_param(value: str | None) -> tuple[int, int, str]:
    """The ISO week ``2026-W07`` asked for, else this week with a message saying why (never a 500)."""
    vandaag = timezone.localdate()
    if value:
        try:
            jaar_s, week_s = value.strip().upper().split("-W")
            jaar, week = int(jaar_s), int(week_s)
            dt.date.fromisocalendar(jaar, week, 1)
        except (ValueError, OverflowError):
            return (
                *services.iso_week(vandaag),
                f"'{value[:20]}' is geen week; gebruik de vorm 2026-W07. U ziet de huidige week.",
            )
        # Hours are not written for weeks before the first year SETA knows, nor beyond next year.
        if not JAAR_MIN <= jaar <= vandaag.year + 1:
            return (
                *services.iso_week(vandaag),
                f"Uren worden geschreven voor weken van {JAAR_MIN} tot en met {vandaag.year + 1}; "
                f"week {week} van {jaar} valt daarbuiten. U ziet de huidige week.",
            )
        return jaar, week, ""
    return *services.iso_week(vandaag), ""


def _neighbour(jaar: int, week: int, delta: int) -> str:
    maandag = dt.date.fromisocalendar(jaar, week, 1) + dt.timedelta(weeks=delta)
    j, w = services.iso_week(maandag)
    return f"{j}-W{w:02d}"


def _cell(value: str) -> Decimal | None:
    value = (value or "").strip().replace(",", ".")
    if not value:
        return None
    try:
        return Decimal(value)
    except InvalidOperation as exc:
        raise InvalidInput(fields={"uren": [f"'{value}' is geen aantal uren."]}) from exc


def _rows_from_post(request: HttpRequest, medewerker: Any) -> list[services.Weekrij]:
    rijen: list[services.Weekrij] = []
    fouten: dict[str, list[str]] = {}
    aantal = parse_int(request.POST.get("aantal_rijen"), name="aantal_rijen", minimum=0, default=0) or 0
    sleutels: list[tuple[str, str, str | None]] = [
        (f"rij-{i}", request.POST.get(f"rij-{i}-doel", ""), None) for i in range(min(aantal, 200))
    ]
    if request.POST.get("nieuw-doel"):
        sleutels.append(("nieuw", request.POST["nieuw-doel"], request.POST.get("nieuw-gemeente")))
    for prefix, key, gemeente in sleutels:
        dagen: list[Decimal | None] = []
        for d in range(7):
            try:
                dagen.append(_cell(request.POST.get(f"{prefix}-dag-{d}", "")))
            except InvalidInput as exc:
                fouten[f"{prefix}-dag-{d}"] = exc.fields["uren"]
                dagen.append(None)
        if not any(dagen) and prefix == "nieuw":
            continue
        doel = selectors.doel_from_key(medewerker, key, gemeente)
        if doel is None:
            if any(dagen):
                fouten[prefix] = [
                    "Kies waarop u deze uren schrijft (opdracht, catalogusitem met gemeente, of overhead)."
                ]
            continue
        rijen.append(services.Weekrij(doel=doel, dagen=dagen))
    if fouten:
        raise InvalidInput(fields=fouten)
    return rijen


def _grid_context(actor: Actor, staat: Weekstaat, bewerkbaar: bool) -> dict[str, Any]:
    rooster = selectors.weekrooster(actor, staat)
    context: dict[str, Any] = {"rooster": rooster, "staat": staat, "bewerkbaar": bewerkbaar}
    if bewerkbaar:
        context["keuzes"] = selectors.keuzes(actor, staat.medewerker, staat.dagen[0])
    return context


@login_required
@require_http_methods(["GET", "POST"])
def week(request: HttpRequest) -> HttpResponse:
    """My week: the grid of rows (targets) by days, with totals; save and submit."""
    actor = actor_for(request.user)
    medewerker = selectors.eigen_medewerker(actor)
    if medewerker is None:
        if selectors.weekstaten_for(actor).filter(policy.actie_scope(actor, "weekstaat.goedkeuren")).exists():
            return redirect("uren:goedkeuren")
        raise PermissionDenied
    jaar, weeknr, weekfout = _week_param(request.GET.get("week") or request.POST.get("week"))
    # A GET never writes: a week without hours yet is shown unsaved; saving creates it (audited).
    staat = services.weekstaat_for_week(actor=actor, medewerker=medewerker, jaar=jaar, week=weeknr)
    fouten: dict[str, list[str]] = {}
    status = 200
    if weekfout:
        messages.error(request, weekfout)
    if request.method == "POST" and not weekfout:
        try:
            if request.POST.get("actie") == "indienen":
                services.submit_week(
                    actor=actor,
                    weekstaat=staat,
                    expected_version=parse_versie(request.POST.get("versie")),
                )
                messages.success(request, f"Week {weeknr} is ingediend bij uw teamleider.")
            else:
                rijen = _rows_from_post(request, medewerker)
                services.save_week(
                    actor=actor,
                    weekstaat=staat,
                    rijen=rijen,
                    expected_version=parse_versie(request.POST.get("versie")),
                )
                messages.success(request, f"Uw uren van week {weeknr} zijn opgeslagen.")
            return redirect(f"{reverse('uren:week')}?week={jaar}-W{weeknr:02d}")
        except InvalidInput as exc:
            fouten, status = exc.fields, exc.status
            messages.error(request, exc.detail)
        except SetaError as exc:
            status = exc.status
            messages.error(request, exc.detail)
        staat = services.weekstaat_for_week(actor=actor, medewerker=medewerker, jaar=jaar, week=weeknr)
    context = _grid_context(
        actor, staat, bewerkbaar=not staat.vergrendeld and staat.status == Weekstatus.OPEN
    )
    context.update(
        {
            "medewerker": medewerker,
            "fouten": fouten,
            "weeklabel": f"{jaar}-W{weeknr:02d}",
            "vorige": _neighbour(jaar, weeknr, -1),
            "volgende": _neighbour(jaar, weeknr, 1),
            "kan_goedkeuren": selectors.te_beoordelen(actor).exists(),
            "mag_importeren": any(policy.can(actor, "uren.importeren", v) for v in _verbanden(actor)),
        }
    )
    return render(request, "uren/week.html", context, status=status)


def _verbanden(actor: Actor) -> list[Any]:
    from seta.samenwerkingsverbanden import selectors as sv_selectors

    return list(sv_selectors.samenwerkingsverbanden_for(actor))


def _staat(actor: Actor, pk: int) -> Weekstaat:
    staat = selectors.weekstaten_for(actor).filter(pk=pk).first()
    if staat is None:
        raise Http404("Weekstaat niet gevonden")
    return staat


@login_required
def weekstaat(request: HttpRequest, pk: int) -> HttpResponse:
    """A week of a medewerker, read-only, with approve and reopen for the teamleider."""
    actor = actor_for(request.user)
    staat = _staat(actor, pk)
    context = _grid_context(actor, staat, bewerkbaar=False)
    acties = policy.toegestane_acties(actor, staat)
    context.update(
        {
            "mag_indienen": "indienen" in acties,
            "mag_goedkeuren": "goedkeuren" in acties,
            "mag_heropenen": "heropenen" in acties,
            "heropen_form": HeropenForm(),
            "historie": staat.overgangen.select_related("door"),
        }
    )
    return render(request, "uren/weekstaat.html", context)


@login_required
@require_POST
def goedkeuren_week(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    staat = _staat(actor, pk)
    terug = safe_next(request, request.POST.get("terug"), reverse("uren:goedkeuren"))
    try:
        services.approve_week(
            actor=actor, weekstaat=staat, expected_version=parse_versie(request.POST.get("versie"))
        )
    except SetaError as exc:
        return refusal(request, exc, back=terug)
    messages.success(
        request, f"Week {staat.week}-{staat.jaar} van {staat.medewerker} is goedgekeurd en vergrendeld."
    )
    return redirect(terug)


@login_required
@require_http_methods(["POST"])
def heropenen(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    staat = _staat(actor, pk)
    form = HeropenForm(request.POST)
    if form.is_valid():
        uitkomst = run(
            request,
            lambda: services.reopen_week(actor=actor, weekstaat=staat, reden=form.cleaned_data["reden"]),
            form=form,
        )
        if uitkomst.ok:
            messages.success(request, f"Week {staat.week}-{staat.jaar} van {staat.medewerker} is heropend.")
            return redirect("uren:weekstaat", pk=staat.pk)
    context = _grid_context(actor, staat, bewerkbaar=False)
    context.update(
        {
            "mag_goedkeuren": False,
            "mag_heropenen": True,
            "heropen_form": form,
            "historie": staat.overgangen.all(),
        }
    )
    return render(request, "uren/weekstaat.html", context, status=page_status(request, form))


@login_required
def goedkeuren(request: HttpRequest) -> HttpResponse:
    """Submitted weeks of the units the actor leads (teamleider) or of the pool (directeur)."""
    actor = actor_for(request.user)
    from django.db.models import Sum

    weken = list(selectors.te_beoordelen(actor).annotate(totaal=Sum("regels__uren"))[:300])
    return render(request, "uren/goedkeuren.html", {"weken": weken})


@login_required
@require_http_methods(["GET", "POST"])
def importeren(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    verbanden = [v for v in _verbanden(actor) if policy.can(actor, "uren.importeren", v)]
    if not verbanden:
        raise PermissionDenied
    from seta.samenwerkingsverbanden import selectors as sv_selectors

    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        verbanden=sv_selectors.samenwerkingsverbanden_for(actor).filter(pk__in=[v.pk for v in verbanden]),
    )
    verslag = None
    fouten: list[str] = []
    if request.method == "POST" and form.is_valid():
        bestand = form.cleaned_data["bestand"]
        try:
            verslag = services.import_hours(
                actor=actor,
                samenwerkingsverband=form.cleaned_data["samenwerkingsverband"],
                bestandsnaam=bestand.name,
                inhoud=bestand.read(),
            )
            messages.success(request, str(verslag))
        except InvalidInput as exc:
            fouten = [m for msgs in exc.fields.values() for m in msgs]
            form.add_error(None, exc.detail)
        except SetaError as exc:
            form.add_error(None, exc.detail)
    imports = selectors.urenimports_for(actor).select_related("ingelezen_door")[:20]
    return render(
        request,
        "uren/importeren.html",
        {"form": form, "verslag": verslag, "fouten": fouten, "imports": imports},
    )
