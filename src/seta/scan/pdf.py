"""The printable report: the result page's own HTML rendered to PDF by WeasyPrint (A4, page numbers).

The PDF is not a second template: it is the screen's ``scan/resultaat.html`` rendered with
``pdf=True`` (which adds the print stylesheet ``scan/rapport.css`` and hides the buttons). Static
files are read from disk through the staticfiles finders, so no HTTP request is made.

The PDF is tagged and accessible as far as WeasyPrint supports it (ADR 0023, as the reports in
``seta.rapportage.document``): ``pdf_variant="pdf/ua-1"`` gives the structure tree (headings, lists,
tables, figures with their alternative text), ``/MarkInfo``, the PDF/UA identification in the XMP
metadata and embedded fonts; the document language is always Dutch (``lang="nl"``, the report's
language whatever the interface language) and the title, author and subject come from the page's
``<title>`` and the metadata added here.
"""

from __future__ import annotations

import mimetypes
import re
from datetime import date
from html import escape
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


PDF_TAAL = "nl"
PDF_AUTEUR = "SETA samenwerkingsscan"


def pdf_html(html: str, *, onderwerp: str | None = None) -> str:
    """The page's HTML made ready for PDF/UA: Dutch as the document language, metadata in the head."""
    if re.search(r"<html\b[^>]*\blang=", html, re.I):
        html = re.sub(
            r"(<html\b[^>]*?\blang=)([\"'])[^\"']*\2",
            rf"\g<1>\g<2>{PDF_TAAL}\g<2>",
            html,
            count=1,
            flags=re.I,
        )
    else:
        html = re.sub(r"<html\b", f'<html lang="{PDF_TAAL}"', html, count=1, flags=re.I)
    meta = (
        f'<meta name="author" content="{escape(PDF_AUTEUR)}">'
        f'<meta name="generator" content="SETA">'
        f'<meta name="dcterms.created" content="{date.today().isoformat()}">'
    )
    if onderwerp:
        meta += f'<meta name="description" content="{escape(onderwerp)}">'
    return html.replace("</head>", meta + "</head>", 1)


def render_pdf(
    request: HttpRequest | None, template: str, context: dict[str, Any], *, identifier: str | None = None
) -> bytes:
    """A tagged PDF (PDF/UA-1 as far as WeasyPrint goes) of ``template`` rendered for print."""
    import logging

    import weasyprint

    # WeasyPrint logs every CSS feature it does not support; the report does not depend on them.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)

    html = pdf_html(
        render_to_string(template, {**context, "pdf": True}, request),
        onderwerp="Samenwerkingsscan: uitkomst, risico's en advies per menu",
    )
    document = weasyprint.HTML(string=html, base_url=STATIC_BASE, url_fetcher=_fetcher(), media_type="print")
    return bytes(
        document.write_pdf(
            pdf_variant="pdf/ua-1",
            pdf_identifier=(identifier or "seta-samenwerkingsscan").encode(),
        )
    )
