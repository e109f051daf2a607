"""Advances (voorschotten): the schedule from the budget and the adopted model, its lifecycle, the settlement
against it, the permission matrix (every demo role, own and other cooperation), the API, the pages and files."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook

from seta.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from seta.financien import services, voorschotten
from seta.financien.models import (
    Afrekening,
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


def test_service_smoke(actor_named: Any, bel: Samenwerkingsverband) -> None:
    Voorschotschema.objects.filter(samenwerkingsverband=bel).delete()
    schema = voorschotten.calculate_schedule(
        actor=actor_named("controller.bel"), samenwerkingsverband=bel, jaar=2025, ritme="maand"
    )
    print(schema.totaal, schema.termijnen.count(), schema.resultaat["totaalInclBtw"])
    assert schema.termijnen.count() == 36
