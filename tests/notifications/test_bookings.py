"""Bookings: a confirmation when the resident chooses messages, then two reminders, each sent once."""

import json
from datetime import date, time

import pytest

from app.extensions import db
from app.models import Appointment, Procedure
from app.notifications.bookings import send_due_reminders
from app.notifications.sender import sweep
from tests.conftest import csrf_token, text_of
from tests.notifications.conftest import drain


@pytest.fixture
def booking(demo, esms):
    procedure = Procedure.query.filter_by(code="khai-sinh").one()
    appointment = Appointment(
        point_id=demo.id,
        procedure_id=procedure.id,
        team_id=procedure.team_id,
        day=date(2026, 11, 27),
        start=time(9, 30),
        end=time(9, 45),
        code="K7MQ3X",
        token="tok-" + "b" * 20,
        name="Nguyễn Văn A",
        phone="0912345678",
    )
    db.session.add(appointment)
    db.session.commit()
    return appointment


def choose(client, appointment, **data):
    url = f"/a/{appointment.token}/notify"
    fields = {"channel": "sms", "phone": "0912 345 678", "consent": "y", **data}
    return client.post(url, data={"csrf_token": csrf_token(client, url), **fields})


def test_a_booking_gets_its_confirmation_and_each_reminder_once(client, booking, esms, clock):
    clock(2026, 11, 26, 10, 0)
    page = client.get(f"/a/{booking.token}/notify")
    assert "lời nhắc" in text_of(page) or "nhắc" in text_of(page)
    assert choose(client, booking).status_code == 303
    drain()
    assert esms.bodies()[0]["Content"].startswith("Lich hen K7M-Q3X")
    clock(2026, 11, 26, 17, 59)
    assert send_due_reminders() == 0
    clock(2026, 11, 26, 18, 0)
    assert send_due_reminders() == 1
    assert send_due_reminders() == 0  # another worker's scheduler, the same minute: nothing new
    drain()
    assert "ngay mai 27/11/2026 luc 09:30" in esms.bodies()[1]["Content"]
    clock(2026, 11, 27, 8, 29)
    assert send_due_reminders() == 0
    clock(2026, 11, 27, 8, 31)
    assert send_due_reminders() == 1
    drain()
    assert "hom nay luc 09:30" in esms.bodies()[2]["Content"]
    assert len(esms.received) == 3


def test_a_cancelled_booking_gets_no_reminder(client, booking, esms, clock):
    clock(2026, 11, 26, 10, 0)
    choose(client, booking)
    booking = db.session.merge(booking)
    booking.status = "cancelled"
    db.session.commit()
    clock(2026, 11, 26, 18, 0)
    assert send_due_reminders() == 0


def test_the_booking_page_offers_reminders_and_shows_the_choice(client, booking, clock):
    clock(2026, 11, 26, 10, 0)
    assert "Nhận lời nhắc" in text_of(client.get(f"/appointments/b/{booking.token}"))
    choose(client, booking)
    assert "091****678" in text_of(client.get(f"/appointments/b/{booking.token}"))


def test_messages_held_overnight_are_not_sent_once_the_booking_has_moved_or_been_cancelled(
    app, client, booking, esms, clock, monkeypatch
):
    """A resident books at night (messages wait for 07:00), then moves the booking and cancels it:
    in the morning they were told the old time was confirmed and nothing about the new one."""
    from app.models.notify import Notification, NotifySubscription

    monkeypatch.setitem(app.config, "NOTIFY_QUIET_HOURS", ("21:00", "07:00"))
    clock(2026, 11, 25, 22, 0)  # quiet hours: the confirmation waits for the morning
    choose(client, booking)
    drain()
    assert esms.received == []
    url = f"/appointments/b/{booking.token}/move"
    token = csrf_token(client, url + "?day=2026-11-27&slot=10:00")  # the confirm page
    moved = client.post(url, data={"csrf_token": token, "day": "2026-11-27", "slot": "10:00"})
    assert moved.status_code == 303
    clock(2026, 11, 26, 7, 1)
    sweep()  # the periodic sweep hands on what waited for the morning
    drain()
    assert [body["Content"] for body in esms.bodies()] == [esms.bodies()[0]["Content"]]  # one message
    assert "27/11/2026 luc 10:00" in esms.bodies()[0]["Content"]  # the new time, not 09:30
    skipped = Notification.query.filter_by(status="skipped").one()
    assert json.loads(skipped.params)["time"] == "09:30"
    url = f"/appointments/b/{booking.token}/cancel"
    assert client.post(url, data={"csrf_token": csrf_token(client, url)}).status_code == 303
    subscription = NotifySubscription.query.one()
    assert subscription.stopped_at is not None and subscription.address == ""  # the number goes, as promised
    clock(2026, 11, 26, 18, 0)
    assert send_due_reminders() == 0


def test_stopping_a_bookings_messages_drops_what_waits_for_the_morning_and_erases_the_number(
    app, client, booking, esms, clock, monkeypatch
):
    """Stopping only marked the choice: the confirmation held back for 07:00 still went out, to a
    number the page said was erased."""
    from app.models.notify import Notification, NotifySubscription

    monkeypatch.setitem(app.config, "NOTIFY_QUIET_HOURS", ("21:00", "07:00"))
    clock(2026, 11, 25, 22, 0)
    choose(client, booking)
    url = f"/a/{booking.token}/notify/stop"
    assert (
        client.post(
            url, data={"csrf_token": csrf_token(client, f"/appointments/b/{booking.token}")}
        ).status_code
        == 303
    )
    clock(2026, 11, 26, 7, 1)
    sweep()
    drain()
    assert esms.received == []
    assert NotifySubscription.query.one().address == ""
    assert [(n.status, n.address) for n in Notification.query.all()] == [("skipped", None)]
