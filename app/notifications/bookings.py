"""Messages about bookings: the confirmation when a resident chooses them, the two reminders, and
a closure added on a booked day or opening hours changed under a booking.

Reminders (the evening before at NOTIFY_REMINDER_EVENING, and an hour before the slot) are found by a
periodic task every worker's scheduler runs each minute; the outbox key per booking, time and reminder
makes each one go out once however many workers and instances run it, and a moved booking gets its
own. A message held back (quiet hours, retries) that is no longer true when it is due is not sent:
`stale()` says why (the booking was cancelled, moved or is over).
"""

import json
from datetime import datetime, time, timedelta

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import select

from ..extensions import db
from ..models import Appointment, ServicePoint
from ..models.notify import NotifySubscription
from ..timeutil import LOCAL_TZ, local_now
from .links import public_url
from .outbox import queue_message, stop_every, subscribe


def by_token(token):
    if not token or len(token) > 32:
        return None
    return db.session.scalars(select(Appointment).where(Appointment.token == token)).first()


def active_for(appointment):
    return db.session.scalars(
        select(NotifySubscription)
        .where(NotifySubscription.appointment_id == appointment.id, NotifySubscription.stopped_at.is_(None))
        .order_by(NotifySubscription.id)
    ).all()


def _params(appointment, lang):
    point = db.session.get(ServicePoint, appointment.point_id)
    return {
        "code": f"{appointment.code[:3]}-{appointment.code[3:]}",
        "date": appointment.day.strftime("%d/%m/%Y"),
        "time": appointment.start.strftime("%H:%M"),
        "point": point.name_en if lang == "en" and point.name_en else point.name_vi,
    }


def _ref(appointment, what):
    """The outbox key of a message about the booking at its current time."""
    return f"a{appointment.id}:{appointment.day.isoformat()}T{appointment.start:%H%M}:{what}"


def choose(appointment, channel, phone, lang):
    subscription = subscribe(appointment.point_id, channel, phone, appointment_id=appointment.id, lang=lang)
    queue_message(
        "booked", _params(appointment, lang), _ref(appointment, "booked"), subscription=subscription
    )
    db.session.commit()
    return subscription


def tell_move(appointment):
    """The booking has moved: its channels get the new time (held messages about the old one are stale)."""
    for subscription in active_for(appointment):
        params = _params(appointment, subscription.lang)
        queue_message("booked", params, _ref(appointment, "booked"), subscription=subscription)
    db.session.commit()


def stale(notification):
    """Why a queued message about a booking is no longer true, or None (also for other messages)."""
    if notification.subscription_id is None:
        return None
    appointment = db.session.scalar(
        select(Appointment)
        .join(NotifySubscription, NotifySubscription.appointment_id == Appointment.id)
        .where(NotifySubscription.id == notification.subscription_id)
    )
    if appointment is None:  # a ticket's or a dossier's message
        return None
    if appointment.status != "booked":
        return "the booking was cancelled" if appointment.status == "cancelled" else "the booking is over"
    params = json.loads(notification.params or "{}")
    moved_day = params.get("date") != appointment.day.strftime("%d/%m/%Y")
    moved_time = params.get("time", "") not in ("", appointment.start.strftime("%H:%M"))  # "" : no time said
    return "the booking has moved" if moved_day or moved_time else None


def stop_all(appointment):
    """The resident's opt-out: nothing more is sent about this booking (not even what waits for the
    morning), and the number is erased."""
    stop_every(NotifySubscription.appointment_id == appointment.id, "stopped by the resident")
    db.session.commit()


def send_due_reminders(now=None):
    """Queue every reminder that is due now; returns how many new messages were queued."""
    now = now or local_now()
    evening = time.fromisoformat(current_app.config["NOTIFY_REMINDER_EVENING"])
    queued = 0
    rows = db.session.execute(
        select(NotifySubscription, Appointment)
        .join(Appointment, Appointment.id == NotifySubscription.appointment_id)
        .where(
            NotifySubscription.stopped_at.is_(None),
            Appointment.status == "booked",
            Appointment.day.in_((now.date(), now.date() + timedelta(days=1))),
        )
    ).all()
    for subscription, appointment in rows:
        starts = datetime.combine(appointment.day, appointment.start, tzinfo=LOCAL_TZ)
        if appointment.day > now.date():
            due = now.time() >= evening
            event, ref = "reminder_day", _ref(appointment, "day")
        else:
            due = starts - timedelta(hours=1) <= now < starts
            event, ref = "reminder_hour", _ref(appointment, "hour")
        if due:
            params = _params(appointment, subscription.lang)
            queued += queue_message(event, params, ref, subscription=subscription) is not None
    db.session.commit()
    return queued


def tell_closure(closed_day, appointments):
    """One message to each booking's channels: the point is closed on its day, move or cancel it.

    Its own event ("booking_closed", a Zalo template of its own), in the language the resident
    chose; the outbox key per booking and closed date sends it once, however often the admin saves
    that closure again.
    """
    queued = 0
    for appointment in appointments:
        for subscription in active_for(appointment):
            params = _params(appointment, subscription.lang)
            with force_locale(subscription.lang):
                params["reason"] = closed_day.t("reason")
            params.update(url=public_url(f"/appointments/b/{appointment.token}"), tag=f"a{appointment.id}")
            ref = f"a{appointment.id}:closed:{closed_day.date.isoformat()}"
            queued += queue_message("booking_closed", params, ref, subscription=subscription) is not None
    db.session.commit()
    return queued


def tell_hours_change(appointments):
    """One message to each booking's channels: the point's weekly hours no longer cover its time.

    Its own event ("booking_hours"); the outbox key per booking and time sends it once, however
    often the admin saves the sessions again, and a booking moved and hit again gets its own.
    """
    queued = 0
    for appointment in appointments:
        for subscription in active_for(appointment):
            params = _params(appointment, subscription.lang)
            params.update(url=public_url(f"/appointments/b/{appointment.token}"), tag=f"a{appointment.id}")
            ref = _ref(appointment, "hours")
            queued += queue_message("booking_hours", params, ref, subscription=subscription) is not None
    db.session.commit()
    return queued
