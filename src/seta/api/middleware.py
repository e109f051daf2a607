"""Request plumbing for the API and the pages: the ``API-Version`` header on every API response (NL API
Design Rules, /core/version-header), and no NUL character in a query string (PostgreSQL cannot store or
compare one, so a ``?zoek=%00`` reached the database as a server error), and HEAD answered without a
body."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qsl

from django.conf import settings
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse


class ApiVersionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith("/api/"):
            response["API-Version"] = settings.API_VERSION
        return response


class RefuseNulInQueryMiddleware:
    """A query string with a NUL character (``%00``) is a 400, for the API (problem+json) and the pages."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or "\x00" in query:
            from seta.web.views import error_page

            naam = next(
                (k for k, v in parse_qsl(query, keep_blank_values=True) if "\x00" in k or "\x00" in v), ""
            )
            return error_page(
                request,
                400,
                "Ongeldig verzoek",
                f"De zoekparameter '{naam.replace(chr(0), '')}' bevat een ongeldig teken (NUL, %00).",
                invalid_params=[
                    {
                        "name": naam.replace("\x00", "\\x00"),
                        "code": "invalid",
                        "reason": "Mag geen NUL-teken bevatten.",
                    }
                ],
            )
        return self.get_response(request)


class HeadWithoutBodyMiddleware:
    """A HEAD request gets the headers of the GET and no body (RFC 9110 §9.3.2), from the application
    itself: Django's WSGI handler sends the body, and only some servers drop it (waitress does, with a
    warning per request; an in-process WSGI client does not). ``Content-Length`` stays that of the GET.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method != "HEAD":
            return response
        if isinstance(response, StreamingHttpResponse):  # FileResponse too
            # The file stays registered for closing; the server closes the response as usual.
            response.streaming_content = []
        else:
            if not response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
            response.content = b""
        return response
