"""The printable report: the result page's own HTML rendered to PDF by WeasyPrint (A4, page numbers).

The PDF is not a second template: it is the screen's ``scan/resultaat.html`` rendered with
``pdf=True`` (which adds the print stylesheet ``scan/rapport.css`` and hides the buttons). Static
files are read from disk through the staticfiles finders, so no HTTP request is made.
"""

from __future__ import annotations

import mimetypes
from typing import Any

from django.contrib.staticfiles import finders
from django.http import HttpRequest
from django.template.loader import render_to_string

STATIC_BASE = "https://seta.invalid/"
SKIP_IN_PDF = ("vendor/",)


def _static_file(url: str) -> tuple[bytes, str] | None:
    """The bytes and media type of a static file addressed under :data:`STATIC_BASE`, else None."""
    from django.conf import settings

    prefix = STATIC_BASE.rstrip("/") + settings.STATIC_URL
    if not url.startswith(prefix):
        return None
    relative = url[len(prefix) :].split("?", 1)[0]
    if relative.startswith(SKIP_IN_PDF):
        # The component library is written for screens (400 kB); the print stylesheet lays out the report.
        return b"", "text/css"
    found = finders.find(relative)
    if isinstance(found, list):
        found = found[0] if found else None
    if not found:
        return None
    with open(found, "rb") as fh:
        return fh.read(), mimetypes.guess_type(found)[0] or "text/css"


def _fetcher() -> Any:
    """A URL fetcher that serves static files from disk and fetches nothing else (offline, no leaks)."""
    try:
        from weasyprint.urls import URLFetcher, URLFetcherResponse
    except ImportError:  # WeasyPrint < 66: a plain function returning a dict

        def fetch_dict(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
            found = _static_file(url)
            if found is None:
                raise ValueError(f"Niet opgehaald: {url}")
            return {"string": found[0], "mime_type": found[1]}

        return fetch_dict

    class StaticFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            found = _static_file(url)
            if found is None:
                raise ValueError(f"Niet opgehaald: {url}")
            return URLFetcherResponse(url, body=found[0], headers={"Content-Type": found[1]})

    return StaticFetcher()


def render_pdf(request: HttpRequest | None, template: str, context: dict[str, Any]) -> bytes:
    import logging

    import weasyprint

    # WeasyPrint logs every CSS feature it does not support; the report does not depend on them.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)

    html = render_to_string(template, {**context, "pdf": True}, request)
    document = weasyprint.HTML(string=html, base_url=STATIC_BASE, url_fetcher=_fetcher(), media_type="print")
    return bytes(document.write_pdf())
