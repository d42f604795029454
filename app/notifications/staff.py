"""What staff send themselves: a test message to check a channel, and a broadcast to everyone waiting."""

import secrets

from sqlalchemy import func, select

from ..extensions import db
from ..models import Ticket
from ..models.notify import NotifySubscription
from ..models.queue import AT_DESK, WAITING
from ..services import audit
from ..timeutil import local_today
from .outbox import mask, queue_message


def send_test(point, channel, phone, user=None, ip=None):
    """One "notifications work" message to `phone`, through the real provider and the delivery log."""
    ref = "test-" + secrets.token_hex(4)
    queue_message("test", {"point": point.name_vi}, ref, channel=channel, address=phone, point_id=point.id)
    audit.record(
        "notify.test",
        "point",
        point.id,
        user=user,
        point_id=point.id,
        after={"to": mask(channel, phone)},
        ip=ip,
    )
    db.session.commit()


def _recipients(point):
    return (
        select(NotifySubscription)
        .join(Ticket, Ticket.id == NotifySubscription.ticket_id)
        .where(
            NotifySubscription.stopped_at.is_(None),
            Ticket.point_id == point.id,
            Ticket.service_day == local_today(),
            Ticket.status.in_(WAITING + AT_DESK),
        )
    )


def broadcast_reach(point):
    """How many residents (subscriptions) a broadcast would reach now."""
    return db.session.scalar(select(func.count()).select_from(_recipients(point).subquery()))


def broadcast(point, text, user=None, ip=None):
    """Send `text` to everyone waiting today who chose messages; audited with the text and the count."""
    ref = "bc-" + secrets.token_hex(4)
    subscriptions = db.session.scalars(_recipients(point)).all()
    for s in subscriptions:
        name = point.name_en if s.lang == "en" and point.name_en else point.name_vi
        queue_message("broadcast", {"point": name, "text": text}, ref, subscription=s)
    audit.record(
        "notify.broadcast",
        "point",
        point.id,
        user=user,
        point_id=point.id,
        after={"text": text, "sent_to": len(subscriptions)},
        ip=ip,
    )
    db.session.commit()
    return len(subscriptions)
