"""The one policy of SETA: who may see and do what to which record.

Every rule is registered here under an action name ``<resource>.<verb>`` (``samenwerkingsverband.lezen``,
``catalogusitem.wijzigen``, ``bestuursopdracht.opdragen`` …) and every read scope under a model label.
Services call :func:`require`; selectors call :func:`scope`; views and templates call :func:`can`.
Nothing else in the code base decides who sees what.

Convention for HTTP: an actor who may not *read* a record gets 404 (it may not know it exists); an
actor who may read it but not perform the action gets 403. :func:`require` implements exactly that
when the read action is given.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q

from seta.autorisaties.actor import Actor
from seta.core.errors import Forbidden, NotFound

Rule = Callable[[Actor, Any], bool]
Scope = Callable[[Actor], Q]

# The system actor (``actor.system_actor(reden)``: the command line run by the operator on the server,
# the demo builder) is a trusted channel, not a person. It may do exactly these actions per channel,
# and reads everything (``scope``): the operator on the server can read the database anyway. Each of
# its writes is audited as ``systeem:<reden>``. A channel not listed here may do nothing.
SYSTEM_ACTIONS: dict[str, frozenset[str]] = {
    "demo": frozenset(
        {
            "gemeente.importeren",
            "samenwerkingsverband.aanmaken",
            "samenwerkingsverband.lezen",
            "samenwerkingsverband.wijzigen",
            "taakgebied.aanmaken",
            "casus.laden",
        }
    ),
    "import-gemeenten": frozenset({"gemeente.importeren"}),
    "import-uren": frozenset({"uren.importeren", "samenwerkingsverband.lezen"}),
    "scan-casussen": frozenset({"casus.laden"}),
    "token": frozenset(),
}

RULES: dict[str, Rule] = {}
SCOPES: dict[str, Scope] = {}
NOTHING = Q(pk__in=[])
EVERYTHING = Q()


def rule(*actions: str) -> Callable[[Rule], Rule]:
    """Register ``fn`` as the rule for each of ``actions``."""

    def decorator(fn: Rule) -> Rule:
        for action in actions:
            if action in RULES:
                raise RuntimeError(f"Rule for {action!r} registered twice")
            RULES[action] = fn
        return fn

    return decorator


def read_scope(model_label: str) -> Callable[[Scope], Scope]:
    """Register ``fn`` as the read scope (a Q object) of the model ``app_label.ModelName``."""

    def decorator(fn: Scope) -> Scope:
        SCOPES[model_label.lower()] = fn
        return fn

    return decorator


def can(actor: Actor, action: str, obj: Any = None) -> bool:
    """Whether ``actor`` may perform ``action`` on ``obj`` (for a create: on the parent record)."""
    try:
        fn = RULES[action]
    except KeyError as exc:  # an unknown action is a programming error, never a silent yes
        raise KeyError(f"No policy rule for action {action!r}") from exc
    if actor.is_systeem:
        return action in SYSTEM_ACTIONS.get(actor.systeem, frozenset())
    if actor.user is None:
        return False
    return bool(fn(actor, obj))


def require(actor: Actor, action: str, obj: Any = None, *, read_action: str | None = None) -> None:
    """Raise unless ``actor`` may perform ``action``: NotFound if it may not even read ``obj``."""
    if read_action is not None and not can(actor, read_action, obj):
        raise NotFound()
    if not can(actor, action, obj):
        raise Forbidden()


def scope(actor: Actor, model_label: str) -> Q:
    """The Q object restricting ``model_label`` to what ``actor`` may read."""
    if actor.is_systeem:
        return EVERYTHING
    if actor.user is None:
        return NOTHING
    return SCOPES[model_label.lower()](actor)


# Rule modules register themselves on import; keep this list complete.
from seta.autorisaties.policy import (  # noqa: E402
    basis,
    financien,
    opdrachten,
    organisatie,
    samenwerkingsverbanden,
    scan,
)

__all__ = [
    "SYSTEM_ACTIONS",
    "basis",
    "can",
    "financien",
    "opdrachten",
    "organisatie",
    "read_scope",
    "require",
    "rule",
    "samenwerkingsverbanden",
    "scan",
    "scope",
]
