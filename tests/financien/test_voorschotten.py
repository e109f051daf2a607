"""Advances (voorschotten): the schedule from the budget and the adopted model, its lifecycle, the settlement
against it, the permission matrix (every demo role, own and other cooperation), the API, the pages and files."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook

from seta.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from seta.financien import berekening, services, voorschotten
from seta.financien.models import (
    Afrekening,
    Afrekeningstatus,
    Begroting,
    Deelnemersbijdrage,
    Voorschotschema,
    Voorschotstatus,
)
from seta.samenwerkingsverbanden.models import Samenwerkingsverband

pytestmark = pytest.mark.django_db


@pytest.fixture
def bel(db: Any) -> Samenwerkingsverband:
    return Samenwerkingsverband.objects.get(slug="bel")


@pytest.fixture
def demo_2025(bel: Samenwerkingsverband) -> Voorschotschema:
    return Voorschotschema.objects.get(samenwerkingsverband=bel, jaar=2025)


# --- the demo -----------------------------------------------------------------------------------------------------
def test_demo_2025_schedule_is_sent_quarterly_and_the_settlement_uses_it(demo_2025: Voorschotschema) -> None:
    assert demo_2025.status == Voorschotstatus.VERZONDEN and demo_2025.ritme == "kwartaal"
    termijnen = list(demo_2025.termijnen.select_related("gemeente"))
    assert len(termijnen) == 3 * 4
    assert sum(t.bedrag for t in termijnen) == demo_2025.totaal == Decimal(demo_2025.resultaat["totaalInclBtw"])
    eemnes = [t for t in termijnen if t.gemeente.naam == "Eemnes"]
    assert [t.factuurkenmerk for t in eemnes][2] == "BEL-2025-V03-0317"
    assert eemnes[0].vervaldatum == dt.date(2025, 1, 2)
    afrekening = Afrekening.objects.get(samenwerkingsverband=demo_2025.samenwerkingsverband, jaar=2025)
    per_gemeente = {r.gemeente_id: r.voorschot for r in afrekening.regels.all()}
    for gemeente_id, totaal in (berekening.advances_by_schedule(demo_2025.samenwerkingsverband, 2025) or {}).items():
        assert per_gemeente[gemeente_id] == totaal
    # the budget's figures agree with the schedule
    for b in Deelnemersbijdrage.objects.filter(begroting=demo_2025.begroting):
        assert b.voorschot == sum(t.bedrag for t in termijnen if t.gemeente_id == b.gemeente_id)


# --- a hand-computed year: 2027 under an equal split ---------------------------------------------------------------
GELIJK = {
    "verdeelsleutel": {"soort": "gelijk"},
    "onderdelen": [{"soort": "vast", "naam": "Werkorganisatie", "bedrag": "begroting", "btw": "vrijgesteld"}],
}


@pytest.fixture
def jaar_2027(actor_named: Any, bel: Samenwerkingsverband) -> Any:
    """BEL 2027: a budget of € 120.000,01 and a newly adopted model that splits it equally."""
    controller = actor_named("controller.bel")
    services.set_tariff(actor=controller, samenwerkingsverband=bel, jaar=2027, uurtarief="90")
    services.save_budget(
        actor=controller,
        samenwerkingsverband=bel,
        jaar=2027,
        personeel="100000.01",
        materieel="20000",
        overhead="0",
    )
    model = services.draft_model(
        actor=controller, samenwerkingsverband=bel, naam="Gelijk delen", configuratie=GELIJK
    )
    return services.adopt_model(actor=actor_named("burgemeester.laren"), verdeelmodel=model, besluit="AB 2026-14")


@pytest.fixture
def concept_2027(actor_named: Any, bel: Samenwerkingsverband, jaar_2027: Any) -> Voorschotschema:
    return voorschotten.calculate_schedule(
        actor=actor_named("controller.bel"), samenwerkingsverband=bel, jaar=2027, ritme="maand"
    )


def _per_naam(schema: Voorschotschema) -> dict[str, list[Decimal]]:
    result: dict[str, list[Decimal]] = {}
    for t in schema.termijnen.select_related("gemeente").order_by("gemeente__naam", "nummer"):
        result.setdefault(t.gemeente.naam, []).append(t.bedrag)
    return result


def test_hand_computed_schedule_and_settlement_against_it(
    actor_named: Any, bel: Samenwerkingsverband, concept_2027: Voorschotschema
) -> None:
    controller = actor_named("controller.bel")
    # € 120.000,01 in three: € 40.000,00 each and the cent to the lowest CBS code (Eemnes, GM0317);
    # in twelve: eleven terms of € 3.333,33 and the last one the rest.
    termijnen = _per_naam(concept_2027)
    assert termijnen["Blaricum"] == [Decimal("3333.33")] * 11 + [Decimal("3333.37")]
    assert termijnen["Eemnes"] == [Decimal("3333.33")] * 11 + [Decimal("3333.38")]
    assert sum(termijnen["Eemnes"]) == Decimal("40000.01")
    assert concept_2027.totaal == Decimal("120000.01")
    januari = concept_2027.termijnen.get(gemeente__naam="Laren", nummer=1)
    assert (januari.periode, januari.vervaldatum) == ("januari 2027", dt.date(2027, 1, 4))  # 1 Jan, then a weekend
    assert januari.factuurkenmerk == "BEL-2027-V01-0417"

    # before adoption the settlement takes the budget's advances (none were entered: 0)
    afrekening = services.settle_year(actor=controller, samenwerkingsverband=bel, jaar=2027)
    assert {r.voorschot for r in afrekening.regels.all()} == {Decimal("0.00")}

    voorschotten.adopt_schedule(actor=controller, schema=concept_2027)
    bijdragen = {b.gemeente.naam: b.voorschot for b in Deelnemersbijdrage.objects.filter(begroting__samenwerkingsverband=bel, begroting__jaar=2027).select_related("gemeente")}
    assert bijdragen == {"Blaricum": Decimal("40000.00"), "Eemnes": Decimal("40000.01"), "Laren": Decimal("40000.00")}

    # during the year the budget rises to € 150.000,00: the realisation is € 50.000,00 each
    services.save_budget(
        actor=controller, samenwerkingsverband=bel, jaar=2027, personeel="130000", materieel="20000", overhead="0"
    )
    afrekening = services.settle_year(actor=controller, samenwerkingsverband=bel, jaar=2027)
    regels = {r.gemeente.naam: r for r in afrekening.regels.select_related("gemeente")}
    assert regels["Eemnes"].voorschot == Decimal("40000.01")
    assert regels["Eemnes"].realisatie == Decimal("50000.00")
    assert regels["Eemnes"].saldo == Decimal("9999.99")  # 50.000,00 − 12 terms summing to 40.000,01
    assert regels["Laren"].saldo == regels["Blaricum"].saldo == Decimal("10000.00")
    for r in regels.values():
        assert r.saldo == r.realisatie - sum(termijnen[r.gemeente.naam])


def test_lifecycle_conflicts_and_recalculation(
    actor_named: Any, bel: Samenwerkingsverband, concept_2027: Voorschotschema
) -> None:
    controller = actor_named("controller.bel")
    with pytest.raises(Conflict):  # one schedule per year
        voorschotten.calculate_schedule(actor=controller, samenwerkingsverband=bel, jaar=2027)
    schema = voorschotten.recalculate_schedule(
        actor=controller, schema=concept_2027, expected_version=concept_2027.versie, ritme="kwartaal", vervaldag=15
    )
    assert schema.termijnen.count() == 12 and schema.versie == concept_2027.versie + 1
    assert schema.termijnen.get(gemeente__naam="Eemnes", nummer=2).vervaldatum == dt.date(2027, 4, 15)
    from seta.core.errors import StaleVersion

    with pytest.raises(StaleVersion):
        voorschotten.adopt_schedule(actor=controller, schema=schema, expected_version=concept_2027.versie)
    # the budget changed after the calculation: adopt refuses until it is recomputed
    services.save_budget(
        actor=controller, samenwerkingsverband=bel, jaar=2027, personeel="1", materieel="0", overhead="0"
    )
    with pytest.raises(Conflict, match="opnieuw"):
        voorschotten.adopt_schedule(actor=controller, schema=schema)
    schema = voorschotten.recalculate_schedule(actor=controller, schema=schema)
    schema = voorschotten.adopt_schedule(actor=controller, schema=schema)
    with pytest.raises(Conflict):
        voorschotten.recalculate_schedule(actor=controller, schema=schema)
    with pytest.raises(Conflict):
        voorschotten.adopt_schedule(actor=controller, schema=schema)
    schema = voorschotten.send_schedule(actor=actor_named("directeur.bel"), schema=schema)
    assert schema.status == Voorschotstatus.VERZONDEN and schema.verzonden_op is not None
    with pytest.raises(Conflict):
        voorschotten.send_schedule(actor=controller, schema=schema)


def test_refusals_name_what_is_missing(actor_named: Any, bel: Samenwerkingsverband) -> None:
    controller = actor_named("controller.bel")
    with pytest.raises(InvalidInput) as exc:
        voorschotten.calculate_schedule(actor=controller, samenwerkingsverband=bel, jaar=2031)
    assert "begroting 2031" in str(exc.value) and "BEL" in str(exc.value)
    with pytest.raises(InvalidInput) as exc:
        voorschotten.calculate_schedule(
            actor=controller, samenwerkingsverband=bel, jaar=2025, ritme="week", vervaldag=31
        )
    assert set(exc.value.fields) == {"ritme", "vervaldag"}
    with pytest.raises(Forbidden):
        voorschotten.calculate_schedule(actor=actor_named("directeur.bel"), samenwerkingsverband=bel, jaar=2027)
    with pytest.raises(NotFound):
        voorschotten.calculate_schedule(actor=actor_named("controller.kempen"), samenwerkingsverband=bel, jaar=2027)
