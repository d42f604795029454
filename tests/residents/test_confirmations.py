"""One tap never destroys: cancelling a booking or a number, or marking a no-show, asks first on a page with its own form."""

from datetime import date, time

import pytest

from app.extensions import db
from app.models import Procedure
from app.services import appointments as service
from tests.conftest import csrf_token, html, text_of

HX = {"HX-Request": "true"}


@pytest.fixture
def booking(clock, demo):
    clock(2026, 11, 26, 8, 0)
    procedure = Procedure.query.filter_by(code="khai-sinh").one()
    return service.book(
        demo, procedure, date(2026, 11, 27), time(9), "Nguyễn Thị Lan", "0912345678", "127.0.0.1"
    )


@pytest.mark.parametrize("headers", [{}, HX])
def test_cancelling_a_booking_asks_first(client, booking, headers):
    page = f"/appointments/b/{booking.token}"
    shown = html(client.get(page, headers=headers))
    assert shown.find("form", action=f"{page}/cancel") is None  # no one-tap cancel on the booking page
    link = shown.find("a", href=f"{page}/cancel")
    assert link.get_text(strip=True) == "Hủy lịch hẹn này"
    confirm = client.get(f"{page}/cancel", headers=headers)
    assert confirm.headers["Cache-Control"] == "no-store"
    words = text_of(confirm)
    assert "Hủy lịch hẹn này?" in words and "09:00–09:30" in words and "27/11/2026" in words
    assert html(confirm).find("a", string="Không, giữ lịch hẹn")["href"] == page
    db.session.expire_all()
    assert booking.status == "booked"  # looking at the question changes nothing
    response = client.post(f"{page}/cancel", data={"csrf_token": csrf_token(client, f"{page}/cancel")})
    assert response.status_code == 303
    db.session.expire_all()
    assert booking.status == "cancelled"
    assert client.get(f"{page}/cancel").headers["Location"].endswith(page)  # nothing left to cancel


@pytest.mark.parametrize("headers", [{}, HX])
def test_marking_a_resident_not_present_asks_first(staff_client, demo, clock, headers):
    from app.models import Desk, Ticket
    from app.services import queue

    clock(2026, 11, 26, 9, 0)
    desk = Desk.query.filter_by(point_id=demo.id, number=2).one()  # the online team: birth registration
    ticket = queue.issue_ticket(demo, Procedure.query.filter_by(code="khai-sinh").one(), channel="phone")
    queue.call_next(desk)
    console = html(staff_client.get(f"/desk/{desk.id}", headers=headers))
    ask = f"/desk/{desk.id}/tickets/{ticket.id}/no-show"
    assert console.find("form", action=ask) is None
    assert console.find("a", href=ask).get_text(strip=True) == "Vắng mặt"
    question = staff_client.get(ask, headers=headers)
    assert question.headers["Cache-Control"] == "no-store"
    assert f"Đánh dấu {ticket.label} vắng mặt?" in text_of(question)
    assert html(question).find(id="desk-console").find("form", action=ask)
    db.session.expire_all()
    assert db.session.get(Ticket, ticket.id).status == "called"
    staff_client.post(ask, data={"csrf_token": csrf_token(staff_client, ask)}, headers=headers)
    db.session.expire_all()
    assert db.session.get(Ticket, ticket.id).status == "no_show"
    assert staff_client.get(ask).status_code == 303  # nothing left to ask about


@pytest.mark.parametrize("headers", [{}, HX])
def test_cancelling_a_number_asks_first_on_a_page_of_its_own(client, demo, clock, headers):
    from app.models import Ticket
    from app.services import queue

    clock(2026, 11, 26, 9, 0)
    ticket = queue.issue_ticket(demo, Procedure.query.filter_by(code="khai-sinh").one(), channel="phone")
    page = f"/t/{ticket.token}"
    shown = html(client.get(page))
    assert shown.find("form", action=f"{page}/cancel") is None  # no one-tap cancel on the ticket page
    assert shown.find("a", href=f"{page}/cancel").get_text(strip=True) == "Hủy số của tôi"
    assert "/cancel" not in client.get(page, headers=HX).get_data(as_text=True)  # nor in the polled card
    question = client.get(f"{page}/cancel", headers=headers)
    assert question.headers["Cache-Control"] == "no-store"
    assert f"Hủy số {ticket.label}?" in text_of(question)
    assert html(question).find("a", string="Không, giữ chỗ của tôi")["href"] == page
    db.session.expire_all()
    assert db.session.get(Ticket, ticket.id).status == "waiting"  # looking at the question changes nothing
    token = html(question).find("form", action=f"{page}/cancel").find("input", attrs={"name": "csrf_token"})
    assert client.post(f"{page}/cancel", data={"csrf_token": token["value"]}).status_code == 303
    db.session.expire_all()
    assert db.session.get(Ticket, ticket.id).status == "cancelled"
    assert client.get(f"{page}/cancel").headers["Location"] == page  # nothing left to cancel
