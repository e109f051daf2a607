"""Benchmark: similar orders (issue 13): the harmonisation core's ``Zoekindex`` (hybrid: TF-IDF over Dutch
normalised text + the offline e5 embedding; and its lexical fallback) against the baseline, brute-force TF-IDF
over character 3-5-grams of the raw text (``TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5))``, cosine by a
full sparse product per question).

    .venv/bin/python bench/harmonisatie_bench.py [--index 100000] [--queries 250] [--set PATH] [--cache DIR]

Quality, on the labelled set (``bench/harmonisatie/evaluatieset.yaml``, see its ``bron``): for each text of a known
pair, is its partner among the top 5 / top 10 of the other texts of the set (recall@5, recall@10, over both
directions of each pair); is the top hit a known partner (precision of the top hit, over the texts that have a
partner); how often is a hard negative among the top 5 (over both directions of each hard-negative pair).

Speed, over an index of ``--index`` synthetic assignments (``bench/harmonisatie/synthetisch.py``, fixed seed) plus
the labelled set: the build time and the size of each index, and the p50/p95 latency of ``--queries`` questions
(the labelled texts; for the hybrid including the embedding of the question). Embedding the synthetic texts is
slow (tens of ms a text on this machine): it is done once, in chunks cached under ``--cache`` keyed by a hash of
the model and the texts, and its time is reported apart from the build of the index (and the cached load). Never a
timed test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent / "harmonisatie"))

import synthetisch  # noqa: E402

from seta.harmonisatie.kern import zoeken  # noqa: E402
from seta.harmonisatie.kern.model import Document  # noqa: E402

STANDAARD_SET = ROOT / "bench" / "harmonisatie" / "evaluatieset.yaml"


# --- the baseline ---------------------------------------------------------------------------------------------------
class Basislijn:
    """Brute-force TF-IDF over character 3-5-grams of the raw text; cosine by a full sparse product."""

    def __init__(self, teksten: Sequence[str]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), dtype=np.float32)
        self.x = self.vec.fit_transform(teksten)

    def top(self, tekst: str, k: int, zelf: int | None = None) -> list[int]:
        s = np.asarray((self.x @ self.vec.transform([tekst]).T).toarray()).ravel()
        if zelf is not None:
            s[zelf] = -1.0
        kk = min(k, len(s) - 1) if len(s) > 1 else 1
        top = np.argpartition(-s, kk - 1)[:kk]
        return [int(i) for i in top[np.argsort(-s[top], kind="stable")]]

    def nbytes(self) -> int:
        return int(self.x.data.nbytes + self.x.indices.nbytes + self.x.indptr.nbytes)


def _index_nbytes(z: zoeken.Zoekindex) -> int:
    lex = z._lexicaal
    totaal = 0
    for m in (lex._x, lex._xs_csc):
        totaal += m.data.nbytes + m.indices.nbytes + m.indptr.nbytes
    if z.vectoren is not None:
        totaal += z.vectoren.nbytes
    return int(totaal)


def _rss_mb() -> float:
    try:
        for regel in Path("/proc/self/status").read_text().splitlines():
            if regel.startswith("VmRSS:"):
                return int(regel.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


# --- the labelled set -----------------------------------------------------------------------------------------------
def lees_set(pad: Path) -> tuple[list[Document], list[str], list[tuple[int, int]], list[tuple[int, int]]]:
    data = yaml.safe_load(pad.read_text(encoding="utf-8"))
    teksten = data["teksten"]
    nummer = {str(t["id"]): i for i, t in enumerate(teksten)}
    docs = [
        Document(id=i, titel=str(t["titel"]), tekst=str(t.get("tekst") or "")) for i, t in enumerate(teksten)
    ]
    paren = [
        (nummer[str(a)], nummer[str(b)])
        for a, b in data.get("paren", [])
        if str(a) in nummer and str(b) in nummer
    ]
    negatief = [
        (nummer[str(a)], nummer[str(b)])
        for a, b in data.get("harde_negatieven", [])
        if str(a) in nummer and str(b) in nummer
    ]
    return docs, [str(t["id"]) for t in teksten], paren, negatief


def kwaliteit(
    rangschik: Callable[[int], list[int]],
    n: int,
    paren: list[tuple[int, int]],
    negatief: list[tuple[int, int]],
) -> dict[str, float]:
    """recall@5/@10, precision of the top hit and hard negatives in the top 5, with ``rangschik(i)`` the ranked
    other texts (at least 10) for text ``i``."""
    partners: dict[int, set[int]] = {}
    for a, b in paren:
        partners.setdefault(a, set()).add(b)
        partners.setdefault(b, set()).add(a)
    nodig = set(partners) | {a for a, _ in negatief} | {b for _, b in negatief}
    lijst = {i: rangschik(i) for i in sorted(nodig)}
    richtingen = [(a, b) for a, b in paren] + [(b, a) for a, b in paren]
    r5 = sum(b in lijst[a][:5] for a, b in richtingen) / max(1, len(richtingen))
    r10 = sum(b in lijst[a][:10] for a, b in richtingen) / max(1, len(richtingen))
    p1 = sum(bool(lijst[i]) and lijst[i][0] in partners[i] for i in partners) / max(1, len(partners))
    neg = [(a, b) for a, b in negatief] + [(b, a) for a, b in negatief]
    hn5 = sum(b in lijst[a][:5] for a, b in neg) / max(1, len(neg))
    return {"recall@5": r5, "recall@10": r10, "precisie@1": p1, "hard-neg@5": hn5}


def _pct(xs: list[float], p: float) -> float:
    return float(np.percentile(np.array(xs), p))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=int, default=100_000, help="synthetic assignments in the speed index")
    parser.add_argument("--queries", type=int, default=250)
    parser.add_argument("--set", type=Path, default=STANDAARD_SET)
    parser.add_argument("--cache", default=str(ROOT / "var" / "harmonisatie-bench"))
    parser.add_argument("--afstemmen", action="store_true", help="print the grid of the fusion weights")
    args, _ = parser.parse_known_args(argv)
    if not args.set.exists():
        print(f"no labelled set at {args.set}: skipped")
        return 0

    docs, _namen, paren, negatief = lees_set(args.set)
    teksten = [zoeken.documenttekst(d) for d in docs]
    inbedder = zoeken.standaard_inbedder()
    print(
        f"labelled set: {len(docs)} texts, {len(paren)} pairs, {len(negatief)} hard negatives; "
        f"model: {inbedder.naam if inbedder else 'none (lexical only)'}; cpus: {os.cpu_count()}; "
        f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )

    # --- quality ---
    resultaten: dict[str, dict[str, float]] = {}
    basis = Basislijn(teksten)
    resultaten["baseline char 3-5 TF-IDF"] = kwaliteit(
        lambda i: basis.top(teksten[i], 10, zelf=i), len(docs), paren, negatief
    )

    def via(z: zoeken.Zoekindex) -> Callable[[int], list[int]]:
        # the question's vector is the row the index already holds (the same text, embedded as a passage)
        return lambda i: [
            t.id
            for t in z.zoek(
                docs[i], k=10, minimum=-1.0, vraagvector=None if z.vectoren is None else z.vectoren[i]
            )
        ]

    lexicaal = zoeken.Zoekindex(docs)
    resultaten["kern lexicaal (fallback)"] = kwaliteit(via(lexicaal), len(docs), paren, negatief)
    hybride = None
    if inbedder is not None:
        eigen, _, _ = synthetisch.ingebed(teksten, inbedder, args.cache)
        hybride = zoeken.Zoekindex(docs, inbedder=inbedder, vectoren=np.asarray(eigen, dtype=np.float32))
        resultaten["kern hybride (TF-IDF + e5)"] = kwaliteit(via(hybride), len(docs), paren, negatief)
        if args.afstemmen:
            oud = (zoeken.GEWICHT_LEXICAAL, zoeken.SEM_NUL)
            for w in (0.5, 0.6, 0.7, 0.8, 0.9):
                for nul in (0.7, 0.75, 0.8):
                    zoeken.GEWICHT_LEXICAAL, zoeken.SEM_NUL = w, nul
                    q = kwaliteit(via(hybride), len(docs), paren, negatief)
                    print(f"  w_lex={w} sem_nul={nul}: " + " ".join(f"{k}={v:.3f}" for k, v in q.items()))
            zoeken.GEWICHT_LEXICAAL, zoeken.SEM_NUL = oud

    print(f"\nquality on the labelled set ({len(docs)} texts)")
    print(f"{'method':32} {'recall@5':>9} {'recall@10':>10} {'prec@1':>7} {'hardneg@5':>10}")
    for naam, q in resultaten.items():
        print(
            f"{naam:32} {q['recall@5']:9.3f} {q['recall@10']:10.3f} {q['precisie@1']:7.3f} {q['hard-neg@5']:10.3f}"
        )

    # --- speed ---
    n = args.index
    if n <= 0:
        return 0
    synth = synthetisch.teksten(n)
    groot = [Document(id=100_000_000 + i, titel=t, tekst=x) for i, (t, x) in enumerate(synth)] + docs
    grote_teksten = [zoeken.documenttekst(d) for d in groot]
    vragen = [docs[i % len(docs)] for i in range(args.queries)]
    print(f"\nspeed over {len(groot)} documents ({n} synthetic + the labelled set), {len(vragen)} questions")

    rss0 = _rss_mb()
    t0 = time.perf_counter()
    gb = Basislijn(grote_teksten)
    bouw_basis = time.perf_counter() - t0
    rss_basis = _rss_mb() - rss0
    tijden_basis = []
    for d in vragen:
        t0 = time.perf_counter()
        gb.top(zoeken.documenttekst(d), 10)
        tijden_basis.append((time.perf_counter() - t0) * 1000)
    basis_mb = gb.nbytes() / 2**20
    del gb

    rijen: list[tuple[str, float, float, float, float, float]] = [
        (
            "baseline char 3-5 TF-IDF",
            bouw_basis,
            basis_mb,
            rss_basis,
            _pct(tijden_basis, 50),
            _pct(tijden_basis, 95),
        )
    ]
    inbedding_info = ""
    for methode in ("lexicaal", "hybride"):
        if methode == "hybride" and inbedder is None:
            continue
        vectoren = None
        if methode == "hybride":
            assert inbedder is not None
            t0 = time.perf_counter()
            synth_v, besteed, berekend = synthetisch.vectoren(n, inbedder, args.cache, log=True)
            laad = time.perf_counter() - t0 - besteed
            vectoren = np.vstack(
                [
                    np.asarray(synth_v, dtype=np.float32),
                    np.full((len(docs), inbedder.dim), np.nan, dtype=np.float32),
                ]
            )
            inbedding_info = (
                f"embedding the synthetic texts: {berekend} embedded in this run in {besteed:.0f} s"
                f"{f' ({besteed / berekend * 1000:.1f} ms a text)' if berekend else ''}; "
                f"the rest loaded from the cache in {laad:.1f} s"
            )
        rss0 = _rss_mb()
        t0 = time.perf_counter()
        z = zoeken.Zoekindex(groot, inbedder=inbedder if methode == "hybride" else None, vectoren=vectoren)
        bouw = time.perf_counter() - t0
        rss = _rss_mb() - rss0
        tijden = []
        for d in vragen:
            t0 = time.perf_counter()
            z.zoek(d, k=10)
            tijden.append((time.perf_counter() - t0) * 1000)
        naam = "kern lexicaal (fallback)" if methode == "lexicaal" else "kern hybride (TF-IDF + e5)"
        rijen.append((naam, bouw, _index_nbytes(z) / 2**20, rss, _pct(tijden, 50), _pct(tijden, 95)))
        del z

    print(f"load average after the speed runs: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"{'method':32} {'build s':>8} {'index MB':>9} {'RSS +MB':>8} {'p50 ms':>7} {'p95 ms':>7}")
    for naam, bouw, mb, rss, p50, p95 in rijen:
        print(f"{naam:32} {bouw:8.1f} {mb:9.1f} {rss:8.0f} {p50:7.1f} {p95:7.1f}")
    if inbedding_info:
        print(
            inbedding_info + " (the hybrid's build time above excludes it; it embeds only the labelled set)"
        )

    # --- targets ---
    b = resultaten["baseline char 3-5 TF-IDF"]
    h = resultaten.get("kern hybride (TF-IDF + e5)")
    if h is not None and len(rijen) == 3:
        verhouding = h["recall@10"] / b["recall@10"] if b["recall@10"] else float("inf")
        p95_b, p95_h = rijen[0][5], rijen[2][5]
        print("\ntargets")
        print(
            f"  recall@10 >= 1.2 x baseline: {h['recall@10']:.3f} vs {b['recall@10']:.3f} = {verhouding:.2f}x "
            f"{'MET' if verhouding >= 1.2 else 'MISSED'}"
        )
        print(f"  p95 <= baseline's: {p95_h:.1f} vs {p95_b:.1f} ms {'MET' if p95_h <= p95_b else 'MISSED'}")
        print(f"  p95 < 50 ms: {p95_h:.1f} ms {'MET' if p95_h < 50 else 'MISSED'}")
    print(
        f"(median of the hybrid's question embedding alone: {statistics.median(_vraagtijden(inbedder, vragen)):.1f} ms)"
        if inbedder
        else ""
    )
    return 0


def _vraagtijden(inbedder: Any, vragen: list[Document]) -> list[float]:
    tijden = []
    for d in vragen[:50]:
        t0 = time.perf_counter()
        inbedder.passages([zoeken.documenttekst(d)])
        tijden.append((time.perf_counter() - t0) * 1000)
    return tijden


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
