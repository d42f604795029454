"""Hundreds of simultaneous ticket posts at real gunicorn workers: numbers stay exactly 1..N.

On a SQLite file with several workers always; when TEST_DATABASE_URL is PostgreSQL, also
two separate gunicorn instances (two workers each) sharing that database.
"""

import os
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest

from app.extensions import db
from app.models import Ticket, TicketCounter
from tests.live import demo_app, gunicorn, request, sign_in

PASSWORD = "concurrency test 42"
PROCEDURES = ("ket-hon", "khai-sinh", "thuong-tru")  # prefixes A, B and C
POSTS = 300

TARGETS = ["sqlite"]
if (os.environ.get("TEST_DATABASE_URL") or "").startswith(("postgresql", "postgres")):
    TARGETS.append("postgresql")


@contextmanager
def prepared_database(uri):
    """A migrated database with the demo point open all day and a volunteer who can sign in."""
    with demo_app(uri, "racer", "volunteer", PASSWORD) as (other, _point):
        yield other


def fire(bases, cookie, token, posts):
    def one(i):
        body = {"procedure": PROCEDURES[i % len(PROCEDURES)], "csrf_token": token}
        status, headers, _ = request("POST", f"{bases[i % len(bases)]}/tickets", body, cookie)
        return status, headers.get("Location", "")

    with ThreadPoolExecutor(max_workers=48) as pool:
        return list(pool.map(one, range(posts), timeout=90))


@pytest.mark.slow
@pytest.mark.parametrize("target", TARGETS)
def test_simultaneous_ticket_posts_get_numbers_exactly_one_to_n(target, app, tmp_path):
    if target == "sqlite":
        uri = f"sqlite:///{tmp_path / 'race.sqlite3'}"
        instances, workers = 1, 4
    else:
        uri = app.config["SQLALCHEMY_DATABASE_URI"]
        instances, workers = 2, 2
    with prepared_database(uri) as other:
        log = tmp_path / "gunicorn.log"
        with (
            gunicorn(uri, log, workers=workers) as first,
            gunicorn(uri, log, workers=workers) if instances == 2 else _same(first) as second,
        ):
            bases = [first] if instances == 1 else [first, second]
            cookie, token = sign_in(first, "racer", PASSWORD)
            started = time.monotonic()
            results = fire(bases, cookie, token, POSTS)
            elapsed = time.monotonic() - started
        with other.app_context():
            tickets = Ticket.query.all()
            numbers = defaultdict(list)
            for ticket in tickets:
                numbers[(ticket.service_day, ticket.prefix)].append(ticket.number)
            counters = {(c.service_day, c.prefix): c.last_number for c in TicketCounter.query.all()}
            channels = {t.channel for t in tickets}
            tokens = {t.token for t in tickets}
            # Leave the shared PostgreSQL database empty for the next test.
            if target == "postgresql":
                db.session.remove()
    statuses = [status for status, _ in results]
    assert statuses == [303] * POSTS, f"{statuses.count(303)} of {POSTS} answered 303 in {elapsed:.1f}s"
    assert all(location.startswith("/t/") for _, location in results)
    assert len(tickets) == POSTS and len(tokens) == POSTS and channels == {"office"}
    for key, issued in numbers.items():
        assert sorted(issued) == list(range(1, len(issued) + 1)), f"gap or duplicate in {key}"
        assert counters[key] == len(issued)
    assert {prefix for _, prefix in numbers} == {"A", "B", "C"}


@contextmanager
def _same(base):
    yield base
