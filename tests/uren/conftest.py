from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from seta.catalogus.models import Catalogusitem
from seta.gemeenten.models import Gemeente
from seta.organisatie.models import Medewerker

# A week in which the demo has no hours for anyone (the demo fills 2025 and the weeks around 2 Nov 2026).
WEEK = (2026, 38)
MAANDAG = dt.date.fromisocalendar(*WEEK, 1)


@pytest.fixture
def mw(user_named: Any) -> Medewerker:
    return Medewerker.objects.get(gebruiker=user_named("medewerker.bel"))


@pytest.fixture
def item(db: Any) -> Catalogusitem:
    return (
        Catalogusitem.objects.filter(samenwerkingsverband__slug="bel", actief=True).order_by("code").first()
    )


@pytest.fixture
def laren(db: Any) -> Gemeente:
    return Gemeente.objects.get(slug="laren")
