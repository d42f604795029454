"""Outreach and feedback: issued documents, useful links, ratings, visit counters, used captchas."""

from ..extensions import db
from ..timeutil import utcnow
from .base import Bilingual

RATING_STATES = ("pending", "approved", "rejected")
# The criteria a resident rates 1-5, after the provincial portals' survey (DOMAIN.md): what the
# form asks, and what the feedback page, the reports and the exports show and average.
RATING_CRITERIA = ("overall", "on_time", "attitude", "publicity")
# Scored 1-5 too, but no longer asked: "visits" (number of visits needed) became the count `trips`.
# Its column keeps the answers given before; nothing shows or averages it.
RETIRED_CRITERIA = ("visits",)
FILE_LABELS = {
    "application/pdf": "PDF",
    "application/msword": "DOC",
    "application/vnd.ms-excel": "XLS",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "image/jpeg": "JPG",
    "image/png": "PNG",
}


class Document(Bilingual, db.Model):
    """A newly issued document ("văn bản mới ban hành") with its attachment.

    The file lives under instance/uploads with a random name (never under static/), so it is
    served only by the download view with safe headers.
    """

    id = db.Column(db.Integer, primary_key=True)
    point_id = db.Column(db.ForeignKey("service_point.id"), index=True)  # None: every point
    title_vi = db.Column(db.String(300), nullable=False)
    title_en = db.Column(db.String(300))
    number = db.Column(db.String(60))  # số, ký hiệu: "62/KH-UBND"
    issued_on = db.Column(db.Date, nullable=False, index=True)
    issuer = db.Column(db.String(200), nullable=False)
    file_key = db.Column(db.String(64), unique=True)
    original_name = db.Column(db.String(255))
    mime_type = db.Column(db.String(120))
    size_bytes = db.Column(db.Integer)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    point = db.relationship("ServicePoint")

    @property
    def file_label(self):
        return FILE_LABELS.get(self.mime_type, "")

    @property
    def size_text(self):
        """ "85 KB" or "1,4 MB" in the reader's number format."""
        from flask_babel import format_decimal

        size = self.size_bytes or 0
        if size < 1024 * 1024:
            return f"{format_decimal(max(1, round(size / 1024)))} KB"
        return f"{format_decimal(round(size / (1024 * 1024), 1), '0.0')} MB"


class Link(Bilingual, db.Model):
    """A useful external link (national and provincial public-service portals)."""

    id = db.Column(db.Integer, primary_key=True)
    point_id = db.Column(db.ForeignKey("service_point.id"), index=True)  # None: every point
    title_vi = db.Column(db.String(200), nullable=False)
    title_en = db.Column(db.String(200))
    url = db.Column(db.String(500), nullable=False)
    sort_order = db.Column(db.SmallInteger, nullable=False, default=100)


class Rating(db.Model):
    """A resident's rating of a service point, at most one per ticket or dossier.

    Scores count at once; a comment is shown to the public only once staff approve it.
    """

    id = db.Column(db.Integer, primary_key=True)
    point_id = db.Column(db.ForeignKey("service_point.id"), nullable=False, index=True)
    overall = db.Column(db.SmallInteger, nullable=False)
    on_time = db.Column(db.SmallInteger)
    attitude = db.Column(db.SmallInteger)
    visits = db.Column(db.SmallInteger)  # the 1-5 score asked until the count below replaced it
    trips = db.Column(db.SmallInteger)  # how many times the resident came for it (1 = done at once)
    publicity = db.Column(db.SmallInteger)
    comment = db.Column(db.Text)
    status = db.Column(db.String(10), nullable=False, default="pending", index=True)
    # The visit rated: plain references, so ratings work before (and apart from) the queue and
    # dossier tables; the unique constraints make "one rating per visit" hold across workers.
    ticket_ref = db.Column(db.String(64), unique=True)
    dossier_ref = db.Column(db.String(64), unique=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, index=True)
    moderated_at = db.Column(db.DateTime)
    moderated_by_id = db.Column(db.ForeignKey("user.id"))

    point = db.relationship("ServicePoint")
    moderated_by = db.relationship("User")

    __table_args__ = tuple(
        db.CheckConstraint(f"{name} IS NULL OR {name} BETWEEN 1 AND 5", name=f"{name}_range")
        for name in (*RATING_CRITERIA, *RETIRED_CRITERIA)
    ) + (db.CheckConstraint("status IN ('pending', 'approved', 'rejected')", name="status_values"),)


class VisitDay(db.Model):
    """Page views per local day; workers add their buffered counts with an atomic upsert."""

    day = db.Column(db.Date, primary_key=True)
    count = db.Column(db.BigInteger, nullable=False, default=0)


class VisitPresence(db.Model):
    """Who was seen in which minute (a salted hash, never the address): 'online now'."""

    minute = db.Column(db.BigInteger, primary_key=True)  # epoch minutes
    visitor = db.Column(db.String(32), primary_key=True)


class CaptchaUse(db.Model):
    """Verification-code challenges already answered: each one can be tried only once."""

    nonce = db.Column(db.String(32), primary_key=True)
    expires_at = db.Column(db.BigInteger, nullable=False, index=True)
