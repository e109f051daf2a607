"""The lifecycle of a bestuursopdracht: states and the ONE table of allowed transitions.

Plain Python (no Django import), so the policy, the services, the API, the pages, the demo and the
documentation all read the same table.

Each row says: from which state, to which state, under which action name, on which side the actor
stands (``gemeente``: the commissioning municipality; ``pool``: the werkorganisatie) and which roles
of that side may make it:

- ``college``: a college member of a commissioning municipality (its burgemeester, or the wethouder
  who holds the portfolio the assignment belongs to). This is political primacy: only they decide.
- ``directeur``: the directeur of the pool that carries the assignment out.
- ``teamleider``: the teamleider of the carrying unit (or a unit above it).
- ``medewerker``: a medewerker of the carrying unit.

Rows with ``gezamenlijk=True`` are decisions every co-principal of a joint assignment takes for itself:
the state moves only when every active opdrachtgever has agreed (see ``services.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# --- states ---------------------------------------------------------------------------------------------
CONCEPT = "concept"
OPGEDRAGEN = "opgedragen"
INTAKE = "intake"
AKKOORD = "akkoord"
IN_UITVOERING = "in_uitvoering"
OPGELEVERD = "opgeleverd"
VASTGESTELD = "vastgesteld"
TERUG = "terug"
AANGEHOUDEN = "aangehouden"
GEANNULEERD = "geannuleerd"

STATUS_LABELS: dict[str, str] = {
    CONCEPT: "Concept",
    OPGEDRAGEN: "Opgedragen",
    INTAKE: "Intake",
    AKKOORD: "Akkoord",
    IN_UITVOERING: "In uitvoering",
    OPGELEVERD: "Opgeleverd",
    VASTGESTELD: "Vastgesteld",
    TERUG: "Teruggestuurd",
    AANGEHOUDEN: "Aangehouden",
    GEANNULEERD: "Geannuleerd",
}
STATUSSEN: tuple[str, ...] = tuple(STATUS_LABELS)
EINDSTATUSSEN = frozenset({VASTGESTELD, GEANNULEERD})
# States in which the pool is (or will soon be) working on the assignment.
LOPEND = frozenset({OPGEDRAGEN, INTAKE, AKKOORD, IN_UITVOERING, OPGELEVERD, TERUG, AANGEHOUDEN})
# States that can be put on hold (and resumed back into).
AANHOUDBAAR = (OPGEDRAGEN, INTAKE, AKKOORD, IN_UITVOERING, TERUG)
ANNULEERBAAR = (CONCEPT, OPGEDRAGEN, INTAKE, AKKOORD, IN_UITVOERING, OPGELEVERD, TERUG, AANGEHOUDEN)

Kant = Literal["gemeente", "pool"]

# --- role specifications ----------------------------------------------------------------------------------
COLLEGE = "college"
DIRECTEUR = "directeur"
TEAMLEIDER = "teamleider"
MEDEWERKER = "medewerker"
POOL_LEIDING = frozenset({DIRECTEUR, TEAMLEIDER})


@dataclass(frozen=True)
class Overgang:
    van: str
    naar: str
    actie: str
    kant: Kant
    rollen: frozenset[str]
    label: str
    gezamenlijk: bool = False  # every co-principal decides for itself
    reden_verplicht: bool = False
    # The college must confirm it saw that the estimate exceeds the frame (stored on the history row).
    overschrijding_bevestigen: bool = False


def _rij(
    van: str,
    naar: str,
    actie: str,
    kant: Kant,
    rollen: frozenset[str],
    label: str,
    *,
    gezamenlijk: bool = False,
    reden_verplicht: bool = False,
    overschrijding_bevestigen: bool = False,
) -> Overgang:
    return Overgang(
        van, naar, actie, kant, rollen, label, gezamenlijk, reden_verplicht, overschrijding_bevestigen
    )


_COLLEGE = frozenset({COLLEGE})
_POOL = POOL_LEIDING
_POOL_ALLEN = frozenset({DIRECTEUR, TEAMLEIDER, MEDEWERKER})

# THE table. The order is the order of the buttons on the assignment page.
OVERGANGEN: tuple[Overgang, ...] = (
    _rij(
        CONCEPT,
        OPGEDRAGEN,
        "opdragen",
        "gemeente",
        _COLLEGE,
        "Opdragen aan de werkorganisatie",
        gezamenlijk=True,
    ),
    _rij(OPGEDRAGEN, INTAKE, "intake", "pool", _POOL, "In intake nemen"),
    _rij(INTAKE, INTAKE, "ramen", "pool", _POOL, "Raming vastleggen"),
    _rij(
        INTAKE,
        AKKOORD,
        "akkoord",
        "gemeente",
        _COLLEGE,
        "Akkoord geven op de raming",
        gezamenlijk=True,
        overschrijding_bevestigen=True,
    ),
    _rij(AKKOORD, IN_UITVOERING, "starten", "pool", _POOL, "Uitvoering starten"),
    _rij(
        IN_UITVOERING,
        IN_UITVOERING,
        "voortgang",
        "pool",
        _POOL_ALLEN,
        "Voortgang rapporteren",
        reden_verplicht=True,
    ),
    _rij(IN_UITVOERING, OPGELEVERD, "opleveren", "pool", _POOL, "Opleveren"),
    _rij(OPGELEVERD, VASTGESTELD, "vaststellen", "gemeente", _COLLEGE, "Vaststellen", gezamenlijk=True),
    _rij(
        OPGELEVERD,
        TERUG,
        "terugsturen",
        "gemeente",
        _COLLEGE,
        "Terugsturen voor herstel",
        reden_verplicht=True,
    ),
    _rij(TERUG, IN_UITVOERING, "herstarten", "pool", _POOL, "Herstel starten"),
    *(
        _rij(van, AANGEHOUDEN, "aanhouden", "gemeente", _COLLEGE, "Aanhouden", reden_verplicht=True)
        for van in AANHOUDBAAR
    ),
    *(_rij(AANGEHOUDEN, naar, "hervatten", "gemeente", _COLLEGE, "Hervatten") for naar in AANHOUDBAAR),
    *(
        _rij(van, GEANNULEERD, "annuleren", "gemeente", _COLLEGE, "Annuleren", reden_verplicht=True)
        for van in ANNULEERBAAR
    ),
)

ACTIES: tuple[str, ...] = tuple(dict.fromkeys(o.actie for o in OVERGANGEN))
ACTIE_LABELS: dict[str, str] = {o.actie: o.label for o in OVERGANGEN}
ACTIE_KANT: dict[str, Kant] = {o.actie: o.kant for o in OVERGANGEN}
ACTIE_ROLLEN: dict[str, frozenset[str]] = {o.actie: o.rollen for o in OVERGANGEN}
GEZAMENLIJK: frozenset[str] = frozenset(o.actie for o in OVERGANGEN if o.gezamenlijk)
REDEN_VERPLICHT: frozenset[str] = frozenset(o.actie for o in OVERGANGEN if o.reden_verplicht)
OVERSCHRIJDING_BEVESTIGEN: frozenset[str] = frozenset(
    o.actie for o in OVERGANGEN if o.overschrijding_bevestigen
)


# --- frame changes ----------------------------------------------------------------------------------------------
# History rows that are not transitions: the frames (kaders) changed. Each records every changed field before and
# after, and voids the consents given so far to a pending joint decision (GEZAMENLIJK): every principal decides
# again on the frames as they now are.
AANSCHERPEN = "aanscherpen"  # the drafters sharpen a concept (PATCH …/{id})
WIJZIGING_TOEPASSEN = "wijziging_toepassen"  # an approved change request is applied
KADERWIJZIGINGEN: dict[str, str] = {
    AANSCHERPEN: "Kaders aangescherpt",
    WIJZIGING_TOEPASSEN: "Wijzigingsverzoek toegepast op de kaders",
}


def overgangen_vanuit(status: str) -> list[Overgang]:
    """The rows that start in ``status`` (one per action; ``hervatten`` is resolved by the service)."""
    seen: dict[str, Overgang] = {}
    for o in OVERGANGEN:
        if o.van == status and o.actie not in seen:
            seen[o.actie] = o
    return list(seen.values())


def overgang(status: str, actie: str, *, naar: str | None = None) -> Overgang | None:
    """The row for ``actie`` from ``status`` (and to ``naar`` when the action has several targets)."""
    for o in OVERGANGEN:
        if o.van == status and o.actie == actie and (naar is None or o.naar == naar):
            return o
    return None


def acties_vanuit(status: str) -> list[str]:
    return [o.actie for o in overgangen_vanuit(status)]


def bereikbaar() -> set[str]:
    """Every state reachable from concept (used by a test: no dead states in the table)."""
    seen = {CONCEPT}
    stack = [CONCEPT]
    while stack:
        s = stack.pop()
        for o in OVERGANGEN:
            if o.van == s and o.naar not in seen:
                seen.add(o.naar)
                stack.append(o.naar)
    return seen
