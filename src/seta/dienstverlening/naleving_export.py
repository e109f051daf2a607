"""Export of a DVO's compliance: CSV (semicolon, decimal comma, for Dutch Excel) and XLSX (openpyxl).

Every row goes through ``seta.core.files`` (``csv_writer``, ``append_row``): a name that begins like a formula
is written as text."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from seta.core import files
from seta.dienstverlening.meting import cijfers as kern
from seta.dienstverlening.naleving_selectors import Normregel
from seta.dienstverlening.naleving_weergave import normtekst

MIME = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
KOLOMMEN = [
    "DVO",
    "Gemeente",
    "Dienst",
    "Norm",
    "Normsoort",
    "Eis",
    "Periode",
    "Van",
    "Tot en met",
    "Afgesloten",
    "Ontvangen zaken",
    "Besloten zaken",
    "Binnen de norm",
    "Percentage binnen de norm",
    "Mediaan doorlooptijd",
    "P90 doorlooptijd",
    "Dagsoort",
    "Open over de termijn",
    "Gemeten waarde",
    "Oordeel",
    "Trend",
]


def rows(regels: list[Normregel]) -> list[list[Any]]:
    result: list[list[Any]] = []
    for r in regels:
        for c in r.cijfers:
            doorloop = r.norm.soort == "doorlooptijd"
            result.append(
                [
                    f"{r.dvo.kenmerk} versie {r.dvo.volgnummer}",
                    r.gemeente.naam,
                    r.catalogusitem.naam,
                    r.norm.omschrijving,
                    r.norm.get_soort_display(),
                    normtekst(r),
                    c.periode.label,
                    c.periode.start.isoformat(),
                    c.periode.eind.isoformat(),
                    "ja" if c.afgesloten else "nee",
                    c.ontvangen,
                    c.besloten,
                    c.binnen_norm if doorloop else None,
                    c.percentage_binnen_norm,
                    c.mediaan,
                    c.p90,
                    (r.norm.dagsoort or "werkdagen") if doorloop else "",
                    c.open_over_termijn if doorloop else None,
                    c.waarde,
                    kern.OORDEEL_LABELS[c.oordeel],
                    kern.TREND_LABELS.get(c.trend or "", ""),
                ]
            )
    return result


def _getal(v: Any) -> str:
    return str(v).replace(".", ",") if isinstance(v, Decimal) else str(v)


def to_csv(regels: list[Normregel]) -> bytes:
    out = io.StringIO()
    writer = files.csv_writer(out, delimiter=";", lineterminator="\r\n", number=_getal)
    writer.writerow(KOLOMMEN)
    writer.writerows(rows(regels))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(regels: list[Normregel], titel: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Naleving"
    files.append_row(ws, [titel])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([])
    files.append_row(ws, KOLOMMEN)
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for line in rows(regels):
        files.append_row(ws, [float(v) if isinstance(v, Decimal) else v for v in line])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def export(regels: list[Normregel], formaat: str, titel: str) -> tuple[bytes, str]:
    if formaat == "xlsx":
        return to_xlsx(regels, titel), MIME["xlsx"]
    return to_csv(regels), MIME["csv"]
