"""The kiosk in a browser: tap, the slip, and back to the start by itself (JS on and off)."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import sign_in_page
from tests.residents.test_display_browser import SCREENSHOTS

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("javascript", [True, False])
def test_the_kiosk_issues_a_slip_and_resets_for_the_next_person(
    browser, app, demo, live_server, make_user, clock, monkeypatch, javascript
):
    clock(2026, 11, 26, 9, 0)
    monkeypatch.setitem(app.config, "KIOSK_RESET_MS", 300 if javascript else 900)
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": 1024, "height": 768})
    page = context.new_page()
    sign_in_page(page, live_server, make_user("kiosk", point=demo))
    page.goto(live_server + "/kiosk")
    if javascript:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "kiosk.png"))
    page.click("text=Người cao tuổi")
    page.click("button:has-text('Đăng ký khai sinh')")
    expect(page.locator(".app-slip__number")).to_have_text("B001")
    expect(page).to_have_url(live_server + "/kiosk", timeout=5000)  # reset by itself
    expect(page.locator("h1")).to_have_text("Lấy số thứ tự")
    context.close()
