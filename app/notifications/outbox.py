"""Writing notifications into the outbox, in the caller's transaction; residents' channels and opt-out."""

import hashlib
import json
from urllib.parse import urlsplit

from sqlalchemy import select, update

from ..extensions import db
from ..models.notify import Notification, NotifySubscription
from ..services.sqlfuncs import upsert_insert
from ..timeutil import utcnow
from .handoff import hand_off_after_commit
from .messages import URGENT


def mask(channel, address):
    """What staff see of an address: 091****678, or the push service's host."""
    if not address:
        return ""
    if channel == "push":
        return (urlsplit(address).hostname or "push")[:40]
    return address[:3] + "****" + address[-3:] if len(address) > 6 else "****"


def provider_key(key):
    """A fixed-length idempotency key for providers, the same on every retry of one notification."""
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def subscribe(
    point_id,
    channel,
    address,
    ticket_id=None,
    lang="vi",
    p256dh=None,
    auth=None,
    appointment_id=None,
    dossier_id=None,
):
    """A resident's chosen channel (phone already normalised, or a push endpoint with its keys)."""
    existing = db.session.scalars(
        select(NotifySubscription).where(
            NotifySubscription.ticket_id == ticket_id,
            NotifySubscription.appointment_id == appointment_id,
            NotifySubscription.dossier_id == dossier_id,
            NotifySubscription.channel == channel,
            NotifySubscription.address == address,
        )
    ).first()
    if existing:
        existing.stopped_at, existing.lang = None, lang
        existing.push_p256dh, existing.push_auth = p256dh or existing.push_p256dh, auth or existing.push_auth
        return existing
    subscription = NotifySubscription(
        point_id=point_id,
        channel=channel,
        address=address,
        ticket_id=ticket_id,
        appointment_id=appointment_id,
        dossier_id=dossier_id,
        lang=lang,
        push_p256dh=p256dh,
        push_auth=auth,
    )
    db.session.add(subscription)
    db.session.flush()
    return subscription


def stop(subscription):
    subscription.stopped_at = utcnow()


def stop_every(whose, reason):
    """The resident's opt-out (or the visit's end) for every subscription `whose` selects (a condition
    on NotifySubscription, e.g. its ticket): nothing more is sent, messages still waiting are dropped,
    and the address is erased. The caller commits."""
    db.session.execute(
        update(Notification)
        .where(
            Notification.subscription_id.in_(select(NotifySubscription.id).where(whose)),
            Notification.status == "pending",
        )
        .values(status="skipped", last_error=reason, address=None)
    )
    db.session.execute(
        update(NotifySubscription)
        .where(whose, NotifySubscription.stopped_at.is_(None))
        .values(stopped_at=utcnow(), address="", push_p256dh=None, push_auth=None)
    )


def queue_message(
    event,
    params,
    ref,
    *,
    subscription=None,
    channel=None,
    address=None,
    point_id=None,
    lang=None,
    session=None,
):
    """Add one message to the outbox in the current transaction; None if the same one is already there.

    `ref` names what the message is about (e.g. "t123:call2"): the key (event, ref, recipient) is
    unique, so repeating a move, or two workers reacting to it, never sends twice.
    """
    if subscription is not None:
        if subscription.stopped_at is not None:
            return None
        channel, address = subscription.channel, subscription.address
        point_id, lang = point_id or subscription.point_id, lang or subscription.lang
        recipient = f"s{subscription.id}"
    else:
        recipient = "to" + hashlib.sha256(address.encode()).hexdigest()[:12]
    key = f"{event}:{ref}:{recipient}"[:120]
    now = utcnow()
    stmt = (
        upsert_insert(Notification)
        .values(
            key=key,
            point_id=point_id,
            subscription_id=subscription.id if subscription is not None else None,
            channel=channel,
            address=address,
            to_masked=mask(channel, address),
            event=event,
            params=json.dumps(params, ensure_ascii=False),
            lang=lang or "vi",
            urgent=event in URGENT,
            status="pending",
            attempts=0,
            quota_counted=False,
            created_at=now,
            next_attempt_at=now,
        )
        .on_conflict_do_nothing(index_elements=[Notification.key])
        .returning(Notification.id)
    )
    session = session or db.session()
    notification_id = session.execute(stmt).scalar()
    if notification_id is not None:
        hand_off_after_commit(session, notification_id)
    return notification_id


def notify_ticket(ticket_id, event, params, ref):
    """Queue `event` to every channel the ticket's resident chose and has not stopped."""
    subscriptions = db.session.scalars(
        select(NotifySubscription).where(
            NotifySubscription.ticket_id == ticket_id, NotifySubscription.stopped_at.is_(None)
        )
    ).all()
    return [queue_message(event, params, ref, subscription=s) for s in subscriptions]
