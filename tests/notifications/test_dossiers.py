"""Dossier news to the resident who chose it on the receipt: received, papers missing, result ready,
nearly overdue; each once, through the real eSMS client; nothing after opting out or the dossier's end."""

from datetime import timedelta
from types import SimpleNamespace

import pytest

from app.extensions import db
from app.models import Dossier, ServicePoint, User
from app.models.notify import Notification, NotifySubscription
from app.notifications.dossier_events import send_nearly_overdue
from app.services import dossiers as service
from tests.conftest import csrf_token, html, sign_in, text_of
from tests.dossiers.test_wizard import fill, start
from tests.notifications.conftest import drain


@pytest.fixture
def submitted(client, demo, esms, clock):
    """A birth dossier the resident submitted on Monday 7 December 2026 (this browser holds it)."""
    clock(2026, 12, 7, 9, 0)
    dossier_id, token = start(client)
    fill(client, dossier_id, token)
    client.post(f"/dossiers/{dossier_id}/check", data={"csrf_token": token})
    dossier = db.session.get(Dossier, dossier_id)
    return SimpleNamespace(id=dossier.id, code=dossier.code)  # the worker's drain() ends the session


def choose_sms(client, dossier):
    url = f"/dossiers/{dossier.id}/notify"
    data = {"channel": "sms", "phone": "0912 345 678", "consent": "y"}
    return client.post(url, data={"csrf_token": csrf_token(client, url), **data})


def staff_moves(dossier_id, to_status, note=None):
    dossier = db.session.get(Dossier, dossier_id)
    service.move(dossier, to_status, note, User.query.filter_by(username="canbo").first())
    drain()


def test_the_receipt_offers_sms_zalo_or_push_and_says_none_is_fine(client, submitted):
    page = html(client.get(f"/dossiers/{submitted.id}/receipt"))
    offer = page.find(id="notify")
    assert offer.find("a", href=f"/dossiers/{submitted.id}/notify")
    assert offer.find("button", attrs={"data-push": True})["data-url"] == f"/dossiers/{submitted.id}/push"
    choice = client.get(f"/dossiers/{submitted.id}/notify")
    assert 'value="0912345678"' in choice.text  # the applicant's number, to confirm or change
    assert "HS-" in text_of(choice) and "Zalo" in text_of(choice)


def test_each_status_reaches_the_resident_once(client, submitted, esms):
    assert choose_sms(client, submitted).status_code == 303
    drain()
    assert submitted.code in esms.bodies()[0]["Content"]
    assert "0912" in text_of(client.get(f"/dossiers/{submitted.id}/receipt"))
    staff_moves(submitted.id, "supplement", "Thiếu giấy chứng sinh bản chính")
    staff_moves(submitted.id, "received")
    staff_moves(submitted.id, "processing")  # nothing to tell
    staff_moves(submitted.id, "completed")
    texts = [body["Content"] for body in esms.bodies()[1:]]
    assert len(texts) == 3, texts
    assert "bo sung" in texts[0]
    assert "da duoc tiep nhan" in texts[1] and "/12/2026" in texts[1]
    assert "da co ket qua" in texts[2]
    assert all(body["Phone"] == "84912345678" for body in esms.bodies())
    staff_moves(submitted.id, "returned")  # the end: the number is erased
    subscription = NotifySubscription.query.filter_by(dossier_id=submitted.id).one()
    assert subscription.stopped_at is not None and subscription.address == ""
    assert len(esms.received) == 4


def test_a_dossier_received_again_after_a_supplement_is_told_again(client, submitted, esms):
    choose_sms(client, submitted)
    staff_moves(submitted.id, "received")
    staff_moves(submitted.id, "supplement", "Thiếu bản sao")
    staff_moves(submitted.id, "received")
    received = [b for b in esms.bodies() if "da duoc tiep nhan" in b["Content"]]
    assert len(received) == 2 and received[0]["RequestId"] != received[1]["RequestId"]


def test_nearly_overdue_goes_out_once_on_the_working_day_before(client, submitted, esms, clock):
    choose_sms(client, submitted)
    staff_moves(submitted.id, "received")
    due = db.session.get(Dossier, submitted.id).due_date
    clock(due.year, due.month, due.day, 9, 0)
    assert send_nearly_overdue(due - timedelta(days=7)) == 0
    assert send_nearly_overdue(due) == 1
    assert send_nearly_overdue(due) == 0  # another worker's scheduler: nothing new
    drain()
    assert f"{due:%d/%m/%Y}" in esms.bodies()[-1]["Content"]


def test_stopping_erases_the_number_and_sends_nothing_more(client, submitted, esms):
    choose_sms(client, submitted)
    drain()
    url = f"/dossiers/{submitted.id}/receipt"
    stop = client.post(f"/dossiers/{submitted.id}/notify/stop", data={"csrf_token": csrf_token(client, url)})
    assert stop.status_code == 303
    staff_moves(submitted.id, "received")
    assert len(esms.received) == 1
    assert NotifySubscription.query.filter_by(dossier_id=submitted.id).one().address == ""
    assert html(client.get(url)).find("a", href=f"/dossiers/{submitted.id}/notify")


def test_only_the_browser_holding_the_dossier_may_choose(app, submitted):
    other = app.test_client()
    assert other.get(f"/dossiers/{submitted.id}/notify").status_code == 404
    assert other.post(f"/dossiers/{submitted.id}/push", json={}).status_code in (400, 404)


def test_push_for_a_dossier_is_kept_with_its_keys(client, submitted):
    url = f"/dossiers/{submitted.id}/receipt"
    subscription = {
        "endpoint": "https://push.example.net/send/abc",
        "keys": {"p256dh": "B" + "x" * 86, "auth": "a" * 22},
    }
    response = client.post(
        f"/dossiers/{submitted.id}/push",
        json=subscription,
        headers={"X-CSRFToken": csrf_token(client, f"/dossiers/{submitted.id}/notify")},
    )
    assert response.status_code == 204
    kept = NotifySubscription.query.filter_by(dossier_id=submitted.id, channel="push").one()
    assert kept.push_auth == "a" * 22
    assert "thông báo" in text_of(client.get(url))


def test_staff_record_the_choice_of_a_resident_at_the_desk(app, submitted, esms, make_user):
    staff = sign_in(app.test_client(), make_user("staff", point=db.session.get(Dossier, submitted.id).point))
    detail = f"/staff/dossiers/{submitted.id}"
    offer = html(staff.get(detail)).find(id="notify")
    assert offer.find("a", href=f"/staff/dossiers/{submitted.id}/notify")
    url = f"/staff/dossiers/{submitted.id}/notify"
    data = {"channel": "zns", "phone": "0912 345 678", "consent": "y", "csrf_token": csrf_token(staff, url)}
    assert staff.post(url, data=data).headers["Location"] == detail
    assert "091****678" in text_of(staff.get(detail))
    staff_moves(submitted.id, "received")  # Zalo goes through the log provider here
    sent = Notification.query.filter_by(event="dossier_received").one()
    assert (sent.channel, sent.status) == ("zns", "sent")
    elsewhere = ServicePoint(slug="tdp9", name_vi="TDP 9", ward="Tân Giang", address="9 Đường B")
    db.session.add(elsewhere)
    db.session.commit()
    stranger = sign_in(app.test_client(), make_user("staff", point=elsewhere))
    assert stranger.get(url).status_code == 404


def test_at_the_desk_the_resident_chooses_the_language_of_the_messages(app, submitted, esms, make_user):
    staff = sign_in(app.test_client(), make_user("staff", point=db.session.get(Dossier, submitted.id).point))
    url = f"/staff/dossiers/{submitted.id}/notify"
    page = html(staff.get(url))
    assert page.find("input", attrs={"name": "lang", "value": "vi"}).has_attr("checked")
    data = {"channel": "sms", "phone": "0912 345 678", "consent": "y", "csrf_token": csrf_token(staff, url)}
    refused = staff.post(url, data={**data, "lang": "fr"})
    assert "Lựa chọn không hợp lệ" in text_of(refused)
    assert html(refused).find("input", attrs={"name": "phone"})["value"] == "0912 345 678"
    staff.post(url, data={**data, "lang": "en"})
    staff_moves(submitted.id, "received")
    sent = Notification.query.filter_by(event="dossier_received").one()
    assert (sent.channel, sent.lang) == ("sms", "en")
