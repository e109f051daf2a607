"""Compliance figures per norm and period, and the verdict, trend and "missed twice running" rule.

Definitions (docs/naleving.md explains them for readers):

- lead time (doorlooptijd) of a case: from the day of receipt to the day of decision, minus its suspended
  days (``opgeschort``, calendar days as a ZGW opschorting and Awb art. 4:15 count them): the decision day
  is moved back by the suspension and the days are then counted in the norm's kind (working days per the
  Atw, or calendar days), never below 0. The day of receipt does not count;
- a case is within the norm when its lead time <= the norm's ``termijn``;
- the share within the norm is over the cases DECIDED in the period; cases still open at the period's end
  whose lead time so far exceeds the term are counted separately (``open_over_termijn``);
- median: the middle value of the sorted lead times (the mean of the two middle ones for an even count);
  the 90th percentile by the nearest-rank method: the value at rank ceil(0.9 × n) of the sorted lead times;
- volume: the number of cases RECEIVED in the period, against ``volume_min``..``volume_max``;
- quality: the measurements that start in the period (their mean) if there are any, else the mean satisfaction score of the cases decided in
  the period that have one, against ``minimumscore``;
- availability: the measurements (Meting) that start in the period (their mean) against ``streefpercentage``;
- verdict: gehaald / niet_gehaald / geen_gegevens (no decided cases, no scores or no measurement);
- trend against the previous period: beter / slechter / gelijk (by the share within the norm; for quality
  and availability by the measured value; volume has none), ``None`` without two values.

All amounts are ``Decimal``; figures are rounded to one decimal (half up) here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from .kalender import kalenderdagen, werkdagen
from .perioden import Periode, gedekt

GEHAALD = "gehaald"
NIET_GEHAALD = "niet_gehaald"
GEEN_GEGEVENS = "geen_gegevens"
OORDEEL_LABELS = {GEHAALD: "Gehaald", NIET_GEHAALD: "Niet gehaald", GEEN_GEGEVENS: "Geen gegevens"}

BETER = "beter"
SLECHTER = "slechter"
GELIJK = "gelijk"
TREND_LABELS = {
    BETER: "beter dan de vorige periode",
    SLECHTER: "slechter dan de vorige periode",
    GELIJK: "gelijk",
}

EEN_DECIMAAL = Decimal("0.1")
HONDERD = Decimal(100)


def afronden(waarde: Decimal) -> Decimal:
    """One decimal, half up: the only rounding of the figures."""
    return waarde.quantize(EEN_DECIMAAL, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Zaakgegevens:
    """What the core needs of one case."""

    ontvangen: dt.date
    besloten: dt.date | None = None
    opgeschort: int = 0
    tevredenheid: Decimal | None = None


@dataclass(frozen=True)
class Norm:
    """A norm as the core sees it (the fields of ``Dienstnorm``)."""

    soort: str  # doorlooptijd / beschikbaarheid / kwaliteit / volume
    termijn: int | None = None
    dagsoort: str = "werkdagen"
    streefpercentage: Decimal | None = None
    minimumscore: Decimal | None = None
    volume_min: int | None = None
    volume_max: int | None = None


@dataclass(frozen=True)
class Periodecijfers:
    """The figures of one norm in one period."""

    periode: Periode
    oordeel: str
    afgesloten: bool  # the period has ended (its end lies before the reference day)
    ontvangen: int = 0  # cases received in the period
    besloten: int = 0  # cases decided in the period (the base of the share)
    binnen_norm: int = 0
    percentage_binnen_norm: Decimal | None = None
    mediaan: Decimal | None = None
    p90: int | None = None
    open_over_termijn: int = 0
    waarde: Decimal | None = None  # the measured value for quality (score), availability (%), volume (count)
    trend: str | None = None
    doorlooptijden: tuple[int, ...] = field(default=(), repr=False)

    @property
    def oordeel_label(self) -> str:
        return OORDEEL_LABELS[self.oordeel]

    @property
    def vergelijkwaarde(self) -> Decimal | None:
        """The value the trend compares: the share within the norm, else the measured value."""
        return self.percentage_binnen_norm if self.percentage_binnen_norm is not None else self.waarde


def doorlooptijd(ontvangen: dt.date, tot: dt.date, opgeschort: int, dagsoort: str) -> int:
    """Lead time from ``ontvangen`` to ``tot`` minus ``opgeschort`` calendar days, in ``dagsoort``."""
    eind = tot - dt.timedelta(days=max(opgeschort, 0))
    if dagsoort == "kalenderdagen":
        return kalenderdagen(ontvangen, eind)
    return werkdagen(ontvangen, eind)


def mediaan(waarden: Sequence[int]) -> Decimal | None:
    """The median (mean of the two middle values for an even count), rounded to one decimal."""
    if not waarden:
        return None
    rij = sorted(waarden)
    n = len(rij)
    midden = n // 2
    if n % 2:
        return afronden(Decimal(rij[midden]))
    return afronden((Decimal(rij[midden - 1]) + Decimal(rij[midden])) / 2)


def percentiel(waarden: Sequence[int], p: int) -> int | None:
    """The ``p``-th percentile (0 < p <= 100) by the nearest-rank method: the value at rank ceil(p/100 × n)."""
    if not 0 < p <= 100:
        raise ValueError("p ligt tussen 0 (exclusief) en 100")
    if not waarden:
        return None
    rij = sorted(waarden)
    rang = math.ceil(p * len(rij) / 100)
    return rij[max(rang, 1) - 1]


def percentage(deel: int, geheel: int) -> Decimal | None:
    if geheel <= 0:
        return None
    return afronden(Decimal(deel) * HONDERD / Decimal(geheel))


def bereken(
    norm: Norm,
    zaken: Iterable[Zaakgegevens],
    periode: Periode,
    *,
    vandaag: dt.date,
    meting: Decimal | None = None,
) -> Periodecijfers:
    """The figures of ``norm`` in ``periode`` from ``zaken`` (the cases of that service and partner; cases
    outside the period are ignored) and, for availability or quality, ``meting`` (a measurement)."""
    alle = list(zaken)
    afgesloten = periode.eind < vandaag
    ontvangen = sum(1 for z in alle if periode.bevat(z.ontvangen))
    besloten_zaken = [z for z in alle if z.besloten is not None and periode.bevat(z.besloten)]
    basis = Periodecijfers(
        periode=periode,
        oordeel=GEEN_GEGEVENS,
        afgesloten=afgesloten,
        ontvangen=ontvangen,
        besloten=len(besloten_zaken),
    )

    if norm.soort == "doorlooptijd":
        termijn = norm.termijn if norm.termijn is not None else 0
        dagsoort = norm.dagsoort or "werkdagen"
        tijden = tuple(
            doorlooptijd(z.ontvangen, z.besloten, z.opgeschort, dagsoort)  # type: ignore[arg-type]
            for z in besloten_zaken
        )
        binnen = sum(1 for t in tijden if t <= termijn)
        # Still open at the period's end (received by then, not decided by then) and over the term already.
        peildag = min(periode.eind, vandaag)
        open_over = sum(
            1
            for z in alle
            if z.ontvangen <= peildag
            and (z.besloten is None or z.besloten > peildag)
            and doorlooptijd(z.ontvangen, peildag, z.opgeschort, dagsoort) > termijn
        )
        aandeel = percentage(binnen, len(tijden))
        if aandeel is None:
            oordeel = GEEN_GEGEVENS
        else:
            streef = norm.streefpercentage if norm.streefpercentage is not None else HONDERD
            oordeel = GEHAALD if aandeel >= streef else NIET_GEHAALD
        return replace(
            basis,
            oordeel=oordeel,
            binnen_norm=binnen,
            percentage_binnen_norm=aandeel,
            mediaan=mediaan(tijden),
            p90=percentiel(tijden, 90),
            open_over_termijn=open_over,
            doorlooptijden=tijden,
        )

    if norm.soort == "volume":
        # a period still running can be over the band already, but is below it only once it is complete
        te_laag = norm.volume_min is not None and ontvangen < norm.volume_min and afgesloten
        te_hoog = norm.volume_max is not None and ontvangen > norm.volume_max
        geen_band = norm.volume_min is None and norm.volume_max is None
        oordeel = GEEN_GEGEVENS if geen_band else (NIET_GEHAALD if te_laag or te_hoog else GEHAALD)
        return replace(basis, oordeel=oordeel, waarde=Decimal(ontvangen))

    if norm.soort == "kwaliteit":
        waarde = meting
        if waarde is None:
            scores = [z.tevredenheid for z in besloten_zaken if z.tevredenheid is not None]
            waarde = sum(scores, Decimal(0)) / len(scores) if scores else None
        if waarde is None or norm.minimumscore is None:
            return replace(basis, waarde=None if waarde is None else afronden(waarde))
        waarde = afronden(waarde)
        return replace(basis, oordeel=GEHAALD if waarde >= norm.minimumscore else NIET_GEHAALD, waarde=waarde)

    if norm.soort == "beschikbaarheid":
        if meting is None or norm.streefpercentage is None:
            return replace(basis, waarde=None if meting is None else afronden(meting))
        waarde = afronden(meting)
        return replace(
            basis, oordeel=GEHAALD if waarde >= norm.streefpercentage else NIET_GEHAALD, waarde=waarde
        )

    raise ValueError(f"onbekende normsoort {norm.soort!r}")


def trend(vorige: Periodecijfers | None, huidige: Periodecijfers, soort: str) -> str | None:
    """Better, worse or equal against the previous period (``None`` for volume or without two values)."""
    if vorige is None or soort == "volume":
        return None
    a, b = vorige.vergelijkwaarde, huidige.vergelijkwaarde
    if a is None or b is None:
        return None
    if b > a:
        return BETER
    if b < a:
        return SLECHTER
    return GELIJK


def meting_van(metingen: Mapping[dt.date, Decimal], periode: Periode) -> Decimal | None:
    """The mean of the measurements that start in ``periode`` (unrounded), or None without one."""
    waarden = [w for dag, w in metingen.items() if periode.bevat(dag)]
    return sum(waarden, Decimal(0)) / len(waarden) if waarden else None


def reeks(
    norm: Norm,
    zaken: Iterable[Zaakgegevens],
    perioden: Sequence[Periode],
    *,
    vandaag: dt.date,
    metingen: Mapping[dt.date, Decimal] | None = None,
    bereiken: Sequence[tuple[dt.date, dt.date]] | None = None,
) -> list[Periodecijfers]:
    """The figures for each of ``perioden`` (consecutive, in order), each with its trend against the one
    before. ``metingen`` maps the first day of a measurement (``Meting.periode_van``) to its value; a period
    takes the mean of the measurements that start in it (one per quarter, or three monthly ones).
    ``bereiken`` are the date ranges case data was imported for (None: everything is covered); a period they
    do not cover has no case figures ("geen gegevens"), so a period not yet imported never counts as 0 cases."""
    alle = list(zaken)
    metingen = metingen or {}
    result: list[Periodecijfers] = []
    for p in perioden:
        if bereiken is not None and not gedekt(p, bereiken, vandaag=vandaag):
            # no cases known for the period: a lead time or a score has nothing to measure; a volume is unknown
            cijfers = bereken(norm, [], p, vandaag=vandaag, meting=meting_van(metingen, p))
            if norm.soort == "volume":
                cijfers = replace(cijfers, oordeel=GEEN_GEGEVENS, waarde=None)
        else:
            cijfers = bereken(norm, alle, p, vandaag=vandaag, meting=meting_van(metingen, p))
        vorige = result[-1] if result else None
        result.append(_met_trend(cijfers, trend(vorige, cijfers, norm.soort)))
    return result


def _met_trend(c: Periodecijfers, t: str | None) -> Periodecijfers:
    return replace(c, trend=t)


def twee_op_rij_gemist(cijfers: Sequence[Periodecijfers]) -> list[tuple[Periodecijfers, Periodecijfers]]:
    """Every pair of consecutive completed periods in which the norm was not met in both (``cijfers`` in
    period order, consecutive). A period without data breaks a run."""
    paren = []
    for vorige, huidige in itertools.pairwise(cijfers):
        if (
            vorige.afgesloten
            and huidige.afgesloten
            and vorige.oordeel == NIET_GEHAALD
            and huidige.oordeel == NIET_GEHAALD
        ):
            paren.append((vorige, huidige))
    return paren
