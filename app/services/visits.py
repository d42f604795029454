"""The public footer's visit counter: page views in total and people online now.

No database write per page view: each worker counts in memory and adds its counts to the
database every few seconds with one atomic upsert per day (so several workers and instances
add up instead of overwriting each other). "Online now" is the number of distinct visitors
seen in the last few minutes: a Redis sorted set when REDIS_URL is set, else per-minute rows
written with the same batches. Visitors are a salted hash that changes daily, never an address.
"""

import hashlib
import logging
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import delete, func, select

from ..extensions import db
from ..models import VisitDay, VisitPresence
from ..timeutil import local_today, timestamp
from .sqlfuncs import upsert_insert

log = logging.getLogger(__name__)

ONLINE_MINUTES = 5  # "online" = seen in the last five minutes
FLUSH_SECONDS = 10  # a worker writes its counts at most this long after a view (VISIT_FLUSH_SECONDS)...
FLUSH_VIEWS = 200  # ...or as soon as it holds this many
STATS_CACHE_SECONDS = 15  # how long a worker reuses the figures it read
REDIS_KEY = "tdp:visits:online"

_BOTS = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|curl|wget|python-|"
    r"httpclient|http-client|okhttp|java/|go-http|libwww|headless|phantom|monitor|uptime|"
    r"pingdom|lighthouse|scan|check|fetch",
    re.IGNORECASE,
)


def is_bot(user_agent):
    """Robots, scripts and monitors do not count. Every browser people use says "Mozilla/"
    (or "Opera/" on old Opera Mini); tools that do not are scripts."""
    if not user_agent or not ("Mozilla/" in user_agent or user_agent.startswith("Opera/")):
        return True
    return bool(_BOTS.search(user_agent))


def visitor_id(client_ip, user_agent, secret, day):
    raw = f"{secret}|{day.isoformat()}|{client_ip}|{user_agent}".encode()
    return hashlib.sha256(raw).hexdigest()[:32]


def write_counts(engine, views, seen, now=None):
    """Add `views` ({day: n}) and `seen` ({(minute, visitor)}) to the shared tables, atomically."""
    now_minute = int((now or timestamp()) // 60)
    with engine.begin() as conn:
        for day, count in sorted(views.items()):
            stmt = upsert_insert(VisitDay, engine).values(day=day, count=count)
            stmt = stmt.on_conflict_do_update(
                index_elements=[VisitDay.day], set_={"count": VisitDay.count + count}
            )
            conn.execute(stmt)
        if seen:
            rows = [{"minute": minute, "visitor": visitor} for minute, visitor in sorted(seen)]
            conn.execute(upsert_insert(VisitPresence, engine).values(rows).on_conflict_do_nothing())
            conn.execute(delete(VisitPresence).where(VisitPresence.minute < now_minute - ONLINE_MINUTES))


class VisitBuffer:
    """One worker's counts that are not in the database yet."""

    def __init__(self, flush_seconds=FLUSH_SECONDS, flush_views=FLUSH_VIEWS):
        self.lock = threading.Lock()
        self.flush_seconds = flush_seconds
        self.flush_views = flush_views
        self.views = Counter()
        self.seen = set()
        self.last_flush = time.monotonic()
        self._timer = None
        self._stopping = threading.Event()

    def add(self, day, minute, visitor):
        """Count one view; True when it is time to write the batch."""
        with self.lock:
            self.views[day] += 1
            if visitor is not None:
                self.seen.add((minute, visitor))
            return (
                sum(self.views.values()) >= self.flush_views
                or time.monotonic() - self.last_flush >= self.flush_seconds
            )

    def ensure_timer(self, app):
        """Start, once per process, a thread that writes the batch after `flush_seconds` even
        when no further view arrives (a quiet worker would otherwise hold its counts)."""
        if self._timer is not None and self._timer.is_alive():
            return
        with self.lock:
            if self._timer is not None and self._timer.is_alive():
                return
            stopping = self._stopping = threading.Event()

            def run():
                while not stopping.wait(self.flush_seconds):
                    views, seen = self.pending()
                    if views or seen:
                        with app.app_context():
                            self.flush(db.engine)

            self._timer = threading.Thread(target=run, name="visit-flush", daemon=True)
            self._timer.start()

    def stop(self, discard=False):
        """End the flush thread (the next view starts another); with `discard`, drop what is
        buffered too. Tests call it so no thread writes into a later test's tables."""
        with self.lock:
            timer, self._timer = self._timer, None
            self._stopping.set()
        if timer is not None:
            timer.join(timeout=10)
        if discard:
            with self.lock:
                self.views, self.seen = Counter(), set()
                self.last_flush = time.monotonic()

    def pending(self):
        with self.lock:
            return sum(self.views.values()), set(self.seen)

    def flush(self, engine, now=None):
        """Write what is buffered; on failure keep it for the next try. Returns views written."""
        with self.lock:
            views, seen = self.views, self.seen
            self.views, self.seen = Counter(), set()
            self.last_flush = time.monotonic()
        if not views and not seen:
            return 0
        try:
            write_counts(engine, views, seen, now=now)
        except Exception:  # never lose a page for a counter: keep the counts and retry later
            log.warning("visit counter flush failed; keeping %d views", sum(views.values()), exc_info=True)
            with self.lock:
                self.views.update(views)
                self.seen |= seen
            return 0
        return sum(views.values())


def _redis():
    from .throttle import _redis as throttle_redis  # one client per URL, shared with throttles

    return throttle_redis()


def buffer_for(app):
    return app.extensions["visit_buffer"]


def record_view(client_ip, user_agent, now=None):
    """Count one public page view (bots excluded). Returns True when the batch should be written."""
    if is_bot(user_agent):
        return False
    app = current_app._get_current_object()
    now = now or timestamp()
    visitor = visitor_id(client_ip, user_agent, app.secret_key, local_today())
    minute = int(now // 60)
    client = _redis()
    if client is not None:
        try:
            with client.pipeline() as pipe:
                pipe.zadd(REDIS_KEY, {visitor: now})
                pipe.zremrangebyscore(REDIS_KEY, 0, now - ONLINE_MINUTES * 60)
                pipe.execute()
            visitor = None  # presence is in Redis; only the view goes to the database
        except Exception:
            log.warning("Redis unavailable for 'online now'; using the database", exc_info=True)
    buffer = buffer_for(app)
    buffer.ensure_timer(app)
    return buffer.add(local_today(), minute, visitor)


@dataclass(frozen=True)
class VisitStats:
    total: int
    online: int


_stats_cache = {}


def stats(now=None, use_cache=True):
    """Total page views and visitors online now, as this worker sees them (others' last few
    seconds of views arrive with their next batch)."""
    app = current_app._get_current_object()
    cache_seconds = app.config.get("VISIT_STATS_CACHE_SECONDS", STATS_CACHE_SECONDS)
    key = id(app)
    cached = _stats_cache.get(key)
    mono = time.monotonic()
    if use_cache and cached and mono - cached[0] < cache_seconds:
        return cached[1]
    now = now or timestamp()
    pending_views, pending_seen = buffer_for(app).pending()
    total = db.session.execute(select(func.coalesce(func.sum(VisitDay.count), 0))).scalar_one()
    since = int(now // 60) - ONLINE_MINUTES + 1
    client = _redis()
    online = None
    if client is not None:
        try:
            online = client.zcount(REDIS_KEY, now - ONLINE_MINUTES * 60, "+inf")
        except Exception:
            online = None
    if online is None:
        visitors = set(
            db.session.execute(
                select(VisitPresence.visitor).where(VisitPresence.minute >= since).distinct()
            ).scalars()
        )
        visitors |= {visitor for minute, visitor in pending_seen if minute >= since}
        online = len(visitors)
    result = VisitStats(total=int(total) + pending_views, online=int(online))
    _stats_cache[key] = (mono, result)
    return result


def init_app(app):
    import atexit

    app.extensions["visit_buffer"] = VisitBuffer(
        flush_seconds=app.config.get("VISIT_FLUSH_SECONDS", FLUSH_SECONDS)
    )
    # A worker that stops writes what it still holds (best effort: a killed worker loses
    # at most VISIT_FLUSH_SECONDS of views).
    atexit.register(lambda: _flush_at_exit(app))


def _flush_at_exit(app):
    try:
        with app.app_context():
            buffer_for(app).flush(db.engine)
    except Exception:
        pass
