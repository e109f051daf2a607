"""A GET never writes: the week page shows a week without a weekstaat unsaved; saving creates it, audited.

Before: ``/uren/?week=2099-W01`` created a Weekstaat for any week in the URL, without an audit row.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from seta.core.models import AuditEvent
from seta.uren.models import Weekstaat

from .conftest import WEEK

pytestmark = pytest.mark.django_db


def _rows(mw: Any) -> int:
    return Weekstaat.objects.filter(medewerker=mw).count()


@pytest.mark.parametrize("week", ["2099-W01", "NEXT-W01", "2001-W05", "2026-W38"])
def test_get_of_a_week_creates_no_weekstaat(client: Any, user_named: Any, mw: Any, week: str) -> None:
    week = week.replace("NEXT", str(timezone.localdate().year + 1))
    client.force_login(user_named("medewerker.bel"))
    voor, audit_voor = _rows(mw), AuditEvent.objects.count()
    r = client.get(f"/uren/?week={week}")
    assert r.status_code == 200
    assert _rows(mw) == voor and AuditEvent.objects.count() == audit_voor
    assert not Weekstaat.objects.filter(medewerker=mw, jaar=int(week[:4]), week=int(week[-2:])).exists()


@pytest.mark.parametrize(
    ("week", "melding"),
    [
        ("2099-W01", "valt daarbuiten"),
        ("1999-W10", "valt daarbuiten"),
        ("2026-W54", "is geen week"),
        ("99999999999999999999-W01", "is geen week"),
        ("morgen", "is geen week"),
    ],
)
def test_a_bad_or_absurd_week_gets_a_clear_message(
    client: Any, user_named: Any, mw: Any, week: str, melding: str
) -> None:
    client.force_login(user_named("medewerker.bel"))
    voor = _rows(mw)
    r = client.get(f"/uren/?week={week}")
    assert r.status_code == 200
    assert melding in r.content.decode()
    assert _rows(mw) == voor


def test_saving_an_unsaved_week_creates_it_audited(
    client: Any, user_named: Any, mw: Any, item: Any, laren: Any
) -> None:
    client.force_login(user_named("medewerker.bel"))
    label = f"{WEEK[0]}-W{WEEK[1]:02d}"
    assert not Weekstaat.objects.filter(medewerker=mw, jaar=WEEK[0], week=WEEK[1]).exists()
    page = client.get(f"/uren/?week={label}").content.decode()
    assert 'name="versie" value="1"' in page  # the unsaved week carries version 1
    r = client.post(
        f"/uren/?week={label}",
        {
            "week": label,
            "versie": "1",
            "aantal_rijen": "0",
            "nieuw-doel": f"item:{item.pk}",
            "nieuw-gemeente": str(laren.pk),
            "nieuw-dag-0": "6",
        },
    )
    assert r.status_code == 302
    staat = Weekstaat.objects.get(medewerker=mw, jaar=WEEK[0], week=WEEK[1])
    assert sum(regel.uren for regel in staat.regels.all()) == Decimal("6")
    event = AuditEvent.objects.get(actie="weekstaat.openen", object_id=str(staat.pk))
    assert event.actor_naam == "medewerker.bel"


def test_someone_else_cannot_open_a_week_through_the_service(actor_named: Any, mw: Any) -> None:
    from seta.core.errors import NotFound, SetaError
    from seta.uren import services

    staat = services.weekstaat_for_week(
        actor=actor_named("teamleider.bel"), medewerker=mw, jaar=WEEK[0], week=WEEK[1]
    )
    assert staat.pk is None
    with pytest.raises(SetaError) as exc:
        services.save_week(actor=actor_named("teamleider.bel"), weekstaat=staat, rijen=[])
    assert not isinstance(exc.value, NotFound) and exc.value.status == 403
    assert not Weekstaat.objects.filter(medewerker=mw, jaar=WEEK[0], week=WEEK[1]).exists()
