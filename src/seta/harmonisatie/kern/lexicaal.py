"""The lexical method: TF-IDF over the character n-grams (``char_wb``, 3 to 5) of the normalised and expanded
text, and over its word stems (with the stems the compounds, abbreviations and synonyms add), as one sparse
matrix whose row dot products are a weighted sum of the two cosines.

Also the fallback when there is no embedding model. For a large index the stems are the inverted index:
``kandidaten`` scores only the rows that share a stem with the question (a column slice of the stem matrix), and
``scores`` rescores a few rows exactly, so a question never multiplies the whole character matrix.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from seta.harmonisatie.kern.tekst import ALGEMEEN, STOPWOORDEN, Analyse, analyseer, lexicon, tokens

#: the weight of the character n-grams; the stems weigh 1 - GEWICHT_TEKENS
GEWICHT_TEKENS = 0.5


def _ongewijzigd(x: Any) -> Any:
    return x


def _pas_toe(vec: TfidfVectorizer, rijen: list[Any], leeg: Any) -> Any:
    """``fit_transform``; where the texts have no term at all (only stopwords, or nothing), a vocabulary of one
    term no text has, so every row is empty rather than an error."""
    try:
        return vec.fit_transform(rijen)
    except ValueError:
        vec.fit([leeg])
        return vec.transform(rijen)


class LexicaleIndex:
    def __init__(self, teksten: Sequence[str]) -> None:
        self.lex = lexicon()
        woordenschat: set[str] = set()
        for t in teksten:
            woordenschat.update(w for w in tokens(t) if len(w) >= 4 and w not in STOPWOORDEN)
        self.woordenschat = frozenset(woordenschat)
        self._splitcache: dict[str, tuple[str, ...]] = {}
        analyses = [self.analyseer(t) for t in teksten] or [Analyse((), ())]
        self._tekens = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, dtype=np.float32
        )
        self._stammen = TfidfVectorizer(
            analyzer=_ongewijzigd, sublinear_tf=True, dtype=np.float32, token_pattern=None
        )
        xt = _pas_toe(self._tekens, [a.uitgebreide_tekst() or " " for a in analyses], "\x00\x00\x00")
        xs = _pas_toe(self._stammen, [list(a.alle_stammen) for a in analyses], ["\x00"])
        self._xs_csc = xs.tocsc()
        self._x = sp.hstack(
            [xt * np.float32(np.sqrt(GEWICHT_TEKENS)), xs * np.float32(np.sqrt(1 - GEWICHT_TEKENS))],
            format="csr",
        )
        self.n = len(teksten)
        self._idf = dict(zip(self._stammen.get_feature_names_out(), self._stammen.idf_, strict=True))
        self._stammen_per_rij = [frozenset(a.alle_stammen) for a in analyses]

    def analyseer(self, tekst: str) -> Analyse:
        return analyseer(tekst, self.woordenschat, self.lex, self._splitcache)

    def vraag(self, tekst: str) -> tuple[Any, Any, Analyse]:
        """The question as (combined row, stem row, analysis)."""
        a = self.analyseer(tekst)
        xt = self._tekens.transform([a.uitgebreide_tekst() or " "])
        xs = self._stammen.transform([list(a.alle_stammen)])
        q = sp.hstack(
            [xt * np.float32(np.sqrt(GEWICHT_TEKENS)), xs * np.float32(np.sqrt(1 - GEWICHT_TEKENS))],
            format="csr",
        )
        return q, xs.tocsr(), a

    def alle(self, q: Any) -> np.ndarray[Any, Any]:
        """The exact lexical score of every row (a full sparse product: for small indexes)."""
        return np.clip(np.asarray((self._x @ q.T).toarray()).ravel(), 0.0, 1.0)

    def scores(self, q: Any, rijen: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        """The exact lexical score of ``rijen`` only."""
        if len(rijen) == 0:
            return np.zeros(0, dtype=np.float32)
        return np.clip(np.asarray((self._x[rijen] @ q.T).toarray()).ravel(), 0.0, 1.0)

    def kandidaten(self, qs: Any, aantal: int) -> np.ndarray[Any, Any]:
        """The ``aantal`` rows with the highest stem score (the inverted index: only rows sharing a stem)."""
        if qs.nnz == 0 or self.n == 0:
            return np.zeros(0, dtype=np.int64)
        kolommen = self._xs_csc[:, qs.indices]
        s = np.asarray(kolommen @ qs.data).ravel()
        geraakt = np.flatnonzero(s)
        if len(geraakt) <= aantal:
            return geraakt
        top = np.argpartition(-s[geraakt], aantal - 1)[:aantal]
        return geraakt[top]

    def gedeelde_termen(self, vraag: Analyse, rij: int, maximum: int = 5) -> tuple[str, ...]:
        """The meaningful stems the question shares with row ``rij``, rarest first, in the question's surface
        form (no stopwords, no words every assignment has, no numbers)."""
        gedeeld = [
            s
            for s in dict.fromkeys(vraag.alle_stammen)
            if s in self._stammen_per_rij[rij] and s in vraag.oppervlak and not s.isdigit()
        ]
        gedeeld = [s for s in gedeeld if vraag.oppervlak[s] not in ALGEMEEN and len(vraag.oppervlak[s]) > 2]
        gedeeld.sort(key=lambda s: (-self._idf.get(s, 0.0), s))
        uit: list[str] = []
        for s in gedeeld:
            w = vraag.oppervlak[s]
            if w not in uit:
                uit.append(w)
            if len(uit) >= maximum:
                break
        return tuple(uit)
