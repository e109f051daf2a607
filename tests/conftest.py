"""Test fixtures: the demo is built once per test session into the test database.

Every test runs inside a transaction that is rolled back, so each sees the same demo. Tests that need
a server (the browser tests) start their own ``seta serve`` on a separate SQLite file instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from rest_framework.test import APIClient

from seta.autorisaties.actor import Actor, actor_for

_RECORD = re.compile(r"^(/api/v1/[\w-]+/[^/?]+)(?:/[\w-]+)?/?$")


class ReadsBeforeWriting(APIClient):
    """An API client that, as a careful client does, reads a record before it changes it and sends the
    ``ETag`` it read as ``If-Match`` (unless the test sets one). Creates (POST on a list) send none."""

    def _etag(self, path: str) -> str | None:
        match = _RECORD.match(path)
        if not match:
            return None
        response = self.get(match.group(1))
        return response.get("ETag") if response.status_code == 200 else None

    def post(self, path: str, data: Any = None, format: str | None = None, **extra: Any) -> Any:
        if "HTTP_IF_MATCH" not in extra and (etag := self._etag(path)):
            extra["HTTP_IF_MATCH"] = etag
        return super().post(path, data, format=format, **extra)

    def patch(self, path: str, data: Any = None, format: str | None = None, **extra: Any) -> Any:
        if "HTTP_IF_MATCH" not in extra and (etag := self._etag(path)):
            extra["HTTP_IF_MATCH"] = etag
        return super().patch(path, data, format=format, **extra)

    def delete(self, path: str, data: Any = None, format: str | None = None, **extra: Any) -> Any:
        if "HTTP_IF_MATCH" not in extra and (etag := self._etag(path)):
            extra["HTTP_IF_MATCH"] = etag
        return super().delete(path, data, format=format, **extra)


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hasher() -> Iterator[None]:
    """Django's default hasher (PBKDF2, a million rounds) costs about half a second per login by password, by
    design; the suite logs in hundreds of times (every demo login, the lockout tests) and tests behaviour, not hash
    strength. Django's own advice for test suites: a fast hasher. Set before the demo is built, so its users'
    hashes are made with it too. The browser and command-line tests run ``seta`` in subprocesses with the real
    settings, so the production hasher is exercised there."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    from seta.demo import builder

    with django_db_blocker.unblock():
        builder.build()


@pytest.fixture(scope="session", autouse=True)
def _no_api_rate_limits() -> Iterator[None]:
    """The suite makes thousands of API requests: no rate limits (tests/api/test_throttling.py turns them
    back on with override_settings)."""
    with override_settings(SETA_API_RATES={}):
        yield


@pytest.fixture
def user_named(db: Any) -> Callable[[str], Any]:
    def get(username: str) -> Any:
        return get_user_model().objects.get(username=username)

    return get


@pytest.fixture
def actor_named(user_named: Callable[[str], Any]) -> Callable[[str], Actor]:
    def get(username: str) -> Actor:
        return actor_for(user_named(username))

    return get


@pytest.fixture
def api_as(user_named: Callable[[str], Any]) -> Callable[[str | None], APIClient]:
    """An API client authenticated as a demo user (or anonymous with None)."""

    def make(username: str | None) -> APIClient:
        client = APIClient()
        if username is not None:
            client.force_authenticate(user=user_named(username))
        return client

    return make


@pytest.fixture
def careful_client() -> ReadsBeforeWriting:
    """One API client that sends the ETag it read with every update (authenticate it with force_authenticate)."""
    return ReadsBeforeWriting()


@pytest.fixture
def careful_api_as(user_named: Callable[[str], Any]) -> Callable[[str], ReadsBeforeWriting]:
    """Like ``api_as``, but the client sends the ETag it read with every update (If-Match)."""

    def make(username: str) -> ReadsBeforeWriting:
        client = ReadsBeforeWriting()
        client.force_authenticate(user=user_named(username))
        return client

    return make


@pytest.fixture
def token_for(user_named: Callable[[str], Any]) -> Callable[[str], str]:
    """The ``Authorization`` header value (``Token <key>``) for a demo user: the one place that knows
    how API tokens are made (through the service, as ``POST /api/v1/mijn-token`` does)."""
    from seta.autorisaties import services as autorisatie_services

    made: dict[str, str] = {}

    def make(username: str) -> str:
        if username not in made:
            user = user_named(username)
            token = autorisatie_services.renew_token(actor=actor_for(user), user=user)
            made[username] = f"Token {token.sleutel}"
        return made[username]

    return make


@pytest.fixture
def wsgi_in_test_transaction() -> Iterator[None]:
    """Lets requests sent to the real WSGI application (not the test client) run inside the test's
    transaction: Django's handler closes "old" connections per request, which would end it; the test
    client disconnects the same signal handlers."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def keur_goed(user_named: Callable[[str], Any]) -> Callable[..., list[Any]]:
    """Submit and approve weeks through the services, as the medewerker and the directeur would (ADR 0033:
    the allocation counts approved hours only). A medewerker without a login gets one for the test."""
    from seta.uren import services as uren_services

    def keur(weekstaten: Any) -> list[Any]:
        User = get_user_model()
        goedgekeurd = []
        for staat in weekstaten:
            mw = staat.medewerker
            if mw.gebruiker_id is None:
                mw.gebruiker = User.objects.create(username=f"test-medewerker-{mw.pk}")
                mw.save(update_fields=["gebruiker"])
            staat = uren_services.submit_week(actor=actor_for(mw.gebruiker), weekstaat=staat)
            directeur = user_named("directeur.bel")
            leider = (
                user_named("beheerder") if mw.gebruiker_id == directeur.pk else directeur
            )  # never oneself
            staat = uren_services.approve_week(actor=actor_for(leider), weekstaat=staat)
            goedgekeurd.append(staat)
        return goedgekeurd

    return keur
