"""The contract between the app and the harmonisation core: plain data, no Django.

The app (``harmonisatie/zoeken.py``) turns assignments into ``Document``\\ s, asks a ``Zoekindex`` for hits, and
then applies the policy (what the actor may see of each hit) *outside* the core: the core never sees who asks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Literal

Redensoort = Literal["termen", "betekenis", "catalogusitem", "taakveld", "periode"]


@dataclass(frozen=True)
class Document:
    """One assignment as the core sees it. ``tekst`` is the goals, scope and political wishes joined."""

    id: int
    titel: str
    tekst: str = ""
    catalogusitem_id: int | None = None
    taakveld: str = ""  # Iv3 code, "" when unknown
    begin: dt.date | None = None  # commissioned on, else created on
    eind: dt.date | None = None  # deadline, or delivered on


@dataclass(frozen=True)
class Reden:
    """Why a hit is similar, in one Dutch phrase (``"gedeelde termen: toeristisch, recreatie"``)."""

    soort: Redensoort
    tekst: str


@dataclass(frozen=True)
class Treffer:
    """One similar document. ``score`` in [0, 1] orders the hits; the parts say where it came from."""

    id: int
    score: float
    lexicaal: float
    semantisch: float | None  # None: no embedding model (the lexical fallback)
    redenen: tuple[Reden, ...] = ()
    gedeelde_termen: tuple[str, ...] = ()


# --- the variant map ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Variantinvoer:
    """One assignment of a catalogue item for the variant map: whose it is, its frames and its hours."""

    id: int
    gemeente: str  # the principal(s), joined with " en " for a joint assignment
    kader: str  # service frame + norms + process text (what makes it a variant)
    uren: Decimal | None = None  # approved hours (None: none booked)


@dataclass(frozen=True)
class Variant:
    """A group of assignments whose frames are (nearly) the same."""

    nummer: int
    ids: tuple[int, ...]
    gemeenten: tuple[str, ...]
    voorbeeld_id: int  # the assignment whose frame represents the variant
    uren: Decimal  # approved hours of its assignments together
    gelijkenis_naaste: float | None  # similarity to the nearest other variant (None: the only one)
    klein_verschil: bool  # differs only slightly from another variant (gelijkenis_naaste >= the threshold)


@dataclass(frozen=True)
class Variantkaart:
    varianten: tuple[Variant, ...]
    partners: int  # distinct principals with an assignment of the item
    index: float  # the "ijsco-zaak" index: variants per principal (1/partners = one shared product … 1 = all own)


# --- the estimate of a proposal's options -----------------------------------------------------------------------------
Optie = Literal["apart", "parallel", "gezamenlijk"]


@dataclass(frozen=True)
class Ramingsinvoer:
    """What the estimate needs: the hours of one plan, the partners, the measured or default advantages."""

    uren_per_plan: Decimal  # hours of one plan for one municipality
    gemeenten: tuple[str, ...]  # the partners concerned (names, in order)
    tarief: Decimal  # euro per hour
    herhalingsvoordeel: Fraction  # share of the hours saved on each repetition (parallel)
    herhalingsbron: str  # "gemeten: ..." or "standaardwaarde ..."
    coordinatie_per_extra_partner: Fraction  # extra share of one plan per extra partner (joint)
    aandelen: dict[str, Fraction] = field(default_factory=dict)  # the verdeelmodel's key for joint products


@dataclass(frozen=True)
class Optieraming:
    optie: Optie
    uren: Decimal
    kosten: Decimal
    kosten_per_gemeente: dict[str, Decimal]  # rounded to the cent, summing exactly to ``kosten``
    besparing_uren: Decimal  # against ``apart``
    toelichting: str


@dataclass(frozen=True)
class Raming:
    opties: tuple[Optieraming, ...]  # apart, parallel, gezamenlijk

    def optie(self, naam: Optie) -> Optieraming:
        return next(o for o in self.opties if o.optie == naam)
