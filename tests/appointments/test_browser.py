"""A resident books a time on a phone-sized page, with JavaScript on and off (Debian Chromium)."""

import re

import pytest

from app.models import Appointment
from tests.conftest import fits_the_screen

pytestmark = pytest.mark.browser


@pytest.fixture
def site(point, live_server):
    return live_server


def book_on(page, site, load=True):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    if load:
        page.goto(site + "/appointments/new")
    assert fits_the_screen(page)
    page.click(".app-procedures >> text=Đăng ký khai sinh")
    page.wait_for_selector("h1:has-text('Chọn ngày và giờ')")
    page.click(".app-days >> text=27/11/2026")
    page.wait_for_url(re.compile(r"day=2026-11-27"))
    slot = page.locator(".app-slots a", has_text="09:00–09:30")
    assert "Còn 2 chỗ" in slot.inner_text()
    slot.click()
    page.wait_for_selector("h1:has-text('Họ tên và số điện thoại di động')")
    assert fits_the_screen(page)
    page.fill("#name", "Nguyễn Thị Lan")
    page.fill("#phone", "12345")
    page.click("button:has-text('Đặt giờ này')")
    page.wait_for_selector("#phone-error")
    assert page.input_value("#name") == "Nguyễn Thị Lan"
    page.fill("#phone", "+84 912 345 678")
    page.click("button:has-text('Đặt giờ này')")
    page.wait_for_selector(".app-bigcode")
    page.wait_for_url(re.compile(r"/appointments/b/[\w-]+"))
    assert errors == []  # no CSP violations or script errors
    return page.locator(".app-bigcode").inner_text()


def test_booking_on_a_phone_with_javascript_swaps_each_step_in_place(phone, site, db):
    phone.goto(site + "/appointments/new")
    phone.evaluate("window.__marker = 1")  # survives only if htmx swaps instead of loading pages
    code = book_on(phone, site, load=False)
    assert phone.evaluate("window.__marker") == 1
    db.session.expire_all()
    appointment = Appointment.query.one()
    assert code == appointment.display_code and appointment.phone == "0912345678"
    phone.go_back()  # history holds every step's real URL
    phone.wait_for_url(re.compile(r"slot=09:00"))


def test_booking_on_a_phone_without_javascript_works_page_by_page(phone_nojs, site, db):
    code = book_on(phone_nojs, site)
    db.session.expire_all()
    assert code == Appointment.query.one().display_code
    ics = phone_nojs.locator("a:has-text('.ics')").get_attribute("href")
    assert ics.endswith(".ics")


def test_finding_and_cancelling_a_booking_on_a_phone(phone, site, book):
    appointment = book(phone="0912345678")
    phone.goto(site + "/appointments/find")
    phone.fill("#code", appointment.display_code.lower())
    phone.fill("#phone", "0912 345 678")
    phone.click("button:has-text('Tra cứu lịch hẹn')")
    phone.wait_for_selector(".app-bigcode")
    assert phone.locator(".app-bigcode").inner_text() == appointment.display_code
    phone.click("text=Hủy lịch hẹn này")
    phone.click("button:has-text('Có, hủy lịch hẹn')")  # one tap never cancels
    phone.wait_for_selector("text=Đặt lịch hẹn khác")
    assert "Đã hủy" in phone.locator(".app-summary").inner_text()
