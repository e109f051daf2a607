"""The main menu: one list, each entry shown when its page exists and the actor may use it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor


@dataclass(frozen=True)
class Menuitem:
    label: Any  # a lazily translated string
    url_name: str
    visible: Callable[[Actor], bool] = lambda actor: True
    # The label with a figure for this actor (e.g. "Signalen (3)"), computed only when the item is visible.
    label_for: Callable[[Actor], str] | None = None


def _financien(actor: Actor) -> bool:
    return policy.can(actor, "financien.lezen", None)


def _pool_of_bestuur(actor: Actor) -> bool:
    from seta.autorisaties.policy.organisatie import personeel_sv_ids

    sv_ids = personeel_sv_ids(actor)
    return sv_ids is None or bool(sv_ids)


def _uren(actor: Actor) -> bool:
    from seta.autorisaties.policy.financien import ziet_uren

    return ziet_uren(actor)


def _signalen(actor: Actor) -> bool:
    from seta.autorisaties.policy.signalen import heeft_signalen

    return heeft_signalen(actor)


def _signalen_label(actor: Actor) -> str:
    from seta.signalen.selectors import open_signalen_for

    aantal = open_signalen_for(actor).count()
    return f"{_('Signalen')} ({aantal})" if aantal else str(_("Signalen"))


def _dienstverlening(actor: Actor) -> bool:
    return policy.can(actor, "dvo.lezen", None)


def _rapportages(actor: Actor) -> bool:
    return actor.user_id is not None and policy.can(actor, "raadsrapportage.lezen", None)


def _planning(actor: Actor) -> bool:
    return policy.can(actor, "planningsregels.lezen", None) or policy.can(actor, "capaciteit.lezen", None)


# --- harmonisatie (issue 13): the variant map, for the pool's leaders and the board
def _variantenkaart(actor: Actor) -> bool:
    return policy.can(actor, "variantenkaart.lezen", None)


# --- end harmonisatie


MENU: list[Menuitem] = [
    Menuitem(_("Start"), "web:home"),
    Menuitem(_("Signalen"), "signalen:lijst", _signalen, _signalen_label),
    Menuitem(_("Bestuursopdrachten"), "opdrachten:lijst"),
    Menuitem(_("Bestuursvragen"), "opdrachten:vragen"),
    Menuitem(_("Overleggen"), "opdrachten:overleggen"),
    Menuitem(_("Uren"), "uren:week", _uren),
    Menuitem(_("Financiën"), "financien:overzicht", _financien),
    Menuitem(_("Dienstverlening"), "dienstverlening:dvo_lijst", _dienstverlening),
    Menuitem(_("Planning"), "planning:index", _planning),
    Menuitem(_("Raadsrapportages"), "rapportage:lijst", _rapportages),
    Menuitem(_("Samenwerkingsverbanden"), "samenwerkingsverbanden:lijst"),
    Menuitem(_("Organisatie"), "organisatie:boom"),
    Menuitem(_("Catalogus"), "catalogus:lijst"),
    # harmonisatie (issue 13): the variant map
    Menuitem(_("Variantenkaart"), "harmonisatie:variantenkaarten", _variantenkaart),
    Menuitem(_("Mensen"), "organisatie:mensen", _pool_of_bestuur),
    Menuitem(_("Gemeenten"), "gemeenten:lijst"),
    Menuitem(_("Samenwerkingsscan"), "scan:start"),
]


def menu_for(actor: Actor, current_path: str) -> list[dict[str, object]]:
    """The visible menu items; the one whose URL is the longest prefix of the current path is current."""
    items: list[dict[str, object]] = []
    for item in MENU:
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        if item.visible(actor):
            label = item.label_for(actor) if item.label_for is not None else str(item.label)
            items.append({"label": label, "url": url, "actief": False})
    matches = [
        i
        for i in items
        if current_path == i["url"] or (i["url"] != "/" and current_path.startswith(str(i["url"])))
    ]
    if matches:
        max(matches, key=lambda i: len(str(i["url"])))["actief"] = True
    return items
