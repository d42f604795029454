"""What the reports keep of their own: daily ticket and dossier rollups, the national-index ticks on dossiers,
and the indexes the reports need on other tables."""

from sqlalchemy.orm import declared_attr

from ..extensions import db
from ..timeutil import utcnow


class ReportDay(db.Model):
    """A (point, service day) whose tickets are rolled up into TicketDaySummary rows.

    Reports read the summaries of a day only when this row exists; a day without it (today, or a
    past day not rolled up yet or changed since) is computed live from its tickets.
    """

    point_id = db.Column(db.ForeignKey("service_point.id"), primary_key=True)
    day = db.Column(db.Date, primary_key=True)
    tickets = db.Column(db.Integer, nullable=False, default=0)
    served = db.Column(db.Integer, nullable=False, default=0, server_default="0")  # for the daily chart
    rolled_up_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    __table_args__ = (db.Index("ix_report_day_day", "day"),)


class _PointRow:
    """A summary row of one point (daily or monthly)."""

    id = db.Column(db.Integer, primary_key=True)

    @declared_attr
    def point_id(cls):
        return db.Column(db.ForeignKey("service_point.id"), nullable=False)


class _TicketCell(_PointRow):
    """Ticket counts and time histograms of one (team, procedure), daily or monthly.

    `wait_minutes` and `service_minutes` are histograms: little-endian uint32 counts, entry m for
    durations that round to m minutes, the last possible entry (HISTOGRAM_CAP) for a day or more;
    trailing zeros are left off. See app/services/reports/histograms.py. `channels`: tickets per
    Ticket.channel (phone, kiosk...), JSON with sorted keys.
    """

    team_id = db.Column(db.Integer)
    procedure_id = db.Column(db.Integer)
    issued = db.Column(db.Integer, nullable=False, default=0)
    served = db.Column(db.Integer, nullable=False, default=0)
    no_show = db.Column(db.Integer, nullable=False, default=0)
    cancelled = db.Column(db.Integer, nullable=False, default=0)
    still_open = db.Column(db.Integer, nullable=False, default=0)
    wait_count = db.Column(db.Integer, nullable=False, default=0)
    service_count = db.Column(db.Integer, nullable=False, default=0)
    wait_minutes = db.Column(db.LargeBinary, nullable=False, default=b"")
    service_minutes = db.Column(db.LargeBinary, nullable=False, default=b"")
    channels = db.Column(db.String(200), nullable=False, default="{}")  # JSON {channel: tickets}


class TicketDaySummary(_TicketCell, db.Model):
    """One point's tickets of one service day for one (team, procedure): counts and time histograms."""

    day = db.Column(db.Date, nullable=False)

    __table_args__ = (db.Index("ix_ticket_day_summary_day_point", "day", "point_id"),)


class DossierReportDay(db.Model):
    """A (point, local day of submission) whose dossiers are rolled up into DossierDayCount and
    DossierDayTimed rows. Rows exist only while this row does (written and dropped together)."""

    point_id = db.Column(db.ForeignKey("service_point.id"), primary_key=True)
    day = db.Column(db.Date, primary_key=True)
    dossiers = db.Column(db.Integer, nullable=False, default=0)
    rolled_up_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    __table_args__ = (db.Index("ix_dossier_report_day_day", "day"),)


class _DossierCount(_PointRow):
    """How many dossiers share these values and ticks (daily or monthly).

    The procedure's online level is not kept: reports join it, so editing a procedure needs no
    new rollup. NULL ticks mean the dossier has no NationalFiling row, as in the live figures.
    """

    procedure_id = db.Column(db.Integer)
    channel = db.Column(db.String(20))
    status = db.Column(db.String(20))
    national_channel = db.Column(db.String(10))
    payment = db.Column(db.String(10))
    vneid_level2 = db.Column(db.Boolean)
    digitised = db.Column(db.Boolean)
    data_reused = db.Column(db.Boolean)
    count = db.Column(db.Integer, nullable=False)


class _DossierTimed(_PointRow):
    """Dossiers with a due date, for the on-time shares (daily or monthly): grouped by (status, due
    date, local day the result was ready) when never asked for a supplement, else one row each
    (with its id and how many supplement requests), as dossiers.read() returns them live."""

    status = db.Column(db.String(20))
    due = db.Column(db.Date)
    done_day = db.Column(db.Date)
    count = db.Column(db.Integer, nullable=False)
    dossier_id = db.Column(db.Integer)
    supplements = db.Column(db.Integer, nullable=False, default=0)


class DossierDayCount(_DossierCount, db.Model):
    """How many dossiers of one point, submitted on one local day, share these values and ticks."""

    day = db.Column(db.Date, nullable=False)

    __table_args__ = (db.Index("ix_dossier_day_count_day_point", "day", "point_id"),)


class DossierDayTimed(_DossierTimed, db.Model):
    """The on-time rows of one point-day. Finished dossiers never asked for papers are two counts a
    day: on time (due = done_day = day) and late (done_day the day after); open ones keep their due
    date (whether late depends on today)."""

    day = db.Column(db.Date, nullable=False)

    __table_args__ = (db.Index("ix_dossier_day_timed_day_point", "day", "point_id"),)


class ReportMonth(db.Model):
    """A (kind, point, calendar month) whose daily rollups are summed into monthly rows, so a long
    period reads a row per month instead of per day. `kind` is "tickets" (TicketMonthSummary) or
    "dossiers" (DossierMonthCount, DossierMonthTimed). It exists only while every day of the month
    is rolled up; rows exist only while it does (written and dropped together)."""

    kind = db.Column(db.String(10), primary_key=True)
    point_id = db.Column(db.ForeignKey("service_point.id"), primary_key=True)
    month = db.Column(db.Date, primary_key=True)  # the month's first day
    rolled_up_at = db.Column(db.DateTime, nullable=False, default=utcnow)


class TicketMonthSummary(_TicketCell, db.Model):
    """TicketDaySummary rows of one point-month added up per (team, procedure, kind of day:
    weekday, saturday or sunday); histograms summed entry by entry."""

    month = db.Column(db.Date, nullable=False)
    day_type = db.Column(db.String(8), nullable=False)

    __table_args__ = (db.Index("ix_ticket_month_summary_month_point", "month", "point_id"),)


class DossierMonthCount(_DossierCount, db.Model):
    """DossierDayCount rows of one point-month added up (same groups)."""

    month = db.Column(db.Date, nullable=False)

    __table_args__ = (db.Index("ix_dossier_month_count_month_point", "month", "point_id"),)


class DossierMonthTimed(_DossierTimed, db.Model):
    """DossierDayTimed rows of one point-month added up: finished dossiers never asked for papers
    as two counts (on time: due = done_day = the month's first day; late: done_day a day later),
    open ones by due date, one row per dossier asked for papers."""

    month = db.Column(db.Date, nullable=False)

    __table_args__ = (db.Index("ix_dossier_month_timed_month_point", "month", "point_id"),)


NATIONAL_CHANNELS = ("in_person", "online", "postal")
PAYMENTS = ("none", "desk", "online")


class NationalFiling(db.Model):
    """How a dossier went through the national system, as staff tick it when filing or updating.

    These are the facts Decision 766/QĐ-TTg scores and `Dossier` lacks: the national channel (not
    `Dossier.channel`, which says who prepared it: self / volunteer / paper), a level-2 VNeID
    sign-in, how the fee was paid, papers scanned into the store, already-digitised data reused.
    A dossier without this row counts as not ticked: in person, nothing digitised.
    """

    dossier_id = db.Column(db.ForeignKey("dossier.id", ondelete="CASCADE"), primary_key=True)
    national_channel = db.Column(db.String(10))
    payment = db.Column(db.String(10))
    vneid_level2 = db.Column(db.Boolean, nullable=False, default=False)
    digitised = db.Column(db.Boolean, nullable=False, default=False)
    data_reused = db.Column(db.Boolean, nullable=False, default=False)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow, onupdate=utcnow)
    updated_by_id = db.Column(db.ForeignKey("user.id"))

    dossier = db.relationship(
        "Dossier", backref=db.backref("national_filing", uselist=False, cascade="all, delete-orphan")
    )

    __table_args__ = (
        db.CheckConstraint(
            "national_channel IN ('in_person', 'online', 'postal')", name="national_channel_values"
        ),
        db.CheckConstraint("payment IN ('none', 'desk', 'online')", name="payment_values"),
    )


UNIT_KINDS = ("ward", "group")


class UnitName(db.Model):
    """The name of a point's ward or residential group from a day on (wards merge; names are data).

    Before a point's first row of a kind, the name is ServicePoint.ward / residential_group.
    Reports name a unit as it was on the period's last day, so recording a merger leaves every
    past period's figures and CSV unchanged; "as it is now" uses the names in force today.
    """

    id = db.Column(db.Integer, primary_key=True)
    point_id = db.Column(db.ForeignKey("service_point.id"), nullable=False)
    kind = db.Column(db.String(5), nullable=False)
    name = db.Column(db.String(120), nullable=False)
    effective_from = db.Column(db.Date, nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    __table_args__ = (
        db.UniqueConstraint("point_id", "kind", "effective_from"),
        db.CheckConstraint("kind IN ('ward', 'group')", name="kind_values"),
    )


# Indexes the reports need on other features' tables (created in migrations 0006 and 0008),
# declared here so the models and the migrations agree (`flask db check` stays clean).
def _report_indexes():
    from .appointment import Appointment
    from .dossier import Dossier, DossierEvent
    from .outreach import Rating
    from .queue import Ticket

    return [
        db.Index("ix_report_ticket_day", Ticket.service_day),
        db.Index("ix_report_dossier_point_submitted", Dossier.point_id, Dossier.submitted_at),
        db.Index("ix_report_dossier_submitted", Dossier.submitted_at),
        db.Index("ix_report_rating_point_created", Rating.point_id, Rating.created_at),
        db.Index("ix_report_appointment_day", Appointment.day),
        db.Index(
            "ix_report_dossier_submitted_cover",
            Dossier.submitted_at,
            Dossier.status,
            Dossier.channel,
            Dossier.procedure_id,
            Dossier.due_date,
        ),
        db.Index(
            "ix_report_dossier_event_cover", DossierEvent.dossier_id, DossierEvent.status, DossierEvent.at
        ),
    ]


REPORT_INDEXES = _report_indexes()
