"""Home-page panels per role. Each domain app may add a provider: ``panels(actor) -> list[Panel]``.

A provider is a function in ``seta.<app>.home``; the home page shows the panels of every provider,
in the order of :data:`PROVIDERS`, each rendered by its own template with its own context.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from seta.autorisaties.actor import Actor


@dataclass
class Panel:
    titel: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    volgorde: int = 100
    html: str = ""


PROVIDERS = [
    "seta.web.home_basis",
    "seta.opdrachten.home",
    "seta.uren.home",
    "seta.financien.home",
    "seta.scan.home",
    "seta.dienstverlening.home",
    "seta.planning.home",
    "seta.rapportage.home",
    "seta.harmonisatie.home",  # harmonisation proposals (issue 13)
    "seta.signalen.home",
]


def panels_for(actor: Actor) -> list[Panel]:
    result: list[Panel] = []
    for name in PROVIDERS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        provider: Callable[[Actor], list[Panel]] = module.panels
        result.extend(provider(actor))
    return sorted(result, key=lambda p: p.volgorde)
