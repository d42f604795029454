"""Booking figures of a period: appointments for its days and how many were used."""

from sqlalchemy import func, select

from ...extensions import db
from ...models import Appointment
from ...models.appointment import STATUSES as APPOINTMENT_STATUSES
from .dossiers import scope
from .periods import share


def booking_figures(period, point_id=None):
    """Bookings for days in the period and their use: checked in, missed, cancelled."""
    in_period = scope(Appointment.day.between(period.start, period.end), Appointment.point_id, point_id)
    by_status = dict(
        db.session.execute(
            select(Appointment.status, func.count()).where(in_period).group_by(Appointment.status)
        ).all()
    )
    total = sum(by_status.values())
    kept = total - by_status.get("cancelled", 0)
    return {
        "total": total,
        "by_status": {s: by_status.get(s, 0) for s in APPOINTMENT_STATUSES},
        "used_share": share(by_status.get("checked_in", 0), kept),
    }
