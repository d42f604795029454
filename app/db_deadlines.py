"""Client-side deadlines for the database during web requests, so a sick database costs seconds, not minutes.

A database that accepts connections but never answers (a TCP black hole, a hung server) would
hold every worker thread for minutes. Connecting has a timeout (engine options in app/config.py);
here, each statement and each pool pre-ping run inside a web request gets a deadline: when it
passes, one watchdog thread cuts the connection from our side (the socket is shut down for
PostgreSQL, SQLite is interrupted), the driver raises, and errors.py answers 503. CLI commands
and jobs run outside requests and keep no deadline (rollups, purge and benches are long).
"""

import heapq
import itertools
import logging
import os
import socket
import threading
import time

from flask import current_app, has_request_context
from sqlalchemy import event
from sqlalchemy.engine import Engine

log = logging.getLogger(__name__)


class Watchdog:
    """One thread per process holding the deadlines of statements in flight."""

    def __init__(self):
        self._cond = threading.Condition()
        self._heap = []
        self._live = {}
        self._ids = itertools.count()
        self._thread = None

    def arm(self, seconds, dbapi_connection):
        token = next(self._ids)
        with self._cond:
            self._live[token] = dbapi_connection
            heapq.heappush(self._heap, (time.monotonic() + seconds, token))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="db-deadlines", daemon=True)
                self._thread.start()
            self._cond.notify()
        return token

    def disarm(self, token):
        with self._cond:
            self._live.pop(token, None)

    def _run(self):
        with self._cond:
            while True:
                while self._heap and self._heap[0][1] not in self._live:
                    heapq.heappop(self._heap)
                if not self._heap:
                    self._cond.wait()
                    continue
                due, token = self._heap[0]
                wait = due - time.monotonic()
                if wait > 0:
                    self._cond.wait(wait)
                    continue
                heapq.heappop(self._heap)
                connection = self._live.pop(token)
                _cut(connection)


def _cut(dbapi_connection):
    """Make a blocked driver call return with an error, from another thread."""
    try:
        if hasattr(dbapi_connection, "interrupt"):  # sqlite3
            dbapi_connection.interrupt()
            return
        pgconn = getattr(dbapi_connection, "pgconn", None)  # psycopg 3
        if pgconn is not None and pgconn.socket >= 0:
            # shutdown() acts on the socket itself, so a duplicate fd is enough and ours to close.
            with socket.socket(fileno=os.dup(pgconn.socket)) as sock:
                sock.shutdown(socket.SHUT_RDWR)
        log.warning("database statement passed its deadline: connection cut")
    except OSError:
        log.warning("could not cut a database connection past its deadline", exc_info=True)


WATCHDOG = Watchdog()


def _deadline():
    """Seconds allowed for one statement now, or None (outside a web request)."""
    if not has_request_context():
        return None
    milliseconds = current_app.config.get("DB_STATEMENT_TIMEOUT_MS")
    return milliseconds / 1000 if milliseconds else None


@event.listens_for(Engine, "before_cursor_execute")
def _arm(conn, cursor, statement, parameters, context, executemany):
    seconds = _deadline()
    if seconds:
        conn.info["deadline_token"] = WATCHDOG.arm(seconds, conn.connection.dbapi_connection)


@event.listens_for(Engine, "after_cursor_execute")
def _disarm(conn, cursor, statement, parameters, context, executemany):
    token = conn.info.pop("deadline_token", None)
    if token is not None:
        WATCHDOG.disarm(token)


@event.listens_for(Engine, "handle_error")
def _disarm_on_error(context):
    conn = context.connection
    token = conn.info.pop("deadline_token", None) if conn is not None else None
    if token is not None:
        WATCHDOG.disarm(token)


def _guard_pings(engine):
    """The pool's pre-ping on a connection whose server went silent would hang too."""
    dialect = engine.dialect
    if getattr(dialect, "_deadline_guarded", False):
        return
    ping = dialect.do_ping

    def do_ping(dbapi_connection):
        seconds = _deadline()
        token = WATCHDOG.arm(seconds, dbapi_connection) if seconds else None
        try:
            return ping(dbapi_connection)
        finally:
            if token is not None:
                WATCHDOG.disarm(token)

    dialect.do_ping = do_ping
    dialect._deadline_guarded = True


def init_app(app):
    from .extensions import db

    with app.app_context():
        for engine in db.engines.values():
            _guard_pings(engine)
