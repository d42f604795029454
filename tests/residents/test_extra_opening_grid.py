"""An extra opening adds bookable places on the point's own slot grid, not a second, shifted one."""

from datetime import time

from app.models import Procedure, Team
from app.services import appointments as service
from app.services import schedule
from app.services.appointments.slots import on_grid
from tests.conftest import text_of


def starts(point, day):
    team = Team.query.filter_by(point_id=point.id, code="online").one()
    return [s.key for s in service.slots_by_day(point, team, day, day).get(day, [])]


def test_a_time_moves_to_the_next_line_of_the_grid():
    assert on_grid(time(8, 17), time(7, 30), 30) == time(8, 30)
    assert on_grid(time(8, 0), time(7, 30), 30) == time(8, 0)
    assert on_grid(time(8, 17), time(7, 30), 45) == time(9, 0)  # 07:30, 08:15, 09:00
    assert on_grid(time(23, 50), time(7, 30), 30) is None


def test_an_extra_opening_during_the_morning_gives_no_shifted_slots(clock, demo):
    now = clock(2026, 11, 26, 8, 17)  # Thursday, regular session 07:30-11:30
    schedule.add_extra_opening(demo, 2, now=now)
    shown = starts(demo, now.date())
    assert "08:17" not in shown and "08:47" not in shown
    assert shown[:3] == ["08:30", "09:00", "09:30"]


def test_an_extra_opening_on_a_sunday_starts_at_the_next_grid_line(clock, demo, client):
    now = clock(2026, 11, 29, 8, 17)  # Sunday: closed, no regular session to line up with
    schedule.add_extra_opening(demo, 2, now=now)
    assert starts(demo, now.date()) == ["08:30", "09:00", "09:30"]  # 10:00-10:30 would end after 10:17
    page = text_of(client.get("/appointments/new?procedure=khai-sinh&day=2026-11-29"))
    assert "08:30–09:00" in page and "08:17" not in page


def test_a_booking_in_an_extra_opening_counts_on_the_grid(clock, demo):
    now = clock(2026, 11, 29, 8, 17)
    schedule.add_extra_opening(demo, 2, now=now)
    procedure = Procedure.query.filter_by(code="khai-sinh").one()
    booked = service.book(
        demo, procedure, now.date(), time(8, 30), "Trần Văn Hùng", "0987654321", "127.0.0.1"
    )
    assert booked.start == time(8, 30)
