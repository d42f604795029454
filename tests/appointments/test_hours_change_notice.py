"""A weekly session shortened under bookings (G7): the admin, the resident and their messages say so."""

import json
from datetime import date, time

from app.extensions import db
from app.models import Notification, OpeningSession
from app.notifications import bookings as booking_messages
from app.notifications.messages import sms_text
from tests.conftest import csrf_token, html, sign_in

SATURDAY = date(2026, 12, 19)  # the demo point opens 07:30-11:30 on Saturdays


def saturday_session(point):
    return OpeningSession.query.filter_by(point_id=point.id, weekday=5).one()


def shorten_saturday(admin, point, end="11:00"):
    session = saturday_session(point)
    url = f"/admin/sessions/{session.id}/edit"
    data = {
        "weekday": "5",
        "start": session.start.strftime("%H:%M"),
        "end": end,
        "effective_from": session.effective_from.strftime("%d/%m/%Y"),
    }
    return admin.post(url, data={"csrf_token": csrf_token(admin, url), **data})


def outbox():
    return Notification.query.filter_by(event="booking_hours").order_by(Notification.id).all()


def test_shortening_saturday_under_a_booking_tells_the_admin_the_resident_and_their_messages(
    client, admin, monday, book
):
    late = book(SATURDAY, "11:00", phone="0912345678")
    early = book(SATURDAY, "09:00", phone="0987654321")
    booking_messages.choose(late, "sms", "0912345678", "vi")
    booking_messages.choose(early, "sms", "0987654321", "vi")
    response = shorten_saturday(admin, monday)
    assert response.status_code == 303
    assert saturday_session(monday).end == time(11, 0)
    page = html(admin.get(response.headers["Location"]))
    notice = page.find(id="hours-bookings")
    link = notice.find("a")
    assert link.get_text(strip=True) == "1 lịch hẹn ngày 19/12/2026"
    assert link["href"] == f"/appointments/day?day=2026-12-19&point={monday.slug}"
    assert "Hãy gọi điện cho người dân không nhận tin nhắn." in notice.get_text()
    # The resident of the 11:00 booking is offered to move or cancel it; the 09:00 one is untouched.
    late_page = html(client.get(f"/appointments/b/{late.token}")).find(id="closed-day")
    assert "Lý do: giờ làm việc đã thay đổi." in late_page.get_text(" ", strip=True)
    # Open that day, not at that time: the heading does not say the point is closed all day.
    assert (
        late_page.find("h2").get_text(strip=True) == "Điểm phục vụ không còn mở cửa lúc 11:00 ngày 19/12/2026"
    )
    assert late_page.find("a", href=f"/appointments/b/{late.token}/move") is not None
    assert html(client.get(f"/appointments/b/{early.token}")).find(id="closed-day") is None
    # One message, for the 11:00 booking only, and not again when the session is saved again.
    sent = outbox()
    assert [n.address for n in sent] == ["0912345678"]
    text = sms_text(sent[0].event, json.loads(sent[0].params), "vi")
    assert late.display_code in text and "19/12/2026" in text and "11:00" in text
    assert "da doi gio lam viec" in text and text.endswith("Vui long doi gio hoac huy lich hen.")
    shorten_saturday(admin, monday)
    assert len(outbox()) == 1


def test_deleting_the_session_counts_every_booked_saturday(admin, monday, book):
    book(SATURDAY, "09:00")
    book(date(2026, 12, 12), "10:00")
    cancelled = book(date(2026, 12, 12), "10:30")
    cancelled.status = "cancelled"
    db.session.commit()
    session = saturday_session(monday)
    url = f"/admin/sessions/{session.id}/edit"
    response = admin.post(f"/admin/sessions/{session.id}/delete", data={"csrf_token": csrf_token(admin, url)})
    assert response.status_code == 303
    links = html(admin.get(response.headers["Location"])).find(id="hours-bookings").find_all("a")
    assert [a.get_text(strip=True) for a in links] == [
        "1 lịch hẹn ngày 12/12/2026",
        "1 lịch hẹn ngày 19/12/2026",
    ]


def test_a_change_that_leaves_every_booking_inside_the_hours_shows_no_notice(client, admin, monday, book):
    booking = book(SATURDAY, "10:00")
    response = shorten_saturday(admin, monday, end="11:00")
    assert html(admin.get(response.headers["Location"])).find(id="hours-bookings") is None
    assert html(client.get(f"/appointments/b/{booking.token}")).find(id="closed-day") is None
    assert outbox() == []


def test_ending_the_session_before_a_booked_saturday_counts_it(client, admin, monday, book):
    before = book(date(2026, 12, 12), "09:00")
    after = book(SATURDAY, "09:00")
    session = saturday_session(monday)
    url = f"/admin/sessions/{session.id}/edit"
    data = {"weekday": "5", "start": "07:30", "end": "11:30", "effective_from": "01/01/2026"}
    data["effective_to"] = "15/12/2026"
    response = admin.post(url, data={"csrf_token": csrf_token(admin, url), **data})
    links = html(admin.get(response.headers["Location"])).find(id="hours-bookings").find_all("a")
    assert [a.get_text(strip=True) for a in links] == ["1 lịch hẹn ngày 19/12/2026"]
    assert html(client.get(f"/appointments/b/{after.token}")).find(id="closed-day") is not None
    assert html(client.get(f"/appointments/b/{before.token}")).find(id="closed-day") is None


def test_staffs_day_list_counts_the_bookings_the_new_hours_leave_out(app, admin, monday, book, make_user):
    book(SATURDAY, "11:00")
    book(SATURDAY, "09:00")
    shorten_saturday(admin, monday)
    staff = sign_in(app.test_client(), make_user("staff", point=monday))
    notice = html(staff.get("/appointments/day?day=2026-12-19")).find(id="day-outside-hours")
    assert "1 lịch hẹn trong ngày này không còn trong giờ làm việc." in notice.get_text(" ", strip=True)
    assert html(staff.get("/appointments/day?day=2026-12-12")).find(id="day-outside-hours") is None
