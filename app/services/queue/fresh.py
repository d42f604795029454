"""How fresh a worker's view of the queue is: today's versions of every point, read at most once a second.

Polls ask `version_of(point_id, day)` on every request; the answer comes from a per-process
copy of today's QueueVersion rows, read again in one query once it is older than
QUEUE_FRESHNESS_SECONDS (1 s) on the app clock (timeutil), so tests move the clock instead
of sleeping. A move committed by this process goes into the copy at once (record.py hands
its new versions to `learn`); moves made by other workers and app instances show within the interval.
"""

import os
import threading
from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from ...extensions import db
from ...models.queue import QueueVersion
from ...timeutil import local_now

_lock = threading.Lock()
_copy = {"day": None, "read_at": None, "versions": {}, "reads": 0}


# QUEUE_FRESHNESS_SECONDS in the app config, else in the environment (tests of several
# gunicorn instances set 0: every request reads the versions).
DEFAULT_SECONDS = float(os.environ.get("QUEUE_FRESHNESS_SECONDS", 1))


def _today(day):
    return select(QueueVersion.point_id, QueueVersion.version).where(QueueVersion.service_day == day)


def interval():
    return timedelta(seconds=current_app.config.get("QUEUE_FRESHNESS_SECONDS", DEFAULT_SECONDS))


def expire():
    """Read the versions again on the next request (this process has just made a move)."""
    _copy["read_at"] = None


def learn(bumped):
    """This process's own committed moves: {(point id, day): version} go into the copy at once,
    so its poll threads need not wait for a read after each of its desks' moves."""
    copy = _copy
    if not bumped or copy["read_at"] is None:
        expire()
        return
    mine = {point_id: version for (point_id, day), version in bumped.items() if day == copy["day"]}
    if mine:
        copy["versions"] = {**copy["versions"], **mine}  # replaced whole: readers see one or the other


def _today_versions():
    now = local_now()
    if moved_in_this_transaction():  # this transaction's own bumps: not for the shared copy
        return dict(db.session.execute(_today(now.date())).all())
    copy = _copy
    read_at = copy["read_at"]
    known = read_at is not None and copy["day"] == now.date()
    every = interval()
    if known and timedelta(0) <= now - read_at < every:
        return copy["versions"]
    # Older than the interval: one thread reads them again while the others answer from the
    # copy meanwhile, so a slow database delays news by one query, not every poll by it. After
    # this process's own move (expired), on a new day or with an interval of 0 (every request
    # reads), everyone waits for the new read.
    if not _lock.acquire(blocking=not known or not every):
        return copy["versions"]
    try:
        rows = db.session.execute(_today(now.date())).all()
        _copy.update(day=now.date(), read_at=now, versions=dict(rows), reads=_copy["reads"] + 1)
        return _copy["versions"]
    finally:
        _lock.release()


def moved_in_this_transaction():
    """True while the current session holds moves not yet committed (versions other workers can't see).

    Asked without making a session: a poll answered from the copies never opens one."""
    sessions = db.session.registry
    return sessions.has() and bool(sessions().info.get("queue_moved"))


def reads():
    """How many times this process has read the versions: other per-process copies of the
    database (point slugs, opening state) read again when this moves."""
    _today_versions()
    return _copy["reads"]


def copied_versions(day):
    """{point id: version} of `day` as this process's copy holds them ({} for another day)."""
    copy = _copy
    return copy["versions"] if copy["day"] == day else {}


def version_of(point_id, day):
    """The version of a point-day (None: nothing recorded yet); other days than today read directly."""
    if day == local_now().date():
        return _today_versions().get(point_id)
    return db.session.scalar(
        select(QueueVersion.version).where(QueueVersion.point_id == point_id, QueueVersion.service_day == day)
    )
