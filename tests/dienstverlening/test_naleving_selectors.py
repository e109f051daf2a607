"""Selectors of compliance: whose cases measure which afspraak, the figures per partner × service × norm
× period, and what each role sees of them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from seta.dienstverlening import naleving_selectors as sel
from seta.dienstverlening.models import Meting

from . import naleving_fixtures as f

pytestmark = pytest.mark.django_db


def _zaken_bel(nw: f.NalevingWereld) -> None:
    paspoort = f.item("bel", "paspoort")
    imp = f.importeer(nw.bel, None, dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    for g, binnen in ((nw.laren, 10), (nw.blaricum, 8), (nw.eemnes, 9)):
        f.zaken_in_kwartaal(imp, nw.omgevingsvergunning, g, jaar=2025, kwartaal=1, binnen=binnen)
        f.zaken_in_kwartaal(imp, nw.omgevingsvergunning, g, jaar=2025, kwartaal=2, binnen=binnen - 1)
        f.zaken_in_kwartaal(imp, paspoort, g, jaar=2025, kwartaal=1, aantal=4, binnen=4)


def test_a_partner_dvo_measures_only_that_partners_cases(nw: f.NalevingWereld, actor_named) -> None:
    _zaken_bel(nw)
    regels = sel.naleving_van(actor_named("directeur.bel"), nw.dvo_laren, vandaag=f.VANDAAG)
    assert [(r.gemeente.naam, r.norm.pk) for r in regels] == [("Laren", nw.norm_laren.pk)]
    k1, k2 = regels[0].cijfers[:2]
    assert (k1.periode.label, k1.besloten, k1.percentage_binnen_norm, k1.oordeel) == (
        "2025 K1",
        10,
        Decimal("100.0"),
        "gehaald",
    )
    assert (k2.besloten, k2.percentage_binnen_norm, k2.oordeel, k2.trend) == (
        10,
        Decimal("90.0"),
        "niet_gehaald",
        "slechter",
    )
    assert k2.mediaan == Decimal("20.0") and k2.p90 == 20
    # the DVO started in 2025: periods 2025 K1 up to the current one (2026 K1 on 1 March 2026)
    assert [c.periode.label for c in regels[0].cijfers][-1] == "2026 K1"
    assert regels[0].cijfers[-1].afgesloten is False


def test_a_joint_dvo_applies_to_every_partner_and_an_annex_to_one(nw: f.NalevingWereld, actor_named) -> None:
    _zaken_bel(nw)
    annex = f.doorlooptijdnorm(
        nw.dvo_bel, nw.omgevingsvergunning, partner=nw.eemnes, omschrijving="Bijlage Eemnes"
    )
    regels = sel.naleving_van(actor_named("controller.bel"), nw.dvo_bel, vandaag=f.VANDAAG)
    paren = sorted((r.gemeente.naam, r.norm.omschrijving) for r in regels)
    assert paren == [
        ("Blaricum", "Paspoort binnen 5 werkdagen"),
        ("Eemnes", "Bijlage Eemnes"),
        ("Eemnes", "Paspoort binnen 5 werkdagen"),
        ("Laren", "Paspoort binnen 5 werkdagen"),
    ]
    eemnes = next(r for r in regels if r.norm.pk == annex.pk)
    assert eemnes.cijfers[0].besloten == 10 and eemnes.cijfers[0].binnen_norm == 9


def test_a_municipality_role_sees_its_own_partner_in_a_non_public_joint_dvo(
    nw: f.NalevingWereld, actor_named
) -> None:
    _zaken_bel(nw)
    nw.dvo_bel.openbaar = False
    nw.dvo_bel.save()
    raadslid = actor_named("raadslid.laren")
    assert {r.gemeente.naam for r in sel.naleving_van(raadslid, nw.dvo_bel, vandaag=f.VANDAAG)} == {"Laren"}
    nw.dvo_bel.openbaar = True
    nw.dvo_bel.save()
    assert {r.gemeente.naam for r in sel.naleving_van(raadslid, nw.dvo_bel, vandaag=f.VANDAAG)} == {
        "Blaricum",
        "Eemnes",
        "Laren",
    }


def test_which_dvos_each_role_may_see(nw: f.NalevingWereld, actor_named) -> None:
    def kenmerken(naam: str) -> set[str]:
        return set(
            sel.dvos_voor_naleving(actor_named(naam))
            .filter(kenmerk__startswith="DVO-")
            .values_list("kenmerk", flat=True)
        )

    assert kenmerken("raadslid.laren") == {"DVO-BEL-LAR", "DVO-BEL"}
    assert kenmerken("regisseur.blaricum") == {"DVO-BEL-BLA", "DVO-BEL"}
    assert kenmerken("teamleider.bel") == {"DVO-BEL-LAR", "DVO-BEL-BLA", "DVO-BEL"}
    assert kenmerken("medewerker.bel") == set()
    assert kenmerken("directeur.kempen") == {"DVO-KEMPEN-BER"}
    assert kenmerken("raadslid.eersel") == set()
    assert kenmerken("beheerder") == {"DVO-BEL-LAR", "DVO-BEL-BLA", "DVO-BEL", "DVO-KEMPEN-BER"}


def test_a_measurement_gives_availability_and_overrides_the_case_scores(
    nw: f.NalevingWereld, actor_named
) -> None:
    paspoort = f.item("bel", "paspoort")
    beschikbaar = f.norm_van_soort(nw.dvo_bel, paspoort, "beschikbaarheid", streefpercentage=Decimal("99"))
    kwaliteit = f.norm_van_soort(nw.dvo_bel, paspoort, "kwaliteit", minimumscore=Decimal("7.0"))
    volume = f.norm_van_soort(nw.dvo_bel, paspoort, "volume", volume_min=2, volume_max=3)
    imp = f.importeer(nw.bel, None, dt.date(2025, 1, 1), dt.date(2025, 3, 31))
    f.zaken_in_kwartaal(imp, paspoort, nw.laren, jaar=2025, kwartaal=1, aantal=4, tevredenheid=Decimal("7.5"))
    Meting.objects.create(
        norm=beschikbaar,
        gemeente=nw.laren,
        periode_van=dt.date(2025, 1, 1),
        periode_tot=dt.date(2025, 3, 31),
        waarde=Decimal("98.2"),
        bron="Monitor",
    )
    regels = {
        r.norm.pk: r
        for r in sel.naleving_van(
            actor_named("directeur.bel"), nw.dvo_bel, gemeente_id=nw.laren.pk, vandaag=f.VANDAAG
        )
    }
    k1 = {pk: r.cijfers[0] for pk, r in regels.items()}
    assert (k1[beschikbaar.pk].waarde, k1[beschikbaar.pk].oordeel) == (Decimal("98.2"), "niet_gehaald")
    assert (k1[kwaliteit.pk].waarde, k1[kwaliteit.pk].oordeel) == (Decimal("7.5"), "gehaald")
    assert (k1[volume.pk].waarde, k1[volume.pk].oordeel) == (Decimal("4"), "niet_gehaald")
    assert regels[beschikbaar.pk].cijfers[1].oordeel == "geen_gegevens"


def test_the_home_panel_list(nw: f.NalevingWereld, actor_named) -> None:
    imp = f.importeer(nw.bel, None, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    f.zaken_in_kwartaal(imp, nw.omgevingsvergunning, nw.laren, jaar=2025, kwartaal=4, binnen=5)
    f.zaken_in_kwartaal(imp, nw.omgevingsvergunning, nw.blaricum, jaar=2025, kwartaal=4, binnen=5)
    pool = {
        (r.dvo.kenmerk, r.gemeente.naam)
        for r in sel.niet_gehaald_voor(actor_named("directeur.bel"), vandaag=f.VANDAAG)
    }
    assert pool == {("DVO-BEL-LAR", "Laren"), ("DVO-BEL-BLA", "Blaricum")}
    raad = {
        (r.dvo.kenmerk, r.gemeente.naam)
        for r in sel.niet_gehaald_voor(actor_named("raadslid.laren"), vandaag=f.VANDAAG)
    }
    assert raad == {("DVO-BEL-LAR", "Laren")}
