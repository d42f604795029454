"""Dossiers residents prepare (alone, with a volunteer, or on paper at the desk) and their history."""

import json

from flask_babel import lazy_gettext as _l

from ..extensions import db
from ..timeutil import utcnow

STATUSES = (
    "draft",
    "submitted",
    "received",
    "processing",
    "supplement",
    "completed",
    "returned",
    "refused",
    "withdrawn",
    "cancelled",
)
# Finished: nothing more will happen, so personal data can be purged after the retention period.
FINISHED = ("returned", "refused", "withdrawn", "cancelled")
CHANNELS = ("self", "volunteer", "paper")

# The one wording of each status, wherever a dossier's status is shown (staff list, lookup, reports).
STATUS_LABELS = {
    "draft": _l("Draft"),
    "submitted": _l("Submitted"),
    "received": _l("Received"),
    "processing": _l("Being processed"),
    "supplement": _l("Needs supplement"),
    "completed": _l("Result ready"),
    "returned": _l("Result returned"),
    "refused": _l("Refused"),
    "withdrawn": _l("Withdrawn"),
    "cancelled": _l("Cancelled"),
}
CHANNEL_LABELS = {
    "self": _l("Resident alone, online"),
    "volunteer": _l("With a volunteer at the point"),
    "paper": _l("On paper at the desk"),
}


def _values(column, values):
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Dossier(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    point_id = db.Column(db.ForeignKey("service_point.id"), nullable=False, index=True)
    procedure_id = db.Column(db.ForeignKey("procedure.id"), nullable=False, index=True)
    form_kind = db.Column(db.String(20), nullable=False, default="generic")
    code = db.Column(db.String(16), unique=True)  # HS-2611-7K3Q, given on submission
    status = db.Column(db.String(12), nullable=False, default="draft", index=True)
    channel = db.Column(db.String(10), nullable=False, default="self")
    portal_code = db.Column(db.String(40))  # the national portal's dossier code
    applicant_name = db.Column(db.String(120))
    applicant_phone = db.Column(db.String(10))
    applicant_id_number = db.Column(db.String(12))
    answers_json = db.Column("answers", db.Text, nullable=False, default="{}")
    consent_at = db.Column(db.DateTime)
    consent_purpose = db.Column(db.Text)
    supplement_request = db.Column(db.Text)  # what is missing, while status is supplement
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow, onupdate=utcnow)
    submitted_at = db.Column(db.DateTime)
    received_at = db.Column(db.DateTime)
    finished_at = db.Column(db.DateTime, index=True)
    due_date = db.Column(db.Date, index=True)
    resume_code = db.Column(db.String(9), unique=True)  # ABCD-EFGH while a draft
    draft_key = db.Column(db.String(43))  # the browser session holding the draft
    created_by_id = db.Column(db.ForeignKey("user.id"))
    anonymised = db.Column(db.Boolean, nullable=False, default=False)

    point = db.relationship("ServicePoint")
    procedure = db.relationship("Procedure")
    created_by = db.relationship("User")
    events = db.relationship(
        "DossierEvent", back_populates="dossier", order_by="DossierEvent.id", cascade="all, delete-orphan"
    )

    __table_args__ = (
        db.CheckConstraint(_values("status", STATUSES), name="status_values"),
        db.CheckConstraint(_values("channel", CHANNELS), name="channel_values"),
    )

    @property
    def answers(self):
        return json.loads(self.answers_json or "{}")

    @answers.setter
    def answers(self, value):
        self.answers_json = json.dumps(value, ensure_ascii=False, sort_keys=True)

    @property
    def is_finished(self):
        return self.status in FINISHED

    def __repr__(self):
        return f"<Dossier {self.code or self.id} {self.status}>"


class DossierEvent(db.Model):
    """One step in a dossier's history: a status change (or a filing detail) with its note."""

    id = db.Column(db.Integer, primary_key=True)
    dossier_id = db.Column(db.ForeignKey("dossier.id", ondelete="CASCADE"), nullable=False, index=True)
    from_status = db.Column(db.String(12))
    status = db.Column(db.String(12), nullable=False)
    note = db.Column(db.Text)
    user_id = db.Column(db.ForeignKey("user.id"))
    at = db.Column(db.DateTime, nullable=False, default=utcnow)

    dossier = db.relationship("Dossier", back_populates="events")
    user = db.relationship("User")
