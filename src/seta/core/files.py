"""Files in and out: the one place that reads uploaded and command-line files and writes spreadsheet cells.

Reading (every import: hours, cases (zaken), gemeenten, the scan's answer file, the case base, an allocation file):

- :func:`check_size` / :func:`read_path`: a size limit per kind of import (``settings.SETA_IMPORT_MAX_BYTES``),
  checked before the content is read;
- :func:`decode_text`: UTF-8 with or without BOM; UTF-16 only with a BOM (what Excel's "Unicode-tekst"
  writes); Windows-1252 only where the caller allows it. Anything else, NUL bytes and other control
  characters (a binary file) are refused naming the byte and the row, with the advice to save as UTF-8;
- :func:`read_csv`: CSV rows with their row numbers; a field over :data:`MAX_CELL` characters and every
  ``csv.Error`` become a refusal naming file, row and column;
- :func:`check_xlsx`: an XLSX is a zip; its members' declared uncompressed sizes (which ``zipfile``
  enforces while reading) and compression ratios are checked *before* openpyxl sees it (a zip bomb);
- :func:`check_depth` / :data:`NESTING_LIMIT`: JSON and YAML documents nested deeper than a document
  of ours ever is are refused (instead of a ``RecursionError`` somewhere further on).

Writing (every export): :func:`csv_writer` and :func:`append_row` write a text cell that begins with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return as *text* (CSV: prefixed with ``'``; XLSX: a
string cell with the quote prefix), so a spreadsheet never runs a formula someone typed into a name.
Numbers stay numbers (a negative amount is a number, not text).

Every refusal is an :class:`InvalidInput` with the messages under ``bestand`` (or the row/column key),
each beginning with the file name. Nothing here imports Django at module level.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from seta.core.errors import InvalidInput

MiB = 1024 * 1024

# Defaults of settings.SETA_IMPORT_MAX_BYTES (the settings module may lower or raise them per kind).
DEFAULT_MAX_BYTES: dict[str, int] = {
    "uren": 10 * MiB,
    "gemeenten": 2 * MiB,
    "scan": 1 * MiB,
    "casussen": 5 * MiB,
    "verdeling": 5 * MiB,
    "zaken": 20 * MiB,
    "planning": 20 * MiB,
}
KIND_LABELS: dict[str, str] = {
    "uren": "een urenbestand",
    "gemeenten": "een lijst van gemeenten",
    "scan": "een invoerbestand van de samenwerkingsscan",
    "casussen": "een casusbank",
    "verdeling": "een invoerbestand van de verdeling",
    "zaken": "een export van zaken",
    "planning": "een invoerbestand van de planning",
}
DEFAULT_XLSX_MAX_UNPACKED = 50 * MiB
DEFAULT_XLSX_MAX_RATIO = 200
XLSX_MAX_MEMBERS = 10_000
MAX_CELL = 1000  # characters in one cell of an imported table (hours, gemeenten)
NESTING_LIMIT = 50  # levels of lists/objects in a JSON or YAML document
CSV_FIELD_LIMIT = 64 * MiB  # the csv module's own limit, raised so that MAX_CELL decides (with row + column)

SAVE_AS_UTF8 = "sla het bestand op als UTF-8 (in Excel: 'CSV UTF-8')"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _setting(name: str, default: Any) -> Any:
    from django.conf import settings

    return getattr(settings, name, default)


def _size(n: int) -> str:
    if n >= MiB:
        return f"{n / MiB:.1f} MB".replace(".", ",")
    if n >= 1024:
        return f"{n / 1024:.0f} kB"
    return f"{n} bytes"


def _refuse(bestand: str, message: str, *, key: str = "bestand") -> InvalidInput:
    return InvalidInput(f"{bestand} is niet ingelezen: {message}", fields={key: [f"{bestand}: {message}"]})


# --- size ----------------------------------------------------------------------------------------------------
def max_bytes(kind: str) -> int:
    limits = {**DEFAULT_MAX_BYTES, **_setting("SETA_IMPORT_MAX_BYTES", {})}
    return int(limits[kind])


def check_size(kind: str, size: int, bestand: str) -> None:
    """Refuse a file over the limit of its kind, naming the size and the limit."""
    limit = max_bytes(kind)
    if size > limit:
        raise _refuse(
            bestand,
            f"het bestand is {_size(size)}; voor {KIND_LABELS.get(kind, kind)} is de grens {_size(limit)} "
            f"(instelling SETA_IMPORT_MAX_BYTES['{kind}']).",
        )


def read_path(path: str | Path, kind: str) -> bytes:
    """The bytes of a file named on the command line, after its size check."""
    path = Path(path)
    try:
        check_size(kind, path.stat().st_size, path.name)
        return path.read_bytes()
    except OSError as exc:
        raise _refuse(path.name, f"kan het bestand niet lezen ({exc.strerror or exc}).") from exc


# --- text ------------------------------------------------------------------------------------------------------
def _row_of(raw: bytes | str, position: int) -> int:
    if isinstance(raw, bytes):
        return raw.count(b"\n", 0, position) + 1
    return raw.count("\n", 0, position) + 1


def decode_text(raw: bytes, bestand: str, *, cp1252: bool = False) -> str:
    """Text of an uploaded file; see the module docstring for what is accepted."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with its byte order mark
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _refuse(
                bestand,
                f"het bestand begint als UTF-16-tekst maar byte {exc.start + 1} past daar niet in; "
                f"{SAVE_AS_UTF8}.",
            ) from exc
    elif b"\x00" in raw:
        pos = raw.index(b"\x00")
        raise _refuse(
            bestand,
            f"rij {_row_of(raw, pos)} bevat een NUL-byte (byte {pos + 1}): dit is geen tekstbestand, of "
            f"UTF-16 zonder byte-order-mark; {SAVE_AS_UTF8}.",
        )
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            if not cp1252:
                raise _refuse(
                    bestand,
                    f"het bestand is geen UTF-8-tekst: byte {exc.start + 1} (0x{raw[exc.start]:02X}, "
                    f"rij {_row_of(raw, exc.start)}) past daar niet in; {SAVE_AS_UTF8}.",
                ) from exc
            try:
                text = raw.decode("cp1252")
            except UnicodeDecodeError as exc2:
                raise _refuse(
                    bestand,
                    f"het bestand is geen UTF-8- of Windows-1252-tekst: byte {exc2.start + 1} "
                    f"(0x{raw[exc2.start]:02X}, rij {_row_of(raw, exc2.start)}); {SAVE_AS_UTF8}.",
                ) from exc2
    control = _CONTROL.search(text)
    if control is not None:
        raise _refuse(
            bestand,
            f"rij {_row_of(text, control.start())} bevat het stuurteken U+{ord(control.group()):04X}: dit is "
            f"geen tekstbestand; {SAVE_AS_UTF8}.",
        )
    return text


def _column(header: Sequence[Any], index: int) -> str:
    name = str(header[index]).strip() if index < len(header) and header[index] is not None else ""
    return name or _letter(index)


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def check_cells(rows: Iterable[tuple[int, Sequence[Any]]], bestand: str, *, limit: int = MAX_CELL) -> None:
    """Refuse a text cell longer than ``limit`` characters, naming row and column (the header's name)."""
    header: Sequence[Any] = ()
    for rij, cells in rows:
        if rij == 1:
            header = cells
        for index, value in enumerate(cells):
            if isinstance(value, str) and len(value) > limit:
                kolom = _column(header, index)
                raise _refuse(
                    bestand,
                    f"rij {rij}, kolom {kolom}: de waarde is {len(value)} tekens lang; meer dan {limit} "
                    "tekens in één cel wordt niet ingelezen.",
                    key=f"rij {rij}, kolom {kolom}",
                )


def sniff_delimiter(text: str, candidates: str = ";,\t") -> str:
    first = text.splitlines()[0] if text else ""
    return max(candidates, key=first.count) if first else candidates[0]


def read_csv(text: str, bestand: str, *, delimiter: str | None = None) -> list[tuple[int, list[str]]]:
    """The CSV's rows as (row number, cells); row 1 is the header. Bad CSV is refused naming the row."""
    if csv.field_size_limit() < CSV_FIELD_LIMIT:
        csv.field_size_limit(CSV_FIELD_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter or sniff_delimiter(text))
    rows: list[tuple[int, list[str]]] = []
    try:
        for values in reader:
            rows.append((len(rows) + 1, values))
    except csv.Error as exc:
        raise _refuse(
            bestand,
            f"rij {len(rows) + 1} (regel {reader.line_num}) is geen geldige CSV ({exc}).",
            key=f"rij {len(rows) + 1}",
        ) from exc
    check_cells(rows, bestand)
    return rows


# --- XLSX ------------------------------------------------------------------------------------------------------
def check_xlsx(raw: bytes, bestand: str) -> None:
    """Refuse an XLSX that is not a zip, or whose members would unpack beyond the limits (a zip bomb).

    ``zipfile`` never returns more than a member's declared ``file_size`` (it stops, and the CRC check
    fails, if the data says otherwise), so the declared sizes bound what openpyxl can unpack.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise _refuse(bestand, "geen leesbaar Excel-bestand (.xlsx).") from exc
    max_unpacked = int(_setting("SETA_XLSX_MAX_UNPACKED_BYTES", DEFAULT_XLSX_MAX_UNPACKED))
    max_ratio = float(_setting("SETA_XLSX_MAX_RATIO", DEFAULT_XLSX_MAX_RATIO))
    if len(members) > XLSX_MAX_MEMBERS:
        raise _refuse(bestand, f"het Excel-bestand bevat {len(members)} onderdelen; dat is geen werkmap.")
    total = sum(m.file_size for m in members)
    if total > max_unpacked:
        raise _refuse(
            bestand,
            f"uitgepakt zou dit Excel-bestand {_size(total)} zijn; de grens is {_size(max_unpacked)} "
            "(instelling SETA_XLSX_MAX_UNPACKED_BYTES). Lever een kleiner bestand of een CSV aan.",
        )
    for m in members:
        if m.file_size > MiB and m.file_size > max_ratio * max(m.compress_size, 1):
            raise _refuse(
                bestand,
                f"onderdeel {m.filename} van dit Excel-bestand pakt uit van {_size(m.compress_size)} tot "
                f"{_size(m.file_size)} (meer dan {max_ratio:.0f} keer zo groot); zo'n bestand wordt niet "
                "ingelezen (instelling SETA_XLSX_MAX_RATIO).",
            )


# --- JSON / YAML -----------------------------------------------------------------------------------------------
def nesting_depth(data: Any) -> int:
    """How deep lists and dicts nest in ``data`` (iteratively: no recursion on a hostile document)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children: Iterable[Any] = value.values()
        elif isinstance(value, list | tuple):
            children = value
        else:
            continue
        deepest = max(deepest, depth)
        if depth > NESTING_LIMIT:
            return depth
        stack.extend((child, depth + 1) for child in children)
    return deepest


TOO_DEEP = (
    f"het bestand is te diep genest (meer dan {NESTING_LIMIT} lagen lijsten of objecten in elkaar); "
    "dit is geen invoerbestand van SETA."
)


# --- writing spreadsheets --------------------------------------------------------------------------------------
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_like(value: Any) -> bool:
    """A text a spreadsheet program would read as a formula (or a command) when it opens the file."""
    return isinstance(value, str) and value.startswith(FORMULA_START)


def csv_cell(value: Any) -> Any:
    """A cell for a CSV export: formula-like text gets a leading ``'`` (OWASP's advice); the rest as is."""
    return "'" + value if formula_like(value) else value


class _SafeWriter:
    def __init__(self, out: Any, number: Callable[[Any], str] | None = None, **kwargs: Any) -> None:
        self._writer = csv.writer(out, **kwargs)
        self._number = number

    def cell(self, value: Any) -> Any:
        if value is None:
            return ""
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            return self._number(value) if self._number is not None else value  # a number: never escaped
        return csv_cell(value)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([self.cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(out: Any, *, number: Callable[[Any], str] | None = None, **kwargs: Any) -> _SafeWriter:
    """``csv.writer`` for exports: text cells go through :func:`csv_cell`; numbers (int, float, Decimal)
    are written with ``number`` (e.g. a decimal comma) and never escaped, so ``-12,50`` stays a number;
    None is an empty cell."""
    return _SafeWriter(out, number=number, **kwargs)


def append_row(ws: Any, values: Sequence[Any]) -> None:
    """``ws.append(values)`` for an openpyxl sheet, with formula-like text stored as a text cell.

    openpyxl makes every string that starts with ``=`` a formula; the cell is turned back into a
    string cell with Excel's quote prefix, so it shows (and stays) the literal text.
    """
    ws.append(list(values))
    row = ws.max_row
    for index, value in enumerate(values, start=1):
        if formula_like(value):
            cell = ws.cell(row=row, column=index)
            cell.value = value
            cell.data_type = "s"
            cell.quotePrefix = True


# --- single cells of an imported row ------------------------------------------------------------------------
#: The date notations an import accepts in a text cell (ISO first, then the Dutch day-first ones).
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y")


def cell_text(value: Any) -> str:
    """A cell as text: empty for None, ``12`` for Excel's ``12.0``, stripped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def cell_date(value: Any) -> dt.date | None:
    """A date from a cell: a date (or datetime) cell, or text in one of :data:`DATE_FORMATS`; else None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = cell_text(value)
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None
