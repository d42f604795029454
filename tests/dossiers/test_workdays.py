"""Due dates in working days: weekends, Tết and other holidays, closures, the 15:00 rule."""

from datetime import date, datetime

import pytest

from app.extensions import db
from app.models import ClosedDay
from app.services.workdays import due_date, working_days_between
from app.timeutil import LOCAL_TZ


def at(*args):
    return datetime(*args, tzinfo=LOCAL_TZ)


@pytest.mark.parametrize(
    "received, days, due",
    [
        (at(2026, 12, 7, 9, 0), 0, date(2026, 12, 7)),  # Monday morning: same day
        (at(2026, 12, 7, 14, 59), 0, date(2026, 12, 7)),  # just before 15:00
        (at(2026, 12, 7, 15, 0), 0, date(2026, 12, 8)),  # 15:00 counts from the next working day
        (at(2026, 12, 11, 16, 0), 0, date(2026, 12, 14)),  # Friday afternoon: Monday
        (at(2026, 12, 12, 9, 0), 0, date(2026, 12, 14)),  # Saturday session: Monday
        (at(2026, 12, 7, 9, 0), 3, date(2026, 12, 10)),  # 3 working days: Thursday
        (at(2026, 12, 10, 9, 0), 3, date(2026, 12, 15)),  # over a weekend
        (at(2026, 12, 10, 16, 0), 3, date(2026, 12, 16)),  # after 15:00 the count starts a day later
        (at(2026, 2, 13, 10, 0), 0, date(2026, 2, 13)),  # the Friday before Tết
        (
            at(2026, 2, 13, 15, 30),
            0,
            date(2026, 2, 23),
        ),  # ...after 15:00: after Tết (16-20/02) and the weekend
        (at(2026, 2, 12, 9, 0), 3, date(2026, 2, 24)),  # Fri 13, Mon 23, Tue 24
        (at(2027, 2, 3, 9, 0), 7, date(2027, 2, 19)),  # Tết 2027 (04-10/02): Thu 11 is the first counted day
        (at(2026, 8, 28, 9, 0), 1, date(2026, 9, 3)),  # National Day bridge 31/08-02/09
    ],
)
def test_due_date_counts_only_working_days(db, received, days, due):
    assert due_date(received, days) == due


def test_a_stored_naive_utc_time_is_read_in_vietnam_time(db):
    # 08:30 UTC is 15:30 in Hà Tĩnh: after the cut-off.
    assert due_date(datetime(2026, 12, 7, 8, 30), 0) == date(2026, 12, 8)


def test_a_closure_of_the_point_pushes_the_due_date(demo):
    db.session.add(ClosedDay(point=demo, date=date(2026, 12, 8), kind="closure", reason_vi="Bão"))
    db.session.commit()
    assert due_date(at(2026, 12, 7, 16, 0), 0, demo) == date(2026, 12, 9)


def test_a_closure_for_every_point_counts_and_an_extra_opening_does_not_make_a_working_day(demo):
    db.session.add(ClosedDay(point=None, date=date(2026, 12, 8), kind="closure", reason_vi="Mất điện"))
    db.session.add(ClosedDay(point=demo, date=date(2026, 12, 13), kind="extra", reason_vi="Chiến dịch"))
    db.session.commit()
    assert due_date(at(2026, 12, 7, 9, 0), 2, demo) == date(2026, 12, 10)
    assert due_date(at(2026, 12, 11, 16, 0), 0, demo) == date(2026, 12, 14)


def test_working_days_between_skips_weekends_and_holidays(db):
    assert working_days_between(date(2026, 2, 13), date(2026, 2, 24)) == 2
    assert working_days_between(date(2026, 12, 7), date(2026, 12, 7)) == 0
