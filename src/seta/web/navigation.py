"""The main menu: one list, each entry shown when its page exists and the actor may use it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from seta.autorisaties.actor import Actor


@dataclass(frozen=True)
class Menuitem:
    label: str
    url_name: str
    visible: Callable[[Actor], bool] = lambda actor: True


def _pool_of_bestuur(actor: Actor) -> bool:
    return actor.is_beheerder or bool(actor.samenwerkingsverbanden())


MENU: list[Menuitem] = [
    Menuitem("Start", "web:home"),
    Menuitem("Bestuursopdrachten", "opdrachten:lijst"),
    Menuitem("Bestuursvragen", "opdrachten:vragen"),
    Menuitem("Overleggen", "opdrachten:overleggen"),
    Menuitem("Uren", "uren:week", lambda a: a.is_pool or a.is_beheerder),
    Menuitem("Financiën", "financien:overzicht"),
    Menuitem("Samenwerkingsverbanden", "samenwerkingsverbanden:lijst"),
    Menuitem("Organisatie", "organisatie:boom"),
    Menuitem("Catalogus", "catalogus:lijst"),
    Menuitem("Mensen", "organisatie:mensen", _pool_of_bestuur),
    Menuitem("Gemeenten", "gemeenten:lijst"),
    Menuitem("Samenwerkingsscan", "scan:start"),
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
            items.append({"label": item.label, "url": url, "actief": False})
    matches = [
        i
        for i in items
        if current_path == i["url"] or (i["url"] != "/" and current_path.startswith(str(i["url"])))
    ]
    if matches:
        max(matches, key=lambda i: len(str(i["url"])))["actief"] = True
    return items
