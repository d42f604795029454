"""Complaints and petitions (phản ánh, kiến nghị): a resident's comment staff mark as a complaint,
with the legal steps and when each was taken."""

from ..extensions import db
from ..timeutil import utcnow

COMPLAINT_STATUSES = ("received", "more_info", "refused", "answered", "published")


class Complaint(db.Model):
    """One complaint: received, then refused, or (after asking for more) answered and published.

    Deadlines count in working days from `received_at` (refuse 2, ask for more 5, answer 15) and
    from `answered_at` (publish 2); see app/services/complaints.py.
    """

    id = db.Column(db.Integer, primary_key=True)
    point_id = db.Column(db.ForeignKey("service_point.id"), nullable=False, index=True)
    rating_id = db.Column(db.ForeignKey("rating.id", ondelete="SET NULL"), unique=True)
    text = db.Column(db.Text, nullable=False)
    status = db.Column(db.String(10), nullable=False, default="received", index=True)
    received_at = db.Column(db.DateTime, nullable=False, default=utcnow, index=True)
    more_info_at = db.Column(db.DateTime)
    refused_at = db.Column(db.DateTime)
    answered_at = db.Column(db.DateTime)
    published_at = db.Column(db.DateTime)
    note = db.Column(db.Text)  # what more is needed, or why it was refused
    answer = db.Column(db.Text)  # the answer, shown on the point's public page once published
    created_by_id = db.Column(db.ForeignKey("user.id"))

    point = db.relationship("ServicePoint")
    rating = db.relationship("Rating")

    __table_args__ = (
        db.CheckConstraint(
            "status IN ('received', 'more_info', 'refused', 'answered', 'published')", name="status_values"
        ),
    )
