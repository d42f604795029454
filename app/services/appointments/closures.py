"""Bookings on a day the point turned out to be closed: which ones they are, and why it is closed.

A closure added after residents booked leaves their bookings held; nothing moves them by itself.
These read-only answers let the admin, the resident's booking page and staff's day list say so.
"""

from sqlalchemy import select

from ...extensions import db
from ...models import Appointment, ServicePoint
from ..schedule import Calendar
from .changes import can_change


def closure_reason(point, day, at=None):
    """Why `point` is closed on `day` (a closure or a public holiday), or None when it opens that day.

    With `at`: None too when an extra opening that day covers that time, as the point is open then.
    """
    return _closed_at(Calendar(point, day, day).plan(day), at)


def _closed_at(plan, at=None):
    if plan.closed_reason is None:
        return None
    if at is not None and any(s.start <= at < s.end for s in plan.openings):
        return None
    return plan.closed_reason


def closure_of(appointment, now=None):
    """The reason the point is closed at a booking's time, for a booking that can still be changed."""
    if not can_change(appointment, now):
        return None
    return closure_reason(appointment.point, appointment.day, appointment.start)


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
        if can_change(a, now) and _closed_at(plans[a.point_id], a.start):
            hit.append(a)
    return hit


def hits_by_point(bookings):
    """[(point, count)] in the order of the points, for the admin's message."""
    counts = {}
    for appointment in bookings:
        counts[appointment.point_id] = counts.get(appointment.point_id, 0) + 1
    points = db.session.scalars(
        select(ServicePoint).where(ServicePoint.id.in_(counts)).order_by(ServicePoint.id)
    )
    return [(point, counts[point.id]) for point in points]
