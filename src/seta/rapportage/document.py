"""One template for the screen and the PDF of a council report, rendered from its content (``kern/model.Inhoud``).

- ``html(inhoud)`` is the report's body as an HTML fragment (no ``<html>``; the page wraps it in the layout and
  gives it the page's ``<h1>``). With ``pdf=True`` it is the same body with the report's own title block for print.
- ``pdf(inhoud)`` is that body as a tagged PDF/UA-1 document by WeasyPrint: self-contained (the stylesheets are read
  from this app's static folder, the fonts are the system's DejaVu, nothing is fetched), A4, page numbers, the
  title and municipality in the running header, table headers repeated on every page.
- ``xlsx(inhoud)`` is every table of the report as a sheet, numbers as numbers with Dutch headers.

The tables come from ``kern/tabellen.py`` and the charts (inline SVG) from ``kern/grafiek.py``, both pure; so the
screen, the PDF and the workbook show the same figures. ADR 0023.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from decimal import Decimal
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from seta.core import files
from seta.rapportage.kern import grafiek, model, opmaak, tabellen

STATIC = Path(__file__).resolve().parent / "static" / "rapportage"
STIJLEN = ("rapportage.css", "rapportage-print.css")  # the screen's layout, then the print rules on top

#: The report's sections in order: (anchor, heading). The template has exactly one ``<h2>`` per section.
SECTIES: tuple[tuple[str, str], ...] = (
    ("over", "Over deze rapportage"),
    ("toelichting", "Toelichting"),
    ("kerncijfers", "Kerncijfers"),
    ("opdrachten", "Opdrachten"),
    ("bestuursvragen", "Bestuursvragen"),
    ("financien", "Uren en kosten"),
    ("dienstverlening", "Dienstverlening"),
    ("robuustheid", "Robuustheid"),
)


def titel(inhoud: model.Inhoud) -> str:
    """``Raadsrapportage Najaarsnota 2026 – Laren`` / ``Gezamenlijke raadsrapportage Najaarsnota 2026 – BEL …``."""
    periode = inhoud["periode"]["naam"]
    if inhoud["gemeente"] is not None:
        return f"Raadsrapportage {periode} – {inhoud['gemeente']['naam']}"
    return f"Gezamenlijke raadsrapportage {periode} – {inhoud['samenwerkingsverband']['naam']}"


def _namen(namen: list[str]) -> str:
    return namen[0] if len(namen) == 1 else ", ".join(namen[:-1]) + " en " + namen[-1] if namen else ""


def grafieken(inhoud: model.Inhoud) -> dict[str, SafeString]:
    """The report's charts as inline SVG (safe: every text in them is escaped by ``grafiek``)."""
    uit: dict[str, SafeString] = {}
    fin = inhoud["financien"]
    if fin is not None and fin["verdeelmodel"] is not None and fin["opdrachten"]:
        staven = [
            grafiek.Staaf(
                k["naam"],
                opmaak.decimaal(k["bedrag"]) or Decimal(0),
                "arcering" if k["code"] == "vertrouwelijk" else "vol",
            )
            for k in fin["opdrachten"]
        ]
        hoogste = max(staven, key=lambda s: s.waarde)
        uit["kosten_opdrachten"] = mark_safe(
            grafiek.staafdiagram(
                id="rapportage-grafiek-kosten",
                titel=f"Kosten per opdracht tot {opmaak.datum(fin['tot'])}",
                beschrijving=f"Liggende staven, één per opdracht, met het bedrag erbij. De hoogste is "
                f"{hoogste.label} met {opmaak.euro(hoogste.waarde)}.",
                staven=staven,
                opmaak=opmaak.euro,
            )
        )
    if inhoud["partners"]:
        staven = [
            grafiek.Staaf(p["gemeente"]["naam"], opmaak.decimaal(p["cijfers"]["kosten"]) or Decimal(0))
            for p in inhoud["partners"]
        ]
        uit["kosten_partners"] = mark_safe(
            grafiek.staafdiagram(
                id="rapportage-grafiek-partners",
                titel="Kosten per gemeente",
                beschrijving="Liggende staven, één per gemeente, met de kosten inclusief btw erbij: "
                + "; ".join(f"{s.label} {opmaak.euro(s.waarde)}" for s in staven)
                + ".",
                staven=staven,
                opmaak=opmaak.euro,
            )
        )
    telling = tabellen.normtelling(inhoud)
    if telling is not None:
        gehaald, gemist, niet = telling
        staven = [
            grafiek.Staaf("Gehaald", Decimal(gehaald), "vol"),
            grafiek.Staaf("Niet gehaald", Decimal(gemist), "arcering"),
        ]
        if inhoud["dienstverlening"] is not None:
            staven.append(grafiek.Staaf("Niet meetbaar", Decimal(niet), "open"))
        uit["normen"] = mark_safe(
            grafiek.staafdiagram(
                id="rapportage-grafiek-normen",
                titel="Normen gehaald en niet gehaald",
                beschrijving=f"Liggende staven: {gehaald} gehaald (donker), {gemist} niet gehaald (gearceerd)"
                + (f", {niet} niet meetbaar (open)." if inhoud["dienstverlening"] is not None else "."),
                staven=staven,
                opmaak=lambda w: opmaak.getal(w),
            )
        )
    return uit


def context(inhoud: model.Inhoud, *, pdf: bool = False) -> dict[str, Any]:
    return {
        "inhoud": inhoud,
        "pdf": pdf,
        "titel": titel(inhoud),
        "partnernamen": _namen([p["gemeente"]["naam"] for p in inhoud["partners"]]) or "alle deelnemers",
        "vorige_versie": max(inhoud["versie"] - 1, 1),
        "tabellen": tabellen.tabellen(inhoud),
        "grafieken": grafieken(inhoud),
        "secties": SECTIES,
    }


def html(inhoud: model.Inhoud, *, pdf: bool = False) -> str:
    return render_to_string("rapportage/_inhoud.html", context(inhoud, pdf=pdf))


@cache
def _stylesheet() -> str:
    return "\n".join((STATIC / naam).read_text(encoding="utf-8") for naam in STIJLEN)


def _geen_fetch() -> Any:
    """A URL fetcher that fetches nothing: the PDF is self-contained (no network, no file outside the report)."""
    try:
        from weasyprint.urls import URLFetcher
    except ImportError:  # pragma: no cover - WeasyPrint < 66

        def weiger(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
            raise ValueError(f"Niet opgehaald: {url}")

        return weiger

    class Geen(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            raise ValueError(f"Niet opgehaald: {url}")

    return Geen()


def document_html(inhoud: model.Inhoud) -> str:
    """The whole HTML document the PDF is rendered from (language, title and metadata for PDF/UA)."""
    t = escape(titel(inhoud))
    sv = escape(inhoud["samenwerkingsverband"]["naam"])
    return (
        "<!doctype html><html lang='nl'><head><meta charset='utf-8'>"
        f"<title>{t}</title><meta name='author' content='{sv}'>"
        f"<meta name='description' content='{t}, peildatum {escape(opmaak.datum(inhoud['peildatum']))}'>"
        f"<meta name='dcterms.created' content='{escape(inhoud['peildatum'])}'>"
        f"<meta name='generator' content='SETA'></head><body>{html(inhoud, pdf=True)}</body></html>"
    )


def pdf(inhoud: model.Inhoud) -> bytes:
    from weasyprint import CSS, HTML

    # WeasyPrint logs every CSS property it does not support; the report does not depend on them.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    document: Any = HTML(string=document_html(inhoud), url_fetcher=_geen_fetch(), media_type="print")
    result: bytes = document.write_pdf(
        stylesheets=[CSS(string=_stylesheet(), url_fetcher=_geen_fetch())],
        pdf_variant="pdf/ua-1",
        pdf_identifier=f"seta-rapportage-{inhoud['periode']['code']}-{inhoud['versie']}".encode(),
    )
    return result


# --- XLSX ---------------------------------------------------------------------------------------------------
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATEN = {
    "euro": '"€" #,##0.00;-"€" #,##0.00',
    "uren": "#,##0.0",
    "getal": "#,##0",
    "dagen": "0.0",
    "procent": '0.0" %"',
    "datum": "dd-mm-yyyy",
}


def _xlsx_waarde(cel: tabellen.Cel) -> Any:
    w = cel.waarde
    if cel.soort in ("richting", "janee", "tekst") or w is None:
        return None if w is None or w == "" else cel.tekst
    if cel.soort == "datum":
        return w if isinstance(w, dt.date) else cel.tekst
    if isinstance(w, Decimal | int) and not isinstance(w, bool):
        return w
    return cel.tekst


VERSCHIL_FORMATEN = {
    "euro": '+"€" #,##0.00;-"€" #,##0.00;"€" 0.00',
    "uren": "+#,##0.0;-#,##0.0;0.0",
    "dagen": "+0.0;-0.0;0.0",
}


def _formaat(cel: tabellen.Cel) -> str | None:
    if cel.soort == "verschil":
        return VERSCHIL_FORMATEN.get(cel.van, "+#,##0;-#,##0;0")
    return FORMATEN.get(cel.soort)


def xlsx(inhoud: model.Inhoud) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    vet = Font(bold=True)
    wb = Workbook()
    blad = wb.active
    assert blad is not None
    blad.title = "Rapportage"
    files.append_row(blad, [titel(inhoud)])
    blad["A1"].font = Font(bold=True, size=13)
    besluit = inhoud["besluit"]
    gegevens: list[tuple[str, Any]] = [
        ("Samenwerkingsverband", inhoud["samenwerkingsverband"]["naam"]),
        ("Gemeente", inhoud["gemeente"]["naam"] if inhoud["gemeente"] else "alle gemeenten samen"),
        ("Periode", inhoud["periode"]["naam"]),
        ("Van", dt.date.fromisoformat(inhoud["periode"]["begin"])),
        ("Tot en met", dt.date.fromisoformat(inhoud["periode"]["eind"])),
        ("Peildatum", dt.date.fromisoformat(inhoud["peildatum"])),
        ("Versie", inhoud["versie"]),
        (
            "Besluit",
            f"{besluit['orgaan_label']}, kenmerk {besluit['kenmerk']}, {opmaak.datum(besluit['datum'])}"
            if besluit
            else "concept",
        ),
    ]
    if inhoud["corrigeert"]:
        gegevens.append(("Corrigeert", f"versie {max(inhoud['versie'] - 1, 1)}: {inhoud['correctiereden']}"))
    files.append_row(blad, [])
    for naam, waarde in gegevens:
        files.append_row(blad, [naam, waarde])
        blad.cell(row=blad.max_row, column=1).font = vet
        if isinstance(waarde, dt.date):
            blad.cell(row=blad.max_row, column=2).number_format = FORMATEN["datum"]
    blad.column_dimensions["A"].width = 24
    blad.column_dimensions["B"].width = 60
    gebruikt = {blad.title.casefold()}
    for tabel in tabellen.tabellen(inhoud).values():
        naam, n = tabel.bladnaam, 1
        while naam.casefold() in gebruikt:
            n += 1
            naam = f"{tabel.bladnaam[:27]} ({n})"
        gebruikt.add(naam.casefold())
        ws = wb.create_sheet(title=naam)
        files.append_row(ws, [tabel.titel])
        ws["A1"].font = vet
        ws.append([])
        files.append_row(ws, [k.kop for k in tabel.kolommen])
        for cell in ws[3]:
            cell.font = vet
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = "B4"
        rijen = [*tabel.rijen, *([tabel.voet] if tabel.voet else [])]
        for index, rij in enumerate(rijen):
            files.append_row(ws, [_xlsx_waarde(c) for c in rij])
            for kolom, cel in enumerate(rij, start=1):
                formaat = _formaat(cel)
                if formaat and cel.waarde is not None:
                    ws.cell(row=ws.max_row, column=kolom).number_format = formaat
                if tabel.voet and index == len(rijen) - 1:
                    ws.cell(row=ws.max_row, column=kolom).font = vet
        for kolom, k in enumerate(tabel.kolommen, start=1):
            letter = ws.cell(row=3, column=kolom).column_letter
            ws.column_dimensions[letter].width = 16 if k.numeriek else 32
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
