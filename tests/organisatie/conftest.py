from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from seta.organisatie.models import Eenheid, Medewerker


@pytest.fixture
def eenheid() -> Callable[[str, str], Eenheid]:
    def get(sv: str, code: str) -> Eenheid:
        return Eenheid.objects.select_related("samenwerkingsverband").get(
            samenwerkingsverband__slug=sv, code=code
        )

    return get


@pytest.fixture
def staff_of(user_named: Callable[[str], Any]) -> Callable[[str], Medewerker]:
    """The Medewerker record behind a demo pool login."""

    def get(username: str) -> Medewerker:
        return Medewerker.objects.select_related("eenheid", "samenwerkingsverband").get(
            gebruiker=user_named(username)
        )

    return get


@pytest.fixture
def colleague(eenheid: Callable[[str, str], Eenheid]) -> Callable[[str, str], Medewerker]:
    """An active plain medewerker of a unit without a login."""

    def get(sv: str, code: str) -> Medewerker:
        return Medewerker.objects.filter(
            eenheid=eenheid(sv, code), positie="medewerker", gebruiker__isnull=True, uit_dienst__isnull=True
        ).order_by("pk")[0]

    return get
