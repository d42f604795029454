"""The job engine: Huey queues (SQLite file in instance/ by default, Redis when REDIS_URL is set).

The top of the notifications package: its tasks call down into sender, bookings, choices and
dossier_events, and it registers its delivery task with handoff.py, through which outbox rows reach
the queue once the transaction that wrote them commits. A row whose hand-off was lost (crash between
commit and enqueue, queue file lost) is found by the periodic sweep, so the queue is a fast path and
the outbox table the truth.
"""

import os

from huey import Huey, crontab
from huey.storage import MemoryStorage, RedisStorage, SqliteStorage

from . import handoff
from .bookings import send_due_reminders
from .choices import erase_old_addresses
from .dossier_events import send_nearly_overdue
from .sender import deliver, sweep

huey = Huey("tdp-notify", results=False, utc=True, storage_class=MemoryStorage)
_app = None


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


@huey.task()
def deliver_task(notification_id):
    with _app.app_context():
        deliver(notification_id)


handoff.register(deliver_task)


@huey.periodic_task(crontab(minute="*"))
def sweep_task():
    with _app.app_context():
        sweep()
        erase_old_addresses()


@huey.periodic_task(crontab(minute="*"))
def reminders_task():
    with _app.app_context():
        send_due_reminders()


@huey.periodic_task(crontab(minute="*/15"))
def dossiers_due_task():
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
