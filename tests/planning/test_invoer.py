"""The database → the planning core's instance: nothing silently dropped, remaining hours, shares, statutory terms."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from seta.opdrachten import lifecycle
from seta.opdrachten.models import Bestuursopdracht
from seta.planning import invoer
from seta.samenwerkingsverbanden.models import Samenwerkingsverband
from seta.uren.models import Urenregel

pytestmark = pytest.mark.django_db

VANDAAG = dt.date(2026, 11, 2)


@pytest.fixture
def bel() -> Samenwerkingsverband:
    return Samenwerkingsverband.objects.get(slug="bel")


def test_every_commissioned_assignment_is_planned_or_listed_with_its_reason(
    bel: Samenwerkingsverband,
) -> None:
    pi = invoer.bouw(bel, vandaag=VANDAAG)
    te_plannen = set(
        Bestuursopdracht.objects.filter(
            samenwerkingsverband=bel, status__in=invoer.TE_PLANNEN | {lifecycle.AANGEHOUDEN}
        ).values_list("pk", flat=True)
    )
    gepland = {pi.opdrachten[v.id] for v in pi.instantie.vragen}
    niet = {pk for pk, _ in pi.niet_planbaar}
    assert gepland | niet == te_plannen
    assert not gepland & niet
    assert all(reden.strip() for _, reden in pi.niet_planbaar)
    # concept, delivered and closed work is not demand
    assert not te_plannen & set(
        Bestuursopdracht.objects.filter(
            samenwerkingsverband=bel,
            status__in=[lifecycle.CONCEPT, lifecycle.OPGELEVERD, *lifecycle.EINDSTATUSSEN],
        ).values_list("pk", flat=True)
    )


def test_reasons_name_what_is_missing(bel: Samenwerkingsverband) -> None:
    pi = invoer.bouw(bel, vandaag=VANDAAG)
    redenen = dict(pi.niet_planbaar)
    for o in Bestuursopdracht.objects.filter(samenwerkingsverband=bel, status=lifecycle.AANGEHOUDEN):
        assert redenen[o.pk] == "De opdracht is aangehouden."
    zonder = Bestuursopdracht.objects.filter(
        samenwerkingsverband=bel, status__in=invoer.TE_PLANNEN, raming_uren__isnull=True
    )
    assert zonder.exists()
    for o in zonder:
        assert "raming" in redenen[o.pk]


def test_demand_is_the_remaining_estimate_on_the_carrying_unit(bel: Samenwerkingsverband) -> None:
    pi = invoer.bouw(bel, vandaag=VANDAAG)
    assert pi.instantie.vragen
    for v in pi.instantie.vragen:
        o = Bestuursopdracht.objects.get(pk=pi.opdrachten[v.id])
        geboekt = sum((r.uren for r in Urenregel.objects.filter(opdracht=o)), Decimal("0"))
        assert v.uren == pytest.approx(float(o.raming_uren - geboekt))
        assert v.uren > 0
        assert v.eenheid == o.eenheid.code
        assert pi.eenheden[v.eenheid] == o.eenheid_id
        assert v.deadline_week == invoer.week_index(pi.startweek, o.deadline)
        assert v.vroegste_week >= 0
        assert sum(v.aandelen.values()) == pytest.approx(1.0)
        assert set(v.aandelen) == {og.gemeente.cbs_code for og in o.actieve_opdrachtgevers}
        assert v.prioriteit == o.prioriteit
        assert v.wettelijk == ("medebewind" in o.catalogusitem.taaksoort and bool(o.wettelijke_termijn))
    assert any(v.wettelijk for v in pi.instantie.vragen), "the demo has statutory work"
    assert any(len(v.aandelen) > 1 for v in pi.instantie.vragen), "the demo has joint work"


def test_capacity_covers_every_unit_with_demand(bel: Samenwerkingsverband) -> None:
    pi = invoer.bouw(bel, vandaag=VANDAAG, weken=20)
    for v in pi.instantie.vragen:
        assert len(pi.instantie.capaciteit[v.eenheid]) == 20
        assert any(u > 0 for u in pi.instantie.capaciteit[v.eenheid])
    assert sum(pi.instantie.regels.gewichten.values()) == pytest.approx(1.0)


def test_the_stored_instance_reads_back_identically(bel: Samenwerkingsverband) -> None:
    pi = invoer.bouw(bel, vandaag=VANDAAG, weken=13)
    data = invoer.naar_json(pi)
    import json

    assert invoer.uit_json(json.loads(json.dumps(data))) == pi.instantie


def test_weeks() -> None:
    start = dt.date(2026, 11, 2)  # a Monday
    assert invoer.maandag(dt.date(2026, 11, 8)) == start
    assert invoer.week_index(start, dt.date(2026, 11, 8)) == 0
    assert invoer.week_index(start, dt.date(2026, 11, 9)) == 1
    assert invoer.week_index(start, dt.date(2026, 10, 30)) == -1
    assert invoer.week_datum(start, 3) == dt.date(2026, 11, 23)
    assert invoer.week_einde(start, 0) == dt.date(2026, 11, 6)
