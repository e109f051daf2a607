"""Pages of harmonisation proposals (``/harmonisatie/voorstellen/…``): the list, a new proposal from an assignment,
a proposal (its options with the estimate, its orders as the actor may see them, the partijen with their answers,
the buttons of the lifecycle tables, the history), the pool's actions and a college's answer.

Every read goes through ``selectors_voorstel``, every write through ``services`` (``seta.web.actions.run``); the
buttons are ``policy.toegestane_acties`` over the lifecycle tables.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor, actor_for
from seta.core.bounds import parse_id
from seta.core.errors import Forbidden, NotFound
from seta.gemeenten.models import Gemeente
from seta.harmonisatie import lifecycle, services
from seta.harmonisatie import raming as raming_app
from seta.harmonisatie import selectors_voorstel as selectors
from seta.harmonisatie.models import Harmonisatievoorstel, Vorm
from seta.opdrachten import selectors as opdrachten_selectors
from seta.opdrachten.models import Bestuursopdracht, Overlegsoort
from seta.web.actions import page_status, refusal, run

RENAME = {"partijen": "opdrachten", "leidende_opdracht": "opdrachten"}


# --- forms --------------------------------------------------------------------------------------------------------
class VoorstelForm(forms.Form):
    onderwerp = forms.CharField(label="Onderwerp", max_length=200)
    toelichting = forms.CharField(
        label="De vraag aan de colleges",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text='Wat stelt u voor en waarom? ("Wilt u niet ook…?") Elk college besluit zelf; afwijzen kost niets.',
    )
    vorm = forms.ChoiceField(label="Voorgestelde vorm", choices=Vorm.choices, widget=forms.RadioSelect)
    opdrachten = forms.ModelMultipleChoiceField(
        label="Vergelijkbare opdrachten",
        queryset=Bestuursopdracht.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="De gemeenten van de gekozen opdrachten worden partij; de eerste is de leidende opdracht.",
    )
    extra_gemeenten = forms.ModelMultipleChoiceField(
        label="Ook voorleggen aan (gemeenten zonder eigen opdracht)",
        queryset=Gemeente.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    uiterlijk = forms.DateField(
        label="Besluit uiterlijk",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(
        self, *args: Any, opdrachten: list[Bestuursopdracht], gemeenten: list[Gemeente], **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        veld = self.fields["opdrachten"]
        assert isinstance(veld, forms.ModelMultipleChoiceField)
        veld.queryset = Bestuursopdracht.objects.filter(pk__in=[o.pk for o in opdrachten]).order_by("nummer")
        namen = {o.pk: o for o in opdrachten}
        veld.label_from_instance = lambda o: (  # type: ignore[method-assign,assignment]
            f"{o.nummer} {o.titel} ({' en '.join(og.gemeente.naam for og in namen[o.pk].opdrachtgevers.all())}; "
            f"{namen[o.pk].get_status_display().lower()})"
        )
        extra = self.fields["extra_gemeenten"]
        assert isinstance(extra, forms.ModelMultipleChoiceField)
        extra.queryset = Gemeente.objects.filter(pk__in=[g.pk for g in gemeenten]).order_by("naam")


class VersieForm(forms.Form):
    versie = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class AgenderenForm(VersieForm):
    overleg = forms.TypedChoiceField(label="Gezamenlijk overleg", coerce=int, choices=())

    def __init__(self, *args: Any, overleggen: list[Any], **kwargs: Any):
        super().__init__(*args, **kwargs)
        veld = self.fields["overleg"]
        assert isinstance(veld, forms.TypedChoiceField)
        veld.choices = [(o.pk, f"{o.titel} ({o.datum:%d-%m-%Y})") for o in overleggen]


class BesluitForm(VersieForm):
    toelichting = forms.CharField(
        label="Toelichting (optioneel)",
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Afwijzen kan zonder reden en kost niets.",
    )
    bevestig = forms.BooleanField(
        label="Ik besluit namens het college",
        required=True,
        error_messages={"required": "Bevestig dat u namens het college besluit."},
    )


# --- helpers ------------------------------------------------------------------------------------------------------
def _voorstel(actor: Actor, pk: int) -> Harmonisatievoorstel:
    try:
        return selectors.voorstel_for(actor, pk)
    except NotFound as exc:
        raise Http404 from exc


def _overleggen(actor: Actor, voorstel: Harmonisatievoorstel) -> list[Any]:
    partijen = {p.gemeente_id for p in voorstel.partijen.all()}
    kandidaten = opdrachten_selectors.overleggen_for(actor).filter(
        soort=Overlegsoort.GEZAMENLIJK, samenwerkingsverband_id=voorstel.samenwerkingsverband_id
    )
    return [
        o for o in kandidaten.prefetch_related("gemeenten") if partijen <= {g.pk for g in o.gemeenten.all()}
    ]


def _raming(actor: Actor, voorstel: Harmonisatievoorstel) -> dict[str, Any]:
    raming = (
        raming_app.voor_voorstel(actor, voorstel) if voorstel.status == lifecycle.CONCEPT else voorstel.raming
    )
    raming = dict(raming or {})
    gemeenten = raming.get("gemeenten", [])
    raming["rijen"] = [
        {**o, "per_gemeente": [(g, o.get("kostenPerGemeente", {}).get(g)) for g in gemeenten]}
        for o in raming.get("opties", [])
    ]
    return raming


# --- pages --------------------------------------------------------------------------------------------------------
@login_required
@require_safe
def lijst(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not policy.can(actor, "harmonisatie.zoeken"):
        return refusal(
            request, Forbidden("Harmonisatievoorstellen zijn voor de werkorganisatie en de colleges.")
        )
    status = request.GET.get("status") or ""
    voorstellen = selectors.voorstellen_for(actor)
    if status in lifecycle.STATUSSEN:
        voorstellen = voorstellen.filter(status=status)
    return render(
        request,
        "harmonisatie/voorstel_lijst.html",
        {
            "voorstellen": list(voorstellen.order_by("-aangemaakt_op", "-id")[:200]),
            "statussen": list(lifecycle.STATUS_LABELS.items()),
            "status": status,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def nieuw(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    pk = parse_id(request.GET.get("opdracht"), name="opdracht") or 0
    opdracht = opdrachten_selectors.bestuursopdrachten_for(actor).filter(pk=pk).first()
    if opdracht is None:
        raise Http404
    sv = opdracht.samenwerkingsverband
    if (
        not policy.can(actor, "harmonisatievoorstel.opstellen", sv)
        or opdracht.vertrouwelijkheid != "openbaar"
    ):
        return refusal(
            request,
            Forbidden(
                "Alleen de directeur of een teamleider maakt een harmonisatievoorstel van een openbare opdracht."
            ),
            back=reverse("opdrachten:detail", args=[opdracht.pk]),
        )
    kandidaten = [opdracht, *selectors.kandidaten(actor, opdracht)]
    partners = [d.gemeente for d in sv.deelnemers_op(services._vandaag()).select_related("gemeente")]
    item = opdracht.catalogusitem
    initial = {
        "onderwerp": f"Harmonisatie: {item.naam if item else opdracht.titel}"[:200],
        "toelichting": (
            f"{' en '.join(og.gemeente.naam for og in opdracht.opdrachtgevers.all())} liet '{opdracht.titel}' maken. "
            "Andere partners hebben een vergelijkbare opdracht of kunnen er een gebruiken. Wilt u niet ook…? "
            "Elk college besluit zelf; afwijzen kost niets."
        ),
        "vorm": Vorm.GEZAMENLIJK,
        "opdrachten": [o.pk for o in kandidaten],
    }
    form = VoorstelForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        opdrachten=kandidaten,
        gemeenten=partners,
    )
    context = {"opdracht": opdracht, "form": form}
    if request.method != "POST":
        return render(request, "harmonisatie/voorstel_nieuw.html", context)
    if not form.is_valid():
        return render(request, "harmonisatie/voorstel_nieuw.html", context, status=400)
    gekozen: list[Bestuursopdracht] = sorted(form.cleaned_data["opdrachten"], key=lambda o: o != opdracht)
    partijen: list[services.PartijInvoer] = []
    gezien: set[int] = set()
    for o in gekozen:
        ogs = list(o.opdrachtgevers.select_related("gemeente", "portefeuille"))
        for og in ogs:
            if og.gemeente_id not in gezien:
                gezien.add(og.gemeente_id)
                partijen.append(
                    services.PartijInvoer(
                        gemeente=og.gemeente,
                        portefeuille=og.portefeuille,
                        bron_opdracht=o if len(ogs) == 1 else None,
                    )
                )
    for g in form.cleaned_data["extra_gemeenten"]:
        if g.pk not in gezien:
            gezien.add(g.pk)
            partijen.append(services.PartijInvoer(gemeente=g))
    uitkomst = run(
        request,
        lambda: services.opstellen(
            actor=actor,
            samenwerkingsverband=sv,
            onderwerp=form.cleaned_data["onderwerp"],
            toelichting=form.cleaned_data["toelichting"],
            vorm=form.cleaned_data["vorm"],
            opdrachten=gekozen,
            partijen=partijen,
            leidende_opdracht=gekozen[0] if gekozen else None,
            uiterlijk=form.cleaned_data.get("uiterlijk"),
        ),
        form=form,
        rename=RENAME,
    )
    if not uitkomst.ok:
        return render(request, "harmonisatie/voorstel_nieuw.html", context, status=page_status(request, form))
    assert uitkomst.value is not None
    messages.success(request, f"Het harmonisatievoorstel {uitkomst.value.nummer} is opgesteld (concept).")
    return redirect("harmonisatie:voorstel_detail", uitkomst.value.pk)


def _detail_context(actor: Actor, voorstel: Harmonisatievoorstel) -> dict[str, Any]:
    acties = policy.toegestane_acties(actor, voorstel)
    versie = {"versie": voorstel.versie}
    knoppen = []
    for actie in acties:
        if actie == lifecycle.WIJZIGEN:
            continue
        rij = lifecycle.overgang(voorstel.status, actie)
        form: forms.Form = (
            AgenderenForm(initial=versie, overleggen=_overleggen(actor, voorstel))
            if actie == lifecycle.AGENDEREN
            else VersieForm(initial=versie)
        )
        knoppen.append(
            {
                "actie": actie,
                "label": lifecycle.ACTIE_LABELS[actie],
                "bevestigen": bool(rij and rij.bevestigen),
                "form": form,
                "url": reverse("harmonisatie:voorstel_actie", args=[voorstel.pk, actie]),
            }
        )
    regels = selectors.partijregels(actor, voorstel)
    return {
        "v": voorstel,
        "opdrachten": selectors.genoemde_opdrachten(actor, voorstel),
        "leidend": selectors.genoemd(actor, voorstel.leidende_opdracht),
        "resultaat": selectors.genoemd(actor, voorstel.resultaat_opdracht),
        "regels": regels,
        "besluitformen": {
            r.partij.pk: BesluitForm(initial=versie, prefix=f"p{r.partij.pk}") for r in regels if r.acties
        },
        "raming": _raming(actor, voorstel),
        "knoppen": knoppen,
        "uitkomst": selectors.uitkomst(voorstel),
        "geschiedenis": selectors.geschiedenis(actor, voorstel),
    }


@login_required
@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    voorstel = _voorstel(actor, pk)
    return render(request, "harmonisatie/voorstel_detail.html", _detail_context(actor, voorstel))


@login_required
@require_POST
def actie(request: HttpRequest, pk: int, actie: str) -> HttpResponse:
    actor = actor_for(request.user)
    voorstel = _voorstel(actor, pk)
    terug = reverse("harmonisatie:voorstel_detail", args=[voorstel.pk])
    if actie not in lifecycle.ACTIES or actie == lifecycle.WIJZIGEN:
        raise Http404
    if actie not in policy.toegestane_acties(actor, voorstel):
        return refusal(
            request, Forbidden(f"'{lifecycle.ACTIE_LABELS[actie]}' kan nu niet of mag u niet."), back=terug
        )
    form: forms.Form = (
        AgenderenForm(request.POST, overleggen=_overleggen(actor, voorstel))
        if actie == lifecycle.AGENDEREN
        else VersieForm(request.POST)
    )
    if not form.is_valid():
        messages.error(request, "Controleer uw keuze en probeer het opnieuw.")
        return redirect(terug)
    versie = form.cleaned_data["versie"]

    def doe() -> Any:
        if actie == lifecycle.VERZENDEN:
            return services.verzenden(actor=actor, voorstel=voorstel, expected_version=versie)
        if actie == lifecycle.INTREKKEN:
            return services.intrekken(actor=actor, voorstel=voorstel, expected_version=versie)
        overleg = opdrachten_selectors.overleggen_for(actor).get(pk=form.cleaned_data["overleg"])
        return services.agenderen(actor=actor, voorstel=voorstel, overleg=overleg, expected_version=versie)

    uitkomst = run(request, doe)
    if uitkomst.ok:
        messages.success(request, f"{lifecycle.GEBEURTENISSEN[actie]}: {voorstel.nummer}.")
        return redirect(terug)
    context = _detail_context(actor, _voorstel(actor, pk))
    return render(request, "harmonisatie/voorstel_detail.html", context, status=page_status(request))


@login_required
@require_POST
def besluit(request: HttpRequest, pk: int, actie: str) -> HttpResponse:
    actor = actor_for(request.user)
    try:
        partij = selectors.partij_for(actor, pk)
    except NotFound as exc:
        raise Http404 from exc
    voorstel = _voorstel(actor, partij.voorstel_id)
    terug = reverse("harmonisatie:voorstel_detail", args=[voorstel.pk])
    if actie not in lifecycle.PARTIJ_ACTIES:
        raise Http404
    partij.voorstel = voorstel
    if actie not in policy.toegestane_acties(actor, partij):
        return refusal(
            request,
            Forbidden(f"Alleen het college van {partij.gemeente} besluit, zolang het voorstel open staat."),
            back=terug,
        )
    form = BesluitForm(request.POST, prefix=f"p{partij.pk}")
    context = _detail_context(actor, voorstel)
    if not form.is_valid():
        context["besluitformen"][partij.pk] = form
        return render(request, "harmonisatie/voorstel_detail.html", context, status=400)
    functie = services.aanvaarden if actie == lifecycle.AANVAARDEN else services.afwijzen
    uitkomst = run(
        request,
        lambda: functie(
            actor=actor,
            partij=partij,
            toelichting=form.cleaned_data.get("toelichting") or "",
            expected_version=form.cleaned_data["versie"],
        ),
        form=form,
    )
    if not uitkomst.ok:
        context["besluitformen"][partij.pk] = form
        return render(
            request, "harmonisatie/voorstel_detail.html", context, status=page_status(request, form)
        )
    messages.success(request, f"Het besluit van het college van {partij.gemeente} is vastgelegd.")
    return redirect(terug)
