"""Fixtures of the dienstverlening tests (compliance: see naleving_fixtures.py)."""

from __future__ import annotations

from typing import Any

import pytest

from . import naleving_fixtures


@pytest.fixture
def nw(db: Any) -> naleving_fixtures.NalevingWereld:
    return naleving_fixtures.wereld()
