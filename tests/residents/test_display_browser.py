"""Large text and high contrast in a real browser: switches without JS, tap targets, axe in both modes."""

import os
import tempfile
from pathlib import Path

import pytest

from tests.browser.test_accessibility import AXE, axe_context, axe_violations, sign_in_page
from tests.conftest import PHONE, fits_the_screen
from tests.test_conventions import public_get_pages

pytestmark = pytest.mark.browser

# The committed pictures in docs/screenshots are refreshed on demand (`WRITE_SCREENSHOTS=1`),
# so a test run leaves the working tree as it found it.
if os.environ.get("WRITE_SCREENSHOTS"):
    SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
else:
    SCREENSHOTS = Path(tempfile.gettempdir()) / "tdp-screenshots"

LARGE_CONTRAST = "app-large app-contrast"

# What a thumb presses: menus, switches, footer links, form controls and buttons. Links inside a
# sentence are exempt (WCAG 2.5.8's inline exception), radios and checkboxes count by their label.
TARGETS = """() => {
  const selector = 'header a, header button, footer a, footer button, main button, main select, main textarea,'
    + ' main input:not([type=hidden]):not([type=radio]):not([type=checkbox]), .app-button, .app-radio, .app-check,'
    + ' .app-choice, .app-cards a';
  const small = [];
  for (const el of document.querySelectorAll(selector)) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.width < 44 || r.height < 44) small.push(el.tagName + ' "' + el.textContent.trim().slice(0, 30) + '" '
      + Math.round(r.width) + 'x' + Math.round(r.height));
  }
  return small;
}"""


def switch(page, label):
    with page.expect_navigation():
        page.click(f".app-display >> text={label}")


def test_switches_work_without_javascript_and_large_text_still_fits(browser, demo, live_server):
    context = browser.new_context(java_script_enabled=False, **PHONE)
    page = context.new_page()
    page.goto(live_server + "/procedures/khai-sinh")
    # Each switch posts and lands back on the same address, so wait for the new page itself
    # (waiting for the address would return at once, before the old page is gone).
    switch(page, "Chữ to")
    switch(page, "Tương phản cao")
    assert page.evaluate("document.documentElement.className") == "app-large app-contrast"
    assert (
        page.evaluate("getComputedStyle(document.body).fontSize") == "21.25px"
    )  # 1.0625rem of a 20 px root (125 %)
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    page.goto(live_server + "/")
    assert fits_the_screen(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "home-large-text-contrast.png"))
    switch(page, "Chữ thường")
    switch(page, "Tương phản thường")
    assert page.evaluate("document.documentElement.className") == ""
    context.close()


def test_tap_targets_in_both_displays_and_no_serious_accessibility_issue_with_large_text_and_contrast(
    app, browser, demo, live_server, make_user, clock
):
    """One walk of the public pages on a 360 px phone: each page is loaded once, then shown as
    the display cookie shows it (the same two classes on <html>, see services/display.py)."""
    from app.models import Procedure
    from app.services import queue

    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make axe` (npm ci in tests/a11y)")
    clock(2026, 11, 26, 9, 0)  # a Thursday morning session, whatever the hour the suite runs
    ticket = queue.issue_ticket(demo, Procedure.query.filter_by(code="khai-sinh").one(), channel="office")
    context = axe_context(browser, **PHONE)
    page = context.new_page()
    small, problems = {}, {}

    def check(url):
        page.goto(live_server + url)
        if "text/html" not in (page.evaluate("document.contentType") or ""):
            return
        assert page.evaluate("document.documentElement.className") == ""
        found = page.evaluate(TARGETS)
        page.evaluate(f"document.documentElement.className = '{LARGE_CONTRAST}'")
        found += [f"(large text) {target}" for target in page.evaluate(TARGETS)]
        if found:
            small[url] = found
        found = axe_violations(page)
        if found:
            problems[url] = found

    for url in public_get_pages(app) + [f"/t/{ticket.token}"]:
        check(url)
    # The kiosk by the door, where older residents meet the switches first.
    sign_in_page(page, live_server, make_user("kiosk", point=demo))
    check("/kiosk")
    # The server gives the cookie's choice the very classes the walk set.
    context.add_cookies([{"name": "display", "value": "large.contrast", "url": live_server}])
    page.goto(live_server + "/kiosk")
    assert page.evaluate("document.documentElement.className") == LARGE_CONTRAST
    context.close()
    assert small == {}
    assert problems == {}
