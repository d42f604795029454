"""The hand-over at the shared PC in Chromium, as a volunteer does it (JS on and off).

With JS the whole tour (and axe on the pages of the help); without JS the path every
volunteer takes: hand over, the resident types, "Xong" asks once and erases, the password.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import axe_violations
from tests.conftest import PASSWORD
from tests.dossiers.conftest import ANSWERS
from tests.dossiers.test_browser import fill_step, sign_in

pytestmark = pytest.mark.browser
DESKTOP = {"viewport": {"width": 1366, "height": 768}}


def resident_types_a_first_step(page):
    page.click("text=Đăng ký khai sinh")
    page.click("button:has-text('Bắt đầu')")
    page.check("input[name=agree]")
    page.click("button[value=continue]")
    page.wait_for_url(re.compile(r"/steps/requester$"))
    fill_step(page, ANSWERS["birth"]["requester"])
    page.click("button[value=continue]")
    page.wait_for_url(re.compile(r"/steps/child$"))


def continue_as(page, volunteer, password):
    page.fill("[name=password]", password)
    page.click(f"button:has-text('Tiếp tục với tư cách {volunteer.display_name}')")


@pytest.mark.parametrize("javascript", [True, False])
def test_a_volunteer_hands_the_pc_over_and_comes_back_with_a_password(
    browser, demo, live_server, make_user, javascript
):
    volunteer = make_user("volunteer", point=demo)
    # With JS, axe is added to two pages of the help (our CSP bypassed for it, tests only).
    context = browser.new_context(java_script_enabled=javascript, bypass_csp=javascript, **DESKTOP)
    page = context.new_page()
    sign_in(page, live_server, volunteer)
    page.click("text=Giúp người dân")
    page.click("main button:has-text('Giúp người dân')")
    page.wait_for_url(re.compile(r"/assist/resident$"))
    resident_types_a_first_step(page)

    if javascript:
        step = page.url
        page.evaluate("localStorage.setItem('left-by-the-resident', 'x')")
        # The volunteer's pages are closed to the resident (each staff page: test_handover.py).
        page.goto(live_server + "/desk")
        expect(page.locator("h1")).to_have_text("Cán bộ đăng nhập")
        expect(page.locator("header")).not_to_contain_text("Cán bộ")  # no "Staff" menu entry
        # "Xong" asks once; "No" goes back to where the resident was, with nothing lost.
        page.goto(step)
        page.click(".app-assist >> text=Xong, xóa dữ liệu")
        expect(page.locator("h1")).to_have_text("Kết thúc và xóa dữ liệu của người dân?")
        assert axe_violations(page) == []  # the question, and the banner shown on every page of the help
        page.click("text=Không, quay lại")
        page.wait_for_url(step)
        page.click("button[value=back]")
        page.wait_for_url(re.compile(r"/steps/requester$"))
        assert page.input_value("[name=full_name]") == "Nguyễn Thị Lan"

    page.click(".app-assist >> text=Xong, xóa dữ liệu")
    page.click("button:has-text('Có, xóa dữ liệu')")
    page.wait_for_url(re.compile(r"/assist/ended$"))
    expect(page.locator("h1")).to_have_text("Đã xóa dữ liệu của người dân")
    if javascript:
        assert page.evaluate("localStorage.length") == 0  # Clear-Site-Data: "storage"
    for _ in range(2):
        page.go_back()
        page.wait_for_load_state()
        assert "Nguyễn Thị Lan" not in page.content() and "042190001234" not in page.content()

    # The volunteer comes back with their password only.
    if not javascript:
        page.goto(live_server + "/admin/")
        expect(page.locator("h1")).to_have_text("Cán bộ đăng nhập")  # "Xong" did not hand it back
    page.goto(live_server + "/assist/ended")
    if javascript:
        continue_as(page, volunteer, "wrong password")
        expect(page.locator("#password-error")).to_contain_text("Đây không phải mật khẩu của")
        assert axe_violations(page) == []
    continue_as(page, volunteer, PASSWORD)
    page.wait_for_url(re.compile(r"/assist$"))
    expect(page.locator("main button")).to_have_text("Giúp người dân")
    context.close()
