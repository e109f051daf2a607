"""The content of a council report: the ONE contract between the figures (``inhoud.py``, which builds it), the
screen and the PDF (one template renders it), the XLSX export, the frozen document and the public register.

The content is plain JSON (it is stored as is when the report is sent, ``Raadsrapportage.inhoud``): amounts are
decimal strings with two decimals (``"1234.50"``), hours decimal strings, percentages decimal strings with one
decimal, dates ISO strings (``"2026-08-31"``), ``None`` where a figure does not exist (not measured, no previous
report). Nothing confidential is in it by construction: a confidential assignment is only counted (``aantal``,
``uren``, ``kosten`` in ``Opdrachten.vertrouwelijk``), never named; the builder decides that by asking the policy
(``policy.rapportage.opdracht_in_rapportage``), so every reader of the report may read every word of it.

``SCHEMA`` is bumped when the shape changes; a frozen report keeps the version it was written with, and the
template reads every version still stored.
"""

from __future__ import annotations

from typing import Literal, TypedDict

SCHEMA = 1

Richting = Literal["hoger", "lager", "gelijk", "nieuw"]


class Ref(TypedDict):
    id: int
    naam: str


class GemeenteRef(TypedDict):
    id: int
    code: str  # CBS code, e.g. "GM0417"
    naam: str


class Periode(TypedDict):
    jaar: int
    code: str  # e.g. "najaarsnota", "t2", "q3"
    naam: str  # e.g. "Najaarsnota 2026"
    begin: str
    eind: str


class Opdrachtregel(TypedDict):
    """One assignment the council may see (public, commissioned), as the municipality's principal."""

    id: int
    nummer: str
    titel: str
    status: str
    status_label: str
    gezamenlijk: bool  # a joint assignment of several partners (costs: this municipality's share)
    naar_raad: bool  # offered to the council
    opgedragen_op: str | None
    deadline: str
    verwachte_oplevering: str | None  # from the current plan (planning/), else the estimate's date
    planstatus: str  # "" when not planned
    opgeleverd_op: str | None
    vastgesteld_op: str | None
    te_laat: bool
    reden_te_laat: str  # why it is (or will be) late: the plan's explanation, a hold, a missed deadline
    uren: str  # hours booked (approved and not yet approved) for this municipality
    kosten: str  # hours x tariff + external costs for this municipality (euros)
    raming_uren: str | None
    raming_kosten: str | None  # the estimate in euros (hours x tariff + external costs)
    kader_bedrag: (
        str | None
    )  # the budget frame the college set (``max_euro``; a joint one: this municipality's share)


class Telling(TypedDict):
    aantal: int
    uren: str
    kosten: str


class Opdrachten(TypedDict):
    regels: list[Opdrachtregel]
    vertrouwelijk: Telling  # confidential assignments: only counted
    opgedragen: int  # commissioned in the period
    opgeleverd: int  # delivered in the period
    vastgesteld: int  # adopted by the college in the period
    lopend: int  # running at the end of the period
    te_laat: int  # late or expected late at the end of the period


class Vraagregel(TypedDict):
    onderwerp: str
    gesteld_op: str
    uiterlijk: str
    beantwoord_op: str | None
    dagen: int | None  # calendar days to the answer (None: still open)
    op_tijd: bool | None


class Bestuursvragen(TypedDict):
    """Board questions the pool asked the municipality's college in the period, and how fast they were answered."""

    regels: list[Vraagregel]
    gesteld: int
    beantwoord: int
    open: int
    op_tijd: int
    mediaan_dagen: str | None  # median days to the answer (one decimal), None when none was answered
    gemiddeld_dagen: str | None


class Kostenregel(TypedDict):
    code: str  # the Iv3 taakveld (regular work) or the assignment's number or the part's name
    naam: str
    uren: str
    bedrag: str  # excl. VAT
    onderdeel: str  # the allocation's part this line breaks down (its lines add up to that part exactly)


class Onderdeel(TypedDict):
    """One part of the verdeelmodel as the allocation charged it to this municipality."""

    naam: str
    soort: str  # vast, gebruik, gezamenlijk
    bedrag: str  # excl. VAT
    btw: str
    totaal: str  # incl. VAT


class Afrekeningsregel(TypedDict):
    status: str  # concept / vastgesteld
    voorschot: str
    realisatie: str
    saldo: str  # positive: the municipality pays; negative: it gets back
    sleutelaandeel: str
    urenaandeel: str | None


class Financien(TypedDict):
    """Hours and costs for the municipality in the period's year, as the allocation stands on the day the figures
    were computed (``tot``: the hours approved so far; a closed year whole). Reconciles to the cent:
    ``totaal`` is the allocation's total for the municipality under the adopted model (``Σ onderdelen.totaal``);
    ``opdrachten`` + ``regulier`` + ``gezamenlijk`` break down the usage and joint parts (largest-remainder
    rounded so they add up to those parts exactly); ``afrekening`` is the settlement (closed years)."""

    jaar: int
    tot: str  # the date the figures run to
    verdeelmodel: Ref | None  # None: the cooperation has no adopted model for the year (then no figures)
    grondslag: str  # realisatie (registered, approved hours) / raming
    onderdelen: list[Onderdeel]
    opdrachten: list[Kostenregel]  # per own assignment (confidential ones as one line "vertrouwelijk")
    regulier: list[Kostenregel]  # regular work per Iv3 taakveld
    gezamenlijk: list[Kostenregel]  # its share of joint products
    uren: str
    totaal: str  # incl. VAT
    voorschot: str | None  # the advance due in the year to the period's end (None: no schedule)
    voorschot_jaar: str | None  # the whole year's advance
    sleutelaandeel: str | None  # percent of the model's key
    begroting: str | None  # the municipality's contribution in the adopted budget
    afrekening: Afrekeningsregel | None
    toelichting: str  # why figures are missing, if they are


class Normregel(TypedDict):
    dienst: str
    norm: str
    doel: str  # the norm as agreed, e.g. "95 % binnen 8 weken"
    waarde: str | None  # what was achieved, e.g. "91,2 %"
    aantal: int  # cases measured
    gehaald: bool | None  # None: not measurable (too few cases)
    trend: str  # "beter", "slechter", "gelijk", ""


class Dienstverlening(TypedDict):
    gemeten: bool  # False: no adopted service agreement or no case data: says so, never "100 %"
    toelichting: str
    dvo: Ref | None
    normen: list[Normregel]
    gehaald: int
    gemist: int
    niet_meetbaar: int


class Kwetsbaarheid(TypedDict):
    competentie: str
    eenheid: str
    houders: int  # 1 = a single-person post (eenpitter)
    diensten: list[str]  # the municipality's services that need it


class Robuustheid(TypedDict):
    competenties: int
    kwetsbaar: list[Kwetsbaarheid]
    eenpitters: int


class Kerncijfers(TypedDict):
    """The flat figures compared with the previous report and put side by side in the joint report."""

    opgedragen: int
    opgeleverd: int
    te_laat: int
    lopend: int
    vragen_open: int
    vragen_mediaan_dagen: str | None
    uren: str
    kosten: str  # totaal (incl. VAT)
    voorschot: str | None
    normen_gehaald: int | None  # None: not measured
    normen_gemist: int | None
    eenpitters: int


class Verschil(TypedDict):
    vorig: str | int | None
    nu: str | int | None
    verschil: str | None
    richting: Richting  # words, not colours: the screen shows an arrow and the word


class Vergelijking(TypedDict):
    """Changes since the last report sent for the same recipient (None: this is the first)."""

    vorige: Ref | None  # the previous report (id, "Voorjaarsnota 2026")
    cijfers: dict[str, Verschil]  # key: a Kerncijfers field


class Partnerkolom(TypedDict):
    gemeente: GemeenteRef
    cijfers: Kerncijfers


class Besluit(TypedDict):
    orgaan: str  # "college", "algemeen_bestuur", …
    orgaan_label: str
    kenmerk: str
    datum: str


class Inhoud(TypedDict):
    schema: int
    soort: Literal["gemeente", "gezamenlijk"]
    samenwerkingsverband: Ref
    gemeente: GemeenteRef | None
    periode: Periode
    peildatum: str  # the date the figures were computed (the day it was sent, for a frozen report)
    opdrachten: Opdrachten | None  # None in the joint report (per partner in ``partners``)
    bestuursvragen: Bestuursvragen | None
    financien: Financien | None
    dienstverlening: Dienstverlening | None
    robuustheid: Robuustheid
    kerncijfers: Kerncijfers  # the municipality's, or the cooperation's total in the joint report
    partners: list[Partnerkolom]  # the joint report: each partner side by side (empty otherwise)
    vergelijking: Vergelijking
    toelichting_pool: str
    toelichting_gemeente: str
    besluit: Besluit | None  # the decision that sent it (None while a concept)
    versie: int
    corrigeert: Ref | None  # the version this one corrects
    correctiereden: str
