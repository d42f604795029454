"""How far behind the notification workers are, for /healthz and the staff delivery log."""

from sqlalchemy import func, select

from ..extensions import db
from ..models.notify import Notification
from ..timeutil import utcnow


def worker_lag():
    """Seconds the oldest due, unsent message has waited (0: the workers are keeping up)."""
    now = utcnow()
    oldest, due = db.session.execute(
        select(func.min(Notification.next_attempt_at), func.count()).where(
            Notification.status.in_(("pending", "sending")), Notification.next_attempt_at <= now
        )
    ).one()
    lag = max(0, int((now - oldest).total_seconds())) if oldest else 0
    return {"lag_seconds": lag, "due": due}
