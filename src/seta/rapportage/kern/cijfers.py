"""The arithmetic of a council report: rounding, breakdowns, statistics and the changes since the last report.

Pure Python (no Django): ``inhoud.py`` reads the database and hands plain numbers in; every rounding of the report
happens here, once:

- :func:`grootste_rest` splits an amount that is already rounded to the cent (a part of the allocation, as the
  allocation charged it to one municipality) over lines in proportion to their exact weights with the
  largest-remainder method, so the lines add up to the amount EXACTLY (never "a cent off because of rounding");
- :func:`vraagstatistiek` computes days to answer, on time, median and mean of the board questions;
- :func:`verschillen` compares the flat figures with the previous report (``richting`` in words);
- :func:`som` adds the partners' flat figures up to the cooperation's.

Amounts are ``Decimal`` in, JSON strings out (:func:`geld`: two decimals; :func:`uren`: two decimals;
:func:`een_decimaal`: one decimal).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from seta.rapportage.kern import model

CENT = Decimal("0.01")
TIENDE = Decimal("0.1")
NUL = Decimal("0.00")


# --- notation ----------------------------------------------------------------------------------------------------
def geld(bedrag: Decimal | int) -> str:
    """An amount as the report stores it: ``"1234.50"`` (half away from zero)."""
    return f"{Decimal(bedrag).quantize(CENT, ROUND_HALF_UP):f}"


def uren(aantal: Decimal | int) -> str:
    return f"{Decimal(aantal).quantize(CENT, ROUND_HALF_UP):f}"


def een_decimaal(waarde: Decimal | Fraction | float | int) -> str:
    if isinstance(waarde, Fraction):
        waarde = Decimal(waarde.numerator) / Decimal(waarde.denominator)
    return f"{Decimal(str(waarde)).quantize(TIENDE, ROUND_HALF_UP):f}"


def procent(aandeel: Fraction) -> str:
    """A share (0..1) as a percentage with two decimals: ``"38.88"``."""
    waarde = Decimal(aandeel.numerator) * 100 / Decimal(aandeel.denominator)
    return f"{waarde.quantize(CENT, ROUND_HALF_UP):f}"


# --- largest remainder -------------------------------------------------------------------------------------------
def _fractie(waarde: Decimal | Fraction | int) -> Fraction:
    return waarde if isinstance(waarde, Fraction) else Fraction(waarde)


def grootste_rest(totaal: Decimal, gewichten: Sequence[Decimal | Fraction | int]) -> list[Decimal]:
    """Split ``totaal`` (whole cents) over lines in proportion to their non-negative ``gewichten``; the result
    adds up to ``totaal`` exactly and each line is within one cent of its exact share.

    Every exact share is rounded towards zero to the cent; the cents still missing go one each to the lines with
    the largest remainders, equal remainders to the earliest line (the caller passes the lines in a stable order).
    A line of weight zero gets nothing. When all weights are zero (or there are no lines) a non-zero total cannot
    be split: ValueError (the caller adds a line of its own for an amount nothing explains).
    """
    centen = Fraction(totaal) * 100
    if centen.denominator != 1:
        raise ValueError(f"{totaal} is geen bedrag in hele centen")
    doel = int(centen)
    w = [_fractie(g) for g in gewichten]
    if any(x < 0 for x in w):
        raise ValueError("gewichten mogen niet negatief zijn")
    som = sum(w, Fraction(0))
    if som == 0:
        if doel != 0:
            raise ValueError("een bedrag zonder gewichten kan niet worden verdeeld")
        return [NUL for _ in w]
    teken = -1 if doel < 0 else 1
    doel = abs(doel)
    exact = [Fraction(doel) * x / som for x in w]
    vloer = [math.floor(e) for e in exact]
    tekort = doel - sum(vloer)
    volgorde = sorted(range(len(w)), key=lambda i: (-(exact[i] - vloer[i]), i))
    for i in volgorde[:tekort]:
        vloer[i] += 1
    return [(Decimal(teken * c) / 100).quantize(CENT) for c in vloer]


@dataclass(frozen=True)
class Post:
    """One line of a breakdown before rounding: a key, a name, its hours and its exact amount (the weight)."""

    code: str
    naam: str
    uren: Decimal
    bedrag: Decimal | Fraction


def uitsplitsen(
    deelbedrag: Decimal, posten: Sequence[Post], *, rest_naam: str, onderdeel: str = ""
) -> list[model.Kostenregel]:
    """The lines of ``posten`` rounded so they add up to ``deelbedrag`` (a part as the allocation charged it).

    When nothing explains the amount (no lines, or all zero) one line named ``rest_naam`` carries it; lines of
    zero amount and zero hours are left out."""
    posten = [p for p in posten if p.bedrag or p.uren]
    if not any(p.bedrag for p in posten):
        regels: list[model.Kostenregel] = [
            {
                "code": p.code,
                "naam": p.naam,
                "uren": uren(p.uren),
                "bedrag": geld(NUL),
                "onderdeel": onderdeel,
            }
            for p in posten
        ]
        if deelbedrag:
            regels.append(
                {
                    "code": "",
                    "naam": rest_naam,
                    "uren": uren(NUL),
                    "bedrag": geld(deelbedrag),
                    "onderdeel": onderdeel,
                }
            )
        return regels
    bedragen = grootste_rest(deelbedrag, [abs(_fractie(p.bedrag)) for p in posten])
    return [
        {"code": p.code, "naam": p.naam, "uren": uren(p.uren), "bedrag": geld(b), "onderdeel": onderdeel}
        for p, b in zip(posten, bedragen, strict=True)
    ]


def som_geld(regels: Iterable[Mapping[str, Any]], veld: str = "bedrag") -> Decimal:
    return sum((Decimal(str(r[veld])) for r in regels), NUL)


# --- statistics of the board questions ---------------------------------------------------------------------------
def mediaan(waarden: Sequence[int | Decimal]) -> Decimal | None:
    """The median (the mean of the middle two for an even count); None for no values."""
    if not waarden:
        return None
    s = sorted(Decimal(v) for v in waarden)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def gemiddelde(waarden: Sequence[int | Decimal]) -> Decimal | None:
    if not waarden:
        return None
    return sum((Decimal(v) for v in waarden), Decimal(0)) / len(waarden)


@dataclass(frozen=True)
class Vraag:
    onderwerp: str
    gesteld_op: dt.date
    uiterlijk: dt.date
    beantwoord_op: dt.date | None


def vraagstatistiek(vragen: Sequence[Vraag], *, peildatum: dt.date) -> model.Bestuursvragen:
    """Per question the calendar days to the answer and whether it came by ``uiterlijk`` (an open question is
    late once ``uiterlijk`` has passed on ``peildatum``, else not yet known); counts, median and mean of the days
    of the answered ones (an answer after ``peildatum`` counts as open: the report shows the state on that day)."""
    regels: list[model.Vraagregel] = []
    dagen_lijst: list[int] = []
    op_tijd = 0
    for v in sorted(vragen, key=lambda v: (v.gesteld_op, v.onderwerp)):
        antwoord = v.beantwoord_op if v.beantwoord_op is not None and v.beantwoord_op <= peildatum else None
        if antwoord is not None:
            dagen: int | None = max((antwoord - v.gesteld_op).days, 0)
            tijdig: bool | None = antwoord <= v.uiterlijk
            dagen_lijst.append(dagen or 0)
        else:
            dagen = None
            tijdig = False if v.uiterlijk < peildatum else None
        op_tijd += bool(tijdig)
        regels.append(
            {
                "onderwerp": v.onderwerp,
                "gesteld_op": v.gesteld_op.isoformat(),
                "uiterlijk": v.uiterlijk.isoformat(),
                "beantwoord_op": antwoord.isoformat() if antwoord else None,
                "dagen": dagen,
                "op_tijd": tijdig,
            }
        )
    m = mediaan(dagen_lijst)
    g = gemiddelde(dagen_lijst)
    return {
        "regels": regels,
        "gesteld": len(regels),
        "beantwoord": len(dagen_lijst),
        "open": len(regels) - len(dagen_lijst),
        "op_tijd": op_tijd,
        "mediaan_dagen": None if m is None else een_decimaal(m),
        "gemiddeld_dagen": None if g is None else een_decimaal(g),
    }


# --- late or not -------------------------------------------------------------------------------------------------
def te_laat(
    *,
    deadline: dt.date,
    opgeleverd_op: dt.date | None,
    verwachte_oplevering: dt.date | None,
    peildatum: dt.date,
) -> tuple[bool, str]:
    """Whether an assignment is (or is expected to be) late on ``peildatum`` and the plain reason (``deadline``:
    delivered after it or not delivered while it passed; ``plan``: the plan expects it after the deadline)."""
    if opgeleverd_op is not None:
        return (opgeleverd_op > deadline, "deadline" if opgeleverd_op > deadline else "")
    if deadline < peildatum:
        return True, "deadline"
    if verwachte_oplevering is not None and verwachte_oplevering > deadline:
        return True, "plan"
    return False, ""


# --- the flat figures: compare and add up ------------------------------------------------------------------------
GELDVELDEN = ("uren", "kosten", "voorschot", "vragen_mediaan_dagen")
VELDEN: tuple[str, ...] = tuple(model.Kerncijfers.__annotations__)


def _getal(waarde: Any) -> Decimal | None:
    if waarde is None:
        return None
    return Decimal(str(waarde))


def verschil(vorig: Any, nu: Any) -> model.Verschil:
    """The change of one figure: ``nieuw`` when there was no previous value (or none now), else the difference
    and ``hoger``/``lager``/``gelijk``; the difference keeps the figure's notation (an integer for counts)."""
    a, b = _getal(vorig), _getal(nu)
    if a is None or b is None:
        return {"vorig": vorig, "nu": nu, "verschil": None, "richting": "nieuw"}
    d = b - a
    if isinstance(nu, int) and isinstance(vorig, int):
        tekst = str(int(d))
    else:
        exponent = Decimal(str(nu)).as_tuple().exponent if isinstance(nu, str) else -2
        tekst = f"{d.quantize(Decimal(1).scaleb(int(exponent))):f}"
    richting: model.Richting = "hoger" if d > 0 else "lager" if d < 0 else "gelijk"
    return {"vorig": vorig, "nu": nu, "verschil": tekst, "richting": richting}


def verschillen(vorig: Mapping[str, Any] | None, nu: model.Kerncijfers) -> dict[str, model.Verschil]:
    """Every flat figure against the previous report's (all ``nieuw`` when there is none)."""
    vorig = vorig or {}
    return {veld: verschil(vorig.get(veld), nu[veld]) for veld in VELDEN}  # type: ignore[literal-required]


def som(partners: Sequence[model.Kerncijfers]) -> model.Kerncijfers:
    """The cooperation's flat figures: counts and amounts added up; a figure stays None when no partner has it;
    the median of the question days cannot be added up (the caller computes it over all questions)."""

    def tel(veld: str) -> int:
        return sum(int(str(p.get(veld) or 0)) for p in partners)

    def optel(veld: str) -> int | None:
        waarden = [p[veld] for p in partners if p[veld] is not None]  # type: ignore[literal-required]
        return sum(int(w) for w in waarden) if waarden else None

    def bedrag(veld: str) -> str | None:
        waarden = [p[veld] for p in partners if p[veld] is not None]  # type: ignore[literal-required]
        return geld(sum((Decimal(str(w)) for w in waarden), NUL)) if waarden else None

    return {
        "opgedragen": tel("opgedragen"),
        "opgeleverd": tel("opgeleverd"),
        "te_laat": tel("te_laat"),
        "lopend": tel("lopend"),
        "vragen_open": tel("vragen_open"),
        "vragen_mediaan_dagen": None,
        "uren": uren(sum((Decimal(p["uren"]) for p in partners), NUL)),
        "kosten": geld(sum((Decimal(p["kosten"]) for p in partners), NUL)),
        "voorschot": bedrag("voorschot"),
        "normen_gehaald": optel("normen_gehaald"),
        "normen_gemist": optel("normen_gemist"),
        "eenpitters": tel("eenpitters"),
    }
