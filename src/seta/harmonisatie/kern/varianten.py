"""The catalogue's variant map (pure: no Django): how many partner-specific variants an item has.

``kaart`` groups the assignments of one catalogue item whose frames (service frame, norms, process text) are nearly
the same into one variant: two frames belong together when their similarity is at least ``drempel_gelijk``, and
the groups are the connected components of that relation (single linkage, so the result does not depend on the
order of the input). A variant whose nearest other variant is at least ``drempel_klein`` similar "differs only
slightly": a candidate to harmonise first. The similarity is the cosine of TF-IDF character 3–5-grams (scikit-learn)
unless a function is passed in; identical frames (ignoring case and spaces) are always 1.

The "ijsco-zaak" index (Menu 1's "ice-cream parlour of very many flavours") is variants per partner: ``1/partners``
when all partners share one product, 1 when every partner has its own, above 1 when a partner has several.
``gemeente`` of a joint assignment names its principals joined with " en " (the contract, ``kern/model.py``); the
partners are counted over those names.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from seta.harmonisatie.kern.model import Variant, Variantinvoer, Variantkaart

Gelijkenis = Callable[[Sequence[str]], "np.ndarray[Any, Any]"]


def _norm(tekst: str) -> str:
    return " ".join(tekst.lower().split())


def tfidf_gelijkenis(teksten: Sequence[str]) -> np.ndarray[Any, Any]:
    """The n × n cosine similarity of character 3–5-gram TF-IDF vectors (rows are L2-normalised)."""
    n = len(teksten)
    genormd = [_norm(t) for t in teksten]
    if not any(genormd):
        return np.ones((n, n))
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    try:
        x = vec.fit_transform(genormd)
    except ValueError:  # no n-gram at all (texts of one or two characters)
        return np.array([[1.0 if a == b else 0.0 for b in genormd] for a in genormd])
    s = (x @ x.T).toarray()
    return np.clip(s, 0.0, 1.0)


def partners_van(invoer: Sequence[Variantinvoer]) -> set[str]:
    return {naam.strip() for i in invoer for naam in i.gemeente.split(" en ") if naam.strip()}


def kaart(
    invoer: Sequence[Variantinvoer],
    *,
    drempel_gelijk: float = 0.95,
    drempel_klein: float = 0.8,
    gelijkenis: Gelijkenis | None = None,
) -> Variantkaart:
    """The variants of one catalogue item's assignments (see the module's docstring)."""
    if not invoer:
        return Variantkaart(varianten=(), partners=0, index=0.0)
    # a deterministic order, whatever the caller's: by id
    rijen = sorted(invoer, key=lambda i: i.id)
    n = len(rijen)
    s = np.asarray((gelijkenis or tfidf_gelijkenis)([r.kader for r in rijen]), dtype=float)
    genormd = [_norm(r.kader) for r in rijen]
    for a in range(n):
        for b in range(n):
            if a == b or genormd[a] == genormd[b]:
                s[a, b] = 1.0
    s = np.minimum(s, s.T)  # symmetric, whatever the function returned

    ouder = list(range(n))

    def wortel(a: int) -> int:
        while ouder[a] != a:
            ouder[a] = ouder[ouder[a]]
            a = ouder[a]
        return a

    for a in range(n):
        for b in range(a + 1, n):
            if s[a, b] >= drempel_gelijk:
                ra, rb = wortel(a), wortel(b)
                if ra != rb:
                    ouder[max(ra, rb)] = min(ra, rb)
    groepen: dict[int, list[int]] = {}
    for a in range(n):
        groepen.setdefault(wortel(a), []).append(a)
    leden = sorted(groepen.values(), key=lambda g: g[0])

    varianten: list[Variant] = []
    for nummer, groep in enumerate(leden, start=1):
        anderen = [b for b in range(n) if b not in groep]
        naaste = float(max(s[a, b] for a in groep for b in anderen)) if anderen else None
        # the representative: the most central frame of the group (ties: the lowest id)
        voorbeeld = max(groep, key=lambda a: (float(np.mean([s[a, b] for b in groep])), -a))
        gemeenten = sorted(partners_van([rijen[a] for a in groep]))
        varianten.append(
            Variant(
                nummer=nummer,
                ids=tuple(rijen[a].id for a in groep),
                gemeenten=tuple(gemeenten),
                voorbeeld_id=rijen[voorbeeld].id,
                uren=sum((rijen[a].uren or Decimal(0) for a in groep), Decimal(0)),
                gelijkenis_naaste=naaste,
                klein_verschil=naaste is not None and naaste >= drempel_klein,
            )
        )
    partners = len(partners_van(rijen))
    return Variantkaart(
        varianten=tuple(varianten),
        partners=partners,
        index=len(varianten) / partners if partners else 0.0,
    )
