"""Schemathesis over the whole API, as a principal and as a pool user (ADR 0027).

Every operation of the committed ``openapi/openapi.json`` is called with generated input (valid and
invalid) against the Django WSGI application, in-process, inside the test's transaction (writes roll
back), with the user's API token (``Authorization: Token <key>``, fixture ``token_for``). Checks: no
server error, every status code documented, every JSON response valid against its documented schema.

Bounds (so the run fits in CI on two cores): ``MAX_EXAMPLES`` per operation, a fixed seed
(``derandomize``), no deadline, no shrinking, no coverage or stateful phase.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

pytestmark = pytest.mark.django_db

COMMITTED = Path(__file__).resolve().parents[1] / "openapi" / "openapi.json"
PRINCIPAL = "wethouder.blaricum"
POOL_USER = "directeur.bel"
#: A deeper run locally: ``SETA_SCHEMATHESIS_EXAMPLES=50 .venv/bin/pytest -n 2 tests/test_api_schemathesis.py``.
MAX_EXAMPLES = int(os.environ.get("SETA_SCHEMATHESIS_EXAMPLES", "5"))
MODE = "all"
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]

CONFIG = schemathesis.Config.from_dict(
    {
        "generation": {"mode": MODE, "max-examples": MAX_EXAMPLES, "deterministic": True},
        "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
    }
)

schema = schemathesis.openapi.from_path(COMMITTED, config=CONFIG)
schema.app = get_wsgi_application()
# Renewing or revoking the token would log the run itself out; tests/test_api_contract.py covers them.
schema = schema.exclude(path="/mijn-token", method=["POST", "DELETE"])

BOUNDS = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)

Token = Callable[[str], str]


@pytest.fixture(autouse=True)
def _in_test_transaction(wsgi_in_test_transaction: None) -> None:
    """Writes roll back with the test (see tests/conftest.py)."""


def run(case: Any, authorization: str) -> None:
    case.call_and_validate(headers={"Authorization": authorization}, checks=CHECKS)


@schema.parametrize()
@BOUNDS
def test_api_as_a_principal(case: Any, token_for: Token) -> None:
    run(case, token_for(PRINCIPAL))


@schema.parametrize()
@BOUNDS
def test_api_as_a_pool_user(case: Any, token_for: Token) -> None:
    run(case, token_for(POOL_USER))
