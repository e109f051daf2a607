"""The lifecycle of a council report (``Raadsrapportage``): its states and the ONE table of actions.

Plain Python (no Django import), so the policy (``@actietabel``), the services, the API action routes, the page's
buttons and the history all read the same table.

A report is drafted by the pool (``pool``: its directeur or controller). While it is a concept its figures are
computed from the database on every read; the pool's directeur writes the pool's explanation and the
gemeentesecretaris of the municipality writes the municipality's (``secretaris``). ``aanbieden`` freezes it: the
college of the municipality decides to send it to the council (a recorded college decision), or, for the joint
report of all partners, the body the governance names for ``raadsrapportage`` (the AB by default) adopts it. The
frozen report is a stored document (its figures as JSON and its PDF, with the SHA-256 of both), never edited:
``corrigeren`` makes a concept copy (volgnummer + 1); sending that one sets the version it corrects to
``vervangen``. At most one version per cooperation, municipality and period is ``aangeboden``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

CONCEPT = "concept"
AANGEBODEN = "aangeboden"
VERVANGEN = "vervangen"

STATUS_LABELS: dict[str, str] = {
    CONCEPT: "Concept",
    AANGEBODEN: "Aangeboden aan de raad",
    VERVANGEN: "Vervangen door een gecorrigeerde versie",
}
STATUSSEN: tuple[str, ...] = tuple(STATUS_LABELS)
EINDSTATUSSEN = frozenset({VERVANGEN})
#: States whose content is frozen (stored JSON and PDF): what the council got.
BEVROREN = frozenset({AANGEBODEN, VERVANGEN})

# Who acts: the pool drafts and corrects; the gemeentesecretaris writes the municipality's explanation; the
# ``opdrachtgever`` is the municipality's college (a municipality's report) or the deciding board (the joint one).
Wie = Literal["pool", "directeur", "secretaris", "opdrachtgever"]

TOELICHTEN_POOL = "toelichten_pool"
TOELICHTEN_GEMEENTE = "toelichten_gemeente"
AANBIEDEN = "aanbieden"
CORRIGEREN = "corrigeren"


@dataclass(frozen=True)
class Overgang:
    van: str
    naar: str
    actie: str
    wie: Wie
    label: str
    besluit: bool = False  # the action records a decision (college or board: kenmerk, datum)
    alleen_gemeente: bool = False  # only on a municipality's report (not on the joint one)


# THE table. The order is the order of the buttons on the report's page.
OVERGANGEN: tuple[Overgang, ...] = (
    Overgang(CONCEPT, CONCEPT, TOELICHTEN_POOL, "directeur", "Toelichting van de werkorganisatie schrijven"),
    Overgang(
        CONCEPT,
        CONCEPT,
        TOELICHTEN_GEMEENTE,
        "secretaris",
        "Toelichting van de gemeentesecretaris schrijven",
        alleen_gemeente=True,
    ),
    Overgang(
        CONCEPT, AANGEBODEN, AANBIEDEN, "opdrachtgever", "Aanbieden aan de raad (besluit)", besluit=True
    ),
    Overgang(AANGEBODEN, AANGEBODEN, CORRIGEREN, "pool", "Gecorrigeerde versie opstellen"),
)

ACTIES: tuple[str, ...] = tuple(dict.fromkeys(o.actie for o in OVERGANGEN))
ACTIE_LABELS: dict[str, str] = {o.actie: o.label for o in OVERGANGEN}
ACTIE_WIE: dict[str, Wie] = {o.actie: o.wie for o in OVERGANGEN}
MET_BESLUIT: frozenset[str] = frozenset(o.actie for o in OVERGANGEN if o.besluit)

# History rows (audit actions ``raadsrapportage.<naam>``), including those that are not transitions.
GEBEURTENISSEN: dict[str, str] = {
    "opstellen": "Concept opgesteld",
    TOELICHTEN_POOL: "Toelichting van de werkorganisatie gewijzigd",
    TOELICHTEN_GEMEENTE: "Toelichting van de gemeentesecretaris gewijzigd",
    AANBIEDEN: "Aangeboden aan de raad en vastgelegd",
    CORRIGEREN: "Gecorrigeerde versie opgesteld",
    "vervangen": "Vervangen door een gecorrigeerde versie",
}


def overgangen_vanuit(status: str, *, gezamenlijk: bool = False) -> tuple[Overgang, ...]:
    return tuple(o for o in OVERGANGEN if o.van == status and not (gezamenlijk and o.alleen_gemeente))


def overgang(status: str, actie: str, *, gezamenlijk: bool = False) -> Overgang | None:
    return next((o for o in overgangen_vanuit(status, gezamenlijk=gezamenlijk) if o.actie == actie), None)


def acties_vanuit(status: str, *, gezamenlijk: bool = False) -> list[str]:
    return [o.actie for o in overgangen_vanuit(status, gezamenlijk=gezamenlijk)]


def url_deel(actie: str) -> str:
    """The action's path segment in the API and on the pages (kebab-case: ``toelichten-pool``)."""
    return actie.replace("_", "-")
