"""The estimate of a harmonisation proposal from the database: the input of the pure core (``kern/raming.py``) and
its result as the JSON frozen on the proposal when it is sent (``Harmonisatievoorstel.raming``).

- **Hours of one plan** (``H``): the leading assignment's estimate (``raming_uren``), else the mean approved hours of
  the catalogue item's delivered assignments (``nacalculatie.herhaling``). Neither: no estimate ("geen uren").
- **Repetition advantage**: where the item's learning curve is measured, ``1 − leerfactor`` (what each doubling
  saves); else :data:`STANDAARD_HERHALINGSVOORDEEL`.
- **Coordination**: :data:`STANDAARD_COORDINATIE` per extra partner.
- **Tariff**: the pool's integral hourly tariff of the year (``financien.selectors.uurtarief_for``); None: the
  estimate shows hours only and says "geen tarief" (never an invented one).
- **Shares**: the verdeelmodel's key for joint products (``financien.selectors.kostensleutel``); equal when none.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from django.utils import timezone

from seta.autorisaties.actor import Actor
from seta.financien import selectors as financien_selectors
from seta.gemeenten.models import Gemeente
from seta.harmonisatie.kern.model import Raming, Ramingsinvoer
from seta.harmonisatie.kern.raming import raam
from seta.nacalculatie import herhaling  # public for this read: see pyproject's app-nacalculatie contract
from seta.opdrachten.models import Bestuursopdracht
from seta.samenwerkingsverbanden.models import Samenwerkingsverband

#: The repetition advantage when the item has no measured learning curve: 20 % of the hours saved on each further
#: plan made with the same information base. The pool's rule of thumb for a repeated product (the seed's "we doen
#: het een keer goed en daarna sneller"); a learning factor of 80 % is the classic value in the literature on
#: learning curves (Wright), so the default agrees with what ``nacalculatie`` measures where it can.
STANDAARD_HERHALINGSVOORDEEL = Fraction(1, 5)

#: The extra share of one plan that a joint plan costs per extra partner: 10 %, for aligning one more college
#: (one more round of comments, one more portfolio holder in the joint meeting). A deliberately modest default so the
#: joint option is not flattered; the proposal's text may say more.
STANDAARD_COORDINATIE = Fraction(1, 10)

OPTIE_LABELS = {
    "apart": "Ieder apart",
    "parallel": "Parallel",
    "gezamenlijk": "Gezamenlijk",
}


def _tekst(d: Decimal | None) -> str | None:
    return None if d is None else f"{d:f}"


def uren_per_plan(
    actor: Actor, leidende_opdracht: Bestuursopdracht | None, catalogusitem: Any
) -> tuple[Decimal | None, str]:
    """``H`` and where it came from (Dutch)."""
    if leidende_opdracht is not None and leidende_opdracht.raming_uren:
        return leidende_opdracht.raming_uren, f"de raming van {leidende_opdracht.nummer}"
    if catalogusitem is not None:
        opdrachten = herhaling.opgeleverde_opdrachten(actor, catalogusitem)
        uren = herhaling.goedgekeurde_uren([o.pk for o in opdrachten])
        if uren:
            gemiddeld = (sum(uren.values(), Decimal(0)) / len(uren)).quantize(Decimal("0.1"), ROUND_HALF_UP)
            n = len(uren)
            return gemiddeld, (
                f"het gemiddelde van {n} opgeleverde opdracht{'' if n == 1 else 'en'} '{catalogusitem.naam}'"
            )
    return None, "geen raming en geen opgeleverde opdrachten met goedgekeurde uren"


def herhalingsvoordeel(actor: Actor, catalogusitem: Any) -> tuple[Fraction, str]:
    if catalogusitem is not None and herhaling.mag_zien(actor, catalogusitem):
        curve = herhaling.herhalingsvoordeel_for(actor, catalogusitem).curve
        if curve is not None and 0 < curve.leerfactor < 1:
            voordeel = Fraction(1) - Fraction(str(round(curve.leerfactor, 3)))
            return voordeel, f"gemeten: leercurve van {curve.punten} opdrachten '{catalogusitem.naam}'"
    return STANDAARD_HERHALINGSVOORDEEL, "standaardwaarde 20 %, geen leercurve gemeten"


def bouw_invoer(
    actor: Actor,
    *,
    samenwerkingsverband: Samenwerkingsverband,
    gemeenten: list[Gemeente],
    leidende_opdracht: Bestuursopdracht | None,
    catalogusitem: Any,
    jaar: int | None = None,
) -> tuple[Ramingsinvoer | None, dict[str, Any]]:
    """The core's input (None without hours of one plan) and the sources, for the frozen JSON."""
    jaar = jaar or timezone.localdate().year
    h, urenbron = uren_per_plan(actor, leidende_opdracht, catalogusitem)
    eenheid_id = (
        catalogusitem.eenheid_id
        if catalogusitem is not None
        else (leidende_opdracht.eenheid_id if leidende_opdracht is not None else None)
    )
    tarief = financien_selectors.uurtarief_for(actor, samenwerkingsverband.pk, jaar, eenheid_id)
    voordeel, herhalingsbron = herhalingsvoordeel(actor, catalogusitem)
    sleutel = financien_selectors.kostensleutel(samenwerkingsverband, jaar, [g.pk for g in gemeenten])
    aandelen = {g.naam: Fraction(sleutel.aandelen[g.pk]) for g in gemeenten if g.pk in sleutel.aandelen}
    bronnen: dict[str, Any] = {
        "jaar": jaar,
        "gemeenten": [g.naam for g in gemeenten],
        "urenPerPlan": _tekst(h),
        "urenbron": urenbron,
        "tarief": _tekst(tarief),
        "tariefbron": f"integraal uurtarief {jaar}" if tarief is not None else f"geen tarief voor {jaar}",
        "herhalingsvoordeel": str(voordeel),
        "herhalingsbron": herhalingsbron,
        "coordinatie": str(STANDAARD_COORDINATIE),
        "verdeelsleutel": (
            f"verdeelmodel {sleutel.model}: {sleutel.methode}"
            if aandelen
            else "gelijke delen (geen verdeelsleutel)"
        ),
    }
    if h is None:
        return None, bronnen
    return (
        Ramingsinvoer(
            uren_per_plan=h,
            gemeenten=tuple(g.naam for g in gemeenten),
            tarief=tarief if tarief is not None else Decimal(0),
            herhalingsvoordeel=voordeel,
            herhalingsbron=herhalingsbron,
            coordinatie_per_extra_partner=STANDAARD_COORDINATIE,
            aandelen=aandelen,
        ),
        bronnen,
    )


def als_json(raming: Raming | None, bronnen: dict[str, Any]) -> dict[str, Any]:
    """The estimate as stored on the proposal (camelCase, decimals as strings; costs None without a tariff)."""
    met_tarief = bronnen.get("tarief") is not None
    opties: list[dict[str, Any]] = []
    if raming is not None:
        apart = raming.optie("apart")
        for o in raming.opties:
            opties.append(
                {
                    "optie": o.optie,
                    "label": OPTIE_LABELS[o.optie],
                    "uren": _tekst(o.uren),
                    "besparingUren": _tekst(o.besparing_uren),
                    "kosten": _tekst(o.kosten) if met_tarief else None,
                    "besparingKosten": _tekst(apart.kosten - o.kosten) if met_tarief else None,
                    "kostenPerGemeente": (
                        {g: _tekst(k) for g, k in o.kosten_per_gemeente.items()} if met_tarief else {}
                    ),
                    "toelichting": o.toelichting,
                }
            )
    return {**bronnen, "opties": opties}


def voor_voorstel(actor: Actor, voorstel: Any) -> dict[str, Any]:
    """The estimate of ``voorstel`` now (its partijen in order), as JSON."""
    partijen = list(voorstel.partijen.select_related("gemeente").all())
    invoer, bronnen = bouw_invoer(
        actor,
        samenwerkingsverband=voorstel.samenwerkingsverband,
        gemeenten=[p.gemeente for p in partijen],
        leidende_opdracht=voorstel.leidende_opdracht,
        catalogusitem=voorstel.catalogusitem,
    )
    return als_json(raam(invoer) if invoer is not None else None, bronnen)
