"""Helpers of the case-data tests: files built in memory, the BEL cooperation of the demo."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.core.files.base import ContentFile

from seta.dienstverlening.models import Zaak
from seta.samenwerkingsverbanden.models import Samenwerkingsverband

KOP = [
    "identificatie",
    "zaaktype",
    "gemeente",
    "ontvangen",
    "besloten",
    "opgeschorte_dagen",
    "uiterste_datum",
    "resultaat",
    "tevredenheid",
]


def bel() -> Samenwerkingsverband:
    return Samenwerkingsverband.objects.get(slug="bel")


def csv_bytes(
    rijen: list[list[Any]], *, kop: list[str] = KOP, delimiter: str = ";", encoding: str = "utf-8"
) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(kop)
    writer.writerows(rijen)
    return out.getvalue().encode(encoding)


def bestand(naam: str, rijen: list[list[Any]], **kwargs: Any) -> ContentFile[bytes]:
    return ContentFile(csv_bytes(rijen, **kwargs), name=naam)


def xlsx_bestand(naam: str, rijen: list[list[Any]], *, kop: list[str] = KOP) -> ContentFile[bytes]:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(kop)
    for rij in rijen:
        ws.append(rij)
    out = io.BytesIO()
    wb.save(out)
    return ContentFile(out.getvalue(), name=naam)


def rijen_van(qs: Any) -> list[tuple[Any, ...]]:
    """The cases as comparable tuples (everything the import writes except ids and the import)."""
    return sorted(
        (
            z.samenwerkingsverband_id,
            z.identificatie,
            z.zaaktype,
            z.catalogusitem_id,
            z.gemeente_id,
            z.ontvangen_op,
            z.besloten_op,
            z.opgeschorte_dagen,
            z.uiterste_datum,
            z.resultaat,
            z.tevredenheid,
        )
        for z in qs
    )


def zaken_2024(sv: Samenwerkingsverband) -> Any:
    return Zaak.objects.filter(samenwerkingsverband=sv, ontvangen_op__year=2024)
