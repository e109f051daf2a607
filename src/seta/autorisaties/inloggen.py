"""Login throttling and lockout, enforced in the authentication backend (so the web login, the admin
login and any other password check share it).

Every failed password is an :class:`~seta.autorisaties.models.Inlogpoging` and an event in the audit
trail. When a user name has ``SETA_LOGIN_MAX_PER_GEBRUIKER`` failures (default 5), or a client address
``SETA_LOGIN_MAX_PER_ADRES`` (default 20), within the last ``SETA_LOGIN_VENSTER`` seconds (default 900),
further attempts are refused, even with the right password, until the oldest of those failures leaves the
window. A refused attempt is recorded (``geweigerd``) and audited but does not extend the lock. The rules
apply alike to names that exist and names that do not, and the message says nothing about either.

The client address is ``REMOTE_ADDR``; behind ``SETA_TRUSTED_PROXIES`` trusted reverse proxies it is the
address the outermost trusted proxy saw (``X-Forwarded-For`` counted from the right: entries to the left
of it are set by the client and can be forged).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from seta.autorisaties.actor import ANONYMOUS
from seta.autorisaties.models import Inlogpoging
from seta.core import audit

# Attempts older than this are removed when a new one is recorded (the window is far shorter).
BEWAARTERMIJN = dt.timedelta(days=30)


def venster() -> dt.timedelta:
    return dt.timedelta(seconds=int(getattr(settings, "SETA_LOGIN_VENSTER", 900)))


def client_address(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    proxies = int(getattr(settings, "SETA_TRUSTED_PROXIES", 0))
    if proxies > 0:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
        if hops:
            return hops[-min(proxies, len(hops))][:45]
    return str(request.META.get("REMOTE_ADDR", ""))[:45]


def _key(username: str) -> str:
    return username.strip().lower()[:150]


def _failures_since(since: dt.datetime, **where: str) -> list[dt.datetime]:
    return list(
        Inlogpoging.objects.filter(uitkomst=Inlogpoging.Uitkomst.MISLUKT, tijdstip__gte=since, **where)
        .order_by("-tijdstip")
        .values_list("tijdstip", flat=True)
    )


def geblokkeerd_tot(username: str, adres: str) -> dt.datetime | None:
    """Until when attempts for this name or from this address are refused (None: not locked)."""
    now = timezone.now()
    since = now - venster()
    until: list[dt.datetime] = []
    limits = [("gebruikersnaam", _key(username), int(getattr(settings, "SETA_LOGIN_MAX_PER_GEBRUIKER", 5)))]
    if adres:
        limits.append(("adres", adres, int(getattr(settings, "SETA_LOGIN_MAX_PER_ADRES", 20))))
    for field, value, limit in limits:
        failures = _failures_since(since, **{field: value})
        if len(failures) >= limit:
            # Locked until the limit-th most recent failure leaves the window.
            until.append(failures[limit - 1] + venster())
    return max(until) if until else None


def melding(tot: dt.datetime) -> str:
    minuten = max(1, math.ceil((tot - timezone.now()).total_seconds() / 60))
    return (
        "Te veel mislukte inlogpogingen voor deze gebruikersnaam of vanaf dit adres. "
        f"Probeer het over {minuten} {'minuut' if minuten == 1 else 'minuten'} opnieuw."
    )


def _vastleggen(username: str, adres: str, uitkomst: str) -> Inlogpoging:
    Inlogpoging.objects.filter(tijdstip__lt=timezone.now() - BEWAARTERMIJN).delete()
    return Inlogpoging.objects.create(gebruikersnaam=_key(username), adres=adres, uitkomst=uitkomst)


def _audit(poging: Inlogpoging, actie: str, **extra: Any) -> None:
    # Nobody is logged in: the trail names the anonymous actor; who tried is the name and address in "na".
    audit.record(
        actor=ANONYMOUS,
        action=actie,
        instance=poging,
        after={"gebruikersnaam": poging.gebruikersnaam, "adres": poging.adres, **extra},
    )


@transaction.atomic
def registreer_mislukt(username: str, adres: str) -> None:
    """A wrong password (or an unknown name): recorded and audited; when it reaches a limit, the lockout
    that starts is audited too."""
    poging = _vastleggen(username, adres, Inlogpoging.Uitkomst.MISLUKT)
    _audit(poging, "inloggen.mislukt")
    tot = geblokkeerd_tot(username, adres)
    if tot is not None:
        _audit(poging, "inloggen.geblokkeerd", tot=tot.isoformat())


@transaction.atomic
def registreer_geweigerd(username: str, adres: str, tot: dt.datetime) -> None:
    """An attempt refused during a lockout (the password was not checked)."""
    poging = _vastleggen(username, adres, Inlogpoging.Uitkomst.GEWEIGERD)
    _audit(poging, "inloggen.geweigerd", tot=tot.isoformat())


class ThrottledModelBackend(ModelBackend):
    """Django's model backend behind the lockout: a locked name or address is refused before the
    password is checked; a failed check is recorded."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        from django.contrib.auth import get_user_model

        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        adres = client_address(request)
        tot = geblokkeerd_tot(username, adres)
        if tot is not None:
            registreer_geweigerd(username, adres, tot)
            raise PermissionDenied(melding(tot))  # stops authenticate(): no other backend is tried
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            registreer_mislukt(username, adres)
        return user


def _lockout_instead(form: AuthenticationForm, exc: forms.ValidationError) -> forms.ValidationError:
    """On a failed login, say so when the name or address is (now) locked, instead of "wrong password"."""
    tot = geblokkeerd_tot(form.data.get("username", ""), client_address(form.request))
    return forms.ValidationError(melding(tot), code="geblokkeerd") if tot is not None else exc


class InlogFormulier(AuthenticationForm):
    def clean(self) -> dict[str, Any]:
        try:
            return super().clean()
        except forms.ValidationError as exc:
            raise _lockout_instead(self, exc) from None


class BeheerInlogFormulier(AdminAuthenticationForm):
    def clean(self) -> dict[str, Any]:
        try:
            return super().clean()
        except forms.ValidationError as exc:
            raise _lockout_instead(self, exc) from None
