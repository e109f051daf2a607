"""The lifecycle of the planning rules (``Planningsregels``): its states and the ONE table of actions.

Plain Python (no Django import), so the policy (``@actietabel``), the services, the API action routes, the
page's buttons and the history all read the same table.

The rules are the board's: the pool's directeur or controller drafts them (``pool``), the body the cooperation's
governance names for ``planningsregels`` (the DB by default) adopts them with a recorded decision (``bestuur``).
Adopted rules are never edited: ``nieuwe_versie`` makes a concept copy (volgnummer + 1); adopting it sets the
version it replaces to ``vervangen``. At most one version per cooperation and year is ``vastgesteld``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

CONCEPT = "concept"
VASTGESTELD = "vastgesteld"
VERVANGEN = "vervangen"

STATUS_LABELS: dict[str, str] = {
    CONCEPT: "Concept",
    VASTGESTELD: "Vastgesteld",
    VERVANGEN: "Vervangen door een nieuwe versie",
}
STATUSSEN: tuple[str, ...] = tuple(STATUS_LABELS)
EINDSTATUSSEN = frozenset({VERVANGEN})

Wie = Literal["pool", "bestuur"]

WIJZIGEN = "wijzigen"
VASTSTELLEN = "vaststellen"
NIEUWE_VERSIE = "nieuwe_versie"


@dataclass(frozen=True)
class Overgang:
    van: str
    naar: str
    actie: str
    wie: Wie
    label: str
    besluit: bool = False  # the action records a Bestuursbesluit (orgaan, kenmerk, datum)


# THE table. The order is the order of the buttons on the rules' page.
OVERGANGEN: tuple[Overgang, ...] = (
    Overgang(CONCEPT, CONCEPT, WIJZIGEN, "pool", "Wijzigen"),
    Overgang(
        CONCEPT, VASTGESTELD, VASTSTELLEN, "bestuur", "Vaststellen (besluit van het bestuur)", besluit=True
    ),
    Overgang(VASTGESTELD, VASTGESTELD, NIEUWE_VERSIE, "pool", "Nieuwe versie opstellen"),
)

ACTIES: tuple[str, ...] = tuple(dict.fromkeys(o.actie for o in OVERGANGEN))
ACTIE_LABELS: dict[str, str] = {o.actie: o.label for o in OVERGANGEN}
ACTIE_WIE: dict[str, Wie] = {o.actie: o.wie for o in OVERGANGEN}
MET_BESLUIT: frozenset[str] = frozenset(o.actie for o in OVERGANGEN if o.besluit)

# History rows (audit actions ``planningsregels.<naam>``), including those that are not transitions.
GEBEURTENISSEN: dict[str, str] = {
    "aanmaken": "Concept opgesteld",
    "wijzigen": "Gewijzigd",
    "vaststellen": "Vastgesteld",
    "nieuwe_versie": "Nieuwe versie opgesteld",
    "vervangen": "Vervangen door een nieuwe versie",
}


def overgangen_vanuit(status: str) -> tuple[Overgang, ...]:
    return tuple(o for o in OVERGANGEN if o.van == status)


def overgang(status: str, actie: str) -> Overgang | None:
    return next((o for o in OVERGANGEN if o.van == status and o.actie == actie), None)


def acties_vanuit(status: str) -> list[str]:
    return [o.actie for o in overgangen_vanuit(status)]


def url_deel(actie: str) -> str:
    """The action's path segment in the API and on the pages (kebab-case: ``nieuwe-versie``)."""
    return actie.replace("_", "-")


def bereikbaar() -> set[str]:
    """Every state reachable from concept (``vervangen`` through adopting a successor)."""
    seen = {CONCEPT}
    stack = [CONCEPT]
    while stack:
        s = stack.pop()
        for o in OVERGANGEN:
            if o.van == s and o.naar not in seen:
                seen.add(o.naar)
                stack.append(o.naar)
    if VASTGESTELD in seen:
        seen.add(VERVANGEN)  # the previous version, when its successor is adopted
    return seen
