"""A whole birth-registration dossier on a phone, with JavaScript on and off; the shared-PC hand-over."""

import re

import pytest

from app.extensions import db
from app.models import Dossier
from tests.conftest import PASSWORD

from .conftest import ANSWERS

pytestmark = pytest.mark.browser


@pytest.fixture
def seeded(demo, live_server):
    return live_server


def fill_step(page, values):
    for name, value in values.items():
        radio = page.locator(f"input[type=radio][name={name}][value='{value}']")
        if radio.count():
            radio.check()
        else:
            page.fill(f"[name={name}]", value)


def next_step(page, name, js):
    page.click("button[value=continue]")
    page.wait_for_url(re.compile(rf"/{name}$"))
    if js:
        assert page.evaluate("window.__marker") == 1, "htmx should swap the step in place"


@pytest.mark.parametrize("fixture", ["phone", "phone_nojs"])
def test_a_parent_registers_a_birth_from_start_to_receipt_and_checks_it(request, seeded, fixture):
    page = request.getfixturevalue(fixture)
    js = fixture == "phone"
    errors = []
    # The site has no favicon yet (not this area's to add): Chromium's own request for it is ignored.
    page.on(
        "console",
        lambda m: (
            errors.append(m.text)
            if m.type == "error" and not m.location.get("url", "").endswith("/favicon.ico")
            else None
        ),
    )
    page.goto(seeded + "/procedures/khai-sinh")
    page.click("text=Chuẩn bị hồ sơ")
    page.click("button:has-text('Bắt đầu')")
    page.wait_for_url(re.compile(r"/steps/consent$"))
    if js:
        page.evaluate("window.__marker = 1")  # survives only while htmx swaps in place
    page.check("input[name=agree]")
    next_step(page, "steps/requester", js)

    # A mistake first: the message shows beside the field and nothing typed is lost.
    fill_step(page, {**ANSWERS["birth"]["requester"], "phone": "0912 345"})
    page.click("button[value=continue]")
    page.wait_for_selector("#phone-error")
    assert "10 chữ số" in page.inner_text("#phone-error")
    assert page.input_value("[name=full_name]") == "Nguyễn Thị Lan"
    assert page.title().startswith("Lỗi")
    page.fill("[name=phone]", "+84 912 345 678")
    next_step(page, "steps/child", js)

    fill_step(page, ANSWERS["birth"]["child"])
    next_step(page, "steps/origin", js)
    # Back keeps answers, both ways.
    page.fill("[name=place_of_birth]", "Bệnh viện đa khoa tỉnh Hà Tĩnh")
    page.click("button[value=back]")
    page.wait_for_url(re.compile(r"/steps/child$"))
    assert page.input_value("[name=full_name]") == "Trần Minh Khôi"
    next_step(page, "steps/origin", js)
    assert page.input_value("[name=place_of_birth]") == "Bệnh viện đa khoa tỉnh Hà Tĩnh"
    fill_step(page, ANSWERS["birth"]["origin"])
    next_step(page, "steps/mother", js)
    fill_step(page, ANSWERS["birth"]["mother"])
    next_step(page, "steps/father", js)
    fill_step(page, ANSWERS["birth"]["father"])
    next_step(page, "steps/copies", js)
    fill_step(page, ANSWERS["birth"]["copies"])
    next_step(page, "check", js)

    # Change one answer from the check page and come back to it.
    page.click("a[href$='/steps/father?next=check']")
    page.wait_for_url(re.compile(r"/steps/father\?next=check$"))
    page.fill("[name=full_name]", "Trần Văn Hưng")
    next_step(page, "check", js)
    assert "Trần Văn Hưng" in page.inner_text("#wizard")

    page.click("button:has-text('Nộp hồ sơ')")
    page.wait_for_url(re.compile(r"/receipt$"))
    assert "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" in page.inner_text("h1")
    code = re.search(r"HS-\d{4}-[A-Z0-9]{4}", page.inner_text(".app-receipt")).group(0)
    assert "Giấy chứng sinh" in page.inner_text(".app-papers")
    assert page.locator("[data-print]").is_visible() == js  # the print button needs JavaScript
    assert page.get_by_text("Để in, dùng lệnh In của trình duyệt.").is_visible() != js  # the hint replaces it
    assert page.locator(".app-receipt a[href$='/lookup']").count() == 1  # the lookup address is a link

    page.goto(seeded + f"/lookup?code={code}")
    page.fill("[name=phone]", "0912 345 678")
    page.click("button:has-text('Tra cứu')")
    page.wait_for_selector("#lookup-result h2")
    assert code in page.inner_text("#lookup-result") and "Bạn đã nộp hồ sơ" in page.inner_text(
        "#lookup-result"
    )
    assert errors == []
    dossier = Dossier.query.filter_by(code=code).one()
    assert (
        dossier.answers["father"]["full_name"] == "Trần Văn Hưng" and dossier.applicant_phone == "0912345678"
    )


def sign_in(page, base, user):
    page.goto(base + "/login")
    page.fill("[name=username]", user.username)
    page.fill("[name=password]", PASSWORD)
    page.click("button:has-text('Đăng nhập')")
    page.wait_for_url(re.compile(r"/admin/?$"))


# The hand-over as a volunteer does it (JS on and off): tests/residents/test_handover_browser.py.


def test_an_idle_hand_over_ends_by_itself(browser, seeded, demo, make_user, app):
    volunteer = make_user("volunteer", point=demo)
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, seeded, volunteer)
    page.goto(seeded + "/assist")
    page.click("button:has-text('Giúp người dân')")
    page.click("text=Đăng ký khai tử")
    page.click("button:has-text('Bắt đầu')")
    # Let the step finish loading (htmx swap or full page) before reloading it.
    page.wait_for_load_state("networkidle")
    saved = app.config["ASSIST_IDLE_SECONDS"]
    app.config["ASSIST_IDLE_SECONDS"] = 2
    try:
        page.goto(page.url)  # the page now carries the short idle time
        page.wait_for_url(re.compile(r"/assist/ended"), timeout=15000)
    finally:
        app.config["ASSIST_IDLE_SECONDS"] = saved
    db.session.expire_all()
    assert all(d.draft_key is None for d in Dossier.query.filter_by(status="draft"))
    context.close()
