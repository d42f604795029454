"""Fixtures: app -> db -> client -> clients signed in per role; factories; parsed HTML.

The suite runs on SQLite by default and on PostgreSQL when TEST_DATABASE_URL is set
(.ci/run does both). The schema always comes from the Alembic migrations.
"""

import os
import secrets
from datetime import datetime

import pytest
from bs4 import BeautifulSoup
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import select

from app import create_app, timeutil
from app.config import TestConfig, database_url
from app.extensions import db as _db
from app.services.accounts import create_user
from app.services.queue import fresh as queue_fresh
from tests.snapshots import Snapshots

PASSWORD = "correct horse 42"


def _database_uri(tmp_path_factory):
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        os.environ["DATABASE_URL"] = url
        resolved = database_url()
        del os.environ["DATABASE_URL"]
        worker = os.environ.get("PYTEST_XDIST_WORKER")
        if worker:  # pytest -n: each worker its own database beside the given one
            from sqlalchemy.engine import make_url

            from tests.live import fresh_postgres_database

            resolved = fresh_postgres_database(resolved, f"{make_url(resolved).database}_{worker}")
        return resolved
    # A file, not :memory:, so a live server thread and gunicorn workers share it (each pytest -n
    # worker has a temporary folder of its own).
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


class IsolatedClient(FlaskClient):
    """Each request gets its own app context, as in production.

    Without this, requests would reuse the test's app context: the same `g` (so Flask-Babel's
    cached locale) and the same database session as the test, which hides real bugs. After a
    request, the test's own session may hold stale objects: call db.session.expire_all().
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    app = create_app(TestConfig(_database_uri(tmp_path_factory)))
    app.test_client_class = IsolatedClient
    app.config["UPLOAD_FOLDER"] = str(tmp_path_factory.mktemp("uploads"))  # not the repository's instance/
    with app.app_context():
        if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
            _db.session.execute(_db.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            _db.session.commit()
        upgrade(directory=app.extensions["migrate"].directory, revision="heads")
    yield app


@pytest.fixture(scope="session")
def snapshots(app):
    """The migrated, empty database saved once; seeded demos are saved as tests first need them."""
    with app.app_context():
        saved = Snapshots(_db.engine, _db.metadata.sorted_tables)
        saved.save("empty")
        yield saved
        _db.session.remove()
        saved.close()


def _demo_key():
    """Demo data depends on the day it is seeded (bookings from tomorrow, dossiers' ages), and
    on the moment when a test has set the clock before seeding."""
    if timeutil._now is _REAL_NOW:
        return ("demo", timeutil.local_today())
    return ("demo", timeutil._now())


_REAL_NOW = timeutil._now


def _demo_point():
    from app.models import ServicePoint

    return _db.session.scalars(select(ServicePoint).filter_by(slug="tdp12-tan-giang")).first()


def seed_demo():
    """The Tân Giang demo, as `app.demo.seed` would make it now (nothing changes when it is
    there already), from a snapshot after the first time. Returns its point."""
    if _demo_point() is None:
        _restore_demo()
    _demo_files()
    return _demo_point()


def _demo_files():
    """What seeding writes outside the database, written again for a restored demo: the demo
    PDF, in the upload folder this test uses (set by fixtures that run after `db`)."""
    from app.demo.outreach import _demo_pdf

    _demo_pdf()


def _restore_demo():
    """Replace the whole database with the demo seeded now: a snapshot taken the first time
    (per day, or per clock setting when a test has set the clock)."""
    from app.demo import seed

    saved, key = _SNAPSHOTS[0], _demo_key()
    _db.session.remove()
    if key in saved:
        saved.restore(key)
    else:
        saved.restore("empty")
        seed(echo=lambda *a: None)
        _db.session.remove()
        saved.save(key)


_SNAPSHOTS = []  # the session's Snapshots, for seed_demo()


@pytest.fixture(autouse=True)
def db(app, snapshots, request):
    """Every test starts from empty tables, or from the demo when it asks for `demo`."""
    stop_visit_flush(app)
    empty_task_queue(app)
    with app.app_context():
        _SNAPSHOTS[:] = [snapshots]
        _db.session.remove()
        if "demo" in request.fixturenames:
            _restore_demo()
        else:
            snapshots.restore("empty")
        queue_fresh.expire()  # the restore moved the queue's versions behind this process's back
        yield _db
        _db.session.rollback()
        _db.session.remove()
    stop_visit_flush(app)


def empty_task_queue(app):
    """Queued tasks (notifications) start from an empty in-memory queue and run in this app: an
    earlier test's tasks must not run in this one, and another create_app (test_instances makes
    one) must not keep them running under its own configuration."""
    from app.notifications.engine import configure

    configure(app)


def stop_visit_flush(app):
    """No visit-counter thread of an earlier test writes into this one's tables."""
    from app.services import visits

    visits.buffer_for(app).stop(discard=True)
    visits._stats_cache.clear()


@pytest.fixture
def demo(db):
    """The Tân Giang TDP 12 demo: point, hours, teams, desks, procedures, users."""
    from app.models import ServicePoint

    point = _db.session.scalars(select(ServicePoint).filter_by(slug="tdp12-tan-giang")).first()
    if point is None:  # asked for late (getfixturevalue), on a database the test may have written
        from app.demo import seed

        seed(echo=lambda *a: None)
        point = _db.session.scalars(select(ServicePoint).filter_by(slug="tdp12-tan-giang")).one()
    _demo_files()
    return point


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make_user(db):
    def make(role="staff", username=None, point=None, password=PASSWORD):
        return create_user(username or f"{role}-{secrets.token_hex(3)}", role, password, point=point)

    return make


def sign_in(client, user, password=PASSWORD):
    response = client.post(
        "/login",
        data={"username": user.username, "password": password, "csrf_token": csrf_token(client, "/login")},
    )
    assert response.status_code == 303, response.text[:500]
    return client


@pytest.fixture
def staff_client(app, demo, make_user):
    return sign_in(app.test_client(), make_user("staff", point=demo))


@pytest.fixture
def volunteer_client(app, demo, make_user):
    return sign_in(app.test_client(), make_user("volunteer", point=demo))


@pytest.fixture
def admin_client(app, demo, make_user):
    return sign_in(app.test_client(), make_user("admin"))


def html(response):
    """The response parsed, for asserting on what a person would see."""
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def text_of(response):
    return " ".join(html(response).get_text(" ").split())


def csrf_token(client, url):
    field = html(client.get(url)).find("input", attrs={"name": "csrf_token"})
    assert field is not None, f"{url} has no CSRF field"
    return field["value"]


@pytest.fixture
def clock(monkeypatch):
    """Set the app's clock: clock(2026, 11, 27, 9, 0) is 09:00 in Asia/Ho_Chi_Minh."""

    def set_to(*args):
        moment = datetime(*args, tzinfo=timeutil.LOCAL_TZ)
        monkeypatch.setattr(timeutil, "_now", lambda: moment)
        return moment

    return set_to


@pytest.fixture(scope="session")
def live_server(app):
    """The test app served over HTTP in a thread, for browsers and concurrent clients."""
    import threading

    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (`make test` installs it when missing)."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


PHONE = {
    "viewport": {"width": 360, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}


def fits_the_screen(page):
    """Nothing runs off the side of the page's screen. Measured against the screen's width, not
    window.innerWidth: a phone's browser widens its layout to whatever overflows (innerWidth became
    899 on a 360 px phone), so that comparison always held."""
    return page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


@pytest.fixture
def phone(browser):
    """A phone-sized page with JavaScript on."""
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_nojs(browser):
    """A phone-sized page with JavaScript off."""
    context = browser.new_context(java_script_enabled=False, **PHONE)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def redis_url():
    """A private redis-server on a free port for this test run (`make redis` installs it)."""
    import shutil
    import socket
    import subprocess
    import time

    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is missing: run `make redis` (apt-get install redis-server)")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    import redis

    client = redis.Redis(port=port)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def with_redis(app, redis_url, monkeypatch):
    """Run the test with REDIS_URL set, as a deployment with Redis would."""
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    monkeypatch.setitem(app.config, "REDIS_URL", redis_url)
    return redis_url
