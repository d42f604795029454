"""The last places of a slot, booked by many people at the same moment.

Runs on the SQLite test file by default and on PostgreSQL when TEST_DATABASE_URL is set.
"""

import threading
from datetime import date, time
from urllib.parse import urlencode

import pytest

from app.extensions import db
from app.models import Appointment, Procedure, ServicePoint, SlotCounter, Team
from app.services import appointments as service
from tests.live import browser_session, gunicorn, request

PEOPLE = 16  # over HTTP, against 4 gunicorn processes of 4 threads (as `make run` serves)
THREADS = 7  # in this process: each booker may hold 2 of the pool's 15 connections (throttle + booking)
CAPACITY = 3
FRIDAY = date(2026, 11, 27)


def book_at_once(app, point, count, slot_and_phone):
    """`count` threads, each with its own app context, book birth registration at `point` at the same
    moment; slot_and_phone(n) gives thread n's (start time, phone) on Friday 27/11. What each got:
    "booked", the refusal's class name, or repr() of anything else (a failure of the test)."""
    point_id, start, results = point.id, threading.Barrier(count, timeout=30), []

    def attempt(n):
        with app.app_context():
            here = db.session.get(ServicePoint, point_id)
            procedure = Procedure.query.filter_by(code="khai-sinh").one()
            at, phone = slot_and_phone(n)
            start.wait()
            try:
                service.book(here, procedure, FRIDAY, at, f"Người {n}", phone)
                results.append("booked")
            except service.BookingError as refused:
                results.append(type(refused).__name__)
            except Exception as error:
                results.append(repr(error))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return sorted(results)


def test_exactly_capacity_bookings_succeed_when_threads_book_the_last_places_at_once(
    app, point, team_settings
):
    team_settings(capacity=CAPACITY, max_per_phone=5)
    results = book_at_once(app, point, THREADS, lambda n: (time(9, 0), f"09{n:08d}"))
    assert results == ["SlotFull"] * (THREADS - CAPACITY) + ["booked"] * CAPACITY
    db.session.expire_all()
    assert Appointment.query.filter_by(day=FRIDAY, start=time(9, 0)).count() == CAPACITY
    online = Team.query.filter_by(code="online").one()
    assert db.session.get(SlotCounter, (online.id, FRIDAY, time(9, 0))).booked == CAPACITY


def test_one_phone_booking_twice_at_once_cannot_pass_its_limit(app, point, team_settings):
    team_settings(capacity=10, max_per_phone=1)
    results = book_at_once(app, point, 6, lambda n: (time(9 + n % 2, 30 * (n // 2 % 2)), "0912345678"))
    assert results == ["TooManyBookings"] * 5 + ["booked"]


# ---------------------------------------------------------------- real gunicorn workers


@pytest.fixture
def served(app, tmp_path):
    """The app served by 4 gunicorn worker processes of 4 threads on the test database, with the real clock."""
    database = app.config["SQLALCHEMY_DATABASE_URI"]
    with gunicorn(
        database, tmp_path / "gunicorn.log", workers=4, threads=4, settings={"INSTANCE_PATH": str(tmp_path)}
    ) as base:
        yield base


@pytest.fixture
def real_time_point(db):
    """The demo point, seeded with the real clock (gunicorn's workers cannot share a fake one)."""
    from app.demo import seed

    seed(echo=lambda *a: None)
    db.session.execute(Appointment.__table__.delete())
    db.session.execute(SlotCounter.__table__.delete())
    db.session.commit()
    return ServicePoint.query.one()


def test_exactly_capacity_bookings_succeed_across_gunicorn_workers(app, real_time_point, served):
    procedure = Procedure.query.filter_by(code="khai-sinh").one()
    team = Team.query.filter_by(code="online").one()
    service.update_settings(team, capacity=CAPACITY, max_per_phone=5)
    slot, _team = service.next_free_slots(real_time_point, procedure, limit=1)[0]
    details = "/appointments/new?" + urlencode(
        {"procedure": "khai-sinh", "day": slot.day.isoformat(), "slot": slot.key}
    )
    people = []
    for n in range(PEOPLE):
        _jar, cookie, token = browser_session(served, details)
        people.append((cookie, token, n))
    start, results = threading.Barrier(PEOPLE, timeout=60), []

    def post(cookie, token, n):
        form = {
            "csrf_token": token,
            "procedure": "khai-sinh",
            "day": slot.day.isoformat(),
            "slot": slot.key,
            "name": f"Nguyễn Văn {chr(65 + n)}",
            "phone": f"09{n:08d}",
        }
        start.wait()
        results.append(request("POST", f"{served}/appointments", form, cookie)[0])

    threads = [threading.Thread(target=post, args=person) for person in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert sorted(results) == [303] * CAPACITY + [409] * (PEOPLE - CAPACITY)
    db.session.expire_all()
    assert Appointment.query.filter_by(day=slot.day, start=slot.start).count() == CAPACITY
