"""Concurrent approvals and reopenings of different weeks that touch the same summary rows (PostgreSQL).

Four weeks of one medewerker in March 2031, each with the same two targets (overhead and regular work
for Laren), so every approval adds to the same two ``Urenoverzicht`` rows. The approvals run at once in
threads, each on its own connection, so they commit for real: none may be lost, none may deadlock; then
the reopenings at once remove everything again. What the test wrote is removed afterwards.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, connections

from seta.autorisaties.actor import actor_for
from seta.catalogus.models import Catalogusitem
from seta.core.models import AuditEvent
from seta.gemeenten.models import Gemeente
from seta.organisatie.models import Medewerker
from seta.uren import overzicht, services
from seta.uren.models import Urenoverzicht, Urenregel, Weekstaat

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises every write transaction, there is no race to test",
    ),
]

JAAR = 2031
WEKEN = [10, 11, 12, 13]  # 3 March - 30 March 2031: all in March


def _in_thread(fn: Callable[[], Any]) -> Any:
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


def _burst(calls: list[Callable[[], Any]]) -> list[Any]:
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = calls[i]()
        except BaseException as exc:
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=180)
    return results


def _cleanup(mw_id: int) -> None:
    def delete() -> None:
        staten = list(Weekstaat.objects.filter(medewerker_id=mw_id, jaar=JAAR).values_list("pk", flat=True))
        regels = list(Urenregel.objects.filter(weekstaat_id__in=staten).values_list("pk", flat=True))
        with connection.cursor() as cursor:  # the audit trail refuses deletes through the ORM
            cursor.execute(
                f"DELETE FROM {AuditEvent._meta.db_table} WHERE (object_type = 'uren.weekstaat' AND "
                "object_id = ANY(%s)) OR (object_type = 'uren.urenregel' AND object_id = ANY(%s))",
                [[str(p) for p in staten], [str(p) for p in regels]],
            )
        Urenregel.objects.filter(pk__in=regels).delete()
        Weekstaat.objects.filter(pk__in=staten).delete()
        Urenoverzicht.objects.filter(jaar=JAAR).delete()

    result = _in_thread(delete)
    assert not isinstance(result, BaseException), result


def test_concurrent_approvals_and_reopenings_of_weeks_sharing_summary_rows(user_named: Any) -> None:
    mw = Medewerker.objects.get(gebruiker=user_named("medewerker.bel"))
    eigen = actor_for(user_named("medewerker.bel"))
    directeur = actor_for(user_named("directeur.bel"))
    item = (
        Catalogusitem.objects.filter(samenwerkingsverband__slug="bel", actief=True).order_by("code").first()
    )
    laren = Gemeente.objects.get(slug="laren")

    def prepare() -> list[Weekstaat]:
        staten = []
        for week in WEKEN:
            maandag = dt.date.fromisocalendar(JAAR, week, 1)
            services.register_hours(
                actor=eigen, medewerker=mw, datum=maandag, uren="2", doel=services.Doel("overhead")
            )
            services.register_hours(
                actor=eigen,
                medewerker=mw,
                datum=maandag + dt.timedelta(days=1),
                uren="3.5",
                doel=services.Doel("regulier", catalogusitem=item, gemeente=laren),
            )
            staat = services.weekstaat_for_week(actor=eigen, medewerker=mw, jaar=JAAR, week=week)
            staten.append(services.submit_week(actor=eigen, weekstaat=staat))
        return staten

    def rows() -> set[tuple[Any, ...]]:
        return {
            (r.gemeente_id, r.uren, r.aantal_regels)
            for r in Urenoverzicht.objects.filter(
                samenwerkingsverband_id=mw.samenwerkingsverband_id, jaar=JAAR
            )
        }

    try:
        staten = _in_thread(prepare)
        assert not isinstance(staten, BaseException), staten
        results = _burst(
            [lambda s=s: services.approve_week(actor=directeur, weekstaat=s) for s in staten]  # type: ignore[misc]
        )
        assert not [r for r in results if isinstance(r, BaseException)], results
        assert _in_thread(rows) == {(None, Decimal(8), 4), (laren.pk, Decimal(14), 4)}
        assert _in_thread(lambda: overzicht.verschillen(mw.samenwerkingsverband_id, JAAR)) == []

        results = _burst(
            [
                lambda s=s: services.reopen_week(actor=directeur, weekstaat=s, reden="Correctie")  # type: ignore[misc]
                for s in results
            ]
        )
        assert not [r for r in results if isinstance(r, BaseException)], results
        assert _in_thread(rows) == set()
        assert _in_thread(lambda: overzicht.verschillen(mw.samenwerkingsverband_id, JAAR)) == []
    finally:
        _cleanup(mw.pk)
