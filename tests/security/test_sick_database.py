"""A sick database: a black hole, a hung statement, a full outage -> 503 "busy" pages within deadlines, never a 500."""

import contextlib
import socket
import threading

import pytest
from sqlalchemy import text

from app import config as app_config
from app import create_app
from app.assets import asset_url
from app.extensions import db
from app.services import procedures as procedure_service
from tests.conftest import text_of

BUSY = "Hệ thống đang bận, vui lòng thử lại"


@pytest.fixture
def black_hole():
    """A local server that accepts TCP connections and never answers a byte."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    server.settimeout(0.05)
    held, stop = [], threading.Event()

    def accept():
        while not stop.is_set():
            with contextlib.suppress(OSError):  # the 50 ms accept timeout
                held.append(server.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    server.close()


def app_on(port):
    config = app_config.TestConfig(f"postgresql+psycopg://tdp@127.0.0.1:{port}/tdp")
    config.DB_CONNECT_TIMEOUT_MS = 1  # PostgreSQL's shortest: 2 s
    return create_app(config)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_database_that_never_answers_gives_busy_pages_and_static_files_still_answer(black_hole):
    sick = app_on(black_hole)
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
    health = sick.test_client().get("/healthz")
    assert health.status_code == 503 and health.json["status"] == "error"


def test_a_full_outage_is_a_503_not_a_500():
    sick = app_on(free_port())  # nothing listens: connection refused
    response = sick.test_client().get("/procedures")
    assert response.status_code == 503
    assert BUSY in text_of(response)


def hung_statement(app):
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        return text("SELECT pg_sleep(30)")
    return text("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c")


def test_a_hung_statement_in_a_web_request_is_cut_at_its_deadline(app, client, demo, monkeypatch):
    monkeypatch.setitem(app.config, "DB_STATEMENT_TIMEOUT_MS", 200)
    statement = hung_statement(app)
    monkeypatch.setattr(procedure_service, "search", lambda *a, **k: db.session.execute(statement).all())
    response = client.get("/procedures")
    assert response.status_code == 503
    assert BUSY in text_of(response)
    monkeypatch.undo()
    assert client.get("/procedures").status_code == 200  # the pool recovered


def test_outside_a_request_statements_keep_no_deadline(app, monkeypatch):
    monkeypatch.setitem(app.config, "DB_STATEMENT_TIMEOUT_MS", 1)
    assert db.session.execute(text("SELECT 1")).scalar() == 1
