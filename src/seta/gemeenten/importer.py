"""Reading a CBS list of gemeenten (CSV) into checked rows. Pure Python: no database access.

Every problem is named by file, row (the line number in the file; the header is row 1) and field,
for example ``gemeenten-2023.csv, rij 14, veld population: 'abc' is geen geheel getal``. The caller
(:func:`seta.gemeenten.services.import_gemeenten`) writes nothing unless the whole file is clean.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

CBS_CODE = re.compile(r"^GM\d{4}$")
PROVINCIE_CODE = re.compile(r"^PV\d{2}$")

# Accepted column names: the English names of the bundled file and the Dutch names of the glossary.
KOLOMMEN: dict[str, tuple[str, ...]] = {
    "cbs_code": ("cbs_code", "code", "gemeentecode"),
    "naam": ("name", "naam", "gemeentenaam"),
    "provincie": ("province", "provincie"),
    "provincie_code": ("province_code", "provincie_code", "provinciecode"),
    "inwoners": ("population", "inwoners", "bevolkingsaantal"),
    "opgegaan_in": ("opgegaan_in",),
}
VERPLICHT = ("cbs_code", "naam", "provincie", "inwoners")


@dataclass(frozen=True)
class Rij:
    """One checked row of the file."""

    rij: int
    cbs_code: str
    naam: str
    provincie: str
    provincie_code: str
    inwoners: int | None
    opgegaan_in: str = ""


@dataclass
class Resultaat:
    bestand: str
    rijen: list[Rij] = field(default_factory=list)
    # "<bestand>, rij <n>, veld <kolom>" → messages; in file order.
    fouten: dict[str, list[str]] = field(default_factory=dict)

    def fout(self, rij: int | None, veld: str | None, bericht: str) -> None:
        plek = self.bestand
        if rij is not None:
            plek += f", rij {rij}"
        if veld is not None:
            plek += f", veld {veld}"
        self.fouten.setdefault(plek, []).append(bericht)

    @property
    def regels(self) -> list[str]:
        """Every problem as one readable line."""
        return [f"{plek}: {bericht}" for plek, berichten in self.fouten.items() for bericht in berichten]


def read_file(path: str | Path) -> Resultaat:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        result = Resultaat(bestand=path.name)
        result.fout(None, None, f"het bestand kan niet worden gelezen ({exc.strerror or exc}).")
        return result
    return read_text(_decode(raw, path.name), bestand=path.name)


def _decode(raw: bytes, bestand: str) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


def read_text(text: str, *, bestand: str) -> Resultaat:
    """Parse and check CSV text (comma or semicolon separated)."""
    result = Resultaat(bestand=bestand)
    if not text.strip():
        result.fout(None, None, "het bestand is leeg.")
        return result
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader)]

    positie: dict[str, int] = {}
    namen: dict[str, str] = {}
    for sleutel, aliassen in KOLOMMEN.items():
        for alias in aliassen:
            if alias in header:
                positie[sleutel] = header.index(alias)
                namen[sleutel] = alias
                break
    ontbrekend = [KOLOMMEN[k][0] for k in VERPLICHT if k not in positie]
    if ontbrekend:
        result.fout(
            1,
            None,
            f"verplichte kolom(men) ontbreken: {', '.join(ontbrekend)} (gevonden: {', '.join(header) or 'geen'}).",
        )
        return result

    gezien: dict[str, int] = {}
    for values in reader:
        rij = reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            result.fout(rij, None, f"verwacht {len(header)} kolommen, gevonden {len(values)}.")
            continue

        def waarde(sleutel: str, values: list[str] = values) -> str:
            return values[positie[sleutel]].strip() if sleutel in positie else ""

        fouten_voor = len(result.regels)
        code = waarde("cbs_code").upper()
        if not CBS_CODE.match(code):
            result.fout(
                rij,
                namen["cbs_code"],
                f"'{waarde('cbs_code')}' is geen CBS-gemeentecode (GM gevolgd door vier cijfers).",
            )
        elif code in gezien:
            result.fout(rij, namen["cbs_code"], f"'{code}' komt al voor in rij {gezien[code]}.")
        else:
            gezien[code] = rij
        naam = waarde("naam")
        if not naam:
            result.fout(rij, namen["naam"], "is leeg; elke gemeente heeft een naam.")
        elif len(naam) > 100:
            result.fout(rij, namen["naam"], "is langer dan 100 tekens.")
        provincie = waarde("provincie")
        if not provincie:
            result.fout(rij, namen["provincie"], "is leeg.")
        provincie_code = waarde("provincie_code").upper()
        if provincie_code and not PROVINCIE_CODE.match(provincie_code):
            result.fout(
                rij,
                namen["provincie_code"],
                f"'{provincie_code}' is geen provinciecode (PV gevolgd door twee cijfers).",
            )
        opgegaan_in = waarde("opgegaan_in").upper()
        if opgegaan_in and not CBS_CODE.match(opgegaan_in):
            result.fout(rij, namen["opgegaan_in"], f"'{opgegaan_in}' is geen CBS-gemeentecode.")
        elif opgegaan_in and opgegaan_in == code:
            result.fout(rij, namen["opgegaan_in"], "een gemeente kan niet in zichzelf opgaan.")

        tekst = waarde("inwoners").replace(".", "").replace("_", "")
        inwoners: int | None = None
        if not tekst:
            if not opgegaan_in:  # a dissolved municipality may leave the population empty
                result.fout(rij, namen["inwoners"], "is leeg; vul het bevolkingsaantal in.")
        else:
            try:
                inwoners = int(tekst)
            except ValueError:
                result.fout(rij, namen["inwoners"], f"'{waarde('inwoners')}' is geen geheel getal.")
            else:
                if inwoners < 0:
                    result.fout(rij, namen["inwoners"], f"'{inwoners}' is negatief.")
        if len(result.regels) == fouten_voor:
            result.rijen.append(
                Rij(
                    rij=rij,
                    cbs_code=code,
                    naam=naam,
                    provincie=provincie,
                    provincie_code=provincie_code,
                    inwoners=inwoners,
                    opgegaan_in=opgegaan_in,
                )
            )

    if not result.rijen and not result.fouten:
        result.fout(None, None, "het bestand bevat geen gemeenten.")
    # opgegaan_in must point at a municipality that exists after the import (checked against the file here;
    # the service also accepts codes already in the database).
    return result
