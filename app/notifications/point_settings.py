"""A point's own notification settings over the deployment's defaults: "còn N người" positions, quotas."""

from flask import current_app

from ..extensions import db
from ..models.notify import NotifyPointSettings
from ..services import audit


def ahead_positions(point_id):
    row = db.session.get(NotifyPointSettings, point_id) if point_id else None
    if row is not None and row.ahead_at:
        return tuple(int(n) for n in row.ahead_at.split(","))
    return tuple(current_app.config["NOTIFY_AHEAD_AT"])


def daily_quota(point_id, channel):
    """The point's limit for `channel` today (None: no limit)."""
    row = db.session.get(NotifyPointSettings, point_id) if point_id else None
    own = getattr(row, f"quota_{channel}", None) if row is not None else None
    return own if own is not None else current_app.config["NOTIFY_DAILY_QUOTA"].get(channel)


def parse_positions(text):
    """ "3, 1" -> (3, 1); ValueError unless 1-3 whole numbers from 1 to 20."""
    numbers = sorted({int(part) for part in text.replace(" ", "").split(",") if part}, reverse=True)
    if not 1 <= len(numbers) <= 3 or not all(1 <= n <= 20 for n in numbers):
        raise ValueError(text)
    return tuple(numbers)


def save(point, positions, quota_sms, quota_zns, user=None, ip=None):
    row = db.session.get(NotifyPointSettings, point.id) or NotifyPointSettings(point_id=point.id)
    before = audit.snapshot(row, ("ahead_at", "quota_sms", "quota_zns"))
    row.ahead_at = ",".join(str(n) for n in positions)
    row.quota_sms, row.quota_zns = quota_sms, quota_zns
    db.session.add(row)
    after = audit.snapshot(row, ("ahead_at", "quota_sms", "quota_zns"))
    audit.record(
        "notify.settings", "point", point.id, user=user, point_id=point.id, before=before, after=after, ip=ip
    )
    db.session.commit()
