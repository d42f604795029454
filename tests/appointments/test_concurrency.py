"""The last places of a slot, booked by many people at the same moment.

Runs on the SQLite test file by default and on PostgreSQL when TEST_DATABASE_URL is set.
"""

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time as clock_time
import urllib.error
import urllib.parse
import urllib.request
from datetime import date, time
from pathlib import Path

import pytest

from app.extensions import db
from app.models import Appointment, Procedure, ServicePoint, SlotCounter, Team
from app.services import appointments as service

PEOPLE = 16  # over HTTP, against 4 gunicorn processes of 4 threads (as `make run` serves)
THREADS = 7  # in this process: each booker may hold 2 of the pool's 15 connections (throttle + booking)
CAPACITY = 3


def test_exactly_capacity_bookings_succeed_when_threads_book_the_last_places_at_once(
    app, point, team_settings
):
    team_settings(capacity=CAPACITY, max_per_phone=5)
    point_id, start = point.id, threading.Barrier(THREADS, timeout=30)
    results = []

    def attempt(n):
        with app.app_context():
            here = db.session.get(ServicePoint, point_id)
            procedure = Procedure.query.filter_by(code="khai-sinh").one()
            start.wait()
            try:
                service.book(here, procedure, date(2026, 11, 27), time(9, 0), f"Người {n}", f"09{n:08d}")
                results.append("booked")
            except service.SlotFull:
                results.append("full")
            except Exception as error:  # anything else is a failure of the test
                results.append(repr(error))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(results) == ["booked"] * CAPACITY + ["full"] * (THREADS - CAPACITY)
    db.session.expire_all()
    assert Appointment.query.filter_by(day=date(2026, 11, 27), start=time(9, 0)).count() == CAPACITY
    assert (
        db.session.get(
            SlotCounter, (Team.query.filter_by(code="online").one().id, date(2026, 11, 27), time(9, 0))
        ).booked
        == CAPACITY
    )


def test_one_phone_booking_twice_at_once_cannot_pass_its_limit(app, point, team_settings):
    team_settings(capacity=10, max_per_phone=1)
    point_id, start = point.id, threading.Barrier(6, timeout=30)
    results = []

    def attempt(n):
        with app.app_context():
            here = db.session.get(ServicePoint, point_id)
            procedure = Procedure.query.filter_by(code="khai-sinh").one()
            start.wait()
            try:
                service.book(
                    here,
                    procedure,
                    date(2026, 11, 27),
                    time(9 + n % 2, 30 * (n // 2 % 2)),
                    "Người",
                    "0912345678",
                )
                results.append("booked")
            except service.TooManyBookings:
                results.append("limit")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(results) == ["booked"] + ["limit"] * 5


# ---------------------------------------------------------------- real gunicorn workers


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _browser():
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
    )


def _status(opener, request):
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture
def gunicorn(app, tmp_path):
    """The app served by 4 gunicorn worker processes on the test database, with the real clock."""
    port = _free_port()
    env = dict(
        os.environ,
        DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
        SECRET_KEY="gunicorn-test-key",
        SECURE_COOKIES="0",
        INSTANCE_PATH=str(tmp_path),
    )
    env.pop("REDIS_URL", None)
    root = Path(__file__).resolve().parents[2]
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "--workers",
            "4",
            "--threads",
            "4",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "wsgi:app",
        ],
        cwd=root,
        env=env,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=2)
            break
        except OSError:
            clock_time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("gunicorn did not start")
    yield base
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(20)


@pytest.fixture
def real_time_point(db):
    """The demo point, seeded with the real clock (gunicorn's workers cannot share a fake one)."""
    from app.demo import seed

    seed(echo=lambda *a: None)
    db.session.execute(Appointment.__table__.delete())
    db.session.execute(SlotCounter.__table__.delete())
    db.session.commit()
    return ServicePoint.query.one()


def test_exactly_capacity_bookings_succeed_across_gunicorn_workers(app, real_time_point, gunicorn):
    procedure = Procedure.query.filter_by(code="khai-sinh").one()
    team = Team.query.filter_by(code="online").one()
    service.update_settings(team, capacity=CAPACITY, max_per_phone=5)
    slot, _team = service.next_free_slots(real_time_point, procedure, limit=1)[0]
    details = f"{gunicorn}/appointments/new?" + urllib.parse.urlencode(
        {"procedure": "khai-sinh", "day": slot.day.isoformat(), "slot": slot.key}
    )
    people = []
    for n in range(PEOPLE):
        browser = _browser()
        status, body = _status(browser, details)
        assert status == 200, body[:300]
        token = re.search(
            r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"', body
        )
        people.append((browser, token.group(1) or token.group(2), n))
    start, results = threading.Barrier(PEOPLE, timeout=60), []

    def post(browser, token, n):
        data = urllib.parse.urlencode(
            {
                "csrf_token": token,
                "procedure": "khai-sinh",
                "day": slot.day.isoformat(),
                "slot": slot.key,
                "name": f"Nguyễn Văn {chr(65 + n)}",
                "phone": f"09{n:08d}",
            }
        ).encode()
        start.wait()
        results.append(_status(browser, urllib.request.Request(f"{gunicorn}/appointments", data=data))[0])

    threads = [threading.Thread(target=post, args=person) for person in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert sorted(results) == [303] * CAPACITY + [409] * (PEOPLE - CAPACITY)
    db.session.expire_all()
    assert Appointment.query.filter_by(day=slot.day, start=slot.start).count() == CAPACITY
