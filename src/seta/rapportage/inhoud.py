"""The figures of a council report, built from the database (the contract: ``kern/model.py``; docs/rapportage.md,
"De cijfers / The figures"; ADR 0047).

``bouw(rapportage)`` computes a report's content now (a read: nothing is written). It is what a concept shows, and
what ``services.aanbieden`` freezes. Everything in it is readable by every reader of the report: assignments are
named only where ``policy.rapportage.opdracht_in_rapportage`` says ``naam``; confidential ones are counted.

Where the figures come from:

- ``opdrachten``: the cooperation's assignments this municipality commissions (or commissioned and withdrew from
  during the period), that were commissioned, delivered or adopted in the period or were running at its end. The
  expected delivery is the current plan's (``planning.selectors_plan.planstand``, prefetched); hours and costs are
  the nacalculatie's core (``nacalculatie.kern.actuals``) fed in bulk (one GROUP BY over all of them, not one per
  assignment); for a joint assignment every figure (hours, costs, estimate, frame) is this municipality's share.
- ``bestuursvragen``: the board questions the pool asked this municipality's college or a wethouder in the period
  (``gesteld_op`` in the period). Questions to the council are public business of the council itself and are left
  out; a question about an assignment the council may not read is counted but its subject is not shown.
- ``financien``: the allocation (``financien.berekening.allocate``) of the year under the adopted verdeelmodel
  with grondslag realisatie, the same call the finance pages make, so the report's total IS the allocation's.
  Each part is broken down (``kern.cijfers.uitsplitsen``, largest remainder) so the lines add up to the part to
  the cent; see :func:`_financien`.
- ``dienstverlening``: ``dienstverlening.naleving_selectors.regels_voor_controle`` over the adopted DVOs.
- ``robuustheid``: ``organisatie.robuustheid.bereken`` over the pool's active staff.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Prefetch, Q, Sum
from django.utils import timezone

from seta.autorisaties.policy.rapportage import opdracht_in_rapportage
from seta.rapportage import lifecycle
from seta.rapportage.kern import cijfers as kern
from seta.rapportage.kern import model
from seta.rapportage.models import Raadsrapportage

NUL = Decimal("0.00")
VERTROUWELIJK = "Vertrouwelijke opdrachten"
# the allocation's kinds of part (financien.verdeling.model.OnderdeelSoort values) and the verdicts of compliance
# (dienstverlening.meting.cijfers): plain words, so this module depends on the apps' selectors only
GEBRUIK = "gebruik"
GEZAMENLIJK = "gezamenlijk"
GEHAALD = "gehaald"
GEEN_GEGEVENS = "geen_gegevens"


def _kerncijfers_leeg() -> model.Kerncijfers:
    return {
        "opgedragen": 0,
        "opgeleverd": 0,
        "te_laat": 0,
        "lopend": 0,
        "vragen_open": 0,
        "vragen_mediaan_dagen": None,
        "uren": "0.00",
        "kosten": "0.00",
        "voorschot": None,
        "normen_gehaald": None,
        "normen_gemist": None,
        "eenpitters": 0,
    }


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


@dataclass
class _Context:
    """What one build shares between the partners of a joint report (the allocation runs once per year)."""

    sv: Any
    jaar: int
    begin: dt.date
    eind: dt.date
    vandaag: dt.date
    toelichting_allocatie: str = ""
    _uitkomst: Any = None
    _uitkomst_klaar: bool = False
    _robuust: Any = None
    diensten_per_gemeente: dict[int, set[int]] = field(default_factory=dict)

    @property
    def peil(self) -> dt.date:
        """The day the figures stand on: the period's end, or today while the period runs."""
        return min(self.eind, self.vandaag)


# --- assignments -------------------------------------------------------------------------------------------------
def _opdrachten(ctx: _Context, gemeente: Any) -> tuple[model.Opdrachten, set[int]]:
    from seta.opdrachten import lifecycle as ol
    from seta.opdrachten.models import Bestuursopdracht, Opdrachtgever, Statusovergang
    from seta.planning import selectors_plan

    begin, eind = ctx.begin, ctx.eind
    gevers = Opdrachtgever.objects.filter(gemeente=gemeente).filter(
        Q(teruggetrokken_op__isnull=True) | Q(teruggetrokken_op__gte=begin)
    )
    qs = (
        Bestuursopdracht.objects.filter(
            samenwerkingsverband=ctx.sv, pk__in=gevers.values("bestuursopdracht_id")
        )
        .exclude(status=ol.CONCEPT)
        .filter(Q(opgedragen_op__lte=eind) | Q(opgedragen_op__isnull=True, aangemaakt_op__date__lte=eind))
        .select_related("eenheid", "catalogusitem")
        .prefetch_related(
            Prefetch(
                "opdrachtgevers",
                queryset=Opdrachtgever.objects.select_related("gemeente").order_by("gemeente__naam"),
            ),
            Prefetch(
                "historie",
                queryset=Statusovergang.objects.filter(naar__in=[ol.AANGEHOUDEN, ol.GEANNULEERD]).order_by(
                    "tijdstip"
                ),
                to_attr="_overgangen",
            ),
        )
        .order_by("nummer")
    )
    kandidaten: list[Any] = list(selectors_plan.met_planuitkomst(qs))

    def einde(o: Any) -> dt.date | None:
        """The day it stopped running: delivered, or cancelled."""
        if o.opgeleverd_op is not None:
            return o.opgeleverd_op
        if o.status == ol.GEANNULEERD:
            stops = [h.tijdstip.date() for h in o._overgangen if h.naar == ol.GEANNULEERD]
            return stops[-1] if stops else o.gewijzigd_op.date()
        return o.vastgesteld_op

    gekozen: list[Any] = []
    lopend_van: dict[int, bool] = {}
    for o in kandidaten:
        opgedragen = o.opgedragen_op
        in_periode = lambda d: d is not None and begin <= d <= eind  # noqa: E731
        gestopt = einde(o)
        lopend = (opgedragen is None or opgedragen <= eind) and (gestopt is None or gestopt > eind)
        if in_periode(opgedragen) or in_periode(o.opgeleverd_op) or in_periode(o.vastgesteld_op) or lopend:
            lopend_van[o.pk] = lopend and o.status != ol.GEANNULEERD
            gekozen.append(o)

    actuals = _actuals_bulk(ctx, gekozen, gemeente)
    regels: list[model.Opdrachtregel] = []
    geheim_aantal, geheim_uren, geheim_kosten = 0, NUL, NUL
    tel = {"opgedragen": 0, "opgeleverd": 0, "vastgesteld": 0, "lopend": 0, "te_laat": 0}
    items: set[int] = set()
    for o in gekozen:
        vermelding = opdracht_in_rapportage(o)
        if vermelding is None:
            continue
        uren, kosten, raming_uren, raming_kosten, kader = actuals.get(o.pk, (NUL, NUL, None, None, None))
        opgeleverd = o.opgeleverd_op if o.opgeleverd_op and o.opgeleverd_op <= eind else None
        verwacht, planstatus = selectors_plan.planstand(o)
        laat, waarom = kern.te_laat(
            deadline=o.deadline, opgeleverd_op=opgeleverd, verwachte_oplevering=verwacht, peildatum=ctx.peil
        )
        if o.status == ol.GEANNULEERD:
            laat, waarom = False, ""
        telt_laat = laat and (lopend_van[o.pk] or (opgeleverd is not None and opgeleverd >= begin))
        tel["opgedragen"] += bool(o.opgedragen_op and begin <= o.opgedragen_op <= eind)
        tel["opgeleverd"] += bool(opgeleverd and opgeleverd >= begin)
        tel["vastgesteld"] += bool(o.vastgesteld_op and begin <= o.vastgesteld_op <= eind)
        tel["lopend"] += bool(lopend_van[o.pk])
        tel["te_laat"] += bool(telt_laat)
        if o.catalogusitem_id:
            items.add(o.catalogusitem_id)
        if vermelding == "telling":
            geheim_aantal += 1
            geheim_uren += uren
            geheim_kosten += kosten
            continue
        redenen: list[str] = []
        lijst = getattr(o, "_actuele_planuitkomsten", None) or []
        if lijst and planstatus in (selectors_plan.TE_LAAT, selectors_plan.NA_PLANPERIODE):
            redenen.append(selectors_plan.uitleg_tekst(lijst[0]))
        if o.status == ol.AANGEHOUDEN:
            holds = [h for h in o._overgangen if h.naar == ol.AANGEHOUDEN]
            reden = holds[-1].reden.strip() if holds and holds[-1].reden else ""
            redenen.append(f"Aangehouden: {reden}" if reden else "Aangehouden.")
        if waarom == "deadline":
            redenen.append(
                f"Opgeleverd na de deadline van {o.deadline:%d-%m-%Y}."
                if opgeleverd
                else f"De deadline van {o.deadline:%d-%m-%Y} is verstreken."
            )
        elif waarom == "plan" and not redenen:
            redenen.append("Het plan verwacht de oplevering na de deadline.")
        actief = [og for og in o.opdrachtgevers.all() if og.teruggetrokken_op is None]
        eigen = next((og for og in o.opdrachtgevers.all() if og.gemeente_id == gemeente.pk), None)
        regels.append(
            {
                "id": o.pk,
                "nummer": o.nummer,
                "titel": o.titel,
                "status": o.status,
                "status_label": o.status_label,
                "gezamenlijk": len(actief) > 1,
                "naar_raad": bool(o.naar_raad or (eigen is not None and eigen.naar_raad)),
                "opgedragen_op": _iso(o.opgedragen_op),
                "deadline": o.deadline.isoformat(),
                "verwachte_oplevering": _iso(verwacht or o.raming_opleverdatum),
                "planstatus": "" if planstatus == selectors_plan.GEEN_PLAN else planstatus,
                "opgeleverd_op": _iso(o.opgeleverd_op),
                "vastgesteld_op": _iso(o.vastgesteld_op),
                "te_laat": laat,
                "reden_te_laat": " ".join(redenen) if laat or redenen else "",
                "uren": kern.uren(uren),
                "kosten": kern.geld(kosten),
                "raming_uren": None if raming_uren is None else kern.uren(raming_uren),
                "raming_kosten": None if raming_kosten is None else kern.geld(raming_kosten),
                "kader_bedrag": None if kader is None else kern.geld(kader),
            }
        )
    return (
        {
            "regels": regels,
            "vertrouwelijk": {
                "aantal": geheim_aantal,
                "uren": kern.uren(geheim_uren),
                "kosten": kern.geld(geheim_kosten),
            },
            **tel,  # type: ignore[typeddict-item]
        },
        items,
    )


def _actuals_bulk(
    ctx: _Context, opdrachten: list[Any], gemeente: Any
) -> dict[int, tuple[Decimal, Decimal, Decimal | None, Decimal | None, Decimal | None]]:
    """Per assignment (hours, costs, estimated hours, estimated costs, frame) for ``gemeente``: the nacalculatie's
    actuals of all of them at once (``nacalculatie.selectors.bereken_reeks``), a joint one's figures times this
    municipality's share under the cost key (``financien.selectors.kostensleutel``, read once per set of
    co-principals)."""
    from seta.financien import selectors as financien_selectors
    from seta.nacalculatie import selectors as nacalculatie_selectors

    reeks = nacalculatie_selectors.bereken_reeks(opdrachten, vandaag=ctx.vandaag)
    sleutels: dict[tuple[int, tuple[int, ...]], Any] = {}
    result = {}
    for o in opdrachten:
        n = reeks[o.pk]
        actief = [og.gemeente_id for og in o.opdrachtgevers.all() if og.teruggetrokken_op is None]
        aandeel = Fraction(1)
        if len(actief) > 1 or gemeente.pk not in actief:
            if gemeente.pk not in actief:
                aandeel = Fraction(0)  # withdrew: the cost is the remaining principals'
            else:
                tariefjaar = (o.opgedragen_op or ctx.vandaag).year
                sleutel_id = (tariefjaar, tuple(sorted(actief)))
                if sleutel_id not in sleutels:
                    sleutels[sleutel_id] = financien_selectors.kostensleutel(
                        ctx.sv, tariefjaar, sorted(actief)
                    )
                sleutel = sleutels[sleutel_id]
                aandeel = sleutel.aandelen.get(gemeente.pk) if sleutel.aandelen else Fraction(1, len(actief))
        totaal = n.kosten_uren_bekend + n.externe_kosten

        def deel(x: Decimal | None, aandeel: Fraction = aandeel) -> Decimal | None:
            if x is None:
                return None
            return (Decimal(aandeel.numerator) * x / Decimal(aandeel.denominator)).quantize(kern.CENT)

        result[o.pk] = (
            deel(n.uren) or NUL,
            deel(totaal) or NUL,
            deel(n.raming_uren),
            deel(n.raming_kosten),
            deel(o.max_euro),
        )
    return result


# --- board questions ---------------------------------------------------------------------------------------------
def _bestuursvragen(ctx: _Context, gemeente: Any) -> model.Bestuursvragen:
    from seta.autorisaties.policy.opdrachten import raad_mag_lezen
    from seta.opdrachten.models import Bestuursvraag, GerichtAan, Vraagstatus

    rijen = (
        Bestuursvraag.objects.filter(
            samenwerkingsverband=ctx.sv,
            gemeente=gemeente,
            gericht_aan__in=[GerichtAan.COLLEGE, GerichtAan.WETHOUDER],
            gesteld_op__gte=ctx.begin,
            gesteld_op__lte=ctx.eind,
        )
        .exclude(status=Vraagstatus.INGETROKKEN)
        .select_related("bestuursopdracht")
    )
    vragen = []
    for v in rijen:
        o = v.bestuursopdracht
        onderwerp = (
            v.onderwerp if o is None or raad_mag_lezen(o) else "Vraag over een vertrouwelijke opdracht"
        )
        vragen.append(kern.Vraag(onderwerp, v.gesteld_op, v.uiterlijk, v.beantwoord_op))
    return kern.vraagstatistiek(vragen, peildatum=ctx.vandaag)


# --- finances ----------------------------------------------------------------------------------------------------
def _allocatie(ctx: _Context) -> Any:
    """(model, Uitkomst) of the year, computed once per build; None with ``ctx.toelichting_allocatie`` set."""
    if ctx._uitkomst_klaar:
        return ctx._uitkomst
    from seta.core.errors import InvalidInput
    from seta.financien import selectors as financien_selectors

    ctx._uitkomst_klaar = True
    verdeelmodel = financien_selectors.vastgesteld_model_van_jaar(ctx.sv, ctx.jaar)
    if verdeelmodel is None:
        ctx.toelichting_allocatie = (
            f"{ctx.sv.naam} heeft geen vastgesteld verdeelmodel voor {ctx.jaar}; zonder verdeelmodel zijn er "
            "geen kosten per gemeente."
        )
        return None
    try:
        uitkomst = financien_selectors.jaarverdeling(ctx.sv, ctx.jaar, verdeelmodel)
    except InvalidInput as exc:
        redenen = "; ".join(m for ms in exc.fields.values() for m in ms) or str(exc.detail)
        ctx.toelichting_allocatie = f"De verdeling {ctx.jaar} is niet uit te rekenen: {redenen}"
        return None
    ctx._uitkomst = (verdeelmodel, uitkomst)
    return ctx._uitkomst


def _leeg_financien(ctx: _Context, toelichting: str) -> model.Financien:
    return {
        "jaar": ctx.jaar,
        "tot": min(ctx.vandaag, dt.date(ctx.jaar, 12, 31)).isoformat(),
        "verdeelmodel": None,
        "grondslag": "realisatie",
        "onderdelen": [],
        "opdrachten": [],
        "regulier": [],
        "gezamenlijk": [],
        "uren": kern.uren(NUL),
        "totaal": kern.geld(NUL),
        "voorschot": None,
        "voorschot_jaar": None,
        "sleutelaandeel": None,
        "begroting": None,
        "afrekening": None,
        "toelichting": toelichting,
    }


def _financien(ctx: _Context, gemeente: Any) -> tuple[model.Financien, set[int]]:
    """The municipality's part of the year's allocation, broken down.

    Every part the allocation charged to the municipality (``onderdelen``, excl. VAT ``bedrag``) is split into
    lines that add up to it exactly (``kern.uitsplitsen``); each line names its part (``onderdeel``):

    - a ``gebruik`` part: its own assignments' approved hours x tariff (+ the external costs the allocation takes:
      the estimate of the assignments delivered in the year) go to ``opdrachten`` (confidential ones as one line
      ``Vertrouwelijke opdrachten``), its regular hours x tariff to ``regulier`` per Iv3 taakveld;
    - a ``gezamenlijk`` part: one line in ``gezamenlijk`` under the part's name (the allocation names a
      confidential joint assignment neutrally already), with this municipality's share of its hours;
    - a ``vast`` part (and the growth-cap correction): ``regulier`` per taakveld, in proportion to the regular
      hours x tariff the pool worked for the municipality (what the fixed contribution paid for); one line under
      the part's name when there were none.
    """
    from seta.financien.models import Afrekening, Voorschotstatus, Voorschottermijn
    from seta.uren.models import Soort, Urenoverzicht, Urenregel, Weekstatus

    gevonden = _allocatie(ctx)
    if gevonden is None:
        return _leeg_financien(ctx, ctx.toelichting_allocatie), set()
    verdeelmodel, uitkomst = gevonden
    data = uitkomst.data
    verdeling = uitkomst.resultaat.verdelingen[0]
    bijdrage = next((b for b in verdeling.bijdragen if b.gemeente == gemeente.cbs_code), None)
    if bijdrage is None:
        return (
            _leeg_financien(ctx, f"{gemeente.naam} was in {ctx.jaar} geen deelnemer van {ctx.sv.naam}."),
            set(),
        )
    soorten = {o.naam: str(o.soort) for o in verdeling.onderdelen}
    config_delen = {
        str(o.get("naam")): o
        for o in (verdeelmodel.configuratie or {}).get("onderdelen", [])
        if isinstance(o, dict)
    }
    tarieven = data.tarieven

    # own assignments: approved hours of the year per assignment x tariff (the allocation's summary)
    per_opdracht: dict[int, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])  # uren, bedrag
    for r in (
        Urenoverzicht.objects.filter(
            samenwerkingsverband=ctx.sv, jaar=ctx.jaar, gemeente=gemeente, opdracht__isnull=False
        )
        .values("opdracht_id", "eenheid_id", "schaal")
        .annotate(totaal=Sum("uren"))
        .order_by()
    ):
        tarief = tarieven.voor(r["eenheid_id"], r["schaal"]) or Decimal(0)
        per_opdracht[r["opdracht_id"]][0] += r["totaal"] or 0
        per_opdracht[r["opdracht_id"]][1] += (r["totaal"] or 0) * tarief
    # external costs the allocation charges: the estimate of own assignments delivered in the year
    from seta.opdrachten.models import Bestuursopdracht

    geleverd = Bestuursopdracht.objects.filter(
        samenwerkingsverband=ctx.sv,
        opgeleverd_op__year=ctx.jaar,
        raming_externe_kosten__gt=0,
        opdrachtgevers__gemeente=gemeente,
        opdrachtgevers__teruggetrokken_op__isnull=True,
    )
    extern: dict[int, Decimal] = {}
    for o in geleverd.prefetch_related("opdrachtgevers"):
        if sum(1 for og in o.opdrachtgevers.all() if og.teruggetrokken_op is None) == 1:
            extern[o.pk] = o.raming_externe_kosten or Decimal(0)
    info = {
        o.pk: o
        for o in Bestuursopdracht.objects.filter(pk__in=set(per_opdracht) | set(extern)).only(
            "id", "nummer", "titel", "status", "vertrouwelijkheid", "catalogusitem_id"
        )
    }
    # regular work: approved hours per taakveld (and catalogue item, for the robustness) x tariff
    per_taakveld: dict[str, list[Any]] = {}
    items: set[int] = set()
    for rr in (
        Urenregel.objects.filter(
            samenwerkingsverband=ctx.sv,
            gemeente=gemeente,
            opdracht__isnull=True,
            soort=Soort.REGULIER,
            datum__gte=dt.date(ctx.jaar, 1, 1),
            datum__lte=dt.date(ctx.jaar, 12, 31),
            weekstaat__status=Weekstatus.GOEDGEKEURD,
        )
        .values(
            "catalogusitem_id",
            "catalogusitem__taakveld__code",
            "catalogusitem__taakveld__naam",
            "catalogusitem__taakveld__volgorde",
            "eenheid_id",
            "schaal",
        )
        .annotate(totaal=Sum("uren"))
        .order_by()
    ):
        code = rr["catalogusitem__taakveld__code"] or ""
        naam = rr["catalogusitem__taakveld__naam"] or "Zonder taakveld"
        if rr["catalogusitem_id"]:
            items.add(rr["catalogusitem_id"])
        regel = per_taakveld.setdefault(
            code, [naam, rr["catalogusitem__taakveld__volgorde"] or 0, Decimal(0), Decimal(0)]
        )
        tarief = tarieven.voor(rr["eenheid_id"], rr["schaal"]) or Decimal(0)
        regel[2] += rr["totaal"] or 0
        regel[3] += (rr["totaal"] or 0) * tarief
    regulier_posten = [
        kern.Post(code, f"{code} {naam}".strip(), u, b)
        for code, (naam, _volgorde, u, b) in sorted(per_taakveld.items(), key=lambda kv: (kv[1][1], kv[0]))
    ]

    def opdracht_posten(*, met_uren: bool, met_extern: bool) -> list[kern.Post]:
        """Own assignments as weights: their hours x tariff (a part charging assignment hours) and/or the external
        costs (the first usage part, as the allocation charges them); confidential ones as one line."""
        genoemd: list[kern.Post] = []
        geheim_uren, geheim_bedrag = Decimal(0), Decimal(0)
        for oid in sorted(set(per_opdracht) | set(extern), key=lambda i: info[i].nummer if i in info else ""):
            u, b = per_opdracht.get(oid, [Decimal(0), Decimal(0)]) if met_uren else [Decimal(0), Decimal(0)]
            b = b + (extern.get(oid, Decimal(0)) if met_extern else Decimal(0))
            if not (u or b):
                continue
            o = info.get(oid)
            if o is not None and opdracht_in_rapportage(o) == "naam":
                genoemd.append(kern.Post(o.nummer, o.titel, u, b))
            else:
                geheim_uren += u
                geheim_bedrag += b
        if geheim_uren or geheim_bedrag:
            genoemd.append(kern.Post("vertrouwelijk", VERTROUWELIJK, geheim_uren, geheim_bedrag))
        return genoemd

    producten = data.gezamenlijk.get("realisatie", {})
    lijsten: dict[str, list[model.Kostenregel]] = {"opdrachten": [], "regulier": [], "gezamenlijk": []}
    onderdelen: list[model.Onderdeel] = []
    extern_gehad = False
    # a fixed part is spread over the regular work; its hours are counted on the first part that has them
    regulier_uren_gehad = any(
        soorten.get(naam) == GEBRUIK
        and "regels" not in conf
        and Soort.REGULIER in (conf.get("urensoorten") or [Soort.OPDRACHT, Soort.REGULIER])
        for naam, conf in config_delen.items()
    )
    for regel in bijdrage.regels:
        soort = soorten.get(regel.onderdeel)
        onderdelen.append(
            {
                "naam": regel.onderdeel,
                "soort": str(soort or ""),
                "bedrag": kern.geld(regel.bedrag),
                "btw": kern.geld(regel.btw),
                "totaal": kern.geld(regel.bedrag + regel.btw),
            }
        )
        if soort == GEBRUIK:
            conf = config_delen.get(regel.onderdeel, {})
            if "regels" in conf:  # the model gives its own lines: nothing to break down by
                posten = [kern.Post("", regel.onderdeel, Decimal(0), regel.bedrag)]
                soortlijst = ["regulier"]
            else:
                urensoorten = conf.get("urensoorten") or [Soort.OPDRACHT, Soort.REGULIER]
                posten, soortlijst = [], []
                if Soort.OPDRACHT in urensoorten or not extern_gehad:
                    # only the first usage part charges the external costs (financien.invoer.resolve)
                    eigen = opdracht_posten(
                        met_uren=Soort.OPDRACHT in urensoorten, met_extern=not extern_gehad
                    )
                    posten += eigen
                    soortlijst += ["opdrachten"] * len(eigen)
                if Soort.REGULIER in urensoorten:
                    posten += regulier_posten
                    soortlijst += ["regulier"] * len(regulier_posten)
                    regulier_uren_gehad = True
                extern_gehad = True
            gewogen = [p for p in posten if p.bedrag or p.uren]
            lijst_van = [s for p, s in zip(posten, soortlijst, strict=True) if p.bedrag or p.uren]
            uit = kern.uitsplitsen(
                regel.bedrag, gewogen, rest_naam=regel.onderdeel, onderdeel=regel.onderdeel
            )
            for i, k in enumerate(uit):
                lijsten[lijst_van[i] if i < len(lijst_van) else "regulier"].append(k)
        elif soort == GEZAMENLIJK:
            product = producten.get(data.onderdeel_opdracht.get(regel.onderdeel, ""))
            deel_totaal = next((o.bedrag for o in verdeling.onderdelen if o.naam == regel.onderdeel), NUL)
            u = Decimal(0)
            if product is not None and deel_totaal:
                u = (product.uren * regel.bedrag / deel_totaal).quantize(kern.CENT)
            lijsten["gezamenlijk"].append(
                {
                    "code": "gezamenlijk",
                    "naam": regel.onderdeel,
                    "uren": kern.uren(u),
                    "bedrag": kern.geld(regel.bedrag),
                    "onderdeel": regel.onderdeel,
                }
            )
        else:  # vast, groeiplafond
            meturen = not regulier_uren_gehad
            regulier_uren_gehad = True
            for k in kern.uitsplitsen(
                regel.bedrag,
                [
                    kern.Post(p.code, p.naam, p.uren if meturen else Decimal(0), p.bedrag)
                    for p in regulier_posten
                ],
                rest_naam=regel.onderdeel,
                onderdeel=regel.onderdeel,
            ):
                lijsten["regulier"].append(k)

    # advances: the year's adopted (or sent) schedule
    termijnen = list(
        Voorschottermijn.objects.filter(
            schema__samenwerkingsverband=ctx.sv,
            schema__jaar=ctx.jaar,
            schema__status__in=(Voorschotstatus.VASTGESTELD, Voorschotstatus.VERZONDEN),
            gemeente=gemeente,
        ).values_list("vervaldatum", "bedrag")
    )
    voorschot = voorschot_jaar = None
    if termijnen:
        voorschot_jaar = kern.geld(sum((b for _d, b in termijnen), NUL))
        voorschot = kern.geld(sum((b for d, b in termijnen if d <= ctx.eind), NUL))
    begroting = data.bijdragen.get(gemeente.pk)
    afrekening: model.Afrekeningsregel | None = None
    afr = (
        Afrekening.objects.filter(samenwerkingsverband=ctx.sv, jaar=ctx.jaar)
        .order_by("-status", "-pk")
        .prefetch_related("regels")
        .first()
    )
    if afr is not None:
        ar = next((r for r in afr.regels.all() if r.gemeente_id == gemeente.pk), None)
        if ar is not None:
            afrekening = {
                "status": afr.status,
                "voorschot": kern.geld(ar.voorschot),
                "realisatie": kern.geld(ar.realisatie),
                "saldo": kern.geld(ar.saldo),
                "sleutelaandeel": f"{ar.sleutelaandeel:f}",
                "urenaandeel": None if ar.urenaandeel is None else f"{ar.urenaandeel:f}",
            }
    alle = lijsten["opdrachten"] + lijsten["regulier"] + lijsten["gezamenlijk"]
    toelichting = ""
    if verdeling.startperiode:
        toelichting = (
            "Startperiode: alle onderdelen zijn naar de verdeelsleutel verdeeld; niets wordt verrekend."
        )
    return (
        {
            "jaar": ctx.jaar,
            # the allocation counts every approved hour of the year so far: to today, or the whole closed year
            "tot": min(ctx.vandaag, dt.date(ctx.jaar, 12, 31)).isoformat(),
            "verdeelmodel": {"id": verdeelmodel.pk, "naam": verdeelmodel.label},
            "grondslag": "realisatie",
            "onderdelen": onderdelen,
            "opdrachten": lijsten["opdrachten"],
            "regulier": lijsten["regulier"],
            "gezamenlijk": lijsten["gezamenlijk"],
            "uren": kern.uren(kern.som_geld(alle, "uren")),
            "totaal": kern.geld(bijdrage.totaal_incl_btw),
            "voorschot": voorschot,
            "voorschot_jaar": voorschot_jaar,
            "sleutelaandeel": kern.procent(bijdrage.sleutelaandeel),
            "begroting": None if begroting is None else kern.geld(begroting.voorschot),
            "afrekening": afrekening,
            "toelichting": toelichting,
        },
        items,
    )


# --- service levels ----------------------------------------------------------------------------------------------
def _dienstverlening(ctx: _Context, gemeente: Any) -> tuple[model.Dienstverlening, set[int]]:
    from seta.dienstverlening.selectors import naleving_in_periode, norm_tekst

    dvo, regels = naleving_in_periode(
        ctx.sv.pk, gemeente.pk, van=ctx.begin, tot=ctx.eind, vandaag=ctx.vandaag
    )
    leeg: model.Dienstverlening = {
        "gemeten": False,
        "toelichting": "",
        "dvo": None,
        "normen": [],
        "gehaald": 0,
        "gemist": 0,
        "niet_meetbaar": 0,
    }
    if dvo is None:
        leeg["toelichting"] = (
            f"Er is geen vastgestelde dienstverleningsovereenkomst van {gemeente.naam} met {ctx.sv.naam} in deze "
            "periode; de dienstverlening is niet gemeten."
        )
        return leeg, set()
    items = {r.afspraak.catalogusitem_id for r in regels}
    normen: list[model.Normregel] = []
    tel = {"gehaald": 0, "gemist": 0, "niet_meetbaar": 0}
    for r in regels:
        met = [c for c in r.cijfers if c.oordeel != GEEN_GEGEVENS]
        laatste = met[-1] if met else None
        gehaald = None if laatste is None else laatste.oordeel == GEHAALD
        waarde = None
        if laatste is not None:
            w = (
                laatste.percentage_binnen_norm
                if laatste.percentage_binnen_norm is not None
                else laatste.waarde
            )
            if r.norm.soort == "volume":
                waarde = f"{laatste.ontvangen} zaken"
            elif w is not None:
                tekst = kern.een_decimaal(w).replace(".", ",")
                procent = laatste.percentage_binnen_norm is not None or r.norm.soort == "beschikbaarheid"
                waarde = f"{tekst} %" if procent else tekst
        tel["gehaald" if gehaald else "gemist" if gehaald is False else "niet_meetbaar"] += 1
        normen.append(
            {
                "dienst": r.catalogusitem.naam,
                "norm": r.norm.omschrijving,
                "doel": norm_tekst(r.norm),
                "waarde": waarde,
                "aantal": laatste.besloten if laatste is not None else 0,
                "gehaald": gehaald,
                "trend": (laatste.trend or "") if laatste is not None else "",
            }
        )
    gemeten = tel["gehaald"] + tel["gemist"] > 0
    toelichting = ""
    if not normen:
        toelichting = f"De overeenkomst {dvo.kenmerk} heeft geen normen voor {gemeente.naam}; niet gemeten."
    elif not gemeten:
        toelichting = "Er zijn over deze periode geen zaakgegevens of metingen; de normen zijn niet gemeten."
    return (
        {
            "gemeten": gemeten,
            "toelichting": toelichting,
            "dvo": {"id": dvo.pk, "naam": f"{dvo.kenmerk} {dvo.titel}".strip()},
            "normen": normen,
            **tel,  # type: ignore[typeddict-item]
        },
        items,
    )


# --- robustness --------------------------------------------------------------------------------------------------
def _pool_robuustheid(ctx: _Context) -> Any:
    if ctx._robuust is None:
        from seta.organisatie import selectors as organisatie_selectors

        ctx._robuust = organisatie_selectors.poolrobuustheid(ctx.sv, ctx.peil)
    return ctx._robuust


def _robuustheid(ctx: _Context, items: set[int]) -> model.Robuustheid:
    """Single-person posts in the units that own the municipality's services (its assignments' and regular
    work's catalogue items and the services of its DVO), counted with their sub-units; no names of staff."""
    from seta.catalogus.models import Catalogusitem

    pool = _pool_robuustheid(ctx)
    result, eenheden, namen = pool.resultaat, pool.eenheden, pool.competenties
    diensten_per_eenheid: dict[int, list[str]] = defaultdict(list)
    for eenheid_id, naam in Catalogusitem.objects.filter(pk__in=items).values_list("eenheid_id", "naam"):
        diensten_per_eenheid[eenheid_id].append(naam)
    kwetsbaar: list[model.Kwetsbaarheid] = []
    competenties: set[int] = set()
    eenpitters: set[int] = set()
    for eid in sorted(diensten_per_eenheid, key=lambda e: eenheden.get(e, "")):
        if eid not in eenheden:
            continue
        competenties |= set(result.per_eenheid.get(eid, {}))
        for b in sorted(result.eenmansposten(eid), key=lambda b: namen.get(b.competentie_id, "")):
            eenpitters.add(b.competentie_id)
            kwetsbaar.append(
                {
                    "competentie": namen.get(b.competentie_id, ""),
                    "eenheid": eenheden[eid],
                    "houders": b.aantal,
                    "diensten": sorted(set(diensten_per_eenheid[eid])),
                }
            )
    return {"competenties": len(competenties), "kwetsbaar": kwetsbaar, "eenpitters": len(eenpitters)}


def _pool_robuustheid_totaal(ctx: _Context) -> model.Robuustheid:
    pool = _pool_robuustheid(ctx)
    result, namen = pool.resultaat, pool.competenties
    posten = sorted(result.eenmansposten_pool(), key=lambda b: namen.get(b.competentie_id, ""))
    return {
        "competenties": len(result.pool),
        "kwetsbaar": [
            {"competentie": namen.get(b.competentie_id, ""), "eenheid": "", "houders": 1, "diensten": []}
            for b in posten
        ],
        "eenpitters": len(posten),
    }


# --- the whole -------------------------------------------------------------------------------------------------
@dataclass
class _Gemeentecijfers:
    opdrachten: model.Opdrachten
    bestuursvragen: model.Bestuursvragen
    financien: model.Financien
    dienstverlening: model.Dienstverlening
    robuustheid: model.Robuustheid
    kerncijfers: model.Kerncijfers
    vraagdagen: list[int]


def _gemeente(ctx: _Context, gemeente: Any) -> _Gemeentecijfers:
    opdrachten, items_o = _opdrachten(ctx, gemeente)
    vragen = _bestuursvragen(ctx, gemeente)
    financien, items_f = _financien(ctx, gemeente)
    dienst, items_d = _dienstverlening(ctx, gemeente)
    robuust = _robuustheid(ctx, items_o | items_f | items_d)
    kc: model.Kerncijfers = {
        "opgedragen": opdrachten["opgedragen"],
        "opgeleverd": opdrachten["opgeleverd"],
        "te_laat": opdrachten["te_laat"],
        "lopend": opdrachten["lopend"],
        "vragen_open": vragen["open"],
        "vragen_mediaan_dagen": vragen["mediaan_dagen"],
        "uren": financien["uren"],
        "kosten": financien["totaal"],
        "voorschot": financien["voorschot"],
        "normen_gehaald": dienst["gehaald"] if dienst["gemeten"] else None,
        "normen_gemist": dienst["gemist"] if dienst["gemeten"] else None,
        "eenpitters": robuust["eenpitters"],
    }
    dagen = [r["dagen"] for r in vragen["regels"] if r["dagen"] is not None]
    return _Gemeentecijfers(opdrachten, vragen, financien, dienst, robuust, kc, dagen)


def _ref_rapportage(r: Raadsrapportage) -> model.Ref:
    versie = f", versie {r.volgnummer}" if r.volgnummer > 1 else ""
    naam = r.periode_naam if str(r.jaar) in r.periode_naam else f"{r.periode_naam} {r.jaar}"
    return {"id": r.pk, "naam": f"{naam}{versie}"}


def vorige_rapportage(rapportage: Raadsrapportage) -> Raadsrapportage | None:
    """The last report SENT to the same recipient about an earlier period (the version the council holds,
    ``aangeboden``, before a replaced one), or None."""
    return (
        Raadsrapportage.objects.filter(
            samenwerkingsverband_id=rapportage.samenwerkingsverband_id,
            ontvanger=rapportage.ontvanger
            or (rapportage.gemeente.cbs_code if rapportage.gemeente else Raadsrapportage.GEZAMENLIJK),
            status__in=sorted(lifecycle.BEVROREN),
            eind__lt=rapportage.eind,
            inhoud__isnull=False,
        )
        .exclude(pk=rapportage.pk)
        .order_by("-eind", "-begin", "status", "-volgnummer")
        .first()
    )


def bouw(rapportage: Raadsrapportage, *, vandaag: dt.date | None = None) -> model.Inhoud:
    """The report's content as of ``vandaag`` (default today)."""
    from seta.financien import selectors as financien_selectors

    vandaag = vandaag or timezone.localdate()
    sv = rapportage.samenwerkingsverband
    g = rapportage.gemeente
    ctx = _Context(sv, rapportage.jaar, rapportage.begin, rapportage.eind, vandaag)
    opdrachten = vragen = financien = dienst = None
    partners: list[model.Partnerkolom] = []
    if g is not None:
        c = _gemeente(ctx, g)
        opdrachten, vragen, financien, dienst = c.opdrachten, c.bestuursvragen, c.financien, c.dienstverlening
        robuust, kerncijfers = c.robuustheid, c.kerncijfers
    else:
        alle_dagen: list[int] = []
        for partner in financien_selectors.deelnemers_in_jaar(sv, rapportage.jaar):
            c = _gemeente(ctx, partner)
            alle_dagen += c.vraagdagen
            partners.append(
                {
                    "gemeente": {"id": partner.pk, "code": partner.cbs_code, "naam": partner.naam},
                    "cijfers": c.kerncijfers,
                }
            )
        robuust = _pool_robuustheid_totaal(ctx)
        kerncijfers = kern.som([p["cijfers"] for p in partners]) if partners else _kerncijfers_leeg()
        m = kern.mediaan(alle_dagen)
        kerncijfers["vragen_mediaan_dagen"] = None if m is None else kern.een_decimaal(m)
        kerncijfers["eenpitters"] = robuust["eenpitters"]
    vorige = vorige_rapportage(rapportage)
    vorige_cijfers = (vorige.inhoud or {}).get("kerncijfers") if vorige is not None else None
    besluit: model.Besluit | None = None
    b = rapportage.besluit
    if b is not None:
        besluit = {
            "orgaan": b.orgaan,
            "orgaan_label": b.get_orgaan_display(),
            "kenmerk": b.kenmerk,
            "datum": b.datum.isoformat(),
        }
    return {
        "schema": model.SCHEMA,
        "soort": "gezamenlijk" if g is None else "gemeente",
        "samenwerkingsverband": {"id": sv.pk, "naam": sv.naam},
        "gemeente": None if g is None else {"id": g.pk, "code": g.cbs_code, "naam": g.naam},
        "periode": {
            "jaar": rapportage.jaar,
            "code": rapportage.periode,
            "naam": rapportage.periode_naam,
            "begin": rapportage.begin.isoformat(),
            "eind": rapportage.eind.isoformat(),
        },
        "peildatum": vandaag.isoformat(),
        "opdrachten": opdrachten,
        "bestuursvragen": vragen,
        "financien": financien,
        "dienstverlening": dienst,
        "robuustheid": robuust,
        "kerncijfers": kerncijfers,
        "partners": partners,
        "vergelijking": {
            "vorige": None if vorige is None else _ref_rapportage(vorige),
            "cijfers": kern.verschillen(vorige_cijfers, kerncijfers),
        },
        "toelichting_pool": rapportage.toelichting_pool,
        "toelichting_gemeente": rapportage.toelichting_gemeente,
        "besluit": besluit,
        "versie": rapportage.volgnummer,
        "corrigeert": None if rapportage.voorganger is None else _ref_rapportage(rapportage.voorganger),
        "correctiereden": rapportage.correctiereden,
    }
