"""The hand-over at the shared PC in Chromium, as a volunteer does it (JS on and off)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import axe_violations
from tests.conftest import PASSWORD
from tests.dossiers.conftest import ANSWERS
from tests.dossiers.test_browser import fill_step, sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("javascript", [True, False])
def test_a_volunteer_hands_the_pc_over_and_comes_back_with_a_password(
    browser, demo, live_server, make_user, javascript
):
    volunteer = make_user("volunteer", point=demo)
    # With JS, axe checks the pages of the help too (it needs our CSP bypassed, tests only).
    context = browser.new_context(
        java_script_enabled=javascript, bypass_csp=javascript, viewport={"width": 1366, "height": 768}
    )
    page = context.new_page()
    sign_in(page, live_server, volunteer)
    page.click("text=Giúp người dân")
    page.click("main button:has-text('Giúp người dân')")
    page.wait_for_url(re.compile(r"/assist/resident$"))

    # The resident fills in the first step of a birth registration.
    page.click("text=Đăng ký khai sinh")
    page.click("button:has-text('Bắt đầu')")
    page.check("input[name=agree]")
    page.click("button[value=continue]")
    page.wait_for_url(re.compile(r"/steps/requester$"))
    fill_step(page, ANSWERS["birth"]["requester"])
    page.click("button[value=continue]")
    page.wait_for_url(re.compile(r"/steps/child$"))
    step = page.url
    if javascript:
        page.evaluate("localStorage.setItem('left-by-the-resident', 'x')")

    # The volunteer's pages are closed to the resident: the desk, today's bookings, the admin.
    for staff_page in ("/desk", "/appointments/day", "/admin/"):
        page.goto(live_server + staff_page)
        expect(page.locator("h1")).to_have_text("Cán bộ đăng nhập")
    expect(page.locator("header")).not_to_contain_text("Cán bộ")  # no "Staff" menu entry

    # "Xong" asks once; "No" goes back to where the resident was, with nothing lost.
    page.goto(step)
    page.click(".app-assist >> text=Xong, xóa dữ liệu")
    expect(page.locator("h1")).to_have_text("Kết thúc và xóa dữ liệu của người dân?")
    if javascript:
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
    page.goto(live_server + "/admin/")
    expect(page.locator("h1")).to_have_text("Cán bộ đăng nhập")  # not handed back without asking

    # The volunteer comes back with their password only.
    page.goto(live_server + "/assist/ended")
    page.fill("[name=password]", "wrong password")
    page.click(f"button:has-text('Tiếp tục với tư cách {volunteer.display_name}')")
    expect(page.locator("#password-error")).to_contain_text("Đây không phải mật khẩu của")
    if javascript:
        assert axe_violations(page) == []
    page.fill("[name=password]", PASSWORD)
    page.click(f"button:has-text('Tiếp tục với tư cách {volunteer.display_name}')")
    page.wait_for_url(re.compile(r"/assist$"))
    expect(page.locator("main button")).to_have_text("Giúp người dân")
    page.goto(live_server + "/desk")
    expect(page.locator("h1")).not_to_have_text("Cán bộ đăng nhập")
    context.close()
