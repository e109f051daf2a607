"""Foundation panels: who you are, your municipality, your cooperation and your unit."""

from __future__ import annotations

from django.utils.translation import gettext as _

from seta.autorisaties.actor import Actor
from seta.autorisaties.policy.werkterrein import werkterrein
from seta.gemeenten import selectors as gemeente_selectors
from seta.organisatie import selectors as organisatie_selectors
from seta.samenwerkingsverbanden import selectors as sv_selectors
from seta.web.home import Panel


def panels(actor: Actor) -> list[Panel]:
    result: list[Panel] = []
    terrein = werkterrein(actor)
    gemeente_ids = terrein.gemeenten
    if gemeente_ids:
        gemeenten = list(gemeente_selectors.gemeenten_for(actor).filter(pk__in=gemeente_ids))
        result.append(
            Panel(
                titel=_("Mijn gemeente"),
                template="web/panels/gemeente.html",
                context={
                    "gemeenten": gemeenten,
                    "rollen": list(terrein.gemeenterollen),
                },
                volgorde=10,
            )
        )
    verbanden = list(sv_selectors.samenwerkingsverbanden_for(actor).prefetch_related("deelnemers__gemeente"))
    if verbanden:
        result.append(
            Panel(
                titel=_("Samenwerkingsverbanden"),
                template="web/panels/verbanden.html",
                context={"verbanden": verbanden},
                volgorde=20,
            )
        )
    if terrein.pool:
        eenheid_ids = terrein.eenheden
        eenheden = list(organisatie_selectors.eenheden_for(actor).filter(pk__in=eenheid_ids))
        result.append(
            Panel(
                titel=_("Mijn eenheid"),
                template="web/panels/eenheid.html",
                context={"eenheden": eenheden},
                volgorde=30,
            )
        )
    return result
