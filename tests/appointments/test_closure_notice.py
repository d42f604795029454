"""A closure added on a day residents have booked: the admin, the resident and staff are all told."""

import json
from datetime import date, time

from app.extensions import db
from app.models import ClosedDay, Notification
from app.notifications import bookings as booking_messages
from app.notifications.messages import sms_text
from app.services.appointments import closures
from tests.conftest import csrf_token, html, sign_in, text_of

HX = {"HX-Request": "true"}
SATURDAY = date(2026, 12, 12)  # the demo point opens 07:30-11:30 on Saturdays
REASON = "Tổng vệ sinh khu phố"


def close_saturday(admin, point, reason=REASON, url=None):
    url = url or f"/admin/points/{point.id}/closed-days/new"
    data = {"point_id": str(point.id), "date": "12/12/2026", "kind": "closure", "reason_vi": reason}
    return admin.post(url, data={"csrf_token": csrf_token(admin, url), **data})


def outbox(event="booking_closed"):
    return Notification.query.filter_by(event=event).order_by(Notification.id).all()


def test_admin_closing_a_booked_saturday_sees_how_many_bookings_fall_on_it(admin, monday, book):
    book(SATURDAY, "09:00")
    book(SATURDAY, "10:00")
    cancelled = book(SATURDAY, "10:30")
    cancelled.status = "cancelled"
    db.session.commit()
    response = close_saturday(admin, monday)
    assert response.status_code == 303
    page = admin.get(response.headers["Location"])
    notice = html(page).find(id="closure-bookings")
    assert "Đã có người dân đặt lịch ngày 12/12/2026" in notice.get_text()
    link = notice.find("a")
    assert link.get_text(strip=True) == f"2 lịch hẹn tại {monday.name_vi}"
    assert link["href"] == f"/appointments/day?day=2026-12-12&point={monday.slug}"
    assert "Hãy gọi điện cho người dân không nhận tin nhắn." in notice.get_text()
    day_list = text_of(admin.get(link["href"]))
    assert f"Điểm phục vụ nghỉ ngày này: {REASON}." in day_list and "Còn 2 lịch hẹn cho ngày này." in day_list
    assert ClosedDay.query.filter_by(reason_vi=REASON).one().date == SATURDAY


def test_a_closure_on_a_day_nobody_booked_goes_back_to_the_hours_without_a_notice(admin, monday, book):
    book(date(2026, 12, 11), "09:00")  # Friday: not the closed day
    response = close_saturday(admin, monday)
    assert response.headers["Location"] == f"/admin/points/{monday.id}/hours"
    assert html(admin.get(response.headers["Location"])).find(id="closure-bookings") is None


def test_the_residents_booking_page_says_the_point_is_closed_and_offers_to_move_or_cancel(
    client, admin, monday, book
):
    appointment = book(SATURDAY, "09:00")
    before = text_of(client.get(f"/appointments/b/{appointment.token}"))
    assert "Điểm phục vụ nghỉ" not in before
    close_saturday(admin, monday)
    for headers in ({}, HX):
        page = client.get(f"/appointments/b/{appointment.token}", headers=headers)
        notice = html(page).find(id="closed-day")
        text = notice.get_text(" ", strip=True)
        assert "Điểm phục vụ nghỉ ngày 12/12/2026" in text
        assert f"Lý do: {REASON}." in text
        links = {a.get_text(strip=True): a["href"] for a in notice.find_all("a")}
        assert links["Đổi sang giờ khác"] == f"/appointments/b/{appointment.token}/move"
        assert links["Hủy lịch hẹn này"] == f"/appointments/b/{appointment.token}/cancel"
    assert "<html" not in page.text
    # The move page offers other days, and no longer the closed Saturday.
    move = html(client.get(f"/appointments/b/{appointment.token}/move"))
    assert not move.find("a", href=lambda h: h and "day=2026-12-12" in h)


def test_a_booking_page_in_english_falls_back_to_the_message_ids(client, admin, monday, book):
    appointment = book(SATURDAY, "09:00")
    close_saturday(admin, monday)
    client.get("/lang/en")
    text = text_of(client.get(f"/appointments/b/{appointment.token}"))
    assert "The point is closed on 12/12/2026" in text and "Move it to another time or cancel it." in text


def test_a_cancelled_booking_on_the_closed_day_shows_no_closure_notice(client, admin, monday, book):
    appointment = book(SATURDAY, "09:00")
    close_saturday(admin, monday)
    client.post(
        f"/appointments/b/{appointment.token}/cancel",
        data={"csrf_token": csrf_token(client, f"/appointments/b/{appointment.token}/cancel")},
    )
    db.session.refresh(appointment)
    assert appointment.status == "cancelled"
    assert html(client.get(f"/appointments/b/{appointment.token}")).find(id="closed-day") is None


def test_staff_day_list_says_the_point_is_closed_with_the_reason(app, admin, monday, book, make_user):
    book(SATURDAY, "09:00")
    close_saturday(admin, monday)
    staff = sign_in(app.test_client(), make_user("staff", point=monday))
    for headers in ({}, HX):
        page = html(staff.get("/appointments/day?day=2026-12-12", headers=headers))
        notice = page.find(id="day-closed").get_text(" ", strip=True)
        assert f"Điểm phục vụ nghỉ ngày này: {REASON}." in notice
        assert "Còn 1 lịch hẹn cho ngày này." in notice
        assert "Nguyễn Thị Lan" in page.find(id="day").get_text()  # the booking is still listed
    friday = html(staff.get("/appointments/day?day=2026-12-11"))
    assert friday.find(id="day-closed") is None


def test_residents_who_chose_messages_get_one_about_the_closure_in_their_language(admin, monday, book):
    vi = book(SATURDAY, "09:00", phone="0912345678")
    en = book(SATURDAY, "09:30", phone="0987654321")
    book(SATURDAY, "10:00")  # no messages chosen: nothing is sent for it
    booking_messages.choose(vi, "sms", "0912345678", "vi")
    booking_messages.choose(en, "sms", "0987654321", "en")
    response = close_saturday(admin, monday)
    assert "told=2" in response.headers["Location"]
    sent = outbox()
    assert [n.address for n in sent] == ["0912345678", "0987654321"]
    texts = [sms_text(n.event, json.loads(n.params), n.lang) for n in sent]
    assert (
        "Lich hen " + vi.display_code + " ngay 12/12/2026: To dan pho dien tu TDP 12 nghi ngay nay"
        in texts[0]
    )
    assert "(Tong ve sinh khu pho)" in texts[0] and len(texts[0]) <= 160
    assert (
        f"Booking {en.display_code} on 12/12/2026: E-residential group TDP 12 is closed that day" in texts[1]
    )
    assert json.loads(sent[0].params)["url"].endswith(f"/appointments/b/{vi.token}")
    # Saving the closure again (a typo in the reason) does not send the message twice.
    row = ClosedDay.query.filter_by(reason_vi=REASON).one()
    close_saturday(admin, monday, REASON + ".", url=f"/admin/closed-days/{row.id}/edit?point={monday.id}")
    assert len(outbox()) == 2


def test_an_extra_opening_on_the_closed_day_keeps_the_bookings_it_covers(monday, book):
    inside, outside = book(SATURDAY, "09:00"), book(SATURDAY, "10:30")
    closure = ClosedDay(point=monday, date=SATURDAY, kind="closure", reason_vi=REASON)
    db.session.add_all(
        [
            closure,
            ClosedDay(
                point=monday, date=SATURDAY, kind="extra", start=time(8), end=time(10), reason_vi="Trực"
            ),
        ]
    )
    db.session.commit()
    assert closures.closure_of(inside) is None
    assert closures.closure_of(outside) == REASON
    assert closures.bookings_hit(closure) == [outside]


def test_a_closure_for_every_point_counts_the_bookings_of_each(monday, book):
    book(SATURDAY, "09:00")
    closure = ClosedDay(point_id=None, date=SATURDAY, kind="closure", reason_vi="Bầu cử")
    db.session.add(closure)
    db.session.commit()
    assert [(p.id, n) for p, n in closures.hits_by_point(closures.bookings_hit(closure))] == [(monday.id, 1)]
