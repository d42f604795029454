"""An extra opening that overlaps or touches a regular session: the point is open across both."""

from datetime import date, datetime, time

from app.extensions import db
from app.models import ClosedDay, Team
from app.services import appointments, schedule
from app.timeutil import LOCAL_TZ
from tests.conftest import text_of

THURSDAY = date(2026, 11, 26)  # the demo point opens 07:30-11:30 and 13:30-17:00


def at(*args):
    return datetime(*args, tzinfo=LOCAL_TZ)


def extra(point, start, end, day=THURSDAY):
    db.session.add(
        ClosedDay(point=point, date=day, kind="extra", start=start, end=end, reason_vi="Mở cửa bổ sung")
    )
    db.session.commit()


def slot(start, end, extra=False):
    return schedule.Slot(THURSDAY, start, end, extra)


def test_home_page_says_open_until_the_end_of_the_session_an_early_extra_opening_overlaps(
    client, demo, clock
):
    # `flask extra-opening --hours 6` at 03:52 gives 03:52-09:52, over the 07:30-11:30 session.
    schedule.add_extra_opening(demo, 6, now=at(2026, 11, 26, 3, 52))
    clock(2026, 11, 26, 9, 0)
    text = text_of(client.get("/"))
    assert "Đang mở cửa" in text
    assert "Đến 11:30 hôm nay" in text
    assert "09:52 hôm nay" not in text


def test_home_page_says_open_until_the_end_of_an_extra_opening_that_follows_the_session(client, demo, clock):
    extra(demo, time(11, 30), time(12, 30))
    clock(2026, 11, 26, 9, 0)
    assert "Đến 12:30 hôm nay" in text_of(client.get("/"))
    clock(2026, 11, 26, 12, 0)
    assert "Đến 12:30 hôm nay" in text_of(client.get("/"))


def test_home_page_before_an_early_extra_opening_announces_it_until_the_session_ends(client, demo, clock):
    schedule.add_extra_opening(demo, 6, now=at(2026, 11, 26, 3, 52))
    clock(2026, 11, 26, 3, 0)
    text = text_of(client.get("/"))
    assert "Đang đóng cửa" in text
    assert "Mở cửa lần tới: Thứ Năm 26/11/2026, từ 03:52 đến 11:30" in text


def test_english_home_page_gives_the_same_closing_time(client, demo, clock):
    extra(demo, time(6, 30), time(8, 0))
    clock(2026, 11, 26, 7, 0)
    client.get("/lang/en")
    text = text_of(client.get("/"))
    assert "11:30" in text and "08:00 today" not in text


def test_status_reads_one_opening_from_the_extra_start_to_the_session_end(demo):
    extra(demo, time(6, 30), time(8, 0))
    status = schedule.status(demo, at(2026, 11, 26, 7, 0))
    assert status.is_open
    assert (status.current.start, status.current.end) == (time(6, 30), time(11, 30))
    assert not status.current.extra  # it holds the regular session


def test_an_extra_opening_inside_a_session_is_not_the_next_opening(demo):
    extra(demo, time(9, 0), time(10, 0))
    status = schedule.status(demo, at(2026, 11, 26, 8, 0))
    assert status.current.end == time(11, 30)
    assert (status.next_slot.day, status.next_slot.start) == (THURSDAY, time(13, 30))


def test_an_extra_opening_bridging_the_lunch_break_keeps_the_point_open_all_day(demo):
    extra(demo, time(11, 30), time(13, 30))
    status = schedule.status(demo, at(2026, 11, 26, 12, 0))
    assert status.is_open
    assert (status.current.start, status.current.end) == (time(7, 30), time(17, 0))


def test_merge_joins_overlapping_and_touching_slots_and_keeps_gaps():
    merged = schedule.merge(
        [
            slot(time(13, 30), time(17, 0)),
            slot(time(3, 52), time(9, 52), extra=True),
            slot(time(7, 30), time(11, 30)),
            slot(time(17, 0), time(18, 0), extra=True),
            slot(time(19, 0), time(20, 0), extra=True),
        ]
    )
    assert [(s.start, s.end, s.extra) for s in merged] == [
        (time(3, 52), time(11, 30), False),
        (time(13, 30), time(18, 0), False),
        (time(19, 0), time(20, 0), True),
    ]


def test_merge_keeps_a_slot_wholly_inside_another_as_one():
    merged = schedule.merge([slot(time(7, 30), time(11, 30)), slot(time(8, 0), time(9, 0), extra=True)])
    assert [(s.start, s.end) for s in merged] == [(time(7, 30), time(11, 30))]


def test_booking_grid_stays_on_the_points_own_slots_when_an_extra_opening_overlaps(demo, clock):
    clock(2026, 11, 25, 18, 0)
    team = db.session.scalars(db.select(Team).filter_by(point_id=demo.id, code="online")).one()
    before = appointments.slots_by_day(demo, team, THURSDAY, THURSDAY)[THURSDAY]
    extra(demo, time(6, 52), time(9, 52))
    after = appointments.slots_by_day(demo, team, THURSDAY, THURSDAY)[THURSDAY]
    starts = [s.start for s in after]
    assert len(starts) == len(set(starts))
    assert {s.start for s in before} <= set(starts)
    assert [s.start for s in after if s.start < time(7, 30)] == [time(7, 0)]  # 06:52 waits for 07:00
