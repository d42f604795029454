"""The outreach kit: A4 poster, A5 leaflets, the Zalo announcement; made from the hours in force."""

from datetime import date, time

import segno

from app.extensions import db
from app.models import OpeningSession
from tests.conftest import html, text_of

POSTER = "/points/tdp12-tan-giang/poster"


def qr(url):
    return segno.make(url, error="m").svg_inline(border=2, omitsize=True)


def test_the_poster_has_the_hours_with_saturday_the_papers_and_two_qr_codes(client, demo, clock):
    clock(2026, 12, 7, 9, 0)
    response = client.get(POSTER)
    words = text_of(response)
    assert "Thứ Bảy 07:30–11:30" in words
    assert "Mở cửa sáng thứ Bảy từ 07/09/2019" in words
    for name in (
        "Đăng ký khai sinh",
        "Đăng ký khai tử",
        "Cấp bản sao trích lục hộ tịch",
        "Xác nhận tình trạng hôn nhân",
    ):
        assert name in words
    assert "Giấy chứng sinh" in words  # a paper to bring for a birth registration
    assert "In ngày 07/12/2026" in words
    body = response.get_data(as_text=True)
    assert qr("http://localhost/tickets/new?point=tdp12-tan-giang") in body
    assert qr("http://localhost/appointments/new?point=tdp12-tan-giang") in body


def test_the_poster_follows_the_hours_in_force(client, demo, clock):
    clock(2026, 12, 7, 9, 0)
    db.session.add(
        OpeningSession(point=demo, weekday=6, start=time(8), end=time(10), effective_from=date(2026, 12, 1))
    )
    db.session.commit()
    assert "Chủ Nhật 08:00–10:00" in text_of(client.get(POSTER))


def test_a_leaflet_per_procedure_with_its_checklist_and_where_to_go(client, demo, clock):
    clock(2026, 12, 7, 9, 0)
    response = client.get("/points/tdp12-tan-giang/leaflets/khai-tu")
    page = html(response)
    assert page.find("h1").get_text() == "Đăng ký khai tử"
    assert len(page.select(".app-sheet__checklist li")) >= 2
    words = text_of(response)
    assert "Thứ Hai–Thứ Sáu: 07:30–11:30, 13:30–17:00" in words and "Thứ Bảy: 07:30–11:30" in words
    assert "In ngày 07/12/2026" in words
    assert qr("http://localhost/procedures/khai-tu") in response.get_data(as_text=True)
    assert client.get("/points/tdp12-tan-giang/leaflets/no-such").status_code == 404


def test_volunteers_get_an_announcement_to_copy_into_the_zalo_group(volunteer_client, demo, app, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://tdp.example.gov.vn")
    page = html(volunteer_client.get("/kit/announcement"))
    text = page.find("textarea", id="announcement").get_text()
    assert text.startswith("TỔ DÂN PHỐ ĐIỆN TỬ TDP 12: HỖ TRỢ BÀ CON LÀM THỦ TỤC")
    assert "- Thứ Hai–Thứ Sáu: 07:30–11:30, 13:30–17:00" in text and "- Thứ Bảy: 07:30–11:30" in text
    assert "https://tdp.example.gov.vn/tickets/new?point=tdp12-tan-giang" in text
    assert "https://tdp.example.gov.vn/appointments/new?point=tdp12-tan-giang" in text
    assert page.find("button", attrs={"data-copy": "announcement"}).has_attr("hidden")  # shown by JS only
    assert page.find("noscript")


def test_the_kit_index_links_a_poster_and_four_leaflets_per_point(staff_client, demo):
    links = [a["href"] for a in html(staff_client.get("/kit")).select("main a")]
    assert POSTER in links
    assert len([href for href in links if "/leaflets/" in href]) == 4


def test_residents_cannot_open_the_kit_screens(client, demo):
    assert client.get("/kit/announcement").status_code == 302
