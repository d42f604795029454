"""Bookable slots: the point's opening calendar cut into each team's slot length, places counted.

Slots come from the point's opening calendar (sessions with their effective dates, minus
closures and public holidays, plus extra openings) cut into each team's slot length.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ...extensions import db
from ...models import SlotCounter
from ...timeutil import LOCAL_TZ
from ..schedule import Calendar
from .rules import BookingError, now_local
from .settings import settings_for, team_for, teams_at


@dataclass(frozen=True)
class BookableSlot:
    day: date
    start: time
    end: time
    capacity: int
    booked: int
    team_id: int | None = None

    @property
    def left(self):
        return max(self.capacity - self.booked, 0)

    @property
    def starts_at(self):
        return datetime.combine(self.day, self.start, LOCAL_TZ)

    @property
    def key(self):
        """ "07:30": how a slot travels in URLs and forms."""
        return self.start.strftime("%H:%M")


def cut(session_start, session_end, minutes):
    """The [start, end) slots of `minutes` that fit wholly inside one opening session."""
    step = timedelta(minutes=minutes)
    at = datetime.combine(date.min, session_start)
    last = datetime.combine(date.min, session_end)
    while at + step <= last:
        yield at.time(), (at + step).time()
        at += step


def _minutes(t):
    return t.hour * 60 + t.minute


def on_grid(start, anchor, minutes):
    """The first line of the point's grid (anchor + k x minutes) at or after `start`, or None past midnight."""
    total = _minutes(start) + (-(_minutes(start) - _minutes(anchor))) % minutes
    return time(total // 60, total % 60) if total < 24 * 60 else None


def grid_anchor(plan, calendar):
    """Where the point's slot grid starts: its regular session that day, else its earliest weekly one."""
    regular = [s.start for s in plan.slots if not s.extra]
    if regular:
        return min(regular)
    return min((s.start for s in calendar.sessions), default=time(0))


def last_day(settings, now=None):
    return now_local(now).date() + timedelta(days=settings.horizon_days)


def slots_by_day(point, team, first_day=None, last=None, now=None, settings=None, include_past=False):
    """{day: [BookableSlot]} for `team` at `point`: real openings only, future ones unless asked."""
    now = now_local(now)
    settings = settings or settings_for(team)
    first_day = first_day or now.date()
    last = last or last_day(settings, now)
    if last < first_day:
        return {}
    calendar = Calendar(point, first_day, last)
    counters = {
        (row.day, row.start): row.booked
        for row in db.session.scalars(
            select(SlotCounter).where(
                SlotCounter.team_id == team.id, SlotCounter.day.between(first_day, last)
            )
        )
    }
    days = {}
    day = first_day
    while day <= last:
        found = []
        plan = calendar.plan(day)
        anchor = grid_anchor(plan, calendar)
        for session in plan.slots:
            # An extra opening (often "from now") adds places on the point's own grid, never a
            # second, shifted one: 08:17 starts its first slot at 08:30 when slots are 07:30, 08:00, ...
            first = on_grid(session.start, anchor, settings.slot_minutes) if session.extra else session.start
            if first is None:
                continue
            for start, end in cut(first, session.end, settings.slot_minutes):
                slot = BookableSlot(
                    day, start, end, settings.capacity, counters.get((day, start), 0), team.id
                )
                if include_past or slot.starts_at > now:
                    found.append(slot)
        if found:
            # Two sessions that overlap (an extra opening over a regular one) give one slot per start.
            unique = {s.start: s for s in found}
            days[day] = [unique[k] for k in sorted(unique)]
        day += timedelta(days=1)
    return days


def parse_day(raw):
    try:
        return date.fromisoformat(raw) if raw else None
    except (TypeError, ValueError):
        return None


def parse_slot(raw):
    if not raw or not re.fullmatch(r"\d{2}:\d{2}", raw):
        return None
    try:
        return time.fromisoformat(raw)
    except ValueError:
        return None


def find_slot(point, team, day, start, now=None, settings=None):
    """The bookable slot at `day` `start`, or BookingError saying why it cannot be booked."""
    now = now_local(now)
    settings = settings or settings_for(team)
    if day is None or start is None:
        raise BookingError(_l("Choose a day and a time."))
    if day < now.date() or (day == now.date() and datetime.combine(day, start, LOCAL_TZ) <= now):
        raise BookingError(_l("This time has already passed. Choose a later time."))
    if day > last_day(settings, now):
        raise BookingError(
            _l("Bookings open %(days)d days ahead. Choose an earlier day.", days=settings.horizon_days)
        )
    plan = Calendar(point, day, day).plan(day)
    if not plan.slots:
        if plan.closed_reason:
            raise BookingError(
                _l(
                    "The point is closed on %(date)s (%(reason)s). Choose another day.",
                    date=day.strftime("%d/%m/%Y"),
                    reason=plan.closed_reason,
                )
            )
        raise BookingError(
            _l("The point is closed on %(date)s. Choose another day.", date=day.strftime("%d/%m/%Y"))
        )
    slot = next(
        (s for s in slots_by_day(point, team, day, day, now, settings).get(day, []) if s.start == start), None
    )
    if slot is None:
        raise BookingError(_l("The point does not open at this time. Choose one of the times shown."))
    return slot


def free_days(point, procedure, now=None):
    """[(day, slots)] the resident can choose from for `procedure`, with places left counted."""
    team = team_for(point, procedure)
    if team is None:
        return []
    return sorted(slots_by_day(point, team, now=now).items())


def next_free_slots(point, procedure=None, limit=3, now=None):
    """The first slots with a place left, for the ticket page when the point is closed.

    With a procedure: its team's slots. Without: the earliest slots of any team taking bookings.
    Each item is (slot, team).
    """
    if procedure is not None:
        teams = [t for t in [team_for(point, procedure)] if t is not None]
    else:
        teams = teams_at(point)
    found = []
    for team in teams:
        settings = settings_for(team)
        if settings.capacity <= 0:
            continue
        for _day, slots in sorted(slots_by_day(point, team, now=now, settings=settings).items()):
            free = [(s, team) for s in slots if s.left > 0]
            found.extend(free[:limit])
            if len(free) >= limit:
                break
    found.sort(key=lambda item: (item[0].day, item[0].start, item[1].ticket_prefix))
    return found[:limit]
