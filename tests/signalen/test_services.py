"""The write path of signalen: raising is idempotent per finding and recipient, input is checked, and a signal
is handled once (a second time is a 409), each step audited."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from seta.autorisaties.actor import system_actor
from seta.core.errors import Conflict, InvalidInput, NotFound
from seta.core.models import AuditEvent
from seta.gemeenten.models import Gemeente
from seta.samenwerkingsverbanden.models import Samenwerkingsverband
from seta.signalen import services
from seta.signalen.models import Signaal

pytestmark = pytest.mark.django_db


def _raise(**kwargs: Any) -> list[Signaal]:
    args: dict[str, Any] = {
        "actor": system_actor("test"),
        "samenwerkingsverband": Samenwerkingsverband.objects.get(slug="bel"),
        "soort": "raming_90",
        "onderwerp": "raming_90:opdracht:test",
        "ontvangers": [("pool", None), ("college", Gemeente.objects.get(slug="laren"))],
        "titel": "90 % van de raming",
        "tekst": "De geboekte uren bereiken 90 % van de raming.",
    }
    args.update(kwargs)
    return services.signaleer(**args)


def test_raising_twice_is_one_signal_per_recipient() -> None:
    eerste = _raise()
    assert len(eerste) == 2
    assert {s.doelgroep for s in eerste} == {"pool", "college"}
    assert eerste[0].gemeente is None and eerste[1].gemeente.slug == "laren"
    assert _raise() == []
    assert _raise(titel="Andere titel") == [], "the key is the finding, not its wording"
    assert Signaal.objects.filter(sleutel__startswith="raming_90:opdracht:test|").count() == 2
    assert (
        AuditEvent.objects.filter(
            actie="signaal.aangemaakt", object_id__in=[str(s.pk) for s in eerste]
        ).count()
        == 2
    )
    # Another municipality's college is another recipient: a new signal.
    (nieuw,) = _raise(ontvangers=[("college", Gemeente.objects.get(slug="eemnes"))])
    assert nieuw.gemeente.slug == "eemnes"


def test_a_long_finding_gets_a_key_that_fits_and_stays_unique() -> None:
    lang = "norm_gemist:" + "x" * 400
    (a,) = _raise(onderwerp=lang + "a", ontvangers=[("pool", None)])
    (b,) = _raise(onderwerp=lang + "b", ontvangers=[("pool", None)])
    assert len(a.sleutel) <= 200 and len(b.sleutel) <= 200 and a.sleutel != b.sleutel
    assert _raise(onderwerp=lang + "a", ontvangers=[("pool", None)]) == []


@pytest.mark.parametrize(
    ("kwargs", "melding"),
    [
        ({"soort": "onbekend"}, "signaalsoort"),
        ({"ontvangers": [("raad", None)]}, "doelgroep"),
        ({"ontvangers": [("college", None)]}, "vraagt een gemeente"),
        ({"onderwerp": " "}, "onderwerp"),
    ],
)
def test_a_programming_error_in_raising_is_refused(kwargs: dict[str, Any], melding: str) -> None:
    with pytest.raises(ValueError, match=melding):
        _raise(**kwargs)


def test_handling_once_then_conflict(actor_named: Callable[[str], Any]) -> None:
    pool, _college = _raise()
    directeur = actor_named("directeur.bel")
    gedaan = services.handel_af(actor=directeur, signaal=pool, afhandeling="  Raming bijgesteld.  ")
    assert gedaan.afgehandeld_op is not None
    assert gedaan.afgehandeld_door == directeur.user
    assert gedaan.afhandeling == "Raming bijgesteld."
    assert AuditEvent.objects.filter(actie="signaal.afgehandeld", object_id=str(pool.pk)).count() == 1
    with pytest.raises(Conflict):
        services.handel_af(actor=actor_named("controller.bel"), signaal=pool)


def test_handling_checks_the_reader_and_the_note(actor_named: Callable[[str], Any]) -> None:
    pool, college = _raise()
    with pytest.raises(NotFound):
        services.handel_af(actor=actor_named("directeur.bel"), signaal=college)
    with pytest.raises(NotFound):
        services.handel_af(actor=actor_named("raadslid.laren"), signaal=college)
    with pytest.raises(InvalidInput) as exc:
        services.handel_af(actor=actor_named("directeur.bel"), signaal=pool, afhandeling="x" * 2001)
    assert "afhandeling" in exc.value.fields
    pool.refresh_from_db()
    assert pool.afgehandeld_op is None
    # The system channels may raise, never handle.
    with pytest.raises(NotFound):
        services.handel_af(actor=system_actor("demo"), signaal=pool)
