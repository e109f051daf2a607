"""Helpers for the browser tests: visiting a page, logging in, and the axe-core accessibility check."""

from __future__ import annotations

from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO / "test-artifacts"

FAILING_IMPACTS = ("serious", "critical")
_AXE_SOURCE: str | None = None


def axe_source() -> str:
    global _AXE_SOURCE
    if _AXE_SOURCE is None:
        _AXE_SOURCE = AXE.read_text(encoding="utf-8")
    return _AXE_SOURCE


def check_accessibility(page: Any) -> None:
    """Inject axe-core into the current page and fail on any serious or critical violation."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary || ''}))
            }));
        }"""
    )
    bad = [v for v in result if v["impact"] in FAILING_IMPACTS]
    if bad:
        lines = [f"axe-core: {len(bad)} serious/critical violation(s) on {page.url}:"]
        for v in bad:
            lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
            for node in v["nodes"][:10]:
                lines.append(
                    f"    target: {node['target']}  {node['summary'].splitlines()[-1] if node['summary'] else ''}"
                )
        raise AssertionError("\n".join(lines))


def settle(page: Any) -> None:
    """Check the page after a navigation: it rendered, has exactly one h1, and passes axe-core."""
    page.wait_for_load_state("load")
    h1_count = page.locator("h1").count()
    assert h1_count == 1, f"{page.url} has {h1_count} <h1> elements, expected exactly 1"
    check_accessibility(page)


def visit(page: Any, path: str, *, expect_status: int = 200) -> Any:
    """Go to ``path`` (relative to the base URL), assert the status, and run the page checks."""
    response = page.goto(path)
    assert response is not None, f"no response for {path}"
    assert response.status == expect_status, f"{path}: HTTP {response.status}, expected {expect_status}"
    settle(page)
    return response


def click_and_settle(page: Any, locator: Any) -> None:
    """Follow a link or press a button that navigates, then run the page checks on the new page."""
    with page.expect_navigation():
        locator.click()
    settle(page)


def log_in(page: Any, username: str, password: str = "demo") -> None:
    visit(page, "/inloggen")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    click_and_settle(page, page.get_by_role("button", name="Inloggen"))
    assert not page.url.rstrip("/").endswith("/inloggen"), f"login as {username} failed: still on {page.url}"


def main_menu(page: Any) -> Any:
    return page.get_by_role("navigation", name="Hoofdmenu")
