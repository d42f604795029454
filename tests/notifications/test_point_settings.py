"""Each point sets when "còn N người" goes out and its own daily quotas; staff changes are audited."""

from app.extensions import db
from app.models import AuditEvent, Notification
from app.notifications import outbox
from tests.conftest import csrf_token, html, text_of
from tests.notifications.conftest import drain
from tests.notifications.test_queue_events import choose_sms, serve_next

LOG = "/staff/notifications"


def save(client, **data):
    return client.post(LOG + "/settings", data={"csrf_token": csrf_token(client, LOG), **data})


def test_a_point_that_says_4_and_2_sends_those(staff_client, client, line, esms):
    assert save(staff_client, ahead_at="2, 4", quota_sms="", quota_zns="").status_code == 303
    tickets, desk = line
    choose_sms(client, tickets[5], lead="5")
    drain()
    serve_next(desk)  # 4 ahead
    serve_next(desk)  # 3 ahead: nothing
    serve_next(desk)  # 2 ahead
    texts = [body["Content"] for body in esms.bodies()][1:]
    assert texts == ["B006: con 4 nguoi truoc ban.", "B006: con 2 nguoi truoc ban."]
    assert db.session.scalars(db.select(AuditEvent).filter_by(action="notify.settings")).one()


def test_a_point_quota_overrides_the_deployment_and_staff_see_it(staff_client, demo, esms):
    save(staff_client, ahead_at="3, 1", quota_sms="1", quota_zns="")
    for n in range(2):
        outbox.queue_message(
            "test", {"point": "TDP"}, f"x{n}", channel="sms", address=f"091234567{n}", point_id=demo.id
        )
    db.session.commit()
    drain()
    assert len(esms.received) == 1
    assert sorted(n.status for n in db.session.scalars(db.select(Notification))) == ["sent", "skipped"]
    page = html(staff_client.get(LOG))
    assert page.find("input", attrs={"name": "quota_sms"})["value"] == "1"
    assert "giới hạn" in text_of(staff_client.get(LOG)).lower()


def test_positions_that_are_not_numbers_are_refused_beside_the_field(staff_client, demo):
    response = save(staff_client, ahead_at="ba", quota_sms="", quota_zns="")
    assert response.status_code == 400
    assert html(response).find("input", attrs={"name": "ahead_at"})["value"] == "ba"
    assert "3, 1" in html(response).find(class_="app-error").get_text()
