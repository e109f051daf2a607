"""Write path for personal API tokens."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from rest_framework.authtoken.models import Token

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor, system_actor
from seta.core import audit


@transaction.atomic
def renew_token(*, actor: Actor, user: Any) -> Token:
    """Create (or replace) the personal API token of ``user``."""
    policy.require(actor, "token.beheren", user)
    Token.objects.filter(user=user).delete()
    token = Token.objects.create(user=user)
    audit.record(
        actor=actor, action="token.aanmaken", instance=user, after={"gebruiker": user.get_username()}
    )
    return token


@transaction.atomic
def revoke_token(*, actor: Actor, user: Any) -> None:
    policy.require(actor, "token.beheren", user)
    Token.objects.filter(user=user).delete()
    audit.record(
        actor=actor, action="token.intrekken", instance=user, after={"gebruiker": user.get_username()}
    )


@transaction.atomic
def token_for_command(*, username: str) -> Token:
    """For ``seta token USERNAME`` (run by an operator on the server): reuse or create the token."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username=username)
    token, created = Token.objects.get_or_create(user=user)
    if created:
        audit.record(
            actor=system_actor("token"), action="token.aanmaken", instance=user, after={"gebruiker": username}
        )
    return token
