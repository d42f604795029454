"""A resident on a phone: home, search, a procedure, the language switch; JS on and off."""

import pytest

from tests.conftest import fits_the_screen

pytestmark = pytest.mark.browser


@pytest.fixture
def seeded(demo, live_server):
    return live_server


@pytest.mark.parametrize("fixture", ["phone", "phone_nojs"])
def test_resident_finds_hours_and_searches_without_accents(request, seeded, fixture):
    page = request.getfixturevalue(fixture)
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(seeded + "/")
    assert page.locator(".app-status__now").inner_text() in ("Đang mở cửa", "Đang đóng cửa")
    assert "Thứ Bảy" in page.locator(".app-hours").inner_text()
    assert fits_the_screen(page)
    page.click("text=Tất cả thủ tục và giấy tờ cần mang")
    page.fill("#q", "khai tu")
    page.click("button:has-text('Tìm')")
    page.wait_for_url(lambda url: "q=khai" in url)
    page.locator("#results >> text=Đăng ký khai tử").click()
    page.wait_for_url("**/procedures/khai-tu")
    assert "Giấy tờ cần mang" in page.content()
    assert errors == []  # no CSP violations or script errors


def test_with_javascript_search_swaps_results_in_place(phone, seeded):
    phone.goto(seeded + "/procedures")
    phone.evaluate("window.__marker = 1")  # survives only if the page is not reloaded
    phone.fill("#q", "ket hon")
    phone.click("button:has-text('Tìm')")
    phone.wait_for_url(lambda url: url.endswith("q=ket%20hon") or url.endswith("q=ket+hon"))
    phone.wait_for_selector("#results >> text=Tìm thấy")
    assert phone.evaluate("window.__marker") == 1
    assert phone.locator("#results li").first.inner_text().startswith("Đăng ký kết hôn")


@pytest.mark.parametrize("fixture", ["phone", "phone_nojs"])
def test_language_choice_sticks(request, seeded, fixture):
    page = request.getfixturevalue(fixture)
    page.goto(seeded + "/procedures/khai-sinh")
    with page.expect_navigation():  # back on the same address: wait for the new page, not the address
        page.click("text=English")
    assert page.locator("h1").inner_text() == "Birth registration"
    page.goto(seeded + "/")
    assert page.locator("#hours").inner_text() == "Opening hours"


def test_page_is_readable_on_a_320px_screen(browser, seeded):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    for path in ("/", "/procedures", "/procedures/thuong-tru", "/about", "/login"):
        page.goto(seeded + path)
        assert fits_the_screen(page), path
    context.close()


def test_staff_sign_in_and_out(phone, seeded, make_user):
    make_user("staff", username="hoa", password="mat khau dai 1")
    phone.goto(seeded + "/login")
    phone.fill("#username", "hoa")
    phone.fill("#password", "sai")
    phone.click("button:has-text('Đăng nhập')")
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in phone.content()
    assert phone.input_value("#username") == "hoa"
    phone.fill("#password", "mat khau dai 1")
    phone.click("button:has-text('Đăng nhập')")
    phone.wait_for_url("**/admin/")
    phone.click("header >> text=Đăng xuất")
    phone.wait_for_url(seeded + "/")
    assert phone.locator("text=Cán bộ đăng nhập").count() == 1


def test_a_long_link_staff_write_in_a_notice_wraps_on_a_phone(phone_nojs, seeded, demo):
    """A pinned notice with a plain dichvucong.gov.vn link widened the home page of a 360 px phone
    (367 px), and a long word or a Markdown table widened the news pages."""
    from app.extensions import db
    from app.models import Post

    link = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193"
    post = Post(
        point=demo,
        title_vi="Hướng dẫn " + "dangkykhaisinhtructuyen" * 3,
        body_vi=f"Xem thủ tục tại: {link}\n\n| Thủ tục | Đường dẫn |\n|---|---|\n| Khai sinh | {link} |",
        pinned=True,
    )
    db.session.add(post)
    db.session.commit()
    for path in ("/", "/news", f"/news/{post.id}"):
        phone_nojs.goto(seeded + path)
        assert fits_the_screen(phone_nojs), path
