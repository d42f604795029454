"""Bookings on a day the point turned out to be closed, or at a time its hours no longer cover: which
ones they are, and why.

A closure added after residents booked, or a weekly session shortened, ended or deleted (G7), leaves
their bookings held; nothing moves them by itself. These read-only answers let the admin, the
resident's booking page and staff's day list say so.
"""

from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ...extensions import db
from ...models import Appointment, ServicePoint
from ..schedule import Calendar
from .changes import can_change
from .rules import now_local

HOURS_CHANGED = _l("the opening hours have changed")
HOURS_WINDOW_DAYS = 90  # how far ahead an hours change is checked against the bookings held


def closure_reason(point, day, at=None, until=None):
    """Why `point` is closed on `day` (a closure or a public holiday), or None when it opens that day.

    With `at` (and `until`, the booking's end): None too when an opening that day covers that time,
    as the point is open then; on a day that is not closed, a time no opening covers any more has
    HOURS_CHANGED as its reason.
    """
    return _closed_at(Calendar(point, day, day).plan(day), at, until)


def _closed_at(plan, at=None, until=None):
    if at is None:
        return plan.closed_reason
    if _covered(plan, at, until):
        return None
    return plan.closed_reason or str(HOURS_CHANGED)


def _covered(plan, at, until=None):
    return any(s.start <= at < s.end and (until is None or until <= s.end) for s in plan.openings)


def closure_of(appointment, now=None):
    """The reason the point is closed at a booking's time, for a booking that can still be changed."""
    if not can_change(appointment, now):
        return None
    return closure_reason(appointment.point, appointment.day, appointment.start, appointment.end)


def bookings_hit(closed_day, now=None):
    """The bookings still held, and still ahead, that a closure falls on (every point's when it has none)."""
    if closed_day.is_extra:
        return []
    query = select(Appointment).where(Appointment.day == closed_day.date, Appointment.status == "booked")
    if closed_day.point_id is not None:
        query = query.where(Appointment.point_id == closed_day.point_id)
    rows = db.session.scalars(query.order_by(Appointment.point_id, Appointment.start, Appointment.id)).all()
    plans, hit = {}, []
    for a in rows:
        if a.point_id not in plans:
            plans[a.point_id] = Calendar(a.point, a.day, a.day).plan(a.day)
        plan = plans[a.point_id]
        if can_change(a, now) and plan.closed_reason is not None and not _covered(plan, a.start):
            hit.append(a)
    return hit


def bookings_outside_hours(point, now=None, days=HOURS_WINDOW_DAYS):
    """The point's bookings still held in the next `days` days whose time its weekly sessions no longer
    cover, on days it is not closed (a closure has its own notice and message)."""
    today = now_local(now).date()
    last = today + timedelta(days=days)
    rows = db.session.scalars(
        select(Appointment)
        .where(Appointment.point_id == point.id, Appointment.status == "booked")
        .where(Appointment.day.between(today, last))
        .order_by(Appointment.day, Appointment.start, Appointment.id)
    ).all()
    if not rows:
        return []
    calendar, plans = Calendar(point, today, last), {}
    hit = []
    for a in rows:
        plan = plans.get(a.day) or plans.setdefault(a.day, calendar.plan(a.day))
        if plan.closed_reason is None and can_change(a, now) and not _covered(plan, a.start, a.end):
            hit.append(a)
    return hit


def outside_hours_on(point, day):
    """How many bookings held on `day` the point's opening hours no longer cover (0 on a closed day,
    whose own notice counts them all), for staff's day list."""
    plan = Calendar(point, day, day).plan(day)
    if plan.closed_reason is not None:
        return 0
    held = db.session.scalars(
        select(Appointment).where(
            Appointment.point_id == point.id, Appointment.day == day, Appointment.status == "booked"
        )
    )
    return sum(1 for a in held if not _covered(plan, a.start, a.end))


def hits_by_day(bookings):
    """[(day, count)] in date order, for the admin's message after an hours change."""
    counts = {}
    for appointment in bookings:
        counts[appointment.day] = counts.get(appointment.day, 0) + 1
    return sorted(counts.items())


def hits_by_point(bookings):
    """[(point, count)] in the order of the points, for the admin's message."""
    counts = {}
    for appointment in bookings:
        counts[appointment.point_id] = counts.get(appointment.point_id, 0) + 1
    points = db.session.scalars(
        select(ServicePoint).where(ServicePoint.id.in_(counts)).order_by(ServicePoint.id)
    )
    return [(point, counts[point.id]) for point in points]
