"""At the office PC printing the slip is the obvious path; a checked-in booking shows its queue number."""

from datetime import date, time

import pytest

from app.extensions import db
from app.models import Procedure, Ticket
from app.services import appointments as service
from tests.conftest import csrf_token, html, text_of


@pytest.fixture
def open_demo(demo, clock):
    clock(2026, 11, 26, 9, 0)  # Thursday morning, the point is open
    return demo


def submit_buttons(page):
    form = page.find("form", action="/tickets")
    return [b for b in form.find_all("button") if b.get("type", "submit") == "submit"]


def take(client, **fields):
    data = {"procedure": "khai-sinh", "csrf_token": csrf_token(client, "/tickets/new"), **fields}
    return client.post("/tickets", data=data)


def test_at_the_office_the_first_button_takes_a_number_and_prints(volunteer_client, open_demo):
    buttons = submit_buttons(html(volunteer_client.get("/tickets/new")))
    # The first submit button is what Enter presses: at the office it prints.
    assert buttons[0].get_text(strip=True) == "Lấy số và in"
    assert buttons[0]["name"] == "print" and "app-button--secondary" not in buttons[0]["class"]
    assert buttons[1].get_text(strip=True) == "Lấy số, không in phiếu"
    response = take(volunteer_client, print=buttons[0]["value"], paper="80")
    token = Ticket.query.one().token
    assert response.status_code == 303
    assert response.headers["Location"].startswith(f"/t/{token}/print")


def test_the_slip_prints_itself_and_links_to_the_residents_page(volunteer_client, open_demo):
    take(volunteer_client, print="1")
    token = Ticket.query.one().token
    page = html(volunteer_client.get(f"/t/{token}/print"))
    assert page.find(attrs={"data-autoprint": True}) is not None  # queue.js prints on load
    assert page.find("button", attrs={"data-print": True}).get_text(strip=True) == "In"
    assert "Ctrl+P" in page.find("noscript").get_text()  # without JS, say how to print
    assert page.find("a", href=f"/t/{token}").get_text(strip=True) == "Mở trang của người dân"


def test_an_office_ticket_taken_without_printing_still_offers_the_slip(volunteer_client, open_demo):
    response = take(volunteer_client)
    token = Ticket.query.one().token
    assert response.headers["Location"] == f"/t/{token}"
    link = html(volunteer_client.get(f"/t/{token}")).find("a", href=f"/t/{token}/print")
    assert link.get_text(strip=True) == "In phiếu"


def test_a_resident_taking_a_number_lands_on_their_page_without_print_offers(client, open_demo):
    buttons = submit_buttons(html(client.get("/tickets/new")))
    assert [b.get_text(strip=True) for b in buttons] == ["Lấy số"]
    response = take(client, print="1")  # a forged print field changes nothing for the public
    token = Ticket.query.one().token
    assert response.status_code == 303 and response.headers["Location"] == f"/t/{token}"
    assert html(client.get(f"/t/{token}")).find("a", href=f"/t/{token}/print") is None


@pytest.mark.parametrize("headers", [{}, {"HX-Request": "true"}])
def test_a_checked_in_booking_shows_its_queue_number(client, open_demo, clock, headers):
    clock(2026, 11, 26, 8, 0)
    procedure = Procedure.query.filter_by(code="khai-sinh").one()
    booking = service.book(
        open_demo, procedure, date(2026, 11, 26), time(9), "Nguyễn Thị Lan", "0912345678", "x"
    )
    page = f"/appointments/b/{booking.token}"
    assert "Số thứ tự của bạn" not in text_of(client.get(page, headers=headers))
    clock(2026, 11, 26, 9, 0)
    ticket = service.check_in(booking)
    db.session.commit()
    shown = html(client.get(page, headers=headers))
    assert f"Số thứ tự của bạn: {ticket.label}" in " ".join(shown.get_text(" ", strip=True).split())
    assert shown.find("a", href=f"/t/{ticket.token}", string=ticket.label) is not None
    assert ticket.label.startswith("B")
