"""Playwright fixtures for end-to-end tests in Debian's headless Chromium.

Every test in this folder gets the `browser` marker and is skipped when Chromium is not
installed. The browser runs against pytest-django's `live_server` (transactional database),
so create data with the factories in the test itself; log in with `helpers.login`.
"""

from contextlib import contextmanager
from pathlib import Path

import factory
import factory.random
import pytest

CHROMIUM = Path("/usr/bin/chromium")
# We run as root in CI containers, hence no sandbox; the rest keeps Chromium off the network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HERE = Path(__file__).parent


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Mark the tests in this folder `browser` (before -m selects) and skip without Chromium."""
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                item.add_marker(
                    pytest.mark.skip(reason=f"{CHROMIUM} missing: apt-get install chromium")
                )


@pytest.fixture(scope="package")
def browser():
    """One headless Chromium for all browser tests.

    Playwright's sync API keeps an asyncio loop running in this thread, which makes Django's
    ORM refuse synchronous queries; the opt-out is set only while the browser lives.
    """
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()


@contextmanager
def _tab(browser, live_server):
    # bypass_csp: axe-core is injected as an inline script, which the app's CSP refuses
    # (as it should); the CSP itself is tested in tests/core/test_hardening.py.
    context = browser.new_context(
        base_url=live_server.url,
        bypass_csp=True,
        locale="nl-NL",
        viewport={"width": 1280, "height": 800},
    )
    context.set_default_timeout(10_000)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab (own cookies, Dutch, 1280 wide) whose relative URLs hit the server."""
    with _tab(browser, live_server) as tab:
        yield tab


@pytest.fixture
def second_page(browser, live_server):
    """A tab in another browser context: a second user logged in at the same time."""
    with _tab(browser, live_server) as tab:
        yield tab


@pytest.fixture(autouse=True)
def _same_synthetic_data():
    """The same names and numbers on every run, so screenshots only change with the UI."""
    factory.random.reseed_random(2026)
