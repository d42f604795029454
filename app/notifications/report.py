"""What staff see of notifications: the delivery log (masked) and today's use of each daily quota."""

from flask import current_app
from sqlalchemy import select

from ..extensions import db
from ..models.notify import NOTIFY_CHANNELS, Notification, NotifyUsage
from ..timeutil import local_today
from .point_settings import daily_quota


def delivery_log(point_id=None, limit=100):
    """The newest messages (all points for an admin: point_id None), attempts loaded."""
    query = select(Notification).order_by(Notification.id.desc()).limit(limit)
    if point_id is not None:
        query = query.where(Notification.point_id == point_id)
    return db.session.scalars(query).all()


def usage_today(point_id=None):
    """[(channel, sent, refused, limit)] for today, summed over points for an admin."""
    query = select(NotifyUsage).where(NotifyUsage.day == local_today())
    if point_id is not None:
        query = query.where(NotifyUsage.point_id == point_id)
    rows = db.session.scalars(query).all()
    out = []
    for channel in NOTIFY_CHANNELS:
        sent = sum(r.sent for r in rows if r.channel == channel)
        refused = sum(r.refused for r in rows if r.channel == channel)
        limit = (
            daily_quota(point_id, channel)
            if point_id
            else current_app.config["NOTIFY_DAILY_QUOTA"].get(channel)
        )
        out.append((channel, sent, refused, limit))
    return out
