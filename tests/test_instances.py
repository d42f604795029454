"""Two app instances (separate gunicorn processes) on one database, driven at once.

What one instance does, the other sees, and nothing that must be unique or limited is counted
per process: ticket numbers, board updates, the last place of an appointment slot, the
per-browser ticket limit and "online now". On PostgreSQL when TEST_DATABASE_URL says so (as
CI's second run does), else on one SQLite file shared by both instances.
"""

import re
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date

import pytest

from app.models import Appointment, Desk, Procedure, Ticket
from tests.live import (
    browser_session,
    demo_app,
    fresh_postgres_database,
    gunicorns,
    request,
    sign_in,
)

pytestmark = pytest.mark.slow
PASSWORD = "two instances 42"
UA = "Mozilla/5.0 (Linux; Android 10) Chrome/120 Mobile instance-test-{}"
# Visit counts written every 0.1 s and figures read afresh, so 'online now' is seen at once.
QUICK = {"VISIT_FLUSH_SECONDS": "0.1", "VISIT_STATS_CACHE_SECONDS": "0", "QUEUE_FRESHNESS_SECONDS": "0"}


@contextmanager
def prepared(uri):
    """Demo data, open all day, a staff member, and one place per appointment slot."""
    from app.services import appointments

    with demo_app(uri, "desker", "staff", PASSWORD) as (other, point):
        procedure = Procedure.query.filter_by(code="ket-hon").one()
        team = appointments.team_for(point, procedure)
        appointments.update_settings(team, capacity=1, slot_minutes=30, horizon_days=14, max_per_phone=2)
        slot, _team = appointments.next_free_slots(point, procedure, limit=1)[0]
        births = appointments.team_for(point, Procedure.query.filter_by(code="khai-sinh").one())
        desk = Desk.query.filter_by(point_id=point.id, team_id=births.id).first()
        facts = dict(slot_day=slot.day.isoformat(), slot=slot.key, desk_id=desk.id)
        yield other, facts


def own_postgres_database(uri, suffix):
    """A fresh database beside the test database on the same server; its URI."""
    from sqlalchemy.engine import make_url

    return fresh_postgres_database(uri, f"{make_url(uri).database}_{suffix}")


@pytest.fixture(scope="module", params=["database", "redis"])
def pair(request, app, tmp_path_factory):
    """Limits and counters in the database, or in Redis when REDIS_URL is set."""
    redis_url = None
    if request.param == "redis":
        import redis

        redis_url = request.getfixturevalue("redis_url")
        redis.Redis.from_url(redis_url).flushdb()
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("postgresql"):
        # The per-test cleanup must not empty it mid-module.
        uri = own_postgres_database(uri, f"pair_{request.param}")
    else:
        uri = f"sqlite:///{tmp_path_factory.mktemp('pair') / 'pair.sqlite3'}"
    log = tmp_path_factory.mktemp("logs") / "gunicorn.log"
    with (
        prepared(uri) as (other, facts),
        gunicorns(2, uri, log, threads=4, redis_url=redis_url, settings=QUICK) as bases,
    ):
        yield other, facts, tuple(bases)


def test_tickets_from_both_instances_are_numbered_one_to_n(pair):
    other, _facts, bases = pair
    with other.app_context():  # other tests of this module may have taken numbers already
        before = max((t.number for t in Ticket.query.filter_by(prefix="B")), default=0)
    sessions = [sign_in(base, "desker", PASSWORD) for base in bases]

    def post(i):
        cookie, token = sessions[i % 2]
        return request(
            "POST", bases[i % 2] + "/tickets", {"procedure": "khai-sinh", "csrf_token": token}, cookie
        )[0]

    with ThreadPoolExecutor(max_workers=24) as pool:
        statuses = list(pool.map(post, range(80), timeout=120))
    assert statuses == [303] * 80
    with other.app_context():
        numbers = sorted(t.number for t in Ticket.query.filter_by(prefix="B"))
    assert numbers[-80:] == list(range(before + 1, before + 81)) and len(numbers) == before + 80


def test_a_call_on_one_instance_shows_on_the_board_of_the_other(pair):
    other, facts, (first, second) = pair
    cookie, token = sign_in(first, "desker", PASSWORD)
    # Someone to call, whichever tests of this module ran before.
    assert (
        request("POST", first + "/tickets", {"procedure": "khai-sinh", "csrf_token": token}, cookie)[0] == 303
    )
    status, headers, board = request("GET", second + "/board", cookie=None)
    etag = headers["ETag"]
    status, _, _ = request(
        "POST", f"{first}/desk/{facts['desk_id']}/call-next", {"csrf_token": token}, cookie
    )
    assert status in (200, 303)
    with other.app_context():
        called = Ticket.query.filter_by(status="called").one()
    status, headers, board = request("GET", second + "/board", cookie=None)
    assert status == 200 and headers["ETag"] != etag
    assert called.label in board


def test_the_last_place_of_a_slot_goes_to_exactly_one_resident(pair):
    other, facts, bases = pair
    path = f"/appointments/new?procedure=ket-hon&day={facts['slot_day']}&slot={facts['slot']}"
    browsers = [browser_session(bases[i % 2], path) for i in range(8)]

    def book(i):
        _jar, cookie, token = browsers[i]
        body = {
            "procedure": "ket-hon",
            "day": facts["slot_day"],
            "slot": facts["slot"],
            "name": "Nguyễn Văn An",
            "phone": f"09123450{i:02d}",
            "csrf_token": token,
        }
        return request("POST", bases[i % 2] + "/appointments", body, cookie)[0]

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(book, range(8), timeout=60))
    assert statuses.count(303) == 1, statuses
    with other.app_context():
        booked = Appointment.query.filter(
            Appointment.day == date.fromisoformat(facts["slot_day"]),
            Appointment.phone.like("09123450__"),  # these 8, not the demo's 0912345678
        ).all()
    assert len(booked) == 1 and booked[0].start.strftime("%H:%M") == facts["slot"]


def test_the_per_browser_ticket_limit_holds_across_instances(pair):
    """Six tickets per browser per hour, whichever instance answers; distinct phones."""
    _other, _facts, bases = pair
    jar, cookie, token = browser_session(bases[0], "/tickets/new")
    statuses = []
    for i in range(10):
        status, headers, _ = request(
            "POST",
            bases[i % 2] + "/tickets",
            {"procedure": "khai-tu", "phone": f"09876540{i:02d}", "csrf_token": token},
            cookie,
        )
        statuses.append(status)
    assert statuses.count(303) == 6, statuses


def test_online_now_counts_visitors_of_both_instances(pair):
    _other, _facts, bases = pair
    # Real browsers only (the counter ignores bots), each with its own user agent.
    import http.client
    from urllib.parse import urlsplit

    def visit(base, n):
        parts = urlsplit(base)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        conn.request("GET", "/", headers={"User-Agent": UA.format(n), "Accept": "text/html"})
        body = conn.getresponse().read().decode()
        conn.close()
        return body

    for n in range(6):
        visit(bases[n % 2], n)
    # Workers flush their counts every VISIT_FLUSH_SECONDS (here 0.1 s).
    deadline = time.monotonic() + 60
    online = {}
    while time.monotonic() < deadline:
        for i, base in enumerate(bases):
            match = re.search(r"Đang truy cập: (\d+)", visit(base, 100 + i))
            online[base] = int(match.group(1)) if match else None
        if all(value is not None and value >= 6 for value in online.values()):
            break
        time.sleep(0.05)
    assert all(value >= 6 for value in online.values()), online
