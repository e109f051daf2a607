"""Smoke tests of the ``seta`` command line, run as a user runs it: subprocesses on a fresh SQLite file.

Nothing here touches the test database: every command gets ``DATABASE_URL`` pointing at a file in a
temporary directory (and ``SETA_VAR_DIR`` there too).
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from shared_demo import demo_database

# Runs the command line in subprocesses on its own SQLite file: the database under test is not used.
pytestmark = pytest.mark.cli

REPO = Path(__file__).resolve().parents[1]
REFERENCE_LIST = REPO / "src" / "seta" / "gemeenten" / "data" / "gemeenten-2021.csv"
TOKEN = re.compile(r"^seta_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$")


def seta_executable() -> str:
    for candidate in (Path(sys.executable).parent / "seta", REPO / ".venv" / "bin" / "seta"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which("seta")
    assert found, "the 'seta' command is not installed; run 'make install'"
    return found


class Seta:
    """Runs ``seta …`` against one SQLite file."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.env = dict(os.environ)
        self.env.update(
            {
                "DATABASE_URL": f"sqlite:///{tmp / 'seta.sqlite3'}",
                "SETA_VAR_DIR": str(tmp),
                "PYTHONUNBUFFERED": "1",
            }
        )
        self.env.pop("SETA_DEMO", None)

    def run(self, *args: str, timeout: float = 1800) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [seta_executable(), *args],
            env=self.env,
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def python(self, code: str) -> str:
        """Run Python with Django set up against this database (for checking what a command wrote)."""
        result = self.run("shell", "-c", code, timeout=120)
        assert result.returncode == 0, result.stderr
        return result.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def seta(tmp_path_factory: pytest.TempPathFactory) -> Seta:
    return Seta(tmp_path_factory.mktemp("cli"))


@pytest.fixture(scope="module")
def demo_db(seta: Seta, tmp_path_factory: pytest.TempPathFactory) -> Seta:
    """A database prepared by ``seta demo --no-serve`` (once per run, shared with the browser tests)."""
    built, output = demo_database(tmp_path_factory)  # the run's one build of the demo (tests/shared_demo.py)
    shutil.copyfile(built, seta.tmp / "seta.sqlite3")
    assert "Demo klaar" in output
    assert "wachtwoord 'demo'" in output  # the logins are printed
    return seta


def test_help_lists_the_seta_commands() -> None:
    result = subprocess.run([seta_executable(), "--help"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    for command in ("demo", "serve", "token", "import_gemeenten", "migrate"):
        assert re.search(rf"^\s+{command}$", result.stdout, re.MULTILINE), (
            f"'{command}' missing from seta --help"
        )


def test_demo_is_idempotent(demo_db: Seta) -> None:
    count = demo_db.python(
        "from seta.samenwerkingsverbanden.models import Samenwerkingsverband as S; print(S.objects.count())"
    )
    second = demo_db.run("demo", "--no-serve")
    assert second.returncode == 0, second.stderr
    assert "staat al in de database" in second.stdout
    assert "Demo klaar" not in second.stdout
    again = demo_db.python(
        "from seta.samenwerkingsverbanden.models import Samenwerkingsverband as S; print(S.objects.count())"
    )
    assert count == again == "3"


def test_demo_users_have_the_demo_password(demo_db: Seta) -> None:
    out = demo_db.python(
        "from django.contrib.auth import authenticate; "
        "print(all(authenticate(username=u, password='demo') is not None for u in "
        "['wethouder.blaricum', 'raadslid.laren', 'directeur.bel', 'beheerder']))"
    )
    assert out == "True"


def test_check_urenoverzicht_finds_the_demo_equal_and_refuses_bad_input(demo_db: Seta) -> None:
    result = demo_db.run("check-urenoverzicht", "--samenwerkingsverband", "bel", "--jaar", "2025")
    assert result.returncode == 0, result.stderr
    assert "Het urenoverzicht is gelijk aan de urenregels van goedgekeurde weken in 2025." in result.stdout
    bad = demo_db.run("check-urenoverzicht", "--samenwerkingsverband", "bestaat-niet")
    assert bad.returncode == 2
    assert "Fout: --samenwerkingsverband: 'bestaat-niet' bestaat niet." in bad.stderr
    assert bad.stdout == ""


def test_token_prints_a_new_token_once_and_stores_only_its_hash(demo_db: Seta) -> None:
    first = demo_db.run("token", "beheerder")
    assert first.returncode == 0, first.stderr
    key = first.stdout.strip()
    assert TOKEN.match(key), f"not a token: {key!r}"
    stored = demo_db.python(
        "from seta.autorisaties.models import ApiToken as T; t = T.objects.get(gebruiker__username='beheerder'); "
        "print(t.prefix, t.sleutel_hash)"
    )
    assert key not in stored and stored.split()[0] == key[:13]
    second = demo_db.run("token", "beheerder")  # a stored token cannot be shown again: a new one
    assert TOKEN.match(second.stdout.strip()) and second.stdout.strip() != key
    assert "werkt niet meer" in second.stderr


def test_token_for_unknown_user_fails_clearly(demo_db: Seta) -> None:
    result = demo_db.run("token", "bestaat.niet")
    assert result.returncode != 0
    assert "bestaat.niet" in result.stderr and "bestaat niet" in result.stderr


def _reference_rows() -> tuple[list[str], list[dict[str, str]]]:
    with REFERENCE_LIST.open(newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return path


def _population(seta: Seta, slug: str) -> str:
    return seta.python(
        f"from seta.gemeenten.models import Gemeente; print(Gemeente.objects.get(slug='{slug}').inwoners)"
    )


def test_import_gemeenten_bad_file_changes_nothing(demo_db: Seta) -> None:
    header, rows = _reference_rows()
    before = _population(demo_db, "blaricum")
    for row in rows:
        if row["name"] == "Blaricum":
            row["population"] = str(int(row["population"]) + 100)  # a good change …
        if row["name"] == "Laren":
            row["population"] = "veel"  # … and a bad one
    rows.append({**rows[0], "cbs_code": "XX12", "name": "Nergenshuizen"})
    bad = _write(demo_db.tmp / "gemeenten-fout.csv", header, rows)
    result = demo_db.run("import-gemeenten", str(bad), "--peildatum", "2023-01-01", timeout=300)
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    laren_row = next(i for i, r in enumerate(rows) if r["name"] == "Laren") + 2  # header is row 1
    assert f"gemeenten-fout.csv, rij {laren_row}, veld population" in result.stderr
    assert "veel" in result.stderr
    assert "cbs_code" in result.stderr and "XX12" in result.stderr
    assert "niets gewijzigd" in result.stderr
    assert _population(demo_db, "blaricum") == before  # all or nothing


def test_import_gemeenten_good_file(demo_db: Seta) -> None:
    header, rows = _reference_rows()
    blaricum = next(r for r in rows if r["name"] == "Blaricum")
    blaricum["population"] = str(int(blaricum["population"]) + 250)
    good = _write(demo_db.tmp / "gemeenten-2023.csv", header, rows)
    result = demo_db.run("import-gemeenten", str(good), "--peildatum", "2023-01-01", timeout=300)
    assert result.returncode == 0, result.stderr
    # A new reference date and source: every municipality gets the new figure, none is added or dissolved.
    assert "gemeenten-2023.csv: 0 toegevoegd, 352 bijgewerkt, 0 opgeheven" in result.stdout
    assert _population(demo_db, "blaricum") == blaricum["population"]
    # The references of existing records survive: BEL still has its three partners.
    partners = demo_db.python(
        "from seta.samenwerkingsverbanden.models import Deelnemer; "
        "print(sorted(Deelnemer.objects.filter(samenwerkingsverband__slug='bel').values_list('gemeente__slug', flat=True)))"
    )
    assert partners == "['blaricum', 'eemnes', 'laren']"


def test_import_gemeenten_missing_file(demo_db: Seta) -> None:
    result = demo_db.run("import-gemeenten", str(demo_db.tmp / "bestaat-niet.csv"), timeout=300)
    assert result.returncode == 2
    assert "bestaat-niet.csv" in result.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(demo_db: Seta) -> Iterator[str]:
    port = _free_port()
    log = (demo_db.tmp / "serve.log").open("w")
    proc = subprocess.Popen(
        [seta_executable(), "serve", "--port", str(port)],
        env={**demo_db.env, "SETA_DEMO": "1"},  # the demo may serve on the development secret key
        cwd=REPO,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, (demo_db.tmp / "serve.log").read_text()
            try:
                urllib.request.urlopen(f"{url}/inloggen", timeout=5).close()
                break
            except (urllib.error.URLError, OSError):
                assert time.monotonic() < deadline, "seta serve did not answer within 60 s"
                time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, Any, Any]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def test_serve_answers_and_a_printed_token_works(demo_db: Seta, server: str) -> None:
    status, headers, body = _get(f"{server}/inloggen")
    assert status == 200
    assert "Inloggen" in body.decode()
    assert (
        headers.get("Server", "").startswith("SETA")
        or "waitress" in headers.get("Server", "").lower()
        or status == 200
    )

    key = demo_db.run("token", "raadslid.laren").stdout.strip()
    status, headers, body = _get(f"{server}/api/v1/gemeenten", {"Authorization": f"Token {key}"})
    assert status == 200, body[:500]
    assert headers.get("API-Version")
    assert json.loads(body)["count"] >= 352

    status, headers, body = _get(
        f"{server}/api/v1/gemeenten", {"Authorization": "Token 0000000000000000000000000000000000000000"}
    )
    assert status == 401
    assert headers.get("Content-Type") == "application/problem+json"
