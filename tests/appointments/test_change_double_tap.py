"""A booking's move or cancel sent twice (a double tap without JavaScript) shows the booking, not an error."""

from datetime import date, time

from app.extensions import db
from tests.conftest import csrf_token, html, text_of


def test_the_same_move_sent_twice_lands_on_the_booking_page_both_times(client, point, book):
    appointment = book()
    page = f"/appointments/b/{appointment.token}"
    confirm = f"{page}/move?day=2026-11-28&slot=08:00"
    data = {"csrf_token": csrf_token(client, confirm), "day": "2026-11-28", "slot": "08:00"}
    first = client.post(f"{page}/move", data=data)
    second = client.post(f"{page}/move", data=data)
    assert first.status_code == second.status_code == 303
    assert second.headers["Location"] == first.headers["Location"] and second.headers["Location"].endswith(
        page
    )
    db.session.expire_all()
    assert (appointment.day, appointment.start, appointment.status) == (
        date(2026, 11, 28),
        time(8, 0),
        "booked",
    )
    shown = text_of(client.get(page))
    assert "28/11/2026" in shown and "Đây đã là giờ hẹn" not in shown


def test_the_same_cancel_sent_twice_lands_on_the_booking_page_both_times(client, point, book):
    appointment = book()
    page = f"/appointments/b/{appointment.token}"
    data = {"csrf_token": csrf_token(client, f"{page}/cancel")}
    first = client.post(f"{page}/cancel", data=data)
    second = client.post(f"{page}/cancel", data=data)
    assert first.status_code == second.status_code == 303
    assert second.headers["Location"].endswith(page)
    shown = text_of(client.get(page))
    assert "Đã hủy" in shown and "không thể hủy nữa" not in shown


def test_picking_the_booking_s_own_time_to_move_to_still_says_it_is_already_yours(client, point, book):
    appointment = book()
    page = f"/appointments/b/{appointment.token}"
    picked = client.get(f"{page}/move?day=2026-11-27&slot=09:00")
    assert picked.status_code == 200
    assert "Đây đã là giờ hẹn của bạn" in text_of(picked)
    assert html(picked).find("form", action=f"{page}/move") is None  # no "move to this time" button


def test_a_booking_that_is_over_still_cannot_be_cancelled(client, point, book, clock):
    appointment = book(day=date(2026, 11, 26), start="09:00")
    page = f"/appointments/b/{appointment.token}"
    data = {"csrf_token": csrf_token(client, f"{page}/cancel")}
    clock(2026, 11, 26, 9, 15)  # the slot has started
    refused = client.post(f"{page}/cancel", data=data)
    assert refused.status_code == 409 and "không thể hủy nữa" in text_of(refused)
