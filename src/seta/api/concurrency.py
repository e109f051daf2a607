"""Optimistic concurrency over HTTP: ``ETag`` on reads, ``If-Match`` checked on writes (412 when stale).

The version travels as a weak ETag ``W/"<versie>"``; a body field ``versie`` is accepted too, so that
clients that cannot set headers (HTML forms) are protected the same way.
"""

from __future__ import annotations

import re
from typing import Any

from rest_framework.request import Request
from rest_framework.response import Response

from seta.core.errors import InvalidInput

_ETAG = re.compile(r'^(?:W/)?"?(\d+)"?$')


def etag(instance: Any) -> str:
    return f'W/"{instance.versie}"'


def with_etag(response: Response, instance: Any) -> Response:
    response["ETag"] = etag(instance)
    return response


def expected_version(request: Request) -> int | None:
    """The version the client based its edit on: from ``If-Match`` or the ``versie`` field, else None."""
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
    except (TypeError, ValueError) as exc:
        raise InvalidInput(fields={"versie": ["Moet een geheel getal zijn."]}) from exc
