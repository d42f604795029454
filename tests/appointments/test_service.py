"""Slots, booking rules, changes, check-in and missed bookings, at the service level."""

from datetime import date, time

import pytest
from flask_babel import force_locale

from app.extensions import db
from app.models import Appointment, ClosedDay, Procedure, ServicePoint, Team, Ticket
from app.services import appointments as service
from app.services import queue

# The demo's half-hour slots: the morning session 07:30-11:30, the afternoon one 13:30-17:00.
MORNING = ["07:30", "08:00", "08:30", "09:00", "09:30", "10:00", "10:30", "11:00"]
AFTERNOON = ["13:30", "14:00", "14:30", "15:00", "15:30", "16:00", "16:30"]


def team(point, code="online"):
    return Team.query.filter_by(point_id=point.id, code=code).one()


def starts(slots):
    return [s.start.strftime("%H:%M") for s in slots]


# ---------------------------------------------------------------- slots


def test_a_weekday_is_cut_into_half_hour_slots_of_both_sessions(point):
    days = service.slots_by_day(point, team(point))
    friday = days[date(2026, 11, 27)]
    assert starts(friday) == MORNING + AFTERNOON
    assert all(s.left == 2 for s in friday)


def test_slots_that_have_started_today_are_not_offered(point):
    today = service.slots_by_day(point, team(point))[date(2026, 11, 26)]
    assert starts(today)[0] == "08:30"


def test_sundays_have_no_slots_and_saturdays_only_the_morning(point):
    days = service.slots_by_day(point, team(point))
    assert date(2026, 11, 29) not in days
    assert starts(days[date(2026, 11, 28)])[-1] == "11:00"


def test_saturday_slots_start_with_the_saturday_session_of_07_09_2019(db, clock):
    clock(2019, 8, 29, 10, 0)
    from app.demo import seed

    seed(echo=lambda *a: None)
    point = ServicePoint.query.one()
    days = service.slots_by_day(point, team(point))
    assert date(2019, 8, 31) not in days  # a Saturday before the session existed
    assert date(2019, 9, 2) not in days  # National Day
    assert starts(days[date(2019, 9, 7)]) == MORNING
    assert date(2019, 9, 3) in days


def test_no_slots_during_lunar_tet(db, clock):
    clock(2027, 2, 1, 8, 0)
    from app.demo import seed

    seed(echo=lambda *a: None)
    point = ServicePoint.query.one()
    days = service.slots_by_day(point, team(point))
    assert date(2027, 2, 3) in days
    for day in range(4, 11):
        assert date(2027, 2, day) not in days
    assert date(2027, 2, 11) in days


def test_a_closure_removes_a_day_and_an_extra_opening_adds_one(point):
    db.session.add(ClosedDay(point=point, date=date(2026, 11, 30), kind="closure", reason_vi="Họp tổ"))
    db.session.add(
        ClosedDay(
            point=point,
            date=date(2026, 11, 29),
            kind="extra",
            start=time(8, 0),
            end=time(10, 0),
            reason_vi="Ngày hội dịch vụ công",
        )
    )
    db.session.commit()
    days = service.slots_by_day(point, team(point))
    assert date(2026, 11, 30) not in days
    assert starts(days[date(2026, 11, 29)]) == ["08:00", "08:30", "09:00", "09:30"]


def test_an_admin_changing_the_slot_length_changes_the_slots(point, team_settings):
    team_settings(slot_minutes=60)
    friday = service.slots_by_day(point, team(point))[date(2026, 11, 27)]
    assert starts(friday) == ["07:30", "08:30", "09:30", "10:30", "13:30", "14:30", "15:30"]


def test_the_horizon_limits_how_far_ahead_slots_are_offered(point, team_settings):
    team_settings(horizon_days=3)
    assert max(service.slots_by_day(point, team(point))) == date(2026, 11, 28)  # Sunday 29 is closed


# ---------------------------------------------------------------- booking rules


def test_a_booking_takes_a_place_and_gets_a_short_unambiguous_code(point, book):
    appointment = book(phone="+84 912 345 678")
    assert appointment.phone == "0912345678"
    assert len(appointment.code) == 6 and not set(appointment.code) & set("01OIL")
    assert appointment.status == "booked" and appointment.end == time(9, 30)
    friday = service.slots_by_day(point, team(point))[date(2026, 11, 27)]
    assert next(s for s in friday if s.key == "09:00").left == 1


def test_a_full_slot_refuses_the_next_booking(point, book, team_settings):
    team_settings(capacity=1)
    book()
    with pytest.raises(service.SlotFull):
        book()
    assert Appointment.query.count() == 1


@pytest.mark.parametrize(
    "day, start, why",
    [
        (date(2026, 11, 29), "09:00", "closed"),  # Sunday
        (date(2026, 11, 26), "07:30", "passed"),  # earlier this morning
        (date(2026, 12, 11), "09:00", "days ahead"),  # beyond the 14-day horizon
        (date(2026, 11, 27), "09:10", "does not open"),  # not the start of a slot
        (date(2026, 11, 27), "12:00", "does not open"),  # lunch break
    ],
)
def test_bookings_are_refused_on_closed_days_in_the_past_and_beyond_the_horizon(point, book, day, start, why):
    with pytest.raises(service.BookingError) as refused:
        book(day=day, start=start)
    with force_locale("en"):  # the message ids are English; outside a request the default is vi
        assert why in str(refused.value)
    assert Appointment.query.count() == 0


def test_a_public_holiday_refuses_bookings_by_name(db, clock):
    clock(2027, 2, 1, 8, 0)
    from app.demo import seed

    seed(echo=lambda *a: None)
    point = ServicePoint.query.one()
    procedure = Procedure.query.filter_by(code="khai-sinh").one()
    with pytest.raises(service.BookingError) as refused:
        service.book(point, procedure, date(2027, 2, 8), time(9, 0), "Lê Văn Tám", "0912345678")
    with force_locale("en"):
        assert "Tết" in str(refused.value) or "closed" in str(refused.value)


def test_a_phone_number_holds_a_limited_number_of_future_bookings(point, book):
    first = book(phone="0987 654 321")
    book(phone="0987654321", start="10:00")
    with pytest.raises(service.TooManyBookings):
        book(phone="0987654321", start="10:30")
    service.cancel(first)
    assert book(phone="0987654321", start="10:30").status == "booked"


def test_the_phone_limit_counts_bookings_at_every_team_of_the_point(point, book):
    marriage = Procedure.query.filter_by(code="ket-hon").one()
    book(phone="0987654321")
    book(phone="0987654321", proc=marriage)
    with pytest.raises(service.TooManyBookings):
        book(phone="0987654321", start="11:00")


def test_a_team_with_no_capacity_takes_no_bookings(point, book, procedure, team_settings):
    team_settings(capacity=0)
    assert procedure not in service.bookable_procedures(point)
    with pytest.raises(service.BookingError):
        book()


# ---------------------------------------------------------------- changes


def test_cancelling_gives_the_place_back(point, book, team_settings):
    team_settings(capacity=1)
    appointment = book()
    service.cancel(appointment)
    assert appointment.status == "cancelled" and appointment.cancelled_at is not None
    assert book().status == "booked"
    with pytest.raises(service.BookingError):
        service.cancel(appointment)


def test_moving_takes_the_new_place_and_frees_the_old_one(point, book, team_settings):
    team_settings(capacity=1)
    appointment = book()
    service.move(appointment, date(2026, 11, 28), time(8, 0))
    assert (appointment.day, appointment.start, appointment.end) == (date(2026, 11, 28), time(8), time(8, 30))
    assert book().start == time(9, 0)  # the old slot is free again


def test_moving_to_a_full_slot_keeps_the_booking_where_it_was(point, book, team_settings):
    team_settings(capacity=1)
    appointment = book()
    book(start="10:00")
    with pytest.raises(service.SlotFull):
        service.move(appointment, date(2026, 11, 27), time(10, 0))
    db.session.expire_all()
    assert appointment.start == time(9, 0) and appointment.status == "booked"


# ---------------------------------------------------------------- lookup


def test_lookup_needs_the_code_and_the_phone_together(point, book):
    appointment = book(phone="0912345678")
    found = service.lookup(appointment.display_code.lower(), "+84912 345 678", "1.2.3.4")
    assert found.appointment.id == appointment.id
    for code, phone in [
        (appointment.code, "0912345679"),
        ("ABCDEF", "0912345678"),
        ("x", "0912345678"),
        (appointment.code, ""),
    ]:
        attempt = service.lookup(code, phone, "1.2.3.4")
        assert attempt.appointment is None and not attempt.throttled


def test_lookup_is_throttled_per_code_whoever_tries_but_never_for_the_right_phone(point, book):
    appointment = book(phone="0912345678")
    for n in range(6):
        assert not service.lookup(appointment.code, f"09000000{n:02d}", f"10.0.0.{n}").throttled
    assert service.lookup(appointment.code, "0900000099", "10.0.0.98").throttled
    assert service.lookup(appointment.code, "0912345678", "10.0.0.99").appointment == appointment


# ---------------------------------------------------------------- the day at the point


def test_check_in_turns_the_booking_into_a_ticket_at_the_head_of_the_line(point, book, clock, make_user):
    appointment = book(day=date(2026, 11, 27), start="09:00")
    clock(2026, 11, 27, 8, 50)
    walk_in = queue.issue_ticket(point, appointment.procedure, channel="phone")
    staff = make_user("staff", point=point)
    ticket = service.check_in(appointment, user=staff)
    assert ticket.channel == "appointment" and ticket.phone == appointment.phone
    assert appointment.status == "checked_in" and appointment.ticket_id == ticket.id
    assert appointment.checked_in_by_id == staff.id
    assert queue.people_ahead(ticket) == 0
    assert queue.people_ahead(db.session.get(Ticket, walk_in.id)) == 1
    with pytest.raises(service.BookingError):
        service.check_in(appointment, user=staff)
    assert Ticket.query.filter_by(channel="appointment").count() == 1


def test_check_in_is_refused_on_another_day_and_when_the_point_is_closed(point, book, clock):
    appointment = book(day=date(2026, 11, 27), start="16:30")
    with pytest.raises(service.BookingError):
        service.check_in(appointment)  # today is the 26th
    clock(2026, 11, 27, 17, 30)
    with pytest.raises(queue.QueueClosed):
        service.check_in(appointment)
    db.session.expire_all()
    assert appointment.status == "booked" and Ticket.query.count() == 0


def test_bookings_are_marked_missed_some_minutes_after_their_slot(point, book, clock, app):
    late = book(day=date(2026, 11, 27), start="09:00")
    later = book(day=date(2026, 11, 27), start="10:00")
    clock(2026, 11, 27, 9, 44)
    assert service.mark_missed() == 0
    clock(2026, 11, 27, 9, 46)
    result = app.test_cli_runner().invoke(args=["mark-missed-appointments"])
    assert result.exit_code == 0 and "1 booking" in result.output
    db.session.expire_all()
    assert late.status == "missed" and late.missed_at is not None and later.status == "booked"


def test_a_late_resident_marked_missed_can_still_be_checked_in_that_day(point, book, clock):
    appointment = book(day=date(2026, 11, 27), start="09:00")
    clock(2026, 11, 27, 10, 0)
    service.mark_missed()
    ticket = service.check_in(appointment)
    assert ticket.channel == "appointment" and appointment.status == "checked_in"


def test_the_day_list_groups_bookings_by_team_and_slot(point, book, clock):
    book(start="09:00", name="Người Một")
    book(start="09:00", name="Người Hai")
    marriage = Procedure.query.filter_by(code="ket-hon").one()
    book(start="10:00", name="Người Ba", proc=marriage)
    teams = {t.code: rows for t, rows in service.day_list(point, date(2026, 11, 27))}
    nine = next(r for r in teams["online"] if r.start == time(9))
    assert [b.name for b in nine.bookings] == ["Người Một", "Người Hai"] and nine.held == 2
    assert [b.name for r in teams["one-stop"] for b in r.bookings] == ["Người Ba"]


# ---------------------------------------------------------------- the rest


def test_the_calendar_file_is_in_vietnam_time(point, book):
    appointment = book(day=date(2026, 11, 27), start="09:00")
    body = service.ics(
        appointment,
        "Đăng ký khai sinh – Tổ dân phố điện tử TDP 12, phường Tân Giang",
        "Mã lịch hẹn: " + appointment.display_code,
    )
    assert "DTSTART;TZID=Asia/Ho_Chi_Minh:20261127T090000\r\n" in body
    assert "DTEND;TZID=Asia/Ho_Chi_Minh:20261127T093000\r\n" in body
    assert "TZOFFSETTO:+0700" in body and body.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    unfolded = body.replace("\r\n ", "")
    assert "SUMMARY:Đăng ký khai sinh – Tổ dân phố điện tử TDP 12\\, phường Tân Giang" in unfolded


def test_next_free_slots_skip_full_ones(point, book, procedure, team_settings, clock):
    team_settings(capacity=1)
    clock(2026, 11, 26, 19, 0)
    book(start="07:30")
    found = service.next_free_slots(point, procedure)
    assert [(s.day, s.key) for s, _ in found] == [
        (date(2026, 11, 27), "08:00"),
        (date(2026, 11, 27), "08:30"),
        (date(2026, 11, 27), "09:00"),
    ]
    anyone = service.next_free_slots(point, limit=2)
    assert [s.key for s, _ in anyone] == ["07:30", "07:30"]  # other teams still have 07:30


def test_the_demo_has_a_few_upcoming_bookings(demo):
    upcoming = Appointment.query.filter_by(point_id=demo.id, status="booked").all()
    assert len(upcoming) >= 3
    assert {a.procedure.code for a in upcoming} >= {"khai-sinh", "ket-hon"}
