"""Signals for the tests, raised as the services do (``signaleer`` by a system channel): one per doelgroep in
BEL (pool; college of Laren; beleidsregisseur of Eemnes) and one for the pool of the Kempengemeenten."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from seta.autorisaties.actor import system_actor
from seta.gemeenten.models import Gemeente
from seta.samenwerkingsverbanden.models import Samenwerkingsverband
from seta.signalen import services
from seta.signalen.models import Signaal


@dataclass
class Signalen:
    pool: Signaal
    college_laren: Signaal
    regie_eemnes: Signaal
    pool_kempen: Signaal

    def alle(self) -> list[Signaal]:
        return [self.pool, self.college_laren, self.regie_eemnes, self.pool_kempen]


def _een(
    sv: Samenwerkingsverband, soort: str, onderwerp: str, ontvanger: tuple[str, Gemeente | None]
) -> Signaal:
    (signaal,) = services.signaleer(
        actor=system_actor("test"),
        samenwerkingsverband=sv,
        soort=soort,
        onderwerp=onderwerp,
        ontvangers=[ontvanger],
        titel=f"Test: {onderwerp}",
        tekst="Een signaal uit de test.",
        link="/opdrachten/",
    )
    return signaal


@pytest.fixture
def signalen(db: object) -> Signalen:
    bel = Samenwerkingsverband.objects.get(slug="bel")
    kempen = Samenwerkingsverband.objects.get(slug="kempen")
    return Signalen(
        pool=_een(bel, "raming_90", "test:pool", ("pool", None)),
        college_laren=_een(
            bel, "kader_overschreden", "test:college", ("college", Gemeente.objects.get(slug="laren"))
        ),
        regie_eemnes=_een(
            bel, "norm_gemist", "test:regie", ("beleidsregisseur", Gemeente.objects.get(slug="eemnes"))
        ),
        pool_kempen=_een(kempen, "raming_100", "test:kempen", ("pool", None)),
    )
