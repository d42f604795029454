"""Appointment fixtures: the demo point on a known day, with no demo bookings in the way."""

from datetime import date, time

import pytest

from app.extensions import db as _db
from app.models import Appointment, Procedure, SlotCounter, Team
from app.services import appointments as service


@pytest.fixture
def point(db, clock):
    """The demo point at 08:00 on Thursday 26/11/2026 (open 07:30-11:30 and 13:30-17:00)."""
    clock(2026, 11, 26, 8, 0)
    from tests.conftest import seed_demo

    point = seed_demo()
    _db.session.execute(Appointment.__table__.delete())
    _db.session.execute(SlotCounter.__table__.delete())
    _db.session.commit()
    return point


@pytest.fixture
def monday(point, clock):
    """Monday 07/12/2026 at 10:00: the Saturdays 12/12 and 19/12 are within the booking horizon."""
    clock(2026, 12, 7, 10, 0)
    return point


@pytest.fixture
def admin(app, monday, make_user):
    """An administrator's browser, signed in."""
    from tests.conftest import sign_in

    return sign_in(app.test_client(), make_user("admin"))


@pytest.fixture
def procedure(point):
    """Birth registration, handled by the online-service team (tickets B...)."""
    return Procedure.query.filter_by(code="khai-sinh").one()


@pytest.fixture
def team_settings(point):
    """team_settings("online", capacity=1) changes a team's booking settings."""

    def change(code="online", **values):
        team = Team.query.filter_by(point_id=point.id, code=code).one()
        return service.update_settings(team, **values)

    return change


@pytest.fixture
def book(point, procedure):
    """book(day, "09:00", phone=...) books birth registration for a resident."""
    counter = iter(range(10_000))

    def make(day=date(2026, 11, 27), start="09:00", name="Nguyễn Thị Lan", phone=None, proc=None):
        phone = phone or f"09{next(counter):08d}"
        return service.book(
            point, proc or procedure, day, time.fromisoformat(start), name, phone, client_key="127.0.0.1"
        )

    return make
