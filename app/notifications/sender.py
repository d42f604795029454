"""Delivering one outbox row: claim it, respect quiet hours and the daily quota, call the provider, log.

At least once: the row is claimed with a lease before the provider is called and marked sent after;
a worker that dies in between leaves the lease to expire, and the sweep sends it again with the same
idempotency key, which providers use to drop the repeat.
"""

import json
import logging
from datetime import datetime, time, timedelta

from flask import current_app
from sqlalchemy import and_, or_, select, update

from ..extensions import db
from ..models.notify import DeliveryAttempt, Notification, NotifySubscription, NotifyUsage
from ..services.sqlfuncs import upsert_insert
from ..timeutil import LOCAL_TZ, to_local, to_utc_naive, utcnow
from . import bookings, messages
from .handoff import hand_off
from .outbox import provider_key
from .point_settings import daily_quota
from .providers import Gone, Message, Rejected, TryLater, provider_for

log = logging.getLogger("tdp.notify")


def _config(name):
    return current_app.config[name]


def _due(now):
    return or_(
        and_(Notification.status == "pending", Notification.next_attempt_at <= now),
        and_(Notification.status == "sending", Notification.lease_until < now),
    )


def _claim(notification_id, now):
    """Take the row for this worker (one UPDATE, so two workers cannot both take it)."""
    lease = now + timedelta(seconds=_config("NOTIFY_LEASE_SECONDS"))
    result = db.session.execute(
        update(Notification)
        .where(Notification.id == notification_id, _due(now))
        .values(status="sending", lease_until=lease, attempts=Notification.attempts + 1)
    )
    db.session.commit()
    return result.rowcount == 1


def _log(notification, outcome, detail=None):
    db.session.add(
        DeliveryAttempt(notification_id=notification.id, outcome=outcome, detail=(detail or "")[:300])
    )


def quiet_until(now):
    """The end of quiet hours (naive UTC) if `now` is inside them, else None."""
    start, end = (time.fromisoformat(t) for t in _config("NOTIFY_QUIET_HOURS"))
    local = to_local(now)
    t = local.time()
    inside = (start <= t or t < end) if start > end else (start <= t < end)
    if not inside:
        return None
    day = local.date() + timedelta(days=1) if start > end and t >= start else local.date()
    return to_utc_naive(datetime.combine(day, end, tzinfo=LOCAL_TZ))


def _take_quota(notification, now):
    """Count the message against its point's daily quota for the channel; False when it is used up."""
    if notification.point_id is None or notification.quota_counted:
        return True
    limit = daily_quota(notification.point_id, notification.channel)
    day = to_local(now).date()
    keys = dict(point_id=notification.point_id, day=day, channel=notification.channel)
    stmt = upsert_insert(NotifyUsage).values(**keys, sent=1, refused=0)
    stmt = stmt.on_conflict_do_update(
        index_elements=[NotifyUsage.point_id, NotifyUsage.day, NotifyUsage.channel],
        set_={"sent": NotifyUsage.sent + 1},
    ).returning(NotifyUsage.sent)
    sent = db.session.execute(stmt).scalar_one()
    if limit is not None and sent > limit:
        db.session.execute(
            update(NotifyUsage)
            .filter_by(**keys)
            .values(sent=NotifyUsage.sent - 1, refused=NotifyUsage.refused + 1)
        )
        return False
    notification.quota_counted = True
    return True


def backoff_seconds(attempts, retry_after=None):
    base, cap = _config("NOTIFY_BACKOFF_SECONDS"), _config("NOTIFY_BACKOFF_MAX_SECONDS")
    delay = min(cap, base * 2 ** max(0, attempts - 1))
    return max(delay, retry_after or 0)


def build_message(notification):
    params = json.loads(notification.params or "{}")
    lang, event = notification.lang, notification.event
    subscription = (
        db.session.get(NotifySubscription, notification.subscription_id)
        if notification.subscription_id
        else None
    )
    keys = {"p256dh": subscription.push_p256dh, "auth": subscription.push_auth} if subscription else {}
    return Message(
        key=provider_key(notification.key),
        channel=notification.channel,
        to=notification.address or "",
        event=event,
        text=messages.sms_text(event, params, lang)
        if notification.channel == "sms"
        else messages.body(event, params, lang),
        title=messages.title(event, params, lang),
        url=params.get("url"),
        tag=params.get("tag") or event,
        template_params=messages.zns_params(event, params),
        push_keys=keys,
    )


def deliver(notification_id):
    """Send one outbox row if it is due and nobody else holds it; returns its status afterwards."""
    now = utcnow()
    if not _claim(notification_id, now):
        return None
    notification = db.session.get(Notification, notification_id)
    if not notification.address:
        return _finish(notification, "failed", "skipped", "the address was erased with the visit's data")
    if reason := bookings.stale(notification):  # held back until morning, say, and no longer true
        return _finish(notification, "skipped", "stale", reason)
    if not notification.urgent and (until := quiet_until(now)):
        notification.status, notification.next_attempt_at, notification.lease_until = "pending", until, None
        notification.attempts -= 1
        _log(notification, "deferred", f"quiet hours until {to_local(until):%H:%M}")
        db.session.commit()
        return notification.status
    if not _take_quota(notification, now):
        return _finish(notification, "skipped", "quota", "daily quota for this channel reached")
    db.session.commit()  # the lease and the quota count are durable before the provider is called
    try:
        ref = provider_for(notification.channel, current_app.config).send(build_message(notification))
    except Gone as error:
        if notification.subscription_id:
            db.session.execute(
                update(NotifySubscription)
                .where(NotifySubscription.id == notification.subscription_id)
                .values(stopped_at=utcnow())
            )
        return _finish(notification, "failed", "gone", error.reason)
    except Rejected as error:
        return _finish(notification, "failed", "failed", error.reason)
    except TryLater as error:
        return _retry(notification, error)
    except Exception as error:  # a bug or an unexpected library error: retry, and say what it was
        log.exception("notify: provider crashed on notification %s", notification_id)
        return _retry(notification, TryLater(f"{type(error).__name__}: {error}"))
    notification.provider_ref = (ref or "")[:100]
    notification.sent_at = utcnow()
    return _finish(notification, "sent", "sent", notification.provider_ref)


def _finish(notification, status, outcome, detail):
    notification.status, notification.lease_until = status, None
    if status != "sent":
        notification.last_error = (detail or "")[:300]
    _log(notification, outcome, detail)
    db.session.commit()
    return status


def _retry(notification, error):
    if notification.attempts >= _config("NOTIFY_MAX_ATTEMPTS"):
        return _finish(
            notification, "failed", "failed", f"gave up after {notification.attempts} tries: {error.reason}"
        )
    delay = backoff_seconds(notification.attempts, error.retry_after)
    notification.status, notification.lease_until = "pending", None
    notification.next_attempt_at = utcnow() + timedelta(seconds=delay)
    notification.last_error = error.reason
    _log(notification, "retry", f"{error.reason} (again in {delay:g} s)")
    db.session.commit()
    try:
        hand_off(notification.id, delay=delay)
    except Exception:
        log.exception("notify: could not schedule a retry; the sweep will")
    return "pending"


def sweep(limit=500):
    """Hand to the queue every row that is due but was not handed off, or whose worker died."""
    now = utcnow()
    grace = timedelta(seconds=_config("NOTIFY_HANDOFF_GRACE_SECONDS"))
    ids = db.session.scalars(
        select(Notification.id)
        .where(
            or_(
                and_(Notification.status == "pending", Notification.next_attempt_at <= now - grace),
                and_(Notification.status == "sending", Notification.lease_until < now),
            )
        )
        .order_by(Notification.next_attempt_at)
        .limit(limit)
    ).all()
    db.session.commit()
    for notification_id in ids:
        hand_off(notification_id)
    return len(ids)
