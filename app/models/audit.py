"""Who did what to which record, and when."""

from ..extensions import db
from ..timeutil import utcnow


class AuditEvent(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    at = db.Column(db.DateTime, nullable=False, default=utcnow, index=True)
    user_id = db.Column(db.ForeignKey("user.id"), index=True)
    username = db.Column(db.String(60))  # kept even if the account is later removed
    point_id = db.Column(db.ForeignKey("service_point.id"), index=True)
    action = db.Column(db.String(60), nullable=False, index=True)  # e.g. "ticket.call", "procedure.update"
    record_type = db.Column(db.String(40), nullable=False)
    record_id = db.Column(db.String(60))
    before = db.Column(db.Text)  # JSON of the changed fields before
    after = db.Column(db.Text)  # JSON of the changed fields after
    ip = db.Column(db.String(64))

    user = db.relationship("User")

    __table_args__ = (db.Index("ix_audit_event_record", "record_type", "record_id"),)
