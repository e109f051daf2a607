"""The lifecycle of a harmonisation proposal (``Harmonisatievoorstel``) and of each college's answer
(``Voorstelpartij``): the states and the ONE table of actions of each.

Plain Python (no Django import), so the policy (``@actietabel``), the services, the API action routes, the page's
buttons and the history all read the same tables.

The pool's directeur or a teamleider drafts a proposal from a set of similar orders ("wilt u niet ook…?") and sends
it to the colleges concerned. Each college answers for itself (political primacy): ``aanvaarden`` or
``afwijzen``; declining is always possible and costs nothing. When every college has answered the proposal is
``afgerond``: with two or more acceptances a *joint* proposal becomes one joint assignment (a concept the colleges
commission in the usual way), a *parallel* one becomes linked assignments, one per accepting municipality (its own
existing order where it has one, else a new concept). The pool may withdraw a proposal that is not yet
``afgerond`` (``intrekken``) and put a sent one on a joint portfolio meeting's agenda (``agenderen``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# --- the proposal ------------------------------------------------------------------------------------------------
CONCEPT = "concept"
VERZONDEN = "verzonden"
AFGEROND = "afgerond"
INGETROKKEN = "ingetrokken"

STATUS_LABELS: dict[str, str] = {
    CONCEPT: "Concept",
    VERZONDEN: "Verzonden aan de colleges",
    AFGEROND: "Afgerond: alle colleges hebben besloten",
    INGETROKKEN: "Ingetrokken",
}
STATUSSEN: tuple[str, ...] = tuple(STATUS_LABELS)
EINDSTATUSSEN = frozenset({AFGEROND, INGETROKKEN})

# Who acts: ``pool`` is the cooperation's directeur or a teamleider; ``college`` the college of a partij
# (its burgemeester, or the wethouder holding the partij's portfolio).
Wie = Literal["pool", "college"]

WIJZIGEN = "wijzigen"
VERZENDEN = "verzenden"
AGENDEREN = "agenderen"
INTREKKEN = "intrekken"


@dataclass(frozen=True)
class Overgang:
    van: str
    naar: str
    actie: str
    wie: Wie
    label: str
    bevestigen: bool = False  # the button asks for confirmation (a destructive or final step)


# THE table of the proposal. The order is the order of the buttons on its page.
OVERGANGEN: tuple[Overgang, ...] = (
    Overgang(CONCEPT, CONCEPT, WIJZIGEN, "pool", "Voorstel bewerken"),
    Overgang(CONCEPT, VERZONDEN, VERZENDEN, "pool", "Verzenden aan de colleges"),
    Overgang(VERZONDEN, VERZONDEN, AGENDEREN, "pool", "Agenderen in een gezamenlijk overleg"),
    Overgang(CONCEPT, INGETROKKEN, INTREKKEN, "pool", "Intrekken", bevestigen=True),
    Overgang(VERZONDEN, INGETROKKEN, INTREKKEN, "pool", "Intrekken", bevestigen=True),
)

ACTIES: tuple[str, ...] = tuple(dict.fromkeys(o.actie for o in OVERGANGEN))
ACTIE_LABELS: dict[str, str] = {o.actie: o.label for o in OVERGANGEN}
ACTIE_WIE: dict[str, Wie] = {o.actie: o.wie for o in OVERGANGEN}


def acties_in(status: str) -> list[str]:
    """The proposal's verbs that its state allows now, in table order."""
    return list(dict.fromkeys(o.actie for o in OVERGANGEN if o.van == status))


def overgang(status: str, actie: str) -> Overgang | None:
    return next((o for o in OVERGANGEN if o.van == status and o.actie == actie), None)


# --- a college's answer (Voorstelpartij) -----------------------------------------------------------------------
OPEN = "open"
AANVAARD = "aanvaard"
AFGEWEZEN = "afgewezen"

BESLUIT_LABELS: dict[str, str] = {
    OPEN: "Nog niet besloten",
    AANVAARD: "Aanvaard",
    AFGEWEZEN: "Afgewezen",
}
BESLUITEN: tuple[str, ...] = tuple(BESLUIT_LABELS)

AANVAARDEN = "aanvaarden"
AFWIJZEN = "afwijzen"


@dataclass(frozen=True)
class Partijovergang:
    van: str
    naar: str
    actie: str
    label: str


# THE table of a college's answer; only while the proposal is ``verzonden``.
PARTIJ_OVERGANGEN: tuple[Partijovergang, ...] = (
    Partijovergang(OPEN, AANVAARD, AANVAARDEN, "Aanvaarden"),
    Partijovergang(OPEN, AFGEWEZEN, AFWIJZEN, "Afwijzen"),
)
PARTIJ_ACTIES: tuple[str, ...] = tuple(o.actie for o in PARTIJ_OVERGANGEN)
PARTIJ_ACTIE_LABELS: dict[str, str] = {o.actie: o.label for o in PARTIJ_OVERGANGEN}


def partij_acties_in(voorstel_status: str, besluit: str) -> list[str]:
    if voorstel_status != VERZONDEN:
        return []
    return [o.actie for o in PARTIJ_OVERGANGEN if o.van == besluit]


# History rows (audit actions ``harmonisatievoorstel.<naam>``), including those that are not transitions.
GEBEURTENISSEN: dict[str, str] = {
    "opstellen": "Voorstel opgesteld",
    WIJZIGEN: "Voorstel bewerkt",
    VERZENDEN: "Verzonden aan de colleges",
    AGENDEREN: "Geagendeerd in een gezamenlijk overleg",
    INTREKKEN: "Ingetrokken",
    AANVAARDEN: "Aanvaard door het college",
    AFWIJZEN: "Afgewezen door het college",
    "afronden": "Afgerond",
}
