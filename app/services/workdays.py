"""Working days for legal time limits: weekends, public holidays and closures don't count.

The one-stop rule: a dossier received after 15:00 counts from the next working day. The
limit N counts N working days after that first day; N = 0 means the result is due that day.
Saturday-morning sessions at the point are for receiving papers, not legal working days.
"""

from datetime import datetime, time, timedelta

from sqlalchemy import or_, select

from ..extensions import db
from ..models import ClosedDay
from ..timeutil import LOCAL_TZ, local_today, to_local, to_utc_naive
from .schedule import public_holiday

CUT_OFF = time(15, 0)
LOOKAHEAD = 120  # days of closures loaded at once; Tết plus a long limit fits easily


class WorkingCalendar:
    """Working days for one point (or the whole deployment when point is None) from a day on."""

    def __init__(self, point=None, first_day=None, days=LOOKAHEAD):
        self.point_id = getattr(point, "id", point)
        self._load(first_day or local_today(), days)

    def _load(self, first_day, days):
        self.first_day = first_day
        self.last_day = first_day + timedelta(days=days)
        query = select(ClosedDay.date).where(
            ClosedDay.kind == "closure", ClosedDay.date.between(self.first_day, self.last_day)
        )
        if self.point_id is None:
            query = query.where(ClosedDay.point_id.is_(None))
        else:
            query = query.where(or_(ClosedDay.point_id == self.point_id, ClosedDay.point_id.is_(None)))
        self.closures = set(db.session.scalars(query))

    def is_working_day(self, day):
        if day.weekday() >= 5 or public_holiday(day):
            return False
        if day > self.last_day:  # beyond what was loaded: extend once more
            self._load(day, LOOKAHEAD)
        return day not in self.closures

    def next_working_day(self, day, include=True):
        """`day` itself when it is a working day and include is true, else the next one."""
        if not include:
            day += timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day


def first_counted_day(received_at, point=None, calendar=None):
    """The working day a dossier received at `received_at` counts from (after 15:00: the next)."""
    local = to_local(received_at) if isinstance(received_at, datetime) else None
    day = local.date() if local else received_at
    calendar = calendar or WorkingCalendar(point, day)
    if local is not None and local.time() >= CUT_OFF:
        return calendar.next_working_day(day, include=False)
    return calendar.next_working_day(day)


def due_date(received_at, time_limit_days, point=None):
    """The day the result is due: `received_at` (naive UTC or aware) plus N working days."""
    local = to_local(received_at)
    calendar = WorkingCalendar(point, local.date())
    day = first_counted_day(received_at, point, calendar)
    for _ in range(max(0, int(time_limit_days or 0))):
        day = calendar.next_working_day(day, include=False)
    return day


def working_days_between(start, end, point=None):
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    if end <= start:
        return 0
    calendar = WorkingCalendar(point, start, (end - start).days + 1)
    return sum(
        1 for n in range(1, (end - start).days + 1) if calendar.is_working_day(start + timedelta(days=n))
    )


def combine_local(day, at):
    """A local date and time as the naive UTC a column stores (for tests and demo data)."""
    return to_utc_naive(datetime.combine(day, at, LOCAL_TZ))
