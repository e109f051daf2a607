"""Home-page panels of dienstverlening: "Normen niet gehaald" (see seta.web.home).

The pool and the boards see every partner of their cooperation; a municipality-side role its own gemeente
(the policy decides: ``policy.naleving.paneel_gemeenten``). Shown only to who can see a DVO's compliance.
"""

from __future__ import annotations

from typing import Any

from seta.autorisaties.actor import Actor
from seta.dienstverlening import naleving_selectors
from seta.dienstverlening.naleving_weergave import Perioderij
from seta.web.home import Panel

MAX = 8


def panels(actor: Actor) -> list[Panel]:
    if actor.user is None or not naleving_selectors.dvos_voor_naleving(actor).exists():
        return []
    gemist = naleving_selectors.niet_gehaald_voor(actor)
    regels: list[dict[str, Any]] = []
    for r in gemist[:MAX]:
        laatste = r.recentst_afgesloten
        assert laatste is not None
        rij = Perioderij(r, laatste)
        regels.append(
            {
                "dvo": r.dvo,
                "norm": r.norm,
                "gemeente": r.gemeente,
                "catalogusitem": r.catalogusitem,
                "tekst": f"{rij.gemeten} in {rij.periode} ({r.norm.omschrijving})",
            }
        )
    return [
        Panel(
            titel="Normen niet gehaald",
            template="dienstverlening/panels/naleving.html",
            context={"regels": regels, "aantal": len(gemist)},
            volgorde=45,
        )
    ]
