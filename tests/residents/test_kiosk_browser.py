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


def test_the_start_screen_starts_again_when_someone_walks_away_from_their_choices(
    browser, app, demo, live_server, make_user, clock, monkeypatch
):
    """The last person's English, large text and priority stayed on the kiosk for the next one, who
    then got a priority number they had not asked for."""
    clock(2026, 11, 26, 9, 0)
    monkeypatch.setitem(app.config, "KIOSK_IDLE_MS", 400)
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    page = context.new_page()
    sign_in_page(page, live_server, make_user("kiosk", point=demo))
    page.goto(live_server + "/kiosk")
    page.click("text=Phụ nữ có thai")
    expect(page.locator("input[value=pregnant]")).not_to_be_checked(timeout=5000)  # the page started again
    page.click("header >> text=English")
    expect(page.locator("h1")).to_have_text("Take a number")
    expect(page.locator("h1")).to_have_text("Lấy số thứ tự", timeout=5000)  # back in Vietnamese by itself
    expect(page.locator("input[name=priority][value='']")).to_be_checked()
    context.close()
