"""Export of a scenario comparison: XLSX (openpyxl), CSV (semicolon, Dutch Excel) and JSON.

Every spreadsheet row goes through ``seta.core.files`` (``csv_writer``, ``append_row``): a text that
begins like a formula (a model or partner name such as ``=HYPERLINK(…)``) is written as text.
"""

from __future__ import annotations

import io
import json
from collections.abc import Collection
from decimal import Decimal
from typing import Any

from seta.core import files
from seta.financien.selectors import Vergelijkingstabel
from seta.financien.voorschotten import Schematabel

MIME = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}


def header(tabel: Vergelijkingstabel) -> list[str]:
    kolommen = ["CBS-code", "Gemeente"]
    kolommen += [f"{m} (incl. btw)" for m in tabel.modellen]
    for m in tabel.verschilmodellen:
        kolommen += [
            f"Verschil {m} t.o.v. {tabel.referentie} (euro)",
            f"Verschil {m} t.o.v. {tabel.referentie} (%)",
        ]
    return kolommen


def rows(tabel: Vergelijkingstabel) -> list[list[Any]]:
    result: list[list[Any]] = []
    for rij in tabel.rijen:
        line: list[Any] = [rij.gemeente, rij.naam, *[c.bedrag for c in rij.cellen]]
        for m in tabel.verschilmodellen:
            cel = rij.cellen[tabel.modellen.index(m)]
            line += [cel.verschil, cel.procent]
        result.append(line)
    totaal: list[Any] = ["", "Totaal", *tabel.totalen]
    totaal += [None] * (2 * len(tabel.verschilmodellen))
    result.append(totaal)
    return result


def to_csv(tabel: Vergelijkingstabel) -> bytes:
    out = io.StringIO()
    writer = files.csv_writer(
        out, delimiter=";", lineterminator="\r\n", number=lambda v: f"{v:.2f}".replace(".", ",")
    )
    writer.writerow(header(tabel))
    writer.writerows(rows(tabel))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


_NIET_IN_BLADNAAM = str.maketrans(dict.fromkeys(":*?/\\[]", "-"))
MAX_BLADNAAM = 31  # Excel's limit


def sheet_title(naam: str, bestaande: Collection[str] = ()) -> str:
    """A valid, unique worksheet title for ``naam``.

    Excel refuses ``: * ? / \\ [ ]`` in a title (openpyxl raises ``ValueError``), titles over 31 characters,
    a leading or trailing apostrophe and an empty title; two titles that differ only in case are the
    same sheet. Invalid characters become ``-``, a duplicate gets `` (2)``, `` (3)``, … within 31 characters.
    """
    basis = "".join(c for c in naam.translate(_NIET_IN_BLADNAAM) if c.isprintable()).strip().strip("'")
    basis = basis.strip() or "Blad"
    gebruikt = {t.casefold() for t in bestaande}
    kandidaat, nummer = basis[:MAX_BLADNAAM].rstrip(), 1
    while kandidaat.casefold() in gebruikt:
        nummer += 1
        achtervoegsel = f" ({nummer})"
        kandidaat = basis[: MAX_BLADNAAM - len(achtervoegsel)].rstrip() + achtervoegsel
    return kandidaat


def to_xlsx(tabel: Vergelijkingstabel, titel: str = "Vergelijking") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Vergelijking"
    files.append_row(ws, [titel])
    ws["A1"].font = Font(bold=True, size=13)
    files.append_row(
        ws, [f"Jaar {tabel.jaar}; referentiemodel: {tabel.referentie}; bedragen in euro incl. btw"]
    )
    ws.append([])
    files.append_row(ws, header(tabel))
    for cell in ws[4]:
        cell.font = Font(bold=True)
    for line in rows(tabel):
        files.append_row(ws, [float(v) if isinstance(v, Decimal) else v for v in line])
    for row in ws.iter_rows(min_row=5, min_col=3):
        for cell in row:
            if isinstance(cell.value, float):
                cell.number_format = "#,##0.00"
    ws.column_dimensions["B"].width = 24
    for letter in "CDEFGHIJKL":
        ws.column_dimensions[letter].width = 20
    # one sheet per model with its lines per partner and part
    for verdeling in tabel.verdelingen:
        sheet = wb.create_sheet(title=sheet_title(str(verdeling["verdeelmodel"]), wb.sheetnames))
        files.append_row(sheet, ["Gemeente", "Onderdeel", "Bedrag excl. btw", "Btw"])
        for b in verdeling["bijdragen"]:
            for r in b["regels"]:
                files.append_row(
                    sheet, [b["naam"], r["onderdeel"], float(Decimal(r["bedrag"])), float(Decimal(r["btw"]))]
                )
            files.append_row(sheet, [b["naam"], "Totaal incl. btw", float(Decimal(b["totaalInclBtw"])), None])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def to_json(tabel: Vergelijkingstabel) -> bytes:
    data = {
        "jaar": tabel.jaar,
        "referentiemodel": tabel.referentie,
        "modellen": tabel.modellen,
        "gemeenten": [
            {
                "gemeente": rij.gemeente,
                "naam": rij.naam,
                "bedragen": {m: f"{c.bedrag:.2f}" for m, c in zip(tabel.modellen, rij.cellen, strict=True)},
                "verschil": {m: f"{c.verschil:.2f}" for m, c in zip(tabel.modellen, rij.cellen, strict=True)},
                "verschilProcent": {
                    m: None if c.procent is None else f"{c.procent:.2f}"
                    for m, c in zip(tabel.modellen, rij.cellen, strict=True)
                },
            }
            for rij in tabel.rijen
        ],
        "totalen": {m: f"{t:.2f}" for m, t in zip(tabel.modellen, tabel.totalen, strict=True)},
        "waarschuwingen": tabel.waarschuwingen,
    }
    return json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8")


def export(tabel: Vergelijkingstabel, formaat: str, titel: str = "Vergelijking") -> tuple[bytes, str]:
    if formaat == "xlsx":
        return to_xlsx(tabel, titel), MIME["xlsx"]
    if formaat == "csv":
        return to_csv(tabel), MIME["csv"]
    return to_json(tabel), MIME["json"]


# --- advance schedules (voorschotten, ADR 0035) ----------------------------------------------------------------
FACTUURKOLOMMEN = [
    "Factuurkenmerk",
    "CBS-code",
    "Gemeente",
    "Termijn",
    "Periode",
    "Vervaldatum",
    "Bedrag incl. btw",
]


def schema_header(tabel: Schematabel) -> list[str]:
    return ["CBS-code", "Gemeente", *tabel.kolommen, "Totaal"]


def schema_rows(tabel: Schematabel) -> list[list[Any]]:
    """Partners × terms (by name: a file is the same for every reader); a period in which a partner is
    no partner is empty; last row: the totals."""
    result: list[list[Any]] = [
        [rij.gemeente.cbs_code, rij.gemeente.naam, *rij.bedragen, rij.totaal]
        for rij in sorted(tabel.rijen, key=lambda r: r.gemeente.naam)
    ]
    totaal: list[Any] = ["", "Totaal", *tabel.totalen, tabel.totaal]
    result.append(totaal)
    return result


def invoice_rows(tabel: Schematabel) -> list[list[Any]]:
    """One row per invoice (term), by partner and term number."""
    return [
        [
            t.factuurkenmerk,
            rij.gemeente.cbs_code,
            rij.gemeente.naam,
            t.nummer,
            t.periode,
            t.vervaldatum,
            t.bedrag,
        ]
        for rij in sorted(tabel.rijen, key=lambda r: r.gemeente.naam)
        for t in rij.termijnen
    ]


def schema_to_csv(tabel: Schematabel) -> bytes:
    """The invoices as CSV (semicolon, decimal comma, dd-mm-jjjj: Dutch Excel and financial systems)."""
    out = io.StringIO()
    writer = files.csv_writer(
        out, delimiter=";", lineterminator="\r\n", number=lambda v: f"{v:.2f}".replace(".", ",")
    )
    writer.writerow(FACTUURKOLOMMEN)
    for row in invoice_rows(tabel):
        row[3] = str(row[3])
        row[5] = row[5].strftime("%d-%m-%Y")
        writer.writerow(row)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def schema_to_xlsx(tabel: Schematabel) -> bytes:
    """Sheet "Voorschotten": partners × terms with totals; sheet "Facturen": one row per invoice."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    schema = tabel.schema
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Voorschotten"
    files.append_row(ws, [f"Voorschotten {schema.jaar} {schema.samenwerkingsverband}"])
    ws["A1"].font = Font(bold=True, size=13)
    files.append_row(
        ws,
        [
            f"{schema.get_ritme_display()}; {schema.get_status_display().lower()}; verdeelmodel "
            f"{schema.verdeelmodel.label} op grondslag raming; bedragen in euro incl. btw"
        ],
    )
    ws.append([])
    files.append_row(ws, schema_header(tabel))
    for cell in ws[4]:
        cell.font = Font(bold=True)
    for line in schema_rows(tabel):
        files.append_row(ws, [float(v) if isinstance(v, Decimal) else v for v in line])
    for row in ws.iter_rows(min_row=5, min_col=3):
        for cell in row:
            if isinstance(cell.value, float):
                cell.number_format = "#,##0.00"
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    ws.column_dimensions["B"].width = 24

    facturen = wb.create_sheet(title="Facturen")
    files.append_row(facturen, FACTUURKOLOMMEN)
    for cell in facturen[1]:
        cell.font = Font(bold=True)
    for line in invoice_rows(tabel):
        files.append_row(facturen, [float(v) if isinstance(v, Decimal) else v for v in line])
    for row in facturen.iter_rows(min_row=2):
        row[5].number_format = "dd-mm-yyyy"
        row[6].number_format = "#,##0.00"
    facturen.column_dimensions["A"].width = 24
    facturen.column_dimensions["C"].width = 20
    facturen.column_dimensions["E"].width = 20
    facturen.column_dimensions["F"].width = 12
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def schema_export(tabel: Schematabel, formaat: str) -> tuple[bytes, str, str]:
    """The schedule as a file: (content, MIME type, file name)."""
    naam = f"voorschotten-{tabel.schema.samenwerkingsverband.slug}-{tabel.schema.jaar}.{formaat}"
    if formaat == "xlsx":
        return schema_to_xlsx(tabel), MIME["xlsx"], naam
    return schema_to_csv(tabel), MIME["csv"], naam
