"""Check the labelled evaluation set of the similarity search (issue 13) and print its counts.

Run from the repository root::

    .venv/bin/python bench/harmonisatie/controleer_set.py [path/to/evaluatieset.yaml]

Exits 1 (after listing every violation) when the set breaks a rule, 0 otherwise. Needs only pyyaml.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

SET_PATH = Path(__file__).resolve().parent / "evaluatieset.yaml"

MIN_TEXTS = 320
MIN_PAIRS = 70
MIN_HARD_NEGATIVES = 50
MIN_PAIRS_WITHOUT_SHARED_SLUG = 15
MAX_SENTENCES = 4

CATALOGUE_SLUGS = frozenset(
    {
        "wmo-maatwerk", "jeugdhulp", "bijstand", "bijzondere-bijstand", "schuldhulp", "reintegratie",
        "inburgering", "subsidieregeling", "leerplicht", "leerlingenvervoer", "toeristisch-plan",
        "economische-visie", "standplaatsvergunning", "verkeersveiligheidsplan", "sportnota", "cultuurnota",
        "accommodatiebeleid", "speelvoorzieningen", "duurzaamheidsagenda", "afvalinzameling", "rioleringsplan",
        "groenbeheerplan", "woonvisie", "omgevingsplan", "handhaving-bouwen", "participatietraject",
        "programmabegroting", "jaarrekening", "kwijtschelding", "inkoopbeleid", "personeelsbeleid",
        "ict-werkplek", "klantcontact", "communicatie", "klachten", "woo-verzoek", "evenementenvergunning",
    }
)  # fmt: skip

FIELDS = ("id", "gemeente", "catalogus", "titel", "tekst")


def _normalise(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


def _sentences(text: str) -> int:
    return len([part for part in re.split(r"(?<=[.!?])\s+", text.strip()) if part])


def _ngrams(text: str, n: int = 4) -> set[str]:
    padded = f" {_normalise(text)} "
    return {padded[i : i + n] for i in range(len(padded) - n + 1)}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _partners_outside_top(pairs: list[tuple[str, str]], by_id: dict[str, dict[str, str]], k: int) -> int:
    """How often (per direction) a pair's partner is not among a text's k nearest texts by 4-gram Jaccard.

    A crude stand-in for a character-n-gram method: a high count means the pairs are hard for one.
    """
    grams = {tid: _ngrams(item["titel"] + " " + item["tekst"]) for tid, item in by_id.items()}
    partners: dict[str, set[str]] = {}
    for a, b in pairs:
        partners.setdefault(a, set()).add(b)
        partners.setdefault(b, set()).add(a)
    outside = 0
    for query, wanted in partners.items():
        ranked = sorted((t for t in grams if t != query), key=lambda t: -_jaccard(grams[query], grams[t]))
        outside += len(wanted - set(ranked[:k]))
    return outside


def _check_pairs(
    name: str, pairs: Any, by_id: dict[str, dict[str, str]], errors: list[str], *, cross: bool
) -> list[tuple[str, str]]:
    if not isinstance(pairs, list):
        errors.append(f"{name}: not a list")
        return []
    result: list[tuple[str, str]] = []
    seen: set[frozenset[str]] = set()
    for pair in pairs:
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)):
            errors.append(f"{name}: {pair!r} is not a pair of two ids")
            continue
        a, b = pair
        missing = [x for x in (a, b) if x not in by_id]
        if missing:
            errors.append(f"{name}: {pair} names unknown id(s) {missing}")
            continue
        if a == b:
            errors.append(f"{name}: {pair} pairs a text with itself")
            continue
        key = frozenset((a, b))
        if key in seen:
            errors.append(f"{name}: {pair} is listed twice")
        seen.add(key)
        if cross and by_id[a]["gemeente"] == by_id[b]["gemeente"]:
            errors.append(f"{name}: {pair} are both from {by_id[a]['gemeente']}")
        result.append((a, b))
    return result


def check(data: Any) -> tuple[list[str], dict[str, Any]]:
    """The violations of the set's rules and the counts to print."""
    errors: list[str] = []
    if not isinstance(data, dict):
        return ["the file is not a mapping"], {}
    for key in ("bron", "teksten", "paren", "harde_negatieven"):
        if key not in data:
            errors.append(f"missing top-level key {key!r}")
    if not isinstance(data.get("bron"), str) or not data.get("bron", "").strip():
        errors.append("bron: must be a non-empty line")
    texts = data.get("teksten") or []
    if not isinstance(texts, list):
        return [*errors, "teksten: not a list"], {}

    by_id: dict[str, dict[str, str]] = {}
    seen_titles: dict[str, str] = {}
    seen_bodies: dict[str, str] = {}
    for item in texts:
        if not isinstance(item, dict) or any(not isinstance(item.get(f), str) for f in FIELDS):
            errors.append(f"teksten: {item!r} lacks one of the string fields {FIELDS}")
            continue
        tid = item["id"]
        if tid in by_id:
            errors.append(f"teksten: id {tid} is used twice")
        by_id[tid] = item
        for field in ("gemeente", "titel", "tekst"):
            if not item[field].strip():
                errors.append(f"{tid}: empty {field}")
        if item["catalogus"] and item["catalogus"] not in CATALOGUE_SLUGS:
            errors.append(f"{tid}: unknown catalogus {item['catalogus']!r}")
        if _sentences(item["tekst"]) > MAX_SENTENCES:
            errors.append(f"{tid}: tekst has more than {MAX_SENTENCES} sentences")
        for field, seen in (("titel", seen_titles), ("tekst", seen_bodies)):
            norm = _normalise(item[field])
            if norm in seen:
                errors.append(f"{tid}: same {field} as {seen[norm]}")
            seen.setdefault(norm, tid)

    pairs = _check_pairs("paren", data.get("paren"), by_id, errors, cross=True)
    negatives = _check_pairs("harde_negatieven", data.get("harde_negatieven"), by_id, errors, cross=False)
    positive_keys = {frozenset(p) for p in pairs}
    for a, b in negatives:
        if frozenset((a, b)) in positive_keys:
            errors.append(f"harde_negatieven: [{a}, {b}] is also a known similar pair")

    without_shared_slug = sum(
        1
        for a, b in pairs
        if not by_id[a]["catalogus"]
        or not by_id[b]["catalogus"]
        or by_id[a]["catalogus"] != by_id[b]["catalogus"]
    )
    outside_top5 = _partners_outside_top(pairs, by_id, 5)
    for what, count, minimum in (
        ("texts", len(by_id), MIN_TEXTS),
        ("known similar pairs", len(pairs), MIN_PAIRS),
        ("hard negatives", len(negatives), MIN_HARD_NEGATIVES),
        ("pairs without a shared catalogue slug", without_shared_slug, MIN_PAIRS_WITHOUT_SHARED_SLUG),
    ):
        if count < minimum:
            errors.append(f"only {count} {what}, at least {minimum} required")

    in_pairs = {x for p in pairs for x in p}
    counts: dict[str, Any] = {
        "texts": len(by_id),
        "known similar pairs": len(pairs),
        "texts in a known pair": len(in_pairs),
        "hard negatives": len(negatives),
        "pairs without a shared catalogue slug": without_shared_slug,
        "texts without a catalogue slug": sum(1 for t in by_id.values() if not t["catalogus"]),
        "pair partners outside the 4-gram-Jaccard top 5": f"{outside_top5}/{2 * len(pairs)}",
        "per municipality (texts)": dict(Counter(t["gemeente"] for t in by_id.values()).most_common()),
    }
    return errors, counts


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else SET_PATH
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    errors, counts = check(data)
    for key, value in counts.items():
        if isinstance(value, dict):
            print(f"{key}:")
            for sub, n in value.items():
                print(f"  {sub}: {n}")
        else:
            print(f"{key}: {value}")
    for error in errors:
        print(f"ERROR: {error}", file=sys.stderr)
    if errors:
        print(f"{len(errors)} violation(s) in {path}", file=sys.stderr)
        return 1
    print(f"OK: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
