"""A resident who chose SMS hears about their number: issued, còn 3 người, leave now, the call; once each."""

from app.extensions import db
from app.models import Notification, NotifySubscription
from app.services import queue
from tests.conftest import csrf_token, html, text_of
from tests.notifications.conftest import drain


def choose_sms(client, ticket, lead="5", **extra):
    url = f"/t/{ticket.token}/notify"
    data = {"channel": "sms", "phone": "0912 345 678", "lead_minutes": lead, "consent": "y", **extra}
    return client.post(url, data={"csrf_token": csrf_token(client, url), **data})


def serve_next(desk):
    ticket = queue.call_next(desk)
    drain()
    queue.start(db.session.merge(ticket), desk)
    queue.finish(db.session.merge(ticket), desk)
    drain()
    return ticket


def test_a_resident_gets_issued_ahead_3_leave_now_and_the_call_once_each(client, line, esms):
    tickets, desk = line
    mine = tickets[5]
    assert choose_sms(client, mine).status_code == 303
    drain()
    for _ in range(5):
        serve_next(desk)
    queue.call_next(desk)
    drain()
    texts = [body["Content"] for body in esms.bodies()]
    assert texts[0].startswith("So cua ban la B006 tai ") and "Con 5 nguoi truoc ban" in texts[0]
    assert texts[1:] == [
        "B006: con 3 nguoi truoc ban.",
        "B006: sap den luot ban. Moi ban den diem phuc vu ngay bay gio.",
        "Moi so B006 den quay 2.",
    ]
    assert {body["Phone"] for body in esms.bodies()} == {"84912345678"}


def test_a_longer_way_back_means_leave_now_comes_earlier(client, line, esms):
    tickets, desk = line
    assert choose_sms(client, tickets[5], lead="30").status_code == 303
    drain()
    serve_next(desk)  # 4 ahead: with one desk at 15 minutes each, about 60 minutes
    serve_next(desk)  # 3 ahead, about 45 minutes: "còn 3 người"
    serve_next(desk)  # 2 ahead, about 30 minutes: within the 30 the resident needs
    texts = [body["Content"] for body in esms.bodies()]
    assert texts[1:] == [
        "B006: con 3 nguoi truoc ban.",
        "B006: sap den luot ban. Moi ban den diem phuc vu ngay bay gio.",
    ]


def test_a_rolled_back_call_sends_nothing(client, line, esms):
    tickets, desk = line
    choose_sms(client, tickets[0])
    drain()
    sent = len(esms.received)
    ticket = db.session.merge(tickets[0])
    ticket.status, ticket.desk_id, ticket.call_count = "called", desk.id, 1
    db.session.flush()  # the move is recorded and its message written in the transaction...
    assert db.session.scalar(db.select(db.func.count(Notification.id))) == 2
    db.session.rollback()  # ...and both vanish with it
    drain()
    assert len(esms.received) == sent
    assert db.session.scalar(db.select(db.func.count(Notification.id))) == 1


def test_stopping_the_messages_erases_the_number_and_sends_nothing_more(client, line, esms):
    tickets, desk = line
    choose_sms(client, tickets[0])
    drain()
    page = client.get(f"/t/{tickets[0].token}")
    assert "091****678" in text_of(page)
    form = html(page).find("form", action=f"/t/{tickets[0].token}/notify/stop")
    client.post(
        form["action"], data={"csrf_token": form.find("input", attrs={"name": "csrf_token"})["value"]}
    )
    queue.call_next(desk)
    drain()
    assert len(esms.received) == 1  # only the first message
    subscription = db.session.scalars(db.select(NotifySubscription)).one()
    assert subscription.stopped_at is not None and subscription.address == ""
    assert "091****678" not in text_of(client.get(f"/t/{tickets[0].token}"))


def test_the_choice_form_explains_consent_and_keeps_what_was_typed_on_error(client, line):
    tickets, _ = line
    response = choose_sms(client, tickets[0], phone="12345", consent="")
    assert response.status_code == 400
    page = html(response)
    assert page.title.string.startswith("Lỗi")
    assert page.find("input", attrs={"name": "phone"})["value"] == "12345"
    errors = text_of(response)
    assert "0912 345 678" in errors and "Đánh dấu" in errors or "đồng ý" in errors
    assert "xoá" in errors or "xóa" in errors  # how long the number is kept
    assert db.session.scalars(db.select(NotifySubscription)).all() == []


def test_the_choice_page_works_in_english(client, line, esms):
    tickets, _ = line
    client.get("/lang/en")
    choose_sms(client, tickets[5])
    drain()
    assert esms.bodies()[0]["Content"].startswith("Your number is B006")


def test_a_bug_in_the_messages_does_not_stop_the_desk_calling(client, line, esms, monkeypatch):
    from app.notifications import queue_events

    tickets, desk = line
    choose_sms(client, tickets[0])
    drain()
    monkeypatch.setattr(queue_events, "ticket_moved", lambda *a: 1 / 0)
    called = queue.call_next(desk)
    assert called.status == "called"
