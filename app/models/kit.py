"""The outreach kit's saved text: the announcement a point posts in the TDP's Zalo group."""

from ..extensions import db
from ..timeutil import utcnow


class KitAnnouncement(db.Model):
    """The announcement as staff last edited it, one per point and language."""

    id = db.Column(db.Integer, primary_key=True)
    point_id = db.Column(db.ForeignKey("service_point.id", ondelete="CASCADE"), nullable=False)
    lang = db.Column(db.String(2), nullable=False)
    text = db.Column(db.Text, nullable=False)
    # The hours lines of the generated text when this was saved: the kit warns when today's differ.
    hours = db.Column(db.Text)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    updated_by_id = db.Column(db.ForeignKey("user.id", ondelete="SET NULL"))

    point = db.relationship("ServicePoint")
    updated_by = db.relationship("User")

    __table_args__ = (db.UniqueConstraint("point_id", "lang"),)
