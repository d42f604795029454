"""The outbox and the SMS gateway: sent once after commit, nothing after a rollback, retries, failures."""

from app.extensions import db
from app.models import DeliveryAttempt, Notification
from app.notifications import outbox
from app.notifications.sender import sweep
from tests.conftest import text_of
from tests.notifications.conftest import drain

PARAMS = {"ticket": "B012", "desk": 2}


def only(model=Notification):
    db.session.expire_all()
    return db.session.scalars(db.select(model)).one()


def test_a_committed_call_reaches_the_gateway_once_as_one_unaccented_segment(esms, sms_subscriber):
    outbox.queue_message("called", PARAMS, "t1:call1", subscription=sms_subscriber)
    db.session.commit()
    drain()
    drain()  # a second pass finds nothing left to send
    [body] = esms.bodies()
    assert body["Phone"] == "84912345678"
    assert body["Content"] == "Moi so B012 den quay 2."
    assert len(body["Content"]) <= 160 and body["Content"].isascii()
    assert body["Brandname"] == "TDP12" and len(body["RequestId"]) == 32
    notification = only()
    assert notification.status == "sent" and notification.provider_ref == "sms-1"
    assert notification.to_masked == "091****678"


def test_a_rolled_back_change_sends_nothing(esms, sms_subscriber):
    outbox.queue_message("called", PARAMS, "t1:call1", subscription=sms_subscriber)
    db.session.rollback()
    drain()
    sweep()
    drain()
    assert esms.received == []
    assert db.session.scalars(db.select(Notification)).all() == []


def test_the_same_move_queued_twice_is_one_message(esms, sms_subscriber):
    first = outbox.queue_message("called", PARAMS, "t1:call1", subscription=sms_subscriber)
    again = outbox.queue_message("called", PARAMS, "t1:call1", subscription=sms_subscriber)
    db.session.commit()
    drain()
    assert first is not None and again is None
    assert len(esms.received) == 1


def test_a_stopped_subscription_gets_nothing(esms, sms_subscriber):
    outbox.stop(sms_subscriber)
    db.session.commit()
    assert outbox.queue_message("called", PARAMS, "t1:call1", subscription=sms_subscriber) is None
    db.session.commit()
    drain()
    assert esms.received == []


def test_5xx_and_429_are_retried_after_the_retry_after_the_gateway_asked_for(esms, sms_subscriber, clock):
    esms.plan = [(503, {"error": "busy"}, {}), (429, {"error": "slow down"}, {"Retry-After": "120"})]
    clock(2026, 11, 26, 9, 0)
    outbox.queue_message("called", PARAMS, "t1:call1", subscription=sms_subscriber)
    db.session.commit()
    drain()
    notification = only()
    assert notification.status == "pending" and "HTTP 503" in notification.last_error
    db.session.commit()
    clock(2026, 11, 26, 9, 0, 1)
    sweep()
    drain()
    notification = only()
    assert notification.status == "pending" and "HTTP 429" in notification.last_error
    db.session.commit()
    clock(2026, 11, 26, 9, 1, 0)  # a minute later: still inside the two minutes the gateway asked for
    sweep()
    drain()
    assert only().status == "pending" and len(esms.received) == 2
    db.session.commit()
    clock(2026, 11, 26, 9, 2, 2)
    sweep()
    drain()
    notification = only()
    assert notification.status == "sent" and notification.attempts == 3
    assert len({body["RequestId"] for body in esms.bodies()}) == 1  # one idempotency key for all tries


def test_a_gateway_that_does_not_answer_in_time_is_retried(esms, sms_subscriber):
    esms.plan = [("sleep", 2)]
    outbox.queue_message("called", PARAMS, "t1:call1", subscription=sms_subscriber)
    db.session.commit()
    drain()
    notification = only()
    assert notification.status == "pending" and "no answer within" in notification.last_error


def test_a_retry_after_a_lost_answer_is_refused_as_a_duplicate_and_counts_as_sent(
    esms, sms_subscriber, clock
):
    clock(2026, 11, 26, 9, 0)
    esms.plan = [("sleep", 2)]  # eSMS takes the text, its answer comes too late
    outbox.queue_message("called", PARAMS, "t1:call1", subscription=sms_subscriber)
    db.session.commit()
    drain()
    assert only().status == "pending"
    db.session.commit()
    clock(2026, 11, 26, 9, 1)
    sweep()
    drain()
    notification = only()
    assert notification.status == "sent" and "duplicate" in notification.provider_ref
    assert len(esms.received) == 2 and len(esms.taken) == 1  # the phone got one text


def test_a_blocked_number_fails_at_once(esms, sms_subscriber):
    esms.plan = [(200, {"CodeResult": "99", "ErrorMessage": "Phone is blocked"}, {})]
    outbox.queue_message("called", PARAMS, "t1:call1", subscription=sms_subscriber)
    db.session.commit()
    drain()
    sweep()
    drain()
    assert only().status == "failed" and len(esms.received) == 1


def test_a_4xx_fails_with_the_reason_shown_to_staff(esms, sms_subscriber, point_staff):
    esms.plan = [(400, {"error": "Phone invalid"}, {})]
    outbox.queue_message("called", PARAMS, "t1:call1", subscription=sms_subscriber)
    db.session.commit()
    drain()
    sweep()
    drain()
    assert only().status == "failed" and len(esms.received) == 1
    page = text_of(point_staff.get("/staff/notifications"))
    assert "091****678" in page and "HTTP 400" in page and "Phone invalid" in page
    assert "0912345678" not in page


def test_an_esms_refusal_code_fails_without_retrying(esms, sms_subscriber):
    esms.plan = [(200, {"CodeResult": "103", "ErrorMessage": "Balance not enough"}, {})]
    outbox.queue_message("called", PARAMS, "t1:call1", subscription=sms_subscriber)
    db.session.commit()
    drain()
    notification = only()
    assert notification.status == "failed" and "CodeResult 103" in notification.last_error


def test_a_message_whose_hand_off_was_lost_is_found_by_the_sweep(esms, sms_subscriber):
    from app.notifications.engine import huey

    outbox.queue_message("called", PARAMS, "t1:call1", subscription=sms_subscriber)
    db.session.commit()
    huey.storage.flush_queue()  # the queue lost it (a crash between commit and enqueue)
    drain()
    assert esms.received == []
    sweep()
    drain()
    assert len(esms.received) == 1 and only().status == "sent"


def test_quiet_hours_hold_a_message_until_morning(app, esms, point, clock, monkeypatch):
    monkeypatch.setitem(app.config, "NOTIFY_QUIET_HOURS", ("21:00", "07:00"))
    clock(2026, 11, 26, 22, 30)
    outbox.queue_message(
        "test", {"point": "TDP 12"}, "x1", channel="sms", address="0912345678", point_id=point.id
    )
    db.session.commit()
    drain()
    assert esms.received == []
    assert only(DeliveryAttempt).outcome == "deferred"
    clock(2026, 11, 27, 6, 59)
    sweep()
    drain()
    assert esms.received == []
    clock(2026, 11, 27, 7, 1)
    sweep()
    drain()
    assert len(esms.received) == 1 and only().status == "sent"


def test_the_daily_quota_stops_sending_and_staff_see_it(app, esms, point, point_staff, monkeypatch):
    monkeypatch.setitem(app.config, "NOTIFY_DAILY_QUOTA", {"sms": 2, "zns": 2, "push": None})
    for n in range(3):
        outbox.queue_message(
            "test", {"point": "TDP 12"}, f"x{n}", channel="sms", address=f"091234567{n}", point_id=point.id
        )
    db.session.commit()
    drain()
    assert len(esms.received) == 2
    statuses = sorted(n.status for n in db.session.scalars(db.select(Notification)))
    assert statuses == ["sent", "sent", "skipped"]
    page = text_of(point_staff.get("/staff/notifications"))
    assert "daily limit was reached" in page or "giới hạn" in page
    assert "daily quota for this channel reached" in page


def test_healthz_keeps_status_ok_and_shows_the_workers_lag(client, esms, sms_subscriber, clock):
    clock(2026, 11, 26, 9, 0)
    outbox.queue_message("called", PARAMS, "t1:call1", subscription=sms_subscriber)
    db.session.commit()
    clock(2026, 11, 26, 9, 0, 42)
    answer = client.get("/healthz").get_json()
    assert answer["status"] == "ok"
    assert answer["notifications"] == {"lag_seconds": 42, "due": 1}
