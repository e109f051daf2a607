"""Optimistic concurrency over HTTP: ``ETag`` on reads, ``If-Match`` required on updates.

The version travels as a weak ETag ``W/"<versie>"``. Every update of an existing record (PATCH/PUT and
the state-changing POST actions on it) must say which version it is based on: an update without it
is refused with 428 Precondition Required (problem+json naming ``If-Match``), one based on an older
version with 412. A body field ``versie`` is accepted as an alternative for clients that cannot set
headers. The services compare and swap under a row lock (:func:`seta.core.services.update_fields`).
"""

from __future__ import annotations

import re
from typing import Any

from rest_framework.request import Request
from rest_framework.response import Response

from seta.core.errors import InvalidInput
from seta.core.services import VERSION_REQUIRED

_ETAG = re.compile(r'^(?:W/)?"?(\d+)"?$')


def etag(instance: Any) -> str:
    return f'W/"{instance.versie}"'


def with_etag(response: Response, instance: Any) -> Response:
    response["ETag"] = etag(instance)
    return response


def expected_version(request: Request) -> int:
    """The version the client based its update on: from ``If-Match`` or the ``versie`` field.

    Without either it returns :data:`~seta.core.services.VERSION_REQUIRED`: the service refuses the
    update with 428 at its version check, after its permission check (403/404 first).
    """
    versie = optional_version(request)
    return VERSION_REQUIRED if versie is None else versie


def optional_version(request: Request) -> int | None:
    """Like :func:`expected_version` but None when absent, for a POST that creates *or* updates: the
    service then raises :class:`~seta.core.errors.PreconditionRequired` if the record turns out to exist."""
    header = request.headers.get("If-Match")
    if header:
        match = _ETAG.match(header.strip())
        if not match:
            raise InvalidInput(fields={"If-Match": ['Verwacht een ETag zoals W/"3".']})
        return int(match.group(1))
    data = request.data if isinstance(request.data, dict) else {}
    value = data.get("versie")
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError) as exc:
        raise InvalidInput(fields={"versie": ["Moet een geheel getal zijn."]}) from exc
