from __future__ import annotations

from typing import Any

from djangorestframework_camel_case.render import CamelCaseJSONRenderer as _CamelCaseJSONRenderer
from rest_framework.renderers import BaseRenderer


class CamelCaseJSONRenderer(_CamelCaseJSONRenderer):
    """camelCase JSON; problem documents keep their own media type (set by the exception handler)."""

    charset = "utf-8"


class FileRenderer(BaseRenderer):
    """For views that return a file's bytes themselves (PDF, ...), chosen by ``Accept`` or ``?format=``.

    Anything else the view or the exception handler answers (a problem document on 404, 401, 403 ...)
    is rendered as JSON, with the media type the response set (``application/problem+json``): content
    negotiation picked this renderer, but an error must never lose its body.
    """

    media_type = "application/octet-stream"
    format = "bin"
    charset = None
    render_style = "binary"

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None
    ) -> bytes:
        if isinstance(data, bytes):
            return data
        if data is None:
            return b""
        response = (renderer_context or {}).get("response")
        if response is not None and not response.content_type:
            response["Content-Type"] = "application/json"
        return CamelCaseJSONRenderer().render(data, "application/json", renderer_context)
