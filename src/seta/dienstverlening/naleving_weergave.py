"""Presentation of compliance figures: one flat row per period with Dutch text, shared by the pages,
the export and the API (the numbers themselves come from the pure core)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from seta.dienstverlening.meting import cijfers as kern
from seta.dienstverlening.meting import tekst
from seta.dienstverlening.naleving_selectors import Normregel, kern_norm

PIJL = {kern.BETER: "↑", kern.SLECHTER: "↓", kern.GELIJK: "→"}


@dataclass(frozen=True)
class Perioderij:
    regel: Normregel
    cijfers: kern.Periodecijfers

    @property
    def periode(self) -> str:
        return self.cijfers.periode.label

    @property
    def dagsoort(self) -> str:
        return self.regel.norm.dagsoort or "werkdagen"

    @property
    def is_doorlooptijd(self) -> bool:
        return self.regel.norm.soort == "doorlooptijd"

    @property
    def binnen_norm(self) -> str:
        return tekst.procent(self.cijfers.percentage_binnen_norm) if self.is_doorlooptijd else "–"

    @property
    def mediaan(self) -> str:
        return tekst.dagen(self.cijfers.mediaan, self.dagsoort) if self.is_doorlooptijd else "–"

    @property
    def p90(self) -> str:
        return tekst.dagen(self.cijfers.p90, self.dagsoort) if self.is_doorlooptijd else "–"

    @property
    def gemeten(self) -> str:
        """The measured figure in words (all kinds of norm)."""
        c = self.cijfers
        if self.is_doorlooptijd and c.percentage_binnen_norm is None:
            return "geen besloten zaken"
        if not self.is_doorlooptijd and c.waarde is None:
            return "geen meting"
        return tekst.waarde(kern_norm(self.regel.norm), c.percentage_binnen_norm, c.waarde)

    @property
    def oordeel(self) -> str:
        label = self.cijfers.oordeel_label
        return label if self.cijfers.afgesloten else f"{label} (periode loopt nog)"

    @property
    def oordeel_klasse(self) -> str:
        """The house status badge (the verdict is always also written out)."""
        kleur = {kern.GEHAALD: " seta-status--groen", kern.NIET_GEHAALD: " seta-status--rood"}
        return "seta-status" + kleur.get(self.cijfers.oordeel, "")

    @property
    def trend_pijl(self) -> str:
        return PIJL.get(self.cijfers.trend or "", "")

    @property
    def trend_tekst(self) -> str:
        return kern.TREND_LABELS.get(self.cijfers.trend or "", "geen vergelijking")


def normtekst(regel: Normregel) -> str:
    return tekst.normtekst(kern_norm(regel.norm))


def rijen(regel: Normregel, *, laatste: bool = False) -> list[Perioderij]:
    return [Perioderij(regel, c) for c in (regel.laatste if laatste else regel.cijfers)]


def getal(waarde: Decimal | int | None) -> str:
    return tekst.getal(waarde)
