"""Security headers and the production guard.

- :class:`SecurityHeadersMiddleware` sets ``Content-Security-Policy`` and ``Permissions-Policy`` on every
  response (Django 5.2 has no CSP of its own; ``SecurityMiddleware`` sets HSTS, nosniff, Referrer-Policy
  and COOP). The policies are the settings ``SETA_CONTENT_SECURITY_POLICY`` and
  ``SETA_PERMISSIONS_POLICY``; a view may set its own header, which is then left alone.
- :func:`require_production_secret` refuses to serve with DEBUG off and the built-in development key
  (``seta serve`` and the WSGI application call it), and the ``seta.E001`` system check reports it in
  ``check --deploy``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse

MELDING_ONTWIKKELSLEUTEL = (
    "SETA draait zonder SETA_DEBUG=1 en zonder SETA_SECRET_KEY: de server weigert te starten met de "
    "ingebouwde ontwikkelsleutel. Zet SETA_SECRET_KEY op een lange willekeurige waarde (bijvoorbeeld de "
    "uitvoer van: python3 -c 'import secrets; print(secrets.token_urlsafe(50))'), of SETA_DEBUG=1 voor "
    "ontwikkeling; de demo (seta demo, SETA_DEMO=1) mag de ontwikkelsleutel gebruiken."
)


def _policy(directives: dict[str, str], separator: str) -> str:
    return separator.join(f"{name} {value}" if value else name for name, value in directives.items())


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.csp = _policy(settings.SETA_CONTENT_SECURITY_POLICY, "; ")
        self.permissions = ", ".join(f"{k}={v}" for k, v in settings.SETA_PERMISSIONS_POLICY.items())

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.csp:
            response.headers.setdefault("Content-Security-Policy", self.csp)
        if self.permissions:
            response.headers.setdefault("Permissions-Policy", self.permissions)
        return response


def uses_development_key() -> bool:
    return bool(
        not settings.DEBUG
        and not settings.SETA_DEMO
        and settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY
    )


def require_production_secret() -> None:
    if uses_development_key():
        raise ImproperlyConfigured(MELDING_ONTWIKKELSLEUTEL)


@checks.register(checks.Tags.security, deploy=True)
def check_secret_key(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    if settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY:
        return [checks.Error(MELDING_ONTWIKKELSLEUTEL, id="seta.E001")]
    return []
