"""Nothing lost, no double: real concurrency on PostgreSQL.

20 PATCHes with the same If-Match at the same moment, each in its own thread with its own database
connection: exactly one wins (200), 19 get 412; without If-Match every one gets 428. Concurrent drafts
never get the same assignment number.

The demo is built once per session and committed, so these tests do not use ``transaction=True`` (its
flush would wipe the demo for every later test). The threads' connections commit for real; each test
puts the rows it touched back and removes the audit rows the burst wrote.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings
from django.db import connection, connections
from django.utils import timezone
from rest_framework.test import APIClient

from seta.gemeenten.models import Functie, Functionaris, Portefeuille
from seta.opdrachten.models import Bestuursopdracht
from seta.organisatie.models import Medewerker
from seta.samenwerkingsverbanden.models import Samenwerkingsverband

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="real row locks need PostgreSQL (SQLite serialises every writer); CI runs this on PostgreSQL",
    ),
]

N = 20


def _in_threads(n: int, fn: Callable[[int], Any]) -> list[Any]:
    """Run ``fn(i)`` in ``n`` threads released at the same moment; each thread has its own connection."""
    barrier = threading.Barrier(n)
    results: list[Any] = [None] * n

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[i] = fn(i)
        except Exception as exc:  # reported by the assertion on the results
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def _committed(fn: Callable[[], Any]) -> Any:
    """Run ``fn`` in a thread of its own, so its writes commit outside the test's transaction."""
    return _in_threads(1, lambda _i: fn())[0]


def _last_audit_id() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM core_auditevent")
        return int(cursor.fetchone()[0])


@pytest.fixture
def restore(user_named: Callable[[str], Any]) -> Iterator[Callable[[Any], None]]:
    """Remember rows as they were; afterwards put them back (committed) and drop the burst's audit rows."""
    saved: list[tuple[Any, dict[str, Any], dict[str, list[int]]]] = []
    audit_before = _last_audit_id()

    def remember(instance: Any) -> None:
        fields = {
            f.attname: getattr(instance, f.attname)
            for f in instance._meta.concrete_fields
            if not f.primary_key and f.name != "aangemaakt_op"
        }
        m2m = {f.name: [o.pk for o in getattr(instance, f.name).all()] for f in instance._meta.many_to_many}
        saved.append((instance, fields, m2m))

    yield remember

    def put_back() -> None:
        for instance, fields, m2m in saved:
            type(instance)._base_manager.filter(pk=instance.pk).update(**fields)
            fresh = type(instance)._base_manager.get(pk=instance.pk)
            for name, pks in m2m.items():
                getattr(fresh, name).set(pks)
        with connections["default"].cursor() as cursor:
            cursor.execute("DELETE FROM core_auditevent WHERE id > %s", [audit_before])

    assert _committed(put_back) is None


def _burst(username: Any, user_named: Callable[[str], Any], send: Callable[[APIClient], Any]) -> Counter[int]:
    user = user_named(username)

    def one(_i: int) -> int:
        client = APIClient()
        client.force_authenticate(user=user)
        return int(send(client).status_code)

    results = _in_threads(N, one)
    assert all(isinstance(r, int) for r in results), results
    return Counter(results)


def _one_winner(counts: Counter[int]) -> None:
    assert counts == Counter({200: 1, 412: N - 1}), counts


@pytest.mark.parametrize("with_if_match", [True, False], ids=["if-match", "zonder-if-match"])
def test_samenwerkingsverband(with_if_match: bool, restore: Any, user_named: Callable[[str], Any]) -> None:
    sv = Samenwerkingsverband.objects.get(slug="bel")
    restore(sv)
    headers = {"HTTP_IF_MATCH": f'W/"{sv.versie}"'} if with_if_match else {}
    counts = _burst(
        "wethouder.blaricum",
        user_named,
        lambda c: c.patch(
            "/api/v1/samenwerkingsverbanden/bel", {"omschrijving": "Gelijktijdig"}, format="json", **headers
        ),
    )
    if with_if_match:
        _one_winner(counts)
        assert Samenwerkingsverband.objects.get(pk=sv.pk).versie == sv.versie + 1
    else:
        assert counts == Counter({428: N}), counts
        assert Samenwerkingsverband.objects.get(pk=sv.pk).versie == sv.versie


@pytest.mark.parametrize("with_if_match", [True, False], ids=["if-match", "zonder-if-match"])
def test_functionaris_portefeuilles(
    with_if_match: bool, restore: Any, user_named: Callable[[str], Any]
) -> None:
    wethouder = (
        Functionaris.objects.filter(gemeente__slug="laren", functie=Functie.WETHOUDER, einddatum__isnull=True)
        .order_by("pk")
        .first()
    )
    assert wethouder is not None
    restore(wethouder)
    portefeuilles = list(Portefeuille.objects.filter(gemeente__slug="laren").values_list("pk", flat=True)[:1])
    headers = {"HTTP_IF_MATCH": f'W/"{wethouder.versie}"'} if with_if_match else {}
    counts = _burst(
        "griffier.laren",
        user_named,
        lambda c: c.patch(
            f"/api/v1/functionarissen/{wethouder.pk}",
            {"portefeuilles": portefeuilles},
            format="json",
            **headers,
        ),
    )
    if with_if_match:
        _one_winner(counts)
    else:
        assert counts == Counter({428: N}), counts


@pytest.mark.parametrize("with_if_match", [True, False], ids=["if-match", "zonder-if-match"])
def test_medewerker(with_if_match: bool, restore: Any, user_named: Callable[[str], Any]) -> None:
    mw = Medewerker.objects.get(gebruiker=user_named("medewerker.bel"))
    restore(mw)
    headers = {"HTTP_IF_MATCH": f'W/"{mw.versie}"'} if with_if_match else {}
    counts = _burst(
        "directeur.bel",
        user_named,
        lambda c: c.patch(f"/api/v1/medewerkers/{mw.pk}", {"fte": "0.70"}, format="json", **headers),
    )
    if with_if_match:
        _one_winner(counts)
        assert Medewerker.objects.get(pk=mw.pk).versie == mw.versie + 1
    else:
        assert counts == Counter({428: N}), counts


def test_concurrent_drafts_get_distinct_numbers(user_named: Callable[[str], Any]) -> None:
    from seta.catalogus.models import Catalogusitem

    item = (
        Catalogusitem.objects.filter(samenwerkingsverband__slug="bel", actief=True).order_by("code").first()
    )
    assert item is not None
    portefeuille = Portefeuille.objects.get(gemeente__slug="blaricum", naam="Sociaal domein")
    audit_before = _last_audit_id()
    deadline = (timezone.localdate() + dt.timedelta(days=200)).isoformat()
    user = user_named("regisseur.blaricum")
    n = 10

    def one(i: int) -> Any:
        client = APIClient()
        client.force_authenticate(user=user)
        return client.post(
            "/api/v1/bestuursopdrachten",
            {
                "samenwerkingsverband": "bel",
                "titel": f"Gelijktijdig concept {i}",
                "catalogusitem": item.pk,
                "deadline": deadline,
                "doelen": "Proef op gelijktijdige nummering.",
                "opdrachtgevers": [{"gemeente": "blaricum", "portefeuille": portefeuille.pk}],
            },
            format="json",
        )

    responses = _in_threads(n, one)
    try:
        assert all(not isinstance(r, Exception) for r in responses), responses
        assert [r.status_code for r in responses] == [201] * n, [r.content[:200] for r in responses]
        nummers = [r.json()["nummer"] for r in responses]
        assert len(set(nummers)) == n, nummers
    finally:

        def clean() -> None:
            Bestuursopdracht.objects.filter(titel__startswith="Gelijktijdig concept ").delete()
            with connections["default"].cursor() as cursor:
                cursor.execute("DELETE FROM core_auditevent WHERE id > %s", [audit_before])

        assert _committed(clean) is None


def test_restore_left_the_demo_as_it_was(user_named: Callable[[str], Any]) -> None:
    """The bursts above committed for real; their cleanup must leave no trace for later tests."""
    assert not Bestuursopdracht.objects.filter(titel__startswith="Gelijktijdig concept ").exists()
    assert Samenwerkingsverband.objects.get(slug="bel").omschrijving != "Gelijktijdig"
