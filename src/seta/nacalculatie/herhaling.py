"""The repetition advantage (herhalingsvoordeel) of a catalogue item: the actual hours of its successive delivered
assignments and their learning curve (pure core ``nacalculatie/kern/leercurve.py``), for the pool when it estimates.

- **Which assignments**: those of the item (in the item's cooperation) that were delivered: state ``opgeleverd``
  or ``vastgesteld`` (``opdrachten.lifecycle``) with a delivery date, in order of ``opgeleverd_op`` (then id);
  the first is repetition 1. Only assignments the actor may read count
  (``opdrachten.selectors.bestuursopdrachten_for``): a partner's confidential assignment stays out for whoever
  may not read it.
- **Which hours**: the *approved* hours booked on each, from the summary of approved hours
  (``uren.Urenoverzicht``, ADR 0033). A delivered assignment's hours are final once approved; a week not yet
  approved may still change. An assignment without approved hours counts as a repetition but gives no point.
- **Who**: the rule ``herhalingsvoordeel.lezen`` (``autorisaties/policy/herhaling.py``): the pool of the item's
  cooperation and the beheerder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.catalogus.models import Catalogusitem
from seta.core.errors import Forbidden
from seta.nacalculatie.kern.leercurve import MINIMUM_PUNTEN, Leercurve, OnvoldoendeGegevens, Uitkomst, fit
from seta.opdrachten import lifecycle
from seta.opdrachten import selectors as opdrachten_selectors
from seta.opdrachten.models import Bestuursopdracht
from seta.uren.models import Urenoverzicht

OPGELEVERD = (lifecycle.OPGELEVERD, lifecycle.VASTGESTELD)
TELWOORDEN = {1: "één", 2: "twee", 3: "drie"}


@dataclass(frozen=True)
class Herhaling:
    """One delivered assignment of the item: its repetition number and its approved hours (None: none)."""

    n: int
    opdracht: Bestuursopdracht
    uren: Decimal | None
    verwacht: Decimal | None = None  # hours of repetition n on the fitted curve

    @property
    def uren_tekst(self) -> str:
        return uren_tekst(self.uren)

    @property
    def verwacht_tekst(self) -> str:
        return uren_tekst(self.verwacht)


@dataclass(frozen=True)
class Herhalingsvoordeel:
    catalogusitem: Catalogusitem
    herhalingen: list[Herhaling]
    uitkomst: Uitkomst
    minimum: int = MINIMUM_PUNTEN
    laatste: list[Herhaling] = field(default_factory=list)  # the last three with hours

    @property
    def curve(self) -> Leercurve | None:
        return self.uitkomst if isinstance(self.uitkomst, Leercurve) else None

    @property
    def voldoende(self) -> bool:
        return self.curve is not None

    @property
    def samenvatting(self) -> str:
        """The one Dutch sentence on the estimate form and the item page."""
        if isinstance(self.uitkomst, OnvoldoendeGegevens):
            aantal = self.uitkomst.punten
            zonder = self.uitkomst.herhalingen - aantal
            tekst = (
                f"Onvoldoende gegevens: {aantal} eerder opgeleverde opdracht{'' if aantal == 1 else 'en'}"
                f"{' met goedgekeurde uren' if zonder else ''} (minimaal {self.minimum})"
            )
            if zonder:
                tekst += (
                    f"; {zonder} opgeleverde opdracht{'' if zonder == 1 else 'en'} zonder goedgekeurde uren"
                )
            return tekst + "."
        curve = self.uitkomst
        uren = [uren_tekst(h.uren) for h in self.laatste]
        lijst = uren[0] if len(uren) == 1 else f"{', '.join(uren[:-1])} en {uren[-1]}"
        telwoord = TELWOORDEN.get(len(uren), str(len(uren)))
        return (
            f"De laatste {telwoord} opdrachten '{self.catalogusitem.naam}' kostten {lijst} uur; "
            f"leercurve: elke verdubbeling {curve.leerfactor_procent} % "
            f"(R² {str(curve.r2_afgerond).replace('.', ',')}, {curve.punten} opdrachten); "
            f"verwachting voor de volgende: {uren_tekst(curve.voorspelling_uren)} uur."
        )


def uren_tekst(uren: Decimal | None) -> str:
    """Whole hours in Dutch notation (``1.234``); "—" for none."""
    if uren is None:
        return "—"
    return f"{uren.quantize(Decimal(1), rounding=ROUND_HALF_UP):,}".replace(",", ".")


def mag_zien(actor: Actor, catalogusitem: Catalogusitem) -> bool:
    return policy.can(actor, "herhalingsvoordeel.lezen", catalogusitem)


def opgeleverde_opdrachten(actor: Actor, catalogusitem: Catalogusitem) -> list[Bestuursopdracht]:
    """The item's delivered assignments the actor may read, in order of delivery."""
    return list(
        opdrachten_selectors.bestuursopdrachten_for(actor)
        .filter(
            catalogusitem=catalogusitem,
            samenwerkingsverband_id=catalogusitem.samenwerkingsverband_id,
            status__in=OPGELEVERD,
            opgeleverd_op__isnull=False,
        )
        .order_by("opgeleverd_op", "pk")
    )


def goedgekeurde_uren(opdracht_ids: list[int]) -> dict[int, Decimal]:
    """Approved hours per assignment, from the summary (one GROUP BY)."""
    rows = (
        Urenoverzicht.objects.filter(opdracht_id__in=opdracht_ids)
        .values("opdracht_id")
        .annotate(totaal=Sum("uren"))
        .order_by()
    )
    return {r["opdracht_id"]: r["totaal"] for r in rows if r["totaal"]}


def herhalingsvoordeel_for(actor: Actor, catalogusitem: Catalogusitem) -> Herhalingsvoordeel:
    """The item's repetitions and learning curve as the actor may see them; Forbidden outside the pool.
    (The caller has read the item through ``catalogus.selectors``: an unreadable item is its 404.)"""
    if not mag_zien(actor, catalogusitem):
        raise Forbidden("Het herhalingsvoordeel is een hulpmiddel van de werkorganisatie bij het ramen.")
    opdrachten = opgeleverde_opdrachten(actor, catalogusitem)
    uren = goedgekeurde_uren([o.pk for o in opdrachten])
    herhalingen = [Herhaling(n=i, opdracht=o, uren=uren.get(o.pk)) for i, o in enumerate(opdrachten, start=1)]
    uitkomst = fit([h.uren for h in herhalingen])
    if isinstance(uitkomst, Leercurve):
        herhalingen = [
            Herhaling(n=h.n, opdracht=h.opdracht, uren=h.uren, verwacht=uitkomst.uren_afgerond(h.n))
            for h in herhalingen
        ]
    met_uren = [h for h in herhalingen if h.uren is not None]
    return Herhalingsvoordeel(
        catalogusitem=catalogusitem, herhalingen=herhalingen, uitkomst=uitkomst, laatste=met_uren[-3:]
    )
