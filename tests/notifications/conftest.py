"""Notification fixtures: local fake gateways over real HTTP, fast retry settings, a resident's phone."""

import pytest

from app.extensions import db
from app.models import Desk, Procedure, ServicePoint
from app.notifications import outbox
from app.notifications.engine import run_pending
from app.services import queue
from tests.fakes.gateway import FakeGateway
from tests.notifications.fake_esms import like_esms


@pytest.fixture
def gateway():
    fake = FakeGateway()
    yield fake
    fake.close()


@pytest.fixture
def fast_retries(app, monkeypatch):
    """Retries and timeouts in milliseconds, quiet hours off unless a test sets them."""
    for name, value in {
        "NOTIFY_HTTP_TIMEOUT": 0.5,
        "NOTIFY_BACKOFF_SECONDS": 0.01,
        "NOTIFY_BACKOFF_MAX_SECONDS": 0.05,
        "NOTIFY_HANDOFF_GRACE_SECONDS": 0,
        "NOTIFY_QUIET_HOURS": ("00:00", "00:00"),
        "NOTIFY_MAX_ATTEMPTS": 4,
    }.items():
        monkeypatch.setitem(app.config, name, value)


@pytest.fixture
def esms(app, gateway, fast_retries, monkeypatch):
    """SMS through the eSMS client, pointed at the fake gateway."""
    monkeypatch.setitem(app.config, "NOTIFY_SMS_PROVIDER", "esms")
    monkeypatch.setitem(
        app.config, "ESMS_API_URL", gateway.url + "/MainService.svc/json/SendMultipleMessage_V4_post_json/"
    )
    monkeypatch.setitem(app.config, "ESMS_API_KEY", "key")
    monkeypatch.setitem(app.config, "ESMS_SECRET_KEY", "secret")
    monkeypatch.setitem(app.config, "ESMS_BRANDNAME", "TDP12")
    like_esms(gateway)
    return gateway


@pytest.fixture
def point(db):
    """A bare service point: the engine needs nothing more (the demo's seed costs seconds)."""
    place = ServicePoint(slug="tdp1", name_vi="TDP 1", ward="Tân Giang", address="1 Đường A")
    db.session.add(place)
    db.session.commit()
    return place


@pytest.fixture
def point_staff(app, point, make_user):
    """A staff member of `point`, signed in."""
    from tests.conftest import sign_in

    return sign_in(app.test_client(), make_user("staff", point=point))


@pytest.fixture
def sms_subscriber(point):
    """A resident who chose SMS at 0912 345 678 (no ticket: the engine does not need one)."""
    subscription = outbox.subscribe(point.id, "sms", "0912345678")
    db.session.commit()
    return subscription


@pytest.fixture
def line(demo, clock, esms):
    """Six tickets for birth registration at 09:00; returns (tickets, desk 2)."""
    clock(2026, 11, 26, 9, 0)
    procedure = Procedure.query.filter_by(code="khai-sinh").one()
    tickets = [queue.issue_ticket(demo, procedure) for _ in range(6)]
    db.session.commit()
    return tickets, Desk.query.filter_by(point_id=demo.id, number=2).one()


def drain():
    """Run what the queue holds now, as a worker would."""
    db.session.remove()
    ran = run_pending()
    db.session.remove()
    return ran
