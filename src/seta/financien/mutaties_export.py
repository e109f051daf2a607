"""Export of a join or leave scenario (Deelnemersscenario.resultaat): XLSX and CSV through ``core/files.py``.

The tables are those of the page: the partners before and after (side by side with the comparison year),
and for a leaving partner the staff by unit, the single-person posts and the frictional costs; then the
robustness per partner. The CSV has the same tables one after the other, each under its title.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from seta.core import files

MIME = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
FORMATEN = tuple(MIME)


def _getal(value: Any) -> Any:
    return None if value is None else Decimal(str(value))


def tabellen(resultaat: dict[str, Any]) -> list[tuple[str, list[str], list[list[Any]]]]:
    """(title, header, rows) per table."""
    jaar = resultaat["jaar"]
    result: list[tuple[str, list[str], list[list[Any]]]] = []
    deelnemers = [
        [
            r["gemeente"],
            r["naam"],
            _getal(r["aandeelVoor"]),
            _getal(r["aandeelNa"]),
            _getal(r["bedragVoor"]),
            _getal(r["bedragNa"]),
            _getal(r["verschil"]),
        ]
        for r in resultaat["deelnemers"]
    ]
    deelnemers.append(
        [
            "",
            "Totaal",
            None,
            None,
            _getal(resultaat["totaalVoor"]),
            _getal(resultaat["totaalNa"]),
            _getal(resultaat["totaalVerschil"]),
        ]
    )
    result.append(
        (
            "Deelnemers",
            [
                "CBS-code",
                "Gemeente",
                f"Sleutelaandeel {jaar} (%)",
                "Sleutelaandeel scenario (%)",
                f"Bijdrage {jaar} (euro, excl. btw)",
                "Bijdrage scenario (euro, excl. btw)",
                "Verschil (euro per jaar)",
            ],
            deelnemers,
        )
    )
    uittreding = resultaat.get("uittreding")
    if uittreding:
        personeel = [
            [
                r["eenheid"],
                r["aantalHerkomst"],
                _getal(r["fteHerkomst"]),
                r["aantalMetUren"],
                _getal(r["fteEquivalent"]),
            ]
            for r in uittreding["personeel"]
        ]
        t = uittreding["personeelTotaal"]
        personeel.append(
            [
                "Totaal",
                t["aantalHerkomst"],
                _getal(t["fteHerkomst"]),
                t["aantalMetUren"],
                _getal(t["fteEquivalent"]),
            ]
        )
        result.append(
            (
                "Personeel",
                [
                    "Eenheid",
                    "Afkomstig van (personen)",
                    "Afkomstig van (fte)",
                    "Werkten ervoor (personen)",
                    "Fte-equivalent van de uren",
                ],
                personeel,
            )
        )
        posten = [
            [
                "Blijvende gemeenten",
                p["competentie"],
                p["eenheid"],
                "nieuw" if p["nieuw"] else "al eenmanspost",
            ]
            for p in uittreding["eenmanspostenBlijvers"]
        ]
        posten += [
            ["Uittredende gemeente", p["competentie"], p["eenheid"], ""]
            for p in uittreding["eenmanspostenUittreder"]
        ]
        result.append(("Eenmansposten", ["Kant", "Competentie", "Eenheid", "Vandaag"], posten))
        f = uittreding["frictiekosten"]
        frictie: list[list[Any]] = [
            ["Regel", f"{f['regel']['jarenOverhead']} jaar het aandeel in de overhead"],
            ["Bron", f["regel"]["bron"]],
            [f"Overhead begroting {jaar}", _getal(f["overhead"])],
            ["Sleutelaandeel (%)", _getal(f["aandeel"])],
            ["Aandeel in de overhead per jaar", _getal(f["overheadPerJaar"])],
            ["Uit de overhead", _getal(f["uitOverhead"])],
            *[[p["omschrijving"], _getal(p["bedrag"])] for p in f["overige"]],
            ["Totaal frictiekosten", _getal(f["totaal"])],
        ]
        result.append(("Frictiekosten", ["Post", "Bedrag (euro)"], frictie))
    rob = resultaat["robuustheid"]
    result.append(
        (
            "Robuustheid",
            [
                "CBS-code",
                "Gemeente",
                "Eigen medewerkers (herkomst)",
                "Fte",
                "Eenmansposten alleen",
                "Competenties die alleen ontbreken",
                "Eenmansposten in de pool vandaag",
            ],
            [
                [
                    r["gemeente"],
                    r["naam"],
                    r["medewerkers"],
                    _getal(r["fte"]),
                    r["eenmanspostenAlleen"],
                    r["ontbrekendAlleen"],
                    rob["eenmanspostenPool"],
                ]
                for r in rob["partners"]
            ],
        )
    )
    return result


def to_csv(titel: str, resultaat: dict[str, Any]) -> bytes:
    out = io.StringIO()
    writer = files.csv_writer(
        out, delimiter=";", lineterminator="\r\n", number=lambda v: f"{v}".replace(".", ",")
    )
    writer.writerow([titel])
    for naam, kop, rijen in tabellen(resultaat):
        writer.writerow([])
        writer.writerow([naam])
        writer.writerow(kop)
        writer.writerows(rijen)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(titel: str, resultaat: dict[str, Any]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    first = True
    for naam, kop, rijen in tabellen(resultaat):
        if first:
            ws = wb.active
            assert ws is not None
            ws.title = naam
            first = False
        else:
            ws = wb.create_sheet(title=naam)
        files.append_row(ws, [titel])
        ws["A1"].font = Font(bold=True, size=13)
        files.append_row(ws, [naam])
        files.append_row(ws, kop)
        for cell in ws[3]:
            cell.font = Font(bold=True)
        for rij in rijen:
            files.append_row(ws, [float(v) if isinstance(v, Decimal) else v for v in rij])
        for row in ws.iter_rows(min_row=4):
            for cell in row:
                if isinstance(cell.value, float):
                    cell.number_format = "#,##0.00"
        for letter in "ABCDEFG":
            ws.column_dimensions[letter].width = 26
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def export(titel: str, resultaat: dict[str, Any], formaat: str) -> tuple[bytes, str]:
    if formaat == "xlsx":
        return to_xlsx(titel, resultaat), MIME["xlsx"]
    return to_csv(titel, resultaat), MIME["csv"]
