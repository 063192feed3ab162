"""Helpers for browser tests: log in through the real form, check accessibility, screenshot."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.factories import PASSWORD

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
BLOCKING_IMPACTS = {"serious", "critical"}


def login(page, username, password=PASSWORD, token=None):
    """Log in with username, password and the demo second factor via the login form."""
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.fill("#id_otp_token", settings.DEMO_OTP_TOKEN if token is None else token)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    expect(page.locator("form.vn-header__logout")).to_be_visible()


def check_axe(page):
    """Run axe-core on the page and fail listing every serious or critical violation."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    problems = [
        f"{violation['impact']} {violation['id']}: {violation['help']} "
        f"({', '.join(str(node['target']) for node in violation['nodes'][:5])})"
        for violation in result["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]
    if problems:
        pytest.fail(f"axe on {page.url}:\n" + "\n".join(problems), pytrace=False)


def screenshot(page, name):
    """Save a full-page screenshot, 1280 pixels wide, as docs/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": page.viewport_size["height"]})
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
