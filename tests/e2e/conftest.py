"""Browser tests: Playwright (Python) driving Debian's Chromium against a real ``seta serve``.

The fixtures do not use pytest-django's ``live_server`` (it flushes the database the other tests
share). Instead, once per test run, ``seta demo --no-serve`` fills a fresh SQLite file (shared by the
xdist workers, ``tests/shared_demo.py``), and once per package each worker copies it and ``seta serve`` serves
the copy on a free port as a subprocess. Playwright's sync API keeps an
event loop running while it is open, so the browser is opened and closed within this package only;
the database tests that run afterwards never see it.

Chromium must be at /usr/bin/chromium (``make test`` installs it). A missing browser fails the tests
with a clear message; set ``SETA_SKIP_BROWSER=1`` to skip them instead. Playwright never downloads
a browser here (``playwright install`` is not used).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from shared_demo import demo_database

from .helpers import ARTIFACTS, AXE, CHROMIUM, REPO, log_in

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_TIMEOUT = 60


def seta_executable() -> str:
    """The ``seta`` command of the environment running the tests (normally .venv/bin/seta)."""
    for candidate in (Path(sys.executable).parent / "seta", REPO / ".venv" / "bin" / "seta"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which("seta")
    if found is None:
        pytest.fail("The 'seta' command was not found; run 'make install' first.")
    return found


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{tmp / 'e2e.sqlite3'}",
            "SETA_VAR_DIR": str(tmp),
            "SETA_DEMO": "1",
            "SETA_DEBUG": "0",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def wait_until_up(url: str, proc: subprocess.Popen[Any], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"seta serve exited with code {proc.returncode} before answering")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status < 500:
                    return
        except urllib.error.HTTPError as exc:
            if exc.code < 500:
                return
            last_error = exc
        except (urllib.error.URLError, OSError) as exc:
            last_error = exc
        time.sleep(0.3)
    raise RuntimeError(f"seta serve did not answer on {url} within {timeout}s: {last_error}")


@pytest.fixture(scope="package")
def chromium_path() -> Path:
    if os.environ.get("SETA_SKIP_BROWSER") == "1":
        pytest.skip("SETA_SKIP_BROWSER=1: browser tests skipped")
    if not (CHROMIUM.exists() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            "Chromium is missing at /usr/bin/chromium, so the browser tests cannot run. "
            "Install it with 'sudo apt-get install chromium' (or run 'make test' as root), "
            "or set SETA_SKIP_BROWSER=1 to skip the browser tests."
        )
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}; run 'npm ci' (or 'make install') in the repository root.")
    return CHROMIUM


@pytest.fixture(scope="package")
def base_url(chromium_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A running ``seta serve`` on a fresh demo database; yields its base URL."""
    tmp = tmp_path_factory.mktemp("e2e")
    env = server_env(tmp)
    seta = seta_executable()
    shutil.copyfile(demo_database(tmp_path_factory)[0], tmp / "e2e.sqlite3")
    port = free_port()
    log = (tmp / "serve.log").open("w")
    proc = subprocess.Popen(
        [seta, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        cwd=REPO,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_until_up(f"{url}/inloggen", proc, SERVER_START_TIMEOUT)
        except RuntimeError as exc:
            log.flush()
            pytest.fail(f"{exc}\n{(tmp / 'serve.log').read_text()[-5000:]}")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)
        log.close()


@pytest.fixture(scope="package")
def browser(chromium_path: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(chromium_path), headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture
def page(browser: Any, base_url: str, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh browser context and page per test; a screenshot in test-artifacts/ when the test fails."""
    context = browser.new_context(base_url=base_url, locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    pg = context.new_page()
    # The Content-Security-Policy forbids inline scripts and styles: any violation is a failure.
    csp_violations: list[str] = []
    pg.on(
        "console",
        lambda msg: (
            csp_violations.append(f"{pg.url}: {msg.text}") if "Content Security Policy" in msg.text else None
        ),
    )
    try:
        yield pg
        assert not csp_violations, "CSP violations:\n" + "\n".join(csp_violations)
    finally:
        rep = getattr(request.node, "rep_call", None)
        if rep is not None and rep.failed:
            ARTIFACTS.mkdir(exist_ok=True)
            name = "".join(c if c.isalnum() or c in "-_." else "_" for c in request.node.nodeid)
            try:
                pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
                (ARTIFACTS / f"{name}.html").write_text(pg.content())
            except Exception as exc:  # a screenshot must never hide the real failure
                print(f"screenshot failed: {exc}")
        context.close()


@pytest.fixture
def login(page: Any) -> Callable[[str], Any]:
    def do(username: str) -> Any:
        return log_in(page, username)

    return do
