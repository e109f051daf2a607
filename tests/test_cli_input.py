"""Bad input files on the command line: a Dutch message on stderr and exit code 2, never a traceback.

UTF-16, binary, NUL-byte, over-long and deeply nested files for ``seta allocate``, ``seta scan``,
``seta import-gemeenten``, ``seta import-uren`` and ``seta scan-casussen --laad``; plus the one safety
net in ``seta.config.cli`` for whatever input error a command does not name itself.

Run in-process through ``seta.config.cli.main`` (the entry point of the ``seta`` script); the commands
that write do so inside the test's transaction.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.db import connections
from django.test import override_settings

from seta.config import cli
from seta.gemeenten.models import Gemeente
from seta.scan.models import Casus
from seta.uren.models import Urenimport

DIEP_JSON = "[" * 100_000 + "]" * 100_000
DIEP_YAML = "[" * 50_000 + "]" * 50_000
GEMEENTEN_KOP = "cbs_code,name,province,province_code,population\n"


@pytest.fixture(autouse=True)
def _keep_the_test_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    # Django closes every connection after a command; in-process that would end the test's transaction.
    monkeypatch.setattr(connections, "close_all", lambda: None)


def seta(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        cli.main(["seta", *args])
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in err, err
    return code, out, err


def write(tmp_path: Path, name: str, content: bytes | str) -> str:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return str(path)


@pytest.mark.parametrize(
    ("naam", "inhoud", "verwacht"),
    [
        ("u16.json", '{"jaar": 2024}'.encode("utf-16"), "geen UTF-8-tekst (byte 1); sla het op als UTF-8"),
        ("binair.json", bytes(range(256)), "geen UTF-8-tekst (byte 129)"),
        ("diep.json", DIEP_JSON, "te diep genest"),
    ],
)
def test_allocate(capsys: Any, tmp_path: Path, naam: str, inhoud: Any, verwacht: str) -> None:
    code, out, err = seta(capsys, "allocate", write(tmp_path, naam, inhoud))
    assert code == 2 and out == ""
    assert verwacht in err, err


@pytest.mark.parametrize(
    ("naam", "inhoud", "verwacht"),
    [
        ("u16.yaml", "naam: x\n".encode("utf-16"), "geen UTF-8-tekst: byte 1 (0xFF, regel 1)"),
        ("binair.yaml", bytes(range(1, 256)), "geen UTF-8-tekst: byte 128 (0x80, regel 2)"),
        ("nul.yaml", b"naam: x\x00\n", "regel 1 bevat een NUL-teken"),
        ("diep.yaml", DIEP_YAML, "te diep genest"),
        ("diep.json", DIEP_JSON, "te diep genest"),
        (
            "bom.yaml",
            b"a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + b"".join(
                b"%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n"
                % ((ord("b") + i, ord("b") + i) + (ord("a") + i,) * 10)
                for i in range(8)
            ),
            "meer dan 200000 waarden",
        ),
    ],
)
def test_scan(capsys: Any, tmp_path: Path, naam: str, inhoud: Any, verwacht: str) -> None:
    code, _, err = seta(capsys, "scan", write(tmp_path, naam, inhoud))
    assert code == 2
    assert verwacht in err, err


def test_scan_size_limit(capsys: Any, tmp_path: Path) -> None:
    with override_settings(SETA_IMPORT_MAX_BYTES={"scan": 100}):
        code, _, err = seta(capsys, "scan", write(tmp_path, "groot.yaml", "naam: " + "x" * 200 + "\n"))
    assert code == 2 and "de grens is 100 bytes" in err, err


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("inhoud", "verwacht"),
    [
        (
            (GEMEENTEN_KOP + "GM9999,Súdwest-Fryslân,Fryslân,PV21,90000\n").encode("cp1252"),
            "het bestand is geen UTF-8-tekst: byte 57 (0xFA, rij 2)",
        ),
        ((GEMEENTEN_KOP + "GM9999,Sudwest,Fryslan,PV21,90000\n").encode("utf-16-le"), "bevat een NUL-byte"),
        (bytes(range(256)), "rij 1 bevat een NUL-byte (byte 1)"),
        ((GEMEENTEN_KOP + "GM9999,Sud\x00west,Fryslan,PV21,90000\n").encode(), "rij 2 bevat een NUL-byte"),
        (
            (GEMEENTEN_KOP + "GM9999," + "x" * 200_000 + ",Fryslan,PV21,90000\n").encode(),
            "rij 2, kolom name: de waarde is 200000 tekens lang",
        ),
    ],
)
def test_import_gemeenten_refuses_what_is_not_utf8_text(
    capsys: Any, tmp_path: Path, inhoud: bytes, verwacht: str
) -> None:
    voor = list(Gemeente.objects.order_by("pk").values_list("naam", "inwoners", "opgeheven_op"))
    code, _, err = seta(capsys, "import-gemeenten", write(tmp_path, "gemeenten.csv", inhoud))
    assert code == 2
    assert f"gemeenten.csv: {verwacht}" in err or verwacht in err, err
    assert "niets gewijzigd" in err
    assert list(Gemeente.objects.order_by("pk").values_list("naam", "inwoners", "opgeheven_op")) == voor
    assert not Gemeente.objects.filter(cbs_code="GM9999").exists()


@pytest.mark.django_db
def test_import_gemeenten_reads_utf16_with_bom(capsys: Any, tmp_path: Path) -> None:
    from seta.gemeenten import services

    tekst = services.REFERENTIELIJST.read_text(encoding="utf-8").replace(
        ",Súdwest-Fryslân,", ",Súdwest Fryslân,"
    )
    code, _, err = seta(
        capsys,
        "import-gemeenten",
        write(tmp_path, "g16.csv", tekst.encode("utf-16")),
        "--peildatum",
        dt.date.today().isoformat(),
    )
    assert code == 0, err
    assert Gemeente.objects.get(cbs_code="GM1900").naam == "Súdwest Fryslân"


@pytest.mark.django_db
def test_import_uren_command(capsys: Any, tmp_path: Path) -> None:
    code, _, err = seta(
        capsys,
        "import-uren",
        write(tmp_path, "uren.csv", "medewerker;datum\n".encode("utf-16-le")),
        "-s",
        "bel",
    )
    assert code == 2 and "uren.csv: rij 1 bevat een NUL-byte (byte 2)" in err, err
    code, _, err = seta(
        capsys, "import-uren", write(tmp_path, "kop.csv", "medewerker;datum;uren;code\n"), "-s", "bel"
    )
    assert code == 2 and "bevat geen regels" in err, err
    assert not Urenimport.objects.filter(bestandsnaam="kop.csv").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("inhoud", "verwacht"),
    [
        ("casussen:\n  - id: x\n".encode("utf-16"), "geen UTF-8-tekst: byte 1"),
        (bytes(range(1, 256)), "geen UTF-8-tekst"),
        (DIEP_YAML, "te diep genest"),
        ("[1, 2]\n", "verwacht 'casussen:' met een lijst"),
        ("casussen:\n  - 5\n", "verwacht 'casussen:' met een lijst"),
        ("casussen:\n  - naam: zonder id\n", "casus nummer 1 heeft geen tekst als 'id'"),
    ],
)
def test_scan_casussen(capsys: Any, tmp_path: Path, inhoud: Any, verwacht: str) -> None:
    voor = Casus.objects.count()
    code, _, err = seta(
        capsys, "scan-casussen", "--laad", "--bestand", write(tmp_path, "casussen.yaml", inhoud)
    )
    assert code == 2
    assert verwacht in err, err
    assert Casus.objects.count() == voor


def test_the_safety_net_names_an_input_error_no_command_caught(capsys: Any) -> None:
    code, _, err = seta(capsys, "shell", "-c", "b'abc\\xff'.decode('utf-8')")
    assert code == 2
    assert err.strip() == "Fout: het invoerbestand is geen UTF-8-tekst (byte 4); sla het op als UTF-8."
    code, _, err = seta(capsys, "shell", "-c", "def f(): f()\nf()")
    assert code == 2 and "te diep genest" in err
    # --traceback still shows the traceback to whoever asks for it
    with pytest.raises(RecursionError):
        cli.main(["seta", "shell", "--traceback", "-c", "def f(): f()\nf()"])


@pytest.mark.cli
def test_the_installed_command_prints_no_traceback(tmp_path: Path) -> None:
    seta_bin = Path(sys.executable).parent / "seta"
    diep = write(tmp_path, "diep.json", DIEP_JSON)
    for args in (["allocate", diep], ["scan", diep]):
        result = subprocess.run([str(seta_bin), *args], capture_output=True, text=True, timeout=120)
        assert result.returncode == 2, result
        assert "Traceback" not in result.stderr and "te diep genest" in result.stderr


def test_a_deep_answer_document_through_the_core_is_refused() -> None:
    """The API hands parsed JSON to the same core (``parse_answers``): the limit holds there too."""
    from seta.scan.scoring import ScanInputError, parse_answers

    diep: Any = "ja"
    for _ in range(200):
        diep = {"x": diep}
    with pytest.raises(ScanInputError, match="te diep genest"):
        parse_answers({"partners": [], "antwoorden": diep})
