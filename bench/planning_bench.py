"""Benchmark: the capacity planning solver (HiGHS) against the earliest-deadline-first baseline (issue 11).

    .venv/bin/python bench/planning_bench.py [--snel] [--sizes 1000 5000 20000] [--json FILE]

No database: the pure core only (``seta.planning.kern``). For each size ``n`` the generator
(``kern.generator.genereer(n, seed=0)``, its parameters printed and in docs/performance.md) makes an instance in
the shape of a five-partner pool (10 units, 65 weeks, load 105 %, keys 40/30/20/10, demand skewed 52/24/16/8).
On that instance ``edf.edf`` and ``oplosser.plan`` run; for both the benchmark reports the weighted and the
unweighted lateness (hour-weeks), the fairness shortfall (hours, ``evaluatie``'s measure), the solve time (wall
clock, best of 3 runs below 20,000 assignments, of 1 at 20,000), and the peak memory: each method runs on
each instance in a fresh process (``spawn``) that generates the instance and then plans it; reported are that
process's peak resident set size and its growth over the planning runs (so HiGHS's own memory counts, not
only Python's). Then the ratios solver/EDF against the targets (lateness ≤ 1.02 × EDF's, shortfall ≤ 0.1 ×
EDF's; time ≤ 2 s at 5,000 and ≤ 20 s at 20,000), as a markdown table. ``--snel``: 1,000 only. Never a timed test.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import resource
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

TIJD_DOEL = {5_000: 2.0, 20_000: 20.0}
LAATHEID_DOEL = 1.02
TEKORT_DOEL = 0.1


def _methode(naam: str) -> Any:
    from seta.planning.kern import edf, oplosser

    return edf.edf if naam == "edf" else oplosser.plan


def _kind(naam: str, n: int, runs: int, wachtrij: Any) -> None:
    """In a fresh process: generate the instance of size n, plan it ``runs`` times with ``naam``; the figures
    of the last plan, the best wall time and the growth of the peak RSS over the runs (KiB)."""
    from seta.planning.kern import generator

    inst = generator.genereer(n, seed=0)
    f = _methode(naam)
    voor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    beste = beste_cpu = float("inf")
    plan = None
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        plan = f(inst)
        beste = min(beste, time.perf_counter() - t0)
        beste_cpu = min(beste_cpu, time.process_time() - c0)
    na = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert plan is not None
    wachtrij.put(
        {
            "laatheid": round(plan.laatheid, 1),
            "laatheid_ongewogen": round(plan.laatheid_ongewogen, 1),
            "tekort": round(plan.tekort, 1),
            "exact": {  # unrounded, for the ratios
                "laatheid": plan.laatheid,
                "laatheid_ongewogen": plan.laatheid_ongewogen,
                "tekort": plan.tekort,
            },
            "tijd_s": round(beste, 3),
            "cpu_s": round(beste_cpu, 3),
            "status": plan.status,
            "wettelijk_problemen": len(plan.wettelijk),
            "lp": _lp_omvang(plan),
            "stappen": {k: round(float(v), 3) for k, v in (plan.stappen or {}).items()},
            "rss_voor_mib": round(voor / 1024, 1),
            "rss_groei_mib": round((na - voor) / 1024, 1),
        }
    )


def meet(naam: str, n: int, runs: int) -> dict[str, Any]:
    """The figures of ``naam`` on the instance of size n, measured in a spawned process (so that the peak RSS
    is this method's on this instance alone, HiGHS's own memory included)."""
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    p = ctx.Process(target=_kind, args=(naam, n, runs, q))
    p.start()
    uit: dict[str, Any] = q.get()
    p.join()
    return uit


def _lp_omvang(plan: Any) -> str:
    """The LP's size if the plan reports it (in ``stappen``), else "–"."""
    stappen = getattr(plan, "stappen", {}) or {}
    for sleutel in ("variabelen", "kolommen", "lp_variabelen", "n_variabelen"):
        if sleutel in stappen:
            return f"{int(stappen[sleutel]):,}"
    return "–"


def verhouding(a: float, b: float) -> float | None:
    if b > 1e-9:
        return a / b
    return 1.0 if a <= 1e-9 else None


def _rss(m: dict[str, Any]) -> str:
    return f"{m['rss_voor_mib'] + m['rss_groei_mib']:.0f} (+{m['rss_groei_mib']:.1f})"


def _fmt(x: float | None, cijfers: int = 3) -> str:
    return "–" if x is None else f"{x:.{cijfers}f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 5_000, 20_000])
    parser.add_argument("--snel", action="store_true", help="only 1,000 assignments")
    parser.add_argument("--runs", type=int, help="runs per measurement (default: 3 below 20,000, else 1)")
    parser.add_argument("--json", help="Write the figures to this file as JSON as well.")
    args = parser.parse_args(argv)
    sizes = [1_000] if args.snel else args.sizes

    from importlib.metadata import version

    from seta.planning.kern import generator

    print(f"Python {platform.python_version()}, {os.cpu_count()} CPUs, highspy {version('highspy')}")
    print("generator:", json.dumps(generator.parameters(sizes[0]) | {"n_vragen": sizes}, ensure_ascii=False))
    resultaten: list[dict[str, Any]] = []
    for n in sizes:
        t0 = time.perf_counter()
        inst = generator.genereer(n, seed=0)
        gen_s = time.perf_counter() - t0
        runs = args.runs or (1 if n >= 20_000 else 3)
        rij: dict[str, Any] = {
            "n": n,
            "genereren_s": round(gen_s, 2),
            "belasting": round(generator.belastinggraad(inst), 4),
            "vraag_per_partner": {p: round(a, 3) for p, a in generator.vraag_per_partner(inst).items()},
            "wettelijk": sum(v.wettelijk for v in inst.vragen),
            "runs": runs,
        }
        for naam in ("edf", "plan"):
            rij[naam] = meet(naam, n, runs)
            print(f"  n={n:,} {naam}: {rij[naam]}", flush=True)
        h, e = rij["plan"]["exact"], rij["edf"]["exact"]
        rij["laatheid_verhouding"] = verhouding(h["laatheid"], e["laatheid"])
        rij["laatheid_ongewogen_verhouding"] = verhouding(h["laatheid_ongewogen"], e["laatheid_ongewogen"])
        rij["tekort_verhouding"] = verhouding(h["tekort"], e["tekort"])
        resultaten.append(rij)
        if args.json:  # after every size, so a long run keeps what it measured
            Path(args.json).write_text(json.dumps(resultaten, indent=2))

    print()
    print(
        "| n | method | lateness weighted (h·wk) | unweighted (h·wk) | shortfall (h) | wall time (s) | CPU time (s) | peak RSS, MiB (growth) | LP vars |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in resultaten:
        for naam, label in (("edf", "EDF"), ("plan", "HiGHS")):
            m = r[naam]
            print(
                f"| {r['n']:,} | {label} | {m['laatheid']:,.1f} | {m['laatheid_ongewogen']:,.1f} | {m['tekort']:,.1f} | "
                f"{m['tijd_s']:.3f} | {m['cpu_s']:.3f} | {_rss(m)} | {m['lp']} |"
            )
    print()
    print(
        "| n | lateness solver/EDF (≤ 1.02) | unweighted solver/EDF | shortfall solver/EDF (≤ 0.1) | solver time (target) | verdict |"
    )
    print("|---:|---:|---:|---:|---:|---|")
    status = 0
    for r in resultaten:
        doel = TIJD_DOEL.get(r["n"])
        lv, tv = r["laatheid_verhouding"], r["tekort_verhouding"]
        gemist = []
        if lv is None or lv > LAATHEID_DOEL + 1e-6:  # at the tolerance up to floating point
            gemist.append("lateness")
        if tv is None or tv > TEKORT_DOEL + 1e-9:
            gemist.append("shortfall")
        if doel is not None and r["plan"]["tijd_s"] > doel:
            gemist.append("time")
        print(
            f"| {r['n']:,} | {_fmt(lv, 5)} | {_fmt(r['laatheid_ongewogen_verhouding'], 4)} | {_fmt(tv, 4)} | "
            f"{r['plan']['tijd_s']:.2f} s ({'≤ ' + str(doel) + ' s' if doel else 'no target'}) | "
            f"{'missed: ' + ', '.join(gemist) if gemist else 'all targets met'} |"
        )
    print(f"max RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MiB")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
