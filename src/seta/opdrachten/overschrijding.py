"""Does the pool's estimate (raming) exceed the frame (budgetkader)? Pure Python, no Django.

The college that agrees to an estimate must see what it agrees to: the hours above ``max_uren`` and, at the
cooperation's hourly tariff, what they cost; the external costs above ``max_euro`` (the budget frame in euros is for
external costs, the pool's hours are framed by ``max_uren``); and, for information, the estimate's total cost
(hours × tariff + external costs). Without a tariff for the year the euros of the hours are unknown, and this says so — it never
invents a tariff.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

CENT = Decimal("0.01")


def _euro(bedrag: Decimal) -> str:
    """Dutch notation: € 12.345,67 (€ 12.345 when whole)."""
    bedrag = bedrag.quantize(CENT)
    heel, _, cent = f"{bedrag:,.2f}".partition(".")
    heel = heel.replace(",", ".")
    return f"€ {heel}" if cent == "00" else f"€ {heel},{cent}"


def _uren(uren: Decimal) -> str:
    return f"{uren.normalize():f}".replace(".", ",")


@dataclass(frozen=True)
class Overschrijding:
    """The overrun of an estimate against its frame (all amounts in euro, excl. btw)."""

    uren_boven_kader: Decimal | None  # estimated hours above max_uren (None: within or no hour frame)
    euro_uren_boven_kader: Decimal | None  # those hours at the tariff (None: no tariff)
    kosten_raming: Decimal | None  # hours × tariff + external costs (None: no tariff)
    euro_boven_kader: Decimal | None  # external costs above max_euro (None: within or no euro frame)
    uurtarief: Decimal | None
    tariefjaar: int

    @property
    def overschreden(self) -> bool:
        return self.uren_boven_kader is not None or self.euro_boven_kader is not None

    @property
    def melding(self) -> str:
        """One Dutch sentence for the deciding college (empty when the estimate stays within the frame)."""
        if not self.overschreden:
            return ""
        delen = []
        if self.uren_boven_kader is not None:
            deel = f"{_uren(self.uren_boven_kader)} uur boven het kader"
            if self.euro_uren_boven_kader is not None and self.uurtarief is not None:
                deel += (
                    f" ({_euro(self.euro_uren_boven_kader)} tegen het uurtarief van {_euro(self.uurtarief)}"
                    f" voor {self.tariefjaar})"
                )
            else:
                deel += (
                    f" (er is geen uurtarief voor {self.tariefjaar} vastgesteld, dus het bedrag is onbekend)"
                )
            delen.append(deel)
        if self.euro_boven_kader is not None:
            delen.append(f"{_euro(self.euro_boven_kader)} externe kosten boven het budgetkader")
        return "De raming overschrijdt het kader: " + "; ".join(delen) + "."

    def als_dict(self) -> dict[str, str | int | None]:
        """JSON-safe (stored on the history row of the decision; the API camelizes the keys)."""

        def s(d: Decimal | None) -> str | None:
            return None if d is None else str(d)

        return {
            "uren_boven_kader": s(self.uren_boven_kader),
            "euro_uren_boven_kader": s(self.euro_uren_boven_kader),
            "kosten_raming": s(self.kosten_raming),
            "euro_boven_kader": s(self.euro_boven_kader),
            "uurtarief": s(self.uurtarief),
            "tariefjaar": self.tariefjaar,
            "melding": self.melding,
        }


def bereken(
    *,
    max_uren: Decimal | None,
    max_euro: Decimal | None,
    raming_uren: Decimal | None,
    raming_externe_kosten: Decimal | None,
    uurtarief: Decimal | None,
    tariefjaar: int,
) -> Overschrijding:
    """The overrun of the estimate against the frame at ``uurtarief`` (None: no tariff for ``tariefjaar``)."""
    uren = raming_uren or Decimal(0)
    extern = raming_externe_kosten or Decimal(0)
    boven_uren = uren - max_uren if max_uren is not None and uren > max_uren else None
    euro_uren = (
        (boven_uren * uurtarief).quantize(CENT) if boven_uren is not None and uurtarief is not None else None
    )
    kosten = (uren * uurtarief + extern).quantize(CENT) if uurtarief is not None else None
    # The euro frame is the budget for external costs: the pool's own hours are framed by max_uren.
    boven_euro = (extern - max_euro).quantize(CENT) if max_euro is not None and extern > max_euro else None
    return Overschrijding(boven_uren, euro_uren, kosten, boven_euro, uurtarief, tariefjaar)
