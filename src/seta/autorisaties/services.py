"""Write path for personal API tokens and one's own password.

A token is stored hashed (see ``tokens.py``); the functions that make one return the full token next to
the record, and that is the only moment it exists in clear: the caller shows it once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from seta.autorisaties import policy, tokens
from seta.autorisaties.actor import Actor, system_actor
from seta.autorisaties.models import ApiToken
from seta.core import audit
from seta.core.errors import InvalidInput


@dataclass(frozen=True)
class NieuwToken:
    """A freshly made token: the stored record and the full token (shown once, never stored)."""

    token: ApiToken
    sleutel: str


def _make_token(user: Any) -> NieuwToken:
    """Replace the user's token by a new one (a prefix collision, 1 in 4 billion, draws again)."""
    ApiToken.objects.filter(gebruiker=user).delete()
    for _ in range(5):
        prefix, sleutel = tokens.generate()
        try:
            with transaction.atomic():
                token = ApiToken.objects.create(
                    gebruiker=user, prefix=prefix, sleutel_hash=tokens.digest(sleutel)
                )
        except IntegrityError:
            continue
        return NieuwToken(token=token, sleutel=sleutel)
    raise RuntimeError("Could not draw a unique token prefix.")  # pragma: no cover


def markeer_gebruikt(token: ApiToken, tijdstip: dt.datetime) -> None:
    """Record when a token was last used: bookkeeping of the authentication itself (no actor yet, not an
    audited change of the token)."""
    ApiToken.objects.filter(pk=token.pk).update(laatst_gebruikt_op=tijdstip)


def _audit_after(user: Any, token: ApiToken) -> dict[str, Any]:
    return {"gebruiker": user.get_username(), "prefix": token.prefix}


@transaction.atomic
def renew_token(*, actor: Actor, user: Any) -> NieuwToken:
    """Create (or replace) the personal API token of ``user``."""
    policy.require(actor, "token.beheren", user)
    nieuw = _make_token(user)
    audit.record(actor=actor, action="token.aanmaken", instance=user, after=_audit_after(user, nieuw.token))
    return nieuw


@transaction.atomic
def revoke_token(*, actor: Actor, user: Any) -> None:
    policy.require(actor, "token.beheren", user)
    ApiToken.objects.filter(gebruiker=user).delete()
    audit.record(
        actor=actor, action="token.intrekken", instance=user, after={"gebruiker": user.get_username()}
    )


@transaction.atomic
def token_for_command(*, username: str) -> NieuwToken:
    """For ``seta token USERNAME`` (run by an operator on the server): a new token, replacing the old one
    (a stored token cannot be shown again)."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username=username)
    nieuw = _make_token(user)
    audit.record(
        actor=system_actor("token"),
        action="token.aanmaken",
        instance=user,
        after=_audit_after(user, nieuw.token),
    )
    return nieuw


@transaction.atomic
def change_password(*, actor: Actor, user: Any, huidig: str, nieuw: str, herhaling: str) -> None:
    """Change one's own password: the current one must be right and the new one pass every validator
    (``AUTH_PASSWORD_VALIDATORS``). The trail records that it changed, never the password."""
    policy.require(actor, "wachtwoord.wijzigen", user)
    fouten: dict[str, list[str]] = {}
    if not user.check_password(huidig):
        fouten["huidig"] = ["Uw huidige wachtwoord klopt niet."]
    if nieuw != herhaling:
        fouten["herhaling"] = ["De twee nieuwe wachtwoorden zijn niet gelijk."]
    try:
        validate_password(nieuw, user)
    except ValidationError as exc:
        fouten["nieuw"] = list(exc.messages)
    if fouten:
        raise InvalidInput(fields=fouten)
    user.set_password(nieuw)
    user.save(update_fields=["password"])
    audit.record(
        actor=actor, action="wachtwoord.wijzigen", instance=user, after={"gebruiker": user.get_username()}
    )
