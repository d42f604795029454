"""Queue fixtures: an open point, its desks, and a quick way to issue tickets."""

import pytest

from app.models import Desk, Procedure
from app.services import queue
from tests.queue.watch import MoveWatcher


@pytest.fixture
def open_point(demo, clock):
    """The demo point on Thursday 26/11/2026 at 09:00, during the morning session."""
    clock(2026, 11, 26, 9, 0)
    return demo


@pytest.fixture
def desk_of(open_point):
    """desk_of(1) is desk number 1 of the demo point (1 one-stop, 2 online team, 3 volunteers)."""

    def get(number):
        return Desk.query.filter_by(point_id=open_point.id, number=number).one()

    return get


@pytest.fixture
def issue(open_point):
    """issue("khai-sinh", priority=None, channel="phone", phone=None) -> a new ticket."""

    def make(code="khai-sinh", **kwargs):
        procedure = Procedure.query.filter_by(code=code).one()
        return queue.issue_ticket(open_point, procedure, **kwargs)

    return make


@pytest.fixture(autouse=True)
def every_move_is_recorded(db):
    """Convention: in every queue test, no transaction writes a ticket without bumping a version."""
    with MoveWatcher(db.engine) as watcher:
        yield watcher
    assert watcher.unrecorded == [], "tickets changed without a version bump (see services/queue/record.py)"
