"""Reading the audit log for the admin page: the filter's choices and a filtered, paged list."""

from datetime import datetime, time, timedelta

from ..extensions import db
from ..models import AuditEvent
from ..timeutil import LOCAL_TZ, to_utc_naive

AUDIT_PAGE_SIZE = 50


def audit_choices():
    """The actions and record types present in the log, for the filter's lists."""

    def present(column):
        return db.session.scalars(db.select(column).distinct().order_by(column)).all()

    return present(AuditEvent.action), present(AuditEvent.record_type)


def audit_events(user=None, action=None, record_type=None, start=None, end=None, page=1):
    """Newest first, filtered; dates are local days (Asia/Ho_Chi_Minh), both inclusive."""
    query = db.select(AuditEvent)
    if user:
        query = query.where(AuditEvent.username == user.strip().lower())
    if action:
        query = query.where(AuditEvent.action == action)
    if record_type:
        query = query.where(AuditEvent.record_type == record_type)
    if start:
        query = query.where(AuditEvent.at >= to_utc_naive(datetime.combine(start, time(0), LOCAL_TZ)))
    if end:
        query = query.where(
            AuditEvent.at < to_utc_naive(datetime.combine(end + timedelta(days=1), time(0), LOCAL_TZ))
        )
    query = query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    return db.paginate(query, page=max(page, 1), per_page=AUDIT_PAGE_SIZE, error_out=False)
