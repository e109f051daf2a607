"""The app side of the similarity search: assignments → ``Document``\\ s, the candidate set, the stored text vectors,
and the per-process cache of the built index.

- ``document(opdracht)``: what the core sees of an assignment (title; goals + scope + political wishes + service
  frame; the catalogue item and its taakveld; the period).
- ``kandidaten(sv_id)``: the assignments a search looks among: the cooperation's drafts, running ones, and those
  delivered in the last three years; never cancelled ones. Who may see what of a hit is decided afterwards, in
  ``selectors.py``, by the policy: the index itself holds confidential assignments too.
- ``index_voor(sv_id)``: the ``Zoekindex`` over the candidates, with the stored vectors (``Tekstvector``) where they
  are fresh; a stale or missing vector is embedded in memory for this process only (a GET never writes). Cached per
  process by (cooperation, latest change, count, model), so a page view does not rebuild it.
- ``indexeer(opdrachten)``: writes or refreshes the ``Tekstvector`` rows. The vectors are a derived index, like a
  search engine's: rebuilt from the assignment, never edited, no domain data, so no actor and no audit event
  (ADR 0050). Called after a commit that saved an assignment (``signals.py``), by ``seta harmonisatie-index``, and
  at the end of the demo.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from seta.harmonisatie.kern import zoeken as kern
from seta.harmonisatie.kern.model import Document
from seta.harmonisatie.models import Tekstvector
from seta.opdrachten import lifecycle as lc
from seta.opdrachten.models import Bestuursopdracht

#: delivered assignments older than this are no longer candidates
JAREN_TERUG = 3
#: the text fields that make up an assignment's document (a save that touches none of them is not re-indexed)
TEKSTVELDEN = frozenset({"titel", "doelen", "scope", "politieke_wensen", "dienstverleningskader"})
#: how many built indexes a process keeps
CACHE_GROOTTE = 8
#: texts embedded per call of the model
BATCH = 64


def document(o: Bestuursopdracht) -> Document:
    """The core's view of one assignment (``catalogusitem__taakveld`` selected by the caller where there are many)."""
    delen = [o.doelen, o.scope, o.politieke_wensen, o.dienstverleningskader]
    item = o.catalogusitem
    return Document(
        id=o.pk,
        titel=o.titel,
        tekst="\n".join(d.strip() for d in delen if d and d.strip()),
        catalogusitem_id=o.catalogusitem_id,
        taakveld=item.taakveld.code if item is not None and item.taakveld_id is not None else "",
        begin=o.opgedragen_op or (o.aangemaakt_op.date() if o.aangemaakt_op else None),
        eind=o.opgeleverd_op or o.deadline,
    )


def sha256(doc: Document) -> str:
    return hashlib.sha256(kern.documenttekst(doc).encode("utf-8")).hexdigest()


def kandidaten(sv_id: int, *, vandaag: dt.date | None = None) -> QuerySet[Bestuursopdracht]:
    """The cooperation's drafts, running assignments and those delivered in the last ``JAREN_TERUG`` years."""
    vandaag = vandaag or timezone.localdate()
    grens = vandaag - dt.timedelta(days=365 * JAREN_TERUG + 1)
    return (
        Bestuursopdracht.objects.filter(samenwerkingsverband_id=sv_id)
        .exclude(status=lc.GEANNULEERD)
        .filter(
            Q(status=lc.CONCEPT)
            | Q(status__in=lc.LOPEND)
            | Q(status=lc.VASTGESTELD, opgeleverd_op__gte=grens)
            | Q(status=lc.VASTGESTELD, opgeleverd_op__isnull=True, gewijzigd_op__date__gte=grens)
        )
        .select_related("catalogusitem__taakveld")
        .order_by("pk")
    )


# --- the embedding model ------------------------------------------------------------------------------------------------
_inbedder_lock = threading.Lock()
_inbedder_cache: dict[tuple[object, str], kern.Inbedder | None] = {}


def inbedder() -> kern.Inbedder | None:
    """The core's default model (None: the lexical fallback), loaded once per process (per switch setting)."""
    sleutel = (kern.standaard_inbedder, os.environ.get("SETA_HARMONISATIE_INBEDDING", ""))
    with _inbedder_lock:
        if sleutel not in _inbedder_cache:
            try:
                _inbedder_cache[sleutel] = kern.standaard_inbedder()
            except Exception:  # a broken model install must not break a page: lexical fallback
                _inbedder_cache[sleutel] = None
        return _inbedder_cache[sleutel]


def _embed(model: kern.Inbedder, teksten: Sequence[str]) -> np.ndarray[Any, Any]:
    delen = [
        np.asarray(model.passages(list(teksten[i : i + BATCH])), dtype=np.float32)
        for i in range(0, len(teksten), BATCH)
    ]
    return np.vstack(delen) if delen else np.zeros((0, model.dim), dtype=np.float32)


def vectoren(docs: Sequence[Document], model: kern.Inbedder) -> tuple[np.ndarray[Any, Any], int]:
    """The vectors of ``docs`` in their order: stored ones where fresh, the rest embedded in memory (not stored).

    Returns the matrix and how many had to be embedded."""
    opgeslagen = {
        r.bestuursopdracht_id: r
        for r in Tekstvector.objects.filter(model=model.naam, bestuursopdracht_id__in=[d.id for d in docs])
    }
    matrix = np.zeros((len(docs), model.dim), dtype=np.float32)
    ontbreekt: list[int] = []
    for i, d in enumerate(docs):
        r = opgeslagen.get(d.id)
        if r is not None and r.sha256 == sha256(d):
            v = np.frombuffer(bytes(r.vector), dtype=np.float32)
            if v.shape == (model.dim,):
                matrix[i] = v
                continue
        ontbreekt.append(i)
    if ontbreekt:
        matrix[ontbreekt] = _embed(model, [kern.documenttekst(docs[i]) for i in ontbreekt])
    return matrix, len(ontbreekt)


# --- the index, cached per process --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Gebouwd:
    index: kern.Zoekindex
    ids: frozenset[int]
    ingebed: int  # vectors embedded in memory while building (missing or stale in the table)


_cache_lock = threading.Lock()
_cache: OrderedDict[tuple[Any, ...], Gebouwd] = OrderedDict()


def leeg_cache() -> None:
    with _cache_lock:
        _cache.clear()


def index_voor(sv_id: int) -> Gebouwd:
    """The index over the cooperation's candidates (built once per process per state of the candidates)."""
    qs = kandidaten(sv_id)
    stand = qs.aggregate(laatst=Max("gewijzigd_op"), aantal=Count("pk"))
    model = inbedder()
    sleutel = (sv_id, stand["laatst"], stand["aantal"], model.naam if model is not None else "")
    with _cache_lock:
        if sleutel in _cache:
            _cache.move_to_end(sleutel)
            return _cache[sleutel]
    docs = [document(o) for o in qs]
    ingebed = 0
    if model is not None and docs:
        matrix, ingebed = vectoren(docs, model)
        index = kern.Zoekindex(docs, inbedder=model, vectoren=matrix)
    else:
        index = kern.Zoekindex(docs, inbedder=model if docs else None)
    gebouwd = Gebouwd(index=index, ids=frozenset(d.id for d in docs), ingebed=ingebed)
    with _cache_lock:
        _cache[sleutel] = gebouwd
        while len(_cache) > CACHE_GROOTTE:
            _cache.popitem(last=False)
    return gebouwd


# --- writing the derived index --------------------------------------------------------------------------------------------
def indexeer(opdrachten: Iterable[Bestuursopdracht], *, alles: bool = False) -> int:
    """Store or refresh the text vectors of ``opdrachten`` for the default model; returns how many were written.

    Only a missing or stale vector (its SHA-256 differs from the text's) is embedded, unless ``alles``. Without an
    embedding model nothing is stored (0). No actor, no audit: a derived index, not domain data (ADR 0050)."""
    model = inbedder()
    if model is None:
        return 0
    docs = [document(o) for o in opdrachten]
    if not docs:
        return 0
    bestaand = {
        r.bestuursopdracht_id: r
        for r in Tekstvector.objects.filter(model=model.naam, bestuursopdracht_id__in=[d.id for d in docs])
    }
    te_doen = [d for d in docs if alles or d.id not in bestaand or bestaand[d.id].sha256 != sha256(d)]
    if not te_doen:
        return 0
    matrix = _embed(model, [kern.documenttekst(d) for d in te_doen])
    nieuw: list[Tekstvector] = []
    gewijzigd: list[Tekstvector] = []
    nu = timezone.now()
    for d, v in zip(te_doen, matrix, strict=True):
        blob = np.asarray(v, dtype=np.float32).tobytes()
        r = bestaand.get(d.id)
        if r is None:
            nieuw.append(
                Tekstvector(bestuursopdracht_id=d.id, model=model.naam, sha256=sha256(d), vector=blob)
            )
        else:
            r.sha256, r.vector, r.bijgewerkt_op = sha256(d), blob, nu
            gewijzigd.append(r)
    Tekstvector.objects.bulk_create(nieuw, batch_size=500)
    Tekstvector.objects.bulk_update(gewijzigd, ["sha256", "vector", "bijgewerkt_op"], batch_size=500)
    return len(te_doen)


def alle_opdrachten() -> QuerySet[Bestuursopdracht]:
    """Every assignment that can be a candidate somewhere (what ``seta harmonisatie-index`` walks)."""
    return (
        Bestuursopdracht.objects.exclude(status=lc.GEANNULEERD)
        .select_related("catalogusitem__taakveld")
        .order_by("pk")
    )
