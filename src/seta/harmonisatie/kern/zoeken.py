"""``Zoekindex``: the similarity search behind one interface (FIRST VERSION: lexical only; the hybrid with the
embedding model replaces the internals, the interface stays)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import Any, Literal, Protocol

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from seta.harmonisatie.kern.model import Document, Reden, Treffer

#: hits below this score are not shown
DREMPEL = 0.2


class Inbedder(Protocol):
    """An embedding model: L2-normalised float32 vectors of ``dim`` dimensions."""

    naam: str
    dim: int

    def passages(self, teksten: Sequence[str]) -> np.ndarray[Any, Any]: ...

    def vraag(self, tekst: str) -> np.ndarray[Any, Any]: ...


def standaard_inbedder() -> Inbedder | None:
    """The offline model where its package is installed, else None (the lexical fallback)."""
    return None


def documenttekst(doc: Document) -> str:
    """The text of a document that is indexed (and embedded: its SHA-256 is ``Tekstvector.sha256``)."""
    return f"{doc.titel}. {doc.tekst}".strip()


def _overlap(a: Document, b: Document) -> bool:
    if a.begin is None or b.begin is None:
        return False
    a_eind = a.eind or a.begin + dt.timedelta(days=365)
    b_eind = b.eind or b.begin + dt.timedelta(days=365)
    return a.begin <= b_eind and b.begin <= a_eind


class Zoekindex:
    """An index over ``documenten``; ``zoek`` gives the most similar ones with their reasons."""

    def __init__(
        self,
        documenten: Sequence[Document],
        *,
        inbedder: Inbedder | None = None,
        vectoren: np.ndarray[Any, Any] | None = None,
    ) -> None:
        self.documenten = list(documenten)
        self.inbedder = inbedder
        self._vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
        teksten = [documenttekst(d) for d in self.documenten] or [""]
        self._x = self._vec.fit_transform(teksten)

    @property
    def methode(self) -> Literal["hybride", "lexicaal"]:
        return "lexicaal"

    def zoek(
        self, vraag: Document, *, k: int = 10, uitsluiten: Collection[int] = (), minimum: float = DREMPEL
    ) -> list[Treffer]:
        if not self.documenten:
            return []
        q = self._vec.transform([documenttekst(vraag)])
        scores = (self._x @ q.T).toarray().ravel()
        volgorde = np.argsort(-scores, kind="stable")
        result: list[Treffer] = []
        for i in volgorde:
            doc = self.documenten[int(i)]
            score = float(scores[i])
            if doc.id == vraag.id or doc.id in uitsluiten or score < minimum:
                continue
            redenen: list[Reden] = []
            if vraag.catalogusitem_id is not None and doc.catalogusitem_id == vraag.catalogusitem_id:
                redenen.append(Reden("catalogusitem", "hetzelfde product of dezelfde dienst"))
            elif vraag.taakveld and doc.taakveld == vraag.taakveld:
                redenen.append(Reden("taakveld", f"hetzelfde taakveld {doc.taakveld}"))
            if _overlap(vraag, doc):
                redenen.append(Reden("periode", "overlappende periode"))
            result.append(Treffer(doc.id, min(1.0, score), min(1.0, score), None, tuple(redenen)))
            if len(result) >= k:
                break
        return result
