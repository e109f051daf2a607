"""Reading an export of cases (zaken) from a CSV or XLSX file into rows, like ``uren/importeren.py``.

This module only *reads*: it turns the file into :class:`Zaakrij` objects (one per data row, the raw cell
values under their canonical column names). Checking the rows against the cooperation (mapping, partners,
period, dates) is ``zaken.valideer``, shared with the ZGW client (``zgw.py``), which produces the same
rows from a Zaken API. So a file and an API give the same cases, through the same checks.

Columns (a header row; names matched case-insensitively, spaces and underscores alike; synonyms below):

=====================  ===========================================================================
``identificatie``      the case's number in the case system (required, unique in the file)
``zaaktype``           the zaaktype code or ZGW Catalogi URL (see the mapping), or the code of a
                       catalogue item (required; column also called ``catalogusitem``)
``gemeente``           CBS code (GM0376) or name of the municipality (required)
``ontvangen``          received date (required)
``besloten``           decided date (empty: the case is still open)
``opgeschorte_dagen``  suspended days, a whole number ≥ 0 (empty: 0)
``uiterste_datum``     the latest date by which it must be decided (optional)
``resultaat``          the outcome (optional text)
``tevredenheid``       a satisfaction score 1–10 (optional, one decimal)
=====================  ===========================================================================

Dates: ``jjjj-mm-dd``, ``dd-mm-jjjj``, ``dd/mm/jjjj`` or ``dd.mm.jjjj`` (or a date cell in Excel). Text:
UTF-8 (with or without BOM) or UTF-16 with BOM, separated by ``;`` or ``,`` (recognised from the header).
Every read goes through ``core/files.py`` (size limit ``zaken``, decoding, the XLSX zip-bomb check).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from seta.core import files
from seta.core.errors import InvalidInput

MAX_FOUTEN = 500

KOLOMMEN: dict[str, set[str]] = {
    "identificatie": {"identificatie", "zaaknummer", "zaak", "zaakidentificatie", "id"},
    "zaaktype": {"zaaktype", "zaaktypecode", "catalogusitem", "catalogus", "product", "code"},
    "gemeente": {"gemeente", "cbs-code", "cbs code", "gemeentecode"},
    "ontvangen": {"ontvangen", "ontvangen op", "ontvangstdatum", "startdatum", "registratiedatum"},
    "besloten": {"besloten", "besloten op", "besluitdatum", "einddatum", "afgehandeld"},
    "opgeschorte_dagen": {"opgeschorte dagen", "opgeschort", "opschorting", "opschortingsdagen"},
    "uiterste_datum": {
        "uiterste datum",
        "uiterlijke einddatum",
        "uiterlijke einddatum afdoening",
        "fatale datum",
    },
    "resultaat": {"resultaat", "uitkomst"},
    "tevredenheid": {"tevredenheid", "klanttevredenheid", "cijfer"},
}
VERPLICHT = ("identificatie", "zaaktype", "gemeente", "ontvangen")


@dataclass(frozen=True)
class Zaakrij:
    """One case as read, before any check: where it came from and its raw values per canonical column.

    ``plaats`` names the row in messages: ``"zaken-2026-q1.csv, rij 14"`` for a file,
    ``"Zaken API Laren, zaak ZAAK-2026-0001"`` for the client.
    """

    plaats: str
    waarden: dict[str, Any] = field(default_factory=dict)


class Fouten:
    """Every problem of an import, each naming file (or API), row and column. None of them: nothing is stored."""

    def __init__(self, bron: str) -> None:
        self.bron = bron
        self.items: dict[str, list[str]] = {}
        self.aantal = 0

    def add(self, plaats: str, kolom: str, bericht: str) -> None:
        self.aantal += 1
        if self.aantal > MAX_FOUTEN:
            return
        key = f"{plaats}, kolom {kolom}" if kolom else plaats
        self.items.setdefault(key, []).append(f"{key}: {bericht}")

    def raise_if_any(self) -> None:
        if self.aantal:
            meer = f" (de eerste {MAX_FOUTEN} staan hieronder)" if self.aantal > MAX_FOUTEN else ""
            raise InvalidInput(
                f"{self.bron} is niet ingelezen: {self.aantal} fout(en){meer}. Er is niets opgeslagen.",
                fields=self.items,
                code="zaken_ongeldig",
            )


def _normaal(naam: str) -> str:
    return re.sub(r"[\s_]+", " ", naam.strip().lower())


_SYNONIEMEN = {_normaal(s): kolom for kolom, namen in KOLOMMEN.items() for s in namen | {kolom}}


def read_table(bestandsnaam: str, inhoud: bytes) -> list[tuple[int, list[Any]]]:
    """The file's rows as (row number as the spreadsheet shows it, cells); row 1 is the header."""
    suffix = Path(bestandsnaam).suffix.lower()
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        files.check_xlsx(inhoud, bestandsnaam)
        try:
            wb = load_workbook(io.BytesIO(inhoud), read_only=True, data_only=True)
            try:
                rows = [(i, list(r)) for i, r in enumerate(wb.worksheets[0].iter_rows(values_only=True), 1)]
            finally:
                wb.close()
        except Exception as exc:  # openpyxl, zipfile and lxml raise many kinds for a broken file
            raise InvalidInput(
                f"{bestandsnaam} is niet ingelezen: geen leesbaar Excel-bestand.",
                fields={"bestand": [f"{bestandsnaam}: geen leesbaar Excel-bestand (.xlsx)."]},
            ) from exc
        files.check_cells(rows, bestandsnaam)
        return rows
    if suffix in {".csv", ".txt"}:
        text = files.decode_text(inhoud, bestandsnaam)
        return files.read_csv(text, bestandsnaam, delimiter=files.sniff_delimiter(text, ";,"))
    raise InvalidInput(
        f"{bestandsnaam} is niet ingelezen: alleen .csv- en .xlsx-bestanden.",
        fields={"bestand": [f"{bestandsnaam}: alleen .csv- en .xlsx-bestanden kunnen worden ingelezen."]},
    )


def lees(bestandsnaam: str, inhoud: bytes) -> list[Zaakrij]:
    """The rows of an export; a missing required column or an empty file is refused (file, row 1, column)."""
    files.check_size("zaken", len(inhoud), bestandsnaam)
    rows = read_table(bestandsnaam, inhoud)
    fouten = Fouten(bestandsnaam)
    if not rows:
        fouten.add(f"{bestandsnaam}, rij 1", "", "het bestand is leeg; de eerste rij noemt de kolommen.")
        fouten.raise_if_any()
    kolommen: dict[str, int] = {}
    for index, cel in enumerate(rows[0][1]):
        kolom = _SYNONIEMEN.get(_normaal(tekst(cel)))
        if kolom is not None and kolom not in kolommen:
            kolommen[kolom] = index
    for kolom in VERPLICHT:
        if kolom not in kolommen:
            fouten.add(f"{bestandsnaam}, rij 1", kolom, f"de kolom '{kolom}' ontbreekt in de kopregel.")
    fouten.raise_if_any()
    rijen: list[Zaakrij] = []
    for rijnummer, cells in rows[1:]:
        if all(tekst(c) == "" for c in cells):
            continue
        waarden = {k: (cells[i] if i < len(cells) else None) for k, i in kolommen.items()}
        rijen.append(Zaakrij(plaats=f"{bestandsnaam}, rij {rijnummer}", waarden=waarden))
    if not rijen:
        fouten.add(f"{bestandsnaam}, rij 2", "", "het bestand bevat geen zaken (alleen een kopregel).")
        fouten.raise_if_any()
    return rijen


# --- parsing single values (shared with the client) -------------------------------------------------------
tekst = files.cell_text
datum = files.cell_date


def geheel_getal(value: Any) -> int | None:
    """A whole number ≥ 0 (``12``, ``12.0`` from Excel); None when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and value >= 0 else None
    text = tekst(value)
    if re.fullmatch(r"[0-9]{1,6}", text):
        return int(text)
    return None


def cijfer(value: Any) -> Decimal | None:
    """A score 1–10 with at most one decimal (``7``, ``7,5``, ``7.5``); None when it is not one."""
    if isinstance(value, bool):
        return None
    text = tekst(value).replace(",", ".") if not isinstance(value, int | float) else repr(value)
    if not re.fullmatch(r"[0-9]{1,2}(\.[0-9]+)?", text):
        return None
    try:
        getal = Decimal(text)
    except InvalidOperation:
        return None
    if getal != getal.quantize(Decimal("0.1")) or not Decimal(1) <= getal <= Decimal(10):
        return None
    return getal.quantize(Decimal("0.1"))
