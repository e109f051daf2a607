"""Fast insertion of many urenregels (demo and benchmark): one parameterised INSERT run with executemany.

The ORM's ``bulk_create`` spends most of its time building model instances and preparing values one
field at a time; for hundreds of thousands of lines a plain ``executemany`` of tuples is an order of
magnitude faster on SQLite and PostgreSQL alike. Only for trusted, already validated data: nothing
here checks the rules of ``services.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.db import connection
from django.utils import timezone

from seta.uren.models import Urenregel

KOLOMMEN = (
    "samenwerkingsverband_id",
    "medewerker_id",
    "weekstaat_id",
    "datum",
    "uren",
    "soort",
    "opdracht_id",
    "catalogusitem_id",
    "gemeente_id",
    "eenheid_id",
    "schaal",
    "omschrijving",
    "bron",
    "sleutel",
)


def insert_lines(rows: Iterable[Sequence[Any]], *, batch: int = 10000) -> int:
    """Insert rows with the values of :data:`KOLOMMEN` (datum a date, uren a Decimal); returns the count."""
    ops = connection.ops
    nu = ops.adapt_datetimefield_value(timezone.now())
    kolommen = (*KOLOMMEN, "aangemaakt_op", "gewijzigd_op", "versie")
    sql = (
        f"INSERT INTO {Urenregel._meta.db_table} ({', '.join(kolommen)}) "
        f"VALUES ({', '.join(['%s'] * len(kolommen))})"
    )
    total = 0
    buffer: list[tuple[Any, ...]] = []

    def flush() -> None:
        nonlocal total
        if buffer:
            with connection.cursor() as cursor:
                cursor.executemany(sql, buffer)
            total += len(buffer)
            buffer.clear()

    for row in rows:
        values = list(row)
        values[3] = ops.adapt_datefield_value(values[3]) if isinstance(values[3], dt.date) else values[3]
        values[4] = ops.adapt_decimalfield_value(Decimal(values[4]), 4, 2)
        buffer.append((*values, nu, nu, 1))
        if len(buffer) >= batch:
            flush()
    flush()
    return total


def insert_rows(
    model: Any, kolommen: Sequence[str], rows: Iterable[Sequence[Any]], *, batch: int = 10000
) -> int:
    """Insert plain rows into ``model``'s table (values already in database form, datetimes adapted)."""
    sql = f"INSERT INTO {model._meta.db_table} ({', '.join(kolommen)}) VALUES ({', '.join(['%s'] * len(kolommen))})"
    total = 0
    buffer: list[Sequence[Any]] = []
    for row in rows:
        buffer.append(row)
        if len(buffer) >= batch:
            with connection.cursor() as cursor:
                cursor.executemany(sql, buffer)
            total += len(buffer)
            buffer = []
    if buffer:
        with connection.cursor() as cursor:
            cursor.executemany(sql, buffer)
        total += len(buffer)
    return total


def now_value() -> Any:
    return connection.ops.adapt_datetimefield_value(timezone.now())
