"""The demo's DVOs and two years of cases show met and missed norms, and the alerts the imports raised."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from seta.dienstverlening import naleving_selectors
from seta.dienstverlening.models import Dienstverleningsovereenkomst, Dvostatus, Zaak
from seta.signalen import selectors as signalen_selectors
from seta.signalen.models import Signaal

pytestmark = pytest.mark.django_db
PEILDATUM = dt.date(2026, 11, 2)


def _gemist(kenmerk: str) -> dict[tuple[str, str], list[str]]:
    dvo = Dienstverleningsovereenkomst.objects.get(kenmerk=kenmerk, status=Dvostatus.VASTGESTELD)
    regels = naleving_selectors.regels_voor_controle(
        dvo, perioden=naleving_selectors.perioden_van(dvo, vandaag=PEILDATUM), vandaag=PEILDATUM
    )
    return {
        (r.afspraak.catalogusitem.code, r.norm.soort): [
            c.periode.label for c in r.cijfers if c.oordeel == "niet_gehaald" and c.afgesloten
        ]
        for r in regels
    }


def test_every_bel_partner_has_an_adopted_dvo_with_at_least_eight_normed_services() -> None:
    for slug in ("blaricum", "eemnes", "laren"):
        dvo = Dienstverleningsovereenkomst.objects.get(gemeente__slug=slug, status=Dvostatus.VASTGESTELD)
        genormeerd = {a.catalogusitem_id for a in dvo.afspraken.all() if a.normen.exists()}
        assert len(genormeerd) >= 8, (slug, len(genormeerd))
        assert dvo.besluit_bestuur is not None and dvo.collegebesluiten.filter(gemeente__slug=slug).exists()


def test_two_years_of_cases_are_imported() -> None:
    zaken = Zaak.objects.filter(samenwerkingsverband__slug="bel")
    assert zaken.filter(ontvangen_op__year=2025).count() > 1000
    assert zaken.filter(ontvangen_op__year=2026).count() > 1000


def test_met_and_missed_norms_as_the_demo_describes_them() -> None:
    laren = _gemist("DVO-BEL-LAR")
    assert laren[("omgevingsvergunning", "doorlooptijd")] == ["2026 K2", "2026 K3"]
    assert _gemist("DVO-BEL-EEM")[("wmo-maatwerk", "doorlooptijd")] == ["2026 K1"]
    # most norms are met in every complete period
    assert sum(1 for gemist in laren.values() if not gemist) >= 10


def test_the_imports_raised_one_alert_for_the_norm_missed_twice_running(actor_named: Any) -> None:
    alerts = Signaal.objects.filter(samenwerkingsverband__slug="bel", soort="norm_gemist")
    assert {(s.doelgroep, s.gemeente.slug if s.gemeente else None) for s in alerts} == {
        ("pool", None),
        ("beleidsregisseur", "laren"),
    }
    (voor_regie,) = signalen_selectors.signalen_for(actor_named("regisseur.laren")).filter(
        soort="norm_gemist"
    )
    assert "Omgevingsvergunning bouwen, Laren" in voor_regie.tekst and "2026 K2" in voor_regie.tekst
    assert (
        not signalen_selectors.signalen_for(actor_named("regisseur.eemnes"))
        .filter(soort="norm_gemist")
        .exists()
    )
