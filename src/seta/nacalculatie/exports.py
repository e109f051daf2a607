"""CSV and XLSX of one assignment's nacalculatie: the weeks, and the cost bookings (formula-safe, core/files)."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from seta.core import files
from seta.nacalculatie.selectors import Weergave

WEEKKOP = [
    "Week (ISO)",
    "Uren goedgekeurd",
    "Uren nog niet goedgekeurd",
    "Kosten uren (euro)",
    "Externe kosten (euro)",
    "Cumulatief uren",
    "Cumulatief kosten (euro)",
]
KOSTENKOP = ["Datum", "Omschrijving", "Leverancier", "Factuurnummer", "Bedrag excl. btw (euro)"]


def week_rows(w: Weergave) -> list[list[Any]]:
    return [
        [
            week.label,
            week.uren_goedgekeurd,
            week.uren_niet_goedgekeurd,
            week.kosten_uren,
            week.externe_kosten,
            week.cumulatief_uren,
            week.cumulatief_kosten,
        ]
        for week in w.nacalculatie.weken
    ]


def kosten_rows(w: Weergave) -> list[list[Any]]:
    return [
        [p.datum.isoformat(), p.omschrijving, p.leverancier, p.factuurnummer, p.bedrag]
        for p in w.kostenposten
    ]


def samenvatting(w: Weergave) -> list[list[Any]]:
    n = w.nacalculatie
    rijen: list[list[Any]] = [
        ["Opdracht", f"{w.opdracht.nummer} {w.opdracht.titel}"],
        ["Uren goedgekeurd", n.uren_goedgekeurd],
        ["Uren nog niet goedgekeurd", n.uren_niet_goedgekeurd],
        ["Kosten uren (euro)", n.kosten_uren],
        ["Externe kosten (euro)", n.externe_kosten],
        ["Totaal (euro)", n.totaal],
        ["Geraamde uren", n.raming_uren],
        ["Geraamde kosten (euro)", n.raming_kosten],
        ["Maximaal aantal uren (kader)", n.max_uren],
        ["Maximaal budget externe kosten (kader)", n.max_euro],
    ]
    if n.ontbrekende_tarieven:
        rijen += [["Let op", n.tarief_melding]]
    if n.verdeling is not None:
        rijen += [["Verdeling", n.verdeling.regel]]
        rijen += [[f"Aandeel {a.naam} (euro)", a.bedrag] for a in n.verdeling.aandelen]
    return rijen


def to_csv(w: Weergave) -> bytes:
    out = io.StringIO()
    writer = files.csv_writer(
        out, delimiter=";", lineterminator="\r\n", number=lambda v: f"{v}".replace(".", ",")
    )
    writer.writerows(samenvatting(w))
    writer.writerow([])
    writer.writerow(WEEKKOP)
    writer.writerows(week_rows(w))
    writer.writerow([])
    writer.writerow(KOSTENKOP)
    writer.writerows(kosten_rows(w))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _getal(v: Any) -> Any:
    return float(v) if isinstance(v, Decimal) else v


def to_xlsx(w: Weergave) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Nacalculatie"
    for rij in samenvatting(w):
        files.append_row(ws, [_getal(v) for v in rij])
    ws["A1"].font = Font(bold=True)
    weken = wb.create_sheet("Per week")
    files.append_row(weken, WEEKKOP)
    for rij in week_rows(w):
        files.append_row(weken, [_getal(v) for v in rij])
    kosten = wb.create_sheet("Kostenposten")
    files.append_row(kosten, KOSTENKOP)
    for rij in kosten_rows(w):
        files.append_row(kosten, [_getal(v) for v in rij])
    for sheet in (weken, kosten):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


MIME = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def export(w: Weergave, formaat: str) -> tuple[bytes, str, str]:
    """(content, mime type, file name) of the export in ``formaat`` (csv or xlsx)."""
    inhoud = to_xlsx(w) if formaat == "xlsx" else to_csv(w)
    return inhoud, MIME[formaat], f"nacalculatie-{w.opdracht.nummer}.{formaat}"
