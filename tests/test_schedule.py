"""Open now / next opening from weekly sessions, holidays, closures and extra openings."""

from datetime import date, datetime, time

from app.extensions import db
from app.models import ClosedDay
from app.services import schedule
from app.timeutil import LOCAL_TZ


def at(*args):
    return datetime(*args, tzinfo=LOCAL_TZ)


def test_open_on_a_weekday_morning(demo):
    status = schedule.status(demo, at(2026, 11, 26, 9, 0))  # Thursday
    assert status.is_open
    assert status.current.end == time(11, 30)


def test_lunch_break_is_closed_and_the_afternoon_session_is_next(demo):
    status = schedule.status(demo, at(2026, 11, 26, 12, 0))
    assert not status.is_open
    assert (status.next_slot.day, status.next_slot.start) == (date(2026, 11, 26), time(13, 30))


def test_saturday_morning_opens_only_from_7_september_2019(demo):
    assert not schedule.status(demo, at(2019, 8, 31, 9, 0)).is_open
    assert schedule.status(demo, at(2019, 9, 7, 9, 0)).is_open


def test_friday_evening_points_to_saturday_morning(demo):
    status = schedule.status(demo, at(2026, 11, 27, 18, 0))
    assert (status.next_slot.day, status.next_slot.start) == (date(2026, 11, 28), time(7, 30))


def test_lunar_new_year_closes_the_point_and_next_opening_is_after_tet(demo):
    # Tết Bính Ngọ: the holidays library lists 16-20/02/2026 (Mon-Fri) as public holidays.
    status = schedule.status(demo, at(2026, 2, 17, 9, 0))
    assert not status.is_open
    assert "Tết" in status.closed_today_reason
    assert status.next_slot.day == date(2026, 2, 21)  # the Saturday after


def test_ad_hoc_closure_closes_a_normal_day(demo):
    db.session.add(ClosedDay(point=demo, date=date(2026, 11, 26), kind="closure", reason_vi="Bảo trì điện"))
    db.session.commit()
    status = schedule.status(demo, at(2026, 11, 26, 9, 0))
    assert not status.is_open
    assert status.closed_today_reason == "Bảo trì điện"


def test_extra_opening_opens_a_sunday(demo):
    schedule.add_extra_opening(demo, 3, now=at(2026, 11, 29, 8, 0))
    assert schedule.status(demo, at(2026, 11, 29, 10, 30)).is_open
    assert not schedule.status(demo, at(2026, 11, 29, 11, 30)).is_open


def test_extra_opening_late_in_the_day_ends_by_midnight(demo):
    row = schedule.add_extra_opening(demo, 5, now=at(2026, 11, 29, 21, 0))
    assert (row.date, row.end) == (date(2026, 11, 29), time(23, 59))


def test_weekly_hours_follow_effective_dates(demo):
    before = schedule.weekly_hours(demo, date(2019, 8, 1))
    after = schedule.weekly_hours(demo, date(2019, 10, 1))
    assert before[5] == [] and len(after[5]) == 1
    assert [(s.start, s.end) for s in after[0]] == [(time(7, 30), time(11, 30)), (time(13, 30), time(17, 0))]


def test_upcoming_changes_list_holidays_on_working_days(demo):
    changes = schedule.upcoming_changes(demo, days=10, today=date(2026, 8, 28))
    closed = [(day, reason) for kind, day, reason, _ in changes if kind == "closed"]
    assert date(2026, 9, 2) in [day for day, _ in closed]
