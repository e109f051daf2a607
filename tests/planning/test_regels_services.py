"""Services of the planning rules: drafting with every field validated (Dutch, naming the field), adopting on a
board decision, versions (the earlier adopted one becomes vervangen), stale and missing versions, the audit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from seta.autorisaties.actor import Actor
from seta.core.errors import Conflict, Forbidden, InvalidInput, NotFound, PreconditionRequired, StaleVersion
from seta.core.models import AuditEvent
from seta.core.services import VERSION_REQUIRED
from seta.planning import lifecycle, selectors, services
from seta.planning.models import Planningsregels

from .regels_hulp import DB_BESLUIT, concept, sv, vastgesteld

pytestmark = pytest.mark.django_db
Actors = Callable[[str], Actor]


def test_the_demo_has_adopted_rules_for_2026_and_2027(actor_named: Actors) -> None:
    for jaar in (2026, 2027):
        r = vastgesteld(actor_named, jaar)
        assert (r.grondslag, r.meetperiode, r.drempel_procentpunt) == (
            "kostensleutel",
            "kwartaal",
            Decimal(5),
        )
        assert r.besluit_bestuur is not None and r.besluit_bestuur.orgaan == "dagelijks_bestuur"
        assert r.besluit_bestuur.onderwerp == "planningsregels" and r.besluit_bestuur.kenmerk
        assert selectors.regels_voor(sv(), jaar) == r


def test_a_concept_takes_the_defaults(actor_named: Actors) -> None:
    r = concept(actor_named)
    assert (r.status, r.volgnummer, r.uren_per_fte_week, r.productieve_uren_per_fte_jaar) == (
        "concept",
        1,
        Decimal(36),
        Decimal(1600),
    )
    assert r.prioriteitsgewichten == {"hoog": 4, "normaal": 2, "laag": 1}
    assert AuditEvent.objects.filter(actie="planningsregels.aanmaken", object_id=str(r.pk)).exists()
    assert selectors.regels_voor(sv(), 2028) == r  # no adopted version: the latest concept


@pytest.mark.parametrize(
    ("velden", "veld", "woord"),
    [
        ({"uren_per_fte_week": 0}, "uren_per_fte_week", "1 tot en met 40"),
        ({"uren_per_fte_week": "x"}, "uren_per_fte_week", "uren per fte"),
        ({"productieve_uren_per_fte_jaar": 50}, "productieve_uren_per_fte_jaar", "100 tot en met 2.080"),
        (
            {"uren_per_fte_week": 20, "productieve_uren_per_fte_jaar": 1600},
            "productieve_uren_per_fte_jaar",
            "bruto",
        ),
        ({"regulier_pct": 101}, "regulier_pct", "regulier werk"),
        ({"regulier_per_eenheid": {"bestaat-niet": 50}}, "regulier_per_eenheid.bestaat-niet", "eenheidcode"),
        ({"regulier_per_eenheid": {"vergunningen": 150}}, "regulier_per_eenheid.vergunningen", "percentage"),
        ({"regulier_per_eenheid": [1, 2]}, "regulier_per_eenheid", "object"),
        ({"grondslag": "loting"}, "grondslag", "kostenverdeelsleutel"),
        ({"grondslag": "vast"}, "aandelen", "samen 100"),
        ({"grondslag": "vast", "aandelen": {"GM0376": 50, "GM0417": 30}}, "aandelen", "tot 100 %"),
        ({"aandelen": {"GM0363": 50}}, "aandelen.GM0363", "CBS-code"),
        ({"minima": {"GM0376": -1}}, "minima.GM0376", "percentage"),
        ({"minima": {"GM0376": 60, "GM0417": 50}}, "minima", "hoogstens 100"),
        (
            {"prioriteitsgewichten": {"hoog": 4, "normaal": 2}},
            "prioriteitsgewichten",
            "hoog, normaal en laag",
        ),
        (
            {"prioriteitsgewichten": {"hoog": 4, "normaal": 2, "laag": 1, "spoed": 9}},
            "prioriteitsgewichten",
            "precies",
        ),
        (
            {"prioriteitsgewichten": {"hoog": 0, "normaal": 2, "laag": 1}},
            "prioriteitsgewichten.hoog",
            "positief",
        ),
        ({"meetperiode": "maand"}, "meetperiode", "kwartaal of halfjaar"),
        ({"drempel_procentpunt": 0}, "drempel_procentpunt", "procentpunt"),
        ({"toelichting": "x" * 5001}, "toelichting", "5.000"),
        ({"onbekend": 1}, "onbekend", "bestaat niet"),
    ],
)
def test_every_field_is_validated_by_name(
    actor_named: Actors, velden: dict[str, Any], veld: str, woord: str
) -> None:
    with pytest.raises(InvalidInput) as exc:
        concept(actor_named, **velden)
    assert veld in exc.value.fields, exc.value.fields
    assert any(woord in m for m in exc.value.fields[veld]), exc.value.fields[veld]


def test_fixed_shares_of_current_partners_summing_to_100(actor_named: Actors) -> None:
    r = concept(actor_named, grondslag="vast", aandelen={"GM0376": 40, "GM0417": "33.5", "GM0317": 26.5})
    assert r.aandelen == {"GM0376": 40, "GM0417": 33.5, "GM0317": 26.5}
    gewichten, basis = selectors.gewichten(sv(), r, 2028)
    assert sum(gewichten.values()) == pytest.approx(1)
    assert sorted(round(g, 3) for g in gewichten.values()) == [0.265, 0.335, 0.4]
    assert "Vaste aandelen" in basis


def test_weights_by_cost_key_and_equal(actor_named: Actors) -> None:
    gewichten, basis = selectors.gewichten(sv(), vastgesteld(actor_named, 2026), 2026)
    assert len(gewichten) == 3 and sum(gewichten.values()) == pytest.approx(1)
    assert "kostenverdeelsleutel" in basis
    gelijk = concept(actor_named, grondslag="gelijk")
    gewichten, basis = selectors.gewichten(sv(), gelijk, 2028)
    assert all(g == pytest.approx(1 / 3) for g in gewichten.values()) and "Gelijke delen" in basis


def test_a_second_concept_of_the_same_year_is_a_conflict(actor_named: Actors) -> None:
    concept(actor_named)
    with pytest.raises(Conflict):
        concept(actor_named)
    with pytest.raises(InvalidInput) as exc:
        concept(actor_named, jaar=1999)
    assert "jaar" in exc.value.fields


def test_edit_a_concept_with_its_version(actor_named: Actors) -> None:
    r = concept(actor_named)
    directeur = actor_named("directeur.bel")
    r = services.wijzig_regels(
        actor=directeur, regels=r, expected_version=r.versie, regulier_per_eenheid={"vergunningen": 75}
    )
    assert r.regulier_per_eenheid == {"vergunningen": 75} and r.versie == 2
    with pytest.raises(StaleVersion):
        services.wijzig_regels(actor=directeur, regels=r, expected_version=1, regulier_pct=50)
    with pytest.raises(PreconditionRequired):
        services.wijzig_regels(actor=directeur, regels=r, expected_version=VERSION_REQUIRED, regulier_pct=50)
    with pytest.raises(Forbidden):
        services.wijzig_regels(
            actor=actor_named("teamleider.bel"), regels=r, expected_version=2, regulier_pct=50
        )
    with pytest.raises(NotFound):
        services.wijzig_regels(
            actor=actor_named("directeur.kempen"), regels=r, expected_version=2, regulier_pct=5
        )


def test_adopt_replace_and_history(actor_named: Actors) -> None:
    oud = vastgesteld(actor_named, 2027)
    directeur = actor_named("directeur.bel")
    with pytest.raises(Conflict):
        services.wijzig_regels(actor=directeur, regels=oud, expected_version=oud.versie, regulier_pct=50)
    nieuw = services.nieuwe_versie_regels(actor=directeur, regels=oud, expected_version=oud.versie)
    assert (nieuw.volgnummer, nieuw.vervangt_id, nieuw.status) == (2, oud.pk, "concept")
    assert nieuw.toelichting == oud.toelichting
    with pytest.raises(Conflict):  # one open concept per year
        services.nieuwe_versie_regels(actor=directeur, regels=oud, expected_version=oud.versie)
    nieuw = services.wijzig_regels(
        actor=directeur, regels=nieuw, expected_version=nieuw.versie, drempel_procentpunt=3
    )
    with pytest.raises(Forbidden) as geweigerd:  # the pool drafts, the DB adopts
        services.stel_regels_vast(
            actor=directeur, regels=nieuw, expected_version=nieuw.versie, besluit=DB_BESLUIT
        )
    assert "dagelijks bestuur" in geweigerd.value.detail
    with pytest.raises(InvalidInput) as exc:
        services.stel_regels_vast(
            actor=actor_named("burgemeester.laren"),
            regels=nieuw,
            expected_version=nieuw.versie,
            besluit={"orgaan": "algemeen_bestuur", "kenmerk": "", "datum": dt.date(2099, 1, 1)},
        )
    assert {"besluit.orgaan", "besluit.kenmerk", "besluit.datum"} <= set(exc.value.fields)
    nieuw = services.stel_regels_vast(
        actor=actor_named("burgemeester.laren"),
        regels=nieuw,
        expected_version=nieuw.versie,
        besluit=DB_BESLUIT,
    )
    oud.refresh_from_db()
    assert (nieuw.status, oud.status) == (lifecycle.VASTGESTELD, lifecycle.VERVANGEN)
    assert nieuw.besluit_bestuur.kenmerk == DB_BESLUIT.kenmerk and nieuw.vastgesteld_op == DB_BESLUIT.datum
    assert selectors.regels_voor(sv(), 2027) == nieuw
    with pytest.raises(Conflict):
        services.stel_regels_vast(
            actor=actor_named("burgemeester.laren"),
            regels=nieuw,
            expected_version=nieuw.versie,
            besluit=DB_BESLUIT,
        )
    wat = [g.wat for g in selectors.historie_for(directeur, nieuw)]
    assert wat[0].startswith("Vastgesteld: Dagelijks bestuur") and "DB 2026-11 punt 3" in wat[0]
    assert "Nieuwe versie opgesteld" in wat and "Gewijzigd" in wat
    assert next(g.wat for g in selectors.historie_for(directeur, oud)) == "Vervangen door een nieuwe versie"
    assert (
        Planningsregels.objects.filter(samenwerkingsverband=sv(), jaar=2027, status="vastgesteld").count()
        == 1
    )


def test_the_lifecycle_table_is_complete() -> None:
    assert lifecycle.bereikbaar() == set(lifecycle.STATUSSEN)
    assert {"vaststellen"} == lifecycle.MET_BESLUIT
    assert lifecycle.url_deel("nieuwe_versie") == "nieuwe-versie"
    from seta.autorisaties import policy

    for actie in lifecycle.ACTIES:
        assert f"planningsregels.{actie}" in policy.RULES
