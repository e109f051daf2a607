"""Keeping the text vectors fresh: after a commit that saved an assignment, its vector is refreshed.

The receiver only notes the assignment's id; the first callback after the commit (``transaction.on_commit``) indexes every
noted assignment in bulk, and ``indexeer`` embeds only those whose text changed (the SHA-256 of the text). Without the
embedding model nothing is stored; an error of the model is swallowed (the index is derived: ``seta
harmonisatie-index`` repairs it), so saving an assignment never fails because of it. While ``uitgesteld()`` is active
(the demo builder) nothing is noted: the demo indexes everything at its end (ADR 0050)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction

logger = logging.getLogger(__name__)
_lokaal = threading.local()


def _wachtrij() -> set[int]:
    if not hasattr(_lokaal, "ids"):
        _lokaal.ids = set()
    return _lokaal.ids


@contextmanager
def uitgesteld() -> Iterator[None]:
    """Within this block saves are not indexed one by one (a bulk ``indexeer`` follows)."""
    vorig = getattr(_lokaal, "uit", False)
    _lokaal.uit = True
    try:
        yield
    finally:
        _lokaal.uit = vorig


def _na_commit() -> None:
    ids = _wachtrij()
    if not ids:
        return
    pks = sorted(ids)
    ids.clear()
    from seta.harmonisatie import zoeken

    try:
        zoeken.indexeer(zoeken.alle_opdrachten().filter(pk__in=pks))
    except Exception:  # a derived index: never fail the user's save, the command repairs it
        logger.exception("harmonisatie: tekstvectoren niet bijgewerkt voor %s", pks)


def opdracht_opgeslagen(
    sender: Any, instance: Any, created: bool = False, update_fields: Any = None, **kwargs: Any
) -> None:
    if getattr(_lokaal, "uit", False) or kwargs.get("raw"):
        return
    from seta.harmonisatie.zoeken import TEKSTVELDEN

    if update_fields is not None and not (set(update_fields) & TEKSTVELDEN):
        return
    _wachtrij().add(instance.pk)
    # one callback per save; the first to run after the commit drains the queue, the others find it empty
    transaction.on_commit(_na_commit, robust=True)
