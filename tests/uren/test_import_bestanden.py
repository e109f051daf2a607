"""Hours files that are not tables: each a Dutch refusal naming file, row and column (never a 500).

UTF-16 with a BOM is read (Excel's "Unicode-tekst"); UTF-16 without BOM, binary files, NUL bytes,
over-long fields, broken or oversized XLSX files (zip bombs) and files over the size limit are
refused; a header-only file is refused instead of recorded as an empty import.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from openpyxl import Workbook

from seta.core.errors import InvalidInput
from seta.samenwerkingsverbanden.models import Samenwerkingsverband
from seta.uren import importeren
from seta.uren.models import Urenimport, Urenregel

pytestmark = pytest.mark.django_db

KOP = "medewerker;datum;uren;code;gemeente;omschrijving"


@pytest.fixture
def bel(db: Any) -> Samenwerkingsverband:
    return Samenwerkingsverband.objects.get(slug="bel")


def _tekst(mw: Any, *regels: str) -> str:
    return "\r\n".join([KOP, *[r.format(nr=mw.personeelsnummer) for r in regels]]) + "\r\n"


def _upload(api_as: Any, naam: str, inhoud: bytes, user: str = "controller.bel") -> Any:
    return api_as(user).post(
        "/api/v1/urenimports",
        {"samenwerkingsverband": "bel", "bestand": SimpleUploadedFile(naam, inhoud)},
        format="multipart",
    )


def _berichten(response: Any) -> str:
    assert response.status_code == 400, (response.status_code, response.content)
    assert response["Content-Type"].startswith("application/problem+json")
    return response.content.decode()


def test_utf8_with_and_without_bom_and_utf16_with_bom_are_read(api_as: Any, mw: Any) -> None:
    voor = Urenregel.objects.count()
    tekst = _tekst(mw, "{nr};14-09-2026;1;overhead;;Één")
    for naam, inhoud in [
        ("zonder-bom.csv", tekst.encode("utf-8")),
        ("met-bom.csv", tekst.replace(";1;", ";2;").encode("utf-8-sig")),
        ("unicode.csv", tekst.replace(";1;", ";3;").encode("utf-16")),  # Excel's "Unicode-tekst"
        ("unicode-be.csv", tekst.replace(";1;", ";4;").encode("utf-16-be").join([b"\xfe\xff", b""])),
    ]:
        r = _upload(api_as, naam, inhoud)
        assert r.status_code == 201, (naam, r.content)
        assert r.json()["nieuw"] == 1
    regels = Urenregel.objects.filter(medewerker=mw, datum="2026-09-14")
    assert Urenregel.objects.count() == voor + 4
    assert {r.omschrijving for r in regels} == {"Één"}


@pytest.mark.parametrize(
    ("naam", "inhoud", "verwacht"),
    [
        # UTF-16 without a BOM: every other byte is NUL
        ("utf16.csv", KOP.encode("utf-16-le"), "rij 1 bevat een NUL-byte (byte 2)"),
        ("binair.csv", bytes(range(256)) * 8, "rij 1 bevat een NUL-byte (byte 1)"),
        (
            "nul.csv",
            (KOP + "\r\nBEL-1;14-09-2026;1;overhead;;a\x00b\r\n").encode(),
            "rij 2 bevat een NUL-byte",
        ),
        # no NUL, but control characters and bytes Windows-1252 does not have
        (
            "stuur.csv",
            (KOP + "\r\nBEL-1;14-09-2026;1;\x01\x02;;\r\n").encode(),
            "rij 2 bevat het stuurteken U+0001",
        ),
        (
            "cp.csv",
            (KOP + "\r\nBEL-1;14-09-2026;1;\x81\x8d;;\r\n").encode("latin-1"),
            "byte 70 (0x81, rij 2)",
        ),
        (
            "lang.csv",
            (KOP + "\r\nBEL-1;14-09-2026;1;overhead;;" + "x" * 200_000 + "\r\n").encode(),
            "rij 2, kolom omschrijving: de waarde is 200000 tekens lang",
        ),
        (
            "quote.csv",
            (KOP + '\r\nBEL-1;14-09-2026;1;overhead;;"' + "y" * 140_000).encode(),
            "rij 2, kolom omschrijving: de waarde is 140000 tekens lang",
        ),
    ],
)
def test_files_that_are_not_text_tables_are_refused_by_the_api(
    api_as: Any, naam: str, inhoud: bytes, verwacht: str
) -> None:
    voor = (Urenregel.objects.count(), Urenimport.objects.count())
    tekst = _berichten(_upload(api_as, naam, inhoud))
    assert f"{naam}" in tekst and verwacht in tekst, tekst
    if "NUL" in verwacht or "stuurteken" in verwacht or "byte" in verwacht:
        assert "sla het bestand op als UTF-8" in tekst
    assert (Urenregel.objects.count(), Urenimport.objects.count()) == voor


def test_header_only_file_is_refused_not_recorded(actor_named: Any, bel: Any, api_as: Any) -> None:
    with pytest.raises(InvalidInput) as exc:
        importeren.import_file(
            actor=actor_named("controller.bel"),
            samenwerkingsverband=bel,
            bestandsnaam="kop.csv",
            inhoud=(KOP + "\r\n;;;;;\r\n").encode(),
        )
    assert exc.value.fields == {"bestand": ["kop.csv: het bestand bevat geen regels, alleen een kopregel."]}
    assert not Urenimport.objects.filter(bestandsnaam="kop.csv").exists()
    assert "bevat geen regels" in _berichten(_upload(api_as, "kop2.csv", (KOP + "\n").encode()))
    assert not Urenimport.objects.filter(bestandsnaam="kop2.csv").exists()


def _xlsx_bomb(sheet_bytes: int) -> bytes:
    """A valid XLSX whose first sheet has one cell and then ``sheet_bytes`` of repeated padding XML."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["medewerker", "datum", "uren", "code"])
    buffer = io.BytesIO()
    wb.save(buffer)
    bron = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as doel:
        for info in bron.infolist():
            data = bron.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                padding = b"<!-- " + b"a" * sheet_bytes + b" -->"
                data = data.replace(b"<sheetData>", padding + b"<sheetData>")
            doel.writestr(info.filename, data)
    return out.getvalue()


def test_xlsx_zip_bomb_is_refused_before_openpyxl_reads_it(api_as: Any, actor_named: Any, bel: Any) -> None:
    bom = _xlsx_bomb(20 * 1024 * 1024)  # 20 MB of sheet XML in a file of a few tens of kB
    assert len(bom) < 200 * 1024
    with override_settings(SETA_XLSX_MAX_UNPACKED_BYTES=5 * 1024 * 1024):
        tekst = _berichten(_upload(api_as, "bom.xlsx", bom))
    assert "bom.xlsx: uitgepakt zou dit Excel-bestand 20,0 MB zijn; de grens is 5,0 MB" in tekst
    # under the total limit, the ratio of the one member still gives it away
    with (
        override_settings(SETA_XLSX_MAX_UNPACKED_BYTES=100 * 1024 * 1024),
        pytest.raises(InvalidInput) as exc,
    ):
        importeren.import_file(
            actor=actor_named("controller.bel"),
            samenwerkingsverband=bel,
            bestandsnaam="bom.xlsx",
            inhoud=bom,
        )
    assert "onderdeel xl/worksheets/sheet1.xml van dit Excel-bestand pakt uit" in str(exc.value)
    assert not Urenimport.objects.filter(bestandsnaam="bom.xlsx").exists()


def test_broken_xlsx_is_refused(api_as: Any) -> None:
    assert "geen leesbaar Excel-bestand" in _berichten(_upload(api_as, "kapot.xlsx", b"PK\x03\x04 kapot"))
    # a zip that is not a workbook
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("iets.txt", "hallo")
    assert "geen leesbaar Excel-bestand" in _berichten(_upload(api_as, "zip.xlsx", out.getvalue()))


def test_xlsx_with_an_over_long_cell_is_refused_naming_row_and_column(api_as: Any, mw: Any) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["medewerker", "datum", "uren", "code", "gemeente", "omschrijving"])
    ws.append([mw.personeelsnummer, "14-09-2026", 1, "overhead", "", "z" * 5000])
    buffer = io.BytesIO()
    wb.save(buffer)
    tekst = _berichten(_upload(api_as, "lang.xlsx", buffer.getvalue()))
    assert "lang.xlsx: rij 2, kolom omschrijving: de waarde is 5000 tekens lang" in tekst


@override_settings(SETA_IMPORT_MAX_BYTES={"uren": 1000})
def test_size_limit_per_kind_names_the_limit(api_as: Any, client: Any, user_named: Any, mw: Any) -> None:
    groot = _tekst(mw, *["{nr};14-09-2026;0,01;overhead;;" + "x" * 50] * 30).encode()
    assert len(groot) > 1000
    tekst = _berichten(_upload(api_as, "groot.csv", groot))
    assert "groot.csv: het bestand is 3 kB; voor een urenbestand is de grens 1000 bytes" in tekst
    assert "SETA_IMPORT_MAX_BYTES['uren']" in tekst
    # the web form says the same, next to the field
    client.force_login(user_named("controller.bel"))
    bel = Samenwerkingsverband.objects.get(slug="bel")
    r = client.post(
        "/uren/importeren",
        {"samenwerkingsverband": bel.pk, "bestand": SimpleUploadedFile("groot.csv", groot)},
    )
    assert r.status_code in (200, 400)
    assert "voor een urenbestand is de grens 1000 bytes" in r.content.decode()
    assert not Urenimport.objects.filter(bestandsnaam="groot.csv").exists()


def test_web_upload_of_a_binary_file_is_a_message_not_a_500(client: Any, user_named: Any) -> None:
    client.force_login(user_named("controller.bel"))
    bel = Samenwerkingsverband.objects.get(slug="bel")
    r = client.post(
        "/uren/importeren",
        {"samenwerkingsverband": bel.pk, "bestand": SimpleUploadedFile("binair.csv", bytes(range(256)))},
    )
    assert r.status_code in (200, 400)
    assert "binair.csv: rij 1 bevat een NUL-byte" in r.content.decode()
