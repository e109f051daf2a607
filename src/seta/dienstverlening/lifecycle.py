"""The lifecycle of a service agreement (DVO): its states and the ONE table of actions.

Plain Python (no Django import), so the policy (``@actietabel``), the services, the API action routes, the
page's buttons and the history on the page all read the same table.

Each row says: from which state, to which state, under which action name, who acts (``pool``: the pool's
directeur or controller; ``college``: a burgemeester or wethouder of a municipality whose college must decide;
``bestuur``: a member of the body the cooperation's governance names for DVOs, the DB by default), whether the
action records a decision (``besluit``) and the button's label.

Adopting a DVO is a decision of both sides: every required college (the DVO's gemeente; for a joint DVO every
partner) records its own decision (``collegebesluit``, the state stays ``concept``), and the board's decision
(``vaststellen``) moves the DVO to ``vastgesteld`` only when all college decisions are there. A vastgesteld DVO
is never edited: ``nieuwe_versie`` makes a concept copy (volgnummer + 1) that is adopted the same way; adopting
it sets the version it replaces to ``vervangen``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# --- states ---------------------------------------------------------------------------------------------
CONCEPT = "concept"
VASTGESTELD = "vastgesteld"
VERVANGEN = "vervangen"
BEEINDIGD = "beeindigd"

STATUS_LABELS: dict[str, str] = {
    CONCEPT: "Concept",
    VASTGESTELD: "Vastgesteld",
    VERVANGEN: "Vervangen door een nieuwe versie",
    BEEINDIGD: "Beëindigd",
}
STATUSSEN: tuple[str, ...] = tuple(STATUS_LABELS)
EINDSTATUSSEN = frozenset({VERVANGEN, BEEINDIGD})

Wie = Literal["pool", "college", "bestuur"]

# --- actions ---------------------------------------------------------------------------------------------
WIJZIGEN = "wijzigen"
COLLEGEBESLUIT = "collegebesluit"
VASTSTELLEN = "vaststellen"
NIEUWE_VERSIE = "nieuwe_versie"
BEEINDIGEN = "beeindigen"


@dataclass(frozen=True)
class Overgang:
    van: str
    naar: str
    actie: str
    wie: Wie
    label: str
    besluit: bool = False  # the action records a Bestuursbesluit (orgaan, kenmerk, datum)
    # The state moves only when the condition holds (see services.adopt: every college decided).
    voorwaarde: str = ""


# THE table. The order is the order of the buttons on the DVO's page.
OVERGANGEN: tuple[Overgang, ...] = (
    Overgang(CONCEPT, CONCEPT, WIJZIGEN, "pool", "Wijzigen"),
    Overgang(CONCEPT, CONCEPT, COLLEGEBESLUIT, "college", "Besluit van het college vastleggen", besluit=True),
    Overgang(
        CONCEPT,
        VASTGESTELD,
        VASTSTELLEN,
        "bestuur",
        "Vaststellen (besluit van het bestuur)",
        besluit=True,
        voorwaarde="alle vereiste colleges hebben besloten",
    ),
    # Creates a new record (a concept, volgnummer + 1); this version stays vastgesteld until that one is adopted.
    Overgang(VASTGESTELD, VASTGESTELD, NIEUWE_VERSIE, "pool", "Nieuwe versie opstellen"),
    Overgang(
        VASTGESTELD, BEEINDIGD, BEEINDIGEN, "bestuur", "Beëindigen (besluit van het bestuur)", besluit=True
    ),
)

ACTIES: tuple[str, ...] = tuple(dict.fromkeys(o.actie for o in OVERGANGEN))
ACTIE_LABELS: dict[str, str] = {o.actie: o.label for o in OVERGANGEN}
ACTIE_WIE: dict[str, Wie] = {o.actie: o.wie for o in OVERGANGEN}
MET_BESLUIT: frozenset[str] = frozenset(o.actie for o in OVERGANGEN if o.besluit)

# History rows that are not transitions of the table (audit actions ``dvo.<naam>``).
GEBEURTENISSEN: dict[str, str] = {
    "aanmaken": "Concept opgesteld",
    "wijzigen": "Gewijzigd",
    "afspraak_toevoegen": "Dienst toegevoegd",
    "afspraak_wijzigen": "Dienst gewijzigd",
    "afspraak_verwijderen": "Dienst verwijderd",
    "escalatie_wijzigen": "Escalatieroute gewijzigd",
    "collegebesluit": "Besluit van een college vastgelegd",
    "vaststellen": "Vastgesteld",
    "nieuwe_versie": "Nieuwe versie opgesteld",
    "vervangen": "Vervangen door een nieuwe versie",
    "beeindigen": "Beëindigd",
}


def overgangen_vanuit(status: str) -> list[Overgang]:
    return [o for o in OVERGANGEN if o.van == status]


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
