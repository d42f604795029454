"""A resident turns on notifications on the ticket page; the push service gets the encrypted message."""

import json

import http_ece
import pytest

from app.extensions import db
from app.models import NotifySubscription, Procedure
from app.services import queue
from tests.conftest import csrf_token
from tests.notifications.conftest import drain
from tests.notifications.test_channels import b64, browser_keys


@pytest.fixture
def waiting(demo, clock):
    clock(2026, 11, 26, 9, 0)
    ticket = queue.issue_ticket(demo, Procedure.query.filter_by(code="khai-sinh").one())
    db.session.commit()
    return ticket


@pytest.mark.browser
def test_a_phone_that_allows_notifications_gets_the_issued_message(
    app, browser, live_server, waiting, gateway, fast_retries, monkeypatch
):
    monkeypatch.setitem(app.config, "NOTIFY_PUSH_PROVIDER", "webpush")
    gateway.default = (201, None, {})
    private, p256dh, auth = browser_keys()
    subscription = {"endpoint": gateway.url + "/push/1", "keys": {"p256dh": p256dh, "auth": b64(auth)}}
    context = browser.new_context()
    try:
        context.grant_permissions(["notifications"], origin=live_server)
        page = context.new_page()
        # Headless Chromium has no push service to reach: the browser's subscribe() answers with ours.
        page.add_init_script(
            "PushManager.prototype.subscribe = function () {"
            f" return Promise.resolve({{toJSON: function () {{ return {json.dumps(subscription)}; }}}}); }};"
        )
        page.goto(f"{live_server}/t/{waiting.token}")
        page.click("button:has-text('Nhận thông báo trên điện thoại này')")
        page.wait_for_selector("text=Chúng tôi sẽ gửi thông báo đến điện thoại này", timeout=10000)
    finally:
        context.close()
    drain()
    path, headers, body = gateway.received[0]
    payload = json.loads(http_ece.decrypt(body, private_key=private, auth_secret=auth, version="aes128gcm"))
    assert payload["title"] == "Số B001" and payload["body"].startswith("Số của bạn là B001")
    assert payload["url"].endswith(f"/t/{waiting.token}")


def test_a_push_subscription_that_is_not_a_push_service_is_refused(client, waiting):
    url = f"/t/{waiting.token}/push"
    token = csrf_token(client, f"/t/{waiting.token}/notify")
    bad = {"endpoint": "http://192.0.2.1/x", "keys": {"p256dh": "x" * 87, "auth": "y" * 22}}
    response = client.post(url, json=bad, headers={"X-CSRFToken": token})
    assert response.status_code == 400 and "SMS hoặc Zalo" in response.get_json()["error"]
    assert db.session.scalars(db.select(NotifySubscription)).all() == []


def test_a_push_subscriber_gets_ahead_3_leave_now_and_the_call_once_each(
    app, client, line, gateway, monkeypatch
):
    """The same events as by SMS, through the fake push service, each decrypted with the phone's keys."""
    monkeypatch.setitem(app.config, "NOTIFY_PUSH_PROVIDER", "webpush")
    gateway.default = (201, None, {})
    tickets, desk = line
    mine = tickets[5]
    private, p256dh, auth = browser_keys()
    subscription = {"endpoint": gateway.url + "/push/6", "keys": {"p256dh": p256dh, "auth": b64(auth)}}
    token = csrf_token(client, f"/t/{mine.token}/notify")
    response = client.post(f"/t/{mine.token}/push", json=subscription, headers={"X-CSRFToken": token})
    assert response.status_code == 204
    drain()
    for _ in range(5):
        ticket = queue.call_next(desk)
        drain()
        queue.start(db.session.merge(ticket), desk)
        queue.finish(db.session.merge(ticket), desk)
        drain()
    queue.call_next(desk)
    drain()
    bodies = [
        json.loads(http_ece.decrypt(body, private_key=private, auth_secret=auth, version="aes128gcm"))["body"]
        for _path, _headers, body in gateway.received
    ]
    assert bodies[0].startswith("Số của bạn là B006")
    assert bodies[1:] == [
        "B006: còn 3 người trước bạn.",
        "B006: sắp đến lượt bạn. Mời bạn đến điểm phục vụ ngay bây giờ.",
        "Mời số B006 đến quầy 2.",
    ]
