"""Every action scope of the policy selects exactly the records on which its rule says yes.

An action scope (``policy.action_scope``) is a rule written as a query, for lists ("which weeks can I
approve", "which questions wait for my answer"); the rule stays the authority for one record. This test
keeps the two the same decision for every demo login on a sample of records.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model

from seta.autorisaties import policy
from seta.autorisaties.actor import ANONYMOUS, actor_for
from seta.opdrachten.models import Bestuursvraag
from seta.uren.models import Weekstaat, Weekstatus

pytestmark = pytest.mark.django_db

# The records each action scope ranges over, with a sample that includes the interesting states.
SAMPLES: dict[str, Any] = {
    "weekstaat.goedkeuren": lambda: (
        list(
            Weekstaat.objects.filter(status=Weekstatus.INGEDIEND)
            .select_related("medewerker")
            .order_by("pk")[:150]
        )
        + list(
            Weekstaat.objects.exclude(status=Weekstatus.INGEDIEND)
            .select_related("medewerker")
            .order_by("pk")[:50]
        )
    ),
    "bestuursvraag.beantwoorden": lambda: list(Bestuursvraag.objects.select_related("bestuursopdracht")),
}


def test_every_action_scope_has_a_sample() -> None:
    assert set(policy.ACTION_SCOPES) == set(SAMPLES)


@pytest.mark.parametrize("action", sorted(SAMPLES))
def test_action_scope_equals_the_rule_for_every_demo_login(action: str) -> None:
    records = SAMPLES[action]()
    assert records, f"the demo has no records for {action}"
    model = type(records[0])
    ids = [r.pk for r in records]
    mismatches = []
    some_yes = False
    for user in get_user_model().objects.order_by("username"):
        actor = actor_for(user)
        by_scope = set(
            model.objects.filter(pk__in=ids)
            .filter(policy.actie_scope(actor, action))
            .values_list("pk", flat=True)
        )
        by_rule = {r.pk for r in records if policy.can(actor, action, r)}
        some_yes = some_yes or bool(by_rule)
        if by_scope != by_rule:
            mismatches.append(
                f"{user.username}: scope only {sorted(by_scope - by_rule)[:5]}, rule only {sorted(by_rule - by_scope)[:5]}"
            )
    assert mismatches == []
    assert some_yes, f"nobody may {action} on the sample: the test proves nothing"


def test_anonymous_gets_nothing() -> None:
    for action in policy.ACTION_SCOPES:
        assert policy.actie_scope(ANONYMOUS, action) == policy.NOTHING


def test_unknown_action_scope_raises() -> None:
    with pytest.raises(KeyError):
        policy.actie_scope(ANONYMOUS, "bestaat.niet")
