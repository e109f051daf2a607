"""``{% herhalingsvoordeel item %}``: the repetition advantage of a catalogue item, for the pool where it estimates
(the assignment's "ramen" form, the catalogue item's page). Other apps' templates load it by name, so their
views need not know about it; it reads through ``nacalculatie.herhaling`` (policy ``herhalingsvoordeel.lezen``)
and shows nothing to whoever may not see it."""

from __future__ import annotations

from typing import Any

from django import template

from seta.autorisaties.actor import actor_for
from seta.nacalculatie import herhaling

register = template.Library()


@register.inclusion_tag("nacalculatie/_herhalingsvoordeel.html", takes_context=True)
def herhalingsvoordeel(context: template.Context, catalogusitem: Any, kop: bool = False) -> dict[str, Any]:
    request = context.get("request")
    if request is None or catalogusitem is None or not getattr(request.user, "is_authenticated", False):
        return {"voordeel": None}
    actor = actor_for(request.user)
    if not herhaling.mag_zien(actor, catalogusitem):
        return {"voordeel": None}
    return {"voordeel": herhaling.herhalingsvoordeel_for(actor, catalogusitem), "kop": kop}
