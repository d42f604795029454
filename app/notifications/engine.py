"""The job engine: Huey queues (SQLite file in instance/ by default, Redis when REDIS_URL is set).

Outbox rows are handed to the queue only after the transaction that wrote them commits; a row
whose hand-off was lost (crash between commit and enqueue, queue file lost) is found by the
periodic sweep, so the queue is a fast path and the outbox table the truth.
"""

import logging
import os

from huey import Huey, crontab
from huey.storage import MemoryStorage, RedisStorage, SqliteStorage
from sqlalchemy import event
from sqlalchemy.orm import Session

log = logging.getLogger("tdp.notify")

huey = Huey("tdp-notify", results=False, utc=True, storage_class=MemoryStorage)
_app = None
PENDING_KEY = "notify_handoff"


def configure(app):
    """Point the queue at the deployment's storage; tasks run in this app's context."""
    global _app
    _app = app
    queue = app.config.get("NOTIFY_QUEUE")
    redis_url = app.config.get("REDIS_URL")
    if queue == "memory":
        huey.storage = MemoryStorage(huey.name)
    elif queue and queue.startswith("redis://") or (not queue and redis_url):
        huey.storage = RedisStorage(huey.name, url=queue or redis_url)
    else:
        path = queue or os.path.join(app.instance_path, "notify-queue.sqlite3")
        huey.storage = SqliteStorage(huey.name, filename=path)


def hand_off_after_commit(session, notification_id):
    """Remember to enqueue `notification_id` once `session` commits (nothing if it rolls back)."""
    session.info.setdefault(PENDING_KEY, []).append(notification_id)


@event.listens_for(Session, "after_commit")
def _after_commit(session):
    ids = session.info.pop(PENDING_KEY, None)
    for notification_id in ids or ():
        try:
            deliver_task(notification_id)
        except Exception:  # the sweep will find the row; the change itself is committed
            log.exception("notify: could not hand notification %s to the queue", notification_id)


@event.listens_for(Session, "after_rollback")
def _after_rollback(session):
    session.info.pop(PENDING_KEY, None)


@huey.task()
def deliver_task(notification_id):
    from .sender import deliver

    with _app.app_context():
        deliver(notification_id)


@huey.periodic_task(crontab(minute="*"))
def sweep_task():
    from .choices import erase_old_addresses
    from .sender import sweep

    with _app.app_context():
        sweep()
        erase_old_addresses()


@huey.periodic_task(crontab(minute="*"))
def reminders_task():
    from .bookings import send_due_reminders

    with _app.app_context():
        send_due_reminders()


@huey.periodic_task(crontab(minute="*/15"))
def dossiers_due_task():
    from .dossier_events import send_nearly_overdue

    with _app.app_context():
        send_nearly_overdue()


def run_pending(limit=1000):
    """Run queued tasks in this process (tests, `flask notify drain`); returns how many ran."""
    ran = 0
    while ran < limit:
        task = huey.dequeue()
        if task is None:
            break
        huey.execute(task)
        ran += 1
    return ran


def queue_length():
    try:
        return huey.storage.queue_size()
    except Exception:
        return None
