"""The demo built by ``seta demo --no-serve`` into a SQLite file ONCE per test run, for the tests that run ``seta``
in subprocesses (the browser tests' server, the command-line tests).

The xdist workers share it: the first one that asks builds it under a lock, the others wait; each caller copies
the file (its tests write to their copy). The build's output is kept beside it, so the command-line test can still
check what ``seta demo`` printed.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DEMO_TIMEOUT = 1800  # seconds: the full demo (all apps) into a fresh SQLite file


def seta_executable() -> str:
    """The ``seta`` command of the environment running the tests (normally .venv/bin/seta)."""
    for candidate in (Path(sys.executable).parent / "seta", REPO / ".venv" / "bin" / "seta"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which("seta")
    if found is None:
        pytest.fail("The 'seta' command was not found; run 'make install' first.")
    return found


def _shared_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    basetemp = tmp_path_factory.getbasetemp()
    # with xdist each worker's basetemp is a directory inside the run's; without it, basetemp is the run's own
    return basetemp.parent if os.environ.get("PYTEST_XDIST_WORKER") else basetemp


def demo_database(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The built demo database file (copy it before use) and what ``seta demo --no-serve`` printed."""
    shared = _shared_dir(tmp_path_factory)
    built, output = shared / "demo.sqlite3", shared / "demo.out"
    with (shared / "demo.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not built.exists():
                work = shared / "demo-build"
                work.mkdir(exist_ok=True)
                env = dict(os.environ)
                env.update(
                    {
                        "DATABASE_URL": f"sqlite:///{work / 'seta.sqlite3'}",
                        "SETA_VAR_DIR": str(work),
                        "SETA_DEMO": "1",
                        "PYTHONUNBUFFERED": "1",
                    }
                )
                demo = subprocess.run(
                    [seta_executable(), "demo", "--no-serve"],
                    env=env,
                    cwd=REPO,
                    capture_output=True,
                    text=True,
                    timeout=DEMO_TIMEOUT,
                )
                if demo.returncode != 0:
                    pytest.fail(
                        f"'seta demo --no-serve' failed ({demo.returncode}):\n{demo.stdout[-3000:]}\n"
                        f"{demo.stderr[-5000:]}"
                    )
                output.write_text(demo.stdout)
                (work / "seta.sqlite3").rename(built)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return built, output.read_text()
