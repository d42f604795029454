"""Service points and when they open: weekly sessions, closures and extra openings."""

from datetime import time

from flask_babel import lazy_gettext as _l

from ..extensions import db
from .base import Bilingual


class ServicePoint(Bilingual, db.Model):
    id = db.Column(db.Integer, primary_key=True)
    slug = db.Column(db.String(60), unique=True, nullable=False)
    name_vi = db.Column(db.String(200), nullable=False)
    name_en = db.Column(db.String(200))
    ward = db.Column(db.String(120), nullable=False)
    residential_group = db.Column(db.String(120))
    city = db.Column(db.String(120))
    province = db.Column(db.String(120))
    address = db.Column(db.String(300), nullable=False)
    directions_vi = db.Column(db.Text)
    directions_en = db.Column(db.Text)
    phone = db.Column(db.String(20))
    latitude = db.Column(db.Float)
    longitude = db.Column(db.Float)
    ticket_header = db.Column(db.String(200))
    active = db.Column(db.Boolean, nullable=False, default=True)

    sessions = db.relationship(
        "OpeningSession",
        back_populates="point",
        order_by="(OpeningSession.weekday, OpeningSession.start)",
        cascade="all, delete-orphan",
    )

    @property
    def map_url(self):
        if self.latitude is None or self.longitude is None:
            return None
        return f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}#map=18/{self.latitude}/{self.longitude}"

    def __repr__(self):
        return f"<ServicePoint {self.slug}>"


class OpeningSession(Bilingual, db.Model):
    """A weekly session (weekday 0 = Monday) valid between two dates, both inclusive."""

    id = db.Column(db.Integer, primary_key=True)
    point_id = db.Column(db.ForeignKey("service_point.id"), nullable=False, index=True)
    weekday = db.Column(db.SmallInteger, nullable=False)
    start = db.Column(db.Time, nullable=False)
    end = db.Column(db.Time, nullable=False)
    effective_from = db.Column(db.Date, nullable=False)
    effective_to = db.Column(db.Date)
    note_vi = db.Column(db.String(200))
    note_en = db.Column(db.String(200))

    point = db.relationship("ServicePoint", back_populates="sessions")

    __table_args__ = (
        db.CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_range"),
        db.CheckConstraint('start < "end"', name="start_before_end"),
    )

    def applies_on(self, day):
        return (
            day.weekday() == self.weekday
            and self.effective_from <= day
            and (self.effective_to is None or day <= self.effective_to)
        )


class ClosedDay(Bilingual, db.Model):
    """A date that differs from the weekly pattern.

    kind "closure": the point is closed that day (ad hoc; public holidays come from the
    `holidays` library and need no row). kind "extra": an extra session from `start` to
    `end` that day, as on a campaign day, even on a weekend or holiday.
    A row with no point applies to every point of the deployment.
    """

    KINDS = ("closure", "extra")
    KIND_NAMES = {"closure": _l("Closed"), "extra": _l("Extra opening")}

    id = db.Column(db.Integer, primary_key=True)
    point_id = db.Column(db.ForeignKey("service_point.id"), index=True)
    date = db.Column(db.Date, nullable=False, index=True)
    kind = db.Column(db.String(10), nullable=False, default="closure")
    start = db.Column(db.Time)
    end = db.Column(db.Time)
    reason_vi = db.Column(db.String(200), nullable=False)
    reason_en = db.Column(db.String(200))

    point = db.relationship("ServicePoint")

    __table_args__ = (db.CheckConstraint("kind IN ('closure', 'extra')", name="kind_values"),)

    @property
    def is_extra(self):
        return self.kind == "extra"

    @property
    def span(self):
        return (self.start or time(0, 0), self.end or time(23, 59, 59))
