"""Measuring a plan: the fair shares (instance only), validation of an instance, and ``evalueer``, the one
function that turns an assignment of hours into a ``Plan`` with every figure. Both the EDF baseline and the
solver are measured by ``evalueer``, so their figures are comparable by construction.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from seta.planning.kern.model import (
    Aandeel,
    Instantie,
    Plan,
    PlanInvoerFout,
    Uitkomst,
    Vraag,
    WettelijkProbleem,
)

EPS = 1e-6  # hours below this are noise
TOL_SOM = 1e-6  # shares and weights must sum to 1 within this


def aantal_perioden(inst: Instantie) -> int:
    """The number of fairness periods covering the horizon (the last one may be shorter)."""
    return -(-inst.weken // inst.regels.periode_weken)


def periode_grenzen(inst: Instantie, k: int) -> tuple[int, int]:
    """Weeks [begin, end) of fairness period ``k``."""
    p = inst.regels.periode_weken
    return k * p, min((k + 1) * p, inst.weken)


def partners(inst: Instantie) -> list[str]:
    """Every partner named by the rules or by a demand, sorted."""
    namen = set(inst.regels.gewichten)
    for v in inst.vragen:
        namen.update(v.aandelen)
    return sorted(namen)


def weeknaam(inst: Instantie, week: int) -> str:
    if week >= inst.weken:
        return "na de planperiode"
    if 0 <= week < len(inst.weeknamen):
        return f"week {inst.weeknamen[week]}"
    return f"week {week}"


# --- validation -------------------------------------------------------------------------------------------


def _getal(x: object) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def _geheel(x: object) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def valideer(inst: Instantie) -> None:
    """Raise ``PlanInvoerFout`` naming the path of every problem in the instance; return None if it is valid."""
    fouten: dict[str, list[str]] = {}

    def fout(pad: str, tekst: str) -> None:
        fouten.setdefault(pad, []).append(tekst)

    if not _geheel(inst.weken) or inst.weken < 1:
        fout("weken", "Het aantal weken moet een geheel getal van minstens 1 zijn.")
    weken = inst.weken if _geheel(inst.weken) else 0

    r = inst.regels
    gewichten_ok = True
    for p, g in sorted(r.gewichten.items()):
        if not _getal(g) or g < 0:
            fout(f"regels.gewichten.{p}", "Een gewicht moet een getal van 0 of meer zijn.")
            gewichten_ok = False
    if not r.gewichten:
        fout("regels.gewichten", "Er moet minstens één partner met een gewicht zijn.")
    elif gewichten_ok and abs(sum(r.gewichten.values()) - 1.0) > TOL_SOM:
        fout("regels.gewichten", f"De gewichten tellen op tot {sum(r.gewichten.values()):.6g}, niet tot 1.")
    for prio, g in sorted(r.prioriteitsgewichten.items()):
        if not _getal(g) or g < 0:
            fout(
                f"regels.prioriteitsgewichten.{prio}",
                "Een prioriteitsgewicht moet een getal van 0 of meer zijn.",
            )
    if not _geheel(r.periode_weken) or r.periode_weken < 1:
        fout("regels.periode_weken", "De meetperiode moet een geheel aantal weken van minstens 1 zijn.")
    minima_ok = True
    for p, m in sorted(r.minima.items()):
        if p not in r.gewichten:
            fout(f"regels.minima.{p}", f"Onbekende partner {p!r}: die heeft geen gewicht.")
            minima_ok = False
        if not _getal(m) or not 0 <= m <= 1:
            fout(f"regels.minima.{p}", "Een minimum moet een aandeel tussen 0 en 1 zijn.")
            minima_ok = False
    if minima_ok and sum(r.minima.values()) > 1 + TOL_SOM:
        fout("regels.minima", "De minima tellen op tot meer dan 1.")
    if not _getal(r.laatheid_tolerantie) or r.laatheid_tolerantie < 0:
        fout("regels.laatheid_tolerantie", "De tolerantie moet een getal van 0 of meer zijn.")

    for eenheid, cap in sorted(inst.capaciteit.items()):
        if not isinstance(eenheid, str) or not eenheid:
            fout("capaciteit", "Een eenheid moet een naam hebben.")
            continue
        if len(cap) != weken:
            fout(f"capaciteit.{eenheid}", f"Er zijn {len(cap)} weken capaciteit opgegeven, verwacht {weken}.")
        for w, c in enumerate(cap):
            if not _getal(c) or c < 0:
                fout(f"capaciteit.{eenheid}[{w}]", "De capaciteit moet een getal van 0 of meer uren zijn.")
    if len(inst.weeknamen) not in (0, weken):
        fout("weeknamen", f"Er zijn {len(inst.weeknamen)} weeknamen, verwacht 0 of {weken}.")

    gezien: set[str] = set()
    for i, v in enumerate(inst.vragen):
        pad = f"vragen[{i}]"
        if not isinstance(v.id, str) or not v.id:
            fout(f"{pad}.id", "Een vraag moet een id hebben.")
        elif v.id in gezien:
            fout(f"{pad}.id", f"Het id {v.id!r} komt meer dan eens voor.")
        else:
            gezien.add(v.id)
        if v.eenheid not in inst.capaciteit:
            fout(f"{pad}.eenheid", f"Onbekende eenheid {v.eenheid!r}.")
        if not _getal(v.uren) or v.uren < 0:
            fout(f"{pad}.uren", "De uren moeten een getal van 0 of meer zijn.")
        if not _geheel(v.vroegste_week):
            fout(f"{pad}.vroegste_week", "De vroegste week moet een geheel getal zijn.")
        if not _geheel(v.deadline_week):
            fout(f"{pad}.deadline_week", "De deadline-week moet een geheel getal zijn.")
        if v.prioriteit not in r.prioriteitsgewichten:
            fout(f"{pad}.prioriteit", f"Onbekende prioriteit {v.prioriteit!r}.")
        if not v.aandelen:
            fout(f"{pad}.aandelen", "Een vraag moet minstens één opdrachtgever met een aandeel hebben.")
        aandelen_ok = True
        for p, s in sorted(v.aandelen.items()):
            if p not in r.gewichten:
                fout(f"{pad}.aandelen.{p}", f"Onbekende partner {p!r}: die heeft geen gewicht in de regels.")
                aandelen_ok = False
            if not _getal(s) or s < 0:
                fout(f"{pad}.aandelen.{p}", "Een aandeel moet een getal van 0 of meer zijn.")
                aandelen_ok = False
        if v.aandelen and aandelen_ok and abs(sum(v.aandelen.values()) - 1.0) > TOL_SOM:
            fout(f"{pad}.aandelen", f"De aandelen tellen op tot {sum(v.aandelen.values()):.6g}, niet tot 1.")
    if fouten:
        raise PlanInvoerFout(fouten)


# --- fair shares ------------------------------------------------------------------------------------------


def _waterval(
    totaal: float, vraag: Mapping[str, float], gewicht: Mapping[str, float], minimum: Mapping[str, float]
) -> dict[str, float]:
    """Weighted water-filling of ``totaal`` hours over the partners.

    Partner p receives a(λ) = min(vraag_p, max(minimum_p · totaal, λ · gewicht_p)) with the level λ chosen so
    that Σ a = min(totaal, Σ a(∞)): its weighted share raised to its reserved minimum, never more than it asks.
    """
    namen = sorted(vraag)
    d = {p: max(0.0, vraag[p]) for p in namen}
    g = {p: max(0.0, gewicht.get(p, 0.0)) for p in namen}
    m = {p: min(d[p], max(0.0, minimum.get(p, 0.0)) * totaal) for p in namen}

    def toedeling(lam: float) -> dict[str, float]:
        return {p: min(d[p], max(m[p], lam * g[p])) if g[p] > 0 else m[p] for p in namen}

    maximaal = sum(d[p] if g[p] > 0 else m[p] for p in namen)
    doel = min(max(0.0, totaal), maximaal)
    if doel <= 0:
        return dict.fromkeys(namen, 0.0)
    if doel >= maximaal - 1e-12:
        return {p: (d[p] if g[p] > 0 else m[p]) for p in namen}
    # f(λ) is piecewise linear and non-decreasing; its breakpoints are m_p/g_p and d_p/g_p
    knikken = sorted({0.0} | {x / g[p] for p in namen if g[p] > 0 for x in (m[p], d[p])})
    vorige, f_vorige = 0.0, sum(toedeling(0.0).values())
    for lam in knikken:
        f = sum(toedeling(lam).values())
        if f >= doel:
            if f - f_vorige <= 1e-15:
                return toedeling(lam)
            t = vorige + (lam - vorige) * (doel - f_vorige) / (f - f_vorige)
            return toedeling(t)
        vorige, f_vorige = lam, f
    return toedeling(knikken[-1])


def fair_shares_per_eenheid(inst: Instantie) -> dict[tuple[str, str, int], float]:
    """F[unit, p, k]: the fair share of partner p in period k in one unit (see model.py)."""
    r = inst.regels
    namen = partners(inst)
    K = aantal_perioden(inst)
    uit: dict[tuple[str, str, int], float] = {}
    per_eenheid: dict[str, list[Vraag]] = {}
    for v in sorted(inst.vragen, key=lambda v: v.id):  # a fixed summation order: order independence
        per_eenheid.setdefault(v.eenheid, []).append(v)
    for eenheid in sorted(inst.capaciteit):
        cap = inst.capaciteit[eenheid]
        vragen = per_eenheid.get(eenheid, [])
        # released demand per partner by the end of each period (cumulative)
        vrijgegeven = {p: [0.0] * K for p in namen}
        for v in vragen:
            start = max(0, v.vroegste_week)
            if start >= inst.weken:
                continue
            k0 = start // r.periode_weken
            for p, s in v.aandelen.items():
                vrijgegeven[p][k0] += s * v.uren
        for p in namen:
            for k in range(1, K):
                vrijgegeven[p][k] += vrijgegeven[p][k - 1]
        eerder = dict.fromkeys(namen, 0.0)
        for k in range(K):
            b, e = periode_grenzen(inst, k)
            totaal = float(sum(cap[b:e]))
            beschikbaar = {p: max(0.0, vrijgegeven[p][k] - eerder[p]) for p in namen}
            deel = _waterval(totaal, beschikbaar, r.gewichten, r.minima)
            for p in namen:
                uit[(eenheid, p, k)] = deel[p]
                eerder[p] += deel[p]
    return uit


def fair_shares(inst: Instantie) -> dict[tuple[str, int], float]:
    """F[p, k]: partner p's fair share of assignment hours in fairness period k, summed over the units.

    Depends on the instance only (capacity, demand, rules), never on a plan.
    """
    uit: dict[tuple[str, int], float] = {
        (p, k): 0.0 for p in partners(inst) for k in range(aantal_perioden(inst))
    }
    for (_eenheid, p, k), f in fair_shares_per_eenheid(inst).items():
        uit[(p, k)] += f
    return uit


# --- evaluation -------------------------------------------------------------------------------------------


def late_weken(week: int, deadline_week: int) -> int:
    """Weeks late of an hour in ``week`` (the overflow bucket is week ``weken``)."""
    return max(0, week - deadline_week)


def _schoon(uren: Mapping[int, float], weken: int) -> dict[int, float]:
    return {int(w): float(h) for w, h in sorted(uren.items()) if h > EPS and 0 <= int(w) <= weken}


def _bereik(weken: Iterable[int], inst: Instantie) -> str:
    lijst = sorted(weken)
    if not lijst:
        return ""
    binnen = [w for w in lijst if w < inst.weken]
    delen = []
    if binnen:
        a, b = binnen[0], binnen[-1]
        delen.append(weeknaam(inst, a) if a == b else f"{weeknaam(inst, a)} tot en met {weeknaam(inst, b)}")
    if lijst[-1] >= inst.weken:
        delen.append("na de planperiode")
    return " en ".join(delen)


def evalueer(
    inst: Instantie,
    toewijzing: Mapping[str, Mapping[int, float]],
    methode: str = "",
    status: str = "",
    rekentijd_s: float = 0.0,
    stappen: Mapping[str, float] | None = None,
) -> Plan:
    """Measure an assignment of hours (demand id -> week -> hours; week ``weken`` is the overflow bucket)."""
    W = inst.weken
    r = inst.regels
    K = aantal_perioden(inst)
    namen = partners(inst)
    belasting = {e: [0.0] * W for e in sorted(inst.capaciteit)}
    ontvangen = {(p, k): 0.0 for p in namen for k in range(K)}
    periode_totaal = [0.0] * K
    schoon: dict[str, dict[int, float]] = {}
    laatheid = 0.0
    ongewogen = 0.0
    for v in sorted(inst.vragen, key=lambda v: v.id):
        uren = _schoon(toewijzing.get(v.id, {}), W)
        schoon[v.id] = uren
        pg = r.prioriteitsgewichten.get(v.prioriteit, 1.0)
        rij = belasting[v.eenheid]
        for w, h in uren.items():
            laat = late_weken(w, v.deadline_week)
            ongewogen += h * laat
            laatheid += pg * h * laat
            if w < W:
                rij[w] += h
                k = w // r.periode_weken
                periode_totaal[k] += h
                for p, s in v.aandelen.items():
                    ontvangen[(p, k)] += s * h

    recht = fair_shares(inst)
    aandelen = []
    tekort = 0.0
    for p in namen:
        for k in range(K):
            R, F = ontvangen[(p, k)], recht[(p, k)]
            t = max(0.0, F - R)
            tekort = max(tekort, t)
            aandelen.append(
                Aandeel(
                    partner=p,
                    periode=k,
                    ontvangen=R,
                    recht=F,
                    tekort=t,
                    ontvangen_pct=100.0 * R / periode_totaal[k] if periode_totaal[k] > EPS else 0.0,
                    recht_pct=100.0 * r.gewichten.get(p, 0.0),
                )
            )

    def vol(eenheid: str, week: int) -> bool:
        return belasting[eenheid][week] >= inst.capaciteit[eenheid][week] - 1e-6

    uitkomsten: dict[str, Uitkomst] = {}
    wettelijk: list[WettelijkProbleem] = []
    for v in sorted(inst.vragen, key=lambda v: v.id):
        uren = schoon[v.id]
        eerste = min(uren) if uren else None
        laatste = max(uren) if uren else None
        te_laat = late_weken(laatste, v.deadline_week) if laatste is not None else 0
        start = max(0, v.vroegste_week)
        wacht_op = ""
        reden = ""
        if eerste is not None and eerste > start and start < W:
            volle = [w for w in range(start, min(eerste, W)) if vol(v.eenheid, w)]
            if volle:
                wacht_op = v.eenheid
                if eerste >= W:
                    reden = f"wacht op capaciteit in eenheid {v.eenheid}: past niet binnen de planperiode"
                else:
                    reden = f"wacht op capaciteit in eenheid {v.eenheid} tot {weeknaam(inst, eerste)}"
        if te_laat > 0 and laatste is not None:
            extra = (
                f"{te_laat} {'week' if te_laat == 1 else 'weken'} na de deadline"
                if laatste < W
                else "deels na de planperiode"
            )
            reden = f"{reden}; {extra}" if reden else extra.capitalize()
        uitkomsten[v.id] = Uitkomst(
            id=v.id,
            uren_per_week=uren,
            eerste_week=eerste,
            oplevering_week=laatste,
            weken_te_laat=te_laat,
            uren_na_horizon=uren.get(W, 0.0),
            wacht_op=wacht_op,
            reden=reden,
        )
        if v.wettelijk:
            laat_weken = [w for w, h in uren.items() if w > v.deadline_week]
            uren_laat = sum(uren[w] for w in laat_weken)
            if uren_laat > EPS:
                wettelijk.append(
                    WettelijkProbleem(
                        id=v.id,
                        deadline_week=v.deadline_week,
                        uren_te_laat=uren_laat,
                        tekst=(
                            f"De wettelijke termijn van opdracht {v.id} ({weeknaam(inst, v.deadline_week)}) "
                            f"is niet haalbaar: {uren_laat:.1f} uur valt na de termijn, in "
                            f"{_bereik(laat_weken, inst)} (eenheid {v.eenheid})."
                        ),
                    )
                )
    return Plan(
        uitkomsten=uitkomsten,
        laatheid=laatheid,
        laatheid_ongewogen=ongewogen,
        tekort=tekort,
        aandelen=aandelen,
        belasting=belasting,
        wettelijk=wettelijk,
        methode=methode,
        status=status,
        rekentijd_s=rekentijd_s,
        stappen=dict(stappen or {}),
    )
