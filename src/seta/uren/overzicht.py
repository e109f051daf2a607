"""The summary of approved hours (:class:`~seta.uren.models.Urenoverzicht`): kept up to date at approval.

An approved week is locked, so its lines can be summed once, when it is approved: :func:`week_erbij`
(called by ``services.approve_week`` in its transaction) adds the week's lines, :func:`week_eraf`
(``services.reopen_week`` of an approved week) removes them again. Both run ONE ``GROUP BY`` over the
week's lines and merge each group into its summary row with a signed delta (:func:`_voeg_toe`):

- an ``UPDATE … SET uren = uren + δ, aantal_regels = aantal_regels + n`` on the row of the key. It takes the
  row lock and adds to whatever is committed, so two approvals of different weeks that touch the same
  row both count (on PostgreSQL the second waits for the first and then adds to its result);
- no row yet: an ``INSERT`` in a savepoint. When a concurrent approval inserted the same key first,
  the unique index makes ours wait for it and then fail; the savepoint is rolled back and the update
  is tried again, which now finds the committed row;
- a row whose line count reaches 0 is deleted.

The groups are merged in one fixed order of the key, so two transactions lock shared rows in the same
order and cannot deadlock on them. ``bulk_create(update_conflicts=True)`` is not used: it overwrites,
it does not add.

Bulk paths that insert approved weeks directly (the demo, the benchmark, ``uren/bulk.py``) call
:func:`herbereken` afterwards: a trusted system path (no actor, no audit; the summary is derived data)
that rebuilds the summary of a cooperation (and a year) from a fresh ``GROUP BY``. :func:`verschillen`
compares the summary with that GROUP BY; ``seta check-urenoverzicht`` reports it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Sum
from django.db.models.functions import ExtractMonth, ExtractYear

from seta.uren.models import Urenoverzicht, Urenregel, Weekstaat, Weekstatus

NUL = Decimal("0")
# The key of a summary row, in the order of the unique constraint.
SLEUTEL = ("samenwerkingsverband_id", "jaar", "maand", "gemeente_id", "eenheid_id", "schaal", "opdracht_id")
Sleutel = tuple[Any, ...]


@dataclass(frozen=True)
class Verschil:
    """One key where the summary and the fresh GROUP BY differ (absent on one side: 0 hours, 0 lines)."""

    sleutel: Sleutel
    verwacht_uren: Decimal
    verwacht_regels: int
    opgeslagen_uren: Decimal
    opgeslagen_regels: int

    def veld(self, naam: str) -> Any:
        return self.sleutel[SLEUTEL.index(naam)]


def _groepen(regels: Any) -> dict[Sleutel, tuple[Decimal, int]]:
    """ONE GROUP BY over ``regels`` per summary key: {key: (hours, number of lines)}."""
    rows = (
        regels.annotate(jaar=ExtractYear("datum"), maand=ExtractMonth("datum"))
        .values(*SLEUTEL)
        .annotate(som=Sum("uren"), aantal=Count("id"))
        .order_by()
    )
    return {tuple(r[k] for k in SLEUTEL): (r["som"] or NUL, r["aantal"]) for r in rows}


def _volgorde(sleutel: Sleutel) -> tuple[int, ...]:
    return tuple(-1 if v is None else int(v) for v in sleutel)


def _filter(sleutel: Sleutel) -> dict[str, Any]:
    """The lookup of one key (``IS NULL`` for an empty gemeente, schaal or opdracht)."""
    return {
        (f"{k}__isnull" if v is None else k): (True if v is None else v)
        for k, v in zip(SLEUTEL, sleutel, strict=True)
    }


def _voeg_toe(sleutel: Sleutel, uren: Decimal, aantal: int) -> None:
    """Add a signed delta to the summary row of ``sleutel`` (created when missing, deleted at 0 lines)."""
    rijen = Urenoverzicht.objects.filter(**_filter(sleutel))
    for _poging in range(3):
        if rijen.update(uren=F("uren") + uren, aantal_regels=F("aantal_regels") + aantal):
            break
        try:
            with transaction.atomic():
                Urenoverzicht.objects.create(
                    **dict(zip(SLEUTEL, sleutel, strict=True)), uren=uren, aantal_regels=aantal
                )
            break
        except IntegrityError:
            continue  # a concurrent approval inserted this key first: add to its row
    else:  # pragma: no cover - only when the row keeps appearing and disappearing under us
        raise RuntimeError(f"Urenoverzicht {sleutel} kon niet worden bijgewerkt.")
    if aantal < 0:
        rijen.filter(aantal_regels=0).delete()


def _merge(groepen: dict[Sleutel, tuple[Decimal, int]], teken: int) -> None:
    for sleutel in sorted(groepen, key=_volgorde):  # one lock order for every transaction
        uren, aantal = groepen[sleutel]
        _voeg_toe(sleutel, teken * uren, teken * aantal)


def _require_atomic() -> None:
    if not connection.in_atomic_block:
        raise RuntimeError("The summary is changed inside the approval's transaction.")


def week_erbij(weekstaat: Weekstaat) -> None:
    """Add the lines of ``weekstaat`` (being approved, row locked by the caller) to the summary."""
    _require_atomic()
    _merge(_groepen(Urenregel.objects.filter(weekstaat_id=weekstaat.pk)), +1)


def week_eraf(weekstaat: Weekstaat) -> None:
    """Remove the lines of the approved ``weekstaat`` (being reopened, row locked) from the summary."""
    _require_atomic()
    _merge(_groepen(Urenregel.objects.filter(weekstaat_id=weekstaat.pk)), -1)


def goedgekeurde_regels(samenwerkingsverband_id: int, jaar: int | None = None) -> Any:
    """The lines the summary must hold: those in approved weeks (of calendar year ``jaar`` of their datum)."""
    qs = Urenregel.objects.filter(
        samenwerkingsverband_id=samenwerkingsverband_id, weekstaat__status=Weekstatus.GOEDGEKEURD
    )
    return qs if jaar is None else qs.filter(datum__year=jaar)


def _opgeslagen(samenwerkingsverband_id: int, jaar: int | None) -> Any:
    qs = Urenoverzicht.objects.filter(samenwerkingsverband_id=samenwerkingsverband_id)
    return qs if jaar is None else qs.filter(jaar=jaar)


@transaction.atomic
def herbereken(samenwerkingsverband_id: int, jaar: int | None = None) -> int:
    """Rebuild the summary of a cooperation (of one calendar year, or all) from a fresh GROUP BY.

    A trusted system path for bulk loads that insert approved weeks directly (demo, benchmark, the
    data migration does the same): no actor, no audit, the summary being derived data. On PostgreSQL
    the summary table is locked (EXCLUSIVE: reads go on, approvals wait) so no approval commits between
    the GROUP BY and the new rows. Returns the number of summary rows written.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {Urenoverzicht._meta.db_table} IN EXCLUSIVE MODE")
    _opgeslagen(samenwerkingsverband_id, jaar).delete()
    groepen = _groepen(goedgekeurde_regels(samenwerkingsverband_id, jaar))
    Urenoverzicht.objects.bulk_create(
        [
            Urenoverzicht(**dict(zip(SLEUTEL, sleutel, strict=True)), uren=uren, aantal_regels=aantal)
            for sleutel, (uren, aantal) in sorted(groepen.items(), key=lambda kv: _volgorde(kv[0]))
        ],
        batch_size=2000,
    )
    return len(groepen)


def verschillen(samenwerkingsverband_id: int, jaar: int | None = None) -> list[Verschil]:
    """Every key where the stored summary differs from a fresh GROUP BY over the approved lines (read only)."""
    verwacht = _groepen(goedgekeurde_regels(samenwerkingsverband_id, jaar))
    opgeslagen = {
        tuple(r[k] for k in SLEUTEL): (r["uren"], r["aantal_regels"])
        for r in _opgeslagen(samenwerkingsverband_id, jaar).values(*SLEUTEL, "uren", "aantal_regels")
    }
    result = []
    for sleutel in sorted(set(verwacht) | set(opgeslagen), key=_volgorde):
        v_uren, v_aantal = verwacht.get(sleutel, (NUL, 0))
        o_uren, o_aantal = opgeslagen.get(sleutel, (NUL, 0))
        if v_uren != o_uren or v_aantal != o_aantal:
            result.append(Verschil(sleutel, v_uren, v_aantal, o_uren, o_aantal))
    return result
