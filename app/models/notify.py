"""Notifications: residents' chosen channels, the outbox, the delivery log, quotas and provider tokens."""

from ..extensions import db
from ..timeutil import utcnow

NOTIFY_CHANNELS = ("sms", "zns", "push")
OUTBOX_STATUSES = ("pending", "sending", "sent", "failed", "skipped")


def _in(values):
    return "IN (" + ", ".join(f"'{v}'" for v in values) + ")"


class NotifySubscription(db.Model):
    """One way to reach one resident about one ticket, booking or dossier: a phone or a push endpoint.

    Erased with the visit's data: deleting the ticket deletes it; `stopped_at` is the resident's opt-out.
    """

    __tablename__ = "notify_subscription"

    id = db.Column(db.Integer, primary_key=True)
    point_id = db.Column(db.ForeignKey("service_point.id"), nullable=False)
    ticket_id = db.Column(db.ForeignKey("ticket.id", ondelete="CASCADE"), index=True)
    appointment_id = db.Column(db.ForeignKey("appointment.id", ondelete="CASCADE"), index=True)
    dossier_id = db.Column(db.ForeignKey("dossier.id", ondelete="CASCADE"), index=True)
    channel = db.Column(db.String(8), nullable=False)
    address = db.Column(db.String(600), nullable=False)  # 0912345678, or the push service's endpoint URL
    push_p256dh = db.Column(db.String(200))
    push_auth = db.Column(db.String(100))
    lang = db.Column(db.String(2), nullable=False, default="vi")
    # How long the resident needs to get back to the point: "leave now" goes out that early.
    lead_minutes = db.Column(db.SmallInteger, nullable=False, default=15, server_default="15")
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    stopped_at = db.Column(db.DateTime)

    __table_args__ = (
        db.CheckConstraint(f"channel {_in(NOTIFY_CHANNELS)}", name="channel_values"),
        db.CheckConstraint("lead_minutes BETWEEN 1 AND 120", name="lead_minutes_range"),
    )


class Notification(db.Model):
    """The outbox: one message to send, written in the transaction of the change it announces.

    `key` is unique per (event, recipient), so the same move never queues a message twice, and it
    is what providers get as their idempotency key (SMS RequestId, ZNS tracking_id, push Topic).
    """

    __tablename__ = "notification"

    id = db.Column(db.Integer, primary_key=True)
    key = db.Column(db.String(120), nullable=False, unique=True)
    point_id = db.Column(db.ForeignKey("service_point.id"))
    subscription_id = db.Column(db.ForeignKey("notify_subscription.id", ondelete="SET NULL"), index=True)
    channel = db.Column(db.String(8), nullable=False)
    address = db.Column(db.String(600))  # erased when the visit's data is
    to_masked = db.Column(db.String(40), nullable=False, default="")
    event = db.Column(db.String(24), nullable=False)
    params = db.Column(db.Text, nullable=False, default="{}")  # JSON
    lang = db.Column(db.String(2), nullable=False, default="vi")
    urgent = db.Column(db.Boolean, nullable=False, default=False)  # sent even in quiet hours
    status = db.Column(db.String(8), nullable=False, default="pending")
    attempts = db.Column(db.SmallInteger, nullable=False, default=0)
    quota_counted = db.Column(db.Boolean, nullable=False, default=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    next_attempt_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    lease_until = db.Column(db.DateTime)
    sent_at = db.Column(db.DateTime)
    provider_ref = db.Column(db.String(100))
    last_error = db.Column(db.String(300))

    attempts_log = db.relationship(
        "DeliveryAttempt", order_by="DeliveryAttempt.id", cascade="all, delete-orphan", passive_deletes=True
    )

    __table_args__ = (
        db.Index("ix_notification_status_due", "status", "next_attempt_at"),
        db.Index("ix_notification_point_created", "point_id", "created_at"),
        db.CheckConstraint(f"status {_in(OUTBOX_STATUSES)}", name="status_values"),
        db.CheckConstraint(f"channel {_in(NOTIFY_CHANNELS)}", name="channel_values"),
    )


class DeliveryAttempt(db.Model):
    """The delivery log: what happened at each try (sent, retry, failed, gone, deferred, quota)."""

    __tablename__ = "delivery_attempt"

    id = db.Column(db.Integer, primary_key=True)
    notification_id = db.Column(
        db.ForeignKey("notification.id", ondelete="CASCADE"), nullable=False, index=True
    )
    at = db.Column(db.DateTime, nullable=False, default=utcnow)
    outcome = db.Column(db.String(12), nullable=False)
    detail = db.Column(db.String(300))


class NotifyUsage(db.Model):
    """Messages sent and refused per point, day and channel, for the daily quota."""

    __tablename__ = "notify_usage"

    point_id = db.Column(db.ForeignKey("service_point.id"), primary_key=True)
    day = db.Column(db.Date, primary_key=True)
    channel = db.Column(db.String(8), primary_key=True)
    sent = db.Column(db.Integer, nullable=False, default=0)
    refused = db.Column(db.Integer, nullable=False, default=0)


class ProviderToken(db.Model):
    """A provider's current access token and its rotating refresh token (Zalo OA), shared by workers."""

    __tablename__ = "provider_token"

    name = db.Column(db.String(40), primary_key=True)
    access_token = db.Column(db.Text)
    refresh_token = db.Column(db.Text)
    expires_at = db.Column(db.DateTime)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow, onupdate=utcnow)


class NotifyPointSettings(db.Model):
    """A point's own notification settings; a missing row or empty value means the deployment's default."""

    __tablename__ = "notify_point_settings"

    point_id = db.Column(db.ForeignKey("service_point.id"), primary_key=True)
    ahead_at = db.Column(db.String(20))  # "3,1": "còn N người" when this many or fewer are ahead
    quota_sms = db.Column(db.Integer)
    quota_zns = db.Column(db.Integer)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow, onupdate=utcnow)
