"""Zalo ZNS (templates, the rotating OA token) and web push (VAPID, encryption, 410) against fake servers."""

import base64
import json
import os
from urllib.parse import parse_qs

import http_ece
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from app.extensions import db
from app.models import Notification, NotifySubscription, ProviderToken
from app.notifications import outbox
from tests.fakes.gateway import FakeGateway
from tests.notifications.conftest import drain

PARAMS = {"ticket": "B012", "desk": "2", "url": "http://192.0.2.1/t/abc"}


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def test_zns_sends_the_template_with_typed_params_and_rotates_the_oa_token(
    app, point, fast_retries, monkeypatch
):
    zns, oauth = FakeGateway(), FakeGateway()
    try:
        for name, value in {
            "NOTIFY_ZNS_PROVIDER": "zalo",
            "ZALO_ZNS_URL": zns.url + "/message/template",
            "ZALO_OAUTH_URL": oauth.url + "/v4/oa/access_token",
            "ZALO_APP_ID": "app1",
            "ZALO_APP_SECRET": "s3cret",
            "ZALO_REFRESH_TOKEN": "refresh-1",
            "ZALO_ZNS_TEMPLATES": {"called": "231456"},
        }.items():
            monkeypatch.setitem(app.config, name, value)
        oauth.plan = [
            (200, {"access_token": "access-1", "refresh_token": "refresh-2", "expires_in": "90000"}, {}),
            (200, {"access_token": "access-2", "refresh_token": "refresh-3", "expires_in": "90000"}, {}),
        ]
        zns.default = (200, {"error": 0, "message": "Success", "data": {"msg_id": "zmsg"}}, {})
        # The second message finds its token revoked early: one refresh, then it goes through.
        zns.plan = [zns.default, (200, {"error": -124, "message": "Access token is invalid"}, {})]
        subscription = outbox.subscribe(point.id, "zns", "0912345678")
        outbox.queue_message("called", PARAMS, "t1:call1", subscription=subscription)
        outbox.queue_message("called", PARAMS, "t1:call2", subscription=subscription)
        db.session.commit()
        drain()
        first = zns.received[0]
        assert first[1]["access_token"] == "access-1"
        assert first[2]["template_id"] == "231456" and first[2]["phone"] == "84912345678"
        assert first[2]["template_data"] == {"ticket": "B012", "desk": 2}  # typed: the desk is a number
        assert len(first[2]["tracking_id"]) == 32
        assert [r[1]["access_token"] for r in zns.received[1:]] == ["access-1", "access-2"]
        forms = [parse_qs(r[2].decode()) for r in oauth.received]
        assert [f["refresh_token"] for f in forms] == [["refresh-1"], ["refresh-2"]]  # each used once
        assert forms[0]["grant_type"] == ["refresh_token"] and oauth.received[0][1]["secret_key"] == "s3cret"
        token = db.session.get(ProviderToken, "zalo_oa")
        assert (token.access_token, token.refresh_token) == ("access-2", "refresh-3")
        statuses = [n.status for n in db.session.scalars(db.select(Notification))]
        assert statuses == ["sent", "sent"]
    finally:
        zns.close()
        oauth.close()


def test_zns_without_a_template_for_the_event_fails_with_the_reason(app, point, fast_retries, monkeypatch):
    monkeypatch.setitem(app.config, "NOTIFY_ZNS_PROVIDER", "zalo")
    monkeypatch.setitem(app.config, "ZALO_ZNS_TEMPLATES", {})
    subscription = outbox.subscribe(point.id, "zns", "0912345678")
    outbox.queue_message("recalled", PARAMS, "t1:call2", subscription=subscription)
    db.session.commit()
    drain()
    notification = db.session.scalars(db.select(Notification)).one()
    assert notification.status == "failed" and "no template id for 'recalled'" in notification.last_error


def browser_keys():
    private = ec.generate_private_key(ec.SECP256R1())
    public = private.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return private, b64(public), os.urandom(16)


def test_web_push_is_signed_encrypted_and_tagged_so_a_repeat_replaces_it(
    app, point, gateway, fast_retries, monkeypatch
):
    monkeypatch.setitem(app.config, "NOTIFY_PUSH_PROVIDER", "webpush")
    gateway.default = (201, None, {"Location": "/m/1"})
    private, p256dh, auth = browser_keys()
    subscription = outbox.subscribe(
        point.id, "push", gateway.url + "/push/abc", p256dh=p256dh, auth=b64(auth)
    )
    outbox.queue_message("called", {**PARAMS, "tag": "B012"}, "t1:call1", subscription=subscription)
    db.session.commit()
    drain()
    path, headers, body = gateway.received[0]
    assert path == "/push/abc" and headers["authorization"].startswith("vapid t=")
    assert len(headers["topic"]) == 32 and headers["content-encoding"] == "aes128gcm"
    payload = json.loads(http_ece.decrypt(body, private_key=private, auth_secret=auth, version="aes128gcm"))
    assert payload == {
        "title": "Số B012",
        "body": "Mời số B012 đến quầy 2.",
        "url": "http://192.0.2.1/t/abc",
        "tag": "B012",
    }
    assert db.session.scalars(db.select(Notification)).one().status == "sent"


def test_a_push_subscription_the_service_says_is_gone_is_stopped(
    app, point, gateway, fast_retries, monkeypatch
):
    monkeypatch.setitem(app.config, "NOTIFY_PUSH_PROVIDER", "webpush")
    gateway.default = (410, None, {})
    _, p256dh, auth = browser_keys()
    subscription = outbox.subscribe(
        point.id, "push", gateway.url + "/push/abc", p256dh=p256dh, auth=b64(auth)
    )
    outbox.queue_message("called", PARAMS, "t1:call1", subscription=subscription)
    subscription_id = subscription.id
    db.session.commit()
    drain()
    assert db.session.scalars(db.select(Notification)).one().status == "failed"
    subscription = db.session.get(NotifySubscription, subscription_id)
    assert subscription.stopped_at is not None
    assert outbox.queue_message("recalled", PARAMS, "t1:call2", subscription=subscription) is None


def test_the_service_worker_covers_the_whole_site_and_the_manifest_installs_it(client):
    sw = client.get("/sw.js")
    assert sw.status_code == 200 and sw.mimetype == "application/javascript"
    assert sw.headers["Service-Worker-Allowed"] == "/" and "showNotification" in sw.get_data(as_text=True)
    manifest = client.get("/manifest.webmanifest")
    assert manifest.mimetype == "application/manifest+json"
    assert manifest.get_json()["display"] == "standalone" and manifest.get_json()["scope"] == "/"
