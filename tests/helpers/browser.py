"""Debian's Chromium, driven by Selenium through Debian's chromedriver, for the server's web pages; axe-core.

One headless Chromium per test session (the ``browser`` fixture; the browser tests share one ``xdist_group``,
so one worker runs them all), with a fresh profile folder and the flags this
machine needs (nothing is downloaded: no background networking, no component updates). ``./dev`` installs
``chromium`` and ``chromium-driver`` and the npm package ``axe-core`` (tests/node); without them the tests
are skipped with the reason.

:func:`axe_violations` runs axe-core in the page (injected through the driver, which the page's
Content-Security-Policy does not apply to: the page itself allows no script) against WCAG 2.0, 2.1 and
2.2 A and AA and axe's best practices.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
AXE = Path(__file__).resolve().parents[1] / "node" / "node_modules" / "axe-core" / "axe.min.js"
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=en-GB",
)  # fmt: skip
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def browser_missing() -> str | None:
    """Why Chromium cannot be driven here, or None."""
    for path in (CHROMIUM, CHROMEDRIVER):
        if shutil.which(path) is None:
            return f"{path} is missing (./dev installs chromium and chromium-driver)"
    if not AXE.is_file():
        return "axe-core is missing from tests/node/node_modules (run ./dev)"
    return None


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One headless Chromium for the session (a Selenium WebDriver)."""
    reason = browser_missing()
    if reason is not None:
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tmp_path_factory.mktemp("chromium-profile")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    service = Service(executable_path=CHROMEDRIVER, log_output=str(profile.parent / "chromedriver.log"))
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def axe_violations(driver: Any) -> list[dict[str, Any]]:
    """axe-core's violations on the page shown now (rule id, impact, help and the failing nodes)."""
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    found: list[dict[str, Any]] = driver.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: "tag", values: arguments[0]}, resultTypes: ["violations"]})
            .then(result => done(result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(" ") + ": " + n.failureSummary)}))))
            .catch(error => done([{id: "axe-error", impact: "critical", help: String(error), nodes: []}]));
        """,
        AXE_TAGS,
    )
    return found


def axe_version(driver: Any) -> str:
    """The axe-core version last injected."""
    version: str = driver.execute_script("return axe.version")
    return version
