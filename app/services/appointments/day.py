"""The day at the point: staff's list of bookings, missed bookings, check-in into the live queue."""

from dataclasses import dataclass
from datetime import time, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, or_, select, update

from ...extensions import db
from ...models import Appointment
from ...timeutil import utcnow
from .. import audit, queue
from ..transaction import all_or_nothing
from .rules import BookingError, config, now_local
from .settings import teams_with_settings
from .slots import slots_by_day


def mark_missed(point=None, now=None):
    """Bookings not checked in some minutes after their slot ended become "missed"; returns how many."""
    now = now_local(now)
    grace = config("APPOINTMENT_MISSED_AFTER_MINUTES")
    cutoff = now - timedelta(minutes=grace)
    cutoff_time = cutoff.time().replace(tzinfo=None)
    stmt = (
        update(Appointment)
        .where(
            Appointment.status == "booked",
            or_(
                Appointment.day < cutoff.date(),
                and_(Appointment.day == cutoff.date(), Appointment.end <= cutoff_time),
            ),
        )
        .values(status="missed", missed_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if point is not None:
        stmt = stmt.where(Appointment.point_id == point.id)
    with all_or_nothing():
        count = db.session.execute(stmt).rowcount
    return count


@dataclass
class SlotRow:
    start: time
    end: time
    capacity: int
    bookings: list

    @property
    def held(self):
        return sum(1 for b in self.bookings if b.status in ("booked", "checked_in", "missed"))


_LIST_ORDER = {"booked": 0, "checked_in": 1, "missed": 2, "cancelled": 3}


def day_list(point, day, now=None):
    """[(team, [SlotRow])] of `day`: each team's slots with their bookings, cancelled ones last."""
    if day <= now_local(now).date():
        mark_missed(point, now)  # lazily, when staff open the list (the CLI does it on a timer)
    bookings = db.session.scalars(
        select(Appointment)
        .filter_by(point_id=point.id, day=day)
        .order_by(Appointment.start, Appointment.created_at, Appointment.id)  # same second: booked first
    ).all()
    result = []
    for team, settings in teams_with_settings(point):
        rows = {}
        for slots in slots_by_day(point, team, day, day, now, settings, include_past=True).values():
            for s in slots:
                rows[s.start] = SlotRow(s.start, s.end, s.capacity, [])
        for b in bookings:
            if b.team_id == team.id:
                rows.setdefault(b.start, SlotRow(b.start, b.end, settings.capacity, [])).bookings.append(b)
        for row in rows.values():
            row.bookings.sort(key=lambda b: _LIST_ORDER[b.status])
        if rows:
            result.append((team, [rows[k] for k in sorted(rows)]))
    return result


def check_in(appointment, user=None, now=None):
    """The resident has arrived: the booking becomes a ticket at the head of the live queue.

    Claiming the booking and issuing the ticket commit together (issue_ticket commits our
    pending UPDATE with its ticket), so a double tap cannot make two tickets.
    """
    now = now_local(now)
    if appointment.status == "checked_in":
        raise BookingError(_l("This booking is already checked in."))
    if appointment.status == "cancelled":
        raise BookingError(_l("This booking was cancelled."))
    if appointment.day != now.date():
        raise BookingError(
            _l("This booking is for %(date)s, not today.", date=appointment.day.strftime("%d/%m/%Y"))
        )
    point, procedure = appointment.point, appointment.procedure
    queue.check_open(point, now)  # QueueClosed says when the point opens again
    try:
        claimed = db.session.execute(
            update(Appointment)
            .where(Appointment.id == appointment.id, Appointment.status.in_(("booked", "missed")))
            .values(status="checked_in", checked_in_at=utcnow(), checked_in_by_id=getattr(user, "id", None))
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount != 1:
            raise BookingError(_l("This booking is already checked in."))
        audit.record(
            "appointment.check_in",
            "appointment",
            appointment.id,
            user=user,
            point_id=point.id,
            before={"status": appointment.status},
            after={"status": "checked_in"},
        )
    except BaseException:
        db.session.rollback()
        raise
    ticket = queue.issue_ticket(
        point, procedure, channel="appointment", phone=appointment.phone, user=user, now=now
    )
    db.session.execute(
        update(Appointment)
        .where(Appointment.id == appointment.id)
        .values(ticket_id=ticket.id)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    db.session.refresh(appointment)
    return ticket


def appointment_for_staff(appointment_id, user):
    appointment = db.session.get(Appointment, appointment_id)
    if appointment is None:
        return None
    if user.point_id is not None and appointment.point_id != user.point_id:
        return None
    return appointment
