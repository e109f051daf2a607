"""One template for the screen and the PDF of a council report, rendered from its content (``kern/model.Inhoud``).

``html(inhoud)`` is the report's body as HTML (the page wraps it in the layout); ``pdf(inhoud)`` is the same body
as a tagged PDF by WeasyPrint; ``xlsx(inhoud)`` is every table of it as a workbook.

SKELETON (issue 12, schema commit): the screen, PDF and XLSX work package replaces these bodies.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from seta.rapportage.kern import model


def html(inhoud: model.Inhoud, *, pdf: bool = False) -> str:
    return render_to_string("rapportage/_inhoud.html", {"inhoud": inhoud, "pdf": pdf})


def pdf(inhoud: model.Inhoud) -> bytes:
    from weasyprint import HTML

    body = html(inhoud, pdf=True)
    document: Any = HTML(
        string=f"<!doctype html><html lang='nl'><head><meta charset='utf-8'><title>"
        f"{inhoud['periode']['naam']}</title></head><body>{body}</body></html>"
    )
    result: bytes = document.write_pdf()
    return result
