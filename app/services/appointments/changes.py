"""A resident's changes to a booking: cancel it, or move it to another slot of the same team."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import update

from ...extensions import db
from ...models import Appointment
from ...timeutil import LOCAL_TZ, utcnow
from ..transaction import all_or_nothing
from .places import release_place, take_place
from .rules import BookingError, SlotFull, now_local
from .settings import settings_for
from .slots import find_slot


def can_change(appointment, now=None):
    """Cancel or move: only a booking still held, before its slot starts."""
    now = now_local(now)
    return (
        appointment.status == "booked"
        and datetime.combine(appointment.day, appointment.start, LOCAL_TZ) > now
    )


ALREADY_YOURS = _l("This is already the time of your booking. Choose another time.")


def already_at(appointment, day, start):
    """The booking is held at this slot already: a move there changes nothing (a move made a moment
    ago, sent again by a double tap, asks for the slot the booking has now)."""
    return appointment.status == "booked" and (appointment.day, appointment.start) == (day, start)


def cancel(appointment, now=None):
    """Give the place back. Refused once the slot has started or the booking is over."""
    if not can_change(appointment, now):
        raise BookingError(_l("This booking can no longer be cancelled."))
    with all_or_nothing():
        done = db.session.execute(
            update(Appointment)
            .where(Appointment.id == appointment.id, Appointment.status == "booked")
            .values(status="cancelled", cancelled_at=utcnow(), submission_key=None)  # its form may book again
            .execution_options(synchronize_session=False)
        )
        if done.rowcount != 1:
            raise BookingError(_l("This booking can no longer be cancelled."))
        release_place(appointment.team_id, appointment.day, appointment.start)
    db.session.refresh(appointment)
    return appointment


def move(appointment, day, start, now=None):
    """Move the booking to another slot of the same team: the new place is taken first."""
    now = now_local(now)
    if not can_change(appointment, now):
        raise BookingError(_l("This booking can no longer be moved."))
    point, team = appointment.point, appointment.team
    settings = settings_for(team)
    slot = find_slot(point, team, day, start, now, settings)
    if (slot.day, slot.start) == (appointment.day, appointment.start):
        raise BookingError(ALREADY_YOURS)
    old_day, old_start = appointment.day, appointment.start
    with all_or_nothing():
        if not take_place(point.id, team.id, slot.day, slot.start, settings.capacity):
            raise SlotFull(
                _l("Someone has just taken the last place at %(time)s. Choose another time.", time=slot.key)
            )
        done = db.session.execute(
            update(Appointment)
            .where(
                Appointment.id == appointment.id,
                Appointment.status == "booked",
                Appointment.day == old_day,
                Appointment.start == old_start,
            )
            .values(day=slot.day, start=slot.start, end=slot.end)
            .execution_options(synchronize_session=False)
        )
        if done.rowcount != 1:
            raise BookingError(_l("This booking can no longer be moved."))
        release_place(team.id, old_day, old_start)
    db.session.refresh(appointment)
    return appointment
