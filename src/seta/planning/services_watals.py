"""What-if on the plan: "what happens if" a new assignment is commissioned, a priority or a deadline changes, or a
unit gets extra capacity (hiring, hired help): which assignments of which partners slip, and by how much.

A what-if is a READ: nothing is written, not even an audit row (it changes nothing that an audit trail could
explain later; the same holds for every other page that only shows). ``tests/planning/test_watals_service.py``
checks that the row counts of the planning and commissioning tables stay the same.

Like for like: the base plan is computed from the current data (``invoer.bouw`` + ``oplosser.plan``), not read
from the stored run, and the changed instance (``kern.watals.met_*``) is planned the same way; ``vergelijk``
lists the assignments whose delivery moves.

Visibility: a slip is shown with its title only when the actor may read the assignment
(``policy.scope(actor, "opdrachten.bestuursopdracht")``). For the pool that is every assignment of its
cooperation; for a municipality its own assignments. Every other slip is reported only in aggregate per
partner ("Blaricum: 2 opdrachten later, 310 uur"), never with a title or a number.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.autorisaties.policy.watals import (
    CAPACITEIT,
    DEADLINE,
    NIEUWE_OPDRACHT,
    PRIORITEIT,
    SOORTEN,
    Watalscontext,
    Wijzigingsdoel,
)
from seta.core.errors import InvalidInput, NotFound
from seta.gemeenten.models import Gemeente
from seta.opdrachten.models import Bestuursopdracht, Prioriteit
from seta.organisatie.models import Eenheid
from seta.planning import invoer as invoer_mod
from seta.planning.kern import capaciteit as kern_capaciteit
from seta.planning.kern import oplosser
from seta.planning.kern import watals as kern_watals
from seta.planning.kern.model import Instantie, Plan, Vraag
from seta.samenwerkingsverbanden.models import Samenwerkingsverband

SOORT_LABELS: dict[str, str] = {
    NIEUWE_OPDRACHT: "Een nieuwe opdracht",
    PRIORITEIT: "Een andere prioriteit",
    DEADLINE: "Een andere deadline",
    CAPACITEIT: "Extra capaciteit (werving of inhuur)",
}
PRIORITEITEN = tuple(p.value for p in Prioriteit)
NIEUW_PREFIX = "NIEUW-"
MAX_WIJZIGINGEN = 10
MAX_UREN = Decimal("100000")
MAX_EXTRA_UREN_PER_WEEK = Decimal("2000")
MAX_FTE = Decimal("50")


@dataclass(frozen=True)
class Wijziging:
    """One change to try. Which fields matter depends on ``soort`` (see ``SOORTEN``); ids, not records, so the
    page and the API hand over what the person typed and the service names every field that is wrong."""

    soort: str
    # nieuwe_opdracht
    titel: str = ""
    eenheid: int | None = None  # also for capaciteit
    uren: Decimal | None = None
    vroegste_start: dt.date | None = None
    deadline: dt.date | None = None  # also for deadline (the new date)
    gemeenten: tuple[int, ...] = ()
    prioriteit: str = ""  # also for prioriteit (the new class)
    wettelijk: bool = False
    # prioriteit, deadline
    opdracht: int | None = None
    # capaciteit
    extra_uren_per_week: Decimal | None = None
    extra_fte: Decimal | None = None
    van: dt.date | None = None
    tot: dt.date | None = None


@dataclass(frozen=True)
class Verschuiving:
    """One assignment the actor may read whose expected delivery moves (or the new assignment itself)."""

    opdracht_id: int | None  # None for a new assignment tried here
    nummer: str
    titel: str
    gemeenten: str
    weken: int  # positive: later
    voor: dt.date | None  # expected delivery before (None: not in the plan before)
    na: dt.date | None
    deadline: dt.date | None
    te_laat: bool  # after the change
    was_te_laat: bool
    nieuw: bool = False

    @property
    def richting(self) -> str:
        if self.nieuw:
            return "nieuw"
        return "later" if self.weken > 0 else "eerder"


@dataclass(frozen=True)
class Elders:
    """The slips among assignments the actor may not read, for one partner (or group of joint principals)."""

    gemeenten: str
    later: int
    eerder: int
    weken_later: int
    uren: float
    te_laat: int  # of those, late after the change


@dataclass(frozen=True)
class Aandeelverschil:
    """One partner's share before and after: this period's percentage and the horizon's hours."""

    gemeente_id: int | None
    gemeente: str
    recht_pct: float
    voor_pct: float
    na_pct: float
    voor_uren: float
    na_uren: float
    voor_tekort: float
    na_tekort: float


@dataclass
class Watalsuitkomst:
    samenwerkingsverband: Samenwerkingsverband
    wijzigingen: list[str]  # each change in words
    startweek: dt.date
    verschuivingen: list[Verschuiving] = field(default_factory=list)
    elders: list[Elders] = field(default_factory=list)
    aandelen: list[Aandeelverschil] = field(default_factory=list)
    tekort_voor: float = 0.0
    tekort_na: float = 0.0
    laatheid_voor: float = 0.0
    laatheid_na: float = 0.0
    te_laat_voor: int = 0
    te_laat_na: int = 0
    niet_planbaar: int = 0
    ziet_alles: bool = False

    @property
    def later(self) -> list[Verschuiving]:
        return [v for v in self.verschuivingen if not v.nieuw and v.weken > 0]

    @property
    def eerder(self) -> list[Verschuiving]:
        return [v for v in self.verschuivingen if not v.nieuw and v.weken < 0]

    @property
    def schuivers(self) -> list[Verschuiving]:
        return [v for v in self.verschuivingen if not v.nieuw]

    @property
    def nieuw(self) -> list[Verschuiving]:
        return [v for v in self.verschuivingen if v.nieuw]


# --- reading the changes --------------------------------------------------------------------------------------
def _decimal(waarde: Any) -> Decimal | None:
    if waarde is None or waarde == "":
        return None
    try:
        d = Decimal(str(waarde))
    except (InvalidOperation, ValueError):
        return None
    return d if d.is_finite() else None


@dataclass
class _Gelezen:
    wijziging: Wijziging
    eenheid: Eenheid | None = None
    opdracht: Bestuursopdracht | None = None
    gemeenten: list[Gemeente] = field(default_factory=list)


def _lees(
    actor: Actor, sv: Samenwerkingsverband, wijzigingen: Sequence[Wijziging]
) -> tuple[list[_Gelezen], dict[str, list[str]]]:
    """Resolve the ids within the cooperation and check every field; the errors by field name."""
    from seta.opdrachten import selectors as opdracht_selectors
    from seta.samenwerkingsverbanden.models import Deelnemer

    fouten: dict[str, list[str]] = defaultdict(list)
    if not wijzigingen:
        fouten["wijzigingen"].append("Geef ten minste één wijziging op.")
    if len(wijzigingen) > MAX_WIJZIGINGEN:
        fouten["wijzigingen"].append(f"Ten hoogste {MAX_WIJZIGINGEN} wijzigingen tegelijk.")
    eenheden = {e.pk: e for e in Eenheid.objects.filter(samenwerkingsverband=sv)}
    partners = set(Deelnemer.objects.filter(samenwerkingsverband=sv).values_list("gemeente_id", flat=True))
    zichtbaar = opdracht_selectors.bestuursopdrachten_for(actor).filter(samenwerkingsverband=sv)
    gelezen: list[_Gelezen] = []
    for i, w in enumerate(wijzigingen[:MAX_WIJZIGINGEN]):
        pad = f"wijzigingen[{i}]."
        g = _Gelezen(w)
        gelezen.append(g)
        if w.soort not in SOORTEN:
            fouten[pad + "soort"].append("Kies: nieuwe opdracht, prioriteit, deadline of capaciteit.")
            continue
        if w.soort in (NIEUWE_OPDRACHT, CAPACITEIT):
            if w.eenheid is None:
                fouten[pad + "eenheid"].append("Kies een eenheid.")
            elif w.eenheid not in eenheden:
                fouten[pad + "eenheid"].append("Onbekende eenheid in dit samenwerkingsverband.")
            else:
                g.eenheid = eenheden[w.eenheid]
        if w.soort == NIEUWE_OPDRACHT:
            if len(w.titel) > 200:
                fouten[pad + "titel"].append("Ten hoogste 200 tekens.")
            if w.uren is None:
                fouten[pad + "uren"].append("Geef het geraamde aantal uren.")
            elif w.uren <= 0:
                fouten[pad + "uren"].append("Het aantal uren moet groter zijn dan 0.")
            elif w.uren > MAX_UREN:
                fouten[pad + "uren"].append(f"Ten hoogste {MAX_UREN} uur.")
            if w.deadline is None:
                fouten[pad + "deadline"].append("Geef een deadline.")
            elif w.vroegste_start is not None and w.deadline < w.vroegste_start:
                fouten[pad + "deadline"].append("De deadline ligt voor de vroegste start.")
            if not w.gemeenten:
                fouten[pad + "gemeenten"].append("Kies ten minste één opdrachtgevende gemeente.")
            elif set(w.gemeenten) - partners:
                fouten[pad + "gemeenten"].append("Alleen partners van dit samenwerkingsverband.")
            else:
                g.gemeenten = list(Gemeente.objects.filter(pk__in=w.gemeenten).order_by("naam"))
            if w.prioriteit not in PRIORITEITEN:
                fouten[pad + "prioriteit"].append("Kies hoog, normaal of laag.")
        if w.soort in (PRIORITEIT, DEADLINE):
            opdracht = (
                zichtbaar.filter(pk=w.opdracht).prefetch_related("opdrachtgevers__gemeente").first()
                if w.opdracht is not None
                else None
            )
            if opdracht is None:
                fouten.setdefault(pad + "opdracht", []).append("Kies een opdracht uit het plan.")
            else:
                g.opdracht = opdracht
        if w.soort == PRIORITEIT and w.prioriteit not in PRIORITEITEN:
            fouten[pad + "prioriteit"].append("Kies hoog, normaal of laag.")
        if w.soort == DEADLINE and w.deadline is None:
            fouten[pad + "deadline"].append("Geef de nieuwe deadline.")
        if w.soort == CAPACITEIT:
            if (w.extra_uren_per_week is None) == (w.extra_fte is None):
                fouten[pad + "extra_uren_per_week"].append(
                    "Geef extra uren per week óf extra fte (één van beide)."
                )
            if w.extra_uren_per_week is not None and not (
                0 < w.extra_uren_per_week <= MAX_EXTRA_UREN_PER_WEEK
            ):
                fouten[pad + "extra_uren_per_week"].append(
                    f"Meer dan 0 en ten hoogste {MAX_EXTRA_UREN_PER_WEEK} uur per week."
                )
            if w.extra_fte is not None and not (0 < w.extra_fte <= MAX_FTE):
                fouten[pad + "extra_fte"].append(f"Meer dan 0 en ten hoogste {MAX_FTE} fte.")
            if w.van is None:
                fouten[pad + "van"].append("Geef de eerste dag.")
            if w.tot is not None and w.van is not None and w.tot < w.van:
                fouten[pad + "tot"].append("De laatste dag ligt voor de eerste.")
    return gelezen, dict(fouten)


def _doel(g: _Gelezen) -> Wijzigingsdoel:
    w = g.wijziging
    if w.soort == NIEUWE_OPDRACHT:
        return Wijzigingsdoel(w.soort, frozenset(w.gemeenten))
    if w.soort in (PRIORITEIT, DEADLINE) and g.opdracht is not None:
        return Wijzigingsdoel(w.soort, frozenset(og.gemeente_id for og in g.opdracht.actieve_opdrachtgevers))
    return Wijzigingsdoel(w.soort)


# --- applying them to the instance ------------------------------------------------------------------------------
def _extra(pi: invoer_mod.Planinvoer, w: Wijziging) -> tuple[float, int, int | None]:
    """A capacity change as (extra assignment hours per week, first week, last week or None): hired help works on
    assignments only, so an extra FTE counts fully, at the rules' hours per FTE-week and gross-to-net factor."""
    assert w.van is not None
    van = max(0, invoer_mod.week_index(pi.startweek, w.van))
    tot = None if w.tot is None else invoer_mod.week_index(pi.startweek, w.tot)
    if w.extra_fte is not None:
        regels = pi.regels
        uren_fte = float(regels.uren_per_fte_week) if regels is not None else 36.0
        productief = float(regels.productieve_uren_per_fte_jaar) if regels is not None else 1600.0
        factor = kern_capaciteit.netto_factor(uren_fte, productief)
        return float(w.extra_fte) * uren_fte * factor, van, tot
    return float(w.extra_uren_per_week or 0), van, tot


def _aandelen_nieuw(pi: invoer_mod.Planinvoer, gemeenten: list[Gemeente]) -> dict[str, float]:
    """A new assignment's share per principal: as ``invoer.bouw`` does for a joint one, by the cooperation's cost
    key for joint assignments, else equal parts."""
    if len(gemeenten) == 1:
        return {gemeenten[0].cbs_code: 1.0}
    from seta.financien import selectors as financien_selectors

    sleutel = financien_selectors.kostensleutel(
        pi.samenwerkingsverband, pi.startweek.year, [g.pk for g in gemeenten]
    )
    per_pk = {g.pk: g.cbs_code for g in gemeenten}
    if sleutel.aandelen:
        return {per_pk[pk]: float(a) for pk, a in sleutel.aandelen.items() if pk in per_pk}
    return {g.cbs_code: 1.0 / len(gemeenten) for g in gemeenten}


def _pas_toe(
    pi: invoer_mod.Planinvoer, gelezen: list[_Gelezen], fouten: dict[str, list[str]]
) -> tuple[Instantie, dict[str, _Gelezen]]:
    inst = pi.instantie
    nieuw: dict[str, _Gelezen] = {}
    for i, g in enumerate(gelezen):
        w = g.wijziging
        pad = f"wijzigingen[{i}]."
        if w.soort == NIEUWE_OPDRACHT:
            assert g.eenheid is not None and w.uren is not None and w.deadline is not None
            vid = f"{NIEUW_PREFIX}{i + 1}"
            aandelen = _aandelen_nieuw(pi, g.gemeenten)
            start = max(w.vroegste_start or timezone.localdate(), timezone.localdate())
            vraag = Vraag(
                id=vid,
                eenheid=g.eenheid.code,
                uren=float(w.uren),
                vroegste_week=max(0, invoer_mod.week_index(pi.startweek, start)),
                deadline_week=invoer_mod.week_index(pi.startweek, w.deadline),
                aandelen=aandelen,
                prioriteit=w.prioriteit,
                wettelijk=w.wettelijk,
            )
            inst = kern_watals.met_vraag(inst, vraag)
            nieuw[vid] = g
        elif w.soort in (PRIORITEIT, DEADLINE):
            assert g.opdracht is not None
            vid = g.opdracht.nummer
            if vid not in {v.id for v in inst.vragen}:
                fouten.setdefault(pad + "opdracht", []).append(
                    "Deze opdracht staat niet in het plan (nog niet opgedragen, "
                    "aangehouden of niet planbaar)."
                )
                continue
            if w.soort == PRIORITEIT:
                inst = kern_watals.met_prioriteit(inst, vid, w.prioriteit)
            else:
                assert w.deadline is not None
                inst = kern_watals.met_deadline(inst, vid, invoer_mod.week_index(pi.startweek, w.deadline))
        elif w.soort == CAPACITEIT:
            assert g.eenheid is not None
            if g.eenheid.code not in inst.capaciteit:
                fouten.setdefault(pad + "eenheid", []).append(
                    "Deze eenheid heeft geen capaciteit in het plan."
                )
                continue
            inst = kern_watals.met_capaciteit(inst, g.eenheid.code, *_extra(pi, w))
    return inst, nieuw


def _getal(d: Decimal | None) -> str:
    """``96``, ``1,5``: a number as a Dutch text (no trailing zeros)."""
    if d is None:
        return ""
    return format(d.normalize(), "f").replace(".", ",")


def _omschrijving(g: _Gelezen) -> str:
    w = g.wijziging
    if w.soort == NIEUWE_OPDRACHT:
        wie = " en ".join(gm.naam for gm in g.gemeenten)
        titel = f" “{w.titel}”" if w.titel else ""
        return (
            f"Nieuwe opdracht{titel} van {wie}: {_getal(w.uren)} uur in {g.eenheid.naam if g.eenheid else ''}, "
            f"prioriteit {w.prioriteit}, deadline {w.deadline:%d-%m-%Y}"
            + (" (wettelijke termijn)" if w.wettelijk else "")
        )
    if w.soort == PRIORITEIT and g.opdracht is not None:
        return (
            f"Prioriteit van {g.opdracht.nummer} {g.opdracht.titel}: {g.opdracht.prioriteit} → {w.prioriteit}"
        )
    if w.soort == DEADLINE and g.opdracht is not None and w.deadline is not None:
        return (
            f"Deadline van {g.opdracht.nummer} {g.opdracht.titel}: {g.opdracht.deadline:%d-%m-%Y} → "
            f"{w.deadline:%d-%m-%Y}"
        )
    if w.soort == CAPACITEIT and g.eenheid is not None:
        hoeveel = (
            f"{_getal(w.extra_fte)} fte"
            if w.extra_fte is not None
            else f"{_getal(w.extra_uren_per_week)} uur per week"
        )
        periode = f"vanaf {w.van:%d-%m-%Y}" if w.van else ""
        if w.tot is not None:
            periode += f" tot en met {w.tot:%d-%m-%Y}"
        return f"Extra capaciteit in {g.eenheid.naam}: {hoeveel} {periode}".strip()
    return SOORT_LABELS.get(w.soort, w.soort)


# --- the result ------------------------------------------------------------------------------------------------
def _oplevering(pi: invoer_mod.Planinvoer, week: int | None) -> dt.date | None:
    """The expected delivery (the Friday of the week), None when nothing is planned or it is after the horizon."""
    if week is None or week >= pi.weken:
        return None
    return invoer_mod.week_einde(pi.startweek, week)


def _te_laat(plan: Plan, vid: str) -> bool:
    u = plan.uitkomsten.get(vid)
    return bool(u is not None and u.weken_te_laat > 0)


def _aandelen(
    pi: invoer_mod.Planinvoer, voor: Plan, na: Plan, namen: dict[str, str]
) -> list[Aandeelverschil]:
    def per_partner(plan: Plan) -> dict[str, dict[str, float]]:
        d: dict[str, dict[str, float]] = defaultdict(lambda: {"uren": 0.0, "tekort": 0.0})
        for a in plan.aandelen:
            d[a.partner]["uren"] += a.ontvangen
            d[a.partner]["tekort"] = max(d[a.partner]["tekort"], a.tekort)
            d[a.partner]["recht_pct"] = a.recht_pct
            if a.periode == 0:
                d[a.partner]["pct"] = a.ontvangen_pct
        return d

    v, n = per_partner(voor), per_partner(na)
    result = []
    for p in sorted(set(v) | set(n), key=lambda k: namen.get(k, k)):
        a, b = v.get(p, {}), n.get(p, {})
        result.append(
            Aandeelverschil(
                gemeente_id=pi.partners.get(p),
                gemeente=namen.get(p, p),
                recht_pct=round(b.get("recht_pct", a.get("recht_pct", 0.0)), 1),
                voor_pct=round(a.get("pct", 0.0), 1),
                na_pct=round(b.get("pct", 0.0), 1),
                voor_uren=round(a.get("uren", 0.0), 1),
                na_uren=round(b.get("uren", 0.0), 1),
                voor_tekort=round(a.get("tekort", 0.0), 1),
                na_tekort=round(b.get("tekort", 0.0), 1),
            )
        )
    return result


def wat_als(
    *,
    actor: Actor,
    samenwerkingsverband: Samenwerkingsverband,
    wijzigingen: Sequence[Wijziging],
    vandaag: dt.date | None = None,
) -> Watalsuitkomst:
    """Plan the cooperation's work as it is and with ``wijzigingen``; report what moves. Writes nothing."""
    sv = samenwerkingsverband
    if not policy.can(actor, "samenwerkingsverband.lezen", sv):
        raise NotFound()
    policy.require(actor, "plan.wat_als", Watalscontext(sv.pk))
    gelezen, fouten = _lees(actor, sv, wijzigingen)
    if fouten:
        raise InvalidInput(fields=fouten)
    policy.require(actor, "plan.wat_als", Watalscontext.van(sv.pk, (_doel(g) for g in gelezen)))

    pi = invoer_mod.bouw(sv, vandaag=vandaag)
    inst, nieuw = _pas_toe(pi, gelezen, fouten)
    if fouten:
        raise InvalidInput(fields=fouten)
    voor = oplosser.plan(pi.instantie)
    na = oplosser.plan(inst)

    from seta.opdrachten import selectors as opdracht_selectors

    namen = dict(pi.partnernamen)
    pk_van = dict(pi.opdrachten)
    opdrachten = {
        o.pk: o
        for o in Bestuursopdracht.objects.filter(pk__in=pk_van.values()).prefetch_related(
            "opdrachtgevers__gemeente"
        )
    }
    leesbaar = set(
        opdracht_selectors.bestuursopdrachten_for(actor)
        .filter(pk__in=pk_van.values())
        .values_list("pk", flat=True)
    )
    nieuwe_deadlines = {
        g.opdracht.nummer: g.wijziging.deadline
        for g in gelezen
        if g.wijziging.soort == DEADLINE and g.opdracht is not None and g.wijziging.deadline is not None
    }
    uren = {v.id: v.uren for v in inst.vragen}

    def wie(vid: str) -> str:
        vraag = next((v for v in inst.vragen if v.id == vid), None)
        if vraag is None:
            return ""
        return " en ".join(sorted(namen.get(p, p) for p in vraag.aandelen))

    result = Watalsuitkomst(
        samenwerkingsverband=sv,
        wijzigingen=[_omschrijving(g) for g in gelezen],
        startweek=pi.startweek,
        tekort_voor=round(voor.tekort, 1),
        tekort_na=round(na.tekort, 1),
        laatheid_voor=round(voor.laatheid_ongewogen, 1),
        laatheid_na=round(na.laatheid_ongewogen, 1),
        te_laat_voor=sum(1 for u in voor.uitkomsten.values() if u.weken_te_laat > 0),
        te_laat_na=sum(1 for u in na.uitkomsten.values() if u.weken_te_laat > 0 and u.id not in nieuw),
        niet_planbaar=len(pi.niet_planbaar),
        ziet_alles=policy.watals.is_pool_watals(actor, sv.pk),
    )
    elders: dict[str, dict[str, float]] = defaultdict(
        lambda: {"later": 0, "eerder": 0, "weken_later": 0, "uren": 0.0, "te_laat": 0}
    )
    for s in kern_watals.vergelijk(voor, na):
        if s.id in nieuw or s.weken == 0:
            continue
        pk = pk_van.get(s.id)
        o = opdrachten.get(pk) if pk is not None else None
        if o is None:
            continue
        if pk in leesbaar:
            result.verschuivingen.append(
                Verschuiving(
                    opdracht_id=o.pk,
                    nummer=o.nummer,
                    titel=o.titel,
                    gemeenten=o.gemeenten_label,
                    weken=s.weken,
                    voor=_oplevering(pi, s.voor_week),
                    na=_oplevering(pi, s.na_week),
                    deadline=nieuwe_deadlines.get(s.id, o.deadline),
                    te_laat=_te_laat(na, s.id),
                    was_te_laat=_te_laat(voor, s.id),
                )
            )
        else:
            e = elders[wie(s.id)]
            e["later" if s.weken > 0 else "eerder"] += 1
            e["weken_later"] += max(0, s.weken)
            e["uren"] += uren.get(s.id, 0.0)
            e["te_laat"] += 1 if _te_laat(na, s.id) else 0
    result.verschuivingen.sort(key=lambda v: (-v.weken, v.nummer))
    for vid, g in nieuw.items():
        u = na.uitkomsten.get(vid)
        w = g.wijziging
        result.verschuivingen.append(
            Verschuiving(
                opdracht_id=None,
                nummer="",
                titel=w.titel or "Nieuwe opdracht",
                gemeenten=" en ".join(gm.naam for gm in g.gemeenten),
                weken=0,
                voor=None,
                na=_oplevering(pi, u.oplevering_week if u else None),
                deadline=w.deadline,
                te_laat=_te_laat(na, vid),
                was_te_laat=False,
                nieuw=True,
            )
        )
    result.elders = [
        Elders(
            gemeenten=k,
            later=int(v["later"]),
            eerder=int(v["eerder"]),
            weken_later=int(v["weken_later"]),
            uren=round(v["uren"], 1),
            te_laat=int(v["te_laat"]),
        )
        for k, v in sorted(elders.items())
    ]
    result.aandelen = _aandelen(pi, voor, na, namen)
    return result
