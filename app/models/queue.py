"""The live queue: tickets, their gap-free daily counters and every step taken on them."""

from flask_babel import lazy_gettext as _l

from ..extensions import db
from ..timeutil import utcnow

CHANNELS = ("phone", "office", "desk", "appointment", "kiosk")
PRIORITIES = ("elderly", "disabled", "pregnant", "child")
STATUSES = ("waiting", "called", "serving", "done", "no_show", "cancelled", "transferred")
WAITING = ("waiting", "transferred")  # in line, not yet at a desk
AT_DESK = ("called", "serving")
FINISHED = ("done", "no_show", "cancelled")

# What people read for the values above and for the moves desks make (TicketEvent.action).
STATUS_NAMES = {
    "waiting": _l("waiting"),
    "called": _l("called"),
    "serving": _l("being served"),
    "done": _l("done"),
    "no_show": _l("not present"),
    "cancelled": _l("cancelled"),
    "transferred": _l("transferred"),
}
PRIORITY_NAMES = {
    "elderly": _l("Elderly person"),
    "disabled": _l("Person with a disability"),
    "pregnant": _l("Pregnant woman"),
    "child": _l("With a small child"),
}
CHANNEL_NAMES = {
    "phone": _l("own phone"),
    "office": _l("office PC"),
    "desk": _l("desk"),
    "appointment": _l("appointment"),
    "kiosk": _l("kiosk"),
}
ACTION_NAMES = {
    "call": _l("call"),
    "recall": _l("call again"),
    "start": _l("start serving"),
    "finish": _l("finish"),
    "no_show": _l("mark as not present"),
    "transfer": _l("transfer"),
    "cancel": _l("cancel"),
}


def _in(values):
    return "IN (" + ", ".join(f"'{v}'" for v in values) + ")"


class TicketCounter(db.Model):
    """The last number issued per point, service day and prefix.

    One row per (point, day, prefix), bumped with INSERT ... ON CONFLICT DO UPDATE ... RETURNING
    inside the transaction that inserts the ticket: a failed insert rolls the number back, so
    numbers never skip, and the row lock serialises issuers across workers and instances.
    """

    point_id = db.Column(db.ForeignKey("service_point.id"), primary_key=True)
    service_day = db.Column(db.Date, primary_key=True)
    prefix = db.Column(db.String(2), primary_key=True)
    last_number = db.Column(db.Integer, nullable=False, default=0)


class Ticket(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    point_id = db.Column(db.ForeignKey("service_point.id"), nullable=False)
    service_day = db.Column(db.Date, nullable=False)  # Asia/Ho_Chi_Minh date
    prefix = db.Column(db.String(2), nullable=False)
    number = db.Column(db.Integer, nullable=False)
    procedure_id = db.Column(db.ForeignKey("procedure.id"), nullable=False)
    team_id = db.Column(db.ForeignKey("team.id"))  # the queue it waits in
    desk_id = db.Column(db.ForeignKey("desk.id"))  # desk calling/serving, or transfer target
    channel = db.Column(db.String(12), nullable=False, default="phone")
    priority = db.Column(db.String(12))  # None: no priority
    phone = db.Column(db.String(15), index=True)
    status = db.Column(db.String(12), nullable=False, default="waiting")
    token = db.Column(db.String(32), nullable=False, unique=True)
    issued_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    called_at = db.Column(db.DateTime)
    started_at = db.Column(db.DateTime)
    finished_at = db.Column(db.DateTime)
    call_count = db.Column(db.SmallInteger, nullable=False, default=0)
    issued_by_id = db.Column(db.ForeignKey("user.id"))
    staff_id = db.Column(db.ForeignKey("user.id"))  # staff who acted last
    version = db.Column(db.Integer, nullable=False, default=1)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow, onupdate=utcnow)
    # The ticket form's one-time key with its answers (services/submissions.py): a double tap finds this ticket.
    submission_key = db.Column(db.String(64), unique=True)

    point = db.relationship("ServicePoint")
    procedure = db.relationship("Procedure")
    team = db.relationship("Team")
    desk = db.relationship("Desk")
    issued_by = db.relationship("User", foreign_keys=[issued_by_id])
    staff = db.relationship("User", foreign_keys=[staff_id])
    events = db.relationship(
        "TicketEvent", back_populates="ticket", order_by="TicketEvent.id", cascade="all, delete-orphan"
    )

    # Optimistic locking: every UPDATE says WHERE version = <what we read>, so two desks
    # acting on the same ticket at once cannot both win (StaleDataError for the loser).
    __mapper_args__ = {"version_id_col": version}

    __table_args__ = (
        db.UniqueConstraint("point_id", "service_day", "prefix", "number"),
        db.Index("ix_ticket_point_day_status", "point_id", "service_day", "status"),
        db.CheckConstraint(f"channel {_in(CHANNELS)}", name="channel_values"),
        db.CheckConstraint(f"status {_in(STATUSES)}", name="status_values"),
        db.CheckConstraint(f"priority IS NULL OR priority {_in(PRIORITIES)}", name="priority_values"),
    )

    @property
    def label(self):
        """A012: what the resident, the desk and the board call this ticket."""
        return f"{self.prefix}{self.number:03d}"

    @property
    def spoken(self):
        """A 12: how the board says it (a speech engine reads 012 digit by digit)."""
        return f"{self.prefix} {self.number}"

    @property
    def is_waiting(self):
        return self.status in WAITING

    @property
    def is_finished(self):
        return self.status in FINISHED

    def __repr__(self):
        return f"<Ticket {self.label} {self.status}>"


class TicketEvent(db.Model):
    """One step in a ticket's life: who moved it from which status to which, at which desk, when."""

    id = db.Column(db.Integer, primary_key=True)
    ticket_id = db.Column(db.ForeignKey("ticket.id", ondelete="CASCADE"), nullable=False, index=True)
    action = db.Column(db.String(16), nullable=False)
    from_status = db.Column(db.String(12))
    to_status = db.Column(db.String(12), nullable=False)
    desk_id = db.Column(db.ForeignKey("desk.id"))
    user_id = db.Column(db.ForeignKey("user.id"))
    at = db.Column(db.DateTime, nullable=False, default=utcnow, index=True)
    note = db.Column(db.String(200))

    ticket = db.relationship("Ticket", back_populates="events")
    desk = db.relationship("Desk")
    user = db.relationship("User")


class QueueVersion(db.Model):
    """What residents and the board see at a point on a service day, as one changing number.

    Written only by the move record (services/queue/record.py), in the transaction of every
    change that alters a ticket card or the board. Each bump stores a fresh random number, not
    n + 1: it only has to differ from every version a worker may have cached, and a counter
    would repeat old numbers after a database is restored from a backup.
    """

    point_id = db.Column(db.ForeignKey("service_point.id"), primary_key=True)
    service_day = db.Column(db.Date, primary_key=True)
    version = db.Column(db.BigInteger, nullable=False)
