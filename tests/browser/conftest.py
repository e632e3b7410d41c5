"""The browser tier: Debian's Chromium, driven by Playwright, against a live server.

No tool downloads a browser: Playwright is pointed at /usr/bin/chromium. The
accessibility check uses axe-core from node_modules (npm ci).
"""

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = ROOT / "node_modules/axe-core/axe.min.js"
SCREENSHOTS = ROOT / "artifacts/screenshots"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    missing = [str(p) for p in (Path(CHROMIUM), AXE) if not p.exists()]
    if missing or shutil.which("fc-list") is None:
        pytest.skip(
            "BROWSER TIER NOT RUN: needs Debian's chromium, fonts-wqy-microhei and `npm ci` "
            f"(missing: {', '.join(missing) or 'fontconfig'}). .ci/run installs them."
        )
    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # test makes in between are still plain synchronous code.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


# Runs in every page before its own scripts (injected by the browser, so the page's CSP
# does not apply to it): each Content-Security-Policy violation is reported to the test.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} ` +
      `at ${event.sourceFile || event.documentURI}:${event.lineNumber} ${event.sample || ""}`
  );
});
"""


@pytest.fixture
def csp_violations():
    """What the browser refused under the site's CSP; any at all fails the test.

    Tests too live under the policy: give page.wait_for_function a function
    ("() => ..."), not an expression, which Playwright would eval in the page.
    """
    return []


@pytest.fixture
def page(browser, live_server, csp_violations):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="zh-CN"
    )
    context.expose_function("reportCspViolation", lambda text: csp_violations.append(text))
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    page = context.new_page()
    # Chromium also logs each refusal to the console; count those the event misses.
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text
            and csp_violations.append(f"console: {message.text}")
        ),
    )
    yield page
    context.close()
    assert not csp_violations, "The browser reported CSP violations:\n" + "\n".join(csp_violations)


@pytest.fixture
def shoot(page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def assert_accessible(page):
    """Run axe-core (WCAG 2.1 A and AA rules) on the current page; fail on any violation."""

    def check(label: str) -> None:
        # Evaluated, not added as an inline <script>: the site's CSP refuses inline
        # scripts, and a test tool must not need the policy loosened.
        page.evaluate(AXE.read_text(encoding="utf-8"))
        result = page.evaluate(
            "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})"
        )
        violations = [
            f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
        ]
        assert not violations, f"Accessibility problems on {label}:\n" + "\n".join(violations)

    return check


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings):
    """Give the live server's threads their own SQLite connections.

    With the default in-memory test database, Django shares one connection between the
    test and every server thread, so two browsers' requests at once (two co-writers)
    queue behind each other's transactions. A file database lets them run as on a real
    server. PostgreSQL runs are untouched.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        # One file per test process (pytest-xdist names them gw0, gw1, ...).
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        database.setdefault("TEST", {})["NAME"] = str(ROOT / f".test-browser-{worker}.sqlite3")
