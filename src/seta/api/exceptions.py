"""Every API error as ``application/problem+json`` (RFC 9457), never a stack trace.

400 lists every invalid field under ``invalidParams`` (name, code, reason), as the NL API Design
Rules and the Dutch API strategy's problem extension ask.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from seta.core.errors import InvalidInput, PreconditionRequired, SetaError

logger = logging.getLogger(__name__)
PROBLEM = "application/problem+json"

TITLES = {
    400: "Ongeldige invoer",
    401: "Niet ingelogd",
    403: "Geen toestemming",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    406: "Niet acceptabel",
    409: "Conflict",
    412: "Verouderde versie",
    413: "Verzoek te groot",
    415: "Mediatype niet ondersteund",
    428: "Versie vereist",
    429: "Te veel verzoeken",
    500: "Interne fout",
}


def camel(name: str) -> str:
    """``afkomstig_van`` → ``afkomstigVan`` (keeps dotted/indexed paths and already camelCase names)."""
    return re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), name)


def _flatten(detail: Any, prefix: str = "") -> list[dict[str, str]]:
    """Turn DRF's nested error detail into a flat list of invalid parameters."""
    params: list[dict[str, str]] = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = key if key != "non_field_errors" else "nonFieldErrors"
            name = camel(name) if isinstance(name, str) else str(name)
            params.extend(_flatten(value, f"{prefix}.{name}" if prefix else str(name)))
    elif isinstance(detail, list):
        if all(not isinstance(v, dict | list) for v in detail):
            for value in detail:
                params.append(
                    {
                        "name": prefix or "nonFieldErrors",
                        "code": getattr(value, "code", "invalid"),
                        "reason": str(value),
                    }
                )
        else:
            for index, value in enumerate(detail):
                params.extend(_flatten(value, f"{prefix}[{index}]"))
    else:
        params.append(
            {
                "name": prefix or "nonFieldErrors",
                "code": getattr(detail, "code", "invalid"),
                "reason": str(detail),
            }
        )
    return params


def problem(
    status_code: int, detail: str, *, instance: str = "", code: str = "", **extra: Any
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": f"https://seta.example/problemen/{code or status_code}",
        "title": TITLES.get(status_code, "Fout"),
        "status": status_code,
        "detail": detail,
        "instance": instance,
    }
    if code:
        body["code"] = code
    body.update(extra)
    return body


def te_groot_uitleg() -> str:
    """Why a request body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` is refused (API and web pages alike)."""
    limiet = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    grootte = f" (meer dan {limiet / 1024 / 1024:.1f} MB)".replace(".", ",") if limiet else ""
    return (
        f"Het verzoek is te groot{grootte}. Verstuur minder gegevens tegelijk, of lever een bestand aan "
        "via een upload."
    )


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response:
    request = context.get("request")
    instance = request.get_full_path() if request is not None else ""

    if isinstance(exc, SetaError):
        extra: dict[str, Any] = {}
        if isinstance(exc, InvalidInput):
            extra["invalidParams"] = [
                {"name": camel(name), "code": "invalid", "reason": msg}
                for name, msgs in exc.fields.items()
                for msg in msgs
            ]
        if isinstance(exc, PreconditionRequired):
            extra["invalidParams"] = [{"name": exc.header, "code": "required", "reason": exc.detail}]
        body = problem(exc.status, exc.detail, instance=instance, code=exc.code, **extra)
        return Response(body, status=exc.status, content_type=PROBLEM)

    if isinstance(exc, RequestDataTooBig):
        body = problem(413, te_groot_uitleg(), instance=instance, code="te_groot")
        return Response(body, status=413, content_type=PROBLEM)
    if isinstance(exc, SuspiciousOperation):  # e.g. TooManyFieldsSent: malformed input, not our fault
        body = problem(400, "Het verzoek is ongeldig en is geweigerd.", instance=instance, code="ongeldig")
        return Response(body, status=400, content_type=PROBLEM)

    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        logger.exception("Unhandled error in API view", exc_info=exc)
        body = problem(
            500,
            "Er ging iets mis aan onze kant. De fout is vastgelegd.",
            instance=instance,
            code="server_error",
        )
        return Response(body, status=500, content_type=PROBLEM)

    if isinstance(exc, exceptions.ValidationError):
        body = problem(
            400,
            "Een of meer velden zijn ongeldig.",
            instance=instance,
            code="invalid",
            invalidParams=_flatten(exc.detail),
        )
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        code = getattr(exc, "default_code", "") or ""
        body = problem(response.status_code, str(detail), instance=instance, code=code)
    response.data = body
    response.content_type = PROBLEM
    return response


def json_not_found(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    """404 for API paths that match no route."""
    body = problem(404, "Deze API-route bestaat niet.", instance=request.get_full_path(), code="not_found")
    return JsonResponse(body, status=status.HTTP_404_NOT_FOUND, content_type=PROBLEM)
