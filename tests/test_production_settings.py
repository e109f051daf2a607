"""Production settings (issue 8, hardening), checked as an operator starts SETA: subprocesses with the
environment of a deployment.

- ``SETA_DEBUG=0`` with the built-in development secret key does not start at all;
- without ``SETA_DEBUG`` and without a key, ``seta serve`` refuses to start (the demo may);
- with a real key, ``seta check --deploy`` is clean: HSTS, secure cookies, HTTPS redirect, and the proxy
  header only when configured.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.cli

REPO = Path(__file__).resolve().parents[1]


def seta_executable() -> str:
    for candidate in (Path(sys.executable).parent / "seta", REPO / ".venv" / "bin" / "seta"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which("seta")
    assert found, "the 'seta' command is not installed; run 'make install'"
    return found


PRODUCTION = {
    "SETA_DEBUG": "0",
    "SETA_SECRET_KEY": "k3Q9w-Zr7uYb2_hT5nLx8pVc4mJd6sFg1aE0oRiWqXyUzNtBvKlMjHgPf",
    "SETA_ALLOWED_HOSTS": "seta.example.nl",
}


def _run(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("SETA_") and k != "DATABASE_URL"}
    base.update(
        {"DATABASE_URL": f"sqlite:///{tmp_path / 'seta.sqlite3'}", "SETA_VAR_DIR": str(tmp_path), **env}
    )
    return subprocess.run(
        [seta_executable(), *args], env=base, cwd=REPO, capture_output=True, text=True, timeout=300
    )


def _python(tmp_path: Path, code: str, **env: str) -> str:
    result = _run(tmp_path, "shell", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_debug_off_with_the_development_key_refuses_to_start(tmp_path: Path) -> None:
    result = _run(tmp_path, "check", SETA_DEBUG="0")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SETA_SECRET_KEY" in result.stderr and "ontwikkelsleutel" in result.stderr


def test_serve_refuses_the_development_key_outside_the_demo(tmp_path: Path) -> None:
    result = _run(tmp_path, "serve", "--port", "1")
    assert result.returncode != 0
    assert "SETA_SECRET_KEY" in result.stderr and "Traceback" not in result.stderr


def test_the_wsgi_application_refuses_the_development_key(tmp_path: Path) -> None:
    base = {k: v for k, v in os.environ.items() if not k.startswith("SETA_")}
    result = subprocess.run(
        [sys.executable, "-c", "import seta.config.wsgi"],
        env={**base, "SETA_VAR_DIR": str(tmp_path)},
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "SETA_SECRET_KEY" in result.stderr
    ok = subprocess.run(
        [sys.executable, "-c", "import seta.config.wsgi"],
        env={**base, "SETA_VAR_DIR": str(tmp_path), **PRODUCTION},
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert ok.returncode == 0, ok.stderr


def test_check_deploy_is_clean_with_production_settings(tmp_path: Path) -> None:
    result = _run(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_check_deploy_reports_the_development_key(tmp_path: Path) -> None:
    result = _run(tmp_path, "check", "--deploy", SETA_DEMO="1", SETA_DEBUG="0")
    assert result.returncode != 0
    assert "seta.E001" in result.stderr + result.stdout


def test_production_settings_are_https_only(tmp_path: Path) -> None:
    out = _python(
        tmp_path,
        "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "getattr(s, 'SECURE_PROXY_SSL_HEADER', None))",
        **PRODUCTION,
    )
    assert out.splitlines()[-1] == "True True True 31536000 True None"


def test_the_proxy_header_is_trusted_only_when_configured(tmp_path: Path) -> None:
    code = "from django.conf import settings as s; print(s.SECURE_PROXY_SSL_HEADER)"
    out = _python(tmp_path, code, SETA_PROXY_SSL_HEADER="X-Forwarded-Proto", **PRODUCTION)
    assert out.splitlines()[-1] == "('HTTP_X_FORWARDED_PROTO', 'https')"
    out = _python(tmp_path, code, SETA_PROXY_SSL_HEADER="X-Forwarded-Ssl=on", **PRODUCTION)
    assert out.splitlines()[-1] == "('HTTP_X_FORWARDED_SSL', 'on')"


def test_subdomains_in_hsts_can_be_switched_off(tmp_path: Path) -> None:
    out = _python(
        tmp_path,
        "from django.conf import settings as s; print(s.SECURE_HSTS_INCLUDE_SUBDOMAINS)",
        SETA_HSTS_INCLUDE_SUBDOMAINS="0",
        **PRODUCTION,
    )
    assert out.splitlines()[-1] == "False"


def test_the_demo_and_development_stay_on_plain_http(tmp_path: Path) -> None:
    code = "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE)"
    assert _python(tmp_path, code, SETA_DEMO="1", SETA_DEBUG="0").splitlines()[-1] == "False False"
    assert _python(tmp_path, code, SETA_DEBUG="1").splitlines()[-1] == "False False"
