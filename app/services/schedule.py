"""When a service point is open: weekly sessions, public holidays, closures and extra openings.

All reasoning happens in Asia/Ho_Chi_Minh local time.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays
from sqlalchemy import or_, select

from ..extensions import db
from ..models import ClosedDay, OpeningSession
from ..timeutil import LOCAL_TZ, local_now

SEARCH_DAYS = 60  # how far ahead "next opening" looks (Tết can close a point for a week)


@lru_cache(maxsize=32)
def _holidays_for(year):
    return holidays.country_holidays("VN", years=year, language="vi")


def public_holiday(day):
    """The holiday's Vietnamese name, or None. Lunar Tết and Hùng Kings' day included."""
    return _holidays_for(day.year).get(day)


@dataclass(frozen=True)
class Slot:
    """One opening on one day."""

    day: date
    start: time
    end: time
    extra: bool = False
    note: str | None = None

    @property
    def starts_at(self):
        return datetime.combine(self.day, self.start, LOCAL_TZ)

    @property
    def ends_at(self):
        return datetime.combine(self.day, self.end, LOCAL_TZ)


def merge(slots):
    """The day's openings as a resident lives them: sessions that overlap or touch become one.

    An extra opening 06:30-08:00 over a 07:30-11:30 session means "open 06:30-11:30", so "until"
    and "next opening" read these; the booking grid keeps the separate sessions (slots.py).
    """
    merged = []
    for slot in sorted(slots, key=lambda s: (s.start, s.end)):
        last = merged[-1] if merged else None
        if last is None or slot.start > last.end:
            merged.append(slot)
            continue
        merged[-1] = Slot(
            last.day,
            last.start,
            max(last.end, slot.end),
            last.extra and slot.extra,  # a run that holds regular hours is a regular opening
            last.note if last.note == slot.note else None,
        )
    return tuple(merged)


@dataclass(frozen=True)
class DayPlan:
    day: date
    slots: tuple  # each session and extra opening on its own (the booking grid cuts these)
    closed_reason: str | None = None

    @property
    def openings(self):
        """The slots with overlapping or adjacent ones merged: when the point is really open."""
        return merge(self.slots)


class Calendar:
    """The opening calendar of one point over a range of days, loaded with two queries."""

    def __init__(self, point, first_day, last_day):
        self.point = point
        self.sessions = db.session.scalars(
            select(OpeningSession)
            .where(
                OpeningSession.point_id == point.id,
                OpeningSession.effective_from <= last_day,
                or_(OpeningSession.effective_to.is_(None), OpeningSession.effective_to >= first_day),
            )
            .order_by(OpeningSession.start)
        ).all()
        exceptions = db.session.scalars(
            select(ClosedDay).where(
                or_(ClosedDay.point_id == point.id, ClosedDay.point_id.is_(None)),
                ClosedDay.date.between(first_day, last_day),
            )
        ).all()
        self.exceptions = {}
        for row in exceptions:
            self.exceptions.setdefault(row.date, []).append(row)

    def plan(self, day):
        rows = self.exceptions.get(day, [])
        extras = tuple(
            Slot(day, r.start or time(0, 0), r.end or time(23, 59), True, r.t("reason"))
            for r in rows
            if r.is_extra
        )
        closure = next((r for r in rows if not r.is_extra), None)
        if closure is not None:
            return DayPlan(day, extras, closure.t("reason"))
        holiday = public_holiday(day)
        if holiday:
            return DayPlan(day, extras, holiday)
        regular = tuple(
            Slot(day, s.start, s.end, False, s.t("note")) for s in self.sessions if s.applies_on(day)
        )
        return DayPlan(day, tuple(sorted(regular + extras, key=lambda s: s.start)))


@dataclass(frozen=True)
class OpenStatus:
    is_open: bool
    current: Slot | None  # the slot open now
    next_slot: Slot | None  # the next slot that starts after now
    closed_today_reason: str | None


def status(point, now=None):
    """Is the point open at `now` (aware, any zone; default: now), and when does it next open?"""
    now = (now or local_now()).astimezone(LOCAL_TZ)
    today = now.date()
    calendar = Calendar(point, today, today + timedelta(days=SEARCH_DAYS))
    today_plan = calendar.plan(today)
    current = next((s for s in today_plan.openings if s.starts_at <= now < s.ends_at), None)
    next_slot = None
    for offset in range(SEARCH_DAYS + 1):
        plan = calendar.plan(today + timedelta(days=offset))
        next_slot = next((s for s in plan.openings if s.starts_at > now), None)
        if next_slot:
            break
    return OpenStatus(current is not None, current, next_slot, today_plan.closed_reason)


def weekly_hours(point, on=None):
    """The regular sessions in force on `on` (default today), grouped by weekday 0..6."""
    on = on or local_now().date()
    sessions = db.session.scalars(
        select(OpeningSession)
        .where(
            OpeningSession.point_id == point.id,
            OpeningSession.effective_from <= on,
            or_(OpeningSession.effective_to.is_(None), OpeningSession.effective_to >= on),
        )
        .order_by(OpeningSession.weekday, OpeningSession.start)
    ).all()
    week = {day: [] for day in range(7)}
    for s in sessions:
        week[s.weekday].append(s)
    return week


# An extra opening's default note is the kind's own name: saying it again beside the label tells nothing.
EXTRA_NAMES = ("Mở cửa bổ sung", "Extra opening")


def _own_note(note):
    """The note of an extra opening, unless it only repeats the name of the kind."""
    said = (note or "").strip().casefold()
    return None if not said or said in {name.casefold() for name in EXTRA_NAMES} else note


def upcoming_changes(point, days=30, today=None):
    """Closures, holidays and extra openings in the next `days` days, for the home page."""
    today = today or local_now().date()
    calendar = Calendar(point, today, today + timedelta(days=days))
    changes = []
    for offset in range(days + 1):
        day = today + timedelta(days=offset)
        plan = calendar.plan(day)
        if plan.closed_reason and (calendar.sessions and any(s.applies_on(day) for s in calendar.sessions)):
            changes.append(("closed", day, plan.closed_reason, None))
        for slot in plan.slots:
            if slot.extra:
                changes.append(("extra", day, _own_note(slot.note), slot))
    return changes


def add_extra_opening(point, hours, now=None, reason_vi=EXTRA_NAMES[0], reason_en=EXTRA_NAMES[1]):
    """An extra session from now for `hours` hours (campaign days, drills), ending by midnight."""
    now = (now or local_now()).astimezone(LOCAL_TZ).replace(second=0, microsecond=0)
    end = now + timedelta(hours=hours)
    if end.date() != now.date():
        end = datetime.combine(now.date(), time(23, 59), LOCAL_TZ)
    row = ClosedDay(
        point=point,
        date=now.date(),
        kind="extra",
        start=now.time(),
        end=end.time(),
        reason_vi=reason_vi,
        reason_en=reason_en,
    )
    db.session.add(row)
    db.session.commit()
    return row
