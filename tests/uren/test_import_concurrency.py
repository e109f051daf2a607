"""Concurrent hour imports on PostgreSQL: never a 500 (IntegrityError), always 201, "al ingelezen" or 409.

The requests run in threads, each with its own database connection, so they commit for real and see
the demo (built and committed once per session). The test's own transaction is not used by them;
what they write is removed afterwards from another connection, so the demo stays as it was.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections

from seta.core.models import AuditEvent
from seta.organisatie.models import Medewerker
from seta.uren.models import Urenimport, Urenregel, Weekstaat

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises every write transaction, there is no race to test",
    ),
]

KOP = "medewerker;datum;uren;code;gemeente;omschrijving"
THREADS = 6


def _in_thread(fn: Callable[[], Any]) -> Any:
    """Run ``fn`` on a fresh connection outside the test's transaction; return its result or exception."""
    out: list[Any] = []

    def target() -> None:
        try:
            out.append(fn())
        except BaseException as exc:
            out.append(exc)
        finally:
            connections.close_all()

    t = threading.Thread(target=target)
    t.start()
    t.join(timeout=120)
    return out[0]


def _burst(requests: list[Callable[[], Any]]) -> list[Any]:
    barrier = threading.Barrier(len(requests))
    results: list[Any] = [None] * len(requests)

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = requests[i]()
        except BaseException as exc:
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(requests))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=180)
    return results


def _cleanup(medewerker_id: int, jaar: int, weken: set[int], shas: list[str]) -> None:
    def delete() -> None:
        ids = [str(pk) for pk in Urenimport.objects.filter(sha256__in=shas).values_list("pk", flat=True)]
        # the audit trail refuses deletes through the ORM; this test's own events go with raw SQL
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {AuditEvent._meta.db_table} WHERE object_type = %s AND object_id = ANY(%s)",
                ["uren.urenimport", ids],
            )
        Urenimport.objects.filter(sha256__in=shas).delete()
        Urenregel.objects.filter(bron__in=[f"import:{s}" for s in shas]).delete()
        Weekstaat.objects.filter(medewerker_id=medewerker_id, jaar=jaar, week__in=weken).delete()

    result = _in_thread(delete)
    assert not isinstance(result, BaseException), result


def _post(api_as: Any, naam: str, inhoud: bytes) -> Callable[[], Any]:
    client = api_as("controller.bel")

    def post() -> Any:
        return client.post(
            "/api/v1/urenimports",
            {"samenwerkingsverband": "bel", "bestand": SimpleUploadedFile(naam, inhoud)},
            format="multipart",
        )

    return post


def _status(results: list[Any]) -> list[Any]:
    return [r if isinstance(r, BaseException) else r.status_code for r in results]


@pytest.fixture
def mw_id(user_named: Any) -> int:
    return Medewerker.objects.get(gebruiker=user_named("medewerker.bel")).pk


def test_the_same_file_uploaded_concurrently_is_read_once(api_as: Any, user_named: Any, mw_id: int) -> None:
    nummer = Medewerker.objects.get(pk=mw_id).personeelsnummer
    inhoud = f"{KOP}\n{nummer};04-03-2030;3;overhead;;a\n{nummer};05-03-2030;2;overhead;;b\n".encode()
    sha = hashlib.sha256(inhoud).hexdigest()
    try:
        results = _burst([_post(api_as, "zelfde.csv", inhoud) for _ in range(THREADS)])
        statussen = _status(results)
        assert all(s in (200, 201, 409) for s in statussen), statussen
        assert statussen.count(201) == 1, statussen
        assert all(r.json()["alIngelezen"] for r in results if r.status_code == 200)
        telling = _in_thread(
            lambda: (
                Urenregel.objects.filter(bron=f"import:{sha}").count(),
                Urenimport.objects.filter(sha256=sha).count(),
                Weekstaat.objects.filter(medewerker_id=mw_id, jaar=2030, week=10).count(),
            )
        )
        assert telling == (2, 1, 1)
    finally:
        _cleanup(mw_id, 2030, {10}, [sha])


def test_different_files_for_the_same_new_week_concurrently(api_as: Any, mw_id: int) -> None:
    nummer = Medewerker.objects.get(pk=mw_id).personeelsnummer
    bestanden = [
        (f"week11-{i}.csv", f"{KOP}\n{nummer};{11 + i:02d}-03-2030;1;overhead;;dag {i}\n".encode())
        for i in range(THREADS)
    ]
    shas = [hashlib.sha256(inhoud).hexdigest() for _, inhoud in bestanden]
    try:
        results = _burst([_post(api_as, naam, inhoud) for naam, inhoud in bestanden])
        statussen = _status(results)
        # the imports wait for each other (a lock on the pool): every file is read, none is lost
        assert statussen == [201] * THREADS, statussen
        geslaagd = THREADS
        telling = _in_thread(
            lambda: (
                Urenregel.objects.filter(bron__in=[f"import:{s}" for s in shas]).count(),
                Weekstaat.objects.filter(medewerker_id=mw_id, jaar=2030, week=11).count(),
            )
        )
        assert telling == (geslaagd, 1)
    finally:
        _cleanup(mw_id, 2030, {11}, shas)
