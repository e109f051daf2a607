from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from seta.autorisaties.actor import actor_for
from seta.web.navigation import menu_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    actor = actor_for(user)
    return {"actor": actor, "actor_rollen": actor.rollen_labels, "navigatie": menu_for(actor, request.path)}
