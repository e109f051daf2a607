"""The printable report: a real PDF (WeasyPrint), A4, several pages, rendered from the result page's template."""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from seta.scan.models import Scansessie

pytestmark = pytest.mark.django_db

A4 = (595.0, 842.0)  # points


def _pages(pdf: bytes) -> list[tuple[float, float]]:
    """Page sizes from the MediaBox of every page object (also inside compressed object streams)."""
    data = pdf + b"\n" + _text(pdf)
    count = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
    boxes = re.findall(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    size = [(float(x1) - float(x0), float(y1) - float(y0)) for x0, y0, x1, y1 in boxes]
    # Page objects may inherit the MediaBox from the page tree: use the first box for all of them.
    return [size[0] if size else (0.0, 0.0)] * count


def _text(pdf: bytes) -> bytes:
    """Decompressed content streams (enough to find the page-number footer's glyph runs)."""
    out = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            out.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(out)


def test_report_pdf_from_the_wizard(user_named: Callable[[str], Any]) -> None:
    scan = Scansessie.objects.get(naam__startswith="Heumen zoekt", eigenaar__username="secretaris.laren")
    client = Client()
    client.force_login(user_named("secretaris.laren"))
    response = client.get(f"/scan/{scan.pk}/rapport.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF-")
    pages = _pages(pdf)
    assert len(pages) >= 3, "the report has several pages"
    assert all(abs(w - A4[0]) < 2 and abs(h - A4[1]) < 2 for w, h in pages), pages
    streams = _text(pdf)
    assert b"BT" in streams and (b"TJ" in streams or b"Tj" in streams)  # real text, not an image


def test_report_pdf_through_the_api_and_not_for_others(api_as: Callable[[str | None], APIClient]) -> None:
    scan = Scansessie.objects.get(naam__startswith="BEL 2007", eigenaar__username="secretaris.laren")
    response = api_as("secretaris.laren").get(f"/api/v1/scans/{scan.pk}/rapport.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-") and len(_pages(response.content)) >= 2
    assert api_as("wethouder.eemnes").get(f"/api/v1/scans/{scan.pk}/rapport.pdf").status_code == 404


def test_draft_without_result_has_no_report(user_named: Callable[[str], Any]) -> None:
    scan = Scansessie.objects.get(naam__startswith="Heumen en Wijchen", eigenaar__username="secretaris.laren")
    client = Client()
    client.force_login(user_named("secretaris.laren"))
    response = client.get(f"/scan/{scan.pk}/rapport.pdf")
    assert response.status_code == 302 and response["Location"].endswith("/overzicht")


def test_pdf_uses_the_result_template_with_the_print_stylesheet(
    user_named: Callable[[str], Any], monkeypatch: Any
) -> None:
    import seta.scan.views

    seen: dict[str, Any] = {}

    def fake(request: Any, template: str, context: dict[str, Any]) -> bytes:
        from django.template.loader import render_to_string

        seen["template"] = template
        seen["html"] = render_to_string(template, {**context, "pdf": True}, request)
        return b"%PDF-1.7"

    monkeypatch.setattr(seta.scan.views, "render_pdf", fake)
    scan = Scansessie.objects.get(naam__startswith="BEL 2007", eigenaar__username="secretaris.laren")
    client = Client()
    client.force_login(user_named("secretaris.laren"))
    client.get(f"/scan/{scan.pk}/rapport.pdf")
    assert seen["template"] == "scan/resultaat.html"
    html = seen["html"]
    assert "scan/rapport.css" in html and 'media="print"' not in html.split("rapport.css")[1][:20]
    assert "Rapport als PDF" not in html  # the buttons are not in the report
    assert "Bronnen" in html and "regels 1478-1515" in html  # the sources are named
    from django.contrib.staticfiles import finders

    css = Path(str(finders.find("scan/rapport.css"))).read_text(encoding="utf-8")
    assert "size: A4" in css and "counter(page)" in css and "counter(pages)" in css


def _inflate(pdf: bytes) -> bytes:
    return pdf + b"\n" + _text(pdf)


def test_report_pdf_is_tagged_dutch_pdf_ua(user_named: Callable[[str], Any]) -> None:
    """Issue 15: the report is a tagged PDF (PDF/UA-1 as far as WeasyPrint goes), in Dutch, with a title."""
    scan = Scansessie.objects.get(naam__startswith="BEL 2007", eigenaar__username="secretaris.laren")
    client = Client()
    client.force_login(user_named("secretaris.laren"))
    response = client.get(f"/scan/{scan.pk}/rapport.pdf")
    assert response.status_code == 200
    alles = _inflate(response.content)
    assert b"/StructTreeRoot" in alles and b"/MarkInfo" in alles and b"/Marked true" in alles
    assert b"/Lang (nl)" in alles
    assert b"pdfuaid:part" in alles  # PDF/UA-1 identification in the XMP metadata
    for tag in (b"/S /H1", b"/S /H2", b"/S /Table", b"/S /TH", b"/S /L"):
        assert tag in alles, tag
    assert b"/FontFile2" in alles  # fonts embedded
    titel = re.search(rb"<dc:title>(.*?)</dc:title>", alles, re.S)
    assert titel and f"Uitkomst · {scan.naam}".encode() in titel.group(1)  # the page title as dc:title
    assert b"SETA samenwerkingsscan" in alles  # the author


def test_pdf_html_forces_dutch_and_adds_metadata() -> None:
    from seta.scan.pdf import pdf_html

    out = pdf_html(
        '<html lang="en" class="x"><head><title>T</title></head><body></body></html>', onderwerp="O & P"
    )
    assert out.startswith('<html lang="nl" class="x">')
    assert '<meta name="author" content="SETA samenwerkingsscan">' in out
    assert '<meta name="description" content="O &amp; P">' in out
    assert pdf_html("<html><head></head></html>").startswith('<html lang="nl">')
