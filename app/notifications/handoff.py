"""Handing outbox rows to the job engine once the transaction that wrote them commits.

The engine (engine.py, above every other notifications module) registers its delivery task here
when it loads; the writers below it (outbox.py, sender.py) hand rows on through this module and so
never import the engine. A row whose hand-off is lost is found by the periodic sweep.
"""

import logging

from sqlalchemy import event
from sqlalchemy.orm import Session

log = logging.getLogger("tdp.notify")

PENDING_KEY = "notify_handoff"
_task = None


def register(task):
    """The engine's delivery task: task(id) queues a row now, task.schedule((id,), delay=s) later."""
    global _task
    _task = task


def hand_off(notification_id, delay=None):
    """Queue one row for delivery, now or after `delay` seconds."""
    if _task is None:
        raise RuntimeError("no job engine registered (app.notifications.init_app loads it)")
    if delay:
        _task.schedule((notification_id,), delay=delay)
    else:
        _task(notification_id)


def hand_off_after_commit(session, notification_id):
    """Remember to queue `notification_id` once `session` commits (nothing if it rolls back)."""
    session.info.setdefault(PENDING_KEY, []).append(notification_id)


@event.listens_for(Session, "after_commit")
def _after_commit(session):
    for notification_id in session.info.pop(PENDING_KEY, None) or ():
        try:
            hand_off(notification_id)
        except Exception:  # the sweep will find the row; the change itself is committed
            log.exception("notify: could not hand notification %s to the queue", notification_id)


@event.listens_for(Session, "after_rollback")
def _after_rollback(session):
    session.info.pop(PENDING_KEY, None)
