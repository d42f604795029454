"""Messages about a dossier: the resident's choice on its receipt, status events, "nearly overdue".

Status events hang on the dossier's history (services/dossiers/rules.STATUS_LISTENERS): each line
added in a transaction writes its outbox rows in that same transaction, so a move that fails sends
nothing. Received, needs supplement and result ready go out as they happen; "nearly overdue" is
found by a periodic task (engine.py) when a dossier being processed is due today or on the next
working day; its key per due date makes it go out once however many workers run the task.
A finished dossier (returned, refused, withdrawn) stops its messages and erases the number.
"""

from datetime import timedelta

from sqlalchemy import select

from ..extensions import db
from ..models import Dossier, ServicePoint
from ..models.dossier import FINISHED
from ..models.notify import NotifySubscription
from ..services.dossiers.rules import STATUS_LISTENERS
from ..services.workdays import WorkingCalendar
from ..timeutil import local_today
from .outbox import queue_message, stop_every, subscribe

# The dossier's status -> the event residents hear about.
EVENTS = {"received": "dossier_received", "supplement": "dossier_supplement", "completed": "dossier_ready"}
PROCESSING = ("received", "processing")  # the office holds it: it can become overdue


def active_for(dossier):
    return db.session.scalars(
        select(NotifySubscription)
        .where(NotifySubscription.dossier_id == dossier.id, NotifySubscription.stopped_at.is_(None))
        .order_by(NotifySubscription.id)
    ).all()


def _params(dossier, lang):
    point = db.session.get(ServicePoint, dossier.point_id)
    return {
        "code": dossier.code or "",
        "date": dossier.due_date.strftime("%d/%m/%Y") if dossier.due_date else "",
        "point": point.name_en if lang == "en" and point.name_en else point.name_vi,
    }


def choose(dossier, channel, address, lang, p256dh=None, auth=None):
    """Subscribe `address` on `channel` for `dossier` and confirm it with a first message."""
    subscription = subscribe(
        dossier.point_id, channel, address, dossier_id=dossier.id, lang=lang, p256dh=p256dh, auth=auth
    )
    queue_message("dossier_watch", _params(dossier, lang), f"d{dossier.id}:watch", subscription=subscription)
    db.session.commit()
    return subscription


def stop_all(dossier):
    """The resident's opt-out (or the dossier's end): nothing more is sent and the number is erased."""
    stop_every(NotifySubscription.dossier_id == dossier.id, "stopped")


def status_changed(dossier, from_status, to_status):
    """A line in the dossier's history: tell its subscribers, or stop them when it is finished."""
    if dossier.id is None or from_status == to_status or from_status == "draft":
        return
    with db.session.no_autoflush:  # the move is not complete yet: nothing of it is flushed here
        if to_status in FINISHED:
            stop_all(dossier)
            return
        event = EVENTS.get(to_status)
        if event is None:
            return
        # The n-th line of the history: a dossier received again after a supplement is told again.
        ref = f"d{dossier.id}:e{len(dossier.events)}"
        for subscription in active_for(dossier):
            queue_message(event, _params(dossier, subscription.lang), ref, subscription=subscription)


STATUS_LISTENERS.append(status_changed)


def send_nearly_overdue(today=None):
    """Queue "nearly overdue" for dossiers in processing due today or on the next working day."""
    today = today or local_today()
    rows = db.session.execute(
        select(NotifySubscription, Dossier)
        .join(Dossier, Dossier.id == NotifySubscription.dossier_id)
        .where(
            NotifySubscription.stopped_at.is_(None),
            Dossier.status.in_(PROCESSING),
            Dossier.due_date.is_not(None),
            Dossier.due_date >= today,
            Dossier.due_date <= today + timedelta(days=14),  # the next working day is never further
        )
    ).all()
    limits = {}
    queued = 0
    for subscription, dossier in rows:
        if dossier.point_id not in limits:
            calendar = WorkingCalendar(dossier.point_id, today)
            limits[dossier.point_id] = calendar.next_working_day(today, include=False)
        if dossier.due_date <= limits[dossier.point_id]:
            params = _params(dossier, subscription.lang)
            ref = f"d{dossier.id}:due{dossier.due_date:%Y%m%d}"
            queued += queue_message("dossier_due", params, ref, subscription=subscription) is not None
    db.session.commit()
    return queued
