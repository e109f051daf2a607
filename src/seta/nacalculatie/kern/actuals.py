"""What an assignment actually cost, against its estimate and its frame. Pure Python, no Django.

Input: the assignment's hours aggregated per ISO week × unit × salary scale × approval state, the tariffs the
cooperation fixed (one per year × unit × scale, resolved by the caller with the default tariff of the year as
fallback; ``None`` where the year has none), the external cost bookings, the estimate and the frame.

Output (:func:`bereken`): the per-week series, the totals, the percentages of the estimate, the remaining estimate,
whether the frame is (approved hours) or would be (all booked hours) crossed, which alert thresholds are reached
and, for a joint assignment, each co-principal's share of the actual cost.

The frame semantics are those of ``opdrachten/overschrijding.py``: ``max_uren`` frames the pool's hours,
``max_euro`` frames the external costs (the pool's own hours are not in it). A missing tariff is reported and the
euros of those hours are unknown — never invented. Rounding to cents happens here and only here: each week's
cost of hours is rounded once, the totals are sums of the weeks, the shares of the co-principals are split by
the largest remainder so that they add up to the total to the cent.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from fractions import Fraction

CENT = Decimal("0.01")
NUL = Decimal(0)
HONDERD = Decimal(100)
TIENDE = Decimal("0.1")

# Alert thresholds (docs/nacalculatie.md): fractions of the estimate, and crossing the frame.
RAMING_90 = "raming_90"
RAMING_100 = "raming_100"
KADER_OVERSCHREDEN = "kader_overschreden"
DREMPELS: tuple[tuple[str, Fraction], ...] = ((RAMING_90, Fraction(9, 10)), (RAMING_100, Fraction(1)))

Tariefsleutel = tuple[int, int | None, int | None]  # (jaar, eenheid_id, schaal)


# --- formatting (Dutch) ------------------------------------------------------------------------------------
def euro(bedrag: Decimal) -> str:
    """Dutch notation: € 12.345,67 (€ 12.345 when whole)."""
    bedrag = bedrag.quantize(CENT)
    teken = "-" if bedrag < 0 else ""
    heel, _, cent = f"{abs(bedrag):,.2f}".partition(".")
    heel = heel.replace(",", ".")
    return f"{teken}€ {heel}" if cent == "00" else f"{teken}€ {heel},{cent}"


def uren(aantal: Decimal) -> str:
    """Dutch notation of hours: 1.234,5 (no trailing zeros)."""
    aantal = aantal.quantize(CENT)
    heel, _, frac = f"{abs(aantal):,.2f}".partition(".")
    heel = heel.replace(",", ".")
    frac = frac.rstrip("0")
    teken = "-" if aantal < 0 else ""
    return f"{teken}{heel},{frac}" if frac else f"{teken}{heel}"


def procent(p: Decimal) -> str:
    """92 or 92,5 (one decimal at most)."""
    tekst = f"{p.quantize(TIENDE):f}".replace(".", ",")
    return tekst[:-2] if tekst.endswith(",0") else tekst


def weeklabel(jaar: int, week: int) -> str:
    """ISO 8601 week notation: 2026-W14."""
    return f"{jaar}-W{week:02d}"


# --- input ----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Urenpost:
    """Hours of one ISO week, unit, salary scale and approval state (aggregated: no single lines)."""

    jaar: int
    week: int
    eenheid_id: int | None
    schaal: int | None
    goedgekeurd: bool
    uren: Decimal


@dataclass(frozen=True)
class Kostenboeking:
    """One external cost booking (its ISO week and amount excl. btw)."""

    jaar: int
    week: int
    bedrag: Decimal


@dataclass(frozen=True)
class Verdeelregel:
    """How the actual cost of a joint assignment is split: a description (``"de verdeelsleutel 2026"``,
    ``"gelijke delen"``), why (``"geen vastgesteld verdeelmodel"``) and the exact shares (any positive weights;
    they are normalised here) of each co-principal by name, in the order to show."""

    naam: str
    aandelen: Sequence[tuple[str, Fraction]]
    toelichting: str = ""


@dataclass(frozen=True)
class Invoer:
    uren: Sequence[Urenpost]
    tarieven: Mapping[Tariefsleutel, Decimal | None]
    kosten: Sequence[Kostenboeking] = ()
    raming_uren: Decimal | None = None
    raming_externe_kosten: Decimal | None = None
    raming_uurtarief: Decimal | None = None  # the tariff the estimate's euros are computed at (None: none)
    max_uren: Decimal | None = None
    max_euro: Decimal | None = None
    eenheid_namen: Mapping[int, str] = field(default_factory=dict)
    verdeling: Verdeelregel | None = None  # only for joint assignments


# --- output ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Week:
    jaar: int
    week: int
    uren_goedgekeurd: Decimal
    uren_niet_goedgekeurd: Decimal
    kosten_uren: Decimal | None  # None: a tariff is missing for some hours of the week
    externe_kosten: Decimal
    cumulatief_uren: Decimal
    cumulatief_kosten: Decimal | None  # hours' cost + external costs so far (None: a tariff missing so far)

    @property
    def label(self) -> str:
        return weeklabel(self.jaar, self.week)

    @property
    def uren(self) -> Decimal:
        return self.uren_goedgekeurd + self.uren_niet_goedgekeurd

    @property
    def totaal(self) -> Decimal | None:
        return None if self.kosten_uren is None else self.kosten_uren + self.externe_kosten


@dataclass(frozen=True)
class Aandeel:
    naam: str
    percentage: Decimal  # one decimal, the percentages add up to 100,0
    bedrag: Decimal  # cents, the amounts add up to the split total


@dataclass(frozen=True)
class Verdeling:
    regel: str  # "verdeeld naar de verdeelsleutel 2026: Blaricum 24,9 %, …"
    totaal: Decimal
    aandelen: tuple[Aandeel, ...]
    onvolledig: bool  # the cost of some hours is unknown (missing tariff): only the known cost is split


@dataclass(frozen=True)
class Kader:
    uren_boven_kader: Decimal | None  # all booked hours above max_uren (None: within or no hour frame)
    uren_boven_kader_goedgekeurd: Decimal | None  # approved hours above max_uren
    euro_boven_kader: Decimal | None  # external costs above max_euro (None: within or no euro frame)

    @property
    def overschreden(self) -> bool:
        """The frame is crossed by the booked actuals (approved or not: it *would be* once approved)."""
        return self.uren_boven_kader is not None or self.euro_boven_kader is not None

    @property
    def overschreden_goedgekeurd(self) -> bool:
        """The frame is crossed by approved hours or booked external costs alone."""
        return self.uren_boven_kader_goedgekeurd is not None or self.euro_boven_kader is not None


@dataclass(frozen=True)
class Nacalculatie:
    weken: tuple[Week, ...]
    uren_goedgekeurd: Decimal
    uren_niet_goedgekeurd: Decimal
    kosten_uren: Decimal | None  # None: a tariff is missing
    kosten_uren_bekend: Decimal  # the cost of the hours with a tariff
    externe_kosten: Decimal
    ontbrekende_tarieven: tuple[str, ...]
    raming_uren: Decimal | None
    raming_externe_kosten: Decimal | None
    raming_kosten: Decimal | None  # estimated hours × tariff + estimated external costs (None: no tariff)
    percentage_uren: Decimal | None  # of the estimated hours, floored to one decimal
    percentage_kosten: Decimal | None  # of the estimated cost
    resterend_uren: Decimal | None  # estimated minus booked (negative: over the estimate)
    resterend_kosten: Decimal | None
    max_uren: Decimal | None
    max_euro: Decimal | None
    kader: Kader
    drempels: frozenset[str]
    verdeling: Verdeling | None

    @property
    def uren(self) -> Decimal:
        return self.uren_goedgekeurd + self.uren_niet_goedgekeurd

    @property
    def totaal(self) -> Decimal | None:
        return None if self.kosten_uren is None else self.kosten_uren + self.externe_kosten

    @property
    def tarief_melding(self) -> str:
        if not self.ontbrekende_tarieven:
            return ""
        return (
            "Er is geen uurtarief vastgesteld voor "
            + "; ".join(self.ontbrekende_tarieven)
            + ", dus de kosten van die uren zijn onbekend."
        )


# --- calculation ----------------------------------------------------------------------------------------------
def _tariefnaam(sleutel: Tariefsleutel, namen: Mapping[int, str]) -> str:
    jaar, eenheid_id, schaal = sleutel
    delen = [str(jaar)]
    if eenheid_id is not None:
        delen.append(f"eenheid {namen.get(eenheid_id, eenheid_id)}")
    if schaal is not None:
        delen.append(f"schaal {schaal}")
    return " ".join(delen)


def _bereikt(actueel: Fraction, raming: Fraction, deel: Fraction) -> bool:
    return raming > 0 and actueel >= deel * raming


def _percentage(actueel: Decimal, raming: Decimal | None) -> Decimal | None:
    if raming is None or raming <= 0:
        return None
    return (actueel * HONDERD / raming).quantize(TIENDE, rounding=ROUND_FLOOR)


def largest_remainder(totaal: Fraction, aandelen: Sequence[Fraction], eenheid: Fraction) -> list[Fraction]:
    """Split ``totaal`` (a whole multiple of ``eenheid``) by ``aandelen`` (summing to 1) into multiples of
    ``eenheid`` that add up to ``totaal`` exactly: floor each, then give the leftover units to the largest
    remainders (ties: the earlier one)."""
    eenheden = totaal / eenheid
    if eenheden.denominator != 1:
        raise ValueError("totaal is geen veelvoud van de eenheid")
    exact = [eenheden * a for a in aandelen]
    vloer = [e.numerator // e.denominator for e in exact]
    over = int(eenheden) - sum(vloer)
    volgorde = sorted(range(len(exact)), key=lambda i: (-(exact[i] - vloer[i]), i))
    for i in volgorde[: max(over, 0)]:
        vloer[i] += 1
    return [Fraction(v) * eenheid for v in vloer]


def verdeel(totaal: Decimal, regel: Verdeelregel, *, onvolledig: bool = False) -> Verdeling:
    """Each co-principal's share of ``totaal`` (cents) and percentage (tenths), both by the largest remainder."""
    gewichten = [max(a, Fraction(0)) for _, a in regel.aandelen]
    som = sum(gewichten, Fraction(0))
    if not gewichten:
        return Verdeling(regel.naam, totaal, (), onvolledig)
    fracties = [g / som for g in gewichten] if som > 0 else [Fraction(1, len(gewichten))] * len(gewichten)
    bedragen = largest_remainder(Fraction(totaal), fracties, Fraction(1, 100))
    procenten = largest_remainder(Fraction(100), fracties, Fraction(1, 10))
    aandelen = tuple(
        Aandeel(
            naam,
            Decimal(p.numerator) / Decimal(p.denominator),
            (Decimal(b.numerator) / Decimal(b.denominator)).quantize(CENT),
        )
        for (naam, _), p, b in zip(regel.aandelen, procenten, bedragen, strict=True)
    )
    aandelen = tuple(Aandeel(a.naam, a.percentage.quantize(TIENDE), a.bedrag) for a in aandelen)
    tekst = ", ".join(f"{a.naam} {procent(a.percentage)} %" for a in aandelen)
    omschrijving = f"{regel.naam}: {tekst}"
    if regel.toelichting:
        omschrijving += f" ({regel.toelichting})"
    return Verdeling(omschrijving, totaal, aandelen, onvolledig)


def bereken(invoer: Invoer) -> Nacalculatie:
    """The actuals of one assignment (see the module docstring)."""
    goed: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    niet: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    kosten_exact: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    week_onbekend: set[tuple[int, int]] = set()
    extern: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    ontbrekend: set[Tariefsleutel] = set()
    for post in invoer.uren:
        wk = (post.jaar, post.week)
        (goed if post.goedgekeurd else niet)[wk] += post.uren
        sleutel: Tariefsleutel = (post.jaar, post.eenheid_id, post.schaal)
        tarief = invoer.tarieven.get(sleutel)
        if tarief is None:
            if post.uren:
                ontbrekend.add(sleutel)
                week_onbekend.add(wk)
        else:
            kosten_exact[wk] += post.uren * tarief
    for boeking in invoer.kosten:
        extern[(boeking.jaar, boeking.week)] += boeking.bedrag

    weken: list[Week] = []
    cum_uren = NUL
    cum_kosten: Decimal | None = NUL
    totaal_goed = totaal_niet = kosten_bekend = totaal_extern = NUL
    for wk in sorted(set(goed) | set(niet) | set(extern)):
        kosten_wk = kosten_exact[wk].quantize(CENT)
        extern_wk = extern[wk].quantize(CENT)
        onbekend = wk in week_onbekend
        cum_uren += goed[wk] + niet[wk]
        if cum_kosten is not None:
            cum_kosten = None if onbekend else cum_kosten + kosten_wk + extern_wk
        weken.append(
            Week(
                wk[0],
                wk[1],
                goed[wk],
                niet[wk],
                None if onbekend else kosten_wk,
                extern_wk,
                cum_uren,
                cum_kosten,
            )
        )
        totaal_goed += goed[wk]
        totaal_niet += niet[wk]
        kosten_bekend += kosten_wk
        totaal_extern += extern_wk

    kosten_uren = None if ontbrekend else kosten_bekend
    totaal_uren = totaal_goed + totaal_niet
    raming_uren = invoer.raming_uren
    raming_extern = invoer.raming_externe_kosten
    raming_kosten = (
        ((raming_uren or NUL) * invoer.raming_uurtarief + (raming_extern or NUL)).quantize(CENT)
        if invoer.raming_uurtarief is not None and (raming_uren is not None or raming_extern is not None)
        else None
    )
    totaal = None if kosten_uren is None else kosten_uren + totaal_extern

    max_uren, max_euro = invoer.max_uren, invoer.max_euro
    kader = Kader(
        totaal_uren - max_uren if max_uren is not None and totaal_uren > max_uren else None,
        totaal_goed - max_uren if max_uren is not None and totaal_goed > max_uren else None,
        totaal_extern - max_euro if max_euro is not None and totaal_extern > max_euro else None,
    )

    drempels: set[str] = set()
    for naam, deel in DREMPELS:
        if raming_uren is not None and _bereikt(Fraction(totaal_uren), Fraction(raming_uren), deel):
            drempels.add(naam)
        if (
            totaal is not None
            and raming_kosten is not None
            and _bereikt(Fraction(totaal), Fraction(raming_kosten), deel)
        ):
            drempels.add(naam)
    if kader.overschreden:
        drempels.add(KADER_OVERSCHREDEN)

    verdeling = None
    if invoer.verdeling is not None:
        verdeling = verdeel(kosten_bekend + totaal_extern, invoer.verdeling, onvolledig=kosten_uren is None)

    return Nacalculatie(
        weken=tuple(weken),
        uren_goedgekeurd=totaal_goed,
        uren_niet_goedgekeurd=totaal_niet,
        kosten_uren=kosten_uren,
        kosten_uren_bekend=kosten_bekend,
        externe_kosten=totaal_extern,
        ontbrekende_tarieven=tuple(_tariefnaam(s, invoer.eenheid_namen) for s in sorted(ontbrekend, key=str)),
        raming_uren=raming_uren,
        raming_externe_kosten=raming_extern,
        raming_kosten=raming_kosten,
        percentage_uren=_percentage(totaal_uren, raming_uren),
        percentage_kosten=None if totaal is None else _percentage(totaal, raming_kosten),
        resterend_uren=None if raming_uren is None else raming_uren - totaal_uren,
        resterend_kosten=None if totaal is None or raming_kosten is None else raming_kosten - totaal,
        max_uren=max_uren,
        max_euro=max_euro,
        kader=kader,
        drempels=frozenset(drempels),
        verdeling=verdeling,
    )


# --- the alert texts --------------------------------------------------------------------------------------------
BESLUIT = "het college beslist bij overschrijding van het kader over een wijzigingsverzoek of stoppen"


def signaaltekst(nummer: str, titel: str, drempel: str, n: Nacalculatie) -> tuple[str, str]:
    """Title and Dutch text of the alert ``drempel`` for an assignment, with the figures."""
    naam = f"{nummer} {titel}"
    if drempel == KADER_OVERSCHREDEN:
        delen = []
        if n.kader.uren_boven_kader is not None and n.max_uren is not None:
            delen.append(
                f"{uren(n.uren)} uur geboekt, {uren(n.kader.uren_boven_kader)} uur boven het kader van "
                f"{uren(n.max_uren)} uur"
            )
        if n.kader.euro_boven_kader is not None and n.max_euro is not None:
            delen.append(
                f"{euro(n.externe_kosten)} externe kosten, {euro(n.kader.euro_boven_kader)} boven het "
                f"budgetkader van {euro(n.max_euro)}"
            )
        tekst = (
            f"{naam}: de nacalculatie overschrijdt het kader ({'; '.join(delen)}). Het college beslist over "
            "een wijzigingsverzoek of stoppen."
        )
        return f"Kader overschreden: {nummer}", tekst
    grens = "90 %" if drempel == RAMING_90 else "100 %"
    delen = []
    if n.percentage_uren is not None and n.raming_uren is not None:
        delen.append(
            f"{procent(n.percentage_uren)} % van de geraamde {uren(n.raming_uren)} uur geboekt ({uren(n.uren)} uur)"
        )
    if n.percentage_kosten is not None and n.raming_kosten is not None and n.totaal is not None:
        delen.append(
            f"{procent(n.percentage_kosten)} % van de geraamde kosten van {euro(n.raming_kosten)} "
            f"({euro(n.totaal)})"
        )
    titel_tekst = f"{grens} van de raming bereikt: {nummer}"
    return titel_tekst, f"{naam}: {'; '.join(delen)}; {BESLUIT}."
