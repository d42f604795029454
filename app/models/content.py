"""Announcements and news on the public pages."""

from ..extensions import db
from ..timeutil import utcnow
from .base import Bilingual


class Post(Bilingual, db.Model):
    id = db.Column(db.Integer, primary_key=True)
    point_id = db.Column(db.ForeignKey("service_point.id"), index=True)  # None: every point
    title_vi = db.Column(db.String(200), nullable=False)
    title_en = db.Column(db.String(200))
    body_vi = db.Column(db.Text, nullable=False, default="")
    body_en = db.Column(db.Text)
    pinned = db.Column(db.Boolean, nullable=False, default=False)
    published_at = db.Column(db.DateTime, nullable=False, default=utcnow, index=True)
    # Added by 0004_outreach: a readable URL part, and "text" or "markdown" bodies.
    slug = db.Column(db.String(120))
    body_format = db.Column(db.String(10), nullable=False, default="text", server_default="text")
    updated_at = db.Column(db.DateTime)

    point = db.relationship("ServicePoint")
