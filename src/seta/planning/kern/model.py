"""The contract of the planning core: plain, frozen data in and out (no Django import).

Time is a horizon of ``weken`` consecutive ISO weeks, indexed 0 … weken-1; the caller maps indices to dates. A
deadline or an earliest start may lie outside the horizon (negative: already past; ≥ weken: after it). Work that
does not fit inside the horizon is placed in the overflow bucket, week index ``weken`` ("na de planperiode"),
which has no capacity limit and counts as late by ``weken - deadline_week`` weeks (at least 1 if the deadline is
inside the horizon).

Hours are floats here (the solver works in floating point); the caller rounds what it stores (one decimal).

Definitions (documented in docs/planning.md, measured by ``evaluatie.evalueer`` for every plan alike):
- **lateness** of a plan: Σ over assignments and weeks of hours × max(0, week - deadline_week), in hour-weeks;
  ``laatheid`` weights each assignment's hour-weeks by its priority class's weight, ``laatheid_ongewogen`` not.
- **received share** R[p, k] of partner p in fairness period k: Σ over the hours planned in the weeks of k of
  the assignment's share for p (a joint assignment's hours count for each co-principal by its share).
- **fair share** F[p, k]: per unit and period, the unit's assignment capacity in that period water-filled over
  the partners by their entitlement weights (raised to a partner's reserved minimum), capped by each partner's
  *available* demand in that unit (the hours of its assignments released by the period's end, less the fair
  shares of earlier periods); F[p, k] is the sum over units. It depends on the instance only, never on a plan,
  so two plans of one instance are measured against the same fair shares.
- **fairness shortfall** (``tekort``): max over p, k of max(0, F[p, k] - R[p, k]), in hours.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

PRIORITEITEN: tuple[str, ...] = ("hoog", "normaal", "laag")
STANDAARD_PRIORITEITSGEWICHTEN: Mapping[str, float] = {"hoog": 4.0, "normaal": 2.0, "laag": 1.0}


class PlanInvoerFout(ValueError):
    """The instance is not valid; ``fouten`` maps a path (``vragen[3].uren``) to its messages (Dutch)."""

    def __init__(self, fouten: Mapping[str, Sequence[str]]) -> None:
        self.fouten = {k: list(v) for k, v in fouten.items()}
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in self.fouten.items()))


class PlanFout(RuntimeError):
    """The solver failed on a valid instance (an error or an unexpected status); the text is Dutch."""


@dataclass(frozen=True)
class Vraag:
    """One assignment's demand on one unit."""

    id: str
    eenheid: str
    uren: float
    vroegste_week: int  # no hours before this week (may be < 0: may start at once)
    deadline_week: int  # the hours must be done by the end of this week
    aandelen: Mapping[str, float]  # partner -> share of this assignment (sum 1; one partner: {p: 1.0})
    prioriteit: str = "normaal"
    wettelijk: bool = False  # statutory term: a hard constraint, not a competitor


@dataclass(frozen=True)
class Regels:
    """The board's rules as the core needs them."""

    gewichten: Mapping[str, float]  # partner -> entitlement weight (sum 1), e.g. the cost key
    prioriteitsgewichten: Mapping[str, float] = field(
        default_factory=lambda: dict(STANDAARD_PRIORITEITSGEWICHTEN)
    )
    periode_weken: int = 13  # the fairness measuring period (13 = quarter, 26 = half-year)
    minima: Mapping[str, float] = field(default_factory=dict)  # partner -> minimum share of capacity (0…1)
    laatheid_tolerantie: float = 0.02  # the fairness stage may add this fraction to the optimal lateness


@dataclass(frozen=True)
class Instantie:
    weken: int
    capaciteit: Mapping[str, Sequence[float]]  # unit -> assignment hours per week (len == weken)
    vragen: Sequence[Vraag]
    regels: Regels
    # optional display names of the weeks (len == weken, e.g. "2026-W14") used in the Dutch texts; when empty
    # the texts say "week <index>"
    weeknamen: Sequence[str] = ()


@dataclass(frozen=True)
class Aandeel:
    """A partner's share in one fairness period."""

    partner: str
    periode: int  # index: weeks [periode × periode_weken, …)
    ontvangen: float  # R[p, k]
    recht: float  # F[p, k]
    tekort: float  # max(0, F - R)
    ontvangen_pct: float  # R as a % of all hours planned in the period (0 if none)
    recht_pct: float  # the entitlement weight as a % (the board's basis, for display)


@dataclass(frozen=True)
class Uitkomst:
    """Where one assignment lands in a plan."""

    id: str
    uren_per_week: Mapping[int, float]  # week -> hours (week == weken: the overflow bucket)
    eerste_week: int | None
    oplevering_week: int | None  # the last week with hours; None if nothing planned (0 hours)
    weken_te_laat: int  # max(0, oplevering_week - deadline_week)
    uren_na_horizon: float
    wacht_op: str = ""  # the unit it waits for when it starts later than its earliest week, else ""
    reden: str = ""  # a short Dutch explanation ("wacht op capaciteit in eenheid X tot week N")


@dataclass(frozen=True)
class WettelijkProbleem:
    """A statutory term that cannot be met: the assignment and the weeks that are short."""

    id: str
    deadline_week: int
    uren_te_laat: float
    tekst: str


@dataclass(frozen=True)
class Plan:
    uitkomsten: Mapping[str, Uitkomst]
    laatheid: float  # priority-weighted hour-weeks late
    laatheid_ongewogen: float
    tekort: float  # the fairness shortfall (hours)
    aandelen: Sequence[Aandeel]
    belasting: Mapping[str, Sequence[float]]  # unit -> planned hours per week (len == weken)
    wettelijk: Sequence[WettelijkProbleem] = ()
    methode: str = ""  # "highs" or "edf"
    status: str = ""  # the solver's status text
    rekentijd_s: float = 0.0
    stappen: Mapping[str, float] = field(default_factory=dict)  # objective per lexicographic stage


@dataclass(frozen=True)
class Verschuiving:
    """What-if: one assignment whose delivery moves between two plans."""

    id: str
    voor_week: int | None
    na_week: int | None
    weken: int  # na - voor (positive: later)
