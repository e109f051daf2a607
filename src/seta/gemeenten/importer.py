"""Reading a CBS list of gemeenten (CSV) into checked rows. Pure Python: no database access.

Every problem is named by file, row (the line number in the file; the header is row 1) and field,
for example ``gemeenten-2023.csv, rij 14, veld population: 'abc' is geen geheel getal``. The caller
(:func:`seta.gemeenten.services.import_gemeenten`) writes nothing unless the whole file is clean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from seta.core import files
from seta.core.errors import InvalidInput

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


MAX_FOUTEN = 200  # messages kept (and printed); the count covers every problem


@dataclass
class Resultaat:
    bestand: str
    rijen: list[Rij] = field(default_factory=list)
    # "<bestand>, rij <n>, veld <kolom>" → messages; in file order; at most MAX_FOUTEN messages.
    fouten: dict[str, list[str]] = field(default_factory=dict)
    aantal: int = 0  # every problem, also those beyond MAX_FOUTEN

    def fout(self, rij: int | None, veld: str | None, bericht: str) -> None:
        self.aantal += 1
        if self.aantal > MAX_FOUTEN:
            return
        plek = self.bestand
        if rij is not None:
            plek += f", rij {rij}"
        if veld is not None:
            plek += f", veld {veld}"
        self.fouten.setdefault(plek, []).append(bericht)

    @property
    def regels(self) -> list[str]:
        """Every problem kept as one readable line."""
        return [f"{plek}: {bericht}" for plek, berichten in self.fouten.items() for bericht in berichten]


def read_file(path: str | Path) -> Resultaat:
    """Read and check a CBS list. It must be UTF-8 (with or without BOM) or UTF-16 with a BOM: any
    other byte is refused naming its position and row, so no garbled name is ever imported."""
    path = Path(path)
    try:
        raw = files.read_path(path, "gemeenten")
        text = files.decode_text(raw, path.name)
    except InvalidInput as exc:
        result = Resultaat(bestand=path.name)
        for berichten in exc.fields.values():
            for bericht in berichten:
                result.fout(None, None, bericht.removeprefix(f"{path.name}: "))
        return result
    return read_text(text, bestand=path.name)


def read_text(text: str, *, bestand: str) -> Resultaat:
    """Parse and check CSV text (comma or semicolon separated)."""
    result = Resultaat(bestand=bestand)
    if not text.strip():
        result.fout(None, None, "het bestand is leeg.")
        return result
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        records = files.read_csv(text, bestand, delimiter=delimiter)
    except InvalidInput as exc:
        for berichten in exc.fields.values():
            for bericht in berichten:
                result.fout(None, None, bericht.removeprefix(f"{bestand}: "))
        return result
    header = [h.strip().lower() for h in records[0][1]]

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
    for rij, values in records[1:]:
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            result.fout(rij, None, f"verwacht {len(header)} kolommen, gevonden {len(values)}.")
            continue

        def waarde(sleutel: str, values: list[str] = values) -> str:
            return values[positie[sleutel]].strip() if sleutel in positie else ""

        fouten_voor = result.aantal
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
        if result.aantal == fouten_voor:
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

    if not result.rijen and not result.aantal:
        result.fout(None, None, "het bestand bevat geen gemeenten.")
    # opgegaan_in must point at a municipality that exists after the import (checked against the file here;
    # the service also accepts codes already in the database).
    return result
