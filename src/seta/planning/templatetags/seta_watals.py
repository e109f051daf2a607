"""``{% watals_link opdracht %}``: on an assignment's page in concept or intake (not yet in the plan), the link
"Wat als deze opdracht wordt opgedragen?" to the what-if, pre-filled from the assignment's estimate, unit,
deadline, priority and principals. Shown only to whoever may try that change (policy ``plan.wat_als``)."""

from __future__ import annotations

from typing import Any

from django import template

from seta.autorisaties.actor import actor_for
from seta.planning import selectors_watals

register = template.Library()


@register.inclusion_tag("planning/_watals_link.html", takes_context=True)
def watals_link(context: template.Context, opdracht: Any) -> dict[str, Any]:
    request = context.get("request")
    if request is None or opdracht is None or not getattr(request.user, "is_authenticated", False):
        return {"opdracht": None}
    if not selectors_watals.mag_voorstel(actor_for(request.user), opdracht):
        return {"opdracht": None}
    return {"opdracht": opdracht}


@register.inclusion_tag("planning/_watals_plan_link.html", takes_context=True)
def watals_plan_link(context: template.Context, samenwerkingsverband: Any) -> dict[str, Any]:
    """On the plan's pages: "Wat als …?" for whoever may try something in this cooperation."""
    request = context.get("request")
    if (
        request is None
        or samenwerkingsverband is None
        or not getattr(request.user, "is_authenticated", False)
    ):
        return {"sv": None}
    if not selectors_watals.mag_watals_in(actor_for(request.user), samenwerkingsverband):
        return {"sv": None}
    return {"sv": samenwerkingsverband}
