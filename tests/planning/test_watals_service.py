"""The what-if service: it writes nothing, names every bad field, applies each kind of change, and shows a title
only of an assignment the actor may read (a wethouder of Laren never sees Blaricum's confidential titles)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from seta.autorisaties.actor import Actor
from seta.core.errors import Forbidden, InvalidInput, NotFound
from seta.core.models import AuditEvent
from seta.gemeenten.models import Gemeente
from seta.opdrachten.models import Bestuursopdracht, Opdrachtgever, Statusovergang
from seta.planning import services_watals as watals
from seta.planning.models import Afwezigheid, Planningsregels, Planregel, Planrun, Planuitkomst
from seta.signalen.models import Signaal

from .watals_hulp import GEHEIM, bel, opdracht_in_plan, werk_inkomen

pytestmark = pytest.mark.django_db

VANDAAG = timezone.localdate


def _gemeente(slug: str) -> Gemeente:
    return Gemeente.objects.get(slug=slug)


def _grote_opdracht(slug: str, **extra: Any) -> watals.Wijziging:
    """A large, urgent new assignment on the unit that carries the confidential one: something must give way."""
    return watals.Wijziging(
        soort=watals.NIEUWE_OPDRACHT,
        titel="Spoedklus",
        eenheid=werk_inkomen().pk,
        uren=Decimal("3000"),
        deadline=VANDAAG() + dt.timedelta(days=42),
        gemeenten=(_gemeente(slug).pk,),
        prioriteit="hoog",
        **extra,
    )


@pytest.fixture
def geheim(actor_named: Callable[[str], Actor]) -> Bestuursopdracht:
    return opdracht_in_plan(actor_named, titel=GEHEIM, vertrouwelijk=True, uren=600, deadline_dagen=90)


def _tellingen() -> dict[str, int]:
    modellen = (
        Planrun,
        Planuitkomst,
        Planregel,
        Planningsregels,
        Afwezigheid,
        Bestuursopdracht,
        Opdrachtgever,
        Statusovergang,
        AuditEvent,
        Signaal,
    )
    return {m.__name__: m.objects.count() for m in modellen}


def test_wat_als_schrijft_niets(actor_named: Callable[[str], Actor], geheim: Bestuursopdracht) -> None:
    voor = _tellingen()
    with CaptureQueriesContext(connection) as ctx:
        watals.wat_als(
            actor=actor_named("directeur.bel"),
            samenwerkingsverband=bel(),
            wijzigingen=[
                _grote_opdracht("laren"),
                watals.Wijziging(
                    soort=watals.CAPACITEIT,
                    eenheid=werk_inkomen().pk,
                    extra_fte=Decimal("1.5"),
                    van=VANDAAG() + dt.timedelta(days=28),
                ),
                watals.Wijziging(soort=watals.PRIORITEIT, opdracht=geheim.pk, prioriteit="hoog"),
                watals.Wijziging(
                    soort=watals.DEADLINE, opdracht=geheim.pk, deadline=VANDAAG() + dt.timedelta(days=200)
                ),
            ],
        )
    schrijvend = [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert schrijvend == []
    assert _tellingen() == voor


def test_pool_ziet_titels_en_laren_niet(
    actor_named: Callable[[str], Actor], geheim: Bestuursopdracht
) -> None:
    pool = watals.wat_als(
        actor=actor_named("directeur.bel"), samenwerkingsverband=bel(), wijzigingen=[_grote_opdracht("laren")]
    )
    assert pool.ziet_alles
    assert pool.elders == []
    assert any(v.titel == GEHEIM and v.weken > 0 for v in pool.later), pool.verschuivingen
    [nieuw] = pool.nieuw
    assert nieuw.titel == "Spoedklus" and nieuw.gemeenten == "Laren"

    laren = watals.wat_als(
        actor=actor_named("wethouder.laren"),
        samenwerkingsverband=bel(),
        wijzigingen=[_grote_opdracht("laren")],
    )
    assert not laren.ziet_alles
    assert all(v.titel != GEHEIM and geheim.nummer not in v.nummer for v in laren.verschuivingen)
    assert GEHEIM not in repr(laren)
    blaricum = [e for e in laren.elders if "Blaricum" in e.gemeenten]
    assert blaricum and sum(e.later for e in blaricum) >= 1
    # the shares name partners and figures, never an assignment
    assert {a.gemeente for a in laren.aandelen} >= {"Laren", "Blaricum"}


def test_elke_fout_genoemd(actor_named: Callable[[str], Actor]) -> None:
    andere_eenheid = werk_inkomen().pk + 100000
    with pytest.raises(InvalidInput) as exc:
        watals.wat_als(
            actor=actor_named("directeur.bel"),
            samenwerkingsverband=bel(),
            wijzigingen=[
                watals.Wijziging(
                    soort=watals.NIEUWE_OPDRACHT,
                    eenheid=andere_eenheid,
                    uren=Decimal("-5"),
                    vroegste_start=VANDAAG() + dt.timedelta(days=30),
                    deadline=VANDAAG(),
                    gemeenten=(),
                    prioriteit="dringend",
                ),
                watals.Wijziging(soort=watals.PRIORITEIT, opdracht=999999, prioriteit="hoog"),
                watals.Wijziging(soort=watals.CAPACITEIT, eenheid=werk_inkomen().pk),
                watals.Wijziging(soort="toveren"),
            ],
        )
    velden = exc.value.fields
    for veld in (
        "wijzigingen[0].eenheid",
        "wijzigingen[0].uren",
        "wijzigingen[0].deadline",
        "wijzigingen[0].gemeenten",
        "wijzigingen[0].prioriteit",
        "wijzigingen[1].opdracht",
        "wijzigingen[2].extra_uren_per_week",
        "wijzigingen[2].van",
        "wijzigingen[3].soort",
    ):
        assert veld in velden, (veld, velden)


def test_opdracht_buiten_het_plan(actor_named: Callable[[str], Actor]) -> None:
    concept = opdracht_in_plan(actor_named, titel="Nog een concept", status="concept")
    with pytest.raises(InvalidInput) as exc:
        watals.wat_als(
            actor=actor_named("directeur.bel"),
            samenwerkingsverband=bel(),
            wijzigingen=[watals.Wijziging(soort=watals.PRIORITEIT, opdracht=concept.pk, prioriteit="hoog")],
        )
    assert "wijzigingen[0].opdracht" in exc.value.fields


def test_gemeente_alleen_eigen_wijzigingen(
    actor_named: Callable[[str], Actor], geheim: Bestuursopdracht
) -> None:
    laren = actor_named("wethouder.laren")
    # a new assignment of Blaricum alone: not Laren's to try
    with pytest.raises(Forbidden):
        watals.wat_als(actor=laren, samenwerkingsverband=bel(), wijzigingen=[_grote_opdracht("blaricum")])
    # extra capacity is the pool's
    with pytest.raises(Forbidden):
        watals.wat_als(
            actor=laren,
            samenwerkingsverband=bel(),
            wijzigingen=[
                watals.Wijziging(
                    soort=watals.CAPACITEIT,
                    eenheid=werk_inkomen().pk,
                    extra_uren_per_week=Decimal("20"),
                    van=VANDAAG(),
                )
            ],
        )
    # Blaricum's confidential assignment does not exist for Laren (no hint that it does)
    with pytest.raises(InvalidInput) as exc:
        watals.wat_als(
            actor=laren,
            samenwerkingsverband=bel(),
            wijzigingen=[watals.Wijziging(soort=watals.PRIORITEIT, opdracht=geheim.pk, prioriteit="laag")],
        )
    assert GEHEIM not in str(exc.value)
    # jointly with Laren: allowed
    gezamenlijk = _grote_opdracht("laren")
    gezamenlijk = watals.Wijziging(
        **{**gezamenlijk.__dict__, "gemeenten": (_gemeente("laren").pk, _gemeente("blaricum").pk)}
    )
    uitkomst = watals.wat_als(actor=laren, samenwerkingsverband=bel(), wijzigingen=[gezamenlijk])
    assert uitkomst.nieuw[0].gemeenten == "Blaricum en Laren"
    # Blaricum may change its own assignment's priority and deadline
    eigen = watals.wat_als(
        actor=actor_named("regisseur.blaricum"),
        samenwerkingsverband=bel(),
        wijzigingen=[watals.Wijziging(soort=watals.PRIORITEIT, opdracht=geheim.pk, prioriteit="hoog")],
    )
    assert "Prioriteit van" in eigen.wijzigingen[0]


@pytest.mark.parametrize(
    "wie", ["medewerker.bel", "raadslid.laren", "griffier.laren", "directeur.kempen", "beheerder"]
)
def test_geen_wat_als(actor_named: Callable[[str], Actor], wie: str) -> None:
    with pytest.raises((Forbidden, NotFound)):
        watals.wat_als(
            actor=actor_named(wie), samenwerkingsverband=bel(), wijzigingen=[_grote_opdracht("laren")]
        )


def test_extra_capaciteit_haalt_werk_naar_voren(
    actor_named: Callable[[str], Actor], geheim: Bestuursopdracht
) -> None:
    # first make the unit busy, then see that hired help brings the confidential assignment forward
    opdracht_in_plan(actor_named, titel="Drukte Laren", gemeente="laren", uren=3000, deadline_dagen=60)
    uitkomst = watals.wat_als(
        actor=actor_named("controller.bel"),
        samenwerkingsverband=bel(),
        wijzigingen=[
            watals.Wijziging(
                soort=watals.CAPACITEIT,
                eenheid=werk_inkomen().pk,
                extra_uren_per_week=Decimal("400"),
                van=VANDAAG(),
            )
        ],
    )
    assert uitkomst.eerder, uitkomst
    # the solver may move an assignment without deadline pressure later for fairness; the total lateness drops
    assert uitkomst.laatheid_na < uitkomst.laatheid_voor
    assert uitkomst.te_laat_na <= uitkomst.te_laat_voor
    assert "Extra capaciteit in" in uitkomst.wijzigingen[0]
