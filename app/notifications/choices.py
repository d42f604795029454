"""A resident's choice to be told about their number: subscribe (with the "issued" message), stop, erase."""

from datetime import datetime, time
from urllib.parse import urlsplit

from sqlalchemy import select, update

from ..extensions import db
from ..models import Appointment, ServicePoint, Ticket
from ..models.notify import Notification, NotifySubscription
from ..timeutil import LOCAL_TZ, local_today, to_utc_naive, utcnow
from .links import public_url
from .outbox import queue_message, stop_every, subscribe

LEAD_CHOICES = (5, 15, 30)


def active_for(ticket):
    return db.session.scalars(
        select(NotifySubscription)
        .where(NotifySubscription.ticket_id == ticket.id, NotifySubscription.stopped_at.is_(None))
        .order_by(NotifySubscription.id)
    ).all()


def valid_push(endpoint, p256dh, auth):
    """A push service's address (HTTPS; plain HTTP only on this machine, for development) and its keys."""
    if not (isinstance(endpoint, str) and isinstance(p256dh, str) and isinstance(auth, str)):
        return False
    parts = urlsplit(endpoint)
    local = parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost")
    return (
        (parts.scheme == "https" or local)
        and len(endpoint) <= 600
        and 80 <= len(p256dh) <= 100
        and 16 <= len(auth) <= 30
    )


def choose_push(ticket, endpoint, p256dh, auth, lang):
    """Web push for `ticket` on the browser that subscribed; like choose(), with the default 15 minutes."""
    return choose(ticket, "push", endpoint, 15, lang, p256dh=p256dh, auth=auth)


def choose(ticket, channel, phone, lead_minutes, lang, p256dh=None, auth=None):
    """Subscribe `phone` on `channel` for `ticket` and queue the "issued" message, in one transaction."""
    from ..services.queue import people_ahead

    subscription = subscribe(
        ticket.point_id, channel, phone, ticket_id=ticket.id, lang=lang, p256dh=p256dh, auth=auth
    )
    subscription.lead_minutes = lead_minutes
    point = db.session.get(ServicePoint, ticket.point_id)
    params = {
        "ticket": ticket.label,
        "tag": ticket.label,
        "url": public_url(f"/t/{ticket.token}"),
        "ahead": people_ahead(ticket),
        "point": point.name_en if lang == "en" and point.name_en else point.name_vi,
    }
    queue_message("issued", params, f"t{ticket.id}:issued", subscription=subscription)
    _touch(ticket)
    db.session.commit()
    return subscription


def stop_all(ticket):
    """The resident's opt-out: nothing more is sent about this ticket, and the number is erased."""
    stop_every(NotifySubscription.ticket_id == ticket.id, "stopped by the resident")
    _touch(ticket)
    db.session.commit()


def _touch(ticket):
    """The ticket page shows the choice, so its version (and with it the page's ETag) moves on."""
    ticket.updated_at = utcnow()


def erase_old_addresses():
    """Phones and push endpoints of earlier days' tickets and past bookings are erased (messages: by day)."""
    start_of_today = to_utc_naive(datetime.combine(local_today(), time(0), tzinfo=LOCAL_TZ))
    old_tickets = select(Ticket.id).where(Ticket.service_day < local_today())
    db.session.execute(
        update(NotifySubscription)
        .where(NotifySubscription.ticket_id.in_(old_tickets), NotifySubscription.address != "")
        .values(address="", push_p256dh=None, push_auth=None, stopped_at=utcnow())
    )
    past_bookings = select(Appointment.id).where(Appointment.day < local_today())
    db.session.execute(
        update(NotifySubscription)
        .where(NotifySubscription.appointment_id.in_(past_bookings), NotifySubscription.address != "")
        .values(address="", stopped_at=utcnow())
    )
    db.session.execute(
        update(Notification)
        .where(Notification.created_at < start_of_today, Notification.address.is_not(None))
        .values(address=None)
    )
    db.session.commit()
