"""A sick database: a black hole, a hung statement, a full outage -> 503 "busy" pages within deadlines, never a 500."""

import contextlib
import os
import socket
import threading
import time

import pytest
from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from app import config as app_config
from app import create_app
from app.assets import asset_url
from app.db_deadlines import DatabaseSick
from app.extensions import db
from app.services import procedures as procedure_service
from tests.conftest import text_of

BUSY = "Hệ thống đang bận, vui lòng thử lại"


class BlackHole:
    """A local server that accepts TCP connections and never answers a byte."""

    def __init__(self):
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(64)
        self.server.settimeout(0.05)
        self.port = self.server.getsockname()[1]
        self.held, self.stop = [], threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while not self.stop.is_set():
            with contextlib.suppress(OSError):  # the 50 ms accept timeout
                self.held.append(self.server.accept()[0])

    @property
    def connections(self):
        """Connections accepted so far (one accept loop turn after they arrive)."""
        return len(self.held)

    def close(self):
        self.stop.set()
        self.thread.join()
        for conn in self.held:
            conn.close()
        self.server.close()


@pytest.fixture
def black_hole():
    hole = BlackHole()
    yield hole
    hole.close()


def app_on(port):
    config = app_config.TestConfig(f"postgresql+psycopg://tdp@127.0.0.1:{port}/tdp")
    config.DB_CONNECT_TIMEOUT_MS = 1  # PostgreSQL's shortest: 2 s
    return create_app(config)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_database_that_never_answers_gives_busy_pages_and_static_files_still_answer(black_hole):
    sick = app_on(black_hole.port)
    client = sick.test_client()
    with sick.test_request_context():
        stylesheet = asset_url("css/app.css")
    pending = []
    thread = threading.Thread(target=lambda: pending.append(client.get("/procedures")))
    thread.start()
    assert sick.test_client().get(stylesheet).status_code == 200
    assert thread.is_alive()  # the static file did not wait for the database
    thread.join()
    page = pending[0]
    assert page.status_code == 503
    assert int(page.headers["Retry-After"]) > 0
    assert BUSY in text_of(page)
    # Known sick now: the next requests are refused without knocking (no waiting for a timeout).
    breaker = sick.extensions["db_breaker"]
    assert breaker.is_open
    knocks = black_hole.connections
    again = sick.test_client().get("/procedures")
    assert again.status_code == 503 and BUSY in text_of(again)
    health = sick.test_client().get("/healthz")
    assert health.status_code == 503 and health.json["status"] == "error"
    assert sick.test_client().get(stylesheet).status_code == 200
    assert black_hole.connections == knocks


def wait_for(condition):
    """Poll a condition another thread makes true (a few milliseconds; never a fixed sleep)."""
    for _ in range(1000):
        if condition():
            return
        time.sleep(0.01)
    raise AssertionError("the condition never came true")


def test_after_the_sick_period_one_request_tries_again_while_the_others_are_refused(black_hole):
    sick = app_on(black_hole.port)
    breaker = sick.extensions["db_breaker"]
    breaker.trip()
    later = time.monotonic() + breaker.seconds
    breaker.clock = lambda: later
    knocks = black_hole.connections
    pending = []
    trial = threading.Thread(target=lambda: pending.append(sick.test_client().get("/procedures")))
    trial.start()
    wait_for(lambda: black_hole.connections == knocks + 1)  # the trial knocks
    other = sick.test_client().get("/procedures")
    assert other.status_code == 503 and BUSY in text_of(other)
    trial.join()
    assert pending[0].status_code == 503
    assert black_hole.connections == knocks + 1  # only the trial asked the database
    assert breaker.is_open  # the trial failed: another sick period


@pytest.mark.parametrize(
    "method, path",
    [
        ("GET", "/procedures"),  # a page that asks the database
        ("GET", "/no-such-page"),  # a 404 page: its layout asks for the user and the counter
        ("POST", "/procedures"),  # a 405 page, the same
    ],
)
def test_a_full_outage_is_a_503_not_a_500(method, path):
    sick = app_on(free_port())  # nothing listens: connection refused
    response = sick.test_client().open(path, method=method)
    assert response.status_code == 503
    assert BUSY in text_of(response)


def hung_statement(app):
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        return text("SELECT pg_sleep(30)")
    return text("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c")


@pytest.fixture
def breaker(app):
    """The shared app's breaker, closed again whatever the test did."""
    breaker = app.extensions["db_breaker"]
    yield breaker
    breaker.close()


def test_a_hung_statement_in_a_web_request_is_cut_at_its_deadline_and_the_site_recovers(
    app, client, demo, breaker, monkeypatch
):
    monkeypatch.setitem(app.config, "DB_STATEMENT_TIMEOUT_MS", 200)
    statement = hung_statement(app)
    monkeypatch.setattr(procedure_service, "search", lambda *a, **k: db.session.execute(statement).all())
    response = client.get("/procedures")
    assert response.status_code == 503
    assert BUSY in text_of(response)
    assert breaker.is_open
    # While it is known sick, a request is refused before any statement reaches the database.
    reached = []
    listener = lambda *args: reached.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        again = client.get("/procedures")
        health = client.get("/healthz")
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert again.status_code == 503 and BUSY in text_of(again)
    assert health.status_code == 503 and health.json["status"] == "error"
    assert reached == []
    # The database answers again; after the sick period one request tries, succeeds, and closes it.
    monkeypatch.undo()
    later = time.monotonic() + breaker.seconds
    monkeypatch.setattr(breaker, "clock", lambda: later)
    assert client.get("/procedures").status_code == 200
    assert not breaker.is_open
    assert client.get("/healthz").json["status"] == "ok"


def test_outside_a_request_statements_keep_no_deadline(app, monkeypatch):
    monkeypatch.setitem(app.config, "DB_STATEMENT_TIMEOUT_MS", 1)
    assert db.session.execute(text("SELECT 1")).scalar() == 1


class SilentRelay:
    """A TCP relay to a real server that can fall silent: the bytes after `silence()` are held, never sent."""

    def __init__(self, host, port):
        self.target, self.silent = (host, port), threading.Event()
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        with contextlib.suppress(OSError):  # closed at the end of the test
            while True:
                near = self.server.accept()[0]
                far = socket.create_connection(self.target)
                for source, sink in ((near, far), (far, near)):
                    threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    def _pipe(self, source, sink):
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                if self.silent.is_set():
                    continue  # swallowed: the other side waits forever
                sink.sendall(data)

    def silence(self):
        self.silent.set()


POSTGRES = os.environ.get("TEST_DATABASE_URL") or ""
if POSTGRES.startswith(("postgresql", "postgres")):  # a silent server mid-transaction is a network thing

    def test_a_request_refused_mid_transaction_rolls_back_within_the_deadline_too():
        url = make_url(POSTGRES).set(drivername="postgresql+psycopg")
        relay = SilentRelay(url.host or "127.0.0.1", url.port or 5432)
        config = app_config.TestConfig(url.set(host="127.0.0.1", port=relay.port).render_as_string(False))
        config.DB_STATEMENT_TIMEOUT_MS = 300
        sick = create_app(config)
        try:
            with sick.test_request_context("/procedures"):
                assert db.session.execute(text("SELECT 1")).scalar() == 1  # a transaction is open
                relay.silence()
                sick.extensions["db_breaker"].trip()  # another request found it sick
                with pytest.raises(DatabaseSick):
                    db.session.execute(text("SELECT 2"))
                with pytest.raises(OperationalError):  # ROLLBACK went unanswered: cut, not hung
                    db.session.rollback()
                db.session.close()
        finally:
            relay.server.close()
