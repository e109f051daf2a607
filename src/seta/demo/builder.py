"""Builds the demo: each step is ``build(ctx)`` in a domain app's ``demo`` module, run in this order.

The demo is deterministic (fixed seed, fixed dates relative to a fixed reference date) so that the
tests and the screenshots in the docs see the same data every time.
"""

from __future__ import annotations

import datetime as dt
import importlib
import random
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.db import transaction

STEPS = [
    "seta.gemeenten.demo",
    "seta.samenwerkingsverbanden.demo",
    "seta.organisatie.demo",
    "seta.catalogus.demo",
    "seta.dienstverlening.demo",  # service agreements (DVO): after the cooperations, people and catalogue
    # case data, imported per quarter: after the DVOs, so each import's compliance check raises the signals
    "seta.dienstverlening.demo_zaken",
    "seta.opdrachten.demo",
    "seta.uren.demo",
    "seta.nacalculatie.demo_herhaling",  # delivered assignments of one item with hours: the learning curve
    "seta.financien.demo",
    "seta.financien.demo_mutaties",  # join/leave scenarios: after the budget and the adopted model
    "seta.nacalculatie.demo",  # cost bookings and the alerts: after the hours and the tariffs
    "seta.planning.demo",  # planning rules, absences and the plan: after the assignments, hours and the key
    "seta.rapportage.demo",  # council reports: after everything they report on (assignments, hours, money, plan)
    # harmonisation proposals (issue 13): after the assignments, hours, tariffs and the cost key they estimate with
    "seta.harmonisatie.demo_voorstellen",
    "seta.harmonisatie.demo",  # the similarity index (text vectors): last, so it holds every demo assignment
    "seta.scan.demo",
]


# The demo's "today": data is laid out around it, so the demo looks the same on every day it is built.
class Writer(Protocol):
    def write(self, msg: str, /) -> Any: ...


PEILDATUM = dt.date(2026, 11, 2)
DEMO_PASSWORD = "demo"


@dataclass
class DemoContext:
    out: Writer | None = None
    rng: random.Random = field(default_factory=lambda: random.Random(20080101))
    peildatum: dt.date = PEILDATUM
    # Steps share what they made under well-known keys (e.g. "verbanden": {"bel": sv, ...}).
    data: dict[str, Any] = field(default_factory=dict)

    def log(self, message: str) -> None:
        if self.out is not None:
            self.out.write(message + "\n")


def is_built() -> bool:
    from seta.samenwerkingsverbanden.models import Samenwerkingsverband

    return Samenwerkingsverband.objects.exists()


@transaction.atomic
def build(out: Writer | None = None) -> DemoContext:
    ctx = DemoContext(out=out)
    for name in STEPS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        ctx.log(f"demo: {name.split('.')[1]} …")
        module.build(ctx)
    return ctx
