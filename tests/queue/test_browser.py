"""A resident takes a number on a phone, staff call it from a desk; the phone and the board follow."""

import re

import pytest

from app.models import Desk
from tests.conftest import fits_the_screen

pytestmark = pytest.mark.browser

PASSWORD = "mat khau ban ngay 7"

# Headless Chromium has no voices: a stand-in Vietnamese voice records what the board says.
FAKE_SPEECH = """
window.__said = [];
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
Object.defineProperty(window, "speechSynthesis", {value: {
  getVoices: function () { return [{lang: "vi-VN", name: "test"}]; },
  speak: function (u) { window.__said.push(u.text); }
}});
"""


@pytest.fixture
def site(open_point, live_server):
    return live_server


@pytest.fixture
def quick_polls(app, monkeypatch):
    """Phones and boards with JavaScript ask for news every 0.3 s instead of 5 (the no-JS board's
    meta refresh uses the same interval, so tests without JavaScript keep the real one)."""
    monkeypatch.setitem(app.config, "QUEUE_POLL_SECONDS", 0.3)


@pytest.fixture
def staff_page(browser, site, make_user, open_point):
    make_user("staff", username="quay2", point=open_point, password=PASSWORD)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(site + "/login")
    page.fill("#username", "quay2")
    page.fill("#password", PASSWORD)
    page.click("button:has-text('Đăng nhập')")
    page.wait_for_url("**/admin/")
    yield page
    context.close()


@pytest.fixture
def tv(browser):
    def open_board(javascript=True):
        context = browser.new_context(viewport={"width": 1280, "height": 720}, java_script_enabled=javascript)
        pages.append(context)
        return context.new_page()

    pages = []
    yield open_board
    for context in pages:
        context.close()


def take_number(page, site):
    page.goto(site + "/tickets/new")
    page.click("label:has-text('Đăng ký khai sinh')")
    page.fill("#phone", "0912 345 678")
    page.click("button:has-text('Lấy số')")
    page.wait_for_url(re.compile(r".*/t/[\w-]{20,}$"))
    assert page.locator(".app-ticket__number").inner_text() == "B001"


def call_from_desk(staff_page, site):
    desk = Desk.query.filter_by(number=2).one()
    staff_page.goto(f"{site}/desk/{desk.id}")
    assert "B001" in staff_page.locator("#desk-waiting").inner_text()
    staff_page.evaluate("window.__marker = 1")
    staff_page.click("button:has-text('Gọi số tiếp theo')")
    staff_page.wait_for_selector("#desk-console >> text=Đã gọi số B001")
    assert staff_page.evaluate("window.__marker") == 1  # swapped in place, no reload
    return desk


def test_with_javascript_the_phone_and_the_board_change_without_a_reload(
    phone, site, staff_page, tv, quick_polls
):
    errors = []
    phone.on("console", lambda m: errors.append((m.text, m.location)) if m.type == "error" else None)
    phone.on("response", lambda r: errors.append(r.url) if r.status >= 400 else None)
    take_number(phone, site)
    assert "Số người trước bạn" in phone.locator("#ticket").inner_text()
    assert fits_the_screen(phone)
    board = tv()
    board.add_init_script(FAKE_SPEECH)
    board.on("console", lambda m: errors.append((m.text, m.location)) if m.type == "error" else None)
    board.on("response", lambda r: errors.append(r.url) if r.status >= 400 else None)
    board.goto(site + "/board")
    board.click("button:has-text('Bật âm thanh')")  # one click enables sound
    assert "B001" in board.locator(".app-board__next").inner_text()
    phone.evaluate("window.__marker = 1")
    board.evaluate("window.__marker = 1")

    call_from_desk(staff_page, site)

    phone.wait_for_selector("#ticket[data-state='called']", timeout=15000)
    assert "Đến lượt bạn! Mời bạn đến quầy 2." in phone.locator("#ticket").inner_text()
    board.wait_for_selector(".app-board__call:has-text('B001')", timeout=10000)
    assert "Quầy 2" in board.locator(".app-board__call").inner_text()
    assert phone.evaluate("window.__marker") == 1 and board.evaluate("window.__marker") == 1
    # The board reads calls from its clips (tests/notifications/test_board_voice.py): speech is their fallback.
    assert board.evaluate("window.__said") == []
    # No CSP violations or script errors (the site has no favicon yet: not the queue's to add).
    assert [e for e in errors if "favicon.ico" not in str(e)] == []


def test_without_javascript_a_reload_shows_the_call(phone_nojs, site, staff_page, tv):
    take_number(phone_nojs, site)
    ticket_url = phone_nojs.url
    board = tv(javascript=False)
    board.goto(site + "/board")
    assert "B001" in board.locator(".app-board__next").inner_text()

    call_from_desk(staff_page, site)

    with phone_nojs.expect_navigation():  # the same address again: wait for the new page itself
        phone_nojs.click("a:has-text('Cập nhật')")  # the refresh link, no meta refresh
    assert phone_nojs.url == ticket_url
    assert "Đến lượt bạn! Mời bạn đến quầy 2." in phone_nojs.locator("#ticket").inner_text()
    board.reload()
    assert "B001" in board.locator(".app-board__call").inner_text()


def test_a_resident_cancels_from_the_phone_without_javascript(phone_nojs, site):
    take_number(phone_nojs, site)
    phone_nojs.click("a:has-text('Hủy số của tôi')")
    phone_nojs.click("button:has-text('Có, hủy số của tôi')")  # it asks first, on a page of its own
    phone_nojs.wait_for_selector("text=Bạn đã hủy số này.")
    assert phone_nojs.locator("a:has-text('Lấy số mới')").count() == 1


def test_the_board_marks_a_lost_connection_and_recovers_by_itself(site, tv, issue, quick_polls):
    issue()
    board = tv()
    board.goto(site + "/board")
    assert board.locator("[data-offline]").is_hidden()
    board.route("**/board*", lambda route: route.abort())  # the server cannot be reached
    board.wait_for_selector("[data-offline]:visible", timeout=10000)
    assert "B001" in board.locator(".app-board__next").inner_text()  # the last state stays up
    board.unroute("**/board*")
    board.wait_for_selector("[data-offline]", state="hidden", timeout=10000)
