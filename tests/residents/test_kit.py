"""The outreach kit: A4 poster, A5 leaflets, the Zalo announcement; made from the hours in force."""

import json
from datetime import date, time

import segno

from app.extensions import db
from app.models import OpeningSession
from tests.conftest import html, text_of

POSTER = "/points/tdp12-tan-giang/poster"


def shown(page):
    """The announcement as a browser shows it (HTML drops a newline right after <textarea>)."""
    text = page.find("textarea", id="announcement").get_text()
    return text[2:] if text.startswith("\r\n") else text.removeprefix("\n")


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
    text = shown(page)
    assert text.startswith("TỔ DÂN PHỐ ĐIỆN TỬ TDP 12: HỖ TRỢ BÀ CON LÀM THỦ TỤC")
    assert "- Thứ Hai–Thứ Sáu: 07:30–11:30, 13:30–17:00" in text and "- Thứ Bảy: 07:30–11:30" in text
    assert "https://tdp.example.gov.vn/tickets/new?point=tdp12-tan-giang" in text
    assert "https://tdp.example.gov.vn/appointments/new?point=tdp12-tan-giang" in text
    assert page.find("button", attrs={"data-copy": "announcement"}).has_attr("hidden")  # shown by JS only
    assert page.find("noscript")
    assert page.find("button", string="Lưu nội dung")  # a plain form: saving works without JS


def test_the_kit_index_links_a_poster_and_four_leaflets_per_point(staff_client, demo):
    links = [a["href"] for a in html(staff_client.get("/kit")).select("main a")]
    assert POSTER in links
    assert len([href for href in links if "/leaflets/" in href]) == 4


def test_residents_cannot_open_the_kit_screens(client, demo):
    assert client.get("/kit/announcement").status_code == 302


def announcement_form(client, url="/kit/announcement"):
    page = html(client.get(url))
    return page, page.find("input", attrs={"name": "csrf_token"})["value"]


def save(client, text, point="tdp12-tan-giang"):
    _page, token = announcement_form(client, f"/kit/announcement?point={point}")
    return client.post(f"/kit/announcement?point={point}", data={"csrf_token": token, "announcement": text})


def test_an_edited_announcement_is_kept_for_the_point_and_reopened_by_a_colleague(
    volunteer_client, staff_client, demo, clock
):
    from app.models import AuditEvent

    clock(2026, 12, 7, 9, 0)
    edited = (
        "Họp tổ dân phố tối thứ Sáu.\n- Thứ Hai–Thứ Sáu: 07:30–11:30, 13:30–17:00\n- Thứ Bảy: 07:30–11:30"
    )
    response = save(volunteer_client, edited + "\r\n")
    assert response.status_code == 303 and response.headers["Location"].endswith("saved=1")
    assert "Đã lưu" in text_of(volunteer_client.get(response.headers["Location"]))
    colleague = staff_client.get("/kit/announcement")
    assert shown(html(colleague)) == edited
    assert "Nội dung đã lưu cho Tổ dân phố điện tử TDP 12 lúc 09:00 07/12/2026" in text_of(colleague)
    assert "Giờ mở cửa đã thay đổi" not in text_of(colleague)
    event = AuditEvent.query.filter_by(action="kit_announcement.update").one()
    assert event.point_id == demo.id and json.loads(event.after) == {"text": edited}
    fresh = shown(html(staff_client.get("/kit/announcement?fresh=1")))
    assert fresh.startswith("TỔ DÂN PHỐ ĐIỆN TỬ TDP 12")  # start again from the current hours
    assert shown(html(staff_client.get("/kit/announcement"))) == edited  # still kept


def test_a_saved_text_says_when_the_hours_have_changed_since(staff_client, demo, clock):
    clock(2026, 12, 7, 9, 0)
    generated = shown(html(staff_client.get("/kit/announcement")))
    save(staff_client, generated)
    db.session.add(
        OpeningSession(point=demo, weekday=6, start=time(8), end=time(10), effective_from=date(2026, 12, 1))
    )
    db.session.commit()
    page = staff_client.get("/kit/announcement")
    assert "Giờ mở cửa đã thay đổi từ khi lưu nội dung này" in text_of(page)
    assert html(page).find("a", href="/kit/announcement?point=tdp12-tan-giang&fresh=1")


def test_hours_written_in_ones_own_words_are_not_taken_for_a_change_of_hours(staff_client, demo, clock):
    """The kit warned 'the hours have changed' as soon as the hours lines were reworded, though
    nothing had changed: what it compares now is the hours then and now, not the wording."""
    clock(2026, 12, 7, 9, 0)
    save(staff_client, "Điểm phục vụ mở từ thứ Hai đến sáng thứ Bảy, giờ hành chính. Mời bà con đến!")
    assert "Giờ mở cửa đã thay đổi" not in text_of(staff_client.get("/kit/announcement"))
    db.session.add(
        OpeningSession(point=demo, weekday=6, start=time(8), end=time(10), effective_from=date(2026, 12, 1))
    )
    db.session.commit()
    assert "Giờ mở cửa đã thay đổi từ khi lưu nội dung này" in text_of(staff_client.get("/kit/announcement"))


def test_each_point_and_language_keeps_its_own_text_and_staff_edit_only_their_point(
    app, staff_client, demo, make_user
):
    from app.models import ServicePoint
    from tests.conftest import sign_in

    other = ServicePoint(slug="tdp-5", name_vi="TDP 5", ward="Phường Bắc Hà", address="Số 1")
    db.session.add(other)
    db.session.commit()
    assert save(staff_client, "Thông báo TDP 12").status_code == 303
    staff_client.get("/lang/en")
    assert save(staff_client, "Notice for TDP 12").status_code == 303
    assert shown(html(staff_client.get("/kit/announcement"))) == "Notice for TDP 12"
    staff_client.get("/lang/vi")
    assert shown(html(staff_client.get("/kit/announcement"))) == "Thông báo TDP 12"
    theirs = html(staff_client.get("/kit/announcement?point=tdp-5"))
    assert shown(theirs).startswith("TDP 5")  # nothing saved there: generated
    assert theirs.find("button", string="Lưu nội dung") is None  # another point's text is theirs to edit
    assert save(staff_client, "Chen ngang", point="tdp-5").status_code == 403
    their_staff = sign_in(app.test_client(), make_user("staff", point=other))
    assert save(their_staff, "Thông báo TDP 5", point="tdp-5").status_code == 303
    assert shown(html(staff_client.get("/kit/announcement"))) == "Thông báo TDP 12"


def test_an_empty_or_overlong_text_is_refused_beside_the_field(staff_client, demo):
    for text, message in (("  ", "Hãy viết thông báo"), ("x" * 4001, "dưới 4000 ký tự")):
        response = save(staff_client, text)
        assert response.status_code == 400
        assert message in html(response).find(id="announcement-error").get_text()
    assert "Nội dung đã lưu" not in text_of(staff_client.get("/kit/announcement"))
