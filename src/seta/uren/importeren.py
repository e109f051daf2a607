"""Import of hours exported from time-keeping systems (CSV or XLSX): all or nothing, idempotent.

Columns (a header row; names are matched case-insensitively, common synonyms accepted):
``medewerker`` (personeelsnummer; else exact naam, or the record id of staff without a personeelsnummer),
``datum``, ``uren``, ``code`` (the nummer of a bestuursopdracht, the code of a catalogusitem, or
``overhead``), ``gemeente`` (CBS code, for regular work on a catalogusitem) and ``omschrijving``.

- Every problem is named by file, row (as the spreadsheet numbers it: the header is row 1) and column:
  ``uren-2026-10.xlsx, rij 12, kolom datum: '31-02-2026' is geen geldige datum``. One problem and
  nothing is stored.
- Idempotent: a file with the same content (SHA-256) is recognised and not read again; every row has
  a natural key (pool, medewerker, datum, code, gemeente, uren, omschrijving and its occurrence number
  in the file), so a later file that repeats rows (a cumulative export) adds only the new ones.
- Rows in a goedgekeurd (locked) week are refused, and so are rows that would make a day exceed 24 hours.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Sum

from seta.autorisaties import policy
from seta.autorisaties.actor import Actor
from seta.catalogus.models import Catalogusitem
from seta.core import audit, files
from seta.core.errors import Conflict, InvalidInput
from seta.gemeenten.models import Gemeente
from seta.opdrachten.models import Bestuursopdracht
from seta.organisatie.models import Medewerker
from seta.samenwerkingsverbanden.models import Deelnemer, Samenwerkingsverband
from seta.uren.models import Soort, Urenimport, Urenregel, Weekstaat, Weekstatus
from seta.uren.services import (
    MAX_PER_DAG,
    Doel,
    check_doel,
    iso_week,
    nl_datum,
    opdracht_gemeente_id,
    parse_uren,
)

MAX_FOUTEN = 200

KOLOMMEN: dict[str, set[str]] = {
    "medewerker": {
        "medewerker",
        "personeelsnummer",
        "naam",
        "medewerker (personeelsnummer of naam)",
        "employee",
    },
    "datum": {"datum", "date", "dag"},
    "uren": {"uren", "aantal uren", "hours", "tijd (uren)"},
    "code": {
        "code",
        "opdracht",
        "catalogus",
        "opdracht/catalogus",
        "opdracht/catalogus code",
        "opdracht- of cataloguscode",
        "project",
        "projectcode",
    },
    "gemeente": {
        "gemeente",
        "cbs-code",
        "cbs code",
        "gemeentecode",
        "gemeente cbs code",
        "gemeente (cbs-code)",
    },
    "omschrijving": {"omschrijving", "toelichting", "description", "opmerking"},
}
VERPLICHT = ("medewerker", "datum", "uren", "code")


@dataclass
class Importverslag:
    bestand: str
    sha256: str
    rijen: int = 0
    nieuw: int = 0
    al_aanwezig: int = 0
    al_ingelezen: bool = False
    uren: Decimal = Decimal("0")

    def __str__(self) -> str:
        if self.al_ingelezen:
            return f"{self.bestand}: dit bestand is al eerder ingelezen; er is niets veranderd."
        return (
            f"{self.bestand}: {self.rijen} rijen gelezen, {self.nieuw} urenregels toegevoegd ({self.uren} uur), "
            f"{self.al_aanwezig} rijen waren al ingelezen."
        )


@dataclass
class _Fouten:
    bestand: str
    items: dict[str, list[str]] = field(default_factory=dict)
    aantal: int = 0

    def add(self, rij: int, kolom: str, bericht: str) -> None:
        self.aantal += 1
        if len(self.items) >= MAX_FOUTEN:
            return
        key = f"rij {rij}, kolom {kolom}" if kolom else f"rij {rij}"
        self.items.setdefault(key, []).append(f"{self.bestand}, {key}: {bericht}")

    def raise_if_any(self) -> None:
        if self.aantal:
            meer = f" (de eerste {MAX_FOUTEN} staan hieronder)" if self.aantal > MAX_FOUTEN else ""
            raise InvalidInput(
                f"{self.bestand} is niet ingelezen: {self.aantal} fout(en){meer}. Er is niets opgeslagen.",
                fields=self.items,
            )


def read_rows(bestandsnaam: str, inhoud: bytes) -> list[tuple[int, list[Any]]]:
    """The rows of the file as (row number, cells); row 1 is the header.

    A file that is not a table (binary, UTF-16 without BOM, NUL bytes, a broken or oversized XLSX, bad
    CSV, a cell over ``files.MAX_CELL`` characters) is refused naming file, row and column, never a 500.
    """
    suffix = Path(bestandsnaam).suffix.lower()
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        files.check_xlsx(inhoud, bestandsnaam)
        try:
            wb = load_workbook(io.BytesIO(inhoud), read_only=True, data_only=True)
            try:
                ws = wb.worksheets[0]
                rows = [(i, list(row)) for i, row in enumerate(ws.iter_rows(values_only=True), start=1)]
            finally:
                wb.close()
        except Exception as exc:  # openpyxl (and zipfile, lxml) raise many kinds for a broken file
            raise InvalidInput(
                f"{bestandsnaam} is niet ingelezen: geen leesbaar Excel-bestand.",
                fields={"bestand": [f"{bestandsnaam}: geen leesbaar Excel-bestand (.xlsx)."]},
            ) from exc
        files.check_cells(rows, bestandsnaam)
        return rows
    if suffix in {".csv", ".txt"}:
        # UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode-tekst"), else Windows-1252.
        text = files.decode_text(inhoud, bestandsnaam, cp1252=True)
        return files.read_csv(text, bestandsnaam, delimiter=files.sniff_delimiter(text))
    raise InvalidInput(
        fields={"bestand": [f"{bestandsnaam}: alleen .csv- en .xlsx-bestanden kunnen worden ingelezen."]}
    )


_text = files.cell_text
_date = files.cell_date


def _header(cells: list[Any]) -> dict[str, int]:
    mapping: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = _text(cell).lower()
        for kolom, synoniemen in KOLOMMEN.items():
            if name in synoniemen and kolom not in mapping:
                mapping[kolom] = index
    return mapping


def _tegelijk(bestand: str) -> Conflict:
    return Conflict(
        f"{bestand} is niet ingelezen: tegelijk werd een ander urenbestand (of hetzelfde) ingelezen. "
        "Er is niets opgeslagen; lees het bestand opnieuw in (wat al is ingelezen, wordt niet verdubbeld).",
        code="import_tegelijk",
    )


@transaction.atomic
def import_file(
    *, actor: Actor, samenwerkingsverband: Samenwerkingsverband, bestandsnaam: str, inhoud: bytes
) -> Importverslag:
    """Import a file of hours; the system actor ``import-uren`` is ``seta import-uren`` on the server."""
    policy.require(actor, "uren.importeren", samenwerkingsverband, read_action="samenwerkingsverband.lezen")
    bestand = Path(bestandsnaam).name or "bestand"
    files.check_size("uren", len(inhoud), bestand)
    sha = hashlib.sha256(inhoud).hexdigest()
    verslag = Importverslag(bestand=bestand, sha256=sha)
    # One import per pool at a time: a second upload of the same file waits here and then finds it
    # recorded ("al ingelezen"); one of different files for the same new week waits, then sees the
    # weekstaten and lines of the first. (SQLite serialises every write transaction anyway.)
    list(Samenwerkingsverband.objects.select_for_update().filter(pk=samenwerkingsverband.pk).values("pk"))
    if Urenimport.objects.filter(samenwerkingsverband=samenwerkingsverband, sha256=sha).exists():
        verslag.al_ingelezen = True
        return verslag

    rows = read_rows(bestand, inhoud)
    fouten = _Fouten(bestand)
    if not rows:
        fouten.add(1, "", "het bestand is leeg.")
        fouten.raise_if_any()
    kolommen = _header(rows[0][1])
    for kolom in VERPLICHT:
        if kolom not in kolommen:
            fouten.add(1, kolom, f"de kolom '{kolom}' ontbreekt in de kopregel.")
    fouten.raise_if_any()

    sv = samenwerkingsverband
    medewerkers = list(Medewerker.objects.filter(samenwerkingsverband=sv))
    # Matched in this order: personeelsnummer (as the time-keeping system knows them; without case),
    # then the record id (see below), then the exact name (only when one person has it).
    per_personeelsnummer: dict[str, list[Medewerker]] = defaultdict(list)
    # The record id only identifies staff WITHOUT a personeelsnummer (old records). Exports carry
    # personeelsnummers, often numeric: a number that belongs to nobody must be refused, not land on
    # whoever's database id happens to equal it (hours booked on the wrong person).
    per_id = {str(m.pk): m for m in medewerkers if not m.personeelsnummer}
    per_naam: dict[str, list[Medewerker]] = defaultdict(list)
    for m in medewerkers:
        if m.personeelsnummer:
            per_personeelsnummer[m.personeelsnummer.strip().lower()].append(m)
        per_naam[m.naam.strip().lower()].append(m)

    def nummers(kandidaten: list[Medewerker]) -> str:
        return ", ".join(sorted(m.personeelsnummer or f"id {m.pk}" for m in kandidaten))

    items = {c.code.lower(): c for c in Catalogusitem.objects.filter(samenwerkingsverband=sv)}
    opdrachten = {
        o.nummer.lower(): o
        for o in Bestuursopdracht.objects.filter(samenwerkingsverband=sv).prefetch_related("opdrachtgevers")
    }
    gemeenten = {
        g.cbs_code.upper(): g for g in Gemeente.objects.filter(deelnames__samenwerkingsverband=sv).distinct()
    }
    deelnames = list(Deelnemer.objects.filter(samenwerkingsverband=sv))

    def partners(sv_id: int, datum: dt.date) -> set[int]:
        return {
            d.gemeente_id
            for d in deelnames
            if d.toetredingsdatum <= datum and (d.uittredingsdatum is None or d.uittredingsdatum > datum)
        }

    def cell(cells: list[Any], kolom: str) -> Any:
        index = kolommen.get(kolom)
        return cells[index] if index is not None and index < len(cells) else None

    gelezen: list[tuple[int, Medewerker, dt.date, Decimal, Doel, str, str]] = []
    voorkomen: Counter[str] = Counter()
    for rijnummer, cells in rows[1:]:
        if all(_text(c) == "" for c in cells):
            continue
        verslag.rijen += 1
        fout_voor = fouten.aantal
        # medewerker
        wie = _text(cell(cells, "medewerker"))
        medewerker: Medewerker | None = None
        op_nummer = per_personeelsnummer.get(wie.lower(), [])
        op_naam = per_naam.get(wie.lower(), [])
        if not wie:
            fouten.add(rijnummer, "medewerker", "leeg; geef het personeelsnummer of de naam.")
        elif len(op_nummer) == 1:
            medewerker = op_nummer[0]
        elif op_nummer:  # only possible for records written before numbers were checked
            fouten.add(
                rijnummer,
                "medewerker",
                f"personeelsnummer '{wie}' hoort bij {len(op_nummer)} medewerkers van {sv}; "
                "maak de personeelsnummers eerst uniek.",
            )
        elif wie in per_id:
            medewerker = per_id[wie]
        elif len(op_naam) == 1:
            medewerker = op_naam[0]
        elif op_naam:
            fouten.add(
                rijnummer,
                "medewerker",
                f"'{wie}' past bij {len(op_naam)} medewerkers van {sv} ({nummers(op_naam)}); "
                "gebruik het personeelsnummer.",
            )
        else:
            fouten.add(
                rijnummer,
                "medewerker",
                f"'{wie}' is geen personeelsnummer of naam van een medewerker van {sv}.",
            )
        # datum
        ruwe_datum = cell(cells, "datum")
        datum = _date(ruwe_datum)
        if datum is None:
            fouten.add(
                rijnummer,
                "datum",
                f"'{_text(ruwe_datum)}' is geen geldige datum (gebruik dd-mm-jjjj of jjjj-mm-dd).",
            )
        # uren
        ruwe_uren = cell(cells, "uren")
        uren: Decimal | None = None
        try:
            uren = parse_uren(_text(ruwe_uren) if not isinstance(ruwe_uren, int | float) else repr(ruwe_uren))
        except InvalidInput as exc:
            for msgs in exc.fields.values():
                for msg in msgs:
                    fouten.add(rijnummer, "uren", msg[0].lower() + msg[1:])
        # code and gemeente
        code = _text(cell(cells, "code"))
        cbs = _text(cell(cells, "gemeente")).upper()
        doel: Doel | None = None
        if not code:
            fouten.add(
                rijnummer, "code", "leeg; geef de code van een opdracht of catalogusitem, of 'overhead'."
            )
        elif code.lower() == "overhead":
            doel = Doel(Soort.OVERHEAD)
        elif code.lower() in opdrachten:
            doel = Doel(Soort.OPDRACHT, opdracht=opdrachten[code.lower()])
        elif code.lower() in items:
            gemeente = gemeenten.get(cbs)
            if not cbs:
                fouten.add(
                    rijnummer,
                    "gemeente",
                    f"leeg; bij regulier werk op '{code}' hoort de CBS-code van de gemeente.",
                )
            elif gemeente is None:
                fouten.add(rijnummer, "gemeente", f"'{cbs}' is geen deelnemer van {sv}.")
            else:
                doel = Doel(Soort.REGULIER, catalogusitem=items[code.lower()], gemeente=gemeente)
        else:
            fouten.add(rijnummer, "code", f"'{code}' is geen opdrachtnummer of catalogusitem van {sv}.")
        omschrijving = _text(cell(cells, "omschrijving"))[:255]

        if medewerker is None or datum is None or uren is None or doel is None or fouten.aantal > fout_voor:
            continue
        for veld, msgs in check_doel(doel, medewerker, datum, partners).items():
            kolom = "gemeente" if veld == "gemeente" else "code"
            for msg in msgs:
                fouten.add(rijnummer, kolom, msg[0].lower() + msg[1:])
        if datum < medewerker.in_dienst or (
            medewerker.uit_dienst is not None and datum > medewerker.uit_dienst
        ):
            fouten.add(rijnummer, "datum", f"{medewerker} was op {nl_datum(datum)} niet in dienst.")
        basis = "|".join(
            [
                str(sv.pk),
                str(medewerker.pk),
                datum.isoformat(),
                doel.soort,
                code.lower(),
                cbs,
                str(uren),
                omschrijving,
            ]
        )
        voorkomen[basis] += 1
        sleutel = hashlib.sha256(f"{basis}|{voorkomen[basis]}".encode()).hexdigest()
        gelezen.append((rijnummer, medewerker, datum, uren, doel, omschrijving, sleutel))
    fouten.raise_if_any()
    if not verslag.rijen:
        raise InvalidInput(
            f"{bestand} is niet ingelezen: het bestand bevat geen regels (alleen een kopregel).",
            fields={"bestand": [f"{bestand}: het bestand bevat geen regels, alleen een kopregel."]},
            code="import_leeg",
        )

    # rows already imported (from another file with the same rows) are skipped
    sleutels = [g[6] for g in gelezen]
    bestaande_sleutels: set[str] = set()
    for start in range(0, len(sleutels), 500):
        bestaande_sleutels |= set(
            Urenregel.objects.filter(sleutel__in=sleutels[start : start + 500]).values_list(
                "sleutel", flat=True
            )
        )
    nieuw = [g for g in gelezen if g[6] not in bestaande_sleutels]
    verslag.al_aanwezig = len(gelezen) - len(nieuw)

    if nieuw:
        mw_ids = {g[1].pk for g in nieuw}
        begin = min(g[2] for g in nieuw)
        eind = max(g[2] for g in nieuw)
        staten = {
            (s.medewerker_id, s.jaar, s.week): s
            for s in Weekstaat.objects.select_for_update(of=("self",)).filter(
                medewerker_id__in=mw_ids, jaar__gte=iso_week(begin)[0], jaar__lte=iso_week(eind)[0]
            )
        }
        dagtotaal: dict[tuple[int, dt.date], Decimal] = defaultdict(Decimal)
        for row in (
            Urenregel.objects.filter(medewerker_id__in=mw_ids, datum__gte=begin, datum__lte=eind)
            .values("medewerker_id", "datum")
            .annotate(s=Sum("uren"))
        ):
            dagtotaal[(row["medewerker_id"], row["datum"])] = row["s"]
        for rijnummer, medewerker, datum, uren, _doel, _oms, _sl in nieuw:
            staat = staten.get((medewerker.pk, *iso_week(datum)))
            if staat is not None and staat.status == Weekstatus.GOEDGEKEURD:
                jaar, week = iso_week(datum)
                fouten.add(
                    rijnummer,
                    "datum",
                    f"week {week}-{jaar} van {medewerker} is goedgekeurd en vergrendeld; deze rij is geweigerd.",
                )
            dagtotaal[(medewerker.pk, datum)] += uren
            if dagtotaal[(medewerker.pk, datum)] > MAX_PER_DAG:
                fouten.add(
                    rijnummer,
                    "uren",
                    f"{medewerker} komt op {nl_datum(datum)} dan op {dagtotaal[(medewerker.pk, datum)]} uur; "
                    "meer dan 24 uur op één dag kan niet.",
                )
        fouten.raise_if_any()

        ontbrekend = {(g[1].pk, *iso_week(g[2])) for g in nieuw} - set(staten)
        Weekstaat.objects.bulk_create(
            [
                Weekstaat(samenwerkingsverband_id=sv.pk, medewerker_id=mw, jaar=jaar, week=week)
                for mw, jaar, week in sorted(ontbrekend)
            ],
            ignore_conflicts=True,  # made meanwhile by the medewerker's own grid: use that one
        )
        staten = {
            (s.medewerker_id, s.jaar, s.week): s
            for s in Weekstaat.objects.filter(
                medewerker_id__in=mw_ids, jaar__gte=iso_week(begin)[0], jaar__lte=iso_week(eind)[0]
            )
        }
        regels = []
        for _rij, medewerker, datum, uren, doel, omschrijving, sleutel in nieuw:
            gemeente_id = doel.gemeente.pk if doel.gemeente else None
            if doel.opdracht is not None:
                gemeente_id = opdracht_gemeente_id(doel.opdracht)
            regels.append(
                Urenregel(
                    samenwerkingsverband_id=sv.pk,
                    medewerker=medewerker,
                    weekstaat=staten[(medewerker.pk, *iso_week(datum))],
                    datum=datum,
                    uren=uren,
                    soort=doel.soort,
                    opdracht=doel.opdracht,
                    catalogusitem=doel.catalogusitem,
                    gemeente_id=gemeente_id,
                    eenheid_id=medewerker.eenheid_id,
                    schaal=medewerker.schaal,
                    omschrijving=omschrijving,
                    bron=f"import:{sha}",
                    sleutel=sleutel,
                )
            )
        try:
            with transaction.atomic():
                Urenregel.objects.bulk_create(regels, batch_size=1000)
        except IntegrityError as exc:  # only if the lock above was bypassed; never a 500
            raise _tegelijk(bestand) from exc
        verslag.nieuw = len(regels)
        verslag.uren = sum((r.uren for r in regels), Decimal("0"))

    try:
        with transaction.atomic():
            record = Urenimport.objects.create(
                samenwerkingsverband=sv,
                bestandsnaam=bestand,
                sha256=sha,
                ingelezen_door=actor.user if actor.user_id else None,
                aantal_rijen=verslag.rijen,
                aantal_nieuw=verslag.nieuw,
            )
    except IntegrityError as exc:
        raise _tegelijk(bestand) from exc
    audit.record(
        actor=actor,
        action="uren.importeren",
        instance=record,
        note=str(verslag),
    )
    from seta.nacalculatie import services as nacalculatie_services  # alerts on the actuals (issue 10)

    nacalculatie_services.controleer(
        actor=actor, opdrachten={n[4].opdracht.pk for n in nieuw if n[4].opdracht}
    )
    return verslag
