"""Home-page panels of the council reports (see seta.web.home): for whoever works for a municipality (raadslid,
college, secretaris) the newest report sent to its council, with the joint one; for those who read concepts (the
pool's directeur and controller, the college and the secretaris of the municipality, the board for the joint
report) the open concepts. Who reads what is the policy's scope (``selectors.rapportages_for``)."""

from __future__ import annotations

from typing import Any

from seta.autorisaties.actor import Actor
from seta.autorisaties.policy.opdrachten import eigen_gemeente_ids
from seta.rapportage import lifecycle, selectors
from seta.web.home import Panel

MAX = 6


def panels(actor: Actor) -> list[Panel]:
    if actor.user is None or actor.is_systeem:
        return []
    result: list[Panel] = []
    leesbaar = selectors.rapportages_for(actor).select_related("samenwerkingsverband", "gemeente", "besluit")
    eigen = eigen_gemeente_ids(actor)
    if eigen:
        nieuwste: list[Any] = []
        gezien: set[tuple[int, str]] = set()
        eigen_rapportages = leesbaar.filter(status=lifecycle.AANGEBODEN, gemeente_id__in=eigen)
        sv_ids = set(eigen_rapportages.values_list("samenwerkingsverband_id", flat=True))
        kandidaten = list(eigen_rapportages.order_by("-jaar", "-eind", "-volgnummer")[:50]) + list(
            leesbaar.filter(
                status=lifecycle.AANGEBODEN, gemeente__isnull=True, samenwerkingsverband_id__in=sv_ids
            ).order_by("-jaar", "-eind", "-volgnummer")[:10]
        )
        for r in kandidaten:
            sleutel = (r.samenwerkingsverband_id, r.ontvanger)
            if sleutel not in gezien:
                gezien.add(sleutel)
                nieuwste.append(r)
        if nieuwste:
            result.append(
                Panel(
                    titel="Nieuwste raadsrapportage",
                    template="rapportage/panels/nieuwste.html",
                    context={"rapportages": nieuwste[:MAX]},
                    volgorde=30,
                )
            )
    concepten = list(leesbaar.filter(status=lifecycle.CONCEPT).order_by("-jaar", "-eind", "pk")[: MAX + 1])
    if concepten:
        result.append(
            Panel(
                titel="Raadsrapportages in voorbereiding",
                template="rapportage/panels/concepten.html",
                context={"concepten": concepten[:MAX], "meer": len(concepten) > MAX},
                volgorde=31,
            )
        )
    return result
