"""Client-side deadlines for the database during web requests, so a sick database costs seconds, not minutes.

A database that accepts connections but never answers (a TCP black hole, a hung server) would
hold every worker thread for minutes. Connecting has a timeout (engine options in app/config.py);
here, each statement, pool pre-ping, COMMIT and ROLLBACK run inside a web request gets a
deadline: when it passes, one watchdog thread cuts the connection from our side (the socket is shut down for
PostgreSQL, SQLite is interrupted), the driver raises, and errors.py answers 503. CLI commands
and jobs run outside requests and keep no deadline (rollups, purge and benches are long).

Deadlines alone still let a sick database hold each worker thread for one deadline, and the
requests queued behind them (static files included) wait their turn. So a circuit breaker: once a
statement has been cut or a connection could not be made, the database is known sick, and for
DB_SICK_MS web requests that reach for it are refused at once (DatabaseSick, a 503) instead of
waiting for a deadline of their own. Then one request tries again (half-open): a statement that
succeeds (the trial's, or one still in flight) closes the breaker, a failure opens it for another
period. Requests that never touch the
database (static files, pages without queries) are never held.
"""

import heapq
import itertools
import logging
import os
import socket
import threading
import time

from flask import current_app, has_request_context, request
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

    def arm(self, seconds, dbapi_connection, on_cut=None):
        token = next(self._ids)
        with self._cond:
            self._live[token] = (dbapi_connection, on_cut)
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
                connection, on_cut = self._live.pop(token)
                _cut(connection)
                if on_cut is not None:
                    on_cut()


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


class DatabaseSick(Exception):
    """Refused without asking: the database was found sick moments ago (errors.py answers 503)."""


class Breaker:
    """Closed (None), or open until a moment of `clock`; past it, one caller at a time may try."""

    def __init__(self, seconds):
        self.seconds = seconds
        self.clock = time.monotonic  # tests move it instead of sleeping
        self._lock = threading.Lock()
        self._open_until = None

    @property
    def is_open(self):
        return self._open_until is not None

    def trip(self):
        with self._lock:
            self._open_until = self.clock() + self.seconds
        log.warning("database known sick: web requests refused for %s s", self.seconds)

    def close(self):
        if self._open_until is not None:
            with self._lock:
                self._open_until = None
            log.warning("database answers again: web requests go through")

    def try_again(self):
        """True for the one caller allowed to try once the period is over (the others: one more period)."""
        with self._lock:
            if self._open_until is None:
                return True
            now = self.clock()
            if now < self._open_until:
                return False
            self._open_until = now + self.seconds  # the others wait one more period for this answer
            return True


TRIAL = "tdp.db_trial"  # in request.environ: this request is the one trying the database again


def _breaker():
    """The app's breaker during a web request, or None (CLI, jobs, breaker turned off)."""
    return current_app.extensions.get("db_breaker") if has_request_context() else None


def _allowed():
    """May this request use the database now? The first to ask after the period becomes the trial."""
    breaker = _breaker()
    if breaker is None or not breaker.is_open or request.environ.get(TRIAL):
        return True
    if breaker.try_again():
        request.environ[TRIAL] = True
        return True
    return False


def _deadline():
    """Seconds allowed for one statement now, or None (outside a web request)."""
    if not has_request_context():
        return None
    milliseconds = current_app.config.get("DB_STATEMENT_TIMEOUT_MS")
    return milliseconds / 1000 if milliseconds else None


def _arm_deadline(dbapi_connection):
    seconds = _deadline()
    if not seconds:
        return None
    breaker = _breaker()
    return WATCHDOG.arm(seconds, dbapi_connection, on_cut=breaker.trip if breaker else None)


@event.listens_for(Engine, "before_cursor_execute")
def _arm(conn, cursor, statement, parameters, context, executemany):
    if not _allowed():
        raise DatabaseSick("the database was found sick moments ago")
    token = _arm_deadline(conn.connection.dbapi_connection)
    if token is not None:
        conn.info["deadline_token"] = token


@event.listens_for(Engine, "after_cursor_execute")
def _disarm(conn, cursor, statement, parameters, context, executemany):
    token = conn.info.pop("deadline_token", None)
    if token is not None:
        WATCHDOG.disarm(token)
    breaker = _breaker()
    if breaker is not None:
        breaker.close()  # an answer: the database is not (or no longer) sick


@event.listens_for(Engine, "handle_error")
def _disarm_on_error(context):
    conn = context.connection
    token = conn.info.pop("deadline_token", None) if conn is not None else None
    if token is not None:
        WATCHDOG.disarm(token)


def _within_deadline(call):
    """`call(dbapi_connection)` under the statement deadline: pings, COMMIT and ROLLBACK skip the cursor events."""

    def guarded(dbapi_connection, *args):
        token = _arm_deadline(dbapi_connection)
        try:
            return call(dbapi_connection, *args)
        finally:
            if token is not None:
                WATCHDOG.disarm(token)

    return guarded


def _guard(engine):
    """Connecting, pinging, committing and rolling back would hang on a silent server too."""
    dialect = engine.dialect
    if getattr(dialect, "_deadline_guarded", False):
        return
    ping, connect = _within_deadline(dialect.do_ping), dialect.connect

    def do_ping(dbapi_connection):
        if not _allowed():
            return True  # not asked now; the statement that follows is refused, the connection kept
        return ping(dbapi_connection)

    def guarded_connect(*args, **kwargs):
        if not _allowed():
            raise DatabaseSick("the database was found sick moments ago")
        try:
            return connect(*args, **kwargs)
        except dialect.loaded_dbapi.OperationalError:  # refused, or timed out (DB_CONNECT_TIMEOUT_MS)
            breaker = _breaker()
            if breaker is not None:
                breaker.trip()
            raise

    dialect.do_ping = do_ping
    dialect.connect = guarded_connect
    # A request refused mid-transaction still rolls back: on a silent server that must not hang either.
    dialect.do_commit = _within_deadline(dialect.do_commit)
    dialect.do_rollback = _within_deadline(dialect.do_rollback)
    dialect._deadline_guarded = True


def init_app(app):
    from .extensions import db

    milliseconds = app.config.get("DB_SICK_MS")
    if milliseconds:
        app.extensions["db_breaker"] = Breaker(milliseconds / 1000)
    with app.app_context():
        for engine in db.engines.values():
            _guard(engine)
