"""The solver: a linear programme in continuous hours, solved by HiGHS in lexicographic stages.

Variables: x[g, w] ≥ 0, the hours of demand group g in week w (w in its window, see below), o[g] ≥ 0 its hours
in the overflow bucket (week ``weken``, no capacity limit), and z ≥ 0, the fairness shortfall. Rows:

- per demand group: Σ_w x[g, w] + o[g] = uren[g];
- per unit and week: Σ x ≤ capacity;
- per partner p and fairness period k: z + R[p, k] ≥ F[p, k] (F from ``fair_shares``, a constant).

Stages (each a new objective on the same model, the previous optimum held as a bound):

1. statutory lateness (hour-weeks of statutory demand after its deadline; 0 whenever feasible);
2. priority-weighted lateness, overflow hours penalised as if late by a further ``weken`` weeks;
3. the fairness shortfall z, with weighted lateness ≤ max((1 + tolerance) × optimum, EDF's);
4. (tie-break) finish early: Σ w · x, with z fixed at its optimum.

EDF's plan is computed first and its weeks are inside every window, so EDF's plan is a feasible point of the
LP. Whenever EDF meets the statutory optimum it is feasible in stage 3, hence the solver's shortfall is never
worse than EDF's and its lateness at most (1 + tolerance) × EDF's (see docs/decisions/0043).

Demands with equal (unit, start, deadline, priority, statutory, shares) are interchangeable in the LP: they are
aggregated into one group and the group's hours are split back in proportion to each demand's hours.
Demands and units are sorted before the LP is built, so a permutation of the input gives the identical LP.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import sys
import threading
import time
from collections.abc import Mapping

import highspy
import numpy as np

from seta.planning.kern.edf import edf_toewijzing
from seta.planning.kern.evaluatie import EPS, aantal_perioden, evalueer, fair_shares, partners, valideer
from seta.planning.kern.model import Instantie, Plan, PlanFout, Vraag

# a demand's window runs from its start to this many weeks after max(start, deadline) (and at least to the
# last week EDF uses for it); beyond that only the overflow bucket
VENSTER_NA_DEADLINE = 4
SCHOON = 1e-9  # LP values below this are zero
GROOT = 30_000  # columns: above this the defaults switch to the fast path (see ``plan``)

_banner = threading.Lock()
_banner_weg = False


def _highs() -> highspy.Highs:
    """A silent HiGHS instance. The first one of a process prints a banner on stdout from C++ before any option
    can be set (it would corrupt ``seta plan --format json``), so that one is built with stdout on /dev/null."""
    global _banner_weg
    with _banner:
        if not _banner_weg:
            _banner_weg = True
            try:
                sys.stdout.flush()
                bewaard = os.dup(1)
                leeg = os.open(os.devnull, os.O_WRONLY)
            except (OSError, ValueError):  # no usable stdout: nothing to protect
                h = highspy.Highs()
            else:
                try:
                    os.dup2(leeg, 1)
                    h = highspy.Highs()
                    with contextlib.suppress(OSError, AttributeError):
                        ctypes.CDLL(None).fflush(None)
                finally:
                    os.dup2(bewaard, 1)
                    os.close(bewaard)
                    os.close(leeg)
        else:
            h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("log_to_console", False)
    return h


def _groepen(inst: Instantie) -> tuple[list[tuple], dict[tuple, list[Vraag]], list[Vraag]]:
    """The demand groups (sorted keys), their members, and the demands outside the LP (start ≥ weken)."""
    W = inst.weken
    leden: dict[tuple, list[Vraag]] = {}
    buiten: list[Vraag] = []
    pw = inst.regels.prioriteitsgewichten
    for v in sorted(inst.vragen, key=lambda v: v.id):
        if v.uren <= EPS:
            continue
        start = max(0, v.vroegste_week)
        if start >= W:
            buiten.append(v)
            continue
        aandelen = tuple(sorted((p, float(s)) for p, s in v.aandelen.items() if s > 0))
        sleutel = (
            v.eenheid,
            start,
            min(v.deadline_week, W),
            float(pw[v.prioriteit]),
            bool(v.wettelijk),
            aandelen,
        )
        leden.setdefault(sleutel, []).append(v)
    return sorted(leden), leden, buiten


def plan(
    inst: Instantie,
    *,
    tijdslimiet_s: float | None = None,
    solver: str | None = None,
    laatheid_optimaliseren: bool | None = None,
    afronden: bool | None = None,
    crossover: bool | None = None,
) -> Plan:
    """The solver's plan of ``inst``, measured by ``evalueer`` like EDF's.

    ``tijdslimiet_s`` bounds the whole run (the last finished stage is kept, or EDF's plan if none finished).
    Every stage is solved by ``solver``: default the interior point method with crossover (a vertex: each
    demand's hours in few weeks), measured twice as fast on these LPs as the dual simplex even when the simplex
    re-solves warm from the previous stage's basis ("simplex" is the alternative). Up to ``GROOT`` columns every stage
    runs; above it (by default) only the fairness stage, with EDF's lateness as the bound
    (``laatheid_optimaliseren=False``, ``afronden=False``): the guarantee against EDF holds either way.
    ``crossover=False`` leaves an interior solution whose hours are smeared over many weeks: only for tests of
    speed.
    """
    valideer(inst)
    begin = time.perf_counter()
    W = inst.weken
    r = inst.regels
    tol = float(r.laatheid_tolerantie)
    eenheden = sorted(inst.capaciteit)
    u_index = {e: i for i, e in enumerate(eenheden)}
    namen = partners(inst)
    p_index = {p: i for i, p in enumerate(namen)}
    K = aantal_perioden(inst)
    U, P, PW = len(eenheden), len(namen), r.periode_weken

    edf_uren = edf_toewijzing(inst)
    sleutels, leden, buiten = _groepen(inst)
    G = len(sleutels)

    g_unit = np.array([u_index[s[0]] for s in sleutels], dtype=np.int64)
    g_start = np.array([s[1] for s in sleutels], dtype=np.int64)
    g_dl = np.array([s[2] for s in sleutels], dtype=np.int64)
    g_pw = np.array([s[3] for s in sleutels], dtype=np.float64)
    g_wet = np.array([s[4] for s in sleutels], dtype=bool)
    g_uren = np.array([sum(v.uren for v in leden[s]) for s in sleutels], dtype=np.float64)
    g_aandeel = np.zeros((G, P))
    g_hi = np.minimum(W - 1, np.maximum(g_start, g_dl) + VENSTER_NA_DEADLINE)
    for g, s in enumerate(sleutels):
        for p, a in s[5]:
            g_aandeel[g, p_index[p]] = a
        edf_laatst = max((w for v in leden[s] for w in edf_uren[v.id] if w < W), default=-1)
        g_hi[g] = max(g_hi[g], edf_laatst)
    g_n = g_hi - g_start + 1

    # --- the columns: x (group by group, week by week), o per group, r per (unit, partner, period), z --------
    Nx = int(g_n.sum())
    UPK = U * P * K
    N = Nx + G + UPK + 1
    x_off = np.zeros(G + 1, dtype=np.int64)
    np.cumsum(g_n, out=x_off[1:])
    x_g = np.repeat(np.arange(G, dtype=np.int64), g_n)
    x_w = g_start[x_g] + (np.arange(Nx, dtype=np.int64) - x_off[x_g])
    o_col = Nx + np.arange(G, dtype=np.int64)
    r_col = Nx + G + np.arange(UPK, dtype=np.int64)
    z_col = N - 1

    # --- the rows: demand groups, capacity (unit, week), received hours r (unit, partner, period) = Σ share ·
    # x, fairness (partner, period): z + Σ_unit r ≥ F. The r rows keep the fairness rows short (sparse).
    r_cap = G
    r_ontv = G + U * W
    r_fair = r_ontv + UPK
    M = r_fair + P * K
    rijen = [x_g, r_cap + g_unit[x_g] * W + x_w]
    kolommen = [np.arange(Nx), np.arange(Nx)]
    waarden = [np.ones(Nx), np.ones(Nx)]
    x_k = x_w // PW
    for p in range(P):
        a = g_aandeel[x_g, p]
        m = a > 0
        rijen.append(r_ontv + (g_unit[x_g[m]] * P + p) * K + x_k[m])
        kolommen.append(np.nonzero(m)[0])
        waarden.append(a[m])
    upk = np.arange(UPK, dtype=np.int64)
    rijen += [np.arange(G), r_ontv + upk, r_fair + upk % (P * K), r_fair + np.arange(P * K)]
    kolommen += [o_col, r_col, r_col, np.full(P * K, z_col)]
    waarden += [np.ones(G), -np.ones(UPK), np.ones(UPK), np.ones(P * K)]
    rij = np.concatenate(rijen).astype(np.int32)
    kol = np.concatenate(kolommen).astype(np.int64)
    val = np.concatenate(waarden)
    volgorde = np.lexsort((rij, kol))
    rij, kol, val = rij[volgorde], kol[volgorde], val[volgorde]
    a_start = np.zeros(N + 1, dtype=np.int32)
    np.cumsum(np.bincount(kol, minlength=N), out=a_start[1:])

    inf = highspy.kHighsInf
    F = fair_shares(inst)
    F_rij = [F[(p, k)] for p in namen for k in range(K)]
    row_lower = np.concatenate([g_uren, np.full(U * W, -inf), np.zeros(UPK), F_rij])
    row_upper = np.concatenate(
        [
            g_uren,
            [float(inst.capaciteit[e][w]) for e in eenheden for w in range(W)],
            np.zeros(UPK),
            np.full(P * K, inf),
        ]
    )

    # --- the objectives ----------------------------------------------------------------------------------
    laat_x = np.maximum(0, x_w - g_dl[x_g]).astype(np.float64)
    laat_o = np.maximum(0, W - g_dl).astype(np.float64)
    c_wet = np.zeros(N)
    c_wet[:Nx] = np.where(g_wet[x_g], laat_x, 0.0)
    c_wet[Nx : Nx + G] = np.where(g_wet, laat_o, 0.0)
    c_laat = np.zeros(N)  # the measured weighted lateness
    c_laat[:Nx] = g_pw[x_g] * laat_x
    c_laat[Nx : Nx + G] = g_pw * laat_o
    c_stap2 = c_laat.copy()  # stage 2: overflow as if a further ``weken`` weeks late
    c_stap2[Nx : Nx + G] = g_pw * (laat_o + W)
    c_z = np.zeros(N)
    c_z[z_col] = 1.0
    c_vroeg = np.zeros(N)
    c_vroeg[:Nx] = x_w.astype(np.float64)
    c_vroeg[Nx : Nx + G] = 2.0 * W
    # constant parts from the demands outside the LP (all of their hours in the overflow bucket)
    pw = r.prioriteitsgewichten
    laat_buiten = sum(pw[v.prioriteit] * v.uren * max(0, W - v.deadline_week) for v in buiten)
    stap2_buiten = laat_buiten + sum(pw[v.prioriteit] * v.uren * W for v in buiten)

    # EDF's plan as a point of the LP
    x_edf = np.zeros(N)
    for g, s in enumerate(sleutels):
        for v in leden[s]:
            for w, uren_w in edf_uren[v.id].items():
                if w >= W:
                    x_edf[Nx + g] += uren_w
                else:
                    x_edf[x_off[g] + (w - g_start[g])] += uren_w

    bouw = time.perf_counter() - begin
    groot = N > GROOT
    solver = solver or "ipm"
    crossover = True if crossover is None else crossover
    laatheid_optimaliseren = (not groot) if laatheid_optimaliseren is None else laatheid_optimaliseren
    afronden = (not groot) if afronden is None else afronden

    h = _highs()
    if os.environ.get("SETA_HIGHS_LOG"):
        h.setOptionValue("output_flag", True)
        h.setOptionValue("log_to_console", True)
    h.setOptionValue("solver", solver)
    h.setOptionValue("random_seed", 0)
    h.setOptionValue("threads", 1)
    if not crossover:
        h.setOptionValue("run_crossover", "off")
    lp = highspy.HighsLp()
    lp.num_col_ = N
    lp.num_row_ = M
    lp.col_cost_ = np.zeros(N)
    lp.col_lower_ = np.zeros(N)
    lp.col_upper_ = np.full(N, inf)
    lp.row_lower_ = row_lower
    lp.row_upper_ = row_upper
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = a_start
    lp.a_matrix_.index_ = rij
    lp.a_matrix_.value_ = val
    lp.a_matrix_.num_col_ = N
    lp.a_matrix_.num_row_ = M
    h.passModel(lp)

    stappen: dict[str, float] = {}
    tijden: dict[str, float] = {}
    oplossing: np.ndarray | None = None
    status = ""
    alle = np.arange(N, dtype=np.int32)

    def los_op(kosten: np.ndarray, naam: str) -> bool:
        nonlocal oplossing, status
        if tijdslimiet_s is not None:
            over = tijdslimiet_s - (time.perf_counter() - begin)
            if over <= 0:
                status = (
                    f"{status} (tijdslimiet voor stap {naam})"
                    if oplossing is not None
                    else f"tijdslimiet voor stap {naam}: het EDF-plan"
                )
                return False
            h.setOptionValue("time_limit", float(over))
        h.changeColsCost(N, alle, kosten)
        t0 = time.perf_counter()
        h.run()
        tijden[naam] = time.perf_counter() - t0
        model_status = h.getModelStatus()
        tekst = h.modelStatusToString(model_status)
        if model_status == highspy.HighsModelStatus.kOptimal:
            oplossing = np.array(h.getSolution().col_value)[:N]
            stappen[naam] = float(kosten @ oplossing)
            status = tekst
            return True
        if model_status in (highspy.HighsModelStatus.kTimeLimit, highspy.HighsModelStatus.kIterationLimit):
            status = (
                f"{status} (tijdslimiet in stap {naam})"
                if oplossing is not None
                else f"tijdslimiet in stap {naam}: het EDF-plan"
            )
            return False
        raise PlanFout(
            f"De oplosser (HiGHS) gaf in stap {naam} de status {tekst!r}; er is geen plan gemaakt."
        )

    kol_eenheid = np.full(N, U, dtype=np.int64)  # the unit of each x and o column (U: none)
    kol_eenheid[:Nx] = g_unit[x_g]
    kol_eenheid[Nx : Nx + G] = g_unit

    def begrens(kosten: np.ndarray, bovengrens: float) -> None:
        """Add Σ kosten · x ≤ bovengrens, split per unit (l_u = Σ_unit kosten · x; Σ l_u ≤ bovengrens) so that
        no row is dense (a dense row slows the interior point method down a lot)."""
        nz = np.nonzero(kosten)[0]
        nz = nz[np.argsort(kol_eenheid[nz], kind="stable")]
        per = np.bincount(kol_eenheid[nz], minlength=U + 1)[:U]
        eerste = h.getNumCol()
        h.addCols(
            U,
            np.zeros(U),
            np.zeros(U),
            np.full(U, inf),
            0,
            np.array([], dtype=np.int32),
            np.array([], dtype=np.int32),
            np.array([], dtype=np.float64),
        )
        l_kol = eerste + np.arange(U, dtype=np.int32)
        # row u: Σ kosten · x (unit u) - l_u = 0
        lengtes = per + 1
        starts = np.zeros(U, dtype=np.int32)
        np.cumsum(lengtes[:-1], out=starts[1:])
        index = np.empty(int(lengtes.sum()), dtype=np.int32)
        waarde = np.empty(int(lengtes.sum()))
        pos = 0
        for u in range(U):
            n = int(per[u])
            kolommen_u = nz[pos : pos + n]
            b = int(starts[u])
            index[b : b + n] = kolommen_u
            waarde[b : b + n] = kosten[kolommen_u]
            index[b + n] = l_kol[u]
            waarde[b + n] = -1.0
            pos += n
        h.addRows(U, np.zeros(U), np.zeros(U), len(index), starts, index, waarde)
        h.addRow(-inf, float(bovengrens), U, l_kol, np.ones(U))

    def ruim(x: float) -> float:
        return x + 1e-9 * abs(x) + 1e-7

    gereed = True
    late = np.nonzero(c_wet > 0)[0].astype(np.int32)
    wet_edf = float(c_wet @ x_edf)
    # stage 1: statutory lateness (no LP needed when EDF meets every statutory term: the optimum is 0 then)
    if len(late) == 0 or wet_edf <= 1e-9:
        stappen["wettelijk"] = 0.0
        edf_ok = True
        h.changeColsBounds(len(late), late, np.zeros(len(late)), np.zeros(len(late)))
    else:
        gereed = los_op(c_wet, "wettelijk")
        wet_opt = stappen.get("wettelijk", 0.0)
        edf_ok = gereed and wet_edf <= ruim(wet_opt)
        if gereed and wet_opt <= 1e-12:  # fix the late statutory hours at 0 instead of a dense row
            h.changeColsBounds(len(late), late, np.zeros(len(late)), np.zeros(len(late)))
        elif gereed:
            begrens(c_wet, max(ruim(wet_opt), wet_edf) if edf_ok else ruim(wet_opt))

    stap2_edf = float(c_stap2 @ x_edf) + stap2_buiten
    laat_edf = float(c_laat @ x_edf) + laat_buiten
    # stage 2: weighted lateness (may be left out when EDF is a feasible point: EDF's lateness is the bound then)
    if gereed and (laatheid_optimaliseren or not edf_ok):
        gereed = los_op(c_stap2, "laatheid")
        if gereed and oplossing is not None:
            stap2_opt = stappen["laatheid"] + stap2_buiten
            laat_opt = float(c_laat @ oplossing) + laat_buiten
            stap2_grens = (1 + tol) * stap2_opt
            laat_grens = (1 + tol) * laat_opt
            if edf_ok:
                stap2_grens = max(stap2_grens, stap2_edf)
                laat_grens = max(min(laat_grens, (1 + tol) * laat_edf), laat_edf)
            begrens(c_stap2, ruim(stap2_grens - stap2_buiten))
            begrens(c_laat, ruim(laat_grens - laat_buiten))
    elif gereed:
        stappen["laatheid"] = stap2_edf - stap2_buiten
        begrens(c_stap2, ruim((1 + tol) * stap2_edf - stap2_buiten))
        begrens(c_laat, ruim((1 + tol) * laat_edf - laat_buiten))
    # stage 3: the fairness shortfall
    if gereed:
        gereed = los_op(c_z, "tekort")
    if gereed and oplossing is not None and afronden:
        z_opt = stappen["tekort"]
        h.changeColBounds(int(z_col), 0.0, ruim(z_opt))
        # stage 4: finish early (a tie-break for a tidy plan)
        gereed = los_op(c_vroeg, "afronding")
    if oplossing is None and not gereed:
        # the time ran out before any stage: EDF's plan is the answer
        oplossing = x_edf

    if oplossing is None:  # pragma: no cover - los_op raises first
        raise PlanFout("De oplosser gaf geen oplossing.")
    stappen["wettelijk"] = stappen.get("wettelijk", 0.0)
    toewijzing = _terugvertaling(inst, oplossing, sleutels, leden, buiten, x_off, g_start, g_n, Nx)
    duur = time.perf_counter() - begin
    stappen_uit = {k: float(v) for k, v in stappen.items()}
    stappen_uit["variabelen"] = float(N)
    stappen_uit["groepen"] = float(G)
    for naam, t in tijden.items():
        stappen_uit[f"seconden_{naam}"] = t
    stappen_uit["seconden_bouw"] = bouw
    return evalueer(inst, toewijzing, methode="highs", status=status, rekentijd_s=duur, stappen=stappen_uit)


def _terugvertaling(
    inst: Instantie,
    x: np.ndarray,
    sleutels: list[tuple],
    leden: Mapping[tuple, list[Vraag]],
    buiten: list[Vraag],
    x_off: np.ndarray,
    g_start: np.ndarray,
    g_n: np.ndarray,
    Nx: int,
) -> dict[str, dict[int, float]]:
    """Split each group's hours back over its demands in proportion to their hours; clean LP noise."""
    W = inst.weken
    uit: dict[str, dict[int, float]] = {v.id: {} for v in inst.vragen}
    for v in buiten:
        uit[v.id] = {W: float(v.uren)}
    for g, s in enumerate(sleutels):
        deel = np.append(x[x_off[g] : x_off[g] + g_n[g]], x[Nx + g])
        deel[deel < SCHOON] = 0.0
        totaal = float(deel.sum())
        groep = leden[s]
        uren_g = sum(v.uren for v in groep)
        if totaal <= 0:
            raise PlanFout(f"De oplosser gaf geen uren voor opdracht {groep[0].id}.")
        deel *= uren_g / totaal
        weken = [int(g_start[g]) + i for i in range(int(g_n[g]))] + [W]
        nz = np.nonzero(deel)[0]
        for v in groep:
            f = v.uren / uren_g
            uit[v.id] = {weken[i]: float(deel[i] * f) for i in nz}
    return uit
