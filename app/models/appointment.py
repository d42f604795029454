"""Appointments: bookings of a time slot, the per-team booking settings and the slot counters."""

from flask_babel import lazy_gettext as _l

from ..extensions import db
from ..timeutil import utcnow

STATUSES = ("booked", "checked_in", "cancelled", "missed")
STATUS_NAMES = {  # the words the booking pages and the audit log use
    "booked": _l("Booked"),
    "checked_in": _l("Checked in"),
    "cancelled": _l("Cancelled"),
    "missed": _l("Missed"),
}


class BookingSettings(db.Model):
    """How one team of a point takes bookings; an admin edits it. No row: the defaults below."""

    DEFAULTS = {"slot_minutes": 30, "capacity": 2, "horizon_days": 14, "max_per_phone": 2}

    team_id = db.Column(db.ForeignKey("team.id", ondelete="CASCADE"), primary_key=True)
    point_id = db.Column(db.ForeignKey("service_point.id"), nullable=False, index=True)
    slot_minutes = db.Column(db.SmallInteger, nullable=False, default=30)
    capacity = db.Column(db.SmallInteger, nullable=False, default=2)  # bookings per slot
    horizon_days = db.Column(db.SmallInteger, nullable=False, default=14)  # how far ahead
    max_per_phone = db.Column(db.SmallInteger, nullable=False, default=2)  # future bookings
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow, onupdate=utcnow)

    team = db.relationship("Team")

    __table_args__ = (
        db.CheckConstraint("slot_minutes BETWEEN 5 AND 240", name="slot_minutes_range"),
        db.CheckConstraint("capacity BETWEEN 0 AND 100", name="capacity_range"),
        db.CheckConstraint("horizon_days BETWEEN 1 AND 120", name="horizon_range"),
        db.CheckConstraint("max_per_phone BETWEEN 1 AND 20", name="max_per_phone_range"),
    )


class SlotCounter(db.Model):
    """Bookings held in one slot of one team's line.

    Taking a place is `UPDATE ... SET booked = booked + 1 WHERE booked < :capacity` in the
    booking's own transaction: the row lock (PostgreSQL) or the write lock (SQLite) makes
    concurrent bookers of the last place queue up, and all but one see rowcount 0.
    """

    team_id = db.Column(db.ForeignKey("team.id", ondelete="CASCADE"), primary_key=True)
    day = db.Column(db.Date, primary_key=True)
    start = db.Column(db.Time, primary_key=True)
    point_id = db.Column(db.ForeignKey("service_point.id"), nullable=False)
    booked = db.Column(db.Integer, nullable=False, default=0)

    __table_args__ = (db.CheckConstraint("booked >= 0", name="booked_not_negative"),)


class Appointment(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    point_id = db.Column(db.ForeignKey("service_point.id"), nullable=False)
    procedure_id = db.Column(db.ForeignKey("procedure.id"), nullable=False)
    team_id = db.Column(db.ForeignKey("team.id"), nullable=False)
    day = db.Column(db.Date, nullable=False)  # Asia/Ho_Chi_Minh date
    start = db.Column(db.Time, nullable=False)  # local time the slot starts
    end = db.Column(db.Time, nullable=False)
    code = db.Column(db.String(8), nullable=False, unique=True)  # what the resident types
    token = db.Column(db.String(32), nullable=False, unique=True)  # the confirmation page's link
    name = db.Column(db.String(120), nullable=False)
    phone = db.Column(db.String(15), nullable=False, index=True)
    status = db.Column(db.String(12), nullable=False, default="booked")
    ticket_id = db.Column(db.ForeignKey("ticket.id"))
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    cancelled_at = db.Column(db.DateTime)
    checked_in_at = db.Column(db.DateTime)
    missed_at = db.Column(db.DateTime)
    checked_in_by_id = db.Column(db.ForeignKey("user.id"))
    # The booking form's one-time key with its answers (services/submissions.py): a double tap finds this booking.
    submission_key = db.Column(db.String(64), unique=True)

    point = db.relationship("ServicePoint")
    procedure = db.relationship("Procedure")
    team = db.relationship("Team")
    ticket = db.relationship("Ticket")

    __table_args__ = (
        db.Index("ix_appointment_point_day", "point_id", "day", "start"),
        db.CheckConstraint("status IN ('booked', 'checked_in', 'cancelled', 'missed')", name="status_values"),
    )

    @property
    def display_code(self):
        """K7M-Q3X: two halves are easier to read aloud and to type."""
        return f"{self.code[:3]}-{self.code[3:]}"

    @property
    def is_active(self):
        return self.status == "booked"

    def __repr__(self):
        return f"<Appointment {self.code} {self.day} {self.start} {self.status}>"
