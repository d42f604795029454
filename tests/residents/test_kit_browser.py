"""The poster is one A4 page when printed; the announcement is saved, and its copy button works with JS."""

import re

import pytest

from tests.residents.test_display_browser import SCREENSHOTS

pytestmark = pytest.mark.browser


def pages_in(pdf):
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_the_poster_prints_on_one_page(browser, demo, live_server):
    context = browser.new_context(viewport={"width": 794, "height": 1123})
    page = context.new_page()
    page.goto(live_server + "/points/tdp12-tan-giang/poster")
    assert pages_in(page.pdf()) == 1  # Chromium's defaults
    assert pages_in(page.pdf(prefer_css_page_size=True)) == 1  # A4 with the sheet's own margins
    page.emulate_media(media="print")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "poster-a4.png"), full_page=True)
    page.goto(live_server + "/points/tdp12-tan-giang/leaflets/khai-sinh")
    assert pages_in(page.pdf(prefer_css_page_size=True)) == 1
    context.close()


def test_the_announcement_is_saved_and_its_copy_button_copies_it(browser, app, demo, live_server, make_user):
    from tests.browser.test_accessibility import sign_in_page

    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    page = context.new_page()
    sign_in_page(page, live_server, make_user("volunteer", point=demo))
    page.goto(live_server + "/kit/announcement")
    page.fill("#announcement", "Họp tổ dân phố tối thứ Sáu")
    page.click("text=Lưu nội dung")
    page.wait_for_url("**/kit/announcement?point=tdp12-tan-giang&saved=1")
    page.goto(live_server + "/kit/announcement")  # another day: the saved text comes back
    assert page.input_value("#announcement") == "Họp tổ dân phố tối thứ Sáu"
    page.click("text=Chép nội dung")
    page.wait_for_selector("[data-copied]:not([hidden])")
    assert page.evaluate("navigator.clipboard.readText()") == "Họp tổ dân phố tối thứ Sáu"
    context.close()
