"""Personal API tokens are stored hashed with a visible prefix (issue 8, hardening): the full token is
shown once, when made; the database and the admin never hold or show it; old clear tokens keep working."""

from __future__ import annotations

import hashlib
import io
import re
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from rest_framework.test import APIClient

from seta.autorisaties import services, tokens
from seta.autorisaties.models import ApiToken

pytestmark = pytest.mark.django_db

FORMAT = re.compile(r"^seta_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$")


def _client_with(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_a_new_token_is_stored_as_a_hash_with_its_prefix(actor_named: Any) -> None:
    actor = actor_named("wethouder.blaricum")
    nieuw = services.renew_token(actor=actor, user=actor.user)
    assert FORMAT.match(nieuw.sleutel)
    stored = ApiToken.objects.get(gebruiker=actor.user)
    assert stored.prefix == nieuw.sleutel[:13]
    assert stored.sleutel_hash == hashlib.sha256(nieuw.sleutel.encode()).hexdigest()
    assert nieuw.sleutel not in {str(v) for v in ApiToken.objects.values_list("prefix", "sleutel_hash")[0]}
    assert _client_with(nieuw.sleutel).get("/api/v1/gemeenten").status_code == 200


def test_the_api_shows_the_token_once(api_as: Any) -> None:
    client = api_as("raadslid.laren")
    created = client.post("/api/v1/mijn-token").json()
    assert FORMAT.match(created["sleutel"])
    shown = client.get("/api/v1/mijn-token").json()
    assert "sleutel" not in shown
    assert shown["prefix"] == created["sleutel"][:13]
    assert created["sleutel"] not in str(shown)
    assert shown["laatstGebruikt"] is None
    _client_with(created["sleutel"]).get("/api/v1/gemeenten")
    assert client.get("/api/v1/mijn-token").json()["laatstGebruikt"] is not None


def test_the_account_page_shows_the_token_once(user_named: Any) -> None:
    client = Client()
    client.force_login(user_named("griffier.laren"))
    made = client.post("/account", {"actie": "vernieuwen"})
    assert made["Cache-Control"].startswith("max-age=0") and "no-store" in made["Cache-Control"]
    sleutel = re.search(r'id="token-sleutel">([^<]+)<', made.content.decode())
    assert sleutel and FORMAT.match(sleutel.group(1))
    later = client.get("/account").content.decode()
    assert sleutel.group(1) not in later
    assert sleutel.group(1)[:13] in later


def test_a_wrong_token_with_a_known_prefix_is_refused(actor_named: Any) -> None:
    actor = actor_named("directeur.bel")
    nieuw = services.renew_token(actor=actor, user=actor.user)
    forged = nieuw.sleutel[:-4] + ("AAAA" if not nieuw.sleutel.endswith("AAAA") else "BBBB")
    assert _client_with(forged).get("/api/v1/gemeenten").status_code == 401
    assert _client_with("seta_zz_kapot").get("/api/v1/gemeenten").status_code == 401


def test_renewing_makes_the_old_token_stop_working(actor_named: Any) -> None:
    actor = actor_named("controller.bel")
    oud = services.renew_token(actor=actor, user=actor.user).sleutel
    services.renew_token(actor=actor, user=actor.user)
    assert _client_with(oud).get("/api/v1/gemeenten").status_code == 401


def test_the_admin_never_shows_a_full_token(user_named: Any) -> None:
    actor_user = user_named("medewerker.bel")
    from seta.autorisaties.actor import actor_for

    nieuw = services.renew_token(actor=actor_for(actor_user), user=actor_user)
    client = Client()
    client.force_login(user_named("beheerder"))
    lijst = client.get("/beheer/autorisaties/apitoken/")
    assert lijst.status_code == 200
    html = lijst.content.decode()
    assert nieuw.token.prefix in html
    detail = client.get(f"/beheer/autorisaties/apitoken/{nieuw.token.pk}/change/").content.decode()
    for page in (html, detail):
        assert nieuw.sleutel not in page
        assert nieuw.token.sleutel_hash not in page
    # DRF's clear-text token admin is gone.
    assert client.get("/beheer/authtoken/tokenproxy/").status_code == 404


def test_seta_token_prints_a_token_that_works_and_is_audited() -> None:
    out = io.StringIO()
    call_command("token", "wethouder.laren", stdout=out)
    key = out.getvalue().strip()
    assert FORMAT.match(key)
    assert _client_with(key).get("/api/v1/gemeenten").status_code == 200


class _Editor:
    """What convert_legacy_tokens uses of a schema editor (SQLite's cannot run inside the test's
    transaction)."""

    def __init__(self) -> None:
        self.connection = connection

    def quote_name(self, name: str) -> str:
        return connection.ops.quote_name(name)

    def execute(self, sql: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql)


def test_the_migration_hashes_old_clear_tokens_and_they_keep_working(user_named: Any) -> None:
    from importlib import import_module

    from django.apps import apps

    migration = import_module("seta.autorisaties.migrations.0001_initial")
    user = user_named("burgemeester.blaricum")
    old_key = "0123456789abcdef0123456789abcdef01234567"
    with connection.cursor() as cursor:
        cursor.execute(
            'CREATE TABLE "authtoken_token" ("key" varchar(40) PRIMARY KEY, "created" timestamp, "user_id" integer)'
        )
        cursor.execute(
            'INSERT INTO "authtoken_token" ("key", "created", "user_id") VALUES (%s, %s, %s)',
            [old_key, "2026-01-02 03:04:05", user.pk],
        )
    migration.convert_legacy_tokens(apps, _Editor())
    assert "authtoken_token" not in connection.introspection.table_names()
    stored = ApiToken.objects.get(gebruiker=user)
    assert stored.prefix == old_key[:8]
    assert stored.sleutel_hash == tokens.digest(old_key)
    assert _client_with(old_key).get("/api/v1/gemeenten").status_code == 200


def test_token_hashes_are_compared_in_constant_time(
    monkeypatch: pytest.MonkeyPatch, actor_named: Any
) -> None:
    import hmac

    calls: list[tuple[str, str]] = []
    real = hmac.compare_digest

    def spy(a: Any, b: Any) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(tokens.hmac, "compare_digest", spy)
    actor = actor_named("teamleider.bel")
    key = services.renew_token(actor=actor, user=actor.user).sleutel
    assert _client_with(key).get("/api/v1/gemeenten").status_code == 200
    assert calls and calls[-1][1] == tokens.digest(key)
