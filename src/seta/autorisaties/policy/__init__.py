"""The one policy of SETA: who may see and do what to which record.

Every rule is registered here under an action name ``<resource>.<verb>`` (``samenwerkingsverband.lezen``,
``catalogusitem.wijzigen``, ``bestuursopdracht.opdragen`` …) and every read scope under a model label.
Services call :func:`require`; selectors call :func:`scope`; views and templates call :func:`can`.
Nothing else in the code base decides who sees what (``tests/test_architecture.py`` enforces it).

Actions offered on a record (the buttons on a page and ``toegestaneActies`` in the API) come from
:func:`toegestane_acties`, so the page and the API cannot disagree. A rule whose records must also be
listed ("which weeks can I approve", "which questions wait for my answer") registers an *action scope*
with :func:`action_scope`: the Q object of the records on which the actor may perform that action, kept
equal to the rule by ``tests/test_policy_action_scopes.py``.

Convention for HTTP: an actor who may not *read* a record gets 404 (it may not know it exists); an
actor who may read it but not perform the action gets 403. :func:`require` implements exactly that
when the read action is given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
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
            "naleving.controleren",  # the demo checks its DVOs' norms once its cases are in (issue 10)
            "plan.berekenen",  # the demo computes the BEL pool's plan (issue 11)
            "zaken.importeren",
            "zaaktypekoppeling.beheren",
            "zaaksysteem.beheren",
        }
    ),
    "import-gemeenten": frozenset({"gemeente.importeren"}),
    "import-uren": frozenset({"uren.importeren", "samenwerkingsverband.lezen"}),
    "import-zaken": frozenset({"zaken.importeren", "samenwerkingsverband.lezen"}),
    "fetch-zaken": frozenset({"zaken.ophalen", "zaken.importeren", "samenwerkingsverband.lezen"}),
    "scan-casussen": frozenset({"casus.laden"}),
    "token": frozenset(),
    # a harmonisation proposal whose last answer was a decline: the accepting colleges' result is drafted by the
    # system on their recorded decisions (the declining college may not draft for them; ADR 0049)
    "harmonisatie": frozenset({"bestuursopdracht.aanmaken"}),
}

RULES: dict[str, Rule] = {}
SCOPES: dict[str, Scope] = {}
ACTION_SCOPES: dict[str, Scope] = {}
ActieTabel = Callable[[Any], list[str]]
ACTIETABELLEN: dict[str, tuple[str, ActieTabel, dict[str, str]]] = {}
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


def action_scope(action: str) -> Callable[[Scope], Scope]:
    """Register ``fn`` as the action scope of ``action``: the records on which the actor may perform it.

    It must select exactly the records for which the rule of ``action`` says yes (the rule stays the
    authority for a single record; the scope is the same decision as a query, for lists)."""

    def decorator(fn: Scope) -> Scope:
        if action in ACTION_SCOPES:
            raise RuntimeError(f"Action scope for {action!r} registered twice")
        if action not in RULES:
            raise RuntimeError(f"Action scope for {action!r} without a rule")
        ACTION_SCOPES[action] = fn
        return fn

    return decorator


def actie_scope(actor: Actor, action: str) -> Q:
    """The Q object of the records on which ``actor`` may perform ``action`` (list counterpart of :func:`can`)."""
    try:
        fn = ACTION_SCOPES[action]
    except KeyError as exc:
        raise KeyError(f"No action scope for action {action!r}") from exc
    if actor.user is None:
        return NOTHING
    return fn(actor)


def actietabel(
    model_label: str, resource: str, *, regels: dict[str, str] | None = None
) -> Callable[[ActieTabel], ActieTabel]:
    """Register ``fn(obj)`` as the action table of a stateful model: the verbs that the record's *state*
    allows now, in the order the page shows them. Who may is the rule ``<resource>.<verb>``, or the
    rule named in ``regels`` for a verb that shares one (``{"nieuwe-versie": "verdeelmodel.opstellen"}``)."""

    def decorator(fn: ActieTabel) -> ActieTabel:
        ACTIETABELLEN[model_label.lower()] = (resource, fn, dict(regels or {}))
        return fn

    return decorator


def toegestane_acties(
    actor: Actor, obj: Any, acties: Iterable[str] | None = None, *, prefix: str = ""
) -> list[str]:
    """The actions (bare verbs, in order) that ``actor`` may perform on ``obj`` now.

    The one source of the buttons on a record's page and of ``toegestaneActies`` in the API. Without
    ``acties`` the candidates come from the model's action table (:func:`actietabel`); with them,
    ``prefix`` is the resource (``"bestuursopdracht."``) of the bare verbs."""
    namen: dict[str, str] = {}
    if acties is None:
        resource, tabel, namen = ACTIETABELLEN[obj._meta.label_lower]
        acties, prefix = tabel(obj), f"{resource}."
    return [actie for actie in acties if can(actor, namen.get(actie, f"{prefix}{actie}"), obj)]


# Rule modules register themselves on import; keep this list complete.
from seta.autorisaties.policy import (  # noqa: E402
    basis,
    bestuur,
    dienstverlening,
    financien,
    harmonisatie,
    herhaling,
    nacalculatie,
    naleving,
    opdrachten,
    organisatie,
    plan,
    planning,
    rapportage,
    register,
    samenwerkingsverbanden,
    scan,
    signalen,
    watals,
    zaken,
)

__all__ = [
    "SYSTEM_ACTIONS",
    "actie_scope",
    "actietabel",
    "action_scope",
    "basis",
    "bestuur",
    "can",
    "dienstverlening",
    "financien",
    "harmonisatie",
    "herhaling",
    "nacalculatie",
    "naleving",
    "opdrachten",
    "organisatie",
    "plan",
    "planning",
    "rapportage",
    "read_scope",
    "register",
    "require",
    "rule",
    "samenwerkingsverbanden",
    "scan",
    "scope",
    "signalen",
    "toegestane_acties",
    "watals",
    "zaken",
]
