"""Real servers for tests that need them: gunicorn processes on free 127.0.0.1 ports, and a
plain HTTP client that keeps cookies by hand (no redirects followed)."""

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import time as clock_time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")
SECRET = "live-test-secret"  # every instance of one test must share it


@contextmanager
def demo_app(uri, username, role, password):
    """An app of its own on database `uri`: migrated, the demo seeded, its point open all day today and
    tomorrow (in case the test runs across midnight), `username` able to sign in. Yields (app, point)
    inside the app's context; the connections are closed afterwards."""
    from flask_migrate import upgrade

    from app import config, create_app
    from app.demo import seed
    from app.extensions import db
    from app.models import ServicePoint
    from app.services.accounts import create_user

    other = create_app(config.TestConfig(uri))
    with other.app_context():
        upgrade(directory=other.extensions["migrate"].directory, revision="heads")
        seed(echo=lambda *a: None)
        point = ServicePoint.query.filter_by(slug="tdp12-tan-giang").one()
        create_user(username, role, password, point=point)
        open_all_day(point)
        db.session.commit()
        try:
            yield other, point
        finally:
            db.session.remove()
            db.engine.dispose()


def open_all_day(point):
    """Open `point` all day today and tomorrow (in case the test runs across midnight), for servers
    that run on the real clock (gunicorn's workers cannot share a test's fake one). The caller commits."""
    from app.extensions import db
    from app.models import ClosedDay
    from app.timeutil import local_today

    for day in (local_today(), local_today() + timedelta(days=1)):
        db.session.add(
            ClosedDay(
                point=point,
                date=day,
                kind="extra",
                start=clock_time(0, 0),
                end=clock_time(23, 59, 59),
                reason_vi="Kiểm thử",
            )
        )


def fresh_postgres_database(uri, name):
    """A new, empty database `name` on the server of `uri` (dropped first if there); its URI."""
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(uri)
    with psycopg.connect(
        host=url.host,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        dbname=url.database,
        autocommit=True,
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.set(database=name).render_as_string(hide_password=False)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(method, url, body=None, cookie=None, headers=None, timeout=30):
    """(status, headers, text) without following redirects."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    sent = dict(headers or {})
    if body is not None:
        sent["Content-Type"] = "application/x-www-form-urlencoded"
    if cookie:
        sent["Cookie"] = cookie
    try:
        conn.request(
            method,
            parts.path + (f"?{parts.query}" if parts.query else ""),
            body=urlencode(body) if body is not None else None,
            headers=sent,
        )
        response = conn.getresponse()
        return response.status, response.headers, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def cookies(headers, jar):
    """Add the response's Set-Cookie values to `jar`; the Cookie header to send next."""
    for value in headers.get_all("Set-Cookie") or []:
        name, _, rest = value.partition("=")
        jar[name] = rest.split(";", 1)[0]
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def form_token(text):
    """The CSRF token of the (first) form in a page."""
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', text) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', text
    )
    return match.group(1)


def browser_session(base, path):
    """A fresh 'browser' at the form on `path`: its cookie jar, the Cookie header, the form's CSRF token."""
    jar = {}
    status, headers, text = request("GET", base + path)
    assert status == 200, (path, status)
    return jar, cookies(headers, jar), form_token(text)


def sign_in(base, username, password, then="/tickets/new"):
    """Sign in from a fresh browser and open `then`: (the Cookie header, the CSRF token of its form)."""
    jar, cookie, token = browser_session(base, "/login")
    form = {"username": username, "password": password, "csrf_token": token}
    status, headers, _ = request("POST", base + "/login", form, cookie)
    assert status == 303, f"{username} could not sign in"
    status, headers, text = request("GET", base + then, cookie=cookies(headers, jar))
    return cookies(headers, jar), form_token(text)


@contextmanager
def gunicorn(database_url, log_path, workers=2, threads=1, redis_url=None, settings=None):
    """One app instance (its own gunicorn master) on `database_url`; yields its base URL.
    `settings` are further environment variables for it (intervals a test shortens)."""
    with gunicorns(1, database_url, log_path, workers, threads, redis_url, settings) as (base,):
        yield base


@contextmanager
def gunicorns(count, database_url, log_path, workers=2, threads=1, redis_url=None, settings=None):
    """`count` app instances started side by side (they boot at the same time); their base URLs."""
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": SECRET, "SECURE_COOKIES": "0"}
    # As TestConfig: a loaded CI machine is slow, and a burst of posts on one SQLite file waits its
    # turn for the write lock; production's 5 s statement deadline would answer some with a 503.
    env.update(DB_STATEMENT_TIMEOUT_MS="30000", DB_POOL_TIMEOUT_MS="30000")
    env.update(settings or {})
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    started = []
    try:
        for _ in range(count):
            started.append(_start(env, log_path, workers, threads))
        for process, base in started:
            _wait_until_up(process, base, log_path)
        yield [base for _process, base in started]
    finally:
        for process, _base in started:
            process.terminate()
        for process, _base in started:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)


def _start(env, log_path, workers, threads):
    port = free_port()
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            [
                str(GUNICORN),
                "--worker-class",
                "app.gunicorn_worker.Worker",
                "--workers",
                str(workers),
                "--threads",
                str(threads),
                "--bind",
                f"127.0.0.1:{port}",
                "--backlog",
                "1024",
                "--no-control-socket",
                "--timeout",
                "30",
                "--graceful-timeout",
                "2",
                "wsgi:app",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=log,
        )
    return process, f"http://127.0.0.1:{port}"


def _wait_until_up(process, base, log_path):
    deadline = time.monotonic() + 60  # workers import the app at once; a loaded machine is slow
    while True:
        try:
            if request("GET", base + "/healthz")[0] == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            raise RuntimeError(f"gunicorn did not start: {Path(log_path).read_text()[-2000:]}")
        time.sleep(0.05)
