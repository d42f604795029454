"""Staff check a channel with a test message and tell everyone waiting at once (confirmed, audited)."""

import json

import pytest

from app.extensions import db
from app.models import AuditEvent, Procedure
from app.notifications import outbox
from app.services import queue
from tests.conftest import csrf_token, html, text_of
from tests.notifications.conftest import drain

LOG = "/staff/notifications"


def post(client, url, **data):
    return client.post(url, data={"csrf_token": csrf_token(client, LOG), **data})


@pytest.fixture
def waiting_with_sms(demo, clock, esms):
    """Two residents in line who chose SMS; one has since stopped the messages."""
    clock(2026, 11, 26, 9, 0)
    procedure = Procedure.query.filter_by(code="khai-sinh").one()
    first, second = (queue.issue_ticket(demo, procedure) for _ in range(2))
    outbox.subscribe(demo.id, "sms", "0912345678", ticket_id=first.id)
    outbox.stop(outbox.subscribe(demo.id, "sms", "0987654321", ticket_id=second.id))
    db.session.commit()


def test_a_test_message_goes_through_the_real_provider_and_is_audited(staff_client, demo, esms):
    response = post(staff_client, LOG + "/test", channel="sms", phone="0912 345 678")
    assert response.status_code == 303
    drain()
    assert esms.bodies()[0]["Content"].startswith("Tin thu tu ")
    page = text_of(staff_client.get(LOG + "?sent=test"))
    assert "091****678" in page and "tin thử" in page
    event = db.session.scalars(db.select(AuditEvent).filter_by(action="notify.test")).one()
    assert "0912345678" not in (event.after or "")


def test_a_broadcast_is_confirmed_then_sent_to_everyone_still_subscribed_and_audited(
    staff_client, waiting_with_sms, esms
):
    text = "Điểm tạm nghỉ chiều nay"
    confirm = post(staff_client, LOG + "/broadcast", text=text)
    assert confirm.status_code == 200 and "1 người" in text_of(confirm)
    drain()
    assert esms.received == []  # nothing before the confirmation
    form = html(confirm).find("form", action=LOG + "/broadcast")
    fields = {i["name"]: i.get("value", "") for i in form.find_all("input")}
    assert staff_client.post(LOG + "/broadcast", data=fields).status_code == 303
    drain()
    [body] = esms.bodies()
    assert body["Phone"] == "84912345678" and body["Content"].endswith(": Diem tam nghi chieu nay")
    event = db.session.scalars(db.select(AuditEvent).filter_by(action="notify.broadcast")).one()
    assert json.loads(event.after) == {"text": text, "sent_to": 1}


def test_a_broadcast_too_long_for_one_sms_is_refused_beside_the_field(staff_client, demo):
    response = post(staff_client, LOG + "/broadcast", text="x" * 101)
    assert response.status_code == 400
    assert "100" in html(response).find(class_="app-error").get_text()
    assert html(response).find("input", attrs={"name": "text"})["value"] == "x" * 101


def test_the_log_names_the_message_channel_not_the_submission_channel(staff_client, demo):
    page = html(staff_client.get(LOG))
    headers = [th.get_text(strip=True) for th in page.select("table th")]
    assert headers.count("Kênh") == 2  # today's quota and the delivery log
    assert "Kênh nộp" not in page.get_text()  # how a dossier came in: not this page's meaning


def test_a_message_held_for_the_quiet_hours_says_until_when(
    app, staff_client, demo, clock, monkeypatch, esms
):
    """Staff could not tell a message waiting for 07:00 from a stuck worker: both read 'đang chờ'."""
    monkeypatch.setitem(app.config, "NOTIFY_QUIET_HOURS", ("21:00", "07:00"))
    clock(2026, 11, 25, 22, 0)
    outbox.queue_message(
        "test",
        {"point": "TDP 12"},
        "held-test",
        subscription=outbox.subscribe(demo.id, "sms", "0912345678"),
    )
    db.session.commit()
    drain()  # the worker defers it to the end of the quiet hours
    row = [
        " ".join(tr.get_text(" ").split())
        for tr in html(staff_client.get(LOG)).select("#main table tbody tr")
    ]
    assert any("đang chờ đến 07:00" in line for line in row), row
