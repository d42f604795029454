"""Recording staff actions: one call per change, in the same transaction as the change."""

import json
from datetime import date, datetime, time

from ..extensions import db
from ..models.audit import AuditEvent


def _plain(value):
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return value


def snapshot(obj, fields):
    """The named attributes of `obj` as a dict, ready for before/after."""
    return {name: _plain(getattr(obj, name)) for name in fields}


def record(action, record_type, record_id=None, user=None, point_id=None, before=None, after=None, ip=None):
    """Add an audit event to the session; the caller's commit stores it with the change.

    `before` and `after` are dicts of the fields that changed (see snapshot()); unchanged keys
    are dropped so the log shows the difference.
    """
    if before and after:
        changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
        before = {k: v for k, v in before.items() if k in changed}
        after = {k: v for k, v in after.items() if k in changed}
    event = AuditEvent(
        action=action,
        record_type=record_type,
        record_id=None if record_id is None else str(record_id),
        user_id=getattr(user, "id", None),
        username=getattr(user, "username", None),
        point_id=point_id,
        before=json.dumps(before, ensure_ascii=False, default=str) if before else None,
        after=json.dumps(after, ensure_ascii=False, default=str) if after else None,
        ip=ip,
    )
    db.session.add(event)
    return event
