"""Throttles that hold across gunicorn workers and app instances.

A fixed-window counter per key, kept in Redis when REDIS_URL is set and in the database
otherwise (one upsert per hit). Memory-only limiters would let each worker count alone.
Time comes from app/timeutil, so tests move a window's end with the `clock` fixture.
"""

from flask import current_app
from sqlalchemy import delete, select

from .. import timeutil
from ..extensions import db
from ..models import RateCounter
from .sqlfuncs import upsert_insert

_redis_clients = {}


def _redis():
    url = current_app.config.get("REDIS_URL")
    if not url:
        return None
    if url not in _redis_clients:
        import redis

        _redis_clients[url] = redis.Redis.from_url(url, socket_timeout=0.5)
    return _redis_clients[url]


def _seconds():
    return timeutil.timestamp()


def _window(seconds, now):
    return int(now // seconds * seconds)


def retry_after(key, seconds, now=None):
    """Whole seconds until `key`'s current window ends and its count starts again (at least 1)."""
    now = now or _seconds()
    return max(1, int(_window(seconds, now) + seconds - now + 0.999))


def hit(key, limit, seconds, now=None):
    """Count one attempt for `key`; True while the count within the window is <= limit."""
    return count(key, seconds, now=now, add=1) <= limit


def count(key, seconds, now=None, add=0):
    """The attempts counted for `key` in the current window, after adding `add`."""
    now = now or _seconds()
    window = _window(seconds, now)
    client = _redis()
    if client is not None:
        rkey = f"tdp:rl:{key}:{window}"
        if not add:
            return int(client.get(rkey) or 0)
        with client.pipeline() as pipe:
            pipe.incrby(rkey, add)
            pipe.expire(rkey, seconds + 5)
            value, _ = pipe.execute()
        return int(value)
    if not add:
        row = db.session.get(RateCounter, (key, window))
        return row.count if row else 0
    return _db_add(key, window, add, window + seconds, now)


def _db_add(key, window, add, expires_at, now):
    stmt = upsert_insert(RateCounter).values(key=key, window=window, count=add, expires_at=expires_at)
    stmt = stmt.on_conflict_do_update(
        index_elements=[RateCounter.key, RateCounter.window],
        set_={"count": RateCounter.count + add},
    ).returning(RateCounter.count)
    # Its own short transaction: a throttle must count even when the request's work fails.
    # Call throttles before the request writes anything: on SQLite a pending write in the
    # request's session would block this connection.
    with db.engine.begin() as conn:
        value = conn.execute(stmt).scalar_one()
        if value == add:  # first hit of a new window: sweep the stale ones
            conn.execute(delete(RateCounter).where(RateCounter.expires_at < int(now)))
    return value


def reset(key, seconds, now=None):
    now = now or _seconds()
    window = _window(seconds, now)
    client = _redis()
    if client is not None:
        client.delete(f"tdp:rl:{key}:{window}")
        return
    with db.engine.begin() as conn:
        conn.execute(delete(RateCounter).where(RateCounter.key == key))


def reset_prefix(prefix):
    """Forget every key starting with `prefix` (an admin unlocking an account from every address)."""
    client = _redis()
    if client is not None:
        for rkey in client.scan_iter(match=f"tdp:rl:{_redis_glob_escape(prefix)}*", count=500):
            client.delete(rkey)
        return
    with db.engine.begin() as conn:
        conn.execute(delete(RateCounter).where(RateCounter.key.startswith(prefix, autoescape=True)))


def any_at_least(prefix, limit, seconds, now=None):
    """True when some key starting with `prefix` has reached `limit` in its current window."""
    window = _window(seconds, now or _seconds())
    client = _redis()
    if client is not None:
        pattern = f"tdp:rl:{_redis_glob_escape(prefix)}*:{window}"
        return any(int(client.get(rkey) or 0) >= limit for rkey in client.scan_iter(match=pattern, count=500))
    query = select(RateCounter.key).where(
        RateCounter.key.startswith(prefix, autoescape=True),
        RateCounter.window == window,
        RateCounter.count >= limit,
    )
    return db.session.execute(query.limit(1)).first() is not None


def _redis_glob_escape(text):
    return "".join(f"\\{c}" if c in "*?[]\\" else c for c in text)


def purge_expired(now=None):
    with db.engine.begin() as conn:
        conn.execute(delete(RateCounter).where(RateCounter.expires_at < int(now or _seconds())))
