"""Compliance per period (naleving): placeholder of the compliance helper's module.

:func:`na_import` is called by the case import (``zaken.importeer`` / ``zaken.haal_op``) inside its
transaction, after the cases of a period are stored. The compliance module recomputes the period's
figures and raises the alerts there; this placeholder does nothing and returns no signals.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from seta.autorisaties.actor import Actor


def na_import(*, actor: Actor, zaakimport: Any, vandaag: dt.date | None = None) -> list[Any]:
    """Hook after a successful import of cases: recompute compliance. Here a no-op; returns the signals raised.

    ``vandaag`` is the import's own "today" (the demo's peildatum), so the compliance sees the same date."""
    return []
